"""The map at ``/map``: every place with coordinates as a point sized by its mentions, over country outlines;
a click on a point opens the claims explorer narrowed to claims about that place. Below the map, the same
places as a table (mentions, claims about, GeoNames and Wikidata links), which is also what a screen reader
or a text browser gets."""

from __future__ import annotations

import asyncio
from html import escape
from urllib.parse import quote

from kg.serve.geo import Point, explorer_href, svg
from kg.serve.pages import _link, _page, _select, _v

MAX_PLACES = 2000


async def place_map(pool) -> tuple[int, str]:
    places, about = await asyncio.gather(
        _select(pool, f"""SELECT ?p (SAMPLE(?l) AS ?label) (SAMPLE(?lat) AS ?la) (SAMPLE(?long) AS ?lo) (SAMPLE(?t) AS ?type)
              (SAMPLE(?gn) AS ?geonames) (SAMPLE(?wd) AS ?wikidata) (COUNT(DISTINCT ?m) AS ?n) WHERE {{
              ?p wgs84:lat ?lat ; wgs84:long ?long ; kg:entityCategory "place" .
              OPTIONAL {{ ?p skos:prefLabel ?l }} OPTIONAL {{ ?p a ?t . FILTER (STRSTARTS(STR(?t), STR(kg:))) }}
              OPTIONAL {{ ?p kg:geonamesId ?gn }} OPTIONAL {{ ?p owl:sameAs ?wd }}
              OPTIONAL {{ ?m kg:denotes ?p }} }} GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT {MAX_PLACES}"""),
        _select(pool, """SELECT ?p (COUNT(DISTINCT ?c) AS ?n) WHERE { ?p wgs84:lat ?lat . ?c kg:about ?p } GROUP BY ?p"""),
    )
    claims_about = {_v(r, "p"): _v(r, "n") for r in about}
    points = []
    for r in places:
        try:
            lat, long = float(_v(r, "la")), float(_v(r, "lo"))
        except ValueError:
            continue
        if -90 <= lat <= 90 and -180 <= long <= 180:
            points.append(Point(_v(r, "p"), _v(r, "label") or _v(r, "p"), lat, long, int(_v(r, "n") or 0), explorer_href(_v(r, "p"))))
    rows = []
    for r in places:
        iri = _v(r, "p")
        geonames = _v(r, "geonames")
        links = " ".join(x for x in (
            _link(f"https://www.geonames.org/{geonames}") if geonames.isdigit() else "",
            _link(_v(r, "wikidata")) if _v(r, "wikidata") else "") if x)
        rows.append(
            f'<tr><td dir="auto"><a href="/entity?iri={quote(iri, safe="")}">{escape(_v(r, "label") or iri)}</a></td>'
            f'<td>{escape(_v(r, "type").rsplit("#", 1)[-1])}</td><td>{escape(_v(r, "n"))}</td>'
            f'<td><a href="{escape(explorer_href(iri))}">{escape(claims_about.get(iri, "0"))}</a></td>'
            f'<td>{escape(_v(r, "la"))}, {escape(_v(r, "lo"))}</td><td>{links}</td></tr>')
    body = (
        '<nav><a href="/">claims explorer</a> · <a href="/conflicts">conflicting claims</a> · <a href="/sparql">SPARQL editor</a></nav>'
        f'<h1>Places ({len(points)})</h1><p class="hint">A point\'s area follows its mentions; click a point for the claims '
        f'about that place.</p>{svg(points)}'
        '<table id="places"><tr><th>place</th><th>type</th><th>mentions</th><th>claims about</th><th>lat, long</th><th>links</th></tr>'
        + "".join(rows) + "</table>"
        '<p class="source">Country outlines: Natural Earth 1:110m (public domain), via world-atlas.</p>')
    return 200, _page("map", body)
