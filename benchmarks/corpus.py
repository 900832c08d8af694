"""Benchmark corpora: the generator lives in kg (``kg bench-corpus``); this returns plain texts."""

from __future__ import annotations

from kg.corpus import articles


def corpus(n: int, seed: int = 7, size: int = 5000) -> list[str]:
    return [a["text"] for a in articles(n, seed, size) if a["language"] == "ar" or True]
