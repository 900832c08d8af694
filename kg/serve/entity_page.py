"""The entity page at ``/entity?iri=…``: who or what the entity is (labels in each language, types, its
Wikidata and GeoNames links, where it is on the map), what it said, what was said about it, the roles the
articles give it, a timeline of those claims by article date, the entities mentioned with it and the
articles that mention it. Each part is one SPARQL query, asked side by side on the query workers."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import date
from html import escape
from urllib.parse import quote

from kg.serve.geo import Point, explorer_href, svg
from kg.serve.pages import _iri, _link, _page, _select, _v

LIMIT = 200


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _entity_link(iri: str, label: str) -> str:
    return f'<a href="/entity?iri={quote(iri, safe="")}" dir="auto">{escape(label or _local(iri))}</a>'


def _claim_rows(rows: list[dict], with_speaker: bool) -> str:
    out = []
    for r in rows:
        speaker = f'<td>{_entity_link(_v(r, "who"), _v(r, "whoLabel")) if _v(r, "who") else "—"}</td>' if with_speaker else ""
        out.append(
            f'<tr>{speaker}<td dir="auto">{escape(_v(r, "cue"))}</td>'
            f'<td dir="auto" class="claim"><a href="/claim?iri={quote(_v(r, "claim"), safe="")}">{escape(_v(r, "content"))}</a></td>'
            f'<td>{escape(_local(_v(r, "certainty")))}</td><td dir="auto">{escape(_v(r, "title"))}</td>'
            f'<td>{escape(_v(r, "date")[:10])}</td></tr>')
    head = ("<tr>" + ("<th>speaker</th>" if with_speaker else "") +
            "<th>cue</th><th>claim</th><th>certainty</th><th>article</th><th>date</th></tr>")
    return f"<table>{head}{''.join(out)}</table>" if out else "<p>None.</p>"


def timeline_svg(days: dict[str, tuple[int, int]], width: int = 640, height: int = 120) -> str:
    """Claims per article date as bars on a time axis (said by the entity dark, said about it light)."""
    parsed = {}
    for day, counts in days.items():
        try:
            parsed[date.fromisoformat(day)] = counts
        except ValueError:
            continue
    if not parsed:
        return "<p>No dated claims.</p>"
    first, last = min(parsed), max(parsed)
    span = max((last - first).days, 1)
    top = max(a + b for a, b in parsed.values())
    plot_h, base = height - 24, height - 18
    bar_w = max(3.0, min(24.0, (width - 40) / (span + 1) * 0.8))
    bars = []
    for day, (said, about) in sorted(parsed.items()):
        x = 20 + (width - 40 - bar_w) * ((day - first).days / span if last != first else 0.5)
        h_said, h_about = plot_h * said / top, plot_h * about / top
        bars.append(
            f'<g class="day" data-date="{day.isoformat()}"><title>{day.isoformat()}: {said} said, {about} about</title>'
            f'<rect class="said" x="{x:.1f}" y="{base - h_said:.1f}" width="{bar_w:.1f}" height="{h_said:.1f}"/>'
            f'<rect class="about" x="{x:.1f}" y="{base - h_said - h_about:.1f}" width="{bar_w:.1f}" height="{h_about:.1f}"/></g>')
    axis = (f'<line x1="20" y1="{base}" x2="{width - 20}" y2="{base}" class="axis"/>'
            f'<text x="20" y="{height - 4}">{first.isoformat()}</text>'
            + (f'<text x="{width - 20}" y="{height - 4}" text-anchor="end">{last.isoformat()}</text>' if last != first else "")
            + f'<text x="{width - 20}" y="10" text-anchor="end">max {top} claim(s) a day</text>')
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="claims by article date">{"".join(bars)}{axis}</svg>')


_CLAIM_FIELDS = """?claim kg:content ?content ; kg:cue ?cue ; kg:certainty ?certainty ; kg:inArticle ?a .
                   OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:headline ?title }"""


async def entity(pool, iri: str) -> tuple[int, str]:
    e = _iri(iri)
    about = await _select(pool, f"SELECT ?p ?o WHERE {{ {e} ?p ?o }}")
    if not about:
        return 404, _page("not found", f"<p>No entity {escape(iri)} in this graph.</p>")
    said, said_about, roles, days, co, articles = await asyncio.gather(
        _select(pool, f"""SELECT ?claim ?content ?cue ?certainty ?date ?title WHERE {{ ?claim kg:claimant {e} . {_CLAIM_FIELDS} }}
                          ORDER BY DESC(?date) ?claim LIMIT {LIMIT}"""),
        _select(pool, f"""SELECT ?claim ?content ?cue ?certainty ?date ?title ?who (SAMPLE(?wl) AS ?whoLabel) WHERE {{
                            ?claim kg:about {e} . {_CLAIM_FIELDS}
                            OPTIONAL {{ ?claim kg:claimant ?who . OPTIONAL {{ ?who skos:prefLabel ?wl }} }} }}
                          GROUP BY ?claim ?content ?cue ?certainty ?date ?title ?who ORDER BY DESC(?date) ?claim LIMIT {LIMIT}"""),
        _select(pool, f"""SELECT ?dir ?name ?other (SAMPLE(?ol) AS ?otherLabel) (COUNT(DISTINCT ?a) AS ?n) WHERE {{
                            {{ ?r kg:holder {e} . OPTIONAL {{ ?r kg:roleIn ?other }} BIND ("holds" AS ?dir) }}
                            UNION {{ ?r kg:roleIn {e} ; kg:holder ?other . BIND ("in" AS ?dir) }}
                            ?r kg:roleName ?name ; kg:inArticle ?a . OPTIONAL {{ ?other skos:prefLabel ?ol }} }}
                          GROUP BY ?dir ?name ?other ORDER BY ?dir DESC(?n) ?name LIMIT {LIMIT}"""),
        _select(pool, f"""SELECT ?day ?dir (COUNT(DISTINCT ?claim) AS ?n) WHERE {{
                            {{ ?claim kg:claimant {e} . BIND ("said" AS ?dir) }} UNION {{ ?claim kg:about {e} . BIND ("about" AS ?dir) }}
                            ?claim kg:inArticle ?a . ?a schema:datePublished ?d . BIND (SUBSTR(STR(?d), 1, 10) AS ?day) }}
                          GROUP BY ?day ?dir ORDER BY ?day"""),
        _select(pool, f"""SELECT ?o (SAMPLE(?l) AS ?label) (SAMPLE(?cat) AS ?category) (COUNT(DISTINCT ?a) AS ?n) WHERE {{
                            ?m kg:denotes {e} ; kg:inArticle ?a . ?m2 kg:inArticle ?a ; kg:denotes ?o . FILTER (?o != {e})
                            OPTIONAL {{ ?o skos:prefLabel ?l }} OPTIONAL {{ ?o kg:entityCategory ?cat }} }}
                          GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT 30"""),
        _select(pool, f"""SELECT ?a (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (COUNT(DISTINCT ?m) AS ?n) WHERE {{
                            ?m kg:denotes {e} ; kg:inArticle ?a . OPTIONAL {{ ?a schema:headline ?t }} OPTIONAL {{ ?a schema:datePublished ?d }} }}
                          GROUP BY ?a ORDER BY DESC(?date) ?a LIMIT {LIMIT}"""),
    )
    labels = [(_v(r, "o"), r.get("o", {}).get("xml:lang", "")) for r in about if _v(r, "p").endswith("rdf-schema#label")]
    pref = [_v(r, "o") for r in about if _v(r, "p").endswith("core#prefLabel")]
    types = sorted({_local(_v(r, "o")) for r in about if _v(r, "p").endswith("#type")})
    same = [_v(r, "o") for r in about if _v(r, "p").endswith("#sameAs")]
    geonames = [_v(r, "o") for r in about if _v(r, "p").endswith("#geonamesId")]
    lat = next((_v(r, "o") for r in about if _v(r, "p").endswith("wgs84_pos#lat")), "")
    long = next((_v(r, "o") for r in about if _v(r, "p").endswith("wgs84_pos#long")), "")
    title = (pref or [label for label, _ in labels] or [iri])[0]

    links = [_link(s) for s in same] + [_link(f"https://www.geonames.org/{g}") for g in geonames if g.isdigit()]
    names = " · ".join(f'<span dir="auto">{escape(t)}</span> ({escape(lang or "no language")})' for t, lang in labels)
    head = (f'<h1 dir="auto">{escape(title)}</h1><p class="types">{escape(", ".join(types))}</p>'
            f'<p>Labels: {names or "—"}</p>'
            f'<p>Wikidata / GeoNames: {" ".join(links) or "not linked"}</p><p class="iri">{escape(iri)}</p>')
    where = ""
    try:
        point = Point(iri, title, float(lat), float(long), 1, explorer_href(iri))
        where = (f'<section><h2>On the map</h2>{svg([point], css_class="map small")}'
                 f'<p><a href="{escape(explorer_href(iri))}">claims about this place</a> · <a href="/map">all places</a></p></section>')
    except ValueError:
        pass

    held = [r for r in roles if _v(r, "dir") == "holds"]
    inside = [r for r in roles if _v(r, "dir") == "in"]
    role_items = [f'<li dir="auto">{escape(_v(r, "name"))}'
                  + (f' of {_entity_link(_v(r, "other"), _v(r, "otherLabel"))}' if _v(r, "other") else "")
                  + f' <span class="n">{escape(_v(r, "n"))} article(s)</span></li>' for r in held]
    role_items += [f'<li dir="auto">{_entity_link(_v(r, "other"), _v(r, "otherLabel"))}: {escape(_v(r, "name"))}'
                   f' <span class="n">{escape(_v(r, "n"))} article(s)</span></li>' for r in inside]

    per_day: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in days:
        per_day[_v(r, "day")][0 if _v(r, "dir") == "said" else 1] += int(_v(r, "n") or 0)
    co_items = "".join(f'<li>{_entity_link(_v(r, "o"), _v(r, "label"))} <span class="n">{escape(_v(r, "category"))} · '
                       f'{escape(_v(r, "n"))} article(s)</span></li>' for r in co)
    art_items = "".join(f'<li dir="auto">{escape(_v(r, "title") or _local(_v(r, "a")))} <span class="n">'
                        f'{escape(_v(r, "date")[:10])} · {escape(_v(r, "n"))} mention(s)</span></li>' for r in articles)
    body = (
        '<nav><a href="/">claims explorer</a> · <a href="/map">map</a> · <a href="/conflicts">conflicting claims</a> · '
        '<a href="/sparql">SPARQL editor</a></nav>'
        f'{head}{where}'
        f'<section id="said"><h2>Claims it made ({len(said)})</h2>{_claim_rows(said, with_speaker=False)}</section>'
        f'<section id="about"><h2>Claims about it ({len(said_about)})</h2>{_claim_rows(said_about, with_speaker=True)}</section>'
        f'<section id="timeline"><h2>Timeline</h2>{timeline_svg({d: tuple(c) for d, c in per_day.items()})}</section>'
        f'<section id="roles"><h2>Roles ({len(role_items)})</h2><ul>{"".join(role_items) or "<li>None stated.</li>"}</ul></section>'
        f'<section id="comentioned"><h2>Mentioned with ({len(co)})</h2><ul>{co_items or "<li>—</li>"}</ul></section>'
        f'<section id="articles"><h2>Articles ({len(articles)})</h2><ul>{art_items or "<li>—</li>"}</ul></section>')
    return 200, _page(title, body)
