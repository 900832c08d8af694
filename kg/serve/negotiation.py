"""Content negotiation for SPARQL results and RDF: Accept headers with q-values."""

from __future__ import annotations

import pyoxigraph as ox

RESULTS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
BOOLEAN = {k: v for k, v in RESULTS.items() if "csv" not in k and "tab-separated" not in k}
GRAPHS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
DEFAULT = {"results": "application/sparql-results+json", "boolean": "application/sparql-results+json", "graph": "text/turtle"}
TABLES = {"results": RESULTS, "boolean": BOOLEAN, "graph": GRAPHS}


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges by preference (q-value, then specificity, then order)."""
    if not header:
        return [("*/*", 1.0)]
    out = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        specificity = 0 if bits[0] == "*/*" else 1 if bits[0].endswith("/*") else 2
        out.append((bits[0].lower(), q, -specificity, i))
    out.sort(key=lambda x: (-x[1], x[2], x[3]))
    return [(m, q) for m, q, _, _ in out]


def choose(accept: list[tuple[str, float]], kind: str) -> str | None:
    """The media type to answer with for a result of ``kind`` (results | boolean | graph), or None (406)."""
    table = TABLES[kind]
    for media, q in accept:
        if q <= 0:
            continue
        if media == "*/*":
            return DEFAULT[kind]
        if media.endswith("/*"):
            prefix = media[:-1]
            default = DEFAULT[kind]
            if default.startswith(prefix):
                return default
            for m in table:
                if m.startswith(prefix):
                    return m
            continue
        if media in table:
            return media
    return None
