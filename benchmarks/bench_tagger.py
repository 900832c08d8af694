"""The entity tagger's cost: its own tokens/s, and extraction with it against extraction without it.

Texts: the dev articles of ../shared/eval/dev when present (real news), else kg's Arabic samples.
Rounds alternate the two settings over the same texts on one core (each measurement ``--repeat`` passes
over them, so that it lasts about a second); the report gives the ratio of
characters/s (with / without) per round and its spread. Targets (issue 12): the tagger ≥ 100,000
tokens/s warm; extraction with it at most 25 % slower (ratio ≥ 0.8).

    python -m benchmarks.bench_tagger [--rounds 5] [--repeat 8]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg import tagger
from kg.extract import extract
from kg.extract.tokens import split_sentences, tokenize
from kg.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


def texts() -> list[str]:
    files = sorted(DEV.glob("*.txt")) if DEV.is_dir() else sorted((ROOT / "samples").glob("*_ar.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def extraction_seconds(docs: list[str], enabled: bool, repeat: int = 1) -> float:
    tagger.configure(enabled=enabled)
    t0 = time.process_time()
    for _ in range(repeat):
        for d in docs:
            extract(Article(text=d, source="bench"))
    return time.process_time() - t0


def tagger_tokens_per_second(docs: list[str]) -> float:
    t = tagger.tagger_for("ar")
    articles = []
    for d in docs:
        toks = tokenize(d)
        articles.append([[toks[k].text for k in range(s.start, s.end)] for s in split_sentences(d, toks)])
    for sentences in articles:  # warm: features are cached per word type, as in a long run
        t.tag_many(sentences)
    n = sum(len(w) for sentences in articles for w in sentences)
    t0 = time.process_time()
    for sentences in articles:  # an article's sentences at once, as extraction asks them
        t.tag_many(sentences)
    return n / (time.process_time() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=8,
                    help="passes over the texts per measurement (17 dev articles take ~0.15 s: one pass is mostly noise)")
    args = ap.parse_args()
    docs = texts()
    chars = sum(len(d) for d in docs)
    extraction_seconds(docs, True)
    extraction_seconds(docs, False)  # warm both
    ratios = []
    best = {True: float("inf"), False: float("inf")}
    for r in range(args.rounds):
        order = (True, False) if r % 2 == 0 else (False, True)
        got = {on: extraction_seconds(docs, on, args.repeat) for on in order}
        ratios.append(got[False] / got[True])
        best = {on: min(best[on], got[on]) for on in best}
        print(f"round {r + 1}: with tagger {chars * args.repeat / got[True]:,.0f} chars/s, "
              f"without {chars * args.repeat / got[False]:,.0f} chars/s, "
              f"ratio {ratios[-1]:.3f}")
    tagger.configure()
    print(f"{len(docs)} texts, {chars:,} characters, {args.repeat} passes per measurement; extraction with / without the tagger (chars/s): "
          f"median {statistics.median(ratios):.3f}, min {min(ratios):.3f}, max {max(ratios):.3f} (target ≥ 0.8); "
          f"of each setting's fastest round {best[False] / best[True]:.3f} (a shared machine's noise only adds time)")
    print(f"tagger alone, warm: {tagger_tokens_per_second(docs):,.0f} tokens/s on one core (target ≥ 100,000)")


if __name__ == "__main__":
    main()
