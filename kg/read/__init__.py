"""Reading articles: .txt (+ NAME.meta.json), .json / .jsonl records, .html, and JSON lines on stdin.

:func:`read_paths` yields an :class:`~kg.records.Article` per article and a
:class:`~kg.records.ReadError` per input that cannot be read, so one bad file
never stops a batch. Offsets are indices into the text exactly as read
(UTF-8, universal newlines, nothing stripped).

Every failure is a :class:`ReadError` naming the input: a file that vanished or cannot be read, JSON
nested too deeply to read, text that is not valid Unicode (a lone surrogate from a JSON ``\\ud800``),
an article over ``max_article_bytes`` (extraction time grows with the text; a 50 MB "article" is
never news), an unreadable ``NAME.meta.json``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from kg.jsonscan import structure
from kg.literals import field_problem
from kg.records import Article, ReadError
from kg.errors import KGException

KNOWN_FIELDS = ("id", "url", "title", "text", "published", "publisher", "language")
SUFFIXES = {".txt", ".json", ".jsonl", ".html", ".htm"}
SKIP_SUFFIXES = (".meta.json", ".gold.json")
MAX_ARTICLE_BYTES = 1_000_000  # UTF-8 bytes of one article's text (kg load --max-article-bytes)


class ArticleFormatError(KGException, ValueError):
    """An input that is not an article kg can read; the message names the problem."""


def read_paths(
    paths: Iterable[str | Path], stdin: IO[str] | None = None, *, max_article_bytes: int | None = MAX_ARTICLE_BYTES
) -> Iterator[Article | ReadError]:
    for p in paths:
        if str(p) == "-":
            yield from read_jsonl_stream(stdin or sys.stdin, "<stdin>", max_article_bytes=max_article_bytes)
            continue
        path = Path(p)
        if path.is_dir():
            try:
                found = sorted(path.rglob("*"))
            except OSError as e:
                yield ReadError(str(path), f"cannot list the folder: {e.strerror or e}")
                continue
            for f in found:
                # not f.is_file(): a file that vanished since the listing must be named, not skipped
                if f.suffix.lower() in SUFFIXES and not f.name.endswith(SKIP_SUFFIXES) and not f.is_dir():
                    yield from read_file(f, max_article_bytes=max_article_bytes)
        elif path.exists():
            yield from read_file(path, max_article_bytes=max_article_bytes)
        else:
            yield ReadError(str(path), "no such file or directory")


def read_file(path: Path, *, max_article_bytes: int | None = MAX_ARTICLE_BYTES) -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if max_article_bytes and suffix in (".txt",) and size > max_article_bytes:
            yield ReadError(str(path), _too_large(size, max_article_bytes))
            return
        if max_article_bytes and suffix in (".html", ".htm") and size > 10 * max_article_bytes:
            yield ReadError(str(path), f"HTML page of {size:,} bytes; at most {10 * max_article_bytes:,} are read")
            return
        raw = path.read_bytes()
    except FileNotFoundError:
        yield ReadError(str(path), "the file disappeared before it could be read")
        return
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e.strerror or e}")
        return
    try:
        text = _decode(raw)
    except ArticleFormatError as e:
        yield ReadError(str(path), str(e))
        return
    try:
        if suffix == ".txt":
            yield _checked(_from_txt(path, text), max_article_bytes)
        elif suffix == ".json":
            data = _json(text)
            records = data if isinstance(data, list) else [data]
            for i, rec in enumerate(records):
                yield _record_or_error(rec, f"{path}#{i + 1}" if isinstance(data, list) else str(path), max_article_bytes)
        elif suffix == ".jsonl":
            yield from read_jsonl_stream(text.splitlines(), str(path), max_article_bytes=max_article_bytes)
        elif suffix in (".html", ".htm"):
            yield _checked(_from_html(path, text), max_article_bytes)
        else:
            yield ReadError(str(path), f"unsupported file type {suffix or '(none)'}; expected .txt, .json, .jsonl or .html")
    except json.JSONDecodeError as e:
        yield ReadError(str(path), f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
    except ArticleFormatError as e:
        yield ReadError(str(path), str(e))


def _too_large(size: int, limit: int) -> str:
    return f"article of {size:,} bytes is over the limit of {limit:,} (kg load --max-article-bytes)"


def _json(text: str) -> Any:
    """``json.loads``, with nesting too deep for Python's recursion reported as a format error."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ArticleFormatError("JSON nested too deeply to read") from None


def _checked(item: Article | ReadError, max_article_bytes: int | None) -> Article | ReadError:
    """The article, or a ReadError when its text is over the size limit or is not valid Unicode."""
    if isinstance(item, ReadError):
        return item
    for name in ("text", "title", "url", "id", "published", "publisher", "language"):
        value = getattr(item, name)
        if value is None:
            continue
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError as e:
            return ReadError(item.source, f"the {name} holds a lone surrogate (U+{ord(value[e.start]):04X} at character "
                                          f"{e.start}), which is not valid Unicode")
        if name == "text" and max_article_bytes and size > max_article_bytes:
            return ReadError(item.source, _too_large(size, max_article_bytes))
        problem = field_problem(name, value) if name in ("published", "url", "language") else None
        if problem:
            return ReadError(item.source, problem)  # at the door: never a stored graph the shapes reject
    return item


def _decode(raw: bytes) -> str:
    if not raw.strip():
        raise ArticleFormatError("empty file")
    if b"\x00" in raw:
        raise ArticleFormatError("binary file (contains NUL bytes), not a text article")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ArticleFormatError(f"not UTF-8 (invalid byte 0x{raw[e.start]:02x} at byte {e.start})") from None
    # universal newlines, as Python's text mode reads the file
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return text


def _from_txt(path: Path, text: str) -> Article:
    meta: dict[str, Any] = {}
    sidecar = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if sidecar.exists() or sidecar.is_symlink():
        try:
            meta = _json(sidecar.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ArticleFormatError(f"sidecar {sidecar.name} is not valid JSON: {e}") from None
        except OSError as e:
            raise ArticleFormatError(f"sidecar {sidecar.name} cannot be read: {e.strerror or e}") from None
        if not isinstance(meta, dict):
            raise ArticleFormatError(f"sidecar {sidecar.name} must hold a JSON object")
    return _article(text, str(path), meta)


def read_jsonl_stream(
    lines: Iterable[str], source: str, *, max_article_bytes: int | None = MAX_ARTICLE_BYTES
) -> Iterator[Article | ReadError]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}#{n}"
        try:
            rec = _json(line)
        except json.JSONDecodeError as e:
            yield ReadError(where, f"invalid JSON: {e.msg}")
            continue
        except ArticleFormatError as e:
            yield ReadError(where, str(e))
            continue
        yield _record_or_error(rec, where, max_article_bytes)


def json_array_items(text: str) -> list[str]:
    """The texts of the elements of a top-level JSON array, split without parsing them.

    So that one element nested too deeply for ``json.loads`` is rejected on its own while the others
    load. Raises :class:`ArticleFormatError` when the text is not an array.
    """
    body = text.strip()
    if not body.startswith("[") or not body.endswith("]"):
        raise ArticleFormatError("a JSON array was expected")
    items, start = [], 1
    for i, ch, depth in structure(body, 1, len(body) - 1):
        if ch == "," and depth == 0:
            items.append(body[start:i])
            start = i + 1
    last = body[start:-1]
    if last.strip() or items:
        items.append(last)
    return items


def record_article(rec: Any, where: str, max_article_bytes: int | None = MAX_ARTICLE_BYTES) -> Article | ReadError:
    """A JSON record (``{"text": …, "published": …}``) as an article, or the reason it is refused."""
    return _record_or_error(rec, where, max_article_bytes)


def _record_or_error(rec: Any, where: str, max_article_bytes: int | None = MAX_ARTICLE_BYTES) -> Article | ReadError:
    if not isinstance(rec, dict):
        return ReadError(where, "a record must be a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, 'record has no "text" (a non-empty string is required)')
    return _checked(_article(text, where, rec), max_article_bytes)


def _article(text: str, source: str, meta: dict[str, Any]) -> Article:
    def s(key: str) -> str | None:
        v = meta.get(key)
        return None if v is None else str(v)

    extra = {k: v for k, v in meta.items() if k not in KNOWN_FIELDS}
    return Article(
        text=text,
        source=source,
        id=s("id"),
        url=s("url"),
        title=s("title"),
        published=s("published"),
        publisher=s("publisher"),
        language=s("language"),
        extra=extra,
    )


def _from_html(path: Path, html: str) -> Article:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise ArticleFormatError("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(html)
    info: dict[str, Any] = {}
    if meta is not None:
        info = {"title": meta.title, "published": meta.date, "url": meta.url, "publisher": meta.sitename}
    # the page's metadata is trafilatura's reading, not the user's record: a field that is no valid value
    # (a relative URL, a date it could not normalise) is left out rather than the article refused
    return _article(text, str(path), {k: v for k, v in info.items() if v and not field_problem(k, str(v))})


__all__ = ["read_paths", "record_article", "read_file", "read_jsonl_stream", "json_array_items", "ArticleFormatError", "MAX_ARTICLE_BYTES"]
