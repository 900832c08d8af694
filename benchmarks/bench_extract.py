"""Extraction speed: Arabic articles of ~5 KB per second on one core, against a plain regex pass.

The baseline is measured in the same run over the same texts: tokenising with kg's token regex and
searching a regex of the attribution cues — the least any extractor must do. Run:

    python benchmarks/bench_extract.py [N_ARTICLES]
"""

from __future__ import annotations

import re
import sys
import time

from benchmarks.corpus import corpus
from kg.extract import extract
from kg.extract.lexicon import cues
from kg.extract.tokens import TOKEN_RE
from kg.records import Article


def regex_pass(texts: list[str]) -> float:
    cue_re = re.compile("|".join(sorted((re.escape(c.form) for c in cues().values()), key=len, reverse=True)))
    t0 = time.perf_counter()
    for t in texts:
        sum(1 for _ in TOKEN_RE.finditer(t))
        sum(1 for _ in cue_re.finditer(t))
    return time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    texts = corpus(n)
    extract(Article(text=texts[0], source="warm-up"))  # gazetteer and lexicons load once per process
    t0 = time.perf_counter()
    claims = 0
    for i, t in enumerate(texts):
        claims += len(extract(Article(text=t, source=f"bench#{i}")).claims)
    kg_s = time.perf_counter() - t0
    base_s = regex_pass(texts)
    kb = sum(len(t) for t in texts) / n / 1000
    print(f"articles: {n} (~{kb:.1f} K characters each), claims found: {claims}")
    print(f"kg extract:  {n / kg_s:8.1f} articles/s on one core ({kg_s / n * 1000:.2f} ms/article)")
    print(f"regex pass:  {n / base_s:8.1f} articles/s on one core ({base_s / n * 1000:.3f} ms/article)")
    print(f"ratio kg / regex pass: {base_s / kg_s:.4f} (kg takes {kg_s / base_s:.0f}x the time of the regex pass)")


if __name__ == "__main__":
    main()
