"""Running one SPARQL query against a store and serialising its answer (in a worker process).

Answers are serialised by pyoxigraph into a writer that refuses to grow past the size cap, so an
answer over the cap is refused (413) rather than cut short, and no oversized answer is built in memory.
The serialisation honours the negotiated media type (406 when none fits).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyoxigraph as ox

from kg.serve.negotiation import GRAPHS, RESULTS, choose


@dataclass(frozen=True)
class QueryTask:
    query: str
    accept: tuple[tuple[str, float], ...]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    max_bytes: int = 100_000_000
    union_default: bool = True  # with no default_graphs: the union of all graphs (False: the store's own default graph)


Answer = tuple[int, str, bytes, str | None]


class TooLarge(Exception):
    pass


class CappedBuffer(io.RawIOBase):
    """A bytes sink that stops the serialiser when the answer passes ``cap`` bytes."""

    def __init__(self, cap: int):
        self.cap = cap
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:
        self.size += len(b)
        if self.size > self.cap:
            raise TooLarge
        self.parts.append(bytes(b))
        return len(b)

    def value(self) -> bytes:
        return b"".join(self.parts)


def query_options(task: QueryTask) -> dict:
    """The keyword arguments of ``Store.query`` for the task's dataset and base IRI."""
    kwargs: dict = {}
    if task.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in task.default_graphs]
    elif task.union_default:
        kwargs["use_default_graph_as_union"] = True
    if task.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs]
    if task.base_iri:
        kwargs["base_iri"] = task.base_iri
    return kwargs


def run_task(store: ox.Store, task: QueryTask) -> Answer:
    try:
        result = store.query(task.query, **query_options(task))
    except SyntaxError as e:
        return 400, "text/plain", b"", f"invalid SPARQL query: {e}"
    accept = list(task.accept)
    if isinstance(result, ox.QueryBoolean):
        kind, formats = "boolean", RESULTS
    elif isinstance(result, ox.QuerySolutions):
        kind, formats = "results", RESULTS
    else:
        kind, formats = "graph", GRAPHS
    media = choose(accept, kind)
    if media is None:
        hint = {"boolean": "application/sparql-results+json", "results": "application/sparql-results+json or text/csv", "graph": "text/turtle"}
        return 406, "text/plain", b"", f"no acceptable media type for this result (try {hint[kind]})"
    out = CappedBuffer(task.max_bytes)
    buffered = io.BufferedWriter(out, buffer_size=1 << 16)  # pyoxigraph writes small pieces
    try:
        result.serialize(buffered, format=formats[media])
        buffered.flush()
    except TooLarge:
        return 413, "text/plain", b"", f"the answer is larger than {task.max_bytes} bytes; add a LIMIT or select fewer variables"
    except OSError as e:
        if isinstance(e.__context__, TooLarge) or "TooLarge" in repr(e):
            return 413, "text/plain", b"", f"the answer is larger than {task.max_bytes} bytes; add a LIMIT"
        raise
    return 200, media, out.value(), None
