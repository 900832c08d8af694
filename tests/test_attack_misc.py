"""Point 9 of the hardening issue: the smaller defects, each reproduced against a server on 127.0.0.1."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import warnings

import pytest

from kg.api import load
from kg.resources import samples_dir
from kg.serve import ServeConfig, create_app
from kg.store import KGStore
from tests.conftest import WRITE_TOKEN
from tests.live_server import running_server

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TOKEN = WRITE_TOKEN
CROSS = "SELECT ?a ?b ?c ?d ?e ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("misc") / "store"
    load([samples_dir()], store=path)
    return path


@pytest.fixture
def client(writable):
    return writable  # the shared writable server of tests/conftest.py


def test_invalid_iris_are_400(client):
    q = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"
    for params in ({"query": q, "default-graph-uri": "not an iri"}, {"query": q, "named-graph-uri": "http://x/> {"}):
        assert client.get("/sparql", params=params).status_code == 400
    assert client.get("/store", params={"graph": "a b"}).status_code == 400
    assert client.get("/entity", params={"iri": "x y"}).status_code == 400


def test_deep_nesting_is_400_and_kills_no_worker(client):
    pids = [w.process.pid for w in client.app.state.kg.pool._all]
    r = client.get("/sparql", params={"query": "SELECT * WHERE " + "{" * 10_000 + "}" * 10_000})
    assert r.status_code == 400 and "nests brackets" in r.text
    r = client.post("/update", data={"update": "INSERT DATA " + "{" * 10_000 + "}" * 10_000}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400
    assert [w.process.pid for w in client.app.state.kg.pool._all] == pids


def test_only_http_links_on_entity_pages_and_404_for_unknown(client):
    ttl = ('<http://e.test/x> <http://www.w3.org/2000/01/rdf-schema#label> "Evil" ; '
           '<http://www.w3.org/2002/07/owl#sameAs> <javascript:alert(1)> , <https://www.wikidata.org/entity/Q1> .')
    r = client.put("/store", params={"graph": "http://g.test/evil"}, content=ttl.encode(),
                   headers={"content-type": "text/turtle", "authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (201, 204)
    page = client.get("/entity", params={"iri": "http://e.test/x"})
    assert page.status_code == 200
    assert 'href="javascript:' not in page.text and "javascript:alert(1)" in page.text
    assert 'href="https://www.wikidata.org/entity/Q1"' in page.text
    assert client.get("/entity", params={"iri": "http://e.test/unknown"}).status_code == 404
    assert client.get("/claim", params={"iri": "http://e.test/unknown"}).status_code == 404


def test_map_and_entity_pages_print_stored_values_as_text(client):
    kg, geo = "https://w3id.org/kg-news/ontology#", "http://www.w3.org/2003/01/geo/wgs84_pos#"
    ttl = (f'<http://e.test/p> <{kg}entityCategory> "place" ; <http://www.w3.org/2004/02/skos/core#prefLabel> "<script>alert(1)</script>" ; '
           f'<{geo}lat> "10.5" ; <{geo}long> "20.5" ; <{kg}geonamesId> "javascript:alert(2)" . '
           f'<http://e.test/q> <{kg}entityCategory> "place" ; <{geo}lat> "north\\" onmouseover=\\"x" ; <{geo}long> "1" .')
    r = client.put("/store", params={"graph": "http://g.test/evil-place"}, content=ttl.encode(),
                   headers={"content-type": "text/turtle", "authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (201, 204), r.text
    try:
        for path, params in (("/map", {}), ("/entity", {"iri": "http://e.test/p"}), ("/entity", {"iri": "http://e.test/q"})):
            page = client.get(path, params=params)
            assert page.status_code == 200
            assert "<script>alert" not in page.text and 'onmouseover="x' not in page.text
            assert 'href="javascript:' not in page.text and "geonames.org/javascript" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/map").text
    finally:
        client.delete("/store", params={"graph": "http://g.test/evil-place"}, headers={"authorization": f"Bearer {TOKEN}"})


def test_a_timed_out_page_is_503(tmp_path, store):
    with TestClient(create_app(ServeConfig(store=store, timeout=0.0001, workers=1))) as c:
        assert c.get("/entity", params={"iri": "http://e.test/x"}).status_code == 503


def test_bearer_scheme_is_case_insensitive(client):
    for scheme, expected in (("bearer", 204), ("BEARER", 204), ("Bearer", 204), ("Basic", 401)):
        r = client.post("/update", data={"update": "INSERT DATA { <http://s> <http://p> 1 }"},
                        headers={"authorization": f"{scheme} {TOKEN}"})
        assert r.status_code == expected, scheme
    r = client.post("/update", data={"update": "INSERT DATA { <http://s> <http://p> 1 }"}, headers={"authorization": "Bearer wrong"})
    assert r.status_code == 401


def test_writable_serve_on_a_locked_store_is_one_line_and_exit_2(tmp_path):
    with KGStore(tmp_path / "locked"):
        run = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(tmp_path / "locked"), "--writable",
                              "--token", "t", "--port", "1"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert "locked" in run.stderr and "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_half_open_connections_do_not_lock_everyone_out(store):
    with running_server(store, "--header-timeout", "1", "--workers", "1", file_limit=200) as base:
        port = int(base.rsplit(":", 1)[1])
        idle = []
        try:
            for _ in range(300):  # more than the server may hold open at once
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect(("127.0.0.1", port))
                except OSError:
                    s.close()
                    continue
                idle.append(s)
            closed = 0
            end = time.monotonic() + 10
            for s in idle:  # each waits for the server to close it once the header deadline has passed
                s.settimeout(max(0.1, end - time.monotonic()))
                try:
                    closed += s.recv(1) == b""
                except TimeoutError:
                    pass
                except OSError:
                    closed += 1
            assert closed >= len(idle) * 0.9, (closed, len(idle))
            t0 = time.monotonic()
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=10) as r:
                assert r.status == 200
            assert time.monotonic() - t0 < 5
        finally:
            for s in idle:
                s.close()


def test_a_query_over_the_worker_memory_limit_is_503(store):
    with running_server(store, "--worker-memory-mb", "300", "--workers", "1", "--timeout", "60") as base:
        url = f"{base}/sparql?{urllib.parse.urlencode({'query': CROSS})}"
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url, timeout=90)
        assert e.value.code == 503 and "more than 300 MB" in e.value.read().decode()
        with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=30) as r:
            assert r.status == 200  # a fresh worker took its place


def test_pages_answer_from_the_cache_until_the_store_changes(client):
    def claims() -> int:
        return int(re.search(r'<p id="count">(\d+) claim', client.get("/").text).group(1))

    before = claims()
    cache = client.app.state.kg.pool.page_cache
    assert cache.answers and claims() == before  # asked again: answered from the cache
    article = {"title": "Cache check", "language": "en", "published": "2024-05-01",
               "text": "The ministry said that the bridge over the river reopened on Monday."}
    r = client.post("/articles", content=json.dumps(article), headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    try:
        assert claims() == before + 1  # the write bumped the store's generation: the page is computed again
    finally:
        graph = r.json()["loaded"][0]["graph"]
        client.delete("/store", params={"graph": graph}, headers={"authorization": f"Bearer {TOKEN}"})
    assert claims() == before


def test_page_cache_keeps_the_most_recent_answers_of_one_generation():
    from kg.serve.pages import PageCache

    cache = PageCache(2)
    cache.get(1, "a")
    cache.put("a", [{"x": 1}])
    cache.put("b", [])
    assert cache.get(1, "a") == [{"x": 1}]
    cache.put("c", [])  # b was the least recently used
    assert cache.get(1, "b") is None and cache.get(1, "c") == []
    assert cache.get(2, "a") is None  # a new generation starts empty
    PageCache(0).put("a", [])  # size 0: nothing kept
    import kg.serve.pages as pages

    big = PageCache(100)
    big.get(1, "x")
    for n in range(60):
        big.put(f"q{n}", [{}] * 5_000)
    assert big.rows <= pages.MAX_CACHED_ROWS_TOTAL and big.rows == sum(map(len, big.answers.values()))
    assert "q59" in big.answers and "q0" not in big.answers  # the oldest went first
