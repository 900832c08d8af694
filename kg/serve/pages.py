"""Server-rendered pages: the service description, the claim page and the conflicts page, and the helpers
every page shares (the entity page, the map and the explorer have their own modules).

Pages query the store through the same worker pool as the endpoint, and escape everything they print.
"""

from __future__ import annotations

import json
from html import escape
from urllib.parse import quote

from kg.queries import PREFIXES
from kg.serve.results import QueryTask

JSON = (("application/sparql-results+json", 1.0),)


def service_description(endpoint: str) -> str:
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix fmt: <http://www.w3.org/ns/formats/> .

[] a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query , sd:SPARQL11Update ;
    sd:feature sd:UnionDefaultGraph , sd:BasicFederatedQuery ;
    sd:resultFormat fmt:SPARQL_Results_JSON , fmt:SPARQL_Results_XML , fmt:SPARQL_Results_CSV , fmt:SPARQL_Results_TSV ,
        fmt:Turtle , fmt:N-Triples , fmt:N-Quads , fmt:TriG , fmt:JSON-LD , fmt:RDF_XML .
"""


class Unavailable(Exception):
    """A page's query did not complete (timed out, stopped): the page cannot be shown now (503)."""


async def _select(pool, query: str) -> list[dict]:
    out = await pool.run(QueryTask(query=PREFIXES + query, accept=JSON, max_bytes=20_000_000))
    if out.status != 200:
        raise Unavailable(f"the page could not be built: {out.message or out.status}")
    return json.loads(out.body)["results"]["bindings"]


def _link(url: str) -> str:
    """An outside link, only for http(s) URLs; anything else (``javascript:``, ``data:``) is shown as text."""
    label = escape(url.rsplit("/", 1)[-1] or url)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>'
    return f"<span>{escape(url)}</span>"


def _v(row: dict, name: str) -> str:
    return row.get(name, {}).get("value", "")


def _iri(value: str) -> str:
    return "<" + value.replace(">", "%3E").replace("<", "%3C") + ">"


def _page(title: str, body: str) -> str:
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} · kg</title>
<link rel="stylesheet" href="/static/style.css"></head><body><header><a href="/">kg</a> · {escape(title)}</header>
<main>{body}</main></body></html>"""


def _highlight(text: str, start: int, end: int, context: int = 160) -> str:
    a, b = max(0, start - context), min(len(text), end + context)
    return (
        f'<p class="span" dir="auto">…{escape(text[a:start])}<mark>{escape(text[start:end])}</mark>{escape(text[end:b])}…</p>'
    )


async def claim(pool, iri: str) -> tuple[int, str]:
    rows = await _select(
        pool,
        f"""SELECT ?content ?cue ?mode ?certainty ?who ?whoLabel ?channelLabel ?begin ?end ?body ?article WHERE {{
              {_iri(iri)} kg:content ?content ; kg:cue ?cue ; kg:mode ?mode ; kg:certainty ?certainty ;
                 kg:beginIndex ?begin ; kg:endIndex ?end ; kg:inArticle ?article ; kg:claimant ?who .
              ?article schema:articleBody ?body .
              OPTIONAL {{ ?who skos:prefLabel ?whoLabel }}
              OPTIONAL {{ {_iri(iri)} kg:channel/skos:prefLabel ?channelLabel }} }} LIMIT 1""",
    )
    if not rows:
        return 404, _page("not found", f"<p>No claim {escape(iri)} in this graph.</p>")
    r = rows[0]
    about = await _select(pool, f"SELECT ?e ?label WHERE {{ {_iri(iri)} kg:about ?e . OPTIONAL {{ ?e skos:prefLabel ?label }} }}")
    about_html = ", ".join(f'<a href="/entity?iri={escape(_v(a, "e"))}">{escape(_v(a, "label") or _v(a, "e"))}</a>' for a in about)
    body = (
        f'<h1>Claim</h1><p><a href="/entity?iri={escape(_v(r, "who"))}">{escape(_v(r, "whoLabel") or "unnamed source")}</a> '
        f'· cue <b dir="auto">{escape(_v(r, "cue"))}</b> · {escape(_v(r, "mode").rsplit("#", 1)[-1])} · '
        f'{escape(_v(r, "certainty").rsplit("#", 1)[-1])}'
        + (f' · channel {escape(_v(r, "channelLabel"))}' if _v(r, "channelLabel") else "")
        + f"</p>{_highlight(_v(r, 'body'), int(_v(r, 'begin')), int(_v(r, 'end')), 400)}<p>About: {about_html or '—'}</p>"
        f'<p class="iri">{escape(iri)}</p>'
    )
    return 200, _page("claim", body)


async def conflicts(pool) -> tuple[int, str]:
    """Each conflict's two claims side by side: speaker, figure, date and the span in its article."""
    rows = await _select(
        pool,
        """SELECT ?conflict ?reason ?claim ?content ?who ?whoLabel ?begin ?end ?body ?date ?value ?unit WHERE {
             ?conflict a kg:Conflict ; kg:reason ?reason ; kg:conflictClaim ?claim .
             ?claim kg:content ?content ; kg:beginIndex ?begin ; kg:endIndex ?end ; kg:inArticle ?a .
             ?a schema:articleBody ?body .
             OPTIONAL { ?a schema:datePublished ?date }
             OPTIONAL { ?claim kg:claimant ?who . OPTIONAL { ?who skos:prefLabel ?whoLabel } }
             OPTIONAL { ?claim kg:quantity ?q . ?q kg:value ?value ; kg:unit ?unit }
           } ORDER BY ?conflict ?claim LIMIT 2000""",
    )
    grouped: dict[str, dict[str, dict]] = {}
    for r in rows:
        grouped.setdefault(_v(r, "conflict"), {}).setdefault(_v(r, "claim"), r)  # one row per claim (first label)
    items = []
    for conflict, claims in grouped.items():
        sides = []
        for iri, r in list(claims.items())[:2]:
            who = _v(r, "who")
            speaker = (f'<a href="/entity?iri={quote(who, safe="")}" dir="auto">{escape(_v(r, "whoLabel") or who)}</a>'
                       if who else "unnamed source")
            figure = f' · {escape(_v(r, "value"))} {escape(_v(r, "unit"))}' if _v(r, "value") else ""
            sides.append(
                f'<div class="side"><p>{speaker}{figure} · {escape(_v(r, "date")[:10] or "no date")} · '
                f'<a href="/claim?iri={quote(iri, safe="")}">claim</a></p>'
                f'{_highlight(_v(r, "body"), int(_v(r, "begin")), int(_v(r, "end")), 120)}</div>')
        reason = escape(_v(next(iter(claims.values())), "reason"))
        items.append(f'<section class="conflict"><h2 dir="auto">{reason}</h2><div class="sides">{"".join(sides)}</div></section>')
    body = (f'<nav><a href="/">claims explorer</a> · <a href="/map">map</a> · <a href="/sparql">SPARQL editor</a></nav>'
            f'<h1>Conflicting claims ({len(grouped)})</h1>' + ("".join(items) or "<p>No conflicting claims in this graph.</p>"))
    return 200, _page("conflicts", body)
