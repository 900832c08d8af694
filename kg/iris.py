"""Deterministic IRIs: loading the same article twice yields the same nodes.

Article: from its URL, else from a hash of its text. Entity: from its QID, else
from its normalised label and class. Claim and mention: article + offsets.
"""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from kg.vocab import KGID


def _digest(text: str, n: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def article_id(url: str | None, text: str) -> str:
    return _digest("url:" + url) if url else _digest("text:" + text)


def article_iri(url: str | None, text: str) -> URIRef:
    return KGID[f"article/{article_id(url, text)}"]


def graph_iri(url: str | None, text: str) -> URIRef:
    """The named graph holding one article's nodes."""
    return KGID[f"graph/article/{article_id(url, text)}"]


def entities_graph() -> URIRef:
    return KGID["graph/entities"]


def entity_iri(key: str) -> URIRef:
    if key.startswith("Q") and key[1:].isdigit():
        return KGID[f"entity/{key}"]
    return KGID[f"entity/{_digest('entity:' + key)}"]


def claim_iri(article: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{article}/claim/{start}-{end}")


def mention_iri(article: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{article}/mention/{start}-{end}")


def quantity_iri(article: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{article}/quantity/{start}-{end}")


def role_iri(article: URIRef, start: int, end: int) -> URIRef:
    return URIRef(f"{article}/role/{start}-{end}")


def conflict_iri(article: URIRef, a: URIRef, b: URIRef) -> URIRef:
    return URIRef(f"{article}/conflict/{_digest(str(a) + ' ' + str(b), 12)}")
