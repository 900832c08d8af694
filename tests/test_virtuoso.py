"""`kg push --auth digest` into a real Virtuoso 7.2 (Debian's virtuoso-opensource), started by this test on
127.0.0.1 in a temporary folder: every graph arrives, a second push changes nothing, the triple count of each
graph is the same in kg and in Virtuoso, and an example query gives the same rows on both. Skipped where
Virtuoso is not installed (``.ci/run`` installs it)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import KnowledgeGraph
from kg.queries import examples, with_prefixes

from .live_server import free_port, stop

VIRTUOSO = shutil.which("virtuoso-t")
TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
pytestmark = pytest.mark.skipif(not VIRTUOSO or not TEMPLATE.exists(), reason="Virtuoso (virtuoso-opensource) is not installed")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A fresh Virtuoso database (user dba, password dba) listening on 127.0.0.1 only."""
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = TEMPLATE.read_text(encoding="utf-8")
    ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{folder}/")
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", ini)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    log = (folder / "out.log").open("wb")
    proc = subprocess.Popen([VIRTUOSO, "-f", "-c", str(folder / "virtuoso.ini")], cwd=folder, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "out.log").read_text(errors="replace")[-2000:]) from None
                time.sleep(0.2)
        yield base
    finally:
        stop(proc, timeout=30)
        log.close()


def _select(base: str, query: str) -> list[dict[str, str]]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query, "format": "application/sparql-results+json"})
    with urllib.request.urlopen(url, timeout=60) as r:
        rows = json.load(r)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


def test_digest_push_into_virtuoso(virtuoso, tmp_path):
    demo = KnowledgeGraph.demo(tmp_path / "store")
    kg = KnowledgeGraph(demo.store)
    graphs = [r["g"].value for r in kg.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]
    endpoint = f"{virtuoso}/sparql-graph-crud-auth"

    refused = kg.push(endpoint, auth="auto")  # no credentials: Virtuoso's challenge is refused, the push stops
    assert refused.pushed == 0 and refused.stopped and "401" in refused.stopped
    wrong = kg.push(endpoint, user="dba", password="not-the-password", auth="digest")
    assert wrong.pushed == 0 and "401" in (wrong.stopped or "")

    for _ in range(2):  # pushing again replaces each graph: the same counts
        report = kg.push(endpoint, user="dba", password="dba", auth="digest")
        assert report.pushed == len(graphs) == 7 and not report.failed and not report.stopped, report.summary()
        counts = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        ours = {r["g"].value: int(r["n"].value) for r in kg.query(counts)}
        theirs = {r["g"]: int(r["n"]) for r in _select(virtuoso, counts) if r["g"] in ours}  # not Virtuoso's own graphs
        assert theirs == ours and sum(ours.values()) > 1000

    query = examples()["claims_by_channel"]  # kg's example query, unchanged, with the prefixes kg declares
    mine = sorted(tuple(sorted((k, v.value) for k, v in row.items() if v is not None)) for row in kg.query(query))
    virt = sorted(tuple(sorted(row.items())) for row in _select(virtuoso, with_prefixes(query)))
    assert mine and virt == mine
