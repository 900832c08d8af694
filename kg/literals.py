"""Lexical forms of the literals kg writes: which strings are a valid ``xsd:date``, ``xsd:dateTime``,
``xsd:integer``, ``xsd:boolean``… and the checks at the door for an article's date, URL and language.

One module, used by the reader (a record with ``"published": "2024-99-99"`` is rejected by name, never
stored), the mapper (a date is typed only when it is one) and the fast validator (a literal of a datatype
must be well formed, as SHACL's ``sh:datatype`` requires), so the three cannot disagree.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

XSD = "http://www.w3.org/2001/XMLSchema#"

_DATE = re.compile(r"-?(\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?")
_TIME = r"(\d{2}):(\d{2}):(\d{2})(\.\d+)?"
_DATETIME = re.compile(rf"-?(\d{{4,}})-(\d{{2}})-(\d{{2}})T{_TIME}(Z|[+-]\d{{2}}:\d{{2}})?")
_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DOUBLE = re.compile(r"[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|INF)|NaN")
_GYEAR = re.compile(r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?")
LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{1,8})*")
_INTEGER_RANGES = {
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None), "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1), "long": (-(2**63), 2**63 - 1), "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1), "byte": (-128, 127), "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1), "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255), "integer": (None, None),
}


def _valid_day(y: str, m: str, d: str) -> bool:
    try:
        date(int(y), int(m), int(d))  # the calendar: 2024-02-30 and 2024-99-99 are no dates
    except ValueError:
        return int(y) > 9999 and 1 <= int(m) <= 12 and 1 <= int(d) <= 31  # years past 9999 are lexically fine
    return True


def _timezone_ok(tz: str | None) -> bool:
    if not tz or tz == "Z":
        return True
    hours, minutes = int(tz[1:3]), int(tz[4:6])
    return minutes < 60 and (hours < 14 or (hours == 14 and minutes == 0))


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether ``lexical`` is in the lexical space of ``datatype`` (an XSD IRI); other datatypes: True."""
    if not datatype.startswith(XSD):
        return True
    name = datatype[len(XSD):]
    if name == "date":
        m = _DATE.fullmatch(lexical)
        return bool(m) and _valid_day(*m.group(1, 2, 3)) and _timezone_ok(m.group(4))
    if name == "dateTime":
        m = _DATETIME.fullmatch(lexical)
        if not m or not _valid_day(*m.group(1, 2, 3)) or not _timezone_ok(m.group(8)):
            return False
        h, mi, s = int(m.group(4)), int(m.group(5)), int(m.group(6))
        return (h < 24 and mi < 60 and s < 60) or (h == 24 and mi == 0 and s == 0 and not (m.group(7) or "").strip(".0"))
    if name in _INTEGER_RANGES:
        if not _INTEGER.fullmatch(lexical):
            return False
        low, high = _INTEGER_RANGES[name]
        n = int(lexical)
        return (low is None or n >= low) and (high is None or n <= high)
    if name == "decimal":
        return bool(_DECIMAL.fullmatch(lexical))
    if name in ("double", "float"):
        return bool(_DOUBLE.fullmatch(lexical))
    if name == "boolean":
        return lexical in ("true", "false", "1", "0")
    if name == "gYear":
        return bool(_GYEAR.fullmatch(lexical))
    if name == "anyURI":
        return not any(c in lexical for c in ' <>"{}|\\^`') and "\n" not in lexical
    return True


def date_literal(value: str) -> tuple[str, str] | None:
    """(lexical form, XSD datatype) of an article's publication date, or None when it is no date:
    ``2024-05-01`` → xsd:date; ``2024-05-01T10:00:00Z`` (or with a space, or without seconds) → xsd:dateTime."""
    v = value.strip()
    if well_formed(v, XSD + "date"):
        return v, XSD + "date"
    candidate = v.replace(" ", "T", 1)
    if re.fullmatch(r"[^T]+T\d{2}:\d{2}", candidate[:16]) and len(candidate) == 16:
        candidate += ":00"
    if well_formed(candidate, XSD + "dateTime"):
        return candidate, XSD + "dateTime"
    return None


def field_problem(name: str, value: str) -> str | None:
    """Why an article's ``published``, ``url`` or ``language`` cannot be stored as given, or None."""
    if name == "published" and date_literal(value) is None:
        return f"published {value[:60]!r} is not a date (YYYY-MM-DD, or an ISO 8601 date and time)"
    if name == "url":
        parts = urlsplit(value.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc or not well_formed(value.strip(), XSD + "anyURI"):
            return f"url {value[:80]!r} is not an http(s) URL"
    if name == "language" and not LANGUAGE_TAG.fullmatch(value.strip()):
        return f"language {value[:40]!r} is not a BCP 47 language tag (ar, en, en-GB …)"
    return None
