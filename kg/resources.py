"""Locate the files kg ships: ontology, shapes, sample articles and lexicons.

In a wheel the top-level ``ontology/``, ``shapes/`` and ``samples/`` folders are
copied inside the package; in a source checkout (editable install) they sit next
to it. Both layouts are looked up so code never hard-codes either.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (_PKG / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg cannot find its {name}/ folder (looked in {_PKG} and {_PKG.parent})")


def ontology_dir() -> Path:
    return _folder("ontology")


def shapes_dir() -> Path:
    return _folder("shapes")


def samples_dir() -> Path:
    return _folder("samples")


def data_dir() -> Path:
    """Lexicons and the gazetteer: always inside the package."""
    return _PKG / "data"
