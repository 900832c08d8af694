"""Corpus-scale loading: one command that prints a table.

- articles/s of `kg load` with 1 and 2 workers (extraction, mapping, SHACL validation, storing);
- triples/s of that load against pyoxigraph `bulk_load` of the same quads, measured in the same run in
  alternating rounds (kg, bulk_load, bulk_load, kg, …; at least 3 each): the median ratio and its min–max;
- SHACL validation rate alone (articles/s, one process);
- peak RSS of `kg load` (2 workers: the writer process and the largest worker) for two corpus sizes:
  flat memory means the ratio stays near 1;
- `kg build` on a local Dask cluster with 2 workers against 1.

    python -m benchmarks.bench_load [--articles 10000] [--size 2500] [--rss 10000,100000] [--parts load,validation,rss,dask] [--rounds 3]

The defaults are small enough for a laptop session; the issue's figures use --articles 10000 and
--rss 10000,100000 (the memory corpora use shorter articles, --rss-size, to keep that run under an hour).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.corpus import articles, write_corpus

RSS_SCRIPT = """
import resource, sys
from kg.api import load
if __name__ == "__main__":
    load([sys.argv[1]], store=sys.argv[2], workers=2)
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def kg(*args: str) -> float:
    return run_kg(*args)[0]


def run_kg(*args: str) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True, text=True)
    return time.perf_counter() - t0, out.stdout


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--size", type=int, default=2500)
    ap.add_argument("--rss", default=None, help="corpus sizes for the memory rows, e.g. 10000,100000 (default: N/5,N)")
    ap.add_argument("--rss-size", type=int, default=800, help="characters per article of the memory corpora")
    ap.add_argument("--parts", default="load,validation,rss,dask")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds of kg load and bulk_load")
    a = ap.parse_args()
    parts = set(a.parts.split(","))
    n = a.articles
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    rows: list[tuple[str, str, str]] = []
    corpus = tmp / "corpus"
    if parts & {"load", "dask"}:
        write_corpus(corpus, n, per_file=100, size=a.size)
    try:
        if "load" in parts:
            rows += load_rows(tmp, corpus, n, a.rounds)
        if "validation" in parts:
            rows += validation_rows(n, a.size)
        if "rss" in parts:
            sizes = [int(x) for x in a.rss.split(",")] if a.rss else [max(20, n // 5), max(100, n)]
            rows += rss_rows(tmp, sizes, a.rss_size)
        if "dask" in parts:
            rows += dask_rows(tmp, corpus, n)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if parts & {"load", "validation", "dask"}:
        print(f"corpus: {n} synthetic articles of ~{a.size} characters")
    if "rss" in parts:
        print(f"memory rows: corpora of ~{a.rss_size}-character articles, kg load with 2 workers")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:{width}}  {value:>22}  {note}")


def load_rows(tmp: Path, corpus: Path, n: int, rounds: int = 3) -> list[tuple[str, str, str]]:
    """kg load with 1 worker once (the speed-up and where the CPU goes), then ``rounds`` alternating rounds of
    kg load with 2 workers and bulk_load of the quads it stored (kg first in odd rounds, bulk_load first in
    even ones), each into a fresh store: the median ratio of triples/s and its min–max."""
    rows = []
    one_s, out = run_kg("load", str(corpus), "--store", str(tmp / "store1"), "--quiet", "--workers", "1", "--timings")
    shutil.rmtree(tmp / "store1", ignore_errors=True)
    rows.append(("kg load, 1 worker", f"{n / one_s:.1f} articles/s", "read, extract, map, validate, store"))
    rows.append(("  CPU ms per article", "", _cpu_breakdown(out)))
    nq = tmp / "all.nq"
    quads = 0
    kg_secs: list[float] = []
    bulk_secs: list[float] = []

    def kg_round() -> None:
        nonlocal quads
        store = tmp / "store2"
        secs, out = run_kg("load", str(corpus), "--store", str(store), "--quiet", "--workers", "2", "--timings")
        kg_secs.append(secs)
        if not nq.exists():
            st = ox.Store(str(store))
            quads = len(st)
            st.dump(str(nq), format=ox.RdfFormat.N_QUADS)
            del st
            rows.append(("kg load, 2 workers", f"{n / secs:.1f} articles/s", "round 1"))
            rows.append(("  CPU ms per article", "", _cpu_breakdown(out)))
        shutil.rmtree(store, ignore_errors=True)

    def bulk_round() -> None:
        t0 = time.perf_counter()
        fresh = ox.Store(str(tmp / "bulk"))
        fresh.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        fresh.flush()
        bulk_secs.append(time.perf_counter() - t0)
        del fresh
        shutil.rmtree(tmp / "bulk", ignore_errors=True)

    for r in range(rounds):
        for step in ((kg_round, bulk_round) if r % 2 == 0 else (bulk_round, kg_round)):
            step()
    nq.unlink()
    ratios = [b / k for k, b in zip(kg_secs, bulk_secs)]
    rows.append(("  speed-up 2 workers / 1", f"{one_s / statistics.median(kg_secs):.2f}x", "median of the rounds"))
    rows.append(("quads stored", f"{quads:,}", f"{quads / n:.0f} per article"))
    rows.append(("triples/s: kg load (2 workers)", f"{quads / statistics.median(kg_secs):,.0f}",
                 f"median of {rounds} rounds, {quads / max(kg_secs):,.0f}–{quads / min(kg_secs):,.0f}"))
    rows.append(("triples/s: pyoxigraph bulk_load", f"{quads / statistics.median(bulk_secs):,.0f}",
                 f"the same quads, one call, fresh store; {quads / max(bulk_secs):,.0f}–{quads / min(bulk_secs):,.0f}"))
    rows.append(("  kg load / bulk_load", f"{statistics.median(ratios):.3f}",
                 f"median, {min(ratios):.3f}–{max(ratios):.3f} over {rounds} alternating rounds; target >= 0.6"))
    return rows


def _cpu_breakdown(out: str) -> str:
    """``CPU ms per article: extract …, writer …`` from the last line ``kg load --timings`` prints."""
    timing = out.strip().splitlines()[-1].split(";")[0]
    return timing.split(": ", 1)[1]


def validation_rows(n: int, size: int) -> list[tuple[str, str, str]]:
    from kg.extract import extract
    from kg.map import to_graphs
    from kg.records import Article
    from kg.validate import validate_graph
    from kg.validate.fast import validate_triples

    sample = [to_graphs(extract(Article(text=r["text"], source="b"))) for r in articles(min(n, 40), seed=11, size=size)]
    validate_graph(sample[0].validation_graph())
    t0 = time.perf_counter()
    for g in sample:
        validate_graph(g.validation_graph())
    ref = len(sample) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for g in sample:
        validate_triples(g.article_triples + g.entity_triples)
    fast = len(sample) / (time.perf_counter() - t0)
    return [
        ("SHACL validation, pySHACL", f"{ref:.1f} articles/s", "one process"),
        ("SHACL validation, kg fast validator", f"{fast:.1f} articles/s", f"one process (used by kg load); {fast / ref:.0f}x"),
    ]


def rss_rows(tmp: Path, sizes: list[int], size: int) -> list[tuple[str, str, str]]:
    rows = []
    peaks = {}
    for m in sizes:
        c = tmp / f"rss{m}"
        write_corpus(c, m, per_file=1000, size=size)
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(c), str(tmp / f"rss-store{m}")],
                             check=True, capture_output=True, text=True)
        secs = time.perf_counter() - t0
        main_kb, worker_kb = (int(x) for x in out.stdout.split()[-2:])
        peaks[m] = (main_kb / 1024, worker_kb / 1024)
        rows.append((f"peak RSS, kg load of {m:,} articles", f"{peaks[m][0]:.0f} + {peaks[m][1]:.0f} MB",
                     f"writer + largest worker; {m / secs:.0f} articles/s"))
        shutil.rmtree(c, ignore_errors=True)
        shutil.rmtree(tmp / f"rss-store{m}", ignore_errors=True)
    lo, hi = sizes[0], sizes[-1]
    rows.append((f"  growth {hi:,} / {lo:,} articles", f"{peaks[hi][0] / peaks[lo][0]:.2f}x / {peaks[hi][1] / peaks[lo][1]:.2f}x",
                 "writer / worker; target < 2x"))
    return rows


def dask_rows(tmp: Path, corpus: Path, n: int) -> list[tuple[str, str, str]]:
    rows = []
    dask = {}
    for w in (1, 2):
        dask[w] = kg("build", str(corpus), "--out", str(tmp / f"shards{w}"), "--workers", str(w), "--lines-per-partition", "100")
        rows.append((f"kg build on Dask, {w} worker(s)", f"{n / dask[w]:.1f} articles/s", "incl. cluster start"))
        shutil.rmtree(tmp / f"shards{w}", ignore_errors=True)
    rows.append(("  speed-up 2 workers / 1", f"{dask[1] / dask[2]:.2f}x", "target >= 1.6x"))
    return rows


if __name__ == "__main__":
    main()
