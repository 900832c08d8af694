"""Arabic (and Latin) normalisation for matching, as a chain of small named steps.

Matching needs one spelling per word (hamza carriers, alef forms, ى/ي, ة/ه,
diacritics, tatweel, Arabic-Indic digits); the graph needs offsets into the
original text. Every step here maps one character to zero or one character, so
:func:`normalize_with_offsets` can keep, for each normalised character, the
index of the original character it came from.
"""

from __future__ import annotations

from collections.abc import Callable

DIACRITICS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u06E1", "\u06ED"}
TATWEEL = "\u0640"
ALEF_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
HAMZA_CARRIERS = str.maketrans({"ؤ": "و", "ئ": "ي"})
YEH_FORMS = str.maketrans({"ى": "ي", "ی": "ي"})
TEH_MARBUTA = str.maketrans({"ة": "ه"})
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
INVISIBLES = {"\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}

Step = Callable[[str], str]  # maps a single character to "" or one character


def drop_diacritics(ch: str) -> str:
    return "" if ch in DIACRITICS else ch


def drop_tatweel(ch: str) -> str:
    return "" if ch == TATWEEL else ch


def drop_invisibles(ch: str) -> str:
    return "" if ch in INVISIBLES else ch


def unify_alef(ch: str) -> str:
    return ch.translate(ALEF_FORMS)


def unify_hamza_carriers(ch: str) -> str:
    return ch.translate(HAMZA_CARRIERS)


def unify_yeh(ch: str) -> str:
    return ch.translate(YEH_FORMS)


def unify_teh_marbuta(ch: str) -> str:
    return ch.translate(TEH_MARBUTA)


def western_digits(ch: str) -> str:
    return ch.translate(DIGITS)


def fold_case(ch: str) -> str:
    return ch.lower() if len(ch.lower()) == 1 else ch


STEPS: tuple[Step, ...] = (
    drop_invisibles,
    drop_diacritics,
    drop_tatweel,
    unify_alef,
    unify_hamza_carriers,
    unify_yeh,
    unify_teh_marbuta,
    western_digits,
)


def normalize_char(ch: str, steps: tuple[Step, ...] = STEPS) -> str:
    for step in steps:
        ch = step(ch)
        if not ch:
            return ""
    return ch


def _table() -> dict[int, str | None]:
    """All the steps folded into one str.translate table (the steps map one character to at most one)."""
    chars = set()
    for table in (ALEF_FORMS, HAMZA_CARRIERS, YEH_FORMS, TEH_MARBUTA, DIGITS):
        chars |= {chr(c) for c in table}
    chars |= DIACRITICS | INVISIBLES | {TATWEEL}
    return {ord(c): (normalize_char(c) or None) for c in chars}


_TABLE = _table()


def character_map() -> dict[str, str]:
    """Each character normalisation changes → what it becomes ("" when dropped): for matchers built
    elsewhere (the explorer's SPARQL search) that must normalise exactly as extraction does."""
    return {chr(code): to or "" for code, to in _TABLE.items()}


def normalize(text: str, *, casefold: bool = False) -> str:
    """Normalised form of ``text`` for lookups (Latin case kept unless ``casefold``).

    Equivalent to applying :data:`STEPS` to every character, done with one translate table.
    """
    out = text.translate(_TABLE)
    return out.lower() if casefold else out


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the index in ``text`` it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = normalize_char(ch)
        if n:
            out.append(n)
            index.append(i)
    return "".join(out), index


def original_prefix_length(token: str, normalized_chars: int) -> int:
    """How many characters of ``token`` produce its first ``normalized_chars`` normalised ones.

    Used to cut a clitic (normalised "و", "ب", "لل"…) off the original token and
    land on the right original offset even when diacritics or tatweel follow it.
    """
    seen = 0
    for i, ch in enumerate(token):
        if seen == normalized_chars:
            # skip marks that belong to the stripped clitic
            if not normalize_char(ch):
                continue
            return i
        if normalize_char(ch):
            seen += 1
    return len(token)


_LIGHT = {ord(c): None for c in DIACRITICS | INVISIBLES | {TATWEEL}}


def light(text: str) -> str:
    """Only diacritics, tatweel and invisibles removed: keeps ى apart from ي (على vs علي)."""
    return text.translate(_LIGHT)


_LONG_VOWELS = {ord(c): None for c in "اوي"}


def spelling_skeleton(name: str) -> tuple[str, ...]:
    """The letters of a name's words that stay whichever way a transliterated name is spelt: after
    :func:`normalize`, the long vowels ا و ي inside a word and its final ه (ة) or ا are dropped, so
    الديمقراطية / الديموقراطية, الصحفيين / الصحافيين and الأميركية / الأمريكية give the same skeleton. Only for
    telling two spellings of one multi-word name apart from different names (a one-word skeleton is
    too short to be safe); Latin words are kept case-folded as they are."""
    words = []
    for word in normalize(name, casefold=True).split():
        head, rest = word[:1], word[1:]
        if len(rest) > 1 and rest[-1] in "ها":
            rest = rest[:-1]
        words.append(head + rest.translate(_LONG_VOWELS))
    return tuple(words)
