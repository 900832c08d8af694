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

from kg.serve.pages import _iri, _page, _select, _v, describe, local_name, newest_first

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
    article: str = ""  # article IRI: the claims of one article
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""
    conflict: str = ""  # "1": only claims in a conflict
    page: int = 1

    @classmethod
    def parse(cls, params) -> Filters:
        """From a query string; values that cannot be what they claim are dropped, never put in a query."""
        got = {f.name: (params.get(f.name) or "").strip()[:500] for f in fields(cls)}
        for name in ("speaker", "place", "outlet", "article"):
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


@lru_cache(maxsize=256)
def search_regex(q: str) -> str:
    """A regular expression matching, in the claims' words as written, what ``q`` matches once both are
    normalised as :func:`kg.extract.normalize.normalize` does (with Latin case folded by the ``i`` flag): each
    character of the normalised query becomes the class of every character that normalises to it, and the
    characters normalisation drops (diacritics, tatweel) may stand between any two. Derived from the very
    table extraction uses (:func:`kg.extract.normalize.character_map`)."""
    from kg.extract.normalize import character_map, normalize

    sources: dict[str, set[str]] = {}
    dropped = []
    for ch, to in character_map().items():
        if to:
            sources.setdefault(to, set()).add(ch)
        else:
            dropped.append(ch)
    skip = "[" + "".join(_class_char(c) for c in sorted(dropped)) + "]*"
    parts = []
    for ch in normalize(q, casefold=True).strip():
        if ch.isspace():
            parts.append("\\s+")
            continue
        chars = sorted(sources.get(ch, set()) | {ch})
        parts.append("[" + "".join(_class_char(c) for c in chars) + "]" if len(chars) > 1 else _class_char(ch))
    return skip.join(parts)


def _class_char(ch: str) -> str:
    """One character for a SPARQL (XPath) regular expression, its metacharacters escaped."""
    return "\\" + ch if ch in "\\.^$*+?()[]{}|-" else ch


def _literal(text: str) -> str:
    """A SPARQL string literal (escapes quotes, backslashes and line breaks)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


@dataclass(frozen=True)
class Scope:
    """The claims the filters leave, as SPARQL over the article graphs: patterns on ``?claim`` inside
    ``GRAPH ?g`` (one article's graph), and joins with small sets outside it (articles of an outlet or a
    date range, claims in a conflict, speakers of a type).

    Why this shape: every claim lives in its article's named graph, and asking a graph pattern with ``?g``
    bound per article lets Oxigraph count and group claims by single-pattern index scans; the same filters
    written over the union of all graphs made it join every claim's six required triples first (seconds at
    36,000 claims, against tens of milliseconds here)."""

    inside: tuple[str, ...]
    outside: tuple[str, ...]
    after: tuple[str, ...]
    given: bool = False  # ?g and ?claim are bound by a VALUES block outside (the claims a search found)

    def where(self, extra_inside: str = "", extra_after: str = "") -> str:
        inside = " ".join(self.inside) + " " + extra_inside
        if inside.strip():
            block = f"GRAPH ?g {{ {inside} }}"
        else:  # nothing to ask of the claims: every claim (typed), or just those given
            block = "" if self.given else "GRAPH ?g { ?claim a kg:Claim . }"
        return "\n".join([*self.outside, block, *self.after, extra_after])


MAX_MATCHES = 3000  # claims a search may find and still be handed to the other queries as VALUES


async def search_matches(pool, f: Filters) -> tuple[tuple[str, str], ...] | None:
    """(graph, claim) of every claim whose words match the search, asked once so that the page and the six
    facets join with them rather than each running the regular expression over every claim again; None when
    there are too many to hand on (each query then filters itself)."""
    rows = await _select(pool, f"""SELECT ?g ?claim WHERE {{ GRAPH ?g {{ ?claim kg:content ?content .
        FILTER (REGEX(?content, {_literal(search_regex(f.q))}, "i")) }} }} LIMIT {MAX_MATCHES + 1}""")
    if len(rows) > MAX_MATCHES:
        return None
    return tuple(sorted((_v(r, "g"), _v(r, "claim")) for r in rows))


def scope(f: Filters, matched: tuple[tuple[str, str], ...] | None = None) -> Scope:
    """The filters as a :class:`Scope`; ``matched``: the claims the search found, when asked beforehand."""
    from kg.iris import entities_graph

    inside, outside, after = [], [], []
    given = bool(f.q and matched is not None)
    if given:
        pairs = " ".join(f"({_iri(g)} {_iri(c)})" for g, c in matched)
        outside.append(f"VALUES (?g ?claim) {{ {pairs} }}")
        f = replace(f, q="")
    for name, predicate, value in (("speaker", "kg:claimant", _iri), ("place", "kg:about", _iri),
                                   ("certainty", "kg:certainty", "kg:{}".format), ("mode", "kg:mode", "kg:{}".format)):
        if getattr(f, name):
            inside.append(f"?claim {predicate} {value(getattr(f, name))} .")
    if f.q:
        inside.append(f'?claim kg:content ?content . FILTER (REGEX(?content, {_literal(search_regex(f.q))}, "i"))')
    if f.speaker_type:
        inside.append("?claim kg:claimant ?st .")
        after.append(f"GRAPH {_iri(entities_graph())} {{ ?st a kg:{f.speaker_type} }}")
    article = []
    if f.outlet:
        article.append(f"?art schema:publisher {_iri(f.outlet)} .")
    if f.date_from or f.date_to:
        article.append("?art schema:datePublished ?date .")
    if f.date_from:
        article.append(f'FILTER (SUBSTR(STR(?date), 1, 10) >= "{f.date_from}")')
    if f.date_to:
        article.append(f'FILTER (SUBSTR(STR(?date), 1, 10) <= "{f.date_to}")')
    if f.article:
        article.append(f"{_iri(f.article)} a ?kind_ . BIND ({_iri(f.article)} AS ?art)")
    if article:
        outside.append(f"{{ SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {' '.join(article)} }} }} }}")
    if f.conflict:
        outside.append("{ SELECT DISTINCT ?claim WHERE { ?conflict kg:conflictClaim ?claim } }")
    return Scope(tuple(inside), tuple(outside), tuple(after), given)


@dataclass(frozen=True)
class Facet:
    """A facet: the variable claims are grouped by (``key``), the pattern binding it inside the article graph,
    and what turns a group into a value ``?v`` (nothing when the key is the value)."""

    title: str
    key: str
    inside: str
    after: str = ""


def _facets() -> dict[str, Facet]:
    from kg.iris import entities_graph

    return {
        "speaker": Facet("speaker", "?v", "?claim kg:claimant ?v ."),
        "speaker_type": Facet("speaker type", "?fv", "?claim kg:claimant ?fv .",
                              f"GRAPH {_iri(entities_graph())} {{ ?fv a ?v }} FILTER (STRSTARTS(STR(?v), STR(kg:)) && ?v != kg:Source)"),
        "place": Facet("place", "?v", "?claim kg:about ?v .", '?v kg:entityCategory "place" .'),
        "certainty": Facet("certainty", "?v", "?claim kg:certainty ?v ."),
        "mode": Facet("mode", "?v", "?claim kg:mode ?v ."),
        "outlet": Facet("outlet", "?g", "", "GRAPH ?g { ?art schema:publisher ?v }"),
    }


FACETS = _facets()


async def _facet(pool, f: Filters, name: str, matched: tuple[tuple[str, str], ...] | None = None) -> str:
    facet = FACETS[name]
    where = scope(replace(f, **{name: ""}), matched).where(facet.inside)
    if facet.key == "?v" and not facet.after:
        counts = f"SELECT ?v (COUNT(DISTINCT ?claim) AS ?n) WHERE {{ {where} }} GROUP BY ?v"
    else:
        counts = (f"SELECT ?v (SUM(?k) AS ?n) WHERE {{ {{ SELECT {facet.key} (COUNT(DISTINCT ?claim) AS ?k) WHERE {{ {where} }} "
                  f"GROUP BY {facet.key} }} {facet.after} }} GROUP BY ?v")
    # ordered by count alone: a tie-break on the IRI makes Oxigraph compare thousands of IRIs (a second at
    # 36,000 claims); ties are put in order here, on the dozen rows kept
    rows = await _select(pool, f"""SELECT ?v ?n (SAMPLE(?l) AS ?label) WHERE {{
        {{ {counts} ORDER BY DESC(?n) LIMIT {FACET_SIZE} }} OPTIONAL {{ ?v skos:prefLabel ?l }} }} GROUP BY ?v ?n""")
    rows.sort(key=lambda r: (-int(_v(r, "n") or 0), _v(r, "label") or _v(r, "v")))
    chosen = getattr(f, name)
    items = []
    for r in rows:
        value = _v(r, "v") if name in ("speaker", "place", "outlet") else local_name(_v(r, "v"))
        label = _v(r, "label") or local_name(_v(r, "v"))
        on = value == chosen
        href = f.url(**{name: "" if on else value})
        items.append(f'<li{" class=on" if on else ""}><a href="{escape(href)}" data-facet="{escape(name)}" dir="auto">'
                     f'{escape(label)}</a> <span class="n">{escape(_v(r, "n"))}</span></li>')
    return f'<section class="facet"><h3>{escape(facet.title)}</h3><ul>{"".join(items) or "<li>—</li>"}</ul></section>'


@dataclass
class ClaimRow:
    """One row of the explorer's table."""

    claim: str
    text: str = ""
    cue: str = ""
    mode: str = ""
    certainty: str = ""
    speaker: str = ""
    speaker_label: str = ""
    channel_label: str = ""
    article: str = ""
    title: str = ""
    date: str = ""
    publisher_label: str = ""
    figure: str = ""


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[ClaimRow]


async def _page_of_claims(pool, f: Filters, matched: tuple[tuple[str, str], ...] | None = None) -> Page:
    """The page's claims, newest article first (then article, then claim)."""
    total, claims = await newest_first(pool, scope(f, matched).where(), "?claim", f.page, PAGE_SIZE)
    return Page(total, await describe_claims(pool, claims))


async def describe_claims(pool, claims: list[str]) -> list[ClaimRow]:
    """What the table shows of these claims, asked as three look-ups by subject (their properties; those of
    their articles, speakers, channels and figures; the outlets' labels) rather than with OPTIONALs (see
    :func:`kg.serve.pages.describe`)."""
    if not claims:
        return []
    of = await describe(pool, claims)
    linked = {o for c in claims for p in ("inArticle", "claimant", "channel", "quantity") for o in of.get(c, {}).get(p, [])}
    of.update(await describe(pool, linked, ("skos:prefLabel", "kg:value", "kg:unit", "schema:headline",
                                            "schema:datePublished", "schema:publisher")))
    of.update(await describe(pool, {o for x in linked for o in of.get(x, {}).get("publisher", [])}, ("skos:prefLabel",)))
    first = of.first
    rows = []
    for c in claims:
        art, who, channel, quantity = (first(c, p) for p in ("inArticle", "claimant", "channel", "quantity"))
        value = first(quantity, "value") if quantity else ""
        rows.append(ClaimRow(
            claim=c, text=first(c, "content"), cue=first(c, "cue"), mode=first(c, "mode"), certainty=first(c, "certainty"),
            speaker=who, speaker_label=first(who, "prefLabel") if who else "",
            channel_label=first(channel, "prefLabel") if channel else "", article=art, title=first(art, "headline"),
            date=first(art, "datePublished"), publisher_label=first(first(art, "publisher"), "prefLabel"),
            figure=f"{value} {first(quantity, 'unit')}" if value else ""))
    return rows


def _row(r: ClaimRow) -> str:
    speaker = (f'<a href="/entity?iri={urllib.parse.quote(r.speaker, safe="")}" dir="auto">{escape(r.speaker_label or local_name(r.speaker))}</a>'
               if r.speaker else "—")
    article = (f'<a href="/?article={urllib.parse.quote(r.article, safe="")}" class="article">{escape(r.title or local_name(r.article))}</a>'
               if r.article else "")
    return (f'<tr><td class="who">{speaker}</td><td dir="auto" class="cue">{escape(r.cue)}</td>'
            f'<td dir="auto" class="claim"><a href="/claim?iri={urllib.parse.quote(r.claim, safe="")}">'
            f'{escape(r.text)}</a></td><td dir="auto">{escape(r.channel_label)}</td>'
            f'<td>{escape(local_name(r.certainty))}</td><td>{escape(local_name(r.mode))}</td><td>{escape(r.figure)}</td>'
            f'<td dir="auto">{article}<br><span class="pub">{escape(r.publisher_label)}</span></td>'
            f'<td>{escape(r.date[:10])}</td></tr>')


async def explorer(pool, f: Filters) -> tuple[int, str]:
    matched = await search_matches(pool, f) if f.q else None
    page, *facets = await asyncio.gather(  # one query per worker, side by side
        _page_of_claims(pool, f, matched), *(_facet(pool, f, name, matched) for name in FACETS))
    n, rows = page.total, page.rows
    more = (f.page - 1) * PAGE_SIZE + len(rows) < n
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
    if f.article:
        status += (f'<p class="filter">The claims of one article (<span class="iri">{escape(f.article)}</span>) · '
                   f'<a href="{escape(f.url(article=""))}">all articles</a></p>')
    nav = '<nav><a href="/map">map</a> · <a href="/conflicts">conflicting claims</a> · <a href="/sparql">SPARQL editor</a></nav>'
    body = f'{nav}<div class="explorer"><aside>{"".join(facets)}</aside><div>{form}{status}{table}<p class="pager">{pager}</p></div></div>'
    return 200, _page("claims", body)
