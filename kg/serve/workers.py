"""Query workers: processes that each hold a read-only view of the store.

Why processes and not threads: pyoxigraph cannot cancel a running query, and a thread cannot be
stopped. A worker whose query passes the time limit is killed and replaced, so the query really
ends (and its CPU is freed) and the client gets a 503 instead of a late or truncated 200.

One snapshot for all: every write — the server's own, or a ``kg load`` run beside a read-only
server — changes the store's generation file (:func:`kg.store.bump_generation`). Before each query
the pool reads it (a few microseconds); when it changed, every worker reopens its view before its
next query, so workers never keep answering from different states of the store. Staleness bound: an
answer reflects every write committed before the query arrived, except one committed while the query
was being dispatched.

Containment: when no SERVICE target is allowed, each worker first moves into a network namespace of
its own (Linux ``unshare``), so a query has nowhere to connect even if it slipped past the guard in
:mod:`kg.serve.safety`. Each worker has a memory limit; a query that needs more ends its worker and
is answered 503: the pool watches each busy worker's resident memory (every 50 ms)
and stops it above the limit, and an address-space cap backs that up.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.serve.results import QueryTask, run_task
from kg.store import GENERATION_FILE, open_read_only_view


@dataclass
class Outcome:
    status: int
    media_type: str
    body: bytes
    message: str | None = None


CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def drop_network() -> bool:
    """Move this process into a new, empty network namespace (no interface but a down loopback).

    Tries a plain network namespace (root), then one inside a new user namespace (unprivileged
    kernels allow it). False when the platform allows neither; the SERVICE guard still applies.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def resident_bytes(pid: int) -> int:
    """Resident memory of a process (Linux ``/proc``; 0 where it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


ADDRESS_SPACE_SLACK = 3_000_000_000  # RocksDB reserves large virtual regions it may never touch


def limit_memory(limit: int | None) -> None:
    """A backstop for the pool's resident-memory watch: cap the address space at the limit plus the
    virtual reservations RocksDB makes (never above a cap the process already has, e.g. from ``prlimit``)."""
    if limit:
        import resource

        limit += ADDRESS_SPACE_SLACK
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _worker_main(store_path: str, conn: Connection, isolate_network: bool = False, memory_limit: int | None = None) -> None:
    if isolate_network:
        drop_network()
    limit_memory(memory_limit)
    import pyoxigraph as ox

    store = None
    generation = -1
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        gen, task = msg
        if gen != generation:
            store, generation = None, gen
        try:
            answer, store = _answer(ox, store_path, store, task)
            conn.send(answer)
        except MemoryError:
            conn.send((503, "text/plain", b"", "the query needs more memory than a query worker may use"))
        except Exception as e:  # noqa: BLE001 - everything is reported to the parent as a clean error
            store = None
            conn.send((503, "text/plain", b"", f"the store could not be read just now ({type(e).__name__}: {str(e)[:160]}); retry"))


def _answer(ox, store_path: str, store, task: QueryTask, attempts: int = 8):
    """(answer, view) for a task. A view opened while the writer flushed or compacted may name files
    that are gone, and pyoxigraph then raises (OSError, RuntimeError, or a Rust panic, which pyo3 makes
    a BaseException): the view is reopened and the query run again, with a doubling pause (about 1.6 s in
    all: a compaction on a busy machine takes that long), before giving up."""
    import time

    for attempt in range(attempts):
        try:
            if store is None:
                store = _open_view(ox, store_path)
            return run_task(store, task), store  # a syntax error is an answer (400), not an exception
        except (KeyboardInterrupt, SystemExit, MemoryError):
            raise
        except BaseException:  # noqa: BLE001
            store = None
            if attempt == attempts - 1:
                raise
            time.sleep(min(0.5, 0.02 * 2**attempt))
    raise RuntimeError("unreachable")


def _open_view(ox, store_path: str):
    """A read-only view of the store (failures are retried by :func:`_answer`); the store module opens it."""
    return open_read_only_view(store_path)


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection


@dataclass
class QueryPool:
    store: Path
    size: int = 2
    timeout: float = 30.0
    isolate_network: bool = False  # workers get no network (no SERVICE target is allowed)
    memory_limit: int | None = None  # bytes of address space per worker
    generation: int = 0
    _seen: tuple[int, int, int] | None = None
    _idle: asyncio.Queue | None = None
    _all: list[_Worker] = field(default_factory=list)
    _ctx: Any = None
    page_cache: Any = None  # kg.serve.pages.PageCache: the UI pages' answers, set by the server

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(target=_worker_main, args=(str(self.store), child, self.isolate_network, self.memory_limit),
                              daemon=True)
        p.start()
        child.close()
        w = _Worker(p, parent)
        self._all.append(w)
        return w

    @property
    def _generation_file(self) -> str:
        return os.path.join(self.store, GENERATION_FILE)

    async def start(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._idle = asyncio.LifoQueue()  # the worker that answered last answers next: its caches are warm
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn())

    async def stop(self) -> None:
        for w in self._all:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
            w.process.join(timeout=1)
            if w.process.is_alive():
                w.process.kill()
        self._all.clear()

    @property
    def busy(self) -> int:
        """Workers running a query now (for tests and monitoring)."""
        return len(self._all) - (self._idle.qsize() if self._idle is not None else 0)

    def bump(self) -> None:
        """The store changed: workers reopen their read-only view before their next query."""
        self.generation += 1

    def current_generation(self) -> int:
        """The generation answers are computed at now: bumped by this server's writes and by any other
        writer of the store (its generation file)."""
        self._follow_store()
        return self.generation

    def _follow_store(self) -> None:
        """Notice a write by another process: the generation file is replaced (renamed over) at every
        write, so its inode, time and size tell a new generation without reading it (a stat per query)."""
        try:
            st = os.stat(self._generation_file)
            current = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            current = None
        if current != self._seen:
            self._seen = current
            self.bump()

    async def run(self, task: QueryTask) -> Outcome:
        assert self._idle is not None
        worker: _Worker = await self._idle.get()
        self._follow_store()
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((self.generation, task))
            ready = loop.create_future()
            fd = worker.conn.fileno()
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
            try:
                ending = await self._watch(ready, worker)
            finally:
                loop.remove_reader(fd)
                os.set_blocking(fd, True)  # uvloop makes watched descriptors non-blocking; recv() needs a blocking pipe
            if ending is not None:
                self._replace(worker)
                worker = None
                return Outcome(503, "text/plain", b"", ending)
            status, media, body, message = worker.conn.recv()
            return Outcome(status, media, body, message)
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            worker = None
            limit = f" (at most {self.memory_limit // 1_000_000} MB per query)" if self.memory_limit else ""
            return Outcome(503, "text/plain", b"", f"the query worker stopped before the answer was complete{limit}; "
                           "the query was not run to completion")
        finally:
            if worker is not None:
                self._idle.put_nowait(worker)

    async def _watch(self, ready: asyncio.Future, worker: _Worker) -> str | None:
        """Wait for the worker's answer; None when it came, else why the query is being stopped:
        the time limit, or the worker's resident memory over the limit (checked every 50 ms)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        while True:
            left = deadline - loop.time()
            if left <= 0:
                return f"the query did not finish within {self.timeout:g} s and was stopped"
            done, _ = await asyncio.wait({ready}, timeout=min(left, 0.05) if self.memory_limit else left)
            if done:
                return None
            if self.memory_limit and resident_bytes(worker.process.pid) > self.memory_limit:
                return f"the query needed more than {self.memory_limit // 1_000_000} MB and was stopped"

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        self._all.remove(worker)
        self._idle.put_nowait(self._spawn())
