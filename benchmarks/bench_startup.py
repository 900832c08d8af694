"""Start-up: wall time of `kg --help` and of `kg extract` on one sample article, with the compiled
resources in the cache (warm) and with an empty cache (cold: the first run after an install or upgrade).
Rounds alternate the commands; each figure is the median with its min–max, and its ratio to a bare
`python -c pass` measured in the same rounds. Targets (issue 14): `kg --help` ≤ 0.3 s, `kg extract` of one
article ≤ 0.5 s, a `kg load` worker process ready (imports and warm-up) ≤ 0.5 s.

    python -m benchmarks.bench_startup [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "samples").glob("*.txt"))[0]


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    kg = [sys.executable, "-m", "kg.cli"]
    warm_env = dict(os.environ)
    commands = {
        "python -c pass": ([sys.executable, "-c", "pass"], None),
        "kg --help": (kg + ["--help"], None),
        "kg extract (warm cache)": (kg + ["extract", str(SAMPLE)], None),
        "kg extract (cold cache)": (kg + ["extract", str(SAMPLE)], "cold"),
        "kg load worker ready": ([sys.executable, "-c", "from kg.pipeline import warm_up_worker; warm_up_worker()"], None),
    }
    wall(commands["kg extract (warm cache)"][0], warm_env)  # the cache holds the compiled resources
    times: dict[str, list[float]] = {name: [] for name in commands}
    for r in range(args.rounds):
        names = list(commands) if r % 2 == 0 else list(reversed(commands))
        for name in names:
            cmd, kind = commands[name]
            if kind == "cold":
                with tempfile.TemporaryDirectory() as empty:
                    times[name].append(wall(cmd, {**warm_env, "KG_CACHE_DIR": empty}))
            else:
                times[name].append(wall(cmd, warm_env))
    base = statistics.median(times["python -c pass"])
    targets = {"kg --help": 0.3, "kg extract (warm cache)": 0.5, "kg load worker ready": 0.5}
    print(f"{'command':26} {'median s':>9} {'min–max s':>13} {'× python':>9}  target")
    for name, ts in times.items():
        target = f"≤ {targets[name]} s" if name in targets else ""
        print(f"{name:26} {statistics.median(ts):9.3f} {min(ts):6.3f}–{max(ts):.3f} {statistics.median(ts) / base:9.1f}  {target}")


if __name__ == "__main__":
    main()
