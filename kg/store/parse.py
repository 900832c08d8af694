"""Parsing RDF from outside (Graph Store bodies, ``kg validate FILE``) without letting it take the machine.

Two attacks are closed before any parser sees the bytes:

- **XML entity expansion** ("billion laughs"): an RDF/XML document may declare internal entities only
  when none refers to another entity, none is a parameter or external entity, and the expanded text
  stays under :data:`MAX_ENTITY_EXPANSION` characters; anything else is refused with a message.
- **Fetching at run time**: JSON-LD is parsed by pyoxigraph, which never loads a remote ``@context``;
  a document that asks for one is refused by name (kg does no network I/O when it parses).

Everything is parsed by pyoxigraph, whose parsers are linear in their input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox

from kg.jsonscan import max_depth
from kg.errors import KGException

MAX_ENTITY_EXPANSION = 1_000_000  # characters that entity references may add to a document
MAX_JSON_DEPTH = 100

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "xml": ox.RdfFormat.RDF_XML,
    "json-ld": ox.RdfFormat.JSON_LD,
}
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld", ".rdf": "xml", ".owl": "xml"}
MEDIA_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}

_DOCTYPE = re.compile(r"<!DOCTYPE\b", re.IGNORECASE)
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(%\s+)?([^\s%&;<>\"']+)\s+(\"[^\"]*\"|'[^']*'|[^>]*)\s*>", re.IGNORECASE)
_ANY_ENTITY_DECL = re.compile(r"<!ENTITY\b", re.IGNORECASE)


class RdfInputError(KGException, ValueError):
    """RDF that kg will not parse; the message says why."""


def _xml_text(data: bytes) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        return data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", errors="replace")
    return data.decode("utf-8", errors="replace")


def check_xml_entities(data: bytes) -> None:
    """Refuse RDF/XML whose DTD could expand beyond :data:`MAX_ENTITY_EXPANSION` or reach outside."""
    text = _xml_text(data)
    if not _DOCTYPE.search(text):
        return
    declared = _ENTITY_DECL.findall(text)
    if len(declared) != len(_ANY_ENTITY_DECL.findall(text)):
        raise RdfInputError("the RDF/XML document declares an entity kg cannot check; entity declarations are refused")
    sizes: dict[str, int] = {}
    for parameter, name, value in declared:
        if parameter:
            raise RdfInputError(f"the RDF/XML document declares a parameter entity %{name}; refused")
        if not value or value[0] not in "\"'":
            raise RdfInputError(f"the RDF/XML document declares an external entity {name}; kg does not fetch it")
        if "&" in value or "%" in value:
            raise RdfInputError(f"the RDF/XML entity {name} refers to other entities (nested expansion is refused)")
        sizes[name] = len(value) - 2
    added = sum(text.count(f"&{name};") * size for name, size in sizes.items())
    if added > MAX_ENTITY_EXPANSION:
        raise RdfInputError(f"the RDF/XML entities would expand to {added:,} characters (at most {MAX_ENTITY_EXPANSION:,})")


def check_jsonld(data: bytes) -> None:
    """Refuse JSON-LD that is not JSON, nests deeper than :data:`MAX_JSON_DEPTH`, or names a remote context."""
    text = data.decode("utf-8", errors="replace")
    deepest = max_depth(text)  # measured before json.loads, which would recurse once per level
    if deepest > MAX_JSON_DEPTH:
        raise RdfInputError(f"the JSON-LD document nests {deepest} levels deep (at most {MAX_JSON_DEPTH})")
    try:
        doc = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as e:
        raise RdfInputError(f"the JSON-LD document is not valid JSON: {e}") from None
    stack = [doc]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    refs = value if isinstance(value, list) else [value]
                    if any(isinstance(r, str) for r in refs):
                        raise RdfInputError("the JSON-LD document names a remote @context; kg never fetches one (inline it)")
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)


def parse_rdf(data: bytes, fmt: str, base_iri: str | None = None) -> list[ox.Quad]:
    """Quads of an RDF document in ``fmt`` (a key of :data:`FORMATS`), after the checks above."""
    if fmt not in FORMATS:
        raise RdfInputError(f"unsupported RDF format {fmt}")
    if fmt == "xml":
        check_xml_entities(data)
    elif fmt == "json-ld":
        check_jsonld(data)
    try:
        return list(ox.parse(data, format=FORMATS[fmt], base_iri=base_iri))
    except (SyntaxError, ValueError) as e:
        raise RdfInputError(f"not valid {fmt}: {e}") from None


def parse_rdf_file(path: Path) -> list[ox.Quad]:
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise RdfInputError(f"{path}: not an RDF file kg reads ({', '.join(sorted(SUFFIXES))})")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise RdfInputError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        return parse_rdf(data, fmt, base_iri=path.resolve().as_uri())
    except RdfInputError as e:
        raise RdfInputError(f"{path}: {e}") from None


def to_ntriples(quads: list[ox.Quad]) -> str:
    """The triples of ``quads`` (graph names dropped) as N-Triples, for rdflib-based validation."""
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
