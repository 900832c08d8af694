"""The load pipeline: read → extract → map → validate → store, streamed in batches.

Articles are read lazily and a bounded number are in flight at any time, so memory stays flat
whatever the corpus size. With ``workers > 1`` extraction, mapping and validation run in worker
processes while the single store writer commits each batch of results. A bad input
(unreadable, undecodable, or a graph that violates the shapes) is reported by name with its reason
and skipped; nothing already stored is touched unless the same article is reloaded. With ``resume``
the articles whose graph is already stored are skipped, so a killed load finishes without duplicates.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract
from kg.defaults import DEFAULT_BATCH_SIZE
from kg.iris import entities_graph, graph_iri
from kg.map import ArticleGraphs, to_graphs
from kg.read import MAX_ARTICLE_BYTES, read_paths
from kg.records import Article, Extraction, ReadError
from kg.store import KGStore
from kg.validate import Report
from kg.validate.fast import validate_triples


@dataclass(frozen=True)
class Rejected:
    source: str
    reason: str
    report: Report | None = None


STAGES = ("extract", "map", "validate", "serialise")


@dataclass(frozen=True)
class Stored:
    source: str
    graph: str
    claims: int


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: int = 0  # already stored (resume)
    duplicates: int = 0  # records of the same article (same IRI) as an earlier record of this load: not stored
    claims: int = 0
    entities: int = 0  # distinct entities in the store after the load (counted there: no set grows with the corpus)
    rejected: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    stage_cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))  # summed over workers
    writer_cpu: float = 0.0  # the loading process outside the stages: reading, IPC, storing (RocksDB threads too)
    stored: list[Stored] | None = None  # each stored article, when the caller asked for the list (record_stored)

    @property
    def ok(self) -> bool:
        return not self.rejected

    def timings(self) -> str:
        """Where the CPU went, per article: what to speed up, and what more workers can spread."""
        n = max(1, self.loaded + len(self.rejected))
        parts = [f"{k} {v / n * 1000:.1f}" for k, v in self.stage_cpu.items()]
        parts.append(f"writer {self.writer_cpu / n * 1000:.1f}")
        return f"CPU ms per article: {', '.join(parts)}; wall ms per article: {self.seconds / n * 1000:.1f}"

    def summary(self) -> str:
        skipped = f", skipped (already stored): {self.skipped}" if self.skipped else ""
        dups = f" (duplicates: {self.duplicates})" if self.duplicates else ""
        return (
            f"articles loaded: {self.loaded}, rejected: {len(self.rejected)}{dups}{skipped}, claims: {self.claims}, "
            f"entities in the store: {self.entities}, seconds: {self.seconds:.2f}"
        )


@dataclass
class Processed:
    """One article through extract, map and validate: ready to store, or rejected with a report."""

    article: Article
    extraction: Extraction
    graphs: ArticleGraphs
    report: Report
    cpu: tuple[float, float, float] = (0.0, 0.0, 0.0)  # CPU seconds of extract, map, validate


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one article, then restore its state.

    An article makes hundreds of thousands of short-lived objects (tokens, terms, triples) and no
    cycles worth collecting; with the collector on, each full collection rescans every object made
    so far, so a 1 MB article cost 11× a 100 KB one, with it paused 9× (and 20–30 % less CPU at
    every size). Objects are still freed by reference counting; the collector runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def process(article: Article, tagger: bool | None = None) -> Processed:
    """Extract, map and validate one article (with the fast validator, as ``kg validate`` does)."""
    with _cyclic_gc_paused():
        t0 = time.process_time()
        x = extract(article, tagger=tagger)
        t1 = time.process_time()
        graphs = to_graphs(x)
        t2 = time.process_time()
        report = validate_triples(graphs.article_triples + graphs.entity_triples, label=article.source)
    return Processed(article, x, graphs, report, (t1 - t0, t2 - t1, time.process_time() - t2))


_warm = False


def warm_up(freeze: bool = False) -> None:
    """Load the lexicons and the gazetteer; in a worker process, also hide them from the cyclic GC.

    Those objects live as long as the process; without ``gc.freeze`` each full collection scans them
    all again, which measured 17 % of the CPU per article. Frozen objects are still freed by reference
    counting; only cycles among them would stay. ``freeze`` is only for processes kg owns (pool
    workers): freezing a caller's interpreter (a notebook, a server) would freeze its objects too.
    """
    global _warm
    if _warm:
        return
    _warm = True
    try:
        process(Article(text="قال المتحدث باسم الحكومة إن «الوضع هادئ». The minister said talks went well.", source="warm-up"))
    except Exception:  # noqa: BLE001 - a pool initializer that raises makes the pool respawn workers forever;
        return  # the same failure is then reported per article, by name
    if freeze:
        gc.freeze()


def warm_up_worker() -> None:
    """Initializer of kg's own worker processes."""
    warm_up(freeze=True)


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: serialised graphs (cheap to pickle) or the reason for a rejection."""

    source: str
    graph: str | None = None
    nquads: bytes = b""  # the article's own graph, as N-Quads
    entity_blocks: tuple[tuple[bytes, bytes], ...] = ()  # (digest, N-Quads) of each entity description
    quads: int = 0  # lines of nquads and entity_blocks together
    cpu: tuple[float, ...] = ()  # CPU seconds per stage (STAGES)
    claims: int = 0
    reason: str | None = None


def rejection_reason(report: Report) -> str:
    first = report.violations[0] if report.violations else None
    reason = "violates the shapes"
    if first:
        reason += f": focus {first.focus} path {first.path or '-'}: {first.message}"
        if len(report.violations) > 1:
            reason += f" (and {len(report.violations) - 1} more)"
    return reason


def process_to_outcome(article: Article, tagger: bool | None = None) -> Outcome:
    try:
        done = process(article, tagger)
    except Exception as e:  # noqa: BLE001 - an extractor bug must not stop the batch; it is reported by name
        return Outcome(article.source, reason=f"extraction failed: {type(e).__name__}: {e}")
    if not done.report.conforms:
        return Outcome(article.source, reason=rejection_reason(done.report), cpu=(*done.cpu, 0.0))
    t0 = time.process_time()
    g = done.graphs
    blocks = g.entity_blocks(str(entities_graph()))
    nquads = g.article_nquads()
    entity_blocks = tuple((hashlib.blake2b(b, digest_size=16).digest(), b) for b in blocks)
    return Outcome(
        article.source,
        graph=str(g.graph),
        nquads=nquads,
        entity_blocks=entity_blocks,
        quads=len(g.article_triples) + len(g.entity_triples),
        cpu=(*done.cpu, time.process_time() - t0),
        claims=len(done.extraction.claims),
    )


Progress = Callable[[str], None]


class StoredBlocks:
    """Digests of the entity descriptions this load has already written, so each is written once.

    Writing a description again would change nothing (the store is a set), but it would cost the
    writer: a quarter of an article's quads describe entities that nearly every article repeats. The
    set is bounded (cleared when full, which only means some descriptions are written again), and
    a digest is added only after its batch is stored.
    """

    def __init__(self, limit: int = 1_000_000) -> None:
        self.limit = limit
        self._seen: set[bytes] = set()

    def unseen(self, blocks: Iterable[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        out, batch_seen = [], set()
        for digest, block in blocks:
            if digest not in self._seen and digest not in batch_seen:
                batch_seen.add(digest)
                out.append((digest, block))
        return out

    def add(self, digests: Iterable[bytes]) -> None:
        if len(self._seen) > self.limit:
            self._seen.clear()
        self._seen.update(digests)


FLUSH_EVERY = 64  # batches between flushes of the store's write buffers
BATCH_QUADS = 800_000  # ... and a write never holds more quads than this (see KGStore.replace_articles_nquads)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def load_paths(
    paths: Iterable[str | Path],
    store: KGStore,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    resume: bool = False,
    on_item: Progress | None = None,
    max_article_bytes: int | None = MAX_ARTICLE_BYTES,
) -> LoadReport:
    """Load every article under ``paths`` into ``store``; returns counts and the rejected inputs."""
    return load_items(read_paths(paths, max_article_bytes=max_article_bytes), store, workers=workers,
                      batch_size=batch_size, resume=resume, on_item=on_item)


class SeenArticles:
    """The article IRIs this load has stored, to report a second record of the same article as a duplicate.

    Two records with the same URL map to the same graph: storing both would replace the first (or,
    in one batch, merge two bodies into one graph). Kept as 64-bit digests: ≈ 60 bytes per article.
    """

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def add(self, graph: str) -> bool:
        """False when ``graph`` was seen before in this load."""
        key = int.from_bytes(hashlib.blake2b(graph.encode("utf-8"), digest_size=8).digest(), "big")
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def load_items(
    items: Iterable[Article | ReadError],
    store: KGStore,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    resume: bool = False,
    on_item: Progress | None = None,
    record_stored: bool = False,
    tagger: bool | None = None,
) -> LoadReport:
    """Load articles (and report the read errors among them) into ``store``. ``tagger`` overrides the process's
    tagger setting in this process (worker processes follow the setting, :func:`kg.tagger.configure`).

    Articles stream through a pipeline: at most ``2 × batch_size + 2 × workers × chunk`` are in flight (read but
    not yet stored), the workers process while the writer commits, and every ``batch_size`` results
    are committed together. Each failure is reported by name with its reason and the rest goes on.
    """
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    report = LoadReport(stored=[] if record_stored else None)
    chunk = max(1, min(64, batch_size // 4))  # articles per task sent to a worker
    in_flight = threading.BoundedSemaphore(2 * batch_size + 2 * max(1, workers) * chunk)
    seen = SeenArticles()

    def feed() -> Iterator[Article | ReadError]:
        for item in items:
            if not isinstance(item, ReadError) and resume and store.has_graph(graph_iri(item.url, item.text)):
                report.skipped += 1
                if on_item:
                    on_item(item.source)
                continue
            in_flight.acquire()
            yield item

    pool = mp.get_context("spawn").Pool(workers, initializer=warm_up_worker) if workers > 1 else None
    if pool is None:
        warm_up()
    batch: list[Outcome] = []

    commits = 0
    pending_quads = 0
    stored_blocks = StoredBlocks()

    def commit() -> None:
        nonlocal commits, pending_quads
        pending_quads = 0
        if batch:
            new_blocks = stored_blocks.unseen(block for o in batch for block in o.entity_blocks)
            data = b"".join(o.nquads for o in batch) + b"".join(b for _, b in new_blocks)
            store.replace_articles_nquads([o.graph for o in batch], data, trusted=True)
            stored_blocks.add(d for d, _ in new_blocks)
            commits += 1
            if commits % FLUSH_EVERY == 0:
                store.flush()  # write RocksDB's memtables out so the store's memory does not grow with the corpus
            report.loaded += len(batch)
            report.claims += sum(o.claims for o in batch)
            if report.stored is not None:
                report.stored.extend(Stored(o.source, o.graph, o.claims) for o in batch)
            batch.clear()

    try:
        results = pool.imap(process_item, feed(), chunksize=chunk) if pool else (process_item(i, tagger) for i in feed())
        for out in results:
            in_flight.release()
            for stage, secs in zip(STAGES, out.cpu):
                report.stage_cpu[stage] += secs
            if out.reason is not None:
                report.rejected.append(Rejected(out.source, out.reason))
            elif not seen.add(out.graph):
                report.duplicates += 1
                report.rejected.append(Rejected(out.source, f"duplicate: the same article (graph <{out.graph}>, same URL or "
                                                            "text) as an earlier record of this load, which is kept"))
            else:
                batch.append(out)
                pending_quads += out.quads
                if len(batch) >= batch_size or pending_quads >= BATCH_QUADS:
                    commit()
            if on_item:
                on_item(out.source)
        commit()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    store.flush()
    report.entities = store.count_entities()
    report.seconds = time.perf_counter() - t0
    report.writer_cpu = time.process_time() - cpu0 - (sum(report.stage_cpu.values()) if pool is None else 0.0)
    return report


def process_item(item: Article | ReadError, tagger: bool | None = None) -> Outcome:
    if isinstance(item, ReadError):
        return Outcome(item.source, reason=item.message)
    return process_to_outcome(item, tagger)


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
