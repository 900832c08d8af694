"""Points 3 and 4 of the hardening issue: served answers stay fast and agree with the store.

3. A writable server that takes many writes keeps answering quickly: each write is flushed out of
   the write-ahead log, so a worker's read-only view opens without replaying every earlier write.
4. A read-only server sees a ``kg load`` made beside it, and all its workers answer alike.

Both run a real ``kg serve`` on 127.0.0.1. Latency bounds here are generous (a regression made them
seconds); the figures themselves come from ``benchmarks/bench_writes.py``.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.corpus import articles
from kg.store import read_generation
from tests.live_server import running_server

TOKEN = "t0ken"
WORKERS = 3
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/kg-news/ontology#Article> }"


def ask(base: str, query: str) -> tuple[float, dict]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(f"{base}/sparql?{urllib.parse.urlencode({'query': query})}", timeout=60) as r:
        body = json.loads(r.read())
    return time.perf_counter() - t0, body


def counts_from_every_worker(base: str) -> set[int]:
    """The article count as each worker answers it (sequential requests rotate through the idle workers)."""
    return {int(ask(base, ARTICLES)[1]["results"]["bindings"][0]["n"]["value"]) for _ in range(2 * WORKERS)}


def wal_bytes(store: Path) -> int:
    return sum(f.stat().st_size for f in store.glob("*.log"))


def post(base: str, records: list[dict]) -> dict:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode()
    req = urllib.request.Request(f"{base}/articles", data=data, method="POST",
                                 headers={"authorization": f"Bearer {TOKEN}", "content-type": "application/x-ndjson"})
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read())


def test_writable_server_stays_fast_as_writes_accumulate(tmp_path):
    store = tmp_path / "store"
    corpus = list(articles(150, seed=11, size=1200))
    total = 0
    with running_server(store, "--writable", "--token", TOKEN, "--workers", str(WORKERS)) as base:
        for start in range(0, len(corpus), 50):
            out = post(base, corpus[start : start + 50])
            total += len(out["loaded"])
            assert not out["rejected"], out["rejected"][:3]
            assert wal_bytes(store) < 1_000_000, "the write-ahead log grows: workers would replay it at every reopen"
            times = [ask(base, "ASK {}")[0] for _ in range(5)]
            assert statistics.median(times) < 1.0, times
            assert counts_from_every_worker(base) == {total}
    assert total == 150


def test_read_only_server_follows_a_load_beside_it(tmp_path):
    store = tmp_path / "store"
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    corpus = list(articles(40, seed=5, size=800))
    first.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in corpus[:10]), encoding="utf-8")
    second.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in corpus[10:]), encoding="utf-8")
    kg = [sys.executable, "-m", "kg.cli", "load", "--quiet", "--workers", "1", "--store", str(store)]
    subprocess.run([*kg, str(first)], check=True, capture_output=True)
    with running_server(store, "--workers", str(WORKERS)) as base:
        assert counts_from_every_worker(base) == {10}
        before = read_generation(store)
        subprocess.run([*kg, str(second)], check=True, capture_output=True)
        assert read_generation(store) != before
        assert counts_from_every_worker(base) == {40}
