"""Tokens and sentences with offsets into the original text.

A token is a word (letters, digits, combining marks, tatweel), a number
(``1,200.5``, ``٩٥``) or one punctuation character. Arabic proclitics stay
attached here; :func:`proclitic_splits` lists the ways to cut them off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.normalize import normalize, original_prefix_length

_WORD = r"[^\W_][\w\u0640\u064B-\u065F\u0670\-]*(?<!-)"
_NUMBER = r"[0-9٠-٩۰-۹]+(?:[.,٫٬][0-9٠-٩۰-۹]+)*"
_ABBREVIATION = r"(?:[A-Z]\.){2,}"  # U.N., U.S.: one token, and no sentence break inside
TOKEN_RE = re.compile(rf"{_ABBREVIATION}|{_NUMBER}|{_WORD}|\S")
ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "‹": "›"}
CLOSE_QUOTES = {v: k for k, v in OPEN_QUOTES.items()}
SENTENCE_END = {".", "!", "?", "؟", "\n"}


class _memo:
    """A computed attribute, stored on first use (functools.cached_property takes a lock on every
    first access, which shows in profiles: an article has thousands of tokens)."""

    def __init__(self, fn):
        self.fn = fn
        self.name = fn.__name__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    index: int

    @_memo
    def norm(self) -> str:
        return normalize(self.text)

    @_memo
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @_memo
    def is_arabic(self) -> bool:
        return bool(ARABIC_RE.match(self.text))

    @_memo
    def splits(self) -> list[tuple[int, str]]:
        """:func:`proclitic_splits` of the normalised word (Arabic), or the word itself."""
        return proclitic_splits(self.norm) if self.is_arabic else [(0, self.text)]


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in TOKEN_RE.finditer(text):
        tokens.append(Token(m.group(), m.start(), m.end(), len(tokens)))
    return tokens


def newline_between(text: str, a: Token, b: Token) -> bool:
    return "\n" in text[a.end : b.start]


@dataclass(frozen=True)
class Sentence:
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    paragraph: int


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Sentences end at . ! ? ؟ and at line breaks, but never inside a quotation."""
    sentences: list[Sentence] = []
    depth = 0
    start = 0
    paragraph = 0
    for i, tok in enumerate(tokens):
        t = tok.text
        if t in ("«", "“"):
            depth += 1
        elif t in ("»", "”") and depth:
            depth -= 1
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        breaks_line = nxt is not None and newline_between(text, tok, nxt)
        ends = (t in SENTENCE_END and depth == 0 and _is_full_stop(tokens, i)) or breaks_line or nxt is None
        if ends:
            sentences.append(Sentence(start, i + 1, paragraph))
            start = i + 1
            if breaks_line:
                paragraph += 1
                depth = 0
    return [s for s in sentences if s.end > s.start]


def _is_full_stop(tokens: list[Token], i: int) -> bool:
    """A '.' after an abbreviation (U.S., Dr., Gen.) or between digits does not end a sentence."""
    if tokens[i].text != ".":
        return True
    prev = tokens[i - 1].text if i else ""
    if len(prev) <= 3 and prev[:1].isupper() and prev.isalpha():
        return False
    return True


PROCLITICS_CONJ = ("و", "ف")
PROCLITICS_PREP = ("ب", "ل", "ك")


def proclitic_splits(norm: str) -> list[tuple[int, str]]:
    """Ways to read a normalised Arabic word as clitics + stem.

    Returns (number of normalised characters cut, stem), the word itself first.
    ``لل`` + X is read as ل + الX (the alef of the article is dropped in writing).
    """
    out = [(0, norm)]
    bases = [(0, norm)]
    if len(norm) > 3 and norm[0] in PROCLITICS_CONJ:
        bases.append((1, norm[1:]))
        out.append((1, norm[1:]))
    for cut, stem in bases:
        if len(stem) > 3 and stem.startswith("لل"):
            out.append((cut + 2, "ا" + stem[1:]))  # لل+X → ال+X; the span starts after لل
        elif len(stem) > 2 and stem[0] in PROCLITICS_PREP:
            out.append((cut + 1, stem[1:]))
    return out


def cut_offset(token: Token, cut: int) -> int:
    """Original offset inside ``token`` after ``cut`` normalised characters."""
    return token.start + original_prefix_length(token.text, cut)


def strip_article(norm: str) -> str:
    return norm[2:] if norm.startswith("ال") and len(norm) > 3 else norm


ARABIC_BLOCK_RE = re.compile(r"[\u0600-\u06FF]+")


def is_arabic_text(text: str) -> bool:
    """More than half the letters are Arabic (counted in C: ``map`` of ``str.isalpha``, not a loop per character)."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return False
    arabic = sum(map(str.isalpha, "".join(ARABIC_BLOCK_RE.findall(text))))
    return arabic / letters > 0.5
