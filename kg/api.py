"""kg's library API: what each CLI command calls.

>>> from kg.api import extract_file, load, stats
>>> report = load(["samples/"], store="kg-store")
>>> stats("kg-store")["articles"]
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.extract import extract
from kg.map import to_graphs
from kg.pipeline import DEFAULT_BATCH_SIZE, LoadReport, Progress, load_paths
from kg.queries import examples, select
from kg.read import MAX_ARTICLE_BYTES, read_paths
from kg.records import ReadError
from kg.resources import samples_dir
from kg.store import KGStore, StoreError
from kg.validate import Report, validate_graph
from kg.errors import InputError


def load(
    paths: Iterable[str | Path],
    store: str | Path | None = None,
    on_item: Progress | None = None,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    resume: bool = False,
    max_article_bytes: int | None = MAX_ARTICLE_BYTES,
) -> LoadReport:
    with KGStore(store) as s:
        return load_paths(list(paths), s, on_item=on_item, workers=workers, batch_size=batch_size, resume=resume,
                          max_article_bytes=max_article_bytes)


ENGINES = ("fast", "pyshacl")


def validate_store(store: str | Path | None = None, *, engine: str = "fast") -> list[Report]:
    """Validate every article graph in the store with the entity descriptions it uses.

    ``engine="fast"`` (the default, the validator `kg load` uses) streams each article's quads and adds the
    triples of the entities that article refers to, from an index of the entities graph built once; the
    reference ``engine="pyshacl"`` builds an rdflib graph per article."""
    _check_engine(engine)
    with KGStore(store, read_only=True) as s:
        return [_validate_triples(triples, g, engine) for g, triples in s.articles_for_validation()]


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise InputError(f"unknown validation engine {engine!r}: {' or '.join(ENGINES)}")


def _validate_triples(triples: list, label: str, engine: str) -> Report:
    from kg.validate.fast import validate_triples

    if engine == "fast":
        return validate_triples(triples, label)
    from rdflib import Graph

    nt = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in triples)
    return validate_graph(Graph().parse(data=nt, format="nt"), label=label)


def validate_files(paths: Iterable[str | Path], *, engine: str = "fast") -> list[Report]:
    """Validate RDF files (.ttl, .nt, .nq, .trig, .jsonld) or article files (extracted and mapped first)."""
    from kg.store.parse import SUFFIXES, RdfInputError, parse_rdf_file

    _check_engine(engine)
    reports = []
    for p in paths:
        path = Path(p)
        if path.suffix.lower() in SUFFIXES:
            try:  # parsed by pyoxigraph with entity and remote-context checks, never by rdflib's fetching parsers
                quads = list(parse_rdf_file(path))
            except RdfInputError as e:
                raise InputError(str(e)) from None
            reports.append(_validate_triples(quads, str(path), engine))
            continue
        for item in read_paths([path]):
            if isinstance(item, ReadError):
                raise InputError(f"{item.source}: {item.message}")
            graphs = to_graphs(extract(item))
            if engine == "fast":  # the triples as kg load validates them, with no rdflib round trip
                reports.append(_validate_triples(graphs.article_triples + graphs.entity_triples, item.source, engine))
            else:
                reports.append(validate_graph(graphs.validation_graph(), label=item.source))
    return reports


def stats(store: str | Path | None = None) -> dict[str, Any]:
    with KGStore(store, read_only=True) as s:
        classes = select(
            s,
            "SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:))) } GROUP BY ?class ORDER BY ?class",
        )
        langs = select(s, "SELECT ?lang (COUNT(?a) AS ?n) WHERE { ?a a kg:Article ; schema:inLanguage ?lang } GROUP BY ?lang ORDER BY ?lang")
        articles = select(s, "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")
        return {
            "articles": int(articles.rows[0][0]) if articles.rows else 0,
            "triples": len(s),
            "graphs": len(s.named_graphs()),
            "languages": {r[0]: int(r[1]) for r in langs.rows},
            "classes": {r[0].rsplit("#", 1)[-1]: int(r[1]) for r in classes.rows},
        }


@dataclass
class DemoResult:
    store: Path
    report: LoadReport
    answers: list[tuple[str, str]]  # (title, rendered table)


DEMO_QUERIES = [
    ("Claims per claimant", "claims_per_claimant"),
    ("Places mentioned", "places_mentioned"),
    ("Claims with quantities", "claims_with_quantities"),
]


def demo(store: str | Path | None = None) -> DemoResult:
    """Load the bundled sample articles into a fresh store and answer three example queries."""
    path = Path(store) if store else Path(tempfile.mkdtemp(prefix="kg-demo-"))
    if path.exists() and any(path.iterdir()):
        raise StoreError(f"{path} is not empty: the demo loads into a fresh store")
    with KGStore(path) as s:
        report = load_paths([samples_dir()], s)
        answers = [(title, select(s, examples()[name]).render(48)) for title, name in DEMO_QUERIES]
    return DemoResult(path, report, answers)


def conflicts(store: str | Path | None = None):
    with KGStore(store, read_only=True) as s:
        return select(s, examples()["conflicting_claims"])
