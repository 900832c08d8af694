"""Training and measuring the entity tagger on annotated corpora (CoNLL ``token TAG`` per line).

Deterministic: the same files in the same order give the same model bytes (the CRF's L-BFGS has no
randomness, sentences are appended in file order, and the header holds no date). The corpora's tags
are mapped to kg's four coarse types; NewsFANE's fine classes (``Politician``, ``Nation``, ``Media`` …)
through :data:`FINE_TYPES`.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.normalize import normalize
from kg.tagger.features import FeatureCache, LexiconFlags, build_lexicon_flags
from kg.tagger.model import TYPES, Tagger, chunks, write_model
from kg.errors import KGException

# NewsFANE's fine classes → ANERcorp's coarse ones (ACE-style: facilities are places; vehicles, works,
# products and groups of people are not entities kg scores)
FINE_TYPES = {
    **dict.fromkeys("Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer Police".split(), "PERS"),
    **dict.fromkeys("Nation Population-Center State-or-Province County-or-District GPE-Cluster Continent Water-Body "
                    "Land-Region-Natural Celestial Building-Grounds Airport Path Subarea-Facility".split(), "LOC"),
    **dict.fromkeys("Government Non-Governmental Commercial Educational Media Religious_ORG Sports Medical-Science "
                    "Entertainment".split(), "ORG"),
}
COARSE = {"PERS", "PER", "PERSON", "LOC", "LOCATION", "ORG", "ORGANIZATION", "MISC", "GPE"}
ALIASES = {"PER": "PERS", "PERSON": "PERS", "LOCATION": "LOC", "ORGANIZATION": "ORG", "GPE": "LOC"}

Sentence = tuple[list[str], list[str]]


class CorpusError(KGException):
    """A training or test file that cannot be read as ``token TAG`` lines."""


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL file as (words, BIO labels over PERS/LOC/ORG/MISC)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise CorpusError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    sents: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.replace("\u200e", "").replace("\u200f", "").split()
        if not parts:
            if words:
                sents.append((words, labels))
            words, labels = [], []
            continue
        if len(parts) < 2:
            raise CorpusError(f"{path}:{n}: expected 'token TAG', got {line[:60]!r}")
        words.append(parts[0])
        labels.append(_coarse(parts[-1]))
    if words:
        sents.append((words, labels))
    if not sents:
        raise CorpusError(f"{path}: no sentences")
    return _repair_bio(sents)


PREFIX_CLITICS = frozenset({"و", "ف", "ب", "ل"})  # written joined to the next word
SUFFIX_CLITICS = frozenset({"ه", "ها", "هم", "هما", "هن"})  # written joined to the word before (pronouns)


def join_clitics(words: list[str]) -> list[str]:
    """Clitic tokens written back onto their words, as news writes them: و + بوش → وبوش, ل + الجيش → للجيش,
    ان + ه → انه, نسبة + ه → نسبته (treebank-style corpora such as NewsFANE Gold write them apart), so that
    :func:`without_overlap` sees one text however it was segmented. (Training on NewsFANE joined this way
    measured the same as on NewsFANE as it is: 0.695 on the slice, kg/models/README.md.)"""
    out: list[str] = []
    pending: list[str] = []  # prefixes waiting for their word
    for word in words:
        if word in PREFIX_CLITICS:
            pending.append(word)
            continue
        if word in SUFFIX_CLITICS and out and not pending:
            base = out[-1]
            out[-1] = (base[:-1] + "ت" if base.endswith("ة") else base) + word
            continue
        for prefix in reversed(pending):
            word = "لل" + word[2:] if prefix == "ل" and word.startswith("ال") else prefix + word
        pending = []
        out.append(word)
    return out + pending  # a prefix at the sentence's end stays a token


def _coarse(tag: str) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    bio, kind = tag.split("-", 1)
    if kind.upper() in COARSE:
        kind = ALIASES.get(kind.upper(), kind.upper())
    else:
        kind = FINE_TYPES.get(kind, "MISC")
    return f"{bio.upper()}-{kind}"


def _repair_bio(sents: list[Sentence]) -> list[Sentence]:
    """IO corpora (wikigold) and stray I- tags become proper BIO."""
    out = []
    for words, labels in sents:
        fixed = []
        for i, lab in enumerate(labels):
            if lab.startswith("I-") and (i == 0 or labels[i - 1][2:] != lab[2:]):
                lab = "B-" + lab[2:]
            fixed.append(lab)
        out.append((words, fixed))
    return out


@dataclass
class TrainingOptions:
    c1: float = 0.05  # L1: keeps the model small (most features get no weight)
    c2: float = 0.01
    max_iterations: int = 150
    min_feature_count: int = 1


@dataclass
class Scores:
    """Entity-level exact-match precision / recall / F1 (conlleval style), overall and per type."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # type → [tp, pred, gold]

    def add(self, gold: list[str], pred: list[str]) -> None:
        g = {c for c in chunks(gold) if c[2] in TYPES}
        p = {c for c in chunks(pred) if c[2] in TYPES}
        for kind in TYPES:
            row = self.counts.setdefault(kind, [0, 0, 0])
            row[0] += len({c for c in p & g if c[2] == kind})
            row[1] += len({c for c in p if c[2] == kind})
            row[2] += len({c for c in g if c[2] == kind})

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def overall(self) -> tuple[float, float, float]:
        tp, pred, gold = (sum(row[k] for row in self.counts.values()) for k in range(3))
        return self.prf(tp, pred, gold)

    def per_type(self) -> dict[str, tuple[float, float, float]]:
        return {kind: self.prf(*row) for kind, row in sorted(self.counts.items())}


def train(sentences: Iterable[Sentence], out: Path, lexicon: LexiconFlags, *, language: str,
          sources: list[str], options: TrainingOptions | None = None) -> dict:
    """Train a CRF on ``sentences`` and write the model file to ``out``; returns the model's header."""
    import pycrfsuite

    options = options or TrainingOptions()
    features = FeatureCache(lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    n_sent = n_tok = 0
    for words, labels in sentences:
        trainer.append(features.sequence(words), labels)
        n_sent += 1
        n_tok += len(words)
    if not n_sent:
        raise CorpusError("no training sentences")
    trainer.set_params({"c1": options.c1, "c2": options.c2, "max_iterations": options.max_iterations,
                        "feature.minfreq": options.min_feature_count, "feature.possible_transitions": True})
    fd, tmp = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(tmp)
        crf = Path(tmp).read_bytes()
    finally:
        os.unlink(tmp)
    header = {"language": language, "sources": sources, "sentences": n_sent, "tokens": n_tok,
              "c1": options.c1, "c2": options.c2, "max_iterations": options.max_iterations}
    write_model(out, crf, header)
    return header


def evaluate(tagger: Tagger, sentences: Iterable[Sentence]) -> Scores:
    scores = Scores()
    for words, gold in sentences:
        scores.add(gold, tagger.labels(words))
    return scores


OVERLAP_N = 6  # words: a training sentence sharing this many consecutive words with an excluded file is dropped


OVERLAP_LETTERS = 40  # letters: … or this many letters in a row, spaces and punctuation aside
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _ngrams(words: list[str], n: int = OVERLAP_N) -> set[str]:
    return {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))}


def _overlap_keys(words: list[str]) -> set[str]:
    """What a sentence is compared on: runs of :data:`OVERLAP_N` words and of :data:`OVERLAP_LETTERS`
    letters, under kg's normalisation and with clitics joined, so that one text written or segmented
    another way (أ/ا, ة/ه; و بوش / وبوش, ان ه / انه) is still the same text."""
    normal = [normalize(w) for w in join_clitics(words)]
    letters = _NOT_LETTERS.sub("", "".join(normal))
    n = OVERLAP_LETTERS
    return _ngrams(normal) | {"#" + letters[i : i + n] for i in range(len(letters) - n + 1)}


def without_overlap(sentences: list[Sentence], excluded: list[Sentence]) -> tuple[list[Sentence], int]:
    """Sentences that share no run of :data:`OVERLAP_N` words or :data:`OVERLAP_LETTERS` letters with the
    excluded ones (:func:`_overlap_keys`), and how many were dropped.

    NewsFANE re-annotates much of ANERcorp's text, segmented and spelt its own way: training on it unfiltered
    trains on ANERcorp's test split (a comparison of words as written missed 190 such sentences)."""
    banned: set[str] = set()
    for words, _ in excluded:
        banned |= _overlap_keys(words)
    kept = [s for s in sentences if not (_overlap_keys(s[0]) & banned)]
    return kept, len(sentences) - len(kept)


@dataclass
class TrainReport:
    header: dict
    dropped: dict[str, int]  # training file → sentences dropped for overlapping an excluded file
    dev: Scores | None


def train_files(train_paths: list[Path], out: Path, *, language: str, dev_path: Path | None = None,
                exclude: list[Path] = (), options: TrainingOptions | None = None) -> TrainReport:
    """``kg train ner``: read the corpora, drop what overlaps the excluded (and dev) files, train, score dev."""

    dev = read_conll(dev_path) if dev_path else None
    excluded = [s for p in exclude for s in read_conll(p)] + (dev or [])
    sentences: list[Sentence] = []
    dropped: dict[str, int] = {}
    for p in train_paths:
        kept, n = without_overlap(read_conll(p), excluded) if excluded else (read_conll(p), 0)
        sentences += kept
        dropped[str(p)] = n
    header = train(sentences, out, build_lexicon_flags(), language=language,
                   sources=[Path(p).name for p in train_paths], options=options)
    scores = evaluate(Tagger(out, build_lexicon_flags()), dev) if dev else None
    return TrainReport(header, dropped, scores)


def evaluate_file(model: Path, path: Path) -> Scores:
    """``kg train ner --evaluate MODEL FILE``: the model's entity F1 on a CoNLL file."""

    return evaluate(Tagger(model, build_lexicon_flags()), read_conll(path))


def format_scores(scores: Scores) -> str:
    p, r, f = scores.overall()
    lines = [f"overall  P {p:.3f}  R {r:.3f}  F1 {f:.3f}"]
    for kind, (p, r, f) in scores.per_type().items():
        lines.append(f"{kind:8} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    return "\n".join(lines)
