"""The entity page at ``/entity?iri=…``: who or what the entity is (labels in each language, types, its
Wikidata and GeoNames links, where it is on the map), what it said, what was said about it, the roles the
articles give it, a timeline of those claims by article date, the entities mentioned with it and the
articles that mention it. Each part is one SPARQL query, asked side by side on the query workers."""

from __future__ import annotations

import asyncio
from datetime import date
from html import escape
from urllib.parse import quote

from kg.serve.geo import Point, svg
from kg.serve.explorer import ClaimRow, Filters, describe_claims, scope
from kg.serve.pages import _iri, _link, _page, _select, _v, describe, local_name, newest_first, per_article_dates

LIMIT = 200


def _entity_link(iri: str, label: str) -> str:
    return f'<a href="/entity?iri={quote(iri, safe="")}" dir="auto">{escape(label or local_name(iri))}</a>'


def _claim_rows(rows: list[ClaimRow], total: int, more_href: str, with_speaker: bool) -> str:
    out = []
    for r in rows:
        speaker = f'<td>{_entity_link(r.speaker, r.speaker_label) if r.speaker else "—"}</td>' if with_speaker else ""
        out.append(
            f'<tr>{speaker}<td dir="auto">{escape(r.cue)}</td>'
            f'<td dir="auto" class="claim"><a href="/claim?iri={quote(r.claim, safe="")}">{escape(r.text)}</a></td>'
            f'<td>{escape(local_name(r.certainty))}</td><td dir="auto">{escape(r.title or local_name(r.article))}</td>'
            f'<td>{escape(r.date[:10])}</td></tr>')
    head = ("<tr>" + ("<th>speaker</th>" if with_speaker else "") +
            "<th>cue</th><th>claim</th><th>certainty</th><th>article</th><th>date</th></tr>")
    more = (f'<p><a href="{escape(more_href)}">all {total} in the claims explorer</a></p>' if total > len(rows) else "")
    return f"<table>{head}{''.join(out)}</table>{more}" if out else "<p>None.</p>"


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
    day0, day1 = min(parsed), max(parsed)
    span = max((day1 - day0).days, 1)
    top = max(a + b for a, b in parsed.values())
    plot_h, base = height - 24, height - 18
    bar_w = max(3.0, min(24.0, (width - 40) / (span + 1) * 0.8))
    bars = []
    for day, (said, about) in sorted(parsed.items()):
        x = 20 + (width - 40 - bar_w) * ((day - day0).days / span if day1 != day0 else 0.5)
        h_said, h_about = plot_h * said / top, plot_h * about / top
        bars.append(
            f'<g class="day" data-date="{day.isoformat()}"><title>{day.isoformat()}: {said} said, {about} about</title>'
            f'<rect class="said" x="{x:.1f}" y="{base - h_said:.1f}" width="{bar_w:.1f}" height="{h_said:.1f}"/>'
            f'<rect class="about" x="{x:.1f}" y="{base - h_said - h_about:.1f}" width="{bar_w:.1f}" height="{h_about:.1f}"/></g>')
    axis = (f'<line x1="20" y1="{base}" x2="{width - 20}" y2="{base}" class="axis"/>'
            f'<text x="20" y="{height - 4}">{day0.isoformat()}</text>'
            + (f'<text x="{width - 20}" y="{height - 4}" text-anchor="end">{day1.isoformat()}</text>' if day1 != day0 else "")
            + f'<text x="{width - 20}" y="10" text-anchor="end">max {top} claim(s) a day</text>')
    return (f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
            f'aria-label="claims by article date">{"".join(bars)}{axis}</svg>')


async def entity(pool, iri: str) -> tuple[int, str]:
    e = _iri(iri)
    about = await _select(pool, f"SELECT ?p ?o WHERE {{ {e} ?p ?o }}")
    if not about:
        return 404, _page("not found", f"<p>No entity {escape(iri)} in this graph.</p>")
    by, of = Filters(speaker=iri), Filters(place=iri)  # the explorer's filters: claims by it, claims about it
    said, said_about, held, inside, days_said, days_about, co, articles = await asyncio.gather(
        newest_first(pool, scope(by).where(), "?claim", 1, LIMIT),
        newest_first(pool, scope(of).where(), "?claim", 1, LIMIT),
        _select(pool, f"SELECT ?r ?name ?g WHERE {{ GRAPH ?g {{ ?r kg:holder {e} ; kg:roleName ?name }} }}"),
        _select(pool, f"SELECT ?r ?name ?other ?g WHERE {{ GRAPH ?g {{ ?r kg:roleIn {e} ; kg:holder ?other ; kg:roleName ?name }} }}"),
        per_article_dates(pool, scope(by).where(), "?claim"),
        per_article_dates(pool, scope(of).where(), "?claim"),
        _select(pool, f"""SELECT ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?m kg:denotes {e} . ?m2 kg:denotes ?o }}
                          FILTER (?o != {e}) }} GROUP BY ?o ORDER BY DESC(?n) LIMIT 30"""),
        _select(pool, f"SELECT ?a (COUNT(DISTINCT ?m) AS ?n) WHERE {{ GRAPH ?g {{ ?m kg:denotes {e} ; kg:inArticle ?a }} }} GROUP BY ?a"),
    )
    (said_total, said_claims), (about_total, about_claims) = said, said_about
    said_rows, about_rows, described = await asyncio.gather(
        describe_claims(pool, said_claims), describe_claims(pool, about_claims),
        describe(pool, [_v(r, "r") for r in held] + [_v(r, "other") for r in inside] + [_v(r, "o") for r in co]
                 + [_v(r, "a") for r in articles], ("kg:roleIn", "skos:prefLabel", "kg:entityCategory", "schema:headline",
                                                    "schema:datePublished")))
    described.update(await describe(pool, {described.first(_v(r, "r"), "roleIn") for r in held}, ("skos:prefLabel",)))
    labels = [(_v(r, "o"), r.get("o", {}).get("xml:lang", "")) for r in about if _v(r, "p").endswith("rdf-schema#label")]
    pref = [_v(r, "o") for r in about if _v(r, "p").endswith("core#prefLabel")]
    types = sorted({local_name(_v(r, "o")) for r in about if _v(r, "p").endswith("#type")})
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
        point = Point(iri, title, float(lat), float(long), 1, of.url())
        where = (f'<section><h2>On the map</h2>{svg([point], css_class="map small")}'
                 f'<p><a href="{escape(of.url())}">claims about this place</a> · <a href="/map">all places</a></p></section>')
    except ValueError:
        pass

    roles: dict[tuple[str, str, str], set[str]] = {}
    for r in held:
        org = described.first(_v(r, "r"), "roleIn")
        roles.setdefault(("holds", _v(r, "name"), org), set()).add(_v(r, "g"))
    for r in inside:
        roles.setdefault(("in", _v(r, "name"), _v(r, "other")), set()).add(_v(r, "g"))
    role_items = []
    for (kind, name, other), graphs in sorted(roles.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1])):
        other_link = _entity_link(other, described.first(other, "prefLabel")) if other else ""
        if kind == "holds":
            role_items.append(f'<li dir="auto">{escape(name)}' + (f" of {other_link}" if other else "")
                              + f' <span class="n">{len(graphs)} article(s)</span></li>')
        else:
            role_items.append(f'<li dir="auto">{other_link}: {escape(name)} <span class="n">{len(graphs)} article(s)</span></li>')

    per_day = {d: (days_said.get(d, 0), days_about.get(d, 0)) for d in set(days_said) | set(days_about)}
    co_items = "".join(f'<li>{_entity_link(_v(r, "o"), described.first(_v(r, "o"), "prefLabel"))} <span class="n">'
                       f'{escape(described.first(_v(r, "o"), "entityCategory"))} · {escape(_v(r, "n"))} article(s)</span></li>'
                       for r in sorted(co, key=lambda r: (-int(_v(r, "n") or 0), _v(r, "o"))))
    articles.sort(key=lambda r: _v(r, "a"))
    articles.sort(key=lambda r: described.first(_v(r, "a"), "datePublished")[:10], reverse=True)
    art_items = "".join(f'<li dir="auto"><a href="/?article={quote(_v(r, "a"), safe="")}">'
                        f'{escape(described.first(_v(r, "a"), "headline") or local_name(_v(r, "a")))}</a> <span class="n">'
                        f'{escape(described.first(_v(r, "a"), "datePublished")[:10])} · {escape(_v(r, "n"))} mention(s)</span></li>'
                        for r in articles[:LIMIT])
    body = (
        '<nav><a href="/">claims explorer</a> · <a href="/map">map</a> · <a href="/conflicts">conflicting claims</a> · '
        '<a href="/sparql">SPARQL editor</a></nav>'
        f'{head}{where}'
        f'<section id="said"><h2>Claims it made ({said_total})</h2>{_claim_rows(said_rows, said_total, by.url(), False)}</section>'
        f'<section id="about"><h2>Claims about it ({about_total})</h2>{_claim_rows(about_rows, about_total, of.url(), True)}</section>'
        f'<section id="timeline"><h2>Timeline</h2>{timeline_svg(per_day)}</section>'
        f'<section id="roles"><h2>Roles ({len(role_items)})</h2><ul>{"".join(role_items) or "<li>None stated.</li>"}</ul></section>'
        f'<section id="comentioned"><h2>Mentioned with ({len(co)})</h2><ul>{co_items or "<li>—</li>"}</ul></section>'
        f'<section id="articles"><h2>Articles ({len(articles)})</h2><ul>{art_items or "<li>—</li>"}</ul></section>')
    return 200, _page(title, body)
