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
        load_shards(s, out, chunk_quads=700)  # several atomic chunks per shard
        load_shards(s, out, chunk_quads=700)  # loading the same build again replaces, never duplicates
    with KGStore(tmp_path / "atomic") as s:
        load_shards(s, out, atomic=True)
    load([corpus], store=tmp_path / "direct")
    assert stats(tmp_path / "from-shards") == stats(tmp_path / "direct") == stats(tmp_path / "atomic")


def test_shard_chunks_never_split_an_article(tmp_path):
    import pyoxigraph as ox

    from kg.build import article_chunks

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6, per_file=6, size=1500)
    out = tmp_path / "out"
    m = build(str(corpus), str(out), workers=1, lines_per_partition=6).manifest
    [shard] = m["shards"]
    with (out / shard).open("rb") as fh:
        chunks = list(article_chunks(fh, set(m["graphs"]), chunk_quads=1000))
    assert len(chunks) > 2
    seen = []
    for graphs, data in chunks:
        in_chunk = {q.graph_name.value for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)} & set(m["graphs"])
        assert in_chunk == set(graphs)
        seen += graphs
    assert sorted(seen) == sorted(m["graphs"])  # each article in exactly one chunk


def test_build_and_load_shards_cli(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4, per_file=4, size=800)
    r = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert r.exit_code == 0 and "articles: 4" in r.output, r.output
    r = CliRunner().invoke(cli, ["load", "--shards", str(tmp_path / "out"), "--store", str(tmp_path / "s")])
    assert r.exit_code == 0 and "articles loaded: 4" in r.output
    r = CliRunner().invoke(cli, ["load", "--shards", str(tmp_path / "out"), "--store", str(tmp_path / "t"), "--atomic"])
    assert r.exit_code == 0 and "articles loaded: 4" in r.output
