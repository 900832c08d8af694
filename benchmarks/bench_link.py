"""Label index: import of a generated Wikidata dump (streamed) and look-up latency.

Prints entities/s of the import, peak RSS, and the mean look-up time against a Python dict of the same
normalised labels built in the same run (the fastest in-memory baseline).

    python -m benchmarks.bench_link [N_ENTITIES]
"""

from __future__ import annotations

import gzip
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg.link import LabelIndex, import_file
from kg.link.index import norm_label


def generate(path: Path, n: int) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n")
        for i in range(n):
            e = {
                "type": "item", "id": f"Q{9100000 + i}",
                "labels": {"en": {"language": "en", "value": f"Generated Place {i}"}, "ar": {"language": "ar", "value": f"مكان مولد {i}"}},
                "aliases": {"en": [{"language": "en", "value": f"GP {i}"}]},
                "claims": {"P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q515"}}}}]},
                "sitelinks": {},
            }
            fh.write(json.dumps(e, ensure_ascii=False) + (",\n" if i < n - 1 else "\n"))
        fh.write("]\n")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-link-"))
    dump = tmp / "dump.json.gz"
    generate(dump, n)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with LabelIndex(tmp / "labels.sqlite") as ix:
        report = import_file(ix, dump)
        import_s = time.perf_counter() - t0
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rng = random.Random(5)
        names = [f"Generated Place {rng.randrange(n)}" for _ in range(20_000)]
        t0 = time.perf_counter()
        for name in names:
            ix.lookup(name)
        per_lookup = (time.perf_counter() - t0) / len(names)
    baseline = {norm_label(f"Generated Place {i}"): f"Q{9100000 + i}" for i in range(n)}
    t0 = time.perf_counter()
    for name in names:
        baseline.get(norm_label(name))
    per_dict = (time.perf_counter() - t0) / len(names)
    print(f"import: {report.entities} entities, {report.labels} labels in {import_s:.1f} s ({report.entities / import_s:,.0f} entities/s)")
    print(f"peak RSS: {rss0 / 1024:.0f} MB before, {rss1 / 1024:.0f} MB after the import (the dump is streamed)")
    print(f"look-up: {per_lookup * 1e6:.1f} µs on average (target < 1000 µs); an in-memory dict of the same labels: {per_dict * 1e6:.1f} µs "
          f"(ratio {per_lookup / per_dict:.1f}x)")


if __name__ == "__main__":
    main()
