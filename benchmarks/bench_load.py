"""Corpus-scale loading: one command that prints a table.

- articles/s of `kg load` with 1 and 2 workers (extraction, mapping, SHACL validation, storing);
- triples/s of that load against pyoxigraph `bulk_load` of the same quads, measured in the same run;
- SHACL validation rate alone (articles/s, one process);
- peak RSS of `kg load` (one worker) for N and 5·N articles: flat memory means the ratio stays near 1;
- `kg build` on a local Dask cluster with 2 workers against 1.

    python -m benchmarks.bench_load [--articles 10000] [--size 2500]

The defaults are small enough for a laptop session; the issue's figures use --articles 10000.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.corpus import articles, write_corpus

RSS_SCRIPT = """
import resource, sys
if len(sys.argv) > 3:  # measure the pipeline alone: the store's writes are discarded
    from kg.store import KGStore
    KGStore.replace_articles_nquads = lambda self, graphs, data: None
from kg.api import load
load([sys.argv[1]], store=sys.argv[2], workers=1)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def kg(*args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg.cli", *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--size", type=int, default=2500)
    a = ap.parse_args()
    n = a.articles
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-load-"))
    corpus = tmp / "corpus"
    write_corpus(corpus, n, per_file=100, size=a.size)
    rows = []

    secs = {}
    for w in (1, 2):
        store = tmp / f"store{w}"
        secs[w] = kg("load", str(corpus), "--store", str(store), "--quiet", "--workers", str(w), "--batch-size", "8")
        rows.append((f"kg load, {w} worker(s)", f"{n / secs[w]:.1f} articles/s", ""))
    rows.append(("  speed-up 2 workers / 1", f"{secs[1] / secs[2]:.2f}x", ""))

    store = ox.Store(str(tmp / "store2"))
    quads = len(store)
    nq = tmp / "all.nq"
    store.dump(str(nq), format=ox.RdfFormat.N_QUADS)
    del store
    t0 = time.perf_counter()
    fresh = ox.Store(str(tmp / "bulk"))
    fresh.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    bulk_s = time.perf_counter() - t0
    del fresh
    rows.append(("triples/s: kg load (2 workers)", f"{quads / secs[2]:,.0f}", ""))
    rows.append(("triples/s: pyoxigraph bulk_load", f"{quads / bulk_s:,.0f}", ""))
    rows.append(("  kg load / bulk_load", f"{(quads / secs[2]) / (quads / bulk_s):.4f}", "target >= 0.5"))

    from kg.extract import extract
    from kg.map import to_graphs
    from kg.records import Article
    from kg.validate import validate_graph

    sample = [to_graphs(extract(Article(text=r["text"], source="b"))) for r in articles(min(n, 40), seed=11, size=a.size)]
    from kg.validate.fast import validate_ntriples

    validate_graph(sample[0].validation_graph())
    t0 = time.perf_counter()
    for g in sample:
        validate_graph(g.validation_graph())
    rows.append(("SHACL validation, pySHACL", f"{len(sample) / (time.perf_counter() - t0):.1f} articles/s", "one process"))
    t0 = time.perf_counter()
    for g in sample:
        validate_ntriples(g.article_nt + g.entities_nt)
    rows.append(("SHACL validation, kg fast validator", f"{len(sample) / (time.perf_counter() - t0):.1f} articles/s", "one process (used by kg load)"))

    small, big = max(20, n // 5), max(100, n)
    for label, extra in (("kg load", []), ("pipeline without store writes", ["--discard"])):
        rss = {}
        for m in (small, big):
            c = tmp / f"rss{m}"
            if not c.exists():
                write_corpus(c, m, per_file=100, size=800)
            out = subprocess.run([sys.executable, "-c", RSS_SCRIPT, str(c), str(tmp / f"rss-store{m}{label[:3]}"), *extra],
                                 check=True, capture_output=True, text=True)
            rss[m] = int(out.stdout.split()[-1]) / 1024
        rows.append((f"peak RSS, {label}: {small} / {big} articles", f"{rss[small]:.0f} / {rss[big]:.0f} MB", ""))
        rows.append((f"  growth {big}/{small} articles", f"{rss[big] / rss[small]:.2f}x", "target < 2x"))

    dask = {}
    for w in (1, 2):
        dask[w] = kg("build", str(corpus), "--out", str(tmp / f"shards{w}"), "--workers", str(w), "--lines-per-partition", "25")
        rows.append((f"kg build on Dask, {w} worker(s)", f"{n / dask[w]:.1f} articles/s", "incl. cluster start"))
    rows.append(("  speed-up 2 workers / 1", f"{dask[1] / dask[2]:.2f}x", "target >= 1.6x"))
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"corpus: {n} synthetic articles of ~{a.size} characters ({quads:,} quads once loaded)")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:{width}}  {value:>20}  {note}")


if __name__ == "__main__":
    main()
