"""How common an Arabic word is in general text, from wordfreq's word lists (Wikipedia, subtitles, news, web).

Why: GeoNames gives thousands of cities an Arabic name that is also an everyday word — a town called
"the valley", "the news", "the siege", "happy" or "state" (الوادي، الخبر، الحصار، سعيدة، دولة). Read as places,
they put a city in every sentence that uses the word. Arabic shows which one a word is: a common noun or
adjective is as common with the article ال as without it (حصار / الحصار), while a place's name comes in one form
(بغداد, never البغداد; العراق, rarely عراق). So a one-word name that is common in both forms — as written, and with the article
added or taken off (:data:`COMMON_ZIPF`) — is read as a word, not as a GeoNames city.

The frequencies are Zipf values (log10 of occurrences per billion words) under kg's normalisation, each
normalised form summing its spellings. Built with the gazetteer, once per installation (:mod:`kg.compiled`);
the wordfreq version is part of the compiled file's name.
"""

from __future__ import annotations

import math
from functools import lru_cache

from kg.extract.normalize import normalize

COMMON_ZIPF = 4.0  # about once in 100,000 words: every common noun and adjective of news is above it
FREQUENT_ZIPF = 3.0  # rarer words count as unlisted (below COMMON_ZIPF): about 54,000 words are kept
ARTICLE = "ال"


@lru_cache(maxsize=1)
def frequent_words() -> dict[str, float]:
    """Normalised Arabic word → Zipf frequency, for the words of at least :data:`FREQUENT_ZIPF`: what the
    gazetteer's common-word test and the tagger's features read. Built from wordfreq once per installation
    (:mod:`kg.compiled`) and shared by both, so a first run reads wordfreq's list once, not twice."""
    from kg.compiled import compiled

    return compiled("arabic-frequent-words", _frequent_words)


def _frequent_words() -> dict[str, float]:
    return {w: round(z, 3) for w, z in arabic_zipf().items() if z >= FREQUENT_ZIPF}


def arabic_zipf() -> dict[str, float]:
    """Normalised Arabic word → Zipf frequency (wordfreq's large Arabic list, about 600,000 words: 1.4 s and
    some 60 MB, so it is made once, cut down to :func:`frequent_words` and let go)."""
    import wordfreq

    shares = wordfreq.get_frequency_dict("ar", "large")
    keys = normalize("\n".join(shares)).split("\n")  # one pass over the text of all the words, not 600,000 calls
    totals: dict[str, float] = {}
    for key, share in zip(keys, shares.values()):
        totals[key] = totals.get(key, 0.0) + share
    wordfreq.get_frequency_dict.cache_clear()  # wordfreq keeps every list it read; kg needs this one once
    wordfreq.get_frequency_list.cache_clear()
    return {key: math.log10(share * 1e9) for key, share in totals.items()}


def zipf(word: str, table: dict[str, float]) -> float:
    """The Zipf frequency of a normalised word in ``table`` (:func:`frequent_words`); 0.0 for a word not listed."""
    return table.get(word, 0.0)


def other_form(word: str) -> str:
    """The word with the article ال taken off, or put on: الحصار → حصار, سعيده → السعيده."""
    if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1:
        return word[len(ARTICLE):]
    return ARTICLE + word


def is_common_word(name: str, table: dict[str, float], at_least: float = COMMON_ZIPF) -> bool:
    """Whether a one-word Arabic name is also a common word: it is common both with and without the article.

    Both, since a name GeoNames writes without its article is common in the other form because of the
    place itself (خرطوم, as the city is written الخرطوم). ``name`` is normalised
    (:func:`kg.extract.normalize.normalize`); a name of more than one word is never one (مدينة الصدر is a
    name as a whole). ``at_least``: the Zipf frequency both forms need."""
    if " " in name:
        return False
    return min(zipf(name, table), zipf(other_form(name), table)) >= at_least
