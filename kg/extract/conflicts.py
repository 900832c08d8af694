"""Conflicting claims: different claimants, the same measure, different values — or one asserting what the
other negates.

"The observatory says the force holds 95 % of the city; the force says 80 %."
Two claims conflict when their claimants differ, each states a quantity with the
same unit, the values differ by more than rounding, and they measure the same
thing: the words around the two figures share a stem (تسيطر / السيطرة,
"poverty"), and they are about a common entity or share at least two stems.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

from kg.extract.entity_base import names_a_kind
from kg.extract.lexicon import Measure, article_free, comparatives, function_words, measures
from kg.extract.normalize import normalize
from kg.extract.tokens import proclitic_splits
from kg.records import Claim, Conflict, Entity, Quantity

TOLERANCE = 0.02  # values within 2 % of each other are the same figure rounded differently
WINDOW_BEFORE, WINDOW_AFTER = 5, 3
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=65536)  # a pure function of the word, asked for the same words again and again
def stem(word: str) -> str:
    """A crude stem that lets السيطرة meet تسيطر and "controls" meet "control": enough to compare measures."""
    w = normalize(word, casefold=True)
    if w.isascii():
        for suf in ("ing", "ed", "es", "s"):
            if w.endswith(suf) and len(w) - len(suf) >= 4:
                return w[: -len(suf)]
        return w
    for pre in ("وال", "بال", "فال", "لل", "ال", "و", "ف"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            w = w[len(pre):]
            break
    for suf in ("يات", "ات", "ون", "ين", "ه", "ت"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) >= 4 and w[0] in "تين":
        w = w[1:]
    if len(w) == 5 and w[0] == "ا" and w[3] == "ا":
        w = w[:3] + w[4]  # the verbal noun إفعال meets its verb أفعل: إطلاق / أطلق
    return w


WEAK = str.maketrans("", "", "اويءىآأإؤئ")


def skeleton(st: str) -> str:
    """The consonants of an Arabic stem when three or more remain, so a broken plural or another pattern of
    the same root meets it (أحكام / حكم، الإعدام / إعدام); the stem itself otherwise, and for Latin words."""
    if st.isascii():
        return st
    bare = st.translate(WEAK)
    return bare if len(bare) >= 3 else st


def speaker(claim: Claim) -> str | None:
    """Who makes the claim, for telling claimants apart: the entity, or the unnamed source's noun
    ("officials", «مصادر»), or None when nobody is named at all."""
    if claim.claimant is not None:
        return claim.claimant
    if claim.unnamed_source is not None:
        return "unnamed:" + article_free(claim.unnamed_source.text)
    return None


def different_speakers(a: Claim, b: Claim) -> bool:
    sa, sb = speaker(a), speaker(b)
    return sa is not None and sb is not None and sa != sb


def who(claim: Claim, entities: dict[str, Entity]) -> str:
    if claim.claimant is not None:
        return entities[claim.claimant].label if claim.claimant in entities else claim.claimant
    return claim.unnamed_source.text if claim.unnamed_source is not None else "?"


def measure_stems(claim: Claim, q: Quantity) -> set[str]:
    text = claim.content.text
    rel_s, rel_e = q.start - claim.content.start, q.end - claim.content.start
    before = _WORD.findall(text[:rel_s])[-WINDOW_BEFORE:]
    after = _WORD.findall(text[rel_e:])[:WINDOW_AFTER]
    fw = function_words()
    return {stem(w) for w in before + after if normalize(w) not in fw and w.lower() not in fw and len(w) > 2}


COUNTED_UNITS = {"person", "count", "household", "case"}
# the period a rate is over, when the words around its figure say it (على أساس شهري، monthly)
PERIODS = {"شهري": "month", "شهريا": "month", "سنوي": "year", "سنويا": "year", "ربعي": "quarter", "اسبوعي": "week",
           "يومي": "day", "monthly": "month", "annual": "year", "annually": "year", "quarterly": "quarter",
           "weekly": "week", "daily": "day"}


def _period(claim: Claim, q: Quantity) -> str:
    """The period of a figure's rate; a rate reported without one is an annual rate, as newswire reports them."""
    text = claim.content.text
    rel_s, rel_e = q.start - claim.content.start, q.end - claim.content.start
    around = _WORD.findall(text[:rel_s])[-WINDOW_BEFORE:] + _WORD.findall(text[rel_e:])[:WINDOW_AFTER]
    return next((PERIODS[w] for w in map(article_free, around) if w in PERIODS), "year")


def _counted(claim: Claim, q: Quantity) -> str | None:
    """The stem of the noun a bare count counts: the first word after it (خمسة أحياء, three options)."""
    after = _WORD.findall(claim.content.text[q.end - claim.content.start :])
    return stem(after[0]) if after else None


MAX_CANDIDATES = 50  # earlier claims compared with each claim, most recent first
MAX_PER_CLAIM = 10  # conflicts reported for one claim (with the most recent earlier claims)


def find_conflicts(claims: list[Claim], entities: dict[str, Entity]) -> list[Conflict]:
    """Conflicting pairs, in (first, second) order.

    Linear in the number of claims: two claims can only conflict when a quantity of each has the
    same unit and a measure stem in common, so each claim is compared only with the earlier claims
    indexed under one of its (unit, stem) keys — at most :data:`MAX_CANDIDATES` of them, the most
    recent first — and reports at most :data:`MAX_PER_CLAIM` conflicts per claim. An article of
    ordinary length has fewer candidates than that, so every pair that could conflict is compared,
    exactly as a comparison of all pairs would.
    """
    stems: list[list[set[str]]] = [[measure_stems(c, q) for q in c.quantities] for c in claims]
    lexicon = measures_by_name()
    keys = [set() if speaker(c) is None else {(q.unit, st) for q, qs in zip(c.quantities, stems[j]) for st in qs}
            | {(q.unit, "measure:" + m) for m in _measures_of(c) for q in c.quantities if q.unit in lexicon[m].units}
            for j, c in enumerate(claims)]
    return _indexed_pairs(keys, lambda i, j: _conflict(claims, stems, i, j, entities))


def _indexed_pairs(keys: list[set], pair: Callable[[int, int], Conflict | None]) -> list[Conflict]:
    """Each claim against the earlier claims that share one of its keys — at most :data:`MAX_CANDIDATES`,
    the most recent first — keeping at most :data:`MAX_PER_CLAIM` conflicts per claim; in (first, second) order."""
    index: dict = {}
    out: list[Conflict] = []
    for j, claim_keys in enumerate(keys):
        candidates: set[int] = set()
        for key in claim_keys:
            candidates.update(index.get(key, ())[-MAX_CANDIDATES:])
        found = 0
        for i in sorted(candidates, reverse=True)[:MAX_CANDIDATES]:
            conflict = pair(i, j)
            if conflict is not None:
                out.append(conflict)
                found += 1
                if found == MAX_PER_CLAIM:
                    break
        for key in claim_keys:
            index.setdefault(key, []).append(j)
    out.sort(key=lambda c: (c.first, c.second))
    return out


def _conflict(claims: list[Claim], stems: list[list[set[str]]], i: int, j: int, entities: dict[str, Entity]) -> Conflict | None:
    a, b = claims[i], claims[j]
    if not different_speakers(a, b):
        return None
    shared_about = [k for k in a.about if k in b.about]
    lexicon = measures_by_name()
    shared_measures = _measures_of(a) & _measures_of(b)
    for qa, sa in zip(a.quantities, stems[i]):
        for qb, sb in zip(b.quantities, stems[j]):
            if qa.unit != qb.unit or abs(qa.value - qb.value) <= TOLERANCE * max(abs(qa.value), abs(qb.value)):
                continue
            common = sa & sb
            # the same measure: words around both figures in common, or a measure both name (التضخم) in its unit
            measured = any(qa.unit in lexicon[m].units for m in shared_measures) and (
                qa.unit not in COUNTED_UNITS or _counted(a, qa) == _counted(b, qb))  # 10 people ≠ two children
            if not measured and (not common or (not shared_about and len(common) < 2)):
                continue
            if _period(a, qa) != _period(b, qb):
                continue  # a monthly rate against an annual one is another measure
            if qa.unit == "count" and _counted(a, qa) != _counted(b, qb):
                continue  # five districts against three options: a bare count is of the noun after it
            who_a, who_b = who(a, entities), who(b, entities)
            about = ", ".join(entities[k].label for k in shared_about if k in entities)
            reason = f"{who_a}: {qa.text}; {who_b}: {qb.text} ({qa.unit})" + (f" about {about}" if about else "")
            return Conflict(i, j, reason)
    return None


NEGATIONS = {"لم", "لن", "لا", "ليس", "ليست", "غير", "عدم", "ولم", "ولا", "not", "no", "never", "n't", "didn't", "wasn't",
             "weren't", "isn't", "aren't", "hasn't", "haven't", "without"}
MIN_SHARED_STEMS = 3  # content words and entities in common (each entity counts once, whatever its length)


CONTRASTS = {"لكن", "ولكن", "لكنه", "لكنها", "لكنهم", "but", "however", "although", "though"}


def _negated(claim: Claim) -> bool | None:
    """True when the claim negates, False when it asserts, None when it does both: a negation only after a
    contrast («… أصابت شخصاً؛ لكن القافلة لم تتعرض لأضرار», "… but no one was hurt") answers part of it."""
    if claim.certainty == "denied":
        return True
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:'t)?|n't", claim.content.text)]
    cut = next((n for n, w in enumerate(words) if w in CONTRASTS), len(words))
    before, after = any(w in NEGATIONS for w in words[:cut]), any(w in NEGATIONS for w in words[cut:])
    if after and not before and cut > 0:
        return None
    return before or after


def content_stems(claim: Claim, named: list[tuple[int, int]] = (), names: set[str] | None = None) -> set[str]:
    """Stems of the content words that say what happened: not function words, negations, or words of a
    name (sharing "Ras Lanuf" is sharing a place, not a statement) — those go to ``names`` when given."""
    fw = function_words()
    base = claim.content.start
    out = set()
    for m in _WORD.finditer(claim.content.text):
        w, at = m.group(), base + m.start()
        if len(w) <= 2 or normalize(w) in fw or w.lower() in fw or w.lower() in NEGATIONS:
            continue
        i = bisect_right(named, (at, float("inf"))) - 1
        if (i >= 0 and named[i][0] <= at < named[i][1]) or _names_the_kind(w, at + len(w), named, i + 1, claim):
            if names is not None:
                names.add(stem(w))
            continue
        out.add(stem(w))
    return out


def _names_the_kind(word: str, end: int, named: list[tuple[int, int]], nxt: int, claim: Claim) -> bool:
    """The word says what kind of place or organisation the name right after it is (مدينة حمص، شركة
    مايكروسوفت: :data:`kg.extract.entity_base.DESCRIPTOR_HEADS`, left outside the mention): part of the name."""
    if nxt >= len(named) or claim.content.text[end - claim.content.start : named[nxt][0] - claim.content.start].strip():
        return False
    return names_a_kind(proclitic_splits(normalize(word)))


def find_polarity_conflicts(claims: list[Claim], entities: dict[str, Entity]) -> list[Conflict]:
    """One claimant asserts what another negates (أطلقت دبابة النار على … / لم يتم إطلاق النار …): different
    claimants, opposite polarity (a negation in the content, or a denial cue), and at least
    :data:`MIN_SHARED_STEMS` content stems in common. Linear: each claim meets at most
    :data:`MAX_CANDIDATES` earlier claims that share a stem with it."""
    polarity = [_negated(c) for c in claims]
    named = sorted((m.start, m.end) for e in entities.values() for m in e.mentions)
    names: list[set[str]] = [set() for _ in claims]
    stems = [{skeleton(st) for st in content_stems(c, named, names[n])} for n, c in enumerate(claims)]
    names = [{skeleton(st) for st in ns} for ns in names]

    def pair(i: int, j: int) -> Conflict | None:
        a, b = claims[i], claims[j]
        if polarity[i] is None or polarity[j] is None or polarity[i] == polarity[j] or not different_speakers(a, b):
            return None
        common = stems[i] & stems[j]
        # a name shared, whether or not the other claim's words were recognised as one (للمنظمة الدولية / قوات المنظمة الدولية)
        # entities both mention (a name of several words is one thing), or a name one of them has as a
        # plain word (للمنظمة الدولية / قوات المنظمة الدولية); and at least one content word: the same statement
        shared_entities = len(set(a.about) & set(b.about))
        shared_name = bool(names[i] & (names[j] | stems[j]) or names[j] & stems[i])
        if not common or len(common) + max(shared_entities, int(shared_name)) < MIN_SHARED_STEMS:
            return None
        who_a, who_b = who(a, entities), who(b, entities)
        yes, no = (who_b, who_a) if polarity[i] else (who_a, who_b)
        return Conflict(i, j, f"{yes} asserts what {no} negates ({', '.join(sorted(common)[:4])})")

    return _indexed_pairs(stems, pair)


def _comparison(claim: Claim) -> tuple[str, set[str]] | None:
    """("higher" | "lower", the measures named) when the claim compares a measure without a figure:
    "the death toll would be much higher", «الحصيلة أعلى بكثير». One pass over the words: a comparison
    is looked up only where its first word stands."""
    named = _measures_of(claim)
    if not named:
        return None
    found = _comparison_in(claim.content.text)
    return (found, set(named)) if found else None


@lru_cache(maxsize=4096)
def _comparison_in(text: str) -> str | None:
    firsts = _comparison_firsts()
    found = [w for w in _WORD.findall(text)]
    for variants in ([normalize(w, casefold=True) for w in found], [article_free(w) for w in found]):
        for x, w in enumerate(variants):
            for phrase, direction in firsts.get(w, ()):
                if tuple(variants[x : x + len(phrase)]) == phrase:
                    return direction
    return None


@lru_cache(maxsize=1)
def _comparison_firsts() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, direction in comparatives().items():
        out.setdefault(phrase[0], []).append((phrase, direction))
    return out


@lru_cache(maxsize=1)
def measures_by_name() -> dict[str, Measure]:
    return {m.name: m for m in measures().values()}


def _measures_of(claim: Claim) -> frozenset[str]:
    return _measures_in(claim.content.text)


@lru_cache(maxsize=4096)
def _measures_in(text: str) -> frozenset[str]:
    """The measures (measures.tsv) a content names: computed once per content, compared with many."""
    return frozenset(measures()[w].name for w in map(article_free, _WORD.findall(text)) if w in measures())


def find_comparative_conflicts(claims: list[Claim], entities: dict[str, Entity]) -> list[Conflict]:
    """A figure against a comparison by someone else: "more than 2,000 dead", say the rescuers; "the toll
    will be far higher", say officials. The two claims name the same measure (measures.tsv: toll / dead /
    died are one), one states a figure in a unit of that measure, the other only compares
    (comparatives.tsv) and states no figure of it. Linear: claims are indexed by measure."""
    lexicon = measures_by_name()
    comparing = [_comparison(c) for c in claims]
    keys = [set() if speaker(c) is None else _measures_of(c) for c in claims]

    def figure(c: Claim, measure: str) -> Quantity | None:
        return next((q for q in c.quantities if q.unit in lexicon[measure].units), None)

    def pair(i: int, j: int) -> Conflict | None:
        a, b = claims[i], claims[j]
        if not different_speakers(a, b) or (comparing[i] is None) == (comparing[j] is None):
            return None
        (cmp_i, fig_i) = (i, j) if comparing[i] is not None else (j, i)
        direction, named = comparing[cmp_i]
        for measure in sorted(named & _measures_of(claims[fig_i])):
            q = figure(claims[fig_i], measure)
            if q is not None and figure(claims[cmp_i], measure) is None:
                return Conflict(i, j, f"{who(claims[fig_i], entities)}: {q.text}; "
                                      f"{who(claims[cmp_i], entities)}: {direction} ({measure})")
        return None

    return _indexed_pairs(keys, pair)
