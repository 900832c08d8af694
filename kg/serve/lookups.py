"""Point look-ups answered in the server's own process, without the hand-off to a query worker.

Why: a query worker is a separate process so that a runaway query can be killed at the time limit; the
hand-off (pickling, a pipe write, waking the worker, reading its answer back) costs several times what an
index look-up does (measured: 0.25 ms of worker CPU and about 0.1 ms of the server's per point query,
against 0.03–0.06 ms for the look-up itself; README, *Speed*).

Which queries: only one shape, read by the SPARQL lexer and matched token by token — a prologue, then
``SELECT`` (variables or ``*``) or ``ASK``, one triple pattern with a fixed subject or object (an IRI or a
literal), optionally inside ``GRAPH ?g {…}``, optionally ``LIMIT n``. Nothing else: no FILTER, no second
pattern, no DISTINCT, ORDER BY or OFFSET, no SERVICE. Such a query is an index look-up whose work grows
only with its answers, so the server first counts them, stopping at :data:`ROW_BUDGET`; only an answer
within the budget is computed here (a second, equally bounded run). A query over the budget, or any error,
goes to the workers as before, with their time limit, memory cap and network isolation.

The view of the store is read-only and follows the store's generation like the workers' views, so an
answer here reflects the same writes a worker's would.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from kg.serve.results import QueryTask, query_options, run_task
from kg.serve.sparql_lexer import LexError, Token, tokens
from kg.store import open_read_only_view

ROW_BUDGET = 1000  # answers a look-up may have to be computed in the server's process
MAX_TEXT = 2000  # characters: a longer text is no point look-up worth lexing here

_FIXED = {"iri", "pname", "string", "number"}  # a term that is not a variable
_LITERAL_WORDS = {"true", "false"}


def is_point_lookup(text: str) -> bool:
    """Whether ``text`` has the one shape answered in-process (see the module's docstring)."""
    if len(text) > MAX_TEXT:
        return False
    try:
        toks = tokens(text)
    except LexError:
        return False
    return _Shape(toks).matches()


@dataclass
class _Shape:
    toks: list[Token]
    i: int = 0

    def _peek(self) -> Token | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def _word(self, *words: str) -> bool:
        t = self._peek()
        if t is not None and t.kind == "word" and t.text.upper() in words:
            self.i += 1
            return True
        return False

    def _op(self, op: str) -> bool:
        t = self._peek()
        if t is not None and t.kind == "op" and t.text == op:
            self.i += 1
            return True
        return False

    def _kind(self, *kinds: str) -> Token | None:
        t = self._peek()
        if t is not None and t.kind in kinds:
            self.i += 1
            return t
        return None

    def matches(self) -> bool:
        while True:  # the prologue
            if self._word("PREFIX"):
                if not (self._kind("pname") and self._kind("iri")):
                    return False
            elif self._word("BASE"):
                if not self._kind("iri"):
                    return False
            else:
                break
        if self._word("SELECT"):
            if not self._op("*"):
                if not self._kind("var"):
                    return False
                while self._kind("var"):
                    pass
        elif not self._word("ASK"):
            return False
        self._word("WHERE")
        if not self._op("{"):
            return False
        graph = self._word("GRAPH")
        if graph and not (self._kind("var", "iri", "pname") and self._op("{")):
            return False
        if not self._pattern():
            return False
        self._op(".")
        if graph and not self._op("}"):
            return False
        if not self._op("}"):
            return False
        if self._word("LIMIT") and not self._kind("number"):
            return False
        return self.i == len(self.toks)

    def _pattern(self) -> bool:
        """One triple pattern whose subject or object is fixed."""
        subject = self._kind("var", "iri", "pname")
        if subject is None:
            return False
        if not (self._kind("var", "iri", "pname") or self._word("A")):
            return False
        start = self.i
        if not self._object():
            return False
        fixed_object = self.toks[start].kind != "var"
        return subject.kind != "var" or fixed_object

    def _object(self) -> bool:
        t = self._peek()
        if t is None:
            return False
        if t.kind in ("var", "iri", "pname", "number") or (t.kind == "word" and t.text in _LITERAL_WORDS):
            self.i += 1
            return True
        if t.kind == "string":
            self.i += 1
            if self._kind("langtag"):
                return True
            if self._op("^^"):
                return self._kind("iri", "pname") is not None
            return True
        return False


@dataclass
class PointLookups:
    """The server's own read-only view of the store, for the queries :func:`is_point_lookup` accepts."""

    store: Path
    answered: int = 0  # look-ups answered here (for tests and monitoring)
    _view: object = None
    _generation: int | None = None

    def answer(self, task: QueryTask, generation: int) -> tuple[int, str, bytes, str | None] | None:
        """The answer, or None when the query is over the budget or anything fails (a worker answers then).
        A view that fails is opened once more before giving up: one opened right after a write, while the
        store flushes or compacts, may fail where the next one does not."""
        for attempt in range(2):
            try:
                if self._view is None or generation != self._generation:
                    self._view, self._generation = open_read_only_view(self.store), generation
                if not _within_budget(self._view, task):
                    return None
                out = run_task(self._view, task)
            except (KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except BaseException:  # noqa: BLE001 - a view opened mid-compaction may fail, a Rust panic included
                self._view = None  # (pyo3 makes it a BaseException); the worker path retries and reports properly
                if attempt:
                    return None
                continue
            self.answered += 1
            return out
        return None

    def close(self) -> None:
        self._view = None


def _within_budget(view, task: QueryTask) -> bool:
    if task.default_graphs or task.named_graphs:
        return False  # a dataset of the request's own: left to the workers, which build it
    try:
        result = view.query(task.query, **query_options(task))
    except SyntaxError:
        return True  # answered here as the workers would (400), without reopening the view
    if not isinstance(result, ox.QuerySolutions):
        return True  # ASK: one boolean
    return sum(1 for _ in islice(result, ROW_BUDGET + 1)) <= ROW_BUDGET
