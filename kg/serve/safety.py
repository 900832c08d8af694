"""What a request may reach: every SERVICE and LOAD target is found and checked before execution.

A query or update reaches out of the server only through SERVICE (queries and updates) and LOAD
(updates). The guard fails closed:

1. Text that nowhere spells ``service`` or ``load`` (in any case, with its ``\\u`` escapes read or
   not) cannot name either keyword and is let through without parsing.
2. Otherwise two independent readings must agree: kg's own SPARQL lexer (:mod:`kg.serve.sparql_lexer`,
   which follows the grammar's terminals, prefixes and BASE) and rdflib's SPARQL parser. Each lists
   the SERVICE and LOAD operations it sees; text either cannot read, or where they count differently,
   is refused.
3. Every target must be a literal IRI (a variable target is refused), resolved against the prologue
   and the request's base, and must match an allowlist entry as a parsed URL: same scheme, host and
   port, no user-info, and a path that after removing dot segments equals the entry's path or lies
   under it as a whole segment (``/ok`` admits ``/ok`` and ``/ok/x``, never ``/okay`` or ``/ok/../x``).

Query workers are also started without network access when no SERVICE target is allowed
(:mod:`kg.serve.workers`), so a query that fooled both readings still could not call out.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urljoin, urlsplit

from kg.serve.sparql_lexer import LexError, Token, decode_unicode_escapes, iri_value, local_name, nesting_depth, tokens

MAX_NESTING = 200  # brackets deep; parsers recurse per level, and 10,000 levels overflow their stacks
_MENTION = re.compile(r"service|load", re.IGNORECASE)
_ENCODED_PATH_TRICK = re.compile(r"%(?:2e|2f|5c)|\\", re.IGNORECASE)


class Refused(Exception):
    """A request the server will not run; the message says why."""


@dataclass(frozen=True)
class Target:
    keyword: str  # SERVICE or LOAD
    iri: str | None  # None: not a literal IRI (a variable, or something that does not resolve)


@dataclass(frozen=True)
class AllowedEndpoint:
    scheme: str
    host: str
    port: int
    path: str

    @classmethod
    def parse(cls, entry: str) -> AllowedEndpoint:
        parts = _url_parts(entry)
        if parts is None:
            raise ValueError(f"--allow-service {entry!r} is not an http(s) URL with a host")
        return cls(*parts)

    def admits(self, scheme: str, host: str, port: int, path: str) -> bool:
        if (scheme, host, port) != (self.scheme, self.host, self.port):
            return False
        base = self.path.rstrip("/")
        return path == self.path or path == base or path.startswith(base + "/")


def _url_parts(url: str) -> tuple[str, str, int, str] | None:
    """(scheme, host, port, normalised path) of an http(s) URL; None when it is anything else or
    carries user-info, an encoded dot, slash or backslash (spellings servers disagree on)."""
    try:
        u = urlsplit(url)
        port = u.port
    except ValueError:
        return None
    scheme = u.scheme.lower()
    if scheme not in ("http", "https") or not u.hostname or "@" in u.netloc:
        return None
    if _ENCODED_PATH_TRICK.search(u.path):
        return None
    path = posixpath.normpath(unquote(u.path) or "/")
    path = "/" + path.lstrip("/") if path != "." else "/"
    return scheme, u.hostname.lower(), port or (443 if scheme == "https" else 80), path


class Allowlist:
    """The endpoints SERVICE and LOAD may reach (``kg serve --allow-service URL``)."""

    def __init__(self, entries: tuple[str, ...] | list[str] = ()):
        self.entries = tuple(AllowedEndpoint.parse(e) for e in entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def admits(self, iri: str) -> bool:
        parts = _url_parts(iri)
        return parts is not None and any(e.admits(*parts) for e in self.entries)


def mentions_remote(text: str) -> bool:
    """Whether the text could spell SERVICE or LOAD anywhere (an over-approximation, by design)."""
    return bool(_MENTION.search(text) or _MENTION.search(decode_unicode_escapes(text)))


def _lexer_targets(toks: list[Token], base: str | None) -> list[Target]:
    """SERVICE and LOAD operations as kg's lexer reads them, with prefixes and BASE applied in order."""
    prefixes: dict[str, str] = {}
    out: list[Target] = []
    i, n = 0, len(toks)

    def resolve(t: Token) -> str | None:
        if t.kind == "iri":
            value = iri_value(t)
            return urljoin(base, value) if base else value
        if t.kind == "pname":
            prefix, local = local_name(t.text)
            return prefixes[prefix] + local if prefix in prefixes else None
        return None

    while i < n:
        t = toks[i]
        word = t.text.upper() if t.kind == "word" else ""
        if word == "BASE" and i + 1 < n and toks[i + 1].kind == "iri":
            value = iri_value(toks[i + 1])
            base = urljoin(base, value) if base else value
            i += 2
            continue
        if word == "PREFIX" and i + 2 < n and toks[i + 1].kind == "pname" and toks[i + 2].kind == "iri":
            value = iri_value(toks[i + 2])
            prefixes[toks[i + 1].text[:-1]] = urljoin(base, value) if base else value
            i += 3
            continue
        if word in ("SERVICE", "LOAD"):
            j = i + 1
            if j < n and toks[j].kind == "word" and toks[j].text.upper() == "SILENT":
                j += 1
            out.append(Target(word, resolve(toks[j]) if j < n else None))
            i = j + 1
            continue
        i += 1
    return out


def _rdflib_counts(text: str, kind: str) -> tuple[int, int]:
    """(SERVICE, LOAD) operations in rdflib's parse tree; raises when rdflib cannot parse the text."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.plugins.sparql.parserutils import CompValue

    tree = parseUpdate(text) if kind == "update" else parseQuery(text)
    counts = {"ServiceGraphPattern": 0, "Load": 0}
    stack: list = [tree]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > 1_000_000:
            raise ValueError("parse tree too large")
        if isinstance(node, CompValue):
            if node.name in counts:
                counts[node.name] += 1
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)):
            stack.extend(node)
        elif hasattr(node, "as_list") and not isinstance(node, str):  # pyparsing ParseResults
            stack.extend(list(node))
    return counts["ServiceGraphPattern"], counts["Load"]


def _raw_depth(text: str) -> int:
    depth = deepest = 0
    for ch in text:
        if ch in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})]":
            depth -= 1
    return deepest


def check(text: str, allowed: Allowlist, *, kind: str = "query", base: str | None = None) -> list[Target]:
    """Raise :class:`Refused` unless every SERVICE / LOAD in ``text`` targets an allowed endpoint.

    ``kind`` is ``query`` or ``update``; ``base`` is the base IRI the request runs with. Returns the
    targets found (empty for the common case of text that never mentions either keyword).
    """
    if not mentions_remote(text) and text.count("{") + text.count("(") + text.count("[") <= MAX_NESTING:
        return []  # no SERVICE or LOAD, and too few brackets to nest deeper than allowed: nothing to lex
    try:
        toks = tokens(text)
    except LexError as e:
        toks = None
        lex_error = e
    depth = nesting_depth(toks) if toks is not None else _raw_depth(text)
    if depth > MAX_NESTING:
        raise Refused(f"the {kind} nests brackets {depth} deep; at most {MAX_NESTING} are allowed")
    if not mentions_remote(text):
        return []
    if toks is None:
        raise Refused(f"the {kind} mentions SERVICE or LOAD and cannot be checked: {lex_error}")
    found = _lexer_targets(toks, base)
    try:
        services, loads = _rdflib_counts(text, kind)
    except Exception as e:  # noqa: BLE001 - any failure to read the text means it cannot be checked
        raise Refused(f"the {kind} mentions SERVICE or LOAD and could not be checked by a SPARQL parser "
                      f"({type(e).__name__}); it is not run") from None
    if (services, loads) != (sum(t.keyword == "SERVICE" for t in found), sum(t.keyword == "LOAD" for t in found)):
        raise Refused(f"the {kind} mentions SERVICE or LOAD in a form that reads two ways; it is not run")
    for t in found:
        if t.iri is None:
            raise Refused(f"{t.keyword} to a target that is not a literal IRI is not allowed on this server")
        if not allowed.admits(t.iri):
            raise Refused(
                f"{t.keyword} <{t.iri}> is not allowed on this server "
                f"(start kg serve with --allow-service URL to permit an endpoint)"
            )
    return found


def graph_iri(value: str, parameter: str) -> str:
    """A request parameter that must be one absolute IRI (checked by pyoxigraph's own IRI parser)."""
    import pyoxigraph as ox

    try:
        node = ox.NamedNode(value)
    except ValueError:
        raise Refused(f"{parameter} {value!r} is not a valid IRI") from None
    if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", node.value):
        raise Refused(f"{parameter} {value!r} is not an absolute IRI")
    return node.value


def with_using(update: str, default: list[str], named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every INSERT/DELETE … WHERE.

    pyoxigraph's ``Store.update`` takes no dataset argument, so the USING clauses are written into the
    text. The values are first checked as IRIs by pyoxigraph's IRI parser (which refuses ``>``, spaces,
    braces and quotes, so no value can close the IRI and add syntax), and the caller checks the final
    text again before it runs. A USING (or WITH) already in the update conflicts with them (400).
    """
    default = [graph_iri(g, "using-graph-uri") for g in default]
    named = [graph_iri(g, "using-named-graph-uri") for g in named]
    try:
        toks = tokens(update)
    except LexError as e:
        raise Refused(f"the update cannot be read: {e}") from None
    words = [t.text.upper() for t in toks if t.kind == "word"]
    if "USING" in words or "WITH" in words:
        raise Refused("the update has USING or WITH and the request has using-graph-uri / using-named-graph-uri")
    clause = "".join(f" USING <{g}>" for g in default) + "".join(f" USING NAMED <{g}>" for g in named) + " "
    out, last = [], 0
    prev = None
    for t in toks:
        if t.kind == "word" and t.text.upper() == "WHERE" and prev == "}":
            out.append(update[last : t.offset])
            out.append(clause)
            last = t.offset
        prev = t.text
    out.append(update[last:])
    return "".join(out)
