"""Every benchmark table, one after the other, each under the targets it is measured against:
``python -m benchmarks [--only startup,extract,tagger,load,pages,serve] [--quick]``.

Each table comes from its own module (run as a separate process, so one benchmark's caches and memory never
flatter the next); each reports ratios against a baseline measured in the same run, in alternating rounds.
A benchmark whose peers are not installed (``bench_serve`` needs ``pip install oxigraph rdflib-endpoint``)
says so and the others still run.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Table:
    name: str
    module: str
    targets: str
    args: tuple[str, ...] = ()
    quick_args: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()  # what the benchmark's peers need: modules, or programs beside this Python

    def missing(self) -> list[str]:
        here = Path(sys.executable).parent
        return [n for n in self.needs if importlib.util.find_spec(n) is None and not (here / n).exists()]


TABLES = (
    Table("startup", "benchmarks.bench_startup",
          "kg --help ≤ 0.3 s; kg extract of one article ≤ 0.5 s; a kg load worker ready ≤ 0.5 s",
          quick_args=("--rounds", "3")),
    Table("extract", "benchmarks.bench_extract",
          "≥ 0.3× a plain regex pass over the same generated articles (issue 14: ≥ 1,000,000 characters/s per core)",
          args=("--profile",), quick_args=("40", "--profile")),
    Table("tagger", "benchmarks.bench_tagger",
          "the tagger ≥ 100,000 tokens/s; extraction with it ≥ 0.8× the characters/s without it",
          quick_args=("--rounds", "3")),
    Table("load", "benchmarks.bench_load", "kg load --workers 2 ≥ 0.6× pyoxigraph bulk_load triples/s (validation included)",
          args=("--parts", "load"), quick_args=("--parts", "load", "--articles", "150")),
    Table("pages", "benchmarks.bench_pages", "every UI page under 300 ms on the samples + 1,000 generated articles",
          quick_args=("--articles", "100", "--rounds", "3")),
    Table("serve", "benchmarks.bench_serve",
          "point queries ≥ 0.5× oxigraph serve; LIMIT 100 ≥ 10× rdflib-endpoint; aggregate ≥ 0.9× oxigraph; "
          "p99 < 25 ms under two heavy queries",
          quick_args=("--seconds", "1", "--rounds", "3"), needs=("oxigraph", "rdflib_endpoint")),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(t.name for t in TABLES), help="comma-separated table names")
    ap.add_argument("--quick", action="store_true", help="fewer rounds and smaller inputs (a smoke run)")
    args = ap.parse_args()
    wanted = set(args.only.split(","))
    unknown = wanted - {t.name for t in TABLES}
    if unknown:
        ap.error(f"unknown table(s): {', '.join(sorted(unknown))}")
    failed = 0
    for table in TABLES:
        if table.name not in wanted:
            continue
        print(f"\n=== {table.name} — targets: {table.targets}", flush=True)
        missing = table.missing()
        if missing:
            print(f"skipped: {', '.join(missing)} not installed (pip install oxigraph rdflib-endpoint)")
            continue
        t0 = time.perf_counter()
        extra = table.quick_args if args.quick else table.args
        run = subprocess.run([sys.executable, "-m", table.module, *extra])
        print(f"({table.module}: {time.perf_counter() - t0:.0f} s, exit {run.returncode})", flush=True)
        failed += run.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
