"""`kg extract PATH… --out DIR`: one JSON per article, in one process or a pool, the same JSON as one by one."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.batch_extract import output_name
from kg.cli import cli
from kg.resources import samples_dir


def test_a_folder_and_a_jsonl_file_give_one_json_per_article(tmp_path):
    records = tmp_path / "wire.jsonl"
    records.write_text(json.dumps({"text": "قال الجيش اللبناني إن الوضع هادئ في الجنوب."}, ensure_ascii=False) + "\n"
                       + json.dumps({"text": "Officials said the port reopened on Monday.", "published": "yesterday"}) + "\n"
                       + json.dumps({"text": "The ministry said 40 people were wounded."}) + "\n", encoding="utf-8")
    outs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        r = CliRunner().invoke(cli, ["extract", str(samples_dir()), str(records), "--out", str(out), "-q", "--workers", workers])
        assert r.exit_code == 1 and "articles extracted: 8, failed: 1" in r.output, r.output
        assert "wire.jsonl#2: published 'yesterday'" in r.output
        outs[workers] = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}
    assert outs["1"] == outs["2"] and {"wire.jsonl-1.json", "wire.jsonl-3.json", "libya_oil_ar.json"} <= set(outs["1"])
    one = CliRunner().invoke(cli, ["extract", str(samples_dir() / "libya_oil_ar.txt")])
    assert json.loads(one.output) == outs["1"]["libya_oil_ar.json"]  # the same JSON as one file at a time


def test_output_names():
    assert output_name("samples/a.txt") == "a.json" and output_name("x/batch.jsonl#12") == "batch.jsonl-12.json"
    assert output_name("<stdin>#2") == "_stdin_-2.json"


def test_single_file_mode_refuses_a_folder_or_many_files(tmp_path):
    r = CliRunner().invoke(cli, ["extract", str(samples_dir())])
    assert r.exit_code == 2 and "--out" in r.output
    r = CliRunner().invoke(cli, ["extract", str(samples_dir() / "libya_oil_ar.txt"), str(samples_dir() / "iraq_mosul_ar.txt")])
    assert r.exit_code == 2 and "--out" in r.output
