"""The store: the one module that owns pyoxigraph.

Each article lives in its own named graph; entity descriptions live in a shared
entities graph. :meth:`KGStore.replace_article` drops and rewrites an article's
graph in **one** SPARQL update, which pyoxigraph applies as one transaction:
a crash never leaves half an article, and reloading never duplicates anything.
"""

from __future__ import annotations

import functools
import io
import itertools
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.defaults import DEFAULT_STORE, default_store_path  # noqa: F401 - part of this module's interface
from kg.iris import entities_graph
from kg.errors import KGException

BULK_BATCH_QUADS = 900_000  # under the bulk loader's 1,000,000-quad chunk: one batch, one atomic ingestion


_BUMPS = itertools.count()


class StoreError(KGException):
    """The store cannot be opened or used; the message says why and what to do."""


GENERATION_FILE = "kg-generation"


def open_read_only_view(path: str | Path) -> ox.Store:
    """A read-only view of the store at ``path`` for a query worker (it sees the last flushed state)."""
    return ox.Store.read_only(str(path))


def create_empty(path: str | Path) -> None:
    """Create an empty store at ``path`` (read-only views need one to open)."""
    store = ox.Store(str(path))
    del store


def memory_store(triples) -> ox.Store:
    """An in-memory store holding ``triples`` in its default graph (for a SPARQL check over one article)."""
    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    return store


def bump_generation(path: str | Path) -> None:
    """Record that the store at ``path`` changed: readers (``kg serve`` workers) reopen their view.

    Written after every committed write, atomically (a new file renamed over the old one), so a
    reader sees the old or the new value, never half of one.
    """
    path = Path(path)
    tmp = path / f".{GENERATION_FILE}.{os.getpid()}"
    try:
        tmp.write_text(f"{time.time_ns()}-{os.getpid()}-{next(_BUMPS)}\n", encoding="ascii")
        os.replace(tmp, path / GENERATION_FILE)
    except OSError:
        pass  # a read-only directory: nobody else can write it either


def read_generation(path: str | Path) -> str:
    """The store's current generation ("" before its first write)."""
    try:
        return (Path(path) / GENERATION_FILE).read_text(encoding="ascii")
    except OSError:
        return ""


def _changes_store(method):
    """A write: whatever its outcome, the store's generation is bumped after it, so readers reopen."""

    @functools.wraps(method)
    def write(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        finally:
            bump_generation(self.path)

    return write


@dataclass(frozen=True)
class GraphInfo:
    graph: str
    triples: int


class KGStore:
    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else default_store_path()
        try:
            if read_only:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (run `kg load` first or pass --store)")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as e:
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreError(
                    f"the store {self.path} is locked by another process (a running `kg load` or `kg serve`?); "
                    "stop it or use another --store"
                ) from None
            raise StoreError(f"cannot open the store {self.path}: {msg}") from None
        if not read_only:
            self.orphans_removed = self._remove_orphan_bulk_files()

    def _remove_orphan_bulk_files(self) -> int:
        """Files ``bulk-*.sst`` left by a killed bulk load. We hold the store's lock, so no loader is running."""
        n = 0
        for f in self.path.glob("bulk-*.sst"):
            try:
                f.unlink()
                n += 1
            except OSError:
                pass
        return n

    # ---------- writes ----------
    def replace_article(self, graph: str, article: list[ox.Triple], entities: list[ox.Triple]) -> None:
        """Drop the article's graph and write it again with its entities, in one transaction."""
        self.replace_articles([(graph, _ntriples(article), _ntriples(entities))])

    @_changes_store
    def replace_articles(self, batch: list[tuple[str, str, str]]) -> None:
        """(graph IRI, article N-Triples, entities N-Triples) for several articles, in ONE transaction:
        after a crash the store holds all of them or none."""
        drops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g, _, _ in batch)
        graphs = "\n".join(f"GRAPH <{g}> {{\n{body}\n}}" for g, body, _ in batch)
        ents = "\n".join(e for _, _, e in batch)
        update = f"{drops} ;\nINSERT DATA {{\n{graphs}\nGRAPH <{entities_graph()}> {{\n{ents}\n}}\n}}"
        try:
            self._store.update(update)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"could not write {len(batch)} article graph(s): {e}") from None

    @_changes_store
    def replace_articles_nquads(self, graphs: list[str], data: bytes, *, trusted: bool = False) -> None:
        """Replace a batch of article graphs from N-Quads, as fast as the store can take them.

        The graphs that already exist are dropped in one transaction. The batch is then written by
        pyoxigraph's bulk loader, which sorts it into one SST file per index and hands them all to
        RocksDB in a single ``IngestExternalFiles`` call: RocksDB applies that call atomically across
        the indexes, so after a kill the batch is wholly there or wholly absent (the kill tests check
        it). The bulk loader cuts its input into chunks of 1,000,000 quads, each ingested separately,
        so a batch above :data:`BULK_BATCH_QUADS` goes through an ordinary transaction instead. A
        crash between the drop and the write leaves those articles absent, never half-written, and a
        resumed load writes them again. ``trusted``: the quads were serialised by pyoxigraph from terms
        it checked (kg's own pipeline), so the loader need not check IRIs again.
        """
        if data.count(b"\n") > BULK_BATCH_QUADS:
            self.load_nquads_stream(data, replace_graphs=graphs)
            return
        self._drop_existing(graphs)
        try:
            self._store.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=trusted)
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"could not write {len(graphs)} article graph(s): {e}") from None

    def _drop_existing(self, graphs: list[str]) -> None:
        existing = [g for g in graphs if self._store.contains_named_graph(ox.NamedNode(g))]
        for i in range(0, len(existing), 500):
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in existing[i : i + 500]))

    @_changes_store
    def load_nquads_stream(self, stream, replace_graphs: list[str]) -> None:
        """Load N-Quads from a stream in one transactional call, after dropping the graphs it replaces."""
        self._drop_existing(replace_graphs)
        try:
            self._store.load(stream, format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"could not load the shards: {e}") from None

    @_changes_store
    def add_entity_triples(self, triples: list[ox.Triple]) -> None:
        """Add descriptions (links, coordinates) to the shared entities graph, in one transaction."""
        self._store.update(f"INSERT DATA {{ GRAPH <{entities_graph()}> {{\n{_ntriples(triples)}\n}} }}")

    def flush(self) -> None:
        self._store.flush()

    # ---------- writes of the SPARQL endpoint and the Graph Store Protocol ----------
    @_changes_store
    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL update (one transaction). The caller has checked it (kg.serve.safety)."""
        self._store.update(sparql, base_iri=base_iri)

    def contains_graph(self, graph: ox.NamedNode) -> bool:
        return self._store.contains_named_graph(graph)

    @_changes_store
    def put_graph(self, graph: ox.NamedNode | ox.DefaultGraph, quads: list[ox.Quad]) -> None:
        """Replace a graph's content with ``quads`` (already in that graph); an empty named graph is kept."""
        self._store.update(f"DROP SILENT GRAPH <{graph.value}>" if isinstance(graph, ox.NamedNode) else "DROP SILENT DEFAULT")
        self._store.extend(quads)
        if isinstance(graph, ox.NamedNode) and not quads:
            self._store.add_graph(graph)

    @_changes_store
    def post_graph(self, graph: ox.NamedNode | ox.DefaultGraph, quads: list[ox.Quad]) -> None:
        """Add ``quads`` to a graph (created when it does not exist)."""
        self._store.extend(quads)
        if isinstance(graph, ox.NamedNode) and not quads:
            self._store.add_graph(graph)

    @_changes_store
    def delete_graph(self, graph: ox.NamedNode | ox.DefaultGraph) -> None:
        if isinstance(graph, ox.NamedNode):
            self._store.remove_graph(graph)
        else:
            self._store.clear_graph(graph)

    # ---------- reads ----------
    def query(self, sparql: str, *, union: bool = True):
        try:
            return self._store.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as e:
            raise StoreError(f"invalid SPARQL: {e}") from None
        except OSError as e:
            raise StoreError(f"query failed: {e}") from None

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def count_entities(self) -> int:
        """Distinct entities described in the shared entities graph."""
        q = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH <{entities_graph()}> {{ ?e a ?type }} }}"
        return int(next(iter(self._store.query(q)))["n"].value)

    def has_graph(self, graph: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(graph))

    def all_quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None)

    def graph_quads(self, graph: str) -> Iterator[ox.Quad]:
        """The quads of one named graph, streamed."""
        return self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))

    def articles_for_validation(self) -> Iterator[tuple[str, list[ox.Quad]]]:
        """(graph IRI, its quads and the entity triples it refers to) for every article graph, one at a time:
        the entities graph is indexed once by subject, never copied into every article."""
        ents = str(entities_graph())
        by_subject: dict[str, list[ox.Quad]] = {}
        for q in self.graph_quads(ents):
            by_subject.setdefault(q.subject.value, []).append(q)
        for g in self.named_graphs():
            if g == ents:
                continue
            quads = list(self.graph_quads(g))
            named = {t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}
            yield g, quads + [e for n in sorted(named) for e in by_subject.get(n, ())]

    def dump(self, fmt: ox.RdfFormat, graph: str | None = None) -> bytes:
        buf = io.BytesIO()
        if graph is not None:
            self._store.dump(buf, format=fmt, from_graph=ox.NamedNode(graph))
        else:
            self._store.dump(buf, format=fmt)
        return buf.getvalue()

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        del self._store

    def __enter__(self) -> KGStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _ntriples(triples: list[ox.Triple]) -> str:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


__all__ = ["KGStore", "StoreError", "default_store_path", "DEFAULT_STORE", "bump_generation", "read_generation"]
