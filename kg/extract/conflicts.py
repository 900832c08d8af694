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

from kg.extract.lexicon import function_words
from kg.extract.normalize import normalize
from kg.records import Claim, Conflict, Entity, Quantity

TOLERANCE = 0.02  # values within 2 % of each other are the same figure rounded differently
WINDOW_BEFORE, WINDOW_AFTER = 5, 3
_WORD = re.compile(r"[^\W\d_]+")


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
    return w


def measure_stems(claim: Claim, q: Quantity) -> set[str]:
    text = claim.content.text
    rel_s, rel_e = q.start - claim.content.start, q.end - claim.content.start
    before = _WORD.findall(text[:rel_s])[-WINDOW_BEFORE:]
    after = _WORD.findall(text[rel_e:])[:WINDOW_AFTER]
    fw = function_words()
    return {stem(w) for w in before + after if normalize(w) not in fw and w.lower() not in fw and len(w) > 2}


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
    keys = [set() if c.claimant is None else {(q.unit, st) for q, qs in zip(c.quantities, stems[j]) for st in qs}
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
    if a.claimant is None or b.claimant is None or a.claimant == b.claimant:
        return None
    shared_about = [k for k in a.about if k in b.about]
    for qa, sa in zip(a.quantities, stems[i]):
        for qb, sb in zip(b.quantities, stems[j]):
            if qa.unit != qb.unit or abs(qa.value - qb.value) <= TOLERANCE * max(abs(qa.value), abs(qb.value)):
                continue
            common = sa & sb
            if not common or (not shared_about and len(common) < 2):
                continue
            who_a = entities[a.claimant].label if a.claimant in entities else a.claimant
            who_b = entities[b.claimant].label if b.claimant in entities else b.claimant
            about = ", ".join(entities[k].label for k in shared_about if k in entities)
            reason = f"{who_a}: {qa.text}; {who_b}: {qb.text} ({qa.unit})" + (f" about {about}" if about else "")
            return Conflict(i, j, reason)
    return None


NEGATIONS = {"لم", "لن", "لا", "ليس", "ليست", "غير", "عدم", "ولم", "ولا", "not", "no", "never", "n't", "didn't", "wasn't",
             "weren't", "isn't", "aren't", "hasn't", "haven't", "without"}
MIN_SHARED_STEMS = 3


def _negated(claim: Claim) -> bool:
    if claim.certainty == "denied":
        return True
    return any(w.lower() in NEGATIONS for w in re.findall(r"[^\W\d_]+(?:'t)?|n't", claim.content.text))


def content_stems(claim: Claim, named: list[tuple[int, int]] = ()) -> set[str]:
    """Stems of the content words that say what happened: not function words, negations, or words of a
    name (sharing "Ras Lanuf" is sharing a place, not a statement)."""
    fw = function_words()
    base = claim.content.start
    out = set()
    for m in _WORD.finditer(claim.content.text):
        w, at = m.group(), base + m.start()
        if len(w) <= 2 or normalize(w) in fw or w.lower() in fw or w.lower() in NEGATIONS:
            continue
        i = bisect_right(named, (at, float("inf"))) - 1
        if i >= 0 and named[i][0] <= at < named[i][1]:
            continue
        out.add(stem(w))
    return out


def find_polarity_conflicts(claims: list[Claim], entities: dict[str, Entity]) -> list[Conflict]:
    """One claimant asserts what another negates (أطلقت دبابة النار على … / لم يتم إطلاق النار …): different
    claimants, opposite polarity (a negation in the content, or a denial cue), and at least
    :data:`MIN_SHARED_STEMS` content stems in common. Linear: each claim meets at most
    :data:`MAX_CANDIDATES` earlier claims that share a stem with it."""
    polarity = [_negated(c) for c in claims]
    named = sorted((m.start, m.end) for e in entities.values() for m in e.mentions)
    stems = [content_stems(c, named) for c in claims]

    def pair(i: int, j: int) -> Conflict | None:
        a, b = claims[i], claims[j]
        if polarity[i] == polarity[j] or a.claimant is None or b.claimant is None or a.claimant == b.claimant:
            return None
        common = stems[i] & stems[j]
        if len(common) < MIN_SHARED_STEMS:
            return None
        who_a = entities[a.claimant].label if a.claimant in entities else a.claimant
        who_b = entities[b.claimant].label if b.claimant in entities else b.claimant
        yes, no = (who_b, who_a) if polarity[i] else (who_a, who_b)
        return Conflict(i, j, f"{yes} asserts what {no} negates ({', '.join(sorted(common)[:4])})")

    return _indexed_pairs(stems, pair)
