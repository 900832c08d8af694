"""Convert Natural Earth's 1:110m country outlines (TopoJSON, from the npm package ``world-atlas``) into the
small file the map draws: ``kg/serve/static/world-110m.json``.

Run once when the outlines should change; the output is committed, so kg needs no network and no npm::

    curl -sO https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_outlines.py package/countries-110m.json

The output holds one SVG path per country in an equirectangular frame (x = longitude + 180, y = 90 − latitude,
so the whole world is the box 0 0 360 180), rounded to 0.1°, the frame any point is drawn in with the same
two formulas (:func:`kg.serve.geo.project`). Natural Earth is in the public domain; world-atlas is ISC-licensed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "serve" / "static" / "world-110m.json"
SOURCE = ("Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com), version 4.1.0, "
          "via the npm package world-atlas 2.0.2 (countries-110m.json, ISC); converted by scripts/build_world_outlines.py")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as lists of (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (a negative index ~i is arc i reversed); shared end points kept once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(r: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Fiji, Chukotka) kept continuous past ±180° instead of jumping
    across the map; a ring that goes right round the globe (Antarctica) is closed through its pole."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in r:
        if out and abs(lon + shift - out[-1][0]) > 180:
            shift += 360 if out[-1][0] > lon + shift else -360
        out.append((lon + shift, lat))
    if out and abs(out[-1][0] - out[0][0]) >= 180:
        pole = -90.0 if sum(lat for _, lat in out) < 0 else 90.0
        out += [(out[-1][0], pole), (out[0][0], pole)]
    return out


def path(rings: list[list[tuple[float, float]]]) -> str:
    """SVG path data in the equirectangular frame, 0.1° precision, consecutive repeats dropped."""
    parts = []
    for r in rings:
        xy = []
        for lon, lat in unwrap(r):
            p = (round(lon + 180, 1), round(90 - lat, 1))
            if not xy or xy[-1] != p:
                xy.append(p)
        if len(xy) >= 3:
            parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in xy) + "Z")
    return "".join(parts)


def convert(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    countries = []
    for g in topology["objects"]["countries"]["geometries"]:
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        d = path(rings)
        if d:
            countries.append({"id": g.get("id", ""), "name": g.get("properties", {}).get("name", ""), "d": d})
    return {"source": SOURCE, "frame": "x = longitude + 180, y = 90 - latitude", "countries": countries}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    data = convert(json.loads(Path(argv[0]).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(data['countries'])} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
