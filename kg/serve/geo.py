"""Drawing places on a world map as SVG, on the server, with nothing fetched at run time.

The country outlines are Natural Earth's 1:110m Admin 0 polygons (public domain), shipped as
``static/world-110m.json`` — one SVG path per country in an equirectangular frame (x = longitude + 180,
y = 90 − latitude), made by ``scripts/build_world_outlines.py`` from the ``world-atlas`` npm package. A place is
drawn in the same frame, and the view is the box around the places drawn, so a map of Middle Eastern news
shows the Middle East rather than the whole world.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

OUTLINES = Path(__file__).parent / "static" / "world-110m.json"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Point:
    """A place to draw: where, what it is called, how often it is mentioned and where a click leads."""

    iri: str
    label: str
    lat: float
    long: float
    mentions: int
    href: str


@lru_cache(maxsize=1)
def countries() -> tuple[tuple[str, str, tuple[float, float, float, float]], ...]:
    """(name, SVG path, bounding box x0 y0 x1 y1) of every country outline."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    out = []
    for c in data["countries"]:
        numbers = [float(n) for n in _NUMBER.findall(c["d"])]
        xs, ys = numbers[0::2], numbers[1::2]
        out.append((c["name"], c["d"], (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def project(lat: float, long: float) -> tuple[float, float]:
    """Equirectangular: the frame the outlines are stored in."""
    return long + 180.0, 90.0 - lat


def view_box(points: list[Point], pad: float = 6.0, min_width: float = 36.0) -> tuple[float, float, float, float]:
    """The box around the points with a margin, at least ``min_width`` degrees wide and 2:1 at most, inside the
    world; the whole world when there is nothing to draw."""
    if not points:
        return 0.0, 0.0, 360.0, 180.0
    xs, ys = zip(*(project(p.lat, p.long) for p in points))
    x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
    width = max(x1 - x0, min_width, (y1 - y0) * 1.5)
    height = max(y1 - y0, width / 2)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    width, height = min(width, 360.0), min(height, 180.0)
    x = min(max(cx - width / 2, 0.0), 360.0 - width)
    y = min(max(cy - height / 2, 0.0), 180.0 - height)
    return round(x, 2), round(y, 2), round(width, 2), round(height, 2)


def svg(points: list[Point], labelled: int = 12, css_class: str = "map") -> str:
    """An SVG map: country outlines, a circle per place with an area proportional to its mentions (a link to
    ``href``, with a tooltip), and the names of the ``labelled`` most mentioned places."""
    x, y, w, h = view_box(points)
    unit = w / 100.0  # one hundredth of the view's width, so marks keep their size at any zoom
    most = max((p.mentions for p in points), default=1) or 1
    outlines = "".join(f'<path d="{d}"><title>{escape(name)}</title></path>' for name, d, (a, b, c, e) in countries()
                       if a < x + w and c > x and b < y + h and e > y)  # only the countries in view
    marks, labels = [], []
    ranked = sorted(points, key=lambda p: (-p.mentions, p.label))
    for rank, p in enumerate(ranked):
        cx, cy = project(p.lat, p.long)
        r = unit * (0.6 + 2.4 * math.sqrt(p.mentions / most))
        marks.append(
            f'<a href="{escape(p.href)}" class="place" data-iri="{escape(p.iri)}" data-mentions="{p.mentions}">'
            f'<circle cx="{cx:.3f}" cy="{cy:.3f}" r="{r:.3f}"><title>{escape(p.label)} — {p.mentions} mention(s)</title>'
            f"</circle></a>")
        if rank < labelled:
            labels.append(f'<text x="{cx + r + unit * 0.5:.3f}" y="{cy + unit * 0.8:.3f}" font-size="{unit * 2.2:.3f}" '
                          f'stroke-width="{unit * 0.5:.3f}">{escape(p.label)}</text>')
    return (f'<svg class="{css_class}" viewBox="{x} {y} {w} {h}" preserveAspectRatio="xMidYMid meet" role="img" '
            f'aria-label="map of {len(points)} place(s)"><rect x="0" y="0" width="360" height="180" class="sea"/>'
            f'<g class="countries" stroke-width="{unit * 0.12:.3f}">{outlines}</g>'
            f'<g class="places" stroke-width="{unit * 0.15:.3f}">{"".join(marks)}</g><g class="labels">{"".join(labels)}</g></svg>')

