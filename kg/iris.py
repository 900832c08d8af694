"""Deterministic IRIs: loading the same article twice yields the same nodes.

Article: from its URL, else from a hash of its text. Entity: from its QID, else
from its normalised label and class. Claim and mention: article + offsets. IRIs are plain strings; :mod:`kg.terms` makes them nodes.
"""

from __future__ import annotations

import hashlib

from kg.iri_bases import KGID  # a plain string: minting IRIs needs no rdflib


def _digest(text: str, n: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def article_id(url: str | None, text: str) -> str:
    return _digest("url:" + url) if url else _digest("text:" + text)


def article_iri(url: str | None, text: str) -> str:
    return f"{KGID}article/{article_id(url, text)}"


def graph_iri(url: str | None, text: str) -> str:
    """The named graph holding one article's nodes."""
    return f"{KGID}graph/article/{article_id(url, text)}"


def entities_graph() -> str:
    return f"{KGID}graph/entities"


def entity_iri(key: str) -> str:
    if key.startswith("Q") and key[1:].isdigit():
        return f"{KGID}entity/{key}"
    return f"{KGID}entity/{_digest('entity:' + key)}"


def claim_iri(article: str, start: int, end: int) -> str:
    return f"{article}/claim/{start}-{end}"


def mention_iri(article: str, start: int, end: int) -> str:
    return f"{article}/mention/{start}-{end}"


def quantity_iri(article: str, start: int, end: int) -> str:
    return f"{article}/quantity/{start}-{end}"


def role_iri(article: str, start: int, end: int) -> str:
    return f"{article}/role/{start}-{end}"


def conflict_iri(article: str, a: str, b: str) -> str:
    return f"{article}/conflict/{_digest(str(a) + ' ' + str(b), 12)}"
