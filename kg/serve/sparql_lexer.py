"""A lexer for SPARQL 1.1 that follows the grammar's terminals (section 19.8 of the recommendation).

Why a lexer of our own: the server must know, before pyoxigraph runs a request, every place where
the text says SERVICE or LOAD. A scanner that only roughly knows where strings, IRIs, comments and
prefixed names start and end can be led to skip a keyword (``e:a\\#`` is a local name with an escaped
``#``, not a comment). Tokens here follow the grammar's own definitions: IRIREF with ``\\u``
escapes, the four string forms with ECHAR and UCHAR, PNAME_LN with PLX (``%xx`` and ``\\``-escapes),
blank node labels, language tags, numbers and comments. Text that fits no terminal is an error, so
the caller can refuse what it cannot read instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEX = r"[0-9A-Fa-f]"
_UCHAR = rf"\\u{_HEX}{{4}}|\\U{_HEX}{{8}}"
_ECHAR = r"""\\[tbnrf\\"']"""
# PN_CHARS_BASE and PN_CHARS, read generously (any letter or digit of any script), never narrower
# than the grammar: a name the lexer reads longer than oxigraph does can only merge text, never
# hide a keyword inside something the lexer thinks is a name but oxigraph does not.
_BASE = r"[^\W\d_]"
_CHARS_U = rf"(?:{_BASE}|_)"
_CHARS = rf"(?:{_CHARS_U}|[\-0-9\u00B7\u0300-\u036F\u203F-\u2040])"
_PLX = rf"(?:%{_HEX}{_HEX}|\\[_~.\-!$&'()*+,;=/?#@%])"
_PREFIX = rf"(?:{_BASE}(?:(?:{_CHARS}|\.)*{_CHARS})?)"
_LOCAL = rf"(?:(?:{_CHARS_U}|:|[0-9]|{_PLX})(?:(?:{_CHARS}|\.|:|{_PLX})*(?:{_CHARS}|:|{_PLX}))?)"
_VARNAME = rf"(?:(?:{_CHARS_U}|[0-9])(?:{_CHARS_U}|[0-9\u00B7\u0300-\u036F\u203F-\u2040])*)"

_TOKEN = re.compile(
    rf"""
     (?P<ws>[\x20\t\r\n]+)
    |(?P<comment>\#[^\r\n]*)
    |(?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
    |(?P<string>'''(?:(?:'|'')?(?:[^'\\]|{_ECHAR}|{_UCHAR}))*'''
               |\"\"\"(?:(?:"|"")?(?:[^"\\]|{_ECHAR}|{_UCHAR}))*\"\"\"
               |'(?:[^'\\\n\r]|{_ECHAR}|{_UCHAR})*'
               |"(?:[^"\\\n\r]|{_ECHAR}|{_UCHAR})*")
    |(?P<bnode>_:(?:{_CHARS_U}|[0-9])(?:(?:{_CHARS}|\.)*{_CHARS})?)
    |(?P<pname>{_PREFIX}?:{_LOCAL}?)
    |(?P<var>[?$]{_VARNAME})
    |(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*)
    |(?P<number>(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)
    |(?P<word>{_BASE}(?:{_CHARS_U}|[0-9])*)
    |(?P<op>\^\^|&&|\|\||!=|<=|>=|[{{}}()\[\];,.=<>!+\-*/|^?$])
    """,
    re.VERBOSE,
)
_UNICODE_ESCAPE = re.compile(rf"\\u({_HEX}{{4}})|\\U({_HEX}{{8}})")
_LOCAL_ESCAPE = re.compile(r"\\(.)")


class LexError(ValueError):
    """The text holds something that is no SPARQL terminal; ``offset`` says where."""

    def __init__(self, offset: int):
        super().__init__(f"unreadable SPARQL at character {offset}")
        self.offset = offset


@dataclass(frozen=True)
class Token:
    kind: str  # iri, string, bnode, pname, var, langtag, number, word, op
    text: str
    offset: int


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` without white space and comments; :class:`LexError` where none fits."""
    out: list[Token] = []
    pos, end = 0, len(text)
    match = _TOKEN.match
    while pos < end:
        m = match(text, pos)
        if m is None or m.end() == pos:
            raise LexError(pos)
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            out.append(Token(kind, m.group(), pos))
        pos = m.end()
    return out


def decode_unicode_escapes(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced by their characters (invalid code points are kept)."""

    def repl(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return _UNICODE_ESCAPE.sub(repl, text)


def iri_value(token: Token) -> str:
    """The IRI an IRIREF token spells, with its ``\\u`` escapes decoded."""
    return decode_unicode_escapes(token.text[1:-1])


def local_name(pname: str) -> tuple[str, str]:
    """(prefix, local part with its ``\\``-escapes removed) of a prefixed name."""
    prefix, _, local = pname.partition(":")
    return prefix, _LOCAL_ESCAPE.sub(r"\1", local)


def nesting_depth(toks: list[Token]) -> int:
    """The deepest nesting of ``{`` ``(`` ``[`` in a token list (a bound on what a parser recurses into)."""
    depth = deepest = 0
    for t in toks:
        if t.kind == "op":
            if t.text in "{([":
                depth += 1
                deepest = max(deepest, depth)
            elif t.text in "})]":
                depth -= 1
    return deepest
