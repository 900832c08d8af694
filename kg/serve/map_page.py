"""The map at ``/map``: every place with coordinates as a point sized by its mentions, over country outlines;
a click on a point opens the claims explorer narrowed to claims about that place. Below the map, the same
places as a table (mentions, claims about, GeoNames and Wikidata links), which is also what a screen reader
or a text browser gets."""

from __future__ import annotations

import asyncio
from html import escape
from urllib.parse import quote

from kg.serve.explorer import Filters
from kg.serve.geo import Point, svg
from kg.vocab import KG
from kg.serve.pages import _iri, _link, _page, _select, _v, Described, describe

MAX_PLACES = 2000


async def place_map(pool) -> tuple[int, str]:
    coords = await _select(pool, f"SELECT ?p ?lat ?long WHERE {{ ?p wgs84:lat ?lat ; wgs84:long ?long }} LIMIT {MAX_PLACES}")
    located = {_v(r, "p"): (_v(r, "lat"), _v(r, "long")) for r in coords}
    values = " ".join(_iri(p) for p in located)
    mentions, about, described = await asyncio.gather(
        _select(pool, f"SELECT ?p (COUNT(DISTINCT ?m) AS ?n) WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?m kg:denotes ?p }} }} GROUP BY ?p"),
        _select(pool, f"SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE {{ VALUES ?p {{ {values} }} GRAPH ?g {{ ?c kg:about ?p }} }} GROUP BY ?p"),
        describe(pool, located, ("skos:prefLabel", "rdf:type", "kg:geonamesId", "owl:sameAs", "kg:entityCategory")),
    ) if located else ([], [], Described())
    mentioned = {_v(r, "p"): int(_v(r, "n") or 0) for r in mentions}
    claims_about = {_v(r, "p"): _v(r, "n") for r in about}
    places = sorted((p for p in located if "place" in described.get(p, {}).get("entityCategory", [])),
                    key=lambda p: (-mentioned.get(p, 0), described.first(p, "prefLabel") or p))
    points = []
    for p in places:
        try:
            lat, long = float(located[p][0]), float(located[p][1])
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= long <= 180:
            points.append(Point(p, described.first(p, "prefLabel") or p, lat, long, mentioned.get(p, 0), Filters(place=p).url()))
    rows = []
    for iri in places:
        geonames = described.first(iri, "geonamesId")
        links = " ".join(_link(x) for x in ([f"https://www.geonames.org/{geonames}"] if geonames.isdigit() else [])
                         + described.get(iri, {}).get("sameAs", []))
        kinds = [t.rsplit("#", 1)[-1] for t in described.get(iri, {}).get("type", []) if t.startswith(str(KG._NS))]
        rows.append(
            f'<tr><td dir="auto"><a href="/entity?iri={quote(iri, safe="")}">{escape(described.first(iri, "prefLabel") or iri)}</a></td>'
            f'<td>{escape(", ".join(kinds))}</td><td>{mentioned.get(iri, 0)}</td>'
            f'<td><a href="{escape(Filters(place=iri).url())}">{escape(claims_about.get(iri, "0"))}</a></td>'
            f'<td>{escape(located[iri][0])}, {escape(located[iri][1])}</td><td>{links}</td></tr>')
    body = (
        '<nav><a href="/">claims explorer</a> · <a href="/conflicts">conflicting claims</a> · <a href="/sparql">SPARQL editor</a></nav>'
        f'<h1>Places ({len(points)})</h1><p class="hint">A point\'s area follows its mentions; click a point for the claims '
        f'about that place.</p>{svg(points)}'
        '<table id="places"><tr><th>place</th><th>type</th><th>mentions</th><th>claims about</th><th>lat, long</th><th>links</th></tr>'
        + "".join(rows) + "</table>"
        '<p class="source">Country outlines: Natural Earth 1:110m (public domain), via world-atlas.</p>')
    return 200, _page("map", body)
