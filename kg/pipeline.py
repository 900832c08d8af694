"""The load pipeline: read → extract → map → validate → store, one article at a time.

A bad input (unreadable, undecodable, or a graph that violates the shapes) is
reported by name with its reason and skipped; every other article is stored;
nothing already stored is touched unless the same article is reloaded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract
from kg.map import ArticleGraphs, to_graphs
from kg.read import read_paths
from kg.records import Article, Extraction, ReadError
from kg.store import KGStore
from kg.validate import Report, validate_graph


@dataclass(frozen=True)
class Rejected:
    source: str
    reason: str
    report: Report | None = None


@dataclass
class LoadReport:
    loaded: int = 0
    claims: int = 0
    entities: set[str] = field(default_factory=set)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        return (
            f"articles loaded: {self.loaded}, rejected: {len(self.rejected)}, claims: {self.claims}, "
            f"entities: {len(self.entities)}, seconds: {self.seconds:.2f}"
        )


@dataclass
class Processed:
    """One article through extract, map and validate: ready to store, or rejected with a report."""

    article: Article
    extraction: Extraction
    graphs: ArticleGraphs
    report: Report


def process(article: Article) -> Processed:
    x = extract(article)
    graphs = to_graphs(x)
    report = validate_graph(graphs.validation_graph(), label=article.source)
    return Processed(article, x, graphs, report)


Progress = Callable[[str], None]


def load_paths(
    paths: Iterable[str | Path],
    store: KGStore,
    *,
    on_item: Progress | None = None,
    transform: Callable[[Processed], Processed] | None = None,
) -> LoadReport:
    """Load every article under ``paths`` into ``store``; returns counts and the rejected inputs."""
    t0 = time.perf_counter()
    report = LoadReport()
    for item in read_paths(paths):
        if isinstance(item, ReadError):
            report.rejected.append(Rejected(item.source, item.message))
            if on_item:
                on_item(item.source)
            continue
        try:
            done = process(item)
        except Exception as e:  # an extractor bug must not stop the batch; it is reported by name
            report.rejected.append(Rejected(item.source, f"extraction failed: {type(e).__name__}: {e}"))
            if on_item:
                on_item(item.source)
            continue
        if transform is not None:
            done = transform(done)
            done.report = validate_graph(done.graphs.validation_graph(), label=item.source)
        if not done.report.conforms:
            first = done.report.violations[0] if done.report.violations else None
            reason = "violates the shapes"
            if first:
                reason += f": focus {first.focus} path {first.path or '-'}: {first.message}"
                if len(done.report.violations) > 1:
                    reason += f" (and {len(done.report.violations) - 1} more)"
            report.rejected.append(Rejected(item.source, reason, done.report))
        else:
            store.replace_article(done.graphs.graph, done.graphs.triples, done.graphs.entities)
            report.loaded += 1
            report.claims += len(done.extraction.claims)
            report.entities.update(e.key for e in done.extraction.entities)
        if on_item:
            on_item(item.source)
    store.flush()
    report.seconds = time.perf_counter() - t0
    return report


def count_inputs(paths: Iterable[str | Path]) -> int:
    """Roughly how many articles ``paths`` hold, without reading them: files, and lines of .jsonl files."""
    from kg.read import SKIP_SUFFIXES, SUFFIXES

    n = 0
    for p in paths:
        path = Path(p)
        files = [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            if f.suffix.lower() not in SUFFIXES or f.name.endswith(SKIP_SUFFIXES):
                continue
            n += sum(1 for line in f.open("rb") if line.strip()) if f.suffix.lower() == ".jsonl" else 1
    return n
