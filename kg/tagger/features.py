"""Features of a word for the entity tagger, computed once per word type and cached.

A token's features are its own word-type features plus its neighbours' (±2) context features, each
list built once per word type and per window offset, so tagging a text costs a dictionary look-up and
a list concatenation per token before the CRF decodes. The features come from kg's own normalisation
(:func:`kg.extract.normalize.normalize`), its proclitic splitting, affixes and word shape, and from
membership in kg's lexicons: gazetteer names by category and position, given names, titles,
organisation heads, place triggers, cue words, function words, unnamed sources, and (Arabic) the words of
persons' names the press has written (``pname``) and the names of sports clubs (``club1``, ``club``), from
openly licensed name lists (``scripts/build_name_lists.py``); and, for an Arabic word, how
common it is in general Arabic text and how much more or less common with the article ال (wordfreq's lists):
an everyday noun is common both ways (حصار / الحصار), a foreign name never takes the article (بوش, not
البوش); and how much its letters look written from another language (:mod:`kg.tagger.letters`) — what a
word the training data never showed can still say about itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kg.extract.frequency import ARTICLE, frequent_words, other_form
from kg.extract.normalize import normalize
from kg.extract.tokens import ARABIC_RE, proclitic_splits
from kg.tagger.letters import build_letter_odds, letter_score

WINDOW = 2
NAME_WORD_EVERYDAY_ZIPF = 4.0  # a word of a name this common in general Arabic is flagged as an everyday word too
FEATURE_VERSION = 5  # stored in a model: a model built with other features is refused, not misread


@dataclass(frozen=True)
class LexiconFlags:
    """Word → sorted lexicon flags (``gaz0:person`` = first word of a person's name in the gazetteer), and
    normalised Arabic word → its Zipf frequency (:func:`kg.extract.frequency.frequent_words`)."""

    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    zipf: dict[str, float] = field(default_factory=dict)
    letter_odds: dict[str, float] = field(default_factory=dict)  # :mod:`kg.tagger.letters`

    def of(self, word: str) -> tuple[str, ...]:
        return self.flags.get(word, ())


@lru_cache(maxsize=1)
def build_lexicon_flags() -> LexiconFlags:
    """The flags from kg's shipped lexicons and gazetteer, compiled once into the user cache (:mod:`kg.compiled`)."""
    from kg.compiled import compiled

    return compiled("lexicon-flags", _lexicon_flags)


def _lexicon_flags() -> LexiconFlags:
    from kg.extract.gazetteer import load_gazetteer
    from kg.extract.lexicon import (
        club_names_ar, cues, function_words, given_names, name_words_ar, org_heads, place_triggers, titles,
        unnamed_sources,
    )

    sets: dict[str, set[str]] = {}

    def add(word: str, flag: str) -> None:
        sets.setdefault(word, set()).add(flag)

    for key, entries in load_gazetteer().index.items():
        entries = [e for e in entries if e.tagger_lexicon]  # (not the rules' own lists: RULES_ONLY_LISTS)
        if not entries:
            continue
        cats = {e.category for e in entries if not e.demonym} or {"demonym"}
        for cat in cats:
            for n, w in enumerate(key):
                pos = "1" if len(key) == 1 else ("0" if n == 0 else ("L" if n == len(key) - 1 else "M"))
                add(_lexical(w), f"gaz{pos}:{cat}")
    for w in given_names():
        add(_lexical(w), "given")
    for t in titles():
        add(_lexical(t[0]), "title")
    for h in org_heads():
        add(_lexical(h), "orghead")
    for p in place_triggers():
        add(_lexical(p), "placetrigger")
    for form in cues():
        add(_lexical(form), "cue")
    for w in function_words():
        add(_lexical(w), "fw")
    for u in unnamed_sources():
        add(_lexical(u[0]), "unnamed")
    words = frequent_words()
    for w in name_words_ar():  # a name's word that is no everyday word, and one that is (فلاح "farmer")
        key = _lexical(w)
        add(key, "pname" if words.get(key, 0.0) < NAME_WORD_EVERYDAY_ZIPF else "pname-everyday")
    for club in club_names_ar():  # a club named by one word (الريان), a word of a longer name (… يونايتد)
        for w in club:
            add(_lexical(w), "club1" if len(club) == 1 else "club")
    return LexiconFlags({w: tuple(sorted(f)) for w, f in sets.items()}, words, build_letter_odds(words))


def _lexical(word: str) -> str:
    """The key lexicons are compared under: normalised, Latin case folded."""
    return normalize(word, casefold=True)


def shape(word: str) -> str:
    if word[:1].isdigit():
        return "digit"
    if ARABIC_RE.match(word):
        return "ar"
    if not word[:1].isalpha():
        return "punct"
    if word.isupper() and len(word) > 1:
        return "UPPER"
    return "Cap" if word[:1].isupper() else "low"


CONTEXT_OFFSETS = (-2, -1, 1, 2)  # the window positions a word's context features are made for


class FeatureCache:
    """Per word type: the features of the word itself (offset 0) and its context features at ±1, ±2."""

    def __init__(self, lexicon: LexiconFlags):
        self.lexicon = lexicon
        self._own: dict[str, list[str]] = {}
        self._context: dict[tuple[str, int], list[str]] = {}

    def own(self, word: str) -> list[str]:
        got = self._own.get(word)
        if got is None:
            self._remember(word)
            got = self._own[word]
        return got

    def context(self, word: str, offset: int) -> list[str]:
        got = self._context.get((word, offset))
        if got is None:
            self._remember(word)
            got = self._context[(word, offset)]
        return got

    def _remember(self, word: str) -> None:
        own, *contexts = self.word_lists(word)
        self._own[word] = own
        for offset, feats in zip(CONTEXT_OFFSETS, contexts):
            self._context[(word, offset)] = feats

    def sequence(self, words: list[str]) -> list[list[str]]:
        """The feature lists of a sentence's words: per word, its own list and its neighbours' context
        lists (looked up once per word and offset), joined."""
        n = len(words)
        ctx = self.context
        b2, b1, a1, a2 = ["-2:BOUND"], ["-1:BOUND"], ["1:BOUND"], ["2:BOUND"]
        out = []
        for i, w in enumerate(words):
            out.append(
                self.own(w)
                + (ctx(words[i - 2], -2) if i >= 2 else b2 if i == 1 else [])
                + (ctx(words[i - 1], -1) if i >= 1 else b1)
                + (ctx(words[i + 1], 1) if i + 1 < n else a1)
                + (ctx(words[i + 2], 2) if i + 2 < n else a2 if i + 2 == n else [])
            )
        return out

    def _frequency_features(self, stem: str, cuts: list[str]) -> list[str]:
        """``zf``: the Zipf frequency band of the word (its article-bearing stem, else its likeliest reading
        without proclitics); ``alr``: how many bands more common it is with the article than without
        (−4 … 4; a word that has it: with it against without it)."""
        zipf = self.lexicon.zipf
        base = stem
        if base not in zipf:
            base = max((rest for rest in cuts if rest in zipf), key=zipf.__getitem__, default=stem)
        other = other_form(base)
        z, z_other = zipf.get(base, 0.0), zipf.get(other, 0.0)
        lean = z - z_other if other == base[len(ARTICLE):] else z_other - z
        return [f"zf={int(z)}", f"alr={max(-4, min(4, round(lean)))}"]

    def _letter_feature(self, stem: str, cuts: list[str]) -> str:
        """``tl``: how much the word's letters look written from another language (:mod:`kg.tagger.letters`;
        −4 … 4, half units of log-odds), read on its likeliest stem: without the article (الحكومة as حكومة)
        and, of its readings without proclitics (وبيرتس as بيرتس), the one that looks most foreign."""
        odds = self.lexicon.letter_odds
        readings = [r.removeprefix(ARTICLE) if len(r) > len(ARTICLE) + 2 else r for r in [stem, *cuts]]
        score = max(letter_score(r, odds) for r in readings)
        return f"tl={max(-4, min(4, round(2 * score)))}"

    def word_lists(self, word: str) -> tuple[list[str], ...]:
        """The word's own features and its context features at each of :data:`CONTEXT_OFFSETS`, computed
        together (normalising, cutting and looking the word up once), not kept: for a caller that keeps
        what it derives from them (the decoder keeps each list's summed weights, not the strings)."""
        low = _lexical(word)
        stem, clitic = _stem(low)
        sh = shape(word)
        plain = self.lexicon.of(low)
        cuts = _cuts(low)
        cut_flags = [self.lexicon.of(rest) for rest in cuts]
        own = ["bias", f"w={low}", f"sh={sh}", f"len={min(len(stem), 8)}"]
        if stem != low:
            own += [f"s={stem}", f"c={clitic}"]
        for k in (2, 3):
            if len(stem) > k:
                own += [f"suf{k}={stem[-k:]}", f"pre{k}={stem[:k]}"]
        own_flags = set(plain)
        for flags in cut_flags:
            own_flags |= {"s:" + f for f in flags}
        if stem.startswith("ال"):
            own_flags |= {"a:" + f for f in self.lexicon.of(stem[2:])}
        own += [f"lex={f}" for f in sorted(own_flags)]
        if sh == "ar":
            own += self._frequency_features(stem, cuts)
            own.append(self._letter_feature(stem, cuts))
        context_flags = sorted(set(plain).union(*cut_flags))
        lists = [own]
        for offset in CONTEXT_OFFSETS:
            # fewer for the outer window: every feature string costs the CRF a look-up per token
            feats = [f"{offset}:w={low}"]
            if abs(offset) == 1:
                if sh != "ar":
                    feats.append(f"{offset}:sh={sh}")
                if stem != low:
                    feats += [f"{offset}:s={stem}", f"{offset}:c={clitic}"]
                if len(stem) > 2:
                    feats.append(f"{offset}:suf2={stem[-2:]}")
            feats += [f"{offset}:lex={f}" for f in context_flags]
            lists.append(feats)
        return tuple(lists)


def _stem(word: str) -> tuple[str, str]:
    """The word without its proclitics when they end in the article (والرئيس → الرئيس، للجيش → الجيش),
    else the word itself (بيروت is not ب + يروت); and the cut letters."""
    if not ARABIC_RE.match(word):
        return word, ""
    for cut, rest in reversed(proclitic_splits(word)):
        if cut and rest.startswith("ال") and len(rest) > 3:
            return rest, word[:cut]
    return word, ""


def _cuts(word: str) -> list[str]:
    """Every other reading of the word without proclitics (وبيروت → بيروت), for lexicon look-ups."""
    if not ARABIC_RE.match(word):
        return []
    return [rest for cut, rest in proclitic_splits(word) if cut]
