"""The claims explorer at ``/``: every claim as a row — speaker, cue, the claim's words, channel, certainty,
mode, figure, article and date — with facets and free-text search, paged on the server with SPARQL.

Everything is asked of the store through the query workers, one page of rows and one count per facet at a
time: the page never holds the whole graph. The search is over the claims' words normalised as extraction
normalises Arabic (diacritics and tatweel dropped, alef and hamza forms, ى/ي and ة/ه unified, digits made
Western, Latin case folded), so a reader typing without diacritics or hamza finds what the article wrote
with them; the SPARQL expression is derived from the very table :mod:`kg.extract.normalize` uses.
Every value printed is escaped; links are built with URL encoding.
"""

from __future__ import annotations

import asyncio
import re
import urllib.parse
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from html import escape

from kg.serve.pages import _iri, _page, _select, _v

PAGE_SIZE = 50
FACET_SIZE = 12
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LOCAL = re.compile(r"^[A-Z][A-Za-z]{1,40}$")
_CONCEPTS = {"certainty": ("Asserted", "Hedged", "Denied"), "mode": ("Direct", "Indirect", "AccordingTo")}


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the claims to (the page's query string)."""

    q: str = ""
    speaker: str = ""  # entity IRI
    speaker_type: str = ""  # ontology class local name: Person, ArmedGroup …
    place: str = ""  # entity IRI of a place the claim is about
    certainty: str = ""  # Asserted | Hedged | Denied
    mode: str = ""  # Direct | Indirect | AccordingTo
    outlet: str = ""  # publisher IRI
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""
    conflict: str = ""  # "1": only claims in a conflict
    page: int = 1

    @classmethod
    def parse(cls, params) -> Filters:
        """From a query string; values that cannot be what they claim are dropped, never put in a query."""
        got = {f.name: (params.get(f.name) or "").strip()[:500] for f in fields(cls)}
        for name in ("speaker", "place", "outlet"):
            if not got[name].startswith(("http://", "https://")):
                got[name] = ""
        if not _LOCAL.match(got["speaker_type"]):
            got["speaker_type"] = ""
        for name, allowed in _CONCEPTS.items():
            if got[name] not in allowed:
                got[name] = ""
        for name in ("date_from", "date_to"):
            if not _DATE.match(got[name]):
                got[name] = ""
        got["conflict"] = "1" if got["conflict"] == "1" else ""
        got["page"] = int(got["page"]) if got["page"].isdigit() and 0 < int(got["page"]) < 100_000 else 1
        return cls(**got)

    def url(self, **changes) -> str:
        """The explorer's URL with these filters (and ``changes``), back on page 1 unless a page is given."""
        f = replace(self, **{"page": 1, **changes})
        query = {k: v for k, v in ((fl.name, getattr(f, fl.name)) for fl in fields(f)) if v and not (k == "page" and v == 1)}
        return "/" + ("?" + urllib.parse.urlencode(query) if query else "")


@lru_cache(maxsize=1)
def normalized_expression() -> str:
    """A SPARQL expression of ``?content`` normalised as :func:`kg.extract.normalize.normalize` does it."""
    from kg.extract.normalize import character_map

    targets: dict[str, list[str]] = {}
    for ch, to in character_map().items():
        targets.setdefault(to, []).append(ch)
    expr = "?content"
    for to, sources in sorted(targets.items()):
        cls = "".join(f"\\\\u{ord(c):04X}" for c in sorted(sources))
        expr = f'REPLACE({expr}, "[{cls}]", "{to}")'
    return f"LCASE({expr})"


def _literal(text: str) -> str:
    """A SPARQL string literal (escapes quotes, backslashes and line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def _where(f: Filters) -> str:
    from kg.extract.normalize import normalize

    parts = ["?claim a kg:Claim ; kg:content ?content ; kg:cue ?cue ; kg:mode ?mode ; kg:certainty ?certainty ; kg:inArticle ?a .",
             "OPTIONAL { ?a schema:datePublished ?date }"]
    if f.speaker:
        parts.append(f"?claim kg:claimant {_iri(f.speaker)} .")
    if f.speaker_type:
        parts.append(f"?claim kg:claimant ?st . ?st a kg:{f.speaker_type} .")
    if f.place:
        parts.append(f"?claim kg:about {_iri(f.place)} .")
    if f.certainty:
        parts.append(f"?claim kg:certainty kg:{f.certainty} .")
    if f.mode:
        parts.append(f"?claim kg:mode kg:{f.mode} .")
    if f.outlet:
        parts.append(f"?a schema:publisher {_iri(f.outlet)} .")
    if f.date_from:
        parts.append(f'FILTER (BOUND(?date) && SUBSTR(STR(?date), 1, 10) >= "{f.date_from}")')
    if f.date_to:
        parts.append(f'FILTER (BOUND(?date) && SUBSTR(STR(?date), 1, 10) <= "{f.date_to}")')
    if f.conflict:
        parts.append("FILTER EXISTS { ?conflict kg:conflictClaim ?claim }")
    if f.q:
        parts.append(f"FILTER (CONTAINS({normalized_expression()}, {_literal(normalize(f.q, casefold=True))}))")
    return "\n".join(parts)


# facet name → (the pattern binding ?v and its ?l label, how a value is shown)
FACETS = {
    "speaker": ("?claim kg:claimant ?v . OPTIONAL { ?v skos:prefLabel ?l }", "speaker"),
    "speaker_type": ("?claim kg:claimant ?fv . ?fv a ?v . FILTER (STRSTARTS(STR(?v), STR(kg:)) && ?v != kg:Source)", "speaker type"),
    "place": ('?claim kg:about ?v . ?v kg:entityCategory "place" . OPTIONAL { ?v skos:prefLabel ?l }', "place"),
    "certainty": ("BIND (?certainty AS ?v)", "certainty"),
    "mode": ("BIND (?mode AS ?v)", "mode"),
    "outlet": ("?a schema:publisher ?v . OPTIONAL { ?v skos:prefLabel ?l }", "outlet"),
}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


async def _facet(pool, f: Filters, name: str) -> str:
    pattern, title = FACETS[name]
    rows = await _select(pool, f"""SELECT ?v (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?claim) AS ?n)
        WHERE {{ {_where(replace(f, **{name: ""}))}
                 {pattern} }} GROUP BY ?v ORDER BY DESC(?n) LIMIT {FACET_SIZE}""")
    chosen = getattr(f, name)
    items = []
    for r in rows:
        value = _v(r, "v") if name in ("speaker", "place", "outlet") else _local(_v(r, "v"))
        label = _v(r, "label") or _local(_v(r, "v"))
        on = value == chosen
        href = f.url(**{name: "" if on else value})
        items.append(f'<li{" class=on" if on else ""}><a href="{escape(href)}" data-facet="{escape(name)}" dir="auto">'
                     f'{escape(label)}</a> <span class="n">{escape(_v(r, "n"))}</span></li>')
    return f'<section class="facet"><h3>{escape(title)}</h3><ul>{"".join(items) or "<li>—</li>"}</ul></section>'


async def _rows(pool, f: Filters) -> list[dict]:
    return await _select(pool, f"""SELECT * WHERE {{
        SELECT ?claim (SAMPLE(?content) AS ?text) (SAMPLE(?cue) AS ?c) (SAMPLE(?mode) AS ?m) (SAMPLE(?certainty) AS ?ce)
               (SAMPLE(?who) AS ?w) (SAMPLE(?whoLabel) AS ?wl) (SAMPLE(?channelLabel) AS ?ch) (SAMPLE(?date) AS ?d)
               (SAMPLE(?title) AS ?t) (SAMPLE(?a) AS ?art) (SAMPLE(?value) AS ?val) (SAMPLE(?unit) AS ?u)
               (SAMPLE(?publisherLabel) AS ?pub)
        WHERE {{ {_where(f)}
                 OPTIONAL {{ ?claim kg:claimant ?who . OPTIONAL {{ ?who skos:prefLabel ?whoLabel }} }}
                 OPTIONAL {{ ?claim kg:channel/skos:prefLabel ?channelLabel }}
                 OPTIONAL {{ ?a schema:headline ?title }}
                 OPTIONAL {{ ?a schema:publisher/skos:prefLabel ?publisherLabel }}
                 OPTIONAL {{ ?claim kg:quantity ?q . ?q kg:value ?value ; kg:unit ?unit }} }}
        GROUP BY ?claim }} ORDER BY DESC(?d) ?claim LIMIT {PAGE_SIZE + 1} OFFSET {(f.page - 1) * PAGE_SIZE}""")


def _row(r: dict) -> str:
    who = _v(r, "w")
    speaker = (f'<a href="/entity?iri={urllib.parse.quote(who, safe="")}" dir="auto">{escape(_v(r, "wl") or _local(who))}</a>'
               if who else "—")
    figure = f'{escape(_v(r, "val"))} {escape(_v(r, "u"))}' if _v(r, "val") else ""
    article = escape(_v(r, "t") or _local(_v(r, "art")))
    return (f'<tr><td class="who">{speaker}</td><td dir="auto" class="cue">{escape(_v(r, "c"))}</td>'
            f'<td dir="auto" class="claim"><a href="/claim?iri={urllib.parse.quote(_v(r, "claim"), safe="")}">'
            f'{escape(_v(r, "text"))}</a></td><td dir="auto">{escape(_v(r, "ch"))}</td>'
            f'<td>{escape(_local(_v(r, "ce")))}</td><td>{escape(_local(_v(r, "m")))}</td><td>{figure}</td>'
            f'<td dir="auto">{article}<br><span class="pub">{escape(_v(r, "pub"))}</span></td>'
            f'<td>{escape(_v(r, "d")[:10])}</td></tr>')


async def explorer(pool, f: Filters) -> tuple[int, str]:
    total, rows, *facets = await asyncio.gather(  # one query per worker, side by side
        _select(pool, f"SELECT (COUNT(DISTINCT ?claim) AS ?n) WHERE {{ {_where(f)} }}"),
        _rows(pool, f), *(_facet(pool, f, name) for name in FACETS))
    n = int(_v(total[0], "n") or 0) if total else 0
    more = len(rows) > PAGE_SIZE
    conflict_href = f.url(conflict="" if f.conflict else "1")
    facets.append(f'<section class="facet"><h3>conflicts</h3><ul><li{" class=on" if f.conflict else ""}>'
                  f'<a href="{escape(conflict_href)}" data-facet="conflict">only claims in a conflict</a></li></ul></section>')
    hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(str(v))}">'
                     for k, v in ((fl.name, getattr(f, fl.name)) for fl in fields(f)) if v and k not in ("q", "page", "date_from", "date_to"))
    form = (f'<form id="search" method="get" action="/">{hidden}'
            f'<input name="q" id="q" value="{escape(f.q)}" placeholder="search the claims (Arabic or English)" dir="auto">'
            f' from <input name="date_from" type="date" value="{escape(f.date_from)}">'
            f' to <input name="date_to" type="date" value="{escape(f.date_to)}"> <button>search</button>'
            f' <a href="/">clear</a></form>')
    pager = ""
    if f.page > 1:
        pager += f'<a rel="prev" href="{escape(f.url(page=f.page - 1))}">← previous</a> '
    if more:
        pager += f'<a rel="next" href="{escape(f.url(page=f.page + 1))}">next →</a>'
    table = ("<table id=\"claims\"><tr><th>speaker</th><th>cue</th><th>claim</th><th>channel</th><th>certainty</th>"
             "<th>mode</th><th>figure</th><th>article</th><th>date</th></tr>"
             + "".join(_row(r) for r in rows[:PAGE_SIZE]) + "</table>")
    first = (f.page - 1) * PAGE_SIZE
    status = f'<p id="count">{n} claim(s)' + (f", {first + 1}–{first + min(len(rows), PAGE_SIZE)} shown" if rows else "") + "</p>"
    nav = '<nav><a href="/map">map</a> · <a href="/conflicts">conflicting claims</a> · <a href="/sparql">SPARQL editor</a></nav>'
    body = f'{nav}<div class="explorer"><aside>{"".join(facets)}</aside><div>{form}{status}{table}<p class="pager">{pager}</p></div></div>'
    return 200, _page("claims", body)
