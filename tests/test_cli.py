"""The CLI end to end through click's CliRunner, on the bundled samples and on bad inputs."""

import json
import shutil

from click.testing import CliRunner

from kg.cli import cli
from kg.resources import samples_dir


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_load_twice_same_stats_and_store_validates(store_dir):
    first = invoke("load", samples_dir(), "--store", store_dir, "--quiet")
    assert first.exit_code == 0, first.output
    assert "articles loaded: 6, rejected: 0" in first.output
    stats1 = json.loads(invoke("stats", "--store", store_dir, "--format", "json").output)
    again = invoke("load", samples_dir(), "--store", store_dir, "--quiet")
    assert again.exit_code == 0
    stats2 = json.loads(invoke("stats", "--store", store_dir, "--format", "json").output)
    assert stats1 == stats2
    assert stats1["articles"] == 6 and stats1["languages"] == {"ar": 4, "en": 2}
    v = invoke("validate", "--store", store_dir)
    assert v.exit_code == 0, v.output


def test_load_timings_say_where_the_cpu_went(store_dir):
    r = invoke("load", samples_dir(), "--store", store_dir, "--quiet", "--workers", "1", "--timings")
    assert r.exit_code == 0, r.output
    line = next(x for x in r.output.splitlines() if x.startswith("CPU ms per article"))
    figures = dict(part.rsplit(" ", 1) for part in line.split(": ", 1)[1].split("; ")[0].split(", "))
    assert set(figures) == {"extract", "map", "validate", "serialise", "writer"}
    assert float(figures["extract"]) > 0 and float(figures["validate"]) > 0


def test_batch_with_violating_and_undecodable_files(tmp_path, store_dir):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(samples_dir() / "iraq_mosul_ar.txt", batch / "good.txt")
    (batch / "bad.jsonl").write_text(json.dumps({"text": "قال المتحدث إن الوضع هادئ.", "language": "Arabic!!"}, ensure_ascii=False) + "\n", encoding="utf-8")
    (batch / "broken.txt").write_bytes("نص".encode("utf-8") + b"\xff\xfe\xfa")
    (batch / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (batch / "empty.json").write_text("", encoding="utf-8")
    (batch / "corrupt.json").write_text('{"text": "unterminated', encoding="utf-8")
    # something already stored must survive the batch
    invoke("load", samples_dir() / "english_economy.txt", "--store", store_dir, "-q")
    r = invoke("load", batch, "--store", store_dir, "-q")
    assert r.exit_code == 1
    assert "bad.jsonl#1" in r.output and "language" in r.output
    assert "broken.txt" in r.output and "not UTF-8" in r.output
    assert "binary.txt" in r.output and "binary" in r.output
    assert "empty.json: empty file" in r.output
    assert "corrupt.json: invalid JSON" in r.output
    assert "articles loaded: 1, rejected: 5" in r.output
    st = json.loads(invoke("stats", "--store", store_dir, "--format", "json").output)
    assert st["articles"] == 2


def test_extract_json_contract(tmp_path):
    f = tmp_path / "a.txt"
    text = "وقال الوزير عماد سالم لـ«الشرق الأوسط» إن نحو 30 في المائة من الطرق مغلقة."
    f.write_text(text, encoding="utf-8")
    r = invoke("extract", f, "--format", "json")
    assert r.exit_code == 0
    d = json.loads(r.output)
    assert set(d) >= {"article", "entities", "claims", "conflicts"}
    for e in d["entities"]:
        assert {"id", "iri", "label", "category", "type", "wikidata", "mentions"} <= set(e)
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    [c] = d["claims"]
    assert {"id", "iri", "claimant", "cue", "mode", "content", "channel", "certainty", "about", "quantities"} <= set(c)
    assert text[c["content"]["start"]:c["content"]["end"]] == c["content"]["text"]
    assert c["quantities"][0]["value"] == 30


def test_query_formats_and_examples(store_dir):
    invoke("load", samples_dir(), "--store", store_dir, "-q")
    q = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }"
    csv_out = invoke("query", q, "--store", store_dir, "--format", "csv").output
    assert csv_out.splitlines()[0] == "n" and int(csv_out.splitlines()[1]) > 10
    js = json.loads(invoke("query", q, "--store", store_dir, "--format", "json").output)
    assert js["results"]["bindings"]
    table = invoke("query", "claims_per_claimant", "--store", store_dir, "--format", "table").output
    assert "claimant" in table
    ttl = invoke("query", "CONSTRUCT { ?c kg:cue ?x } WHERE { ?c kg:cue ?x } LIMIT 3", "--store", store_dir, "--format", "turtle")
    assert ttl.exit_code == 0 and "ontology#cue" in ttl.output
    bad = invoke("query", "SELECT WHERE {", "--store", store_dir)
    assert bad.exit_code == 2 and "invalid SPARQL" in bad.output


def test_export_formats(store_dir, tmp_path):
    invoke("load", samples_dir() / "libya_oil_ar.txt", "--store", store_dir, "-q")
    nq = invoke("export", "--store", store_dir, "--format", "nquads").output
    assert nq.count("\n") > 50
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    assert len(list(ds.graphs())) >= 3
    for fmt in ("trig", "turtle", "jsonld"):
        r = invoke("export", "--store", store_dir, "--format", fmt)
        assert r.exit_code == 0 and len(r.output) > 100, fmt


def test_conflicts_command(tmp_path, store_dir):
    f = tmp_path / "c.txt"
    f.write_text(
        "قال المرصد السوري لحقوق الإنسان إن الفصائل تسيطر على نحو 70 في المائة من مدينة إدلب. "
        "وأكدت الحكومة السورية أن الفصائل لا تسيطر إلا على 40 في المائة من المدينة.",
        encoding="utf-8",
    )
    invoke("load", f, "--store", store_dir, "-q")
    out = invoke("conflicts", "--store", store_dir).output
    assert "70 في المائة" in out and "40 في المائة" in out


def test_demo_prints_three_answers(tmp_path):
    r = invoke("demo", "--store", tmp_path / "demo")
    assert r.exit_code == 0, r.output
    for title in ("Claims per claimant", "Places mentioned", "Claims with quantities"):
        assert f"== {title}" in r.output


def test_errors_are_one_line_exit_2(tmp_path):
    r = invoke("stats", "--store", tmp_path / "nothing")
    assert r.exit_code == 2 and "no store" in r.output
