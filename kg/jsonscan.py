"""A scan of JSON's structure without parsing it: brackets and commas outside strings, with their depth.

``json.loads`` recurses once per nesting level, so a hostile document (a 100,000-deep array) raises
``RecursionError`` or worse before anything can be said about it. Callers use this scan to measure the
nesting first (:mod:`kg.store.parse`) or to split an array into elements that are parsed one by one
(:mod:`kg.read`).
"""

from __future__ import annotations

from collections.abc import Iterator


def structure(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) for every ``[ { ] } ,`` of ``text[start:end]`` outside strings."""
    depth = 0
    in_string = escaped = False
    for i in range(start, len(text) if end is None else end):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            yield i, ch, depth
        elif ch in "]}":
            depth -= 1
            yield i, ch, depth
        elif ch == ",":
            yield i, ch, depth


def max_depth(text: str) -> int:
    return max((d for _, ch, d in structure(text) if ch in "[{"), default=0)
