"""kg push: every named graph PUT to a live `kg serve --writable`; pushing twice changes nothing."""

import json

from click.testing import CliRunner

from kg.api import load, stats
from kg.cli import cli
from kg.resources import samples_dir

from .live_server import running_server


def test_push_to_kg_serve_is_idempotent(tmp_path):
    source, target = tmp_path / "source", tmp_path / "target"
    load([samples_dir() / "iraq_mosul_ar.txt", samples_dir() / "english_economy.txt"], store=source)
    with running_server(target, "--writable", "--token", "pushtoken") as base:
        endpoint = base + "/store"
        bad = CliRunner().invoke(cli, ["push", "--store", str(source), "--endpoint", endpoint, "--token", "wrong"])
        assert bad.exit_code == 1 and "401" in bad.output
        for _ in range(2):
            r = CliRunner().invoke(cli, ["push", "--store", str(source), "--endpoint", endpoint, "--token", "pushtoken"])
            assert r.exit_code == 0 and "graphs pushed: 3, failed: 0" in r.output, r.output
        # Basic, with the token as password, works too; a wrong password or Digest does not
        basic = ["push", "--store", str(source), "--endpoint", endpoint, "--auth", "basic", "--user", "analyst"]
        r = CliRunner().invoke(cli, [*basic, "--password", "pushtoken"])
        assert r.exit_code == 0 and "graphs pushed: 3, failed: 0" in r.output, r.output
        assert "401" in CliRunner().invoke(cli, [*basic, "--password", "wrong"]).output
        import urllib.parse
        import urllib.request

        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        with urllib.request.urlopen(f"{base}/sparql?query={q}") as resp:
            n = int(json.load(resp)["results"]["bindings"][0]["n"]["value"])
    assert n == stats(source)["triples"]
