"""Compiled resources in the user cache: built once, read back by the next process, rebuilt when stale or
damaged, never an error when the cache cannot be written, whole when two processes build at once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kg import compiled as cache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_built_once_then_read_back(folder):
    calls = []

    def build():
        calls.append(1)
        return {"names": ("حلب", "Aleppo")}

    assert cache.compiled("thing", build) == {"names": ("حلب", "Aleppo")}
    assert cache.compiled("thing", build) == {"names": ("حلب", "Aleppo")}
    assert len(calls) == 1  # the second call read the file
    [path] = folder.glob("thing-*.pickle")
    assert cache.fingerprint() in path.name


def test_a_damaged_file_is_rebuilt(folder):
    cache.compiled("thing", lambda: [1, 2, 3])
    [path] = folder.glob("thing-*.pickle")
    path.write_bytes(path.read_bytes()[:10])  # cut short
    assert cache.compiled("thing", lambda: [4]) == [4]
    assert cache.compiled("thing", lambda: [5]) == [4]  # … and stored again


def test_off_or_unwritable_is_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_dir() is None and cache.compiled("thing", lambda: 7) == 7
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))  # a folder under a file cannot be made
    assert cache.compiled("thing", lambda: 8) == 8


def test_a_new_version_is_a_new_file(folder, monkeypatch):
    import kg

    cache.compiled("thing", lambda: "old")
    monkeypatch.setattr(kg, "__version__", kg.__version__ + ".dev-test")
    cache.fingerprint.cache_clear()
    try:
        assert cache.compiled("thing", lambda: "new") == "new"
        assert len(list(folder.glob("thing-*.pickle"))) == 2
    finally:
        cache.fingerprint.cache_clear()


def test_two_processes_building_at_once_leave_a_whole_file(folder):
    code = ("import time; from kg.compiled import compiled; "
            "print(len(compiled('big', lambda: (time.sleep(0.2), list(range(200000)))[1])))")
    env = {**os.environ, cache.ENV: str(folder)}
    procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env) for _ in range(3)]
    outs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outs == ["200000"] * 3
    assert cache.compiled("big", lambda: []) == list(range(200000))  # the file left is whole
    assert not list(folder.glob("*.tmp"))


def test_the_gazetteer_read_back_is_the_one_built(folder):
    from kg.extract.gazetteer import build_gazetteer

    built = build_gazetteer()
    read = cache.compiled("gazetteer-check", build_gazetteer)
    again = cache.compiled("gazetteer-check", lambda: None)
    assert again.index == built.index == read.index and again.firsts == built.firsts


def test_extracting_one_article_imports_neither_rdflib_nor_pyoxigraph():
    """What `kg extract FILE` and `kg --help` load: the start-up budget depends on it (benchmarks/bench_startup.py)."""
    from kg.resources import samples_dir

    sample = next(p for p in sorted(samples_dir().iterdir()) if p.suffix == ".txt")
    code = ("import sys; from click.testing import CliRunner; from kg.cli import cli; "
            f"r = CliRunner().invoke(cli, ['extract', {str(sample)!r}]); assert r.exit_code == 0, r.output; "
            "r = CliRunner().invoke(cli, ['--help']); assert r.exit_code == 0; "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'pyshacl', 'starlette') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
