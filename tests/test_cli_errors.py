"""Errors never leak: every command, given bad arguments, missing or unreadable paths, a locked store, an
unwritable output or invalid SPARQL, exits 2 (or 1 where the README documents it) with one line naming the
problem — never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import tagger
from kg.cli import cli

MISSING = "/nonexistent/kg-test/nothing"


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("s") / "store"
    r = CliRunner().invoke(cli, ["load", "-q", "--workers", "1", "--store", str(path), str(Path(__file__).parent / "cases" / "en_wire_sudan.txt")])
    assert r.exit_code == 0, r.output
    return path


@pytest.fixture(scope="module")
def unreadable(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("u") / "secret.txt"
    path.write_text("text", encoding="utf-8")
    path.chmod(0)
    return path


def cases(store: Path, unreadable: Path, tmp: Path) -> list[tuple[list[str], int, str]]:
    locked_out = tmp / "no-write"
    locked_out.mkdir(exist_ok=True)
    locked_out.chmod(0o500)
    return [
        (["extract", MISSING], 2, "does not exist"),
        (["extract", str(unreadable)], 2, "secret.txt"),
        (["extract", "--tagger-model", MISSING, str(Path(__file__).parent / "cases" / "en_wire_sudan.txt")], 2, "cannot read the tagger model"),
        (["load", "--store", str(store), MISSING], 1, "nothing"),
        (["validate", MISSING], 2, "nothing"),
        (["validate", "--store", str(tmp / "no-store")], 2, "no-store"),
        (["query", "SELEC nonsense", "--store", str(store)], 2, ""),
        (["query", "SELECT * WHERE { ?s ?p ?o }", "--store", str(tmp / "no-store")], 2, "no-store"),
        (["export", "--store", str(store), "-o", str(locked_out / "out.nq")], 2, "out.nq"),
        (["stats", "--store", str(tmp / "no-store")], 2, "no-store"),
        (["conflicts", "--store", str(tmp / "no-store")], 2, "no-store"),
        (["evaluate", MISSING], 2, "does not exist"),
        (["build", MISSING, "--out", str(tmp / "shards")], 2, "nothing"),
        (["push", "--endpoint", "not a url", "--store", str(store)], 2, ""),
        (["bench-corpus", "3", "--out", str(locked_out / "c")], 2, ""),
        (["wikidata", "import", MISSING], 2, "does not exist"),
        (["link", "--store", str(store), "--index", str(Path(MISSING) / "idx.sqlite")], 2, "cannot open the label index"),
        (["serve", "--store", str(tmp / "no-store"), "--get", "/sparql?query=ASK{}"], 2, "no-store"),
        (["train", "ner", "--train", MISSING, "--out", str(tmp / "m")], 2, "does not exist"),
        (["train", "ner", "--evaluate", MISSING, MISSING], 2, "does not exist"),
        (["load", "--no-such-option"], 2, "no-such-option"),
    ]


def test_every_command_fails_with_one_line_and_no_traceback(store, unreadable, tmp_path):
    root = os.geteuid() == 0  # root reads a file without permissions and writes into a read-only folder
    for args, code, needle in cases(store, unreadable, tmp_path):
        r = CliRunner().invoke(cli, args)
        tagger.configure()  # --tagger-model sets the process's tagger (for its workers): undo it between commands
        out = r.output
        if root and ("secret.txt" in needle or "no-write" in " ".join(args)):
            assert r.exception is None or isinstance(r.exception, SystemExit), (args, out)
            continue
        assert r.exit_code == code, (args, r.exit_code, out)
        assert "Traceback" not in out and (r.exception is None or isinstance(r.exception, SystemExit)), (args, out)
        if code == 2:
            errors = [ln for ln in out.splitlines() if ln.startswith("Error")]
            assert len(errors) == 1, (args, out)
        assert needle in out, (args, out)
