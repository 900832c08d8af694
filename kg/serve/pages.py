"""Server-rendered pages: the service description, the claim page and the conflicts page, and the helpers
every page shares (the entity page, the map and the explorer have their own modules).

Pages query the store through the same worker pool as the endpoint, and escape everything they print.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
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


class PageCache:
    """Answers of the pages' queries, kept until the store changes (its generation), least recently used
    dropped first. A reader's next click — the next page of a filtered view, a facet and back — asks mostly
    the same queries (the facets do not depend on the page); the SPARQL endpoint is never cached."""

    def __init__(self, size: int):
        self.size = size
        self.generation = -1
        self.answers: OrderedDict[str, list[dict]] = OrderedDict()
        self.rows = 0  # rows held in all: the memory bound, with MAX_CACHED_ROWS per answer

    def get(self, generation: int, query: str) -> list[dict] | None:
        if generation != self.generation:
            self.generation = generation
            self.answers.clear()
            self.rows = 0
        rows = self.answers.get(query)
        if rows is not None:
            self.answers.move_to_end(query)
        return rows

    def put(self, query: str, rows: list[dict]) -> None:
        if self.size <= 0 or len(rows) > MAX_CACHED_ROWS or query in self.answers:
            return
        self.answers[query] = rows
        self.rows += len(rows)
        while len(self.answers) > self.size or self.rows > MAX_CACHED_ROWS_TOTAL:
            self.rows -= len(self.answers.popitem(last=False)[1])


MAX_CACHED_ROWS = 5_000  # rows of one answer (larger answers are not kept)
MAX_CACHED_ROWS_TOTAL = 200_000  # rows of all the answers kept (tens of MB at most)


async def _select(pool, query: str) -> list[dict]:
    cache: PageCache | None = getattr(pool, "page_cache", None)
    generation = pool.current_generation() if cache is not None else 0
    if cache is not None and (rows := cache.get(generation, query)) is not None:
        return rows
    out = await pool.run(QueryTask(query=PREFIXES + query, accept=JSON, max_bytes=20_000_000))
    if out.status != 200:
        raise Unavailable(f"the page could not be built: {out.message or out.status}")
    rows = json.loads(out.body)["results"]["bindings"]
    if cache is not None and pool.current_generation() == generation:  # not when the store changed meanwhile
        cache.put(query, rows)
    return rows


def local_name(iri: str) -> str:
    """The last part of an IRI (after # or /): kg:Asserted → Asserted, an entity's id."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


class Described(dict):
    """subject → property local name → its values (sorted), as :func:`describe` reads them."""

    def first(self, subject: str, prop: str) -> str:
        """The first (sorted) value of a subject's property, or ""."""
        values = self.get(subject, {}).get(prop, [])
        return values[0] if values else ""


async def describe(pool, subjects, properties: tuple[str, ...] = ()) -> Described:
    """These subjects' properties in one look-up by subject; only ``properties`` (prefixed names, e.g.
    ``skos:prefLabel``) when given.

    Pages ask this instead of OPTIONAL patterns: Oxigraph evaluates an OPTIONAL by computing its pattern over
    the whole store first, which cost seconds on a thousand articles where this costs milliseconds."""
    out = Described()
    subjects = sorted(set(s for s in subjects if s))
    if not subjects:
        return out
    only = f"FILTER (?p IN ({', '.join(properties)}))" if properties else ""
    rows = await _select(pool, f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {' '.join(_iri(s) for s in subjects)} }} ?s ?p ?o {only} }}")
    for r in rows:
        out.setdefault(_v(r, "s"), {}).setdefault(local_name(_v(r, "p")), []).append(_v(r, "o"))
    for props in out.values():
        for values in props.values():
            values.sort()
    return out


async def newest_first(pool, where: str, var: str, page: int, size: int) -> tuple[int, list[str]]:
    """One page of the values of ``var`` that ``where`` binds (a pattern using ``GRAPH ?g``), newest article
    first, then by article graph, then by value; and how many there are in all.

    Sorting thousands of IRIs with ORDER BY costs Oxigraph seconds, so the values are counted per article
    graph (a grouped scan), the graphs that hold the page are picked from those counts in date order, and
    only their values are read and put in order here."""
    per_graph = await _select(pool, f"""SELECT ?g ?n (SAMPLE(?d) AS ?date) WHERE {{
        {{ SELECT ?g (COUNT(DISTINCT {var}) AS ?n) WHERE {{ {where} }} GROUP BY ?g }}
        OPTIONAL {{ GRAPH ?g {{ ?article_ schema:datePublished ?d }} }} }} GROUP BY ?g ?n""")
    graphs = sorted(per_graph, key=lambda r: _v(r, "g"))
    graphs.sort(key=lambda r: _v(r, "date")[:10], reverse=True)  # stable: newest first, undated last, then by graph
    total = sum(int(_v(r, "n") or 0) for r in graphs)
    start, seen, chosen, skip = (page - 1) * size, 0, [], 0
    for r in graphs:
        n = int(_v(r, "n") or 0)
        if seen + n > start and seen < start + size:
            if not chosen:
                skip = start - seen
            chosen.append(_v(r, "g"))
        seen += n
    if not chosen:
        return total, []
    found = await _select(pool, f"SELECT DISTINCT ?g {var} WHERE {{ VALUES ?g {{ {' '.join(_iri(g) for g in chosen)} }} {where} }}")
    order = {g: i for i, g in enumerate(chosen)}
    values = [_v(r, var[1:]) for r in sorted(found, key=lambda r: (order[_v(r, "g")], _v(r, var[1:])))]
    return total, values[skip : skip + size]


async def per_article_dates(pool, where: str, var: str) -> dict[str, int]:
    """How many values of ``var`` fall on each article date (YYYY-MM-DD), for a pattern using ``GRAPH ?g``."""
    rows = await _select(pool, f"""SELECT ?day (SUM(?n) AS ?count) WHERE {{
        {{ SELECT ?g (COUNT(DISTINCT {var}) AS ?n) WHERE {{ {where} }} GROUP BY ?g }}
        GRAPH ?g {{ ?article_ schema:datePublished ?d }} BIND (SUBSTR(STR(?d), 1, 10) AS ?day) }} GROUP BY ?day""")
    return {_v(r, "day"): int(_v(r, "count") or 0) for r in rows}


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


CONFLICTS_PAGE = 20


async def spans(pool, claims, context: int = 120) -> dict[str, tuple[str, str, str]]:
    """claim → (text before, the claim's span, text after) from its article, cut in the store (SUBSTR), so a
    page of claims never carries whole articles."""
    if not claims:
        return {}
    rows = await _select(pool, f"""SELECT ?claim ?before ?span ?after WHERE {{
        VALUES ?claim {{ {' '.join(_iri(c) for c in sorted(set(claims)))} }}
        ?claim kg:beginIndex ?b ; kg:endIndex ?e ; kg:inArticle ?a . ?a schema:articleBody ?body .
        BIND (IF(?b > {context}, ?b - {context}, 0) AS ?from)
        BIND (SUBSTR(?body, ?from + 1, ?b - ?from) AS ?before)
        BIND (SUBSTR(?body, ?b + 1, ?e - ?b) AS ?span)
        BIND (SUBSTR(?body, ?e + 1, {context}) AS ?after) }}""")
    return {_v(r, "claim"): (_v(r, "before"), _v(r, "span"), _v(r, "after")) for r in rows}


async def conflicts(pool, page: int = 1) -> tuple[int, str]:
    """Each conflict's two claims side by side — speaker, figure, date and the span in its article — newest
    articles first, a page of conflicts at a time."""
    from kg.serve.explorer import describe_claims

    total, ids = await newest_first(pool, "GRAPH ?g { ?conflict a kg:Conflict }", "?conflict", page, CONFLICTS_PAGE)
    pairs = await _select(pool, f"""SELECT ?conflict ?reason ?claim WHERE {{ VALUES ?conflict {{ {' '.join(_iri(c) for c in ids)} }}
                                    ?conflict kg:reason ?reason ; kg:conflictClaim ?claim }}""") if ids else []
    claims = sorted({_v(r, "claim") for r in pairs})
    rows, windows = await asyncio.gather(describe_claims(pool, claims), spans(pool, claims))
    by_claim = {r.claim: r for r in rows}
    grouped: dict[str, dict] = {c: {"reason": "", "claims": []} for c in ids}
    for r in sorted(pairs, key=lambda r: _v(r, "claim")):
        g = grouped[_v(r, "conflict")]
        g["reason"] = g["reason"] or _v(r, "reason")
        if _v(r, "claim") not in g["claims"]:
            g["claims"].append(_v(r, "claim"))
    items = []
    for conflict, g in grouped.items():
        sides = []
        for iri in g["claims"][:2]:
            r = by_claim.get(iri)
            if r is None:
                continue
            speaker = (f'<a href="/entity?iri={quote(r.speaker, safe="")}" dir="auto">{escape(r.speaker_label or r.speaker)}</a>'
                       if r.speaker else "unnamed source")
            figure = f" · {escape(r.figure)}" if r.figure else ""
            before, span, after = windows.get(iri, ("", "", ""))
            sides.append(
                f'<div class="side"><p>{speaker}{figure} · {escape(r.date[:10] or "no date")} · '
                f'<a href="/claim?iri={quote(iri, safe="")}">claim</a></p>'
                f'<p class="span" dir="auto">…{escape(before)}<mark>{escape(span)}</mark>{escape(after)}…</p></div>')
        items.append(f'<section class="conflict"><h2 dir="auto">{escape(g["reason"])}</h2><div class="sides">{"".join(sides)}</div></section>')
    pager = ""
    if page > 1:
        pager += f'<a rel="prev" href="/conflicts?page={page - 1}">← previous</a> '
    if page * CONFLICTS_PAGE < total:
        pager += f'<a rel="next" href="/conflicts?page={page + 1}">next →</a>'
    first_shown = (page - 1) * CONFLICTS_PAGE
    shown = f", {first_shown + 1}–{first_shown + len(ids)} shown" if ids else ""
    body = (f'<nav><a href="/">claims explorer</a> · <a href="/map">map</a> · <a href="/sparql">SPARQL editor</a></nav>'
            f'<h1>Conflicting claims ({total})</h1><p id="count">{total} conflict(s){shown}, newest articles first</p>'
            + ("".join(items) or "<p>No conflicting claims in this graph.</p>") + f'<p class="pager">{pager}</p>')
    return 200, _page("conflicts", body)
