"""Crash safety: `kg load` killed with SIGKILL at several points leaves a store that opens, holds only
whole articles, and `kg load --resume` finishes it to the same `kg stats` as an uninterrupted load."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.corpus import write_corpus
from kg.queries import select
from kg.store import KGStore

N_ARTICLES = 30


def kg(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], capture_output=True, text=True, **kw)


def graph_sizes(store) -> dict[str, int]:
    with KGStore(store, read_only=True) as s:
        t = select(s, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '/graph/article/')) } GROUP BY ?g")
    return {g: int(n) for g, n in t.rows}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    corpus = root / "corpus"
    write_corpus(corpus, N_ARTICLES, per_file=6, size=3000)
    store = root / "reference"
    t0 = time.perf_counter()
    r = kg("load", str(corpus), "--store", str(store), "--quiet", "--workers", "2", "--batch-size", "2")
    duration = time.perf_counter() - t0
    assert r.returncode == 0, r.stderr
    stats = json.loads(kg("stats", "--store", str(store), "--format", "json").stdout)
    return corpus, stats, graph_sizes(store), duration


def stored_articles(store) -> int:
    import pyoxigraph as ox

    try:
        s = ox.Store.read_only(str(store))
        return sum(1 for g in s.named_graphs() if "/graph/article/" in g.value)
    except (OSError, RuntimeError):  # not created yet, or a file compacted away under this read-only view
        return 0


KILL_POINTS = [(0, 1), (3, 1), (7, 1), (11, 1), (15, 1), (19, 1), (9, 8)]


def test_kill_and_resume_at_many_points(reference, tmp_path):
    """Kill a load at each point below, then resume it; at least five of the kills must land in the middle of
    a load (some, not all, articles stored) for the test to have tested anything."""
    mid_load = [n for n, (kill_after, batch) in enumerate(KILL_POINTS)
                if _kill_and_resume(reference, tmp_path / f"run{n}", kill_after, batch)]
    assert len(mid_load) >= 5, mid_load


def _kill_and_resume(reference, tmp_path, kill_after, batch) -> bool:
    """Kill when ``kill_after`` articles are stored (0: during start-up), watching the store read-only.
    Each batch of ``batch`` articles is one bulk ingestion: whole, or absent. True when the kill left
    some, not all, articles stored."""
    corpus, stats, sizes, duration = reference
    tmp_path.mkdir()
    store = tmp_path / "store"
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "load", str(corpus), "--store", str(store), "--quiet",
                             "--workers", "1", "--batch-size", str(batch)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 10 * duration
    while kill_after and time.time() < deadline and proc.poll() is None and stored_articles(store) < kill_after:
        time.sleep(0.01)
    # kill_after 0: killed at once, in start-up, before the store exists
    children = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    end = time.time() + 30
    while any(Path(f"/proc/{c}").exists() for c in children) and time.time() < end:
        time.sleep(0.01)  # orphaned pool workers notice their parent is gone and exit
    # the store opens, and every article graph in it is whole
    partial = graph_sizes(store) if store.exists() else {}
    for g, n in partial.items():
        assert sizes[g] == n, f"article graph {g} has {n} triples, {sizes[g]} when whole"
    r = kg("load", str(corpus), "--store", str(store), "--quiet", "--resume", "--workers", "2")
    assert r.returncode == 0, r.stderr
    assert f"skipped (already stored): {len(partial)}" in r.stdout or not partial
    after = json.loads(kg("stats", "--store", str(store), "--format", "json").stdout)
    assert after == stats
    assert graph_sizes(store) == sizes
    assert not list(store.glob("bulk-*.sst")), "orphan files of the killed bulk load are removed on the next open"
    return 0 < len(partial) < len(sizes)


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out
