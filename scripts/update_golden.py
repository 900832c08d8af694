"""Regenerate tests/golden/*.nt from the samples after an intended change to extraction or mapping.

Usage: python scripts/update_golden.py   (then review `git diff tests/golden`)
"""

from pathlib import Path

from dataclasses import replace

from kg.extract import extract
from kg.map import to_graphs
from kg.read import read_paths
from kg.resources import samples_dir

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
SAMPLES = ["iraq_mosul_ar.txt", "english_wire_gaza.txt"]


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name in SAMPLES:
        [article] = list(read_paths([samples_dir() / name]))
        g = to_graphs(extract(replace(article, source=f"samples/{article.source.rsplit('/', 1)[-1]}")))
        stem = name.rsplit(".", 1)[0]
        (GOLDEN / f"{stem}.article.nt").write_text("".join(sorted(g.triples.serialize(format="nt").splitlines(True))), encoding="utf-8")
        (GOLDEN / f"{stem}.entities.nt").write_text("".join(sorted(g.entities.serialize(format="nt").splitlines(True))), encoding="utf-8")
        print("wrote", stem)


if __name__ == "__main__":
    main()
