"""How a word's letters look: a name of another language as Arabic writes it, or an Arabic word.

Why: most persons in the news that the tagger misses are names it never saw (فالنتينو، بيرتسكي، ماركوفيتش), and
their one sure mark is their letters: long vowels where Arabic has none (ـيو، ـاو), clusters of consonants
(ـتس، ـنغ), endings Arabic words seldom have (ـيني، ـوف، ـيتش). The tagger learns letter patterns only from
its training words; this scorer learns them from two far larger lists kg already depends on: GeoNames' Arabic
names of cities outside the Arabic-speaking countries (about 10,000 words written from other languages) and
wordfreq's list of Arabic words (about 50,000, nearly all Arabic). A word's score is the mean log-odds of its
letter pairs, triples and quadruples (with its start and end marked) under the two lists, as naive Bayes
estimates them: above zero it looks written from another language, below zero it looks Arabic.

Measured on words of ANERcorp's train slice that wordfreq does not list (2,805: rare words), the score
ranks a name's word above another word with probability 0.88 (persons 0.90, organisations 0.86, places
0.83): what the frequency features cannot tell apart (all those words are rare), the letters mostly can.
"""

from __future__ import annotations

import math
import re
from collections import Counter

ORDERS = (2, 3, 4)  # letter n-grams scored
SMOOTHING = 0.5  # added to every n-gram count (a pair never seen in either list says nothing)
MIN_LETTERS = 3  # shorter words score 0: two letters say little
# the Arabic alphabet's letters, without the letters of Persian and Urdu (پ، چ، گ، ی، ہ …), which
# GeoNames' Arabic-script names of Iran, Pakistan or India use and Arabic news does not
_ARABIC_LETTERS = re.compile("^[\u0621-\u063a\u0641-\u064a]+$")


def _grams(word: str) -> list[str]:
    marked = f"^{word}$"
    return [marked[i : i + n] for n in ORDERS for i in range(len(marked) - n + 1)]


def is_scored(word: str) -> bool:
    """A normalised word of Arabic letters only, long enough to score."""
    return len(word) >= MIN_LETTERS and bool(_ARABIC_LETTERS.match(word))


def train_letter_odds(foreign: set[str], arabic: set[str]) -> dict[str, float]:
    """Each n-gram's log-odds of coming from a ``foreign`` word rather than an ``arabic`` one (naive
    Bayes with add-:data:`SMOOTHING`); an n-gram in neither list is absent (odds 0)."""
    fc: Counter[str] = Counter()
    ac: Counter[str] = Counter()
    for w in foreign:
        fc.update(_grams(w))
    for w in arabic:
        ac.update(_grams(w))
    vocabulary = len(fc.keys() | ac.keys())
    f_total = sum(fc.values()) + SMOOTHING * vocabulary
    a_total = sum(ac.values()) + SMOOTHING * vocabulary
    return {g: round(math.log((fc[g] + SMOOTHING) / f_total) - math.log((ac[g] + SMOOTHING) / a_total), 3)
            for g in sorted(fc.keys() | ac.keys())}


def letter_score(word: str, odds: dict[str, float]) -> float:
    """The mean log-odds of the word's letter n-grams: > 0 written from another language, < 0 Arabic."""
    if not is_scored(word):
        return 0.0
    grams = _grams(word)
    return sum(odds.get(g, 0.0) for g in grams) / len(grams)


def build_letter_odds(arabic_words: dict[str, float]) -> dict[str, float]:
    """The odds from GeoNames' Arabic names of cities in countries where Arabic is not an official language
    (CLDR's list of each territory's languages, from babel), against ``arabic_words`` (normalised, e.g.
    :func:`kg.extract.frequency.frequent_words`); a word in both lists counts as Arabic."""
    from babel.languages import get_official_languages

    from kg.extract.gazetteer import geonames_cities
    from kg.extract.normalize import normalize

    cities = geonames_cities()
    arabic_speaking: dict[str, bool] = {}
    foreign: set[str] = set()
    for city in cities:
        code = city["countrycode"]
        if code not in arabic_speaking:
            arabic_speaking[code] = "ar" in get_official_languages(code, de_facto=True)
        if arabic_speaking[code]:
            continue
        names = [n for n in city.get("alternatenames", ()) if any("\u0600" <= ch <= "\u06ff" for ch in n)]
        for name in names:
            foreign.update(w for w in normalize(name).split() if is_scored(w))
    arabic = {w for w in arabic_words if is_scored(w)}
    return train_letter_odds(foreign - arabic, arabic)
