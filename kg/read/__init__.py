"""Reading articles: .txt (+ NAME.meta.json), .json / .jsonl records, .html, and JSON lines on stdin.

:func:`read_paths` yields an :class:`~kg.records.Article` per article and a
:class:`~kg.records.ReadError` per input that cannot be read, so one bad file
never stops a batch. Offsets are indices into the text exactly as read
(UTF-8, universal newlines, nothing stripped).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from kg.records import Article, ReadError

KNOWN_FIELDS = ("id", "url", "title", "text", "published", "publisher", "language")
SUFFIXES = {".txt", ".json", ".jsonl", ".html", ".htm"}
SKIP_SUFFIXES = (".meta.json", ".gold.json")


class ArticleFormatError(ValueError):
    """An input that is not an article kg can read; the message names the problem."""


def read_paths(paths: Iterable[str | Path], stdin: IO[str] | None = None) -> Iterator[Article | ReadError]:
    for p in paths:
        if str(p) == "-":
            yield from read_jsonl_stream(stdin or sys.stdin, "<stdin>")
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.endswith(SKIP_SUFFIXES):
                    yield from read_file(f)
        elif path.exists():
            yield from read_file(path)
        else:
            yield ReadError(str(path), "no such file or directory")


def read_file(path: Path) -> Iterator[Article | ReadError]:
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
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
            yield _from_txt(path, text)
        elif suffix == ".json":
            data = json.loads(text)
            records = data if isinstance(data, list) else [data]
            for i, rec in enumerate(records):
                yield _record_or_error(rec, f"{path}#{i + 1}" if isinstance(data, list) else str(path))
        elif suffix == ".jsonl":
            yield from read_jsonl_stream(text.splitlines(), str(path))
        elif suffix in (".html", ".htm"):
            yield _from_html(path, text)
        else:
            yield ReadError(str(path), f"unsupported file type {suffix or '(none)'}; expected .txt, .json, .jsonl or .html")
    except json.JSONDecodeError as e:
        yield ReadError(str(path), f"invalid JSON: {e.msg} at line {e.lineno} column {e.colno}")
    except ArticleFormatError as e:
        yield ReadError(str(path), str(e))


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
    if sidecar.exists():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ArticleFormatError(f"sidecar {sidecar.name} is not valid JSON: {e}") from None
        if not isinstance(meta, dict):
            raise ArticleFormatError(f"sidecar {sidecar.name} must hold a JSON object")
    return _article(text, str(path), meta)


def read_jsonl_stream(lines: Iterable[str], source: str) -> Iterator[Article | ReadError]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(where, f"invalid JSON: {e.msg}")
            continue
        yield _record_or_error(rec, where)


def _record_or_error(rec: Any, where: str) -> Article | ReadError:
    if not isinstance(rec, dict):
        return ReadError(where, "a record must be a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, 'record has no "text" (a non-empty string is required)')
    return _article(text, where, rec)


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
    return _article(text, str(path), {k: v for k, v in info.items() if v})


__all__ = ["read_paths", "read_file", "read_jsonl_stream", "ArticleFormatError"]
