"""A writable `kg serve` under accumulating writes: ASK {} latency after each batch of posted articles.

Posts ``--articles`` synthetic articles (``kg.corpus``) to ``POST /articles`` in batches of
``--batch``; after each batch, the median and spread of ``--asks`` ``ASK {}`` requests. The baseline,
measured in the same run, is the same ASK against a read-only server freshly started on the final
store: the ratio says what the writes cost the readers (target: median under 50 ms after every batch).

    python -m benchmarks.bench_writes [--articles 1000] [--batch 100] [--asks 20]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kg.corpus import articles
from tests.live_server import running_server

TOKEN = "bench"


def ask_times(base: str, n: int) -> list[float]:
    out = []
    url = f"{base}/sparql?{urllib.parse.urlencode({'query': 'ASK {}'})}"
    for _ in range(n):
        t0 = time.perf_counter()
        urllib.request.urlopen(url, timeout=120).read()
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--asks", type=int, default=20)
    args = ap.parse_args()
    corpus = list(articles(args.articles, seed=3, size=1500))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        rows = []
        with running_server(store, "--writable", "--token", TOKEN, "--workers", "2") as base:
            for start in range(0, len(corpus), args.batch):
                body = "\n".join(json.dumps(r, ensure_ascii=False) for r in corpus[start : start + args.batch]).encode()
                req = urllib.request.Request(f"{base}/articles", data=body, method="POST",
                                             headers={"authorization": f"Bearer {TOKEN}"})
                t0 = time.perf_counter()
                urllib.request.urlopen(req, timeout=600).read()
                post_s = time.perf_counter() - t0
                times = ask_times(base, args.asks)
                rows.append((start + args.batch, post_s, times))
        with running_server(store, "--workers", "2") as base:
            baseline = ask_times(base, args.asks)
    b = statistics.median(baseline)
    print(f"baseline: read-only server on the final store, ASK median {b * 1000:.1f} ms "
          f"(min {min(baseline) * 1000:.1f}, max {max(baseline) * 1000:.1f})")
    print("| articles stored | POST s | ASK median ms | min–max ms | ratio to baseline |")
    print("|---|---|---|---|---|")
    for n, post_s, times in rows:
        m = statistics.median(times)
        print(f"| {n} | {post_s:.1f} | {m * 1000:.1f} | {min(times) * 1000:.1f}–{max(times) * 1000:.1f} | {m / b:.2f} |")


if __name__ == "__main__":
    main()
