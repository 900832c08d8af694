"""Query workers: processes that each hold a read-only view of the store.

Why processes and not threads: pyoxigraph cannot cancel a running query, and a thread cannot be
stopped. A worker whose query passes the time limit is killed and replaced, so the query really
ends (and its CPU is freed) and the client gets a 503 instead of a late or truncated 200. After a
write the main process bumps a generation number and workers reopen their view before the next query.
"""

from __future__ import annotations

import asyncio
import multiprocessing as mp
import os
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.serve.results import QueryTask, run_task


@dataclass
class Outcome:
    status: int
    media_type: str
    body: bytes
    message: str | None = None


def _worker_main(store_path: str, conn: Connection) -> None:
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
        try:
            if gen != generation or store is None:
                store = ox.Store.read_only(store_path)
                generation = gen
            conn.send(run_task(store, task))
        except Exception as e:  # noqa: BLE001 - everything is reported to the parent as a clean error
            conn.send((500, "text/plain", b"", f"query failed: {type(e).__name__}"))


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection


@dataclass
class QueryPool:
    store: Path
    size: int = 2
    timeout: float = 30.0
    generation: int = 0
    _idle: asyncio.Queue | None = None
    _all: list[_Worker] = field(default_factory=list)
    _ctx: Any = None

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        p = self._ctx.Process(target=_worker_main, args=(str(self.store), child), daemon=True)
        p.start()
        child.close()
        w = _Worker(p, parent)
        self._all.append(w)
        return w

    async def start(self) -> None:
        self._ctx = mp.get_context("spawn")
        self._idle = asyncio.Queue()
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

    def bump(self) -> None:
        """The store changed: workers reopen their read-only view before their next query."""
        self.generation += 1

    async def run(self, task: QueryTask) -> Outcome:
        assert self._idle is not None
        worker: _Worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((self.generation, task))
            ready = loop.create_future()
            fd = worker.conn.fileno()
            loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
            try:
                await asyncio.wait_for(ready, self.timeout)
                finished = True
            except asyncio.TimeoutError:
                finished = False
            finally:
                loop.remove_reader(fd)
                os.set_blocking(fd, True)  # uvloop makes watched descriptors non-blocking; recv() needs a blocking pipe
            if not finished:
                self._replace(worker)
                worker = None
                return Outcome(503, "text/plain", b"", f"the query did not finish within {self.timeout:g} s and was stopped")
            status, media, body, message = worker.conn.recv()
            return Outcome(status, media, body, message)
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            worker = None
            return Outcome(500, "text/plain", b"", "the query worker failed; the query was not run to completion")
        finally:
            if worker is not None:
                self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(timeout=5)
        self._all.remove(worker)
        self._idle.put_nowait(self._spawn())
