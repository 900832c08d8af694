"""Reading HTTP answers from servers kg does not control: never more than a cap, never past a deadline.

``urllib``'s timeout bounds each socket operation, not an answer: a server that sends one byte a
second, or gigabytes, holds a plain ``read()`` forever or fills memory. :func:`read_bounded` reads
in pieces and stops at either limit.
"""

from __future__ import annotations

import time


class AnswerTooLarge(OSError):
    """The answer is larger than the caller accepts."""


class AnswerTooSlow(TimeoutError):
    """The answer did not arrive before the deadline."""


def read_bounded(response, max_bytes: int, deadline: float) -> bytes:
    """The body of ``response`` (an ``http.client.HTTPResponse`` or ``urllib`` error), at most
    ``max_bytes``, read before ``deadline`` (a ``time.monotonic()`` value)."""
    length = response.headers.get("Content-Length") if response.headers else None
    if length and length.isdigit() and int(length) > max_bytes:
        raise AnswerTooLarge(f"the answer is {int(length):,} bytes, over the cap of {max_bytes:,}")
    read = getattr(response, "read1", None) or response.read
    parts, size = [], 0
    while True:
        if time.monotonic() > deadline:
            raise AnswerTooSlow("the answer did not arrive in time")
        chunk = read(65536)
        if not chunk:
            return b"".join(parts)
        size += len(chunk)
        if size > max_bytes:
            raise AnswerTooLarge(f"the answer is over the cap of {max_bytes:,} bytes")
        parts.append(chunk)


def error_excerpt(error, limit: int = 200, seconds: float = 5.0) -> str:
    """The first ``limit`` bytes of an HTTP error's body, as text, read with a deadline (never the whole body)."""
    try:
        return read_bounded_prefix(error, limit, time.monotonic() + seconds).decode("utf-8", "replace").strip()
    except (OSError, ValueError):
        return ""


def read_bounded_prefix(response, limit: int, deadline: float) -> bytes:
    """At most the first ``limit`` bytes of a body (the rest is left unread)."""
    read = getattr(response, "read1", None) or response.read
    parts, size = [], 0
    while size < limit and time.monotonic() <= deadline:
        chunk = read(limit - size)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)
