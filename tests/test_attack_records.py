"""Points 5 and 6 of the hardening issue: no single record can stop, slow without bound or corrupt a load.

Every bad record is rejected by name with its reason, the good ones of the same run load, and the
counts are true.
"""

from __future__ import annotations

import json
import warnings

from click.testing import CliRunner

from kg.cli import cli
from kg.extract import conflicts
from kg.read import read_paths
from kg.records import Article, ReadError
from kg.store import KGStore

GOOD = {"text": "قال وزير الخارجية إن «المحادثات كانت مثمرة». The minister said talks went well.", "url": "https://news.example/good"}


def good(n: int) -> dict:
    return {**GOOD, "url": f"https://news.example/good/{n}"}


def load(tmp_path, *paths, extra=()):
    r = CliRunner().invoke(cli, ["load", "--quiet", "--workers", "1", "--store", str(tmp_path / "store"), *extra, *map(str, paths)])
    return r


def stored_graphs(tmp_path) -> int:
    with KGStore(tmp_path / "store", read_only=True) as s:
        return sum(1 for g in s.named_graphs() if "/graph/article/" in g)


def test_deep_json_is_rejected_by_name_and_the_rest_loads(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "deep.json").write_text(deep)
    (tmp_path / "lines.jsonl").write_text("\n".join([json.dumps(good(1)), '{"text": ' + deep + "}", json.dumps(good(2))]))
    (tmp_path / "ok.json").write_text(json.dumps(good(3)))
    r = load(tmp_path, tmp_path)
    assert r.exit_code == 1, r.output
    assert "deep.json: JSON nested too deeply" in r.output
    assert "lines.jsonl#2: JSON nested too deeply" in r.output
    assert "articles loaded: 3, rejected: 2" in r.output
    assert stored_graphs(tmp_path) == 3


def test_unreadable_sidecar_and_vanished_file_are_named(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD["text"])
    (tmp_path / "a.meta.json").mkdir()  # a directory where a sidecar should be
    (tmp_path / "b.txt").write_text(GOOD["text"] + " Another sentence.")
    (tmp_path / "gone.txt").write_text("soon gone")
    import kg.read as reader

    real = reader.read_file

    def vanishing(path, **kw):
        if path.name == "gone.txt":
            path.unlink()
        return real(path, **kw)

    monkeypatch.setattr(reader, "read_file", vanishing)
    items = list(read_paths([tmp_path]))
    errors = {i.source.rsplit("/", 1)[-1]: i.message for i in items if isinstance(i, ReadError)}
    assert "a.txt" in errors and "a.meta.json cannot be read" in errors["a.txt"]
    assert errors.get("gone.txt") == "the file disappeared before it could be read"
    assert [i.source.rsplit("/", 1)[-1] for i in items if isinstance(i, Article)] == ["b.txt"]


def test_duplicates_in_one_batch_are_reported_not_merged(tmp_path):
    same = [json.dumps({**GOOD, "text": GOOD["text"] + suffix}) for suffix in ("", " Updated.")]
    (tmp_path / "dups.jsonl").write_text("\n".join(same + [json.dumps(good(9))]))
    r = load(tmp_path, tmp_path / "dups.jsonl")
    assert "dups.jsonl#2: duplicate" in r.output
    assert "articles loaded: 2, rejected: 1 (duplicates: 1)" in r.output
    r = CliRunner().invoke(cli, ["validate", "--store", str(tmp_path / "store")])
    assert r.exit_code == 0, r.output  # one body per graph: the store conforms


def test_lone_surrogate_is_a_read_error_not_an_extraction_failure(tmp_path):
    (tmp_path / "s.jsonl").write_text('{"text": "Officials said \\ud800 nothing.", "url": "https://x.example/1"}\n' + json.dumps(good(4)))
    r = load(tmp_path, tmp_path / "s.jsonl")
    assert "s.jsonl#1: the text holds a lone surrogate (U+D800" in r.output
    assert "extraction failed" not in r.output
    assert "articles loaded: 1, rejected: 1" in r.output


def test_article_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("The minister said talks went well. " * 40_000)  # 1.4 MB
    (tmp_path / "big.jsonl").write_text(json.dumps({"text": "x " * 600_000, "url": "https://x.example/big"}) + "\n" + json.dumps(good(5)))
    (tmp_path / "small.txt").write_text(GOOD["text"])
    r = load(tmp_path, tmp_path)
    assert "big.txt: article of 1,400,000 bytes is over the limit of 1,000,000" in r.output
    assert "big.jsonl#1: article of 1,200,000 bytes is over the limit" in r.output
    assert "articles loaded: 2, rejected: 2" in r.output
    r = load(tmp_path, tmp_path / "big.txt", extra=("--max-article-bytes", "2000000"))
    assert r.exit_code == 0 and "articles loaded: 1" in r.output


def test_conflicts_compare_a_bounded_number_of_pairs(monkeypatch):
    """Linear, not pairwise: a long article's claims are each compared with at most MAX_CANDIDATES others."""
    from kg.corpus import articles
    from kg.extract import extract

    calls = []
    real = conflicts._conflict
    monkeypatch.setattr(conflicts, "_conflict", lambda *a: calls.append(1) or real(*a))
    text = "\n\n".join(a["text"] for a in articles(60, seed=2, size=2500))
    x = extract(Article(text=text, source="long"))
    assert len(x.claims) > 500
    assert len(calls) <= conflicts.MAX_CANDIDATES * len(x.claims)
    assert len(calls) < len(x.claims) * (len(x.claims) - 1) // 8  # far below all pairs


def test_post_articles_rejects_bad_records_and_keeps_the_rest(tmp_path):
    from kg.serve import ServeConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    deep = '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}"
    body = "\n".join([json.dumps(good(1)), deep, '{"text": "bad \\udc00 text"}', json.dumps(good(1)), json.dumps(good(2))])
    with TestClient(create_app(ServeConfig(store=tmp_path / "w", writable=True, token="t", workers=1))) as c:
        r = c.post("/articles", content=body.encode(), headers={"authorization": "Bearer t"})
        assert r.status_code == 207, r.text
        out = r.json()
        assert [x["source"] for x in out["loaded"]] == ["request#1", "request#5"]
        reasons = {x["source"]: x["reason"] for x in out["rejected"]}
        assert "nested too deeply" in reasons["request#2"] and "lone surrogate" in reasons["request#3"]
        assert reasons["request#4"].startswith("duplicate") and out["duplicates"] == 1
        array = "[" + ",".join([json.dumps(good(7)), "[" * 50_000 + "]" * 50_000]) + "]"
        r = c.post("/articles", content=array.encode(), headers={"authorization": "Bearer t"})
        assert r.status_code == 207 and len(r.json()["loaded"]) == 1
