"""kg build on a real Dask LocalCluster with worker processes: shards load to the same stats as kg load."""

import json

from click.testing import CliRunner

from kg.api import load, stats
from kg.build import build, load_shards
from kg.cli import cli
from kg.corpus import write_corpus
from kg.store import KGStore


def test_build_shards_match_kg_load(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 12, per_file=5, size=1000)
    with (corpus / "part-00002.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    out = f"file://{tmp_path / 'out'}"
    report = build(str(corpus), out, workers=2, lines_per_partition=3)
    m = report.manifest
    assert m["articles"] == 12 and len(m["shards"]) >= 4 and m["kg_version"]
    assert len(m["rejects"]) == 1 and m["rejects"][0]["source"].endswith("part-00002.jsonl#3")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["graphs"] == m["graphs"]
    with KGStore(tmp_path / "from-shards") as s:
        load_shards(s, out)
        load_shards(s, out)  # loading the same build again replaces, never duplicates
    load([corpus], store=tmp_path / "direct")
    assert stats(tmp_path / "from-shards") == stats(tmp_path / "direct")


def test_build_and_load_shards_cli(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4, per_file=4, size=800)
    r = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert r.exit_code == 0 and "articles: 4" in r.output, r.output
    r = CliRunner().invoke(cli, ["load", "--shards", str(tmp_path / "out"), "--store", str(tmp_path / "s")])
    assert r.exit_code == 0 and "articles loaded: 4" in r.output
