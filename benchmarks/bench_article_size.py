"""Extraction time against article length: is it linear?

Runs extract + map + validate (``kg.pipeline.process``) on one synthetic article (``kg.corpus``
paragraphs joined) of 100 KB and of 1 MB, alternating the two over ``--rounds`` rounds, and reports
the ratio 1 MB / 100 KB per round with its spread. Linear is 10×; the target is ≤ 10×.

    python -m benchmarks.bench_article_size [--rounds 3] [--big-kb 1000] [--small-kb 100]
"""

from __future__ import annotations

import argparse
import statistics
import time

from kg.corpus import articles
from kg.pipeline import process
from kg.records import Article


def seconds(text: str) -> tuple[float, float]:
    """(CPU seconds of the whole process call, of its extract stage)."""
    t0 = time.process_time()
    done = process(Article(text=text, source="bench"))
    return time.process_time() - t0, done.cpu[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--small-kb", type=int, default=100)
    ap.add_argument("--big-kb", type=int, default=1000)
    args = ap.parse_args()
    text = ""
    n = 100
    while len(text) < args.big_kb * 1000:
        text = "\n\n".join(a["text"] for a in articles(n, seed=1, size=2500))
        n *= 2
    small, big = text[: args.small_kb * 1000], text[: args.big_kb * 1000]
    seconds(small[:5000])  # warm the lexicons
    ratios, extract_ratios = [], []
    print(f"| round | {args.small_kb} KB CPU s (extract) | {args.big_kb} KB CPU s (extract) | ratio | extract ratio |")
    print("|---|---|---|---|---|")
    for r in range(args.rounds):
        if r % 2:  # alternate the order, so drift on a shared machine does not favour one size
            b, s = seconds(big), seconds(small)
        else:
            s, b = seconds(small), seconds(big)
        ratios.append(b[0] / s[0])
        extract_ratios.append(b[1] / s[1])
        print(f"| {r + 1} | {s[0]:.2f} ({s[1]:.2f}) | {b[0]:.2f} ({b[1]:.2f}) | {ratios[-1]:.2f} | {extract_ratios[-1]:.2f} |")
    for name, values in (("extract + map + validate", ratios), ("extract", extract_ratios)):
        print(f"{name}: ratio median {statistics.median(values):.2f} (min {min(values):.2f}, max {max(values):.2f}); "
              f"linear = {args.big_kb / args.small_kb:.0f}")


if __name__ == "__main__":
    main()
