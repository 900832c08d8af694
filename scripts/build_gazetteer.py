"""Rebuild kg/data/gazetteer.tsv from the checked gazetteer facts in ../shared/data/gazetteer.

QIDs come only from entities.tsv (each checked against public sources). Rows of
unverified.tsv are kept for their names, with the QID column emptied: a guessed QID
is never shipped. The evidence column stays behind.

Usage: python scripts/build_gazetteer.py [SHARED_GAZETTEER_DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

COLUMNS = ["qid", "kind", "label_en", "label_ar", "aliases_ar", "aliases_en", "iso2"]


def rows(path: Path, keep_qid: bool):
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out = {c: (row.get(c) or "").strip() for c in COLUMNS}
            if not keep_qid:
                out["qid"] = ""
            yield out


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "data" / "gazetteer"
    out = here / "kg" / "data" / "gazetteer.tsv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Built by scripts/build_gazetteer.py from the checked gazetteer facts (QIDs only where verified).\n")
        w = csv.DictWriter(fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        w.writeheader()
        for r in rows(src / "entities.tsv", keep_qid=True):
            w.writerow(r)
        for r in rows(src / "unverified.tsv", keep_qid=False):
            w.writerow(r)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
