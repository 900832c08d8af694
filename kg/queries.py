"""Running SPARQL over the store and formatting results (table, CSV, TSV, JSON, Turtle, N-Quads)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.resources import ontology_dir
from kg.store import KGStore, StoreError
from kg.vocab import KG, KGID, PROV, SCHEMA, SKOS, WD, WGS84


def _namespace(ns) -> str:
    """The IRI of an rdflib Namespace or of a generated DefinedNamespace."""
    return str(ns._NS) if isinstance(ns, type) else str(ns)


# prefixes predeclared in every query (CLI, endpoint examples, UI): from the vocabulary, never typed in
PREFIX_NAMESPACES = {
    "kg": KG, "kgid": KGID, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "schema": SCHEMA,
    "prov": PROV, "wgs84": WGS84, "wd": WD, "skos": SKOS,
}
PREFIXES = "".join(f"PREFIX {p}: <{_namespace(ns)}>\n" for p, ns in PREFIX_NAMESPACES.items())

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nquads": ox.RdfFormat.N_QUADS, "ntriples": ox.RdfFormat.N_TRIPLES}


@dataclass
class Table:
    columns: list[str]
    rows: list[list[str]]

    def render(self, max_width: int = 60) -> str:
        def cut(s: str) -> str:
            return s if len(s) <= max_width else s[: max_width - 1] + "…"

        rows = [[cut(c) for c in r] for r in self.rows]
        widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(self.columns)]
        line = "  ".join(c.ljust(w) for c, w in zip(self.columns, widths))
        out = [line, "  ".join("-" * w for w in widths)]
        out += ["  ".join(v.ljust(w) for v, w in zip(r, widths)) for r in rows]
        return "\n".join(out)


def read_query(query_or_file: str) -> str:
    p = Path(query_or_file)
    if query_or_file.endswith(".rq") or (len(query_or_file) < 512 and "\n" not in query_or_file and p.is_file()):
        if not p.is_file():
            raise StoreError(f"no query file {query_or_file}")
        return p.read_text(encoding="utf-8")
    return query_or_file


def with_prefixes(q: str) -> str:
    return PREFIXES + q


def _term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.Literal):
        return t.value
    if isinstance(t, ox.NamedNode):
        return t.value
    return str(t)


def run(store: KGStore, query: str, fmt: str = "table") -> str:
    """Run ``query`` (kg's prefixes predeclared) and format its result."""
    result = store.query(with_prefixes(query))
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QuerySolutions):
        if fmt in RESULT_FORMATS:
            return result.serialize(format=RESULT_FORMATS[fmt]).decode("utf-8")
        if fmt != "table":
            raise StoreError(f"a SELECT result cannot be written as {fmt}; use table, csv, tsv or json")
        return _table(result).render()
    # CONSTRUCT / DESCRIBE
    triples = list(result)
    if fmt in ("table", "turtle"):
        return ox.serialize(triples, format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt in ("nquads", "ntriples"):
        return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    raise StoreError(f"a graph result cannot be written as {fmt}; use turtle or nquads")


@dataclass(frozen=True)
class Term:
    """One value of a query result: an IRI, a blank node or a literal with its datatype or language."""

    kind: str  # iri | bnode | literal
    value: str
    datatype: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        return self.value


def typed_rows(store: KGStore, query: str) -> list[dict[str, Term]] | bool:
    """Rows of a SELECT (variable → :class:`Term`), or the answer of an ASK."""
    result = store.query(with_prefixes(query))
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if not isinstance(result, ox.QuerySolutions):
        raise StoreError("CONSTRUCT and DESCRIBE results are graphs: export them, or use kg query")
    names = [v.value for v in result.variables]
    return [{n: _typed(sol[n]) for n in names if sol[n] is not None} for sol in result]


def _typed(t) -> Term:
    if isinstance(t, ox.NamedNode):
        return Term("iri", t.value)
    if isinstance(t, ox.BlankNode):
        return Term("bnode", t.value)
    return Term("literal", t.value, None if t.language else t.datatype.value, t.language or None)


def select(store: KGStore, query: str) -> Table:
    return _table(store.query(with_prefixes(query)))


def _table(result: ox.QuerySolutions) -> Table:
    cols = [v.value for v in result.variables]
    return Table(cols, [[_term(sol[c]) for c in cols] for sol in result])


@lru_cache(maxsize=1)
def examples() -> dict[str, str]:
    """Example queries shipped with kg (``ontology/queries/*.rq``), by file stem."""
    folder = ontology_dir() / "queries"
    return {f.stem: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.rq"))}


def export(store: KGStore, fmt: str, graph: str | None = None) -> bytes:
    formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE}
    if fmt == "jsonld":
        return _jsonld(store, graph)
    if fmt not in formats:
        raise StoreError(f"unknown export format {fmt}")
    if fmt == "turtle" and graph is None:
        # Turtle has no graphs: the union of all graphs
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in store.all_quads()}
        return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.TURTLE)
    return store.dump(formats[fmt], graph)


def _jsonld(store: KGStore, graph: str | None) -> bytes:
    """JSON-LD with kg's prefixes as the context (one named graph per article, as in the store)."""
    from rdflib import Dataset

    context = {}
    for line in PREFIXES.splitlines():
        _, prefix, iri = line.split()
        context[prefix.rstrip(":")] = iri.strip("<>")
    ds = Dataset()
    if graph is None:
        ds.parse(data=store.dump(ox.RdfFormat.N_QUADS), format="nquads")
    else:
        ds.graph(graph).parse(data=store.dump(ox.RdfFormat.N_TRIPLES, graph), format="nt")
    return ds.serialize(format="json-ld", context=context).encode("utf-8")
