"""Point look-ups answered in the server's process: which queries qualify, that their answers are the
workers' answers, that a look-up over the budget still goes to a worker, and that writes are seen."""

from __future__ import annotations

import warnings

import pyoxigraph as ox
import pytest

from kg.serve import ServeConfig, create_app
from kg.serve.lookups import ROW_BUDGET, is_point_lookup
from tests.conftest import WRITE_TOKEN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

EX = "http://example.org/"
BIG = f"{EX}big"  # a subject with more answers than the budget


@pytest.mark.parametrize("query", [
    f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}s1> <{EX}p> ?o }} }}",
    f"SELECT * {{ <{EX}s1> ?p ?o . }}",
    f"PREFIX ex: <{EX}> SELECT ?s WHERE {{ ?s ex:p \"one\"@en }} LIMIT 5",
    f"select ?s where {{ ?s a <{EX}Thing> }}",
    f"ASK {{ ?s <{EX}p> \"2\"^^<http://www.w3.org/2001/XMLSchema#integer> }}",
    f"BASE <{EX}> SELECT ?p ?o WHERE {{ GRAPH <g> {{ <s1> ?p ?o }} }}",
])
def test_one_pattern_with_a_fixed_term_is_a_point_lookup(query):
    assert is_point_lookup(query)


@pytest.mark.parametrize("query", [
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",  # nothing fixed: a scan
    "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 100",  # a sample (measured: no faster here)
    f"SELECT ?o WHERE {{ <{EX}s1> <{EX}p> ?o FILTER(?o > 1) }}",
    f"SELECT ?o WHERE {{ <{EX}s1> <{EX}p> ?o . ?o <{EX}p> ?x }}",
    f"SELECT DISTINCT ?o WHERE {{ <{EX}s1> ?p ?o }}",
    f"SELECT ?o WHERE {{ <{EX}s1> ?p ?o }} ORDER BY ?o",
    f"SELECT ?o WHERE {{ <{EX}s1> ?p ?o }} LIMIT 5 OFFSET 100000",
    f"SELECT ?o WHERE {{ SERVICE <http://127.0.0.1:9/> {{ <{EX}s1> ?p ?o }} }}",
    f"SELECT ?o WHERE {{ <{EX}s1> <{EX}p>+ ?o }}",
    f"SELECT (COUNT(*) AS ?n) WHERE {{ <{EX}s1> ?p ?o }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ <{EX}s1> ?p ?o }}",
    "SELECT ?o WHERE { <unclosed",
])
def test_everything_else_goes_to_a_worker(query):
    assert not is_point_lookup(query)


def _quads() -> list[ox.Quad]:
    g = ox.NamedNode(f"{EX}graph/1")
    p = ox.NamedNode(f"{EX}p")
    quads = [ox.Quad(ox.NamedNode(f"{EX}s{i}"), p, ox.Literal(f"value {i}"), g) for i in range(50)]
    quads += [ox.Quad(ox.NamedNode(BIG), p, ox.Literal(f"item {i}"), g) for i in range(ROW_BUDGET + 200)]
    return quads


@pytest.fixture()
def served(tmp_path):
    store = tmp_path / "store"
    s = ox.Store(str(store))
    s.extend(_quads())
    s.flush()
    del s
    app = create_app(ServeConfig(store=store, writable=True, token=WRITE_TOKEN, timeout=10.0))
    with TestClient(app) as client:
        yield client, app.state.kg


def _values(r) -> list[str]:
    assert r.status_code == 200, r.text
    return sorted(b["o"]["value"] for b in r.json()["results"]["bindings"])


def test_a_point_lookup_is_answered_in_process_as_a_worker_would(served):
    client, server = served
    point = f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}s7> <{EX}p> ?o }} }}"
    by_worker = f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}s7> <{EX}p> ?o FILTER(true) }} }}"  # not the shape
    here = client.get("/sparql", params={"query": point}, headers={"accept": "application/sparql-results+json"})
    assert server.lookups.answered == 1
    there = client.get("/sparql", params={"query": by_worker}, headers={"accept": "application/sparql-results+json"})
    assert server.lookups.answered == 1
    assert _values(here) == _values(there) == ["value 7"]
    # the negotiated format and errors are the workers' own
    csv = client.get("/sparql", params={"query": point}, headers={"accept": "text/csv"})
    assert csv.headers["content-type"].startswith("text/csv") and "value 7" in csv.text
    bad = client.get("/sparql", params={"query": f"SELECT ?o WHERE {{ <{EX}s7> nope:p ?o }}"})
    assert bad.status_code == 400 and "invalid SPARQL query" in bad.text
    view = server.lookups._view
    client.get("/sparql", params={"query": f"SELECT ?o WHERE {{ <{EX}s7> nope:p ?o }}"})
    assert server.lookups._view is view  # a syntax error does not cost a new view of the store


def test_a_lookup_over_the_budget_is_a_workers_and_complete(served):
    client, server = served
    before = server.lookups.answered
    r = client.get("/sparql", params={"query": f"SELECT ?o WHERE {{ <{BIG}> <{EX}p> ?o }}"},
                   headers={"accept": "application/sparql-results+json"})
    assert len(_values(r)) == ROW_BUDGET + 200
    assert server.lookups.answered == before


def test_a_write_is_seen_by_the_next_lookup(served):
    client, server = served
    point = {"query": f"ASK {{ <{EX}new> <{EX}p> \"fresh\" }}"}
    assert client.get("/sparql", params=point, headers={"accept": "application/sparql-results+json"}).json()["boolean"] is False
    r = client.post("/update", content=f"INSERT DATA {{ GRAPH <{EX}graph/2> {{ <{EX}new> <{EX}p> \"fresh\" }} }}",
                    headers={"content-type": "application/sparql-update", "authorization": f"Bearer {WRITE_TOKEN}"})
    assert r.status_code == 204, r.text
    assert client.get("/sparql", params=point, headers={"accept": "application/sparql-results+json"}).json()["boolean"] is True
    assert server.lookups.answered == 2


def test_settings_travel_to_other_processes_as_json(tmp_path):
    config = ServeConfig(store=tmp_path / "s", allow_service=("http://127.0.0.1:9/sparql",), cors=("http://a.example",),
                         worker_memory=None, http_processes=2, page_cache=0)
    assert ServeConfig.from_json(config.to_json()) == config


def test_several_http_processes_answer_on_one_port_and_stop_together(tmp_path):
    import json
    import os
    import subprocess
    import sys
    import time
    import urllib.parse
    import urllib.request

    from tests.live_server import running_server

    store = tmp_path / "store"
    s = ox.Store(str(store))
    s.extend(_quads()[:50])
    s.flush()
    del s
    point = urllib.parse.quote(f"SELECT ?o WHERE {{ GRAPH ?g {{ <{EX}s3> <{EX}p> ?o }} }}")
    with running_server(store, "--http-processes", "2", "--workers", "2", "--no-access-log") as base:
        pids = set()
        for _ in range(12):  # a new connection each time: the kernel spreads them over the processes
            with urllib.request.urlopen(urllib.request.Request(f"{base}/sparql?query={point}",
                                                               headers={"accept": "application/sparql-results+json"})) as r:
                assert [b["o"]["value"] for b in json.load(r)["results"]["bindings"]] == ["value 3"]
        parent = next(int(p) for p in os.listdir("/proc") if p.isdigit() and _serves(p, base.rsplit(":", 1)[1]))
        children = [int(p) for p in os.listdir("/proc") if p.isdigit() and _parent_of(p) == parent]
        pids.update(children)
        assert len([p for p in children if b"multiprocessing.spawn" in _cmdline(p)]) == 2
    deadline = time.time() + 20
    while [p for p in pids if os.path.exists(f"/proc/{p}")] and time.time() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if os.path.exists(f"/proc/{p}")]  # every process ended with the server
    # a writable server keeps one process: the store has one writer
    r = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--writable", "--token", "t",
                        "--http-processes", "2"], capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "one process" in r.stderr


def _cmdline(pid) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read()
    except OSError:
        return b""


def _serves(pid, port: str) -> bool:
    cmd = _cmdline(pid).split(b"\0")
    return b"serve" in cmd and port.encode() in cmd


def _parent_of(pid) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return int(fh.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return None


def test_a_view_that_fails_once_is_opened_again_before_a_worker_is_asked(served, monkeypatch):
    import kg.serve.lookups as lookups

    client, server = served
    real, calls = lookups.open_read_only_view, []

    def flaky(path):
        calls.append(path)
        if len(calls) == 1:
            raise OSError("opened while the store was flushing")
        return real(path)

    monkeypatch.setattr(lookups, "open_read_only_view", flaky)
    server.lookups.close()  # the next look-up opens a view
    before = server.lookups.answered
    point = {"query": f"ASK {{ <{EX}s7> ?p ?o }}"}
    r = client.get("/sparql", params=point, headers={"accept": "application/sparql-results+json"})
    assert r.status_code == 200 and len(calls) == 2
    assert server.lookups.answered == before + 1  # answered here, by the second view
