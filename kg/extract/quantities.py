"""Quantities: a number (digits, Arabic-Indic digits or number words), a unit, a qualifier.

``نحو 95 في المائة`` → 95 percent, about; ``ما يربو على ألف طن`` → 1000 tonne,
more than; ``يومين`` → 2 day. A number before a noun we have no unit for is a count of
that noun (``17 حالة محتملة``, ``eight aircraft``: unit ``count``), and a number of millions
with nothing after it is a count too; years, dates (a month name next to the number),
ordinals and numbers inside names stay out. In a range (``2,000 to 3,000 troops``) the
first number takes the unit of the second.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract.lexicon import function_words, read_tsv
from kg.extract.normalize import normalize
from kg.extract.tokens import Token, proclitic_splits
from kg.records import Quantity

_DIGITS = re.compile(r"^[0-9]+(?:[.,٫٬][0-9]+)*$")
_RANGE_WORDS = {"to", "-", "–", "و", "الي", "او", "or"}
_MONTHS = {normalize(m, casefold=True) for m in (
    "كانون تشرين شباط آذار نيسان أيار حزيران تموز آب أيلول يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس "
    "سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر january february march april may june july august september october "
    "november december jan feb mar apr jun jul aug sep sept oct nov dec").split()}


class _Table(dict):
    """Normalised word tuple → values, knowing the first word of every key: most words start none, and
    :func:`_longest` answers them with one set look-up instead of one per length."""

    firsts: frozenset[str] = frozenset()


def _table(name: str) -> _Table:
    out = _Table()
    for row in read_tsv(name):
        forms = row[0].split("|")
        values = tuple(x.strip() for x in row[1:])
        for f in forms:
            out[tuple(normalize(w, casefold=True) for w in f.split())] = values
    out.firsts = frozenset(k[0] for k in out if k)
    return out


_NUMBERS: _Table | None = None
_UNITS: _Table | None = None
_QUALIFIERS: _Table | None = None


def _load() -> None:
    global _NUMBERS, _UNITS, _QUALIFIERS
    if _NUMBERS is None:
        _NUMBERS = _table("number_words.tsv")
        _UNITS = _table("units.tsv")
        _QUALIFIERS = _table("qualifiers.tsv")


@lru_cache(maxsize=1)
def number_word_forms() -> frozenset[str]:
    """Every one-word number form (normalised): واحد، ثلاثة، عشرات, one …"""
    _load()
    assert _NUMBERS is not None
    return frozenset(k[0] for k in _NUMBERS if len(k) == 1)


def _parse_digits(text: str) -> float | None:
    t = normalize(text).replace("٬", ",").replace("٫", ".")
    if not _DIGITS.match(t):
        return None
    if "," in t and "." not in t and re.match(r"^\d{1,3}(,\d{3})+$", t):
        t = t.replace(",", "")
    t = t.replace(",", ".") if t.count(",") == 1 and "." not in t else t.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return None


def _longest(table: _Table, words: list[str], i: int, max_len: int = 4) -> tuple[int, tuple[str, ...]] | None:
    if i >= len(words) or words[i] not in table.firsts:
        return None
    for n in range(min(max_len, len(words) - i), 0, -1):
        key = tuple(words[i : i + n])
        if key in table:
            return n, table[key]
    return None


def _count_of(words: list[str], toks: list[Token], i: int, n_num: int, digits: float | None, value: float) -> bool | None:
    """True when the number at i counts the noun after it (17 حالة، eight aircraft, 1.2 million)."""
    if n_num == 0:
        return None
    after = i + n_num
    prev = words[i - 1] if i else ""
    if prev in _MONTHS or (i >= 2 and words[i - 2] in _MONTHS):
        return None  # October 5, 5 أكتوبر
    if digits is not None and 1900 <= value <= 2100 and float(value).is_integer():
        return None  # a year
    if digits is not None and (toks[i].text.startswith("0") and len(toks[i].text) > 1):
        return None  # a code or a time
    if after >= len(words):
        return True if value >= 1_000_000 else None
    nxt = words[after]
    if not toks[after].is_word:
        return True if value >= 1_000_000 else None  # 1.2 million. / have been displaced
    if nxt in _MONTHS or nxt in {"pm", "am", "gmt"}:
        return None
    fw = function_words()
    if nxt in fw:
        if nxt in {"من", "of"} and after + 1 < len(words) and toks[after + 1].is_word and words[after + 1] not in fw:
            return True  # ثلاثة من المحتجين، three of the victims
        return True if value >= 1_000_000 else None
    if not toks[i].is_arabic and toks[after].text[:1].isupper():
        return None  # "Brigade 126 commander", "Resolution 2254 Council": a number inside a name
    return True


def find_quantities(text: str, tokens: list[Token], first: int, last: int) -> list[Quantity]:
    """Quantities among tokens[first:last]."""
    _load()
    assert _NUMBERS is not None and _UNITS is not None and _QUALIFIERS is not None
    toks = tokens[first:last]
    words = [normalize(t.text, casefold=True) for t in toks]
    # a unit word may carry a proclitic: بالمئة → ب + المئة
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        value: float | None = None
        n_num = 0
        d = _parse_digits(toks[i].text)
        if d is not None:
            value, n_num = d, 1
            nxt = _longest(_NUMBERS, words, i + 1, 1)
            if nxt and float(nxt[1][0]) >= 1000:  # 5 آلاف, 2.5 million
                value *= float(nxt[1][0])
                n_num = 2
        else:
            hit = _longest(_NUMBERS, words, i)
            if hit is None:
                for cut, stem in proclitic_splits(words[i])[1:]:
                    if (stem,) in _NUMBERS:
                        hit = (1, _NUMBERS[(stem,)])
                        break
            if hit:
                n_num, (v, *_) = hit[0], hit[1]
                value = float(v)
        if value is None:
            dual_only = _longest(_UNITS, words, i)
            if dual_only and len(dual_only[1]) > 1 and dual_only[1][1]:
                n_unit, (unit, mult) = dual_only
                s_, e_ = toks[i].start, toks[i + n_unit - 1].end
                out.append(Quantity(value=float(mult), unit=unit, text=text[s_:e_], start=s_, end=e_))
                i += n_unit
                continue
            i += 1
            continue
        unit_hit = _longest(_UNITS, words, i + n_num)
        if unit_hit is None and i + n_num < len(words):
            for cut, stem in proclitic_splits(words[i + n_num])[1:]:
                if (stem,) in _UNITS:
                    unit_hit = (1, _UNITS[(stem,)])
                    break
        if unit_hit is None and i + n_num + 1 < len(words) and not toks[i].is_arabic and toks[i + n_num].text.islower():
            skipped = _longest(_UNITS, words, i + n_num + 1)  # 17 suspected cases: one adjective before the unit
            if skipped is not None:
                unit_hit = (skipped[0] + 1, skipped[1])
        # a dual unit alone is a number and a unit (يومين = 2 days)
        dual = None
        if d is None and unit_hit is None:
            dual = _longest(_UNITS, words, i)
        if unit_hit is None and dual is None and i + n_num + 2 < len(words) and words[i + n_num] in _RANGE_WORDS:
            # 2,000 to 3,000 troops: the first number of a range takes the second's unit
            nxt_num = _parse_digits(toks[i + n_num + 1].text) is not None or (words[i + n_num + 1],) in _NUMBERS
            later = _longest(_UNITS, words, i + n_num + 2) if nxt_num else None
            if later is not None:
                unit = later[1][0]
                s, e = toks[i].start, toks[i + n_num - 1].end
                out.append(Quantity(value=value, unit=unit, text=text[s:e], start=s, end=e))
                i += n_num
                continue
        if unit_hit is None and dual is None:
            count = _count_of(words, toks, i, n_num, d, value)
            if count is not None:
                s, e = toks[i].start, toks[i + n_num - 1].end
                out.append(Quantity(value=value, unit="count", text=text[s:e], start=s, end=e))
            i += max(n_num, 1)
            continue
        if dual is not None and d is None and (words[i],) not in _NUMBERS:
            n_unit, (unit, mult) = dual[0], dual[1]
            value, n_num = float(mult or 1), 0
        else:
            n_unit, (unit, *_rest) = unit_hit
        end_i = i + n_num + n_unit
        start_i = i
        qualifier = None
        for back in (4, 3, 2, 1):
            if start_i - back >= 0:
                q = _QUALIFIERS.get(tuple(words[start_i - back : start_i]))
                if q:
                    qualifier = q[0]
                    start_i -= back
                    break
        if qualifier is None:
            q = _longest(_QUALIFIERS, words, end_i, 2)
            if q and q[1][0] == "at_least":
                qualifier = "at_least"
                end_i += q[0]
        s, e = toks[start_i].start, toks[end_i - 1].end
        out.append(Quantity(value=value, unit=unit, text=text[s:e], start=s, end=e, qualifier=None if qualifier in (None, "exact") else qualifier))
        i = end_i
    return [q for q in out if q.unit != "none"]
