"""Extraction speed on one core: generated claim-dense articles against a plain regex pass, and real news.

The baseline is measured in the same run over the same texts: tokenising with kg's token regex and
searching a regex of the attribution cues — the least any extractor must do. Rounds alternate kg and the
regex pass (kg first in odd rounds, the regex first in even ones), each round over its own fresh articles,
so no round profits from word types an earlier one cached; the report gives the median ratio and its
min–max. Real news: the dev articles of ../shared/eval/dev when present, else kg's bundled samples, in
characters/s per round (these texts repeat across rounds, so from the second round on they are warm).

``--profile`` adds where the time goes: the share of kg's time in each stage of extraction (tokenising,
each entity pass, the tagger, claims, roles, conflicts), measured by stopwatches around the stages —
exclusive of the stages nested in them, so the shares add up to 100 %.

    python -m benchmarks.bench_extract [N_ARTICLES] [--rounds 3] [--profile]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpus import corpus
from kg.extract import extract
from kg.extract.lexicon import cues
from kg.extract.tokens import TOKEN_RE
from kg.records import Article

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
TARGET_RATIO = 0.3
TARGET_CHARS = 1_000_000


def news_texts() -> tuple[str, list[str]]:
    if DEV.is_dir():
        return "dev articles (../shared/eval/dev)", [f.read_text(encoding="utf-8") for f in sorted(DEV.glob("*.txt"))]
    return "bundled samples", [f.read_text(encoding="utf-8") for f in sorted((ROOT / "samples").glob("*.txt"))]


def regex_seconds(texts: list[str]) -> float:
    cue_re = re.compile("|".join(sorted((re.escape(c.form) for c in cues().values()), key=len, reverse=True)))
    t0 = time.process_time()
    for t in texts:
        sum(1 for _ in TOKEN_RE.finditer(t))
        sum(1 for _ in cue_re.finditer(t))
    return time.process_time() - t0


def kg_seconds(texts: list[str]) -> float:
    t0 = time.process_time()
    for i, t in enumerate(texts):
        extract(Article(text=t, source=f"bench#{i}"))
    return time.process_time() - t0


class Stopwatches:
    """Exclusive time per named stage: a stage's clock stops while a stage nested in it runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stack: list[list] = []  # [name, started, nested seconds]
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, attr: str, name: str) -> None:
        original = getattr(owner, attr)

        def timed(*args, **kwargs):
            self._stack.append([name, time.perf_counter(), 0.0])
            try:
                return original(*args, **kwargs)
            finally:
                _, started, nested = self._stack.pop()
                spent = time.perf_counter() - started
                self.seconds[name] = self.seconds.get(name, 0.0) + spent - nested
                if self._stack:
                    self._stack[-1][2] += spent

        self._undo.append((owner, attr, original))
        setattr(owner, attr, timed)

    def restore(self) -> None:
        for owner, attr, original in reversed(self._undo):
            setattr(owner, attr, original)
        self._undo.clear()


def stage_shares(texts: list[str]) -> tuple[float, dict[str, float]]:
    """Wall seconds of extracting ``texts`` and each stage's share of them (the rest: ``extract`` itself)."""
    import kg.extract as pipeline
    from kg.extract import entities
    from kg.tagger import model

    watches = Stopwatches()
    stages: list[tuple[object, str, str]] = [
        (pipeline, "detect_language", "language detection"),
        (pipeline, "tokenize", "tokenising"),
        (pipeline, "split_sentences", "sentence splitting"),
        (entities._Finder, "__init__", "entities: per-token candidates"),
        *((entities._Finder, p, f"entities: {p}") for p in dir(entities._Finder) if p.startswith("pass_")),
        (model.Tagger, "tag_many", "tagger: labels"),
        (model.Tagger, "marginals", "tagger: marginals"),
        (pipeline, "find_claims", "claims"),
        (pipeline, "find_roles", "roles"),
        (pipeline, "find_conflicts", "conflicts"),
        (pipeline, "find_polarity_conflicts", "conflicts"),
        (pipeline, "find_comparative_conflicts", "conflicts"),
    ]
    for owner, attr, name in stages:
        watches.wrap(owner, attr, name)
    watches.wrap(pipeline, "extract", "the rest (extract's own work)")
    try:
        t0 = time.perf_counter()
        for i, t in enumerate(texts):
            pipeline.extract(Article(text=t, source=f"profile#{i}"))
        wall = time.perf_counter() - t0
    finally:
        watches.restore()
    return wall, {name: s / wall for name, s in sorted(watches.seconds.items(), key=lambda kv: -kv[1])}


def spread(values: list[float], fmt: Callable[[float], str]) -> str:
    return f"median {fmt(statistics.median(values))}, {fmt(min(values))}–{fmt(max(values))}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("articles", nargs="?", type=int, default=100, help="generated articles per round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="also print each stage's share of kg's time")
    args = ap.parse_args()
    n, rounds = args.articles, args.rounds
    generated = corpus(n * (rounds + 1))
    kg_seconds(generated[:n])  # warm-up on articles no round uses: gazetteer, lexicons and model load once
    label, news = news_texts()
    news_chars = sum(len(t) for t in news)
    ratios, kg_rates, news_rates = [], [], []
    for r in range(rounds):
        texts = generated[(r + 1) * n : (r + 2) * n]
        chars = sum(len(t) for t in texts)
        if r % 2 == 0:
            kg_s, base_s = kg_seconds(texts), regex_seconds(texts)
        else:
            base_s, kg_s = regex_seconds(texts), kg_seconds(texts)
        news_s = kg_seconds(news)
        ratios.append(base_s / kg_s)
        kg_rates.append(chars / kg_s)
        news_rates.append(news_chars / news_s)
        print(f"round {r + 1}: kg {n / kg_s:.1f} articles/s ({chars / kg_s:,.0f} chars/s), regex pass "
              f"{n / base_s:.1f} articles/s, ratio {ratios[-1]:.4f}; {label}: {news_rates[-1]:,.0f} chars/s")
    kb = sum(len(t) for t in generated) / len(generated) / 1000
    print(f"generated: {rounds} rounds of {n} fresh articles (~{kb:.1f} K characters each); CPU time of one core")
    print(f"kg / regex pass: {spread(ratios, lambda v: f'{v:.4f}')} (target >= {TARGET_RATIO})")
    print(f"kg on generated articles: {spread(kg_rates, lambda v: f'{v:,.0f}')} chars/s")
    print(f"kg on {label} ({len(news)} texts, {news_chars:,} chars): {spread(news_rates, lambda v: f'{v:,.0f}')} "
          f"chars/s (target >= {TARGET_CHARS:,})")
    if args.profile:
        for what, texts in (("generated articles", generated[n : 2 * n]), (label, news)):
            wall, shares = stage_shares(texts)
            print(f"where kg's time goes on the {what} (wall {wall:.2f} s, stopwatches around each stage):")
            for name, share in shares.items():
                print(f"  {name:40} {share:6.1%}")


if __name__ == "__main__":
    main()
