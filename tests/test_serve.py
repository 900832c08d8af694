"""kg serve in-process: the protocol forms, content negotiation, safety limits, writes with a token."""

from __future__ import annotations

import json
import threading
import time
import warnings

import pytest

from kg.api import load
from kg.resources import samples_dir
from kg.serve import ServeConfig, create_app
from tests.conftest import WRITE_TOKEN

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TOKEN = WRITE_TOKEN
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    load([samples_dir() / "iraq_mosul_ar.txt", samples_dir() / "english_economy.txt"], store=path)
    return path


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(ServeConfig(store=store, timeout=2.0, max_result_bytes=60_000))) as c:
        yield c


def n_of(r) -> int:
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_get_post_form_post_direct_agree(client):
    a = client.get("/sparql", params={"query": COUNT})
    b = client.post("/sparql", data={"query": COUNT})
    c = client.post("/query", content=COUNT, headers={"content-type": "application/sparql-query"})
    assert a.status_code == b.status_code == c.status_code == 200
    assert n_of(a) == n_of(b) == n_of(c) > 100  # union of the named graphs by default


def test_dataset_parameters(client):
    graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    gs = [b["g"]["value"] for b in graphs["results"]["bindings"]]
    article = next(g for g in gs if "/graph/article/" in g)
    one = client.get("/sparql", params={"query": COUNT, "default-graph-uri": article})
    assert 0 < n_of(one) < n_of(client.get("/sparql", params={"query": COUNT}))
    named = client.get("/sparql", params=[("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), ("named-graph-uri", article)])
    assert [b["g"]["value"] for b in named.json()["results"]["bindings"]] == [article]


@pytest.mark.parametrize(
    "accept,expected",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_negotiation(client, accept, expected):
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a <https://w3id.org/kg-news/ontology#Claim> } LIMIT 2"}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(expected)


@pytest.mark.parametrize(
    "accept", ["text/turtle", "application/n-triples", "application/n-quads", "application/trig", "application/ld+json", "application/rdf+xml"]
)
def test_construct_negotiation(client, accept):
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kg-news/ontology#Claim> ; ?p ?o } LIMIT 20"
    r = client.get("/sparql", params={"query": q}, headers={"accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept) and len(r.content) > 100
    from rdflib import Dataset

    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/n-quads": "nquads", "application/trig": "trig",
           "application/ld+json": "json-ld", "application/rdf+xml": "xml"}[accept]
    assert len(Dataset().parse(data=r.content, format=fmt)) > 0


def test_ask_and_406(client):
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": "application/sparql-results+xml"})
    assert r.status_code == 200 and "<boolean>true</boolean>" in r.text
    r = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"accept": "image/png"})
    assert r.status_code == 406


def test_unknown_parameters_ignored_and_long_urls(client):
    pad = " ".join(f"# comment line {i} padding the query" for i in range(1))
    long_query = COUNT + "\n" + "\n".join(f"# {'x' * 60} {i}" for i in range(80))
    assert len(long_query) > 5000
    r = client.get("/sparql", params={"query": long_query, "format": "json", "output": "json", "results": "x"})
    assert r.status_code == 200 and n_of(r) > 0 and pad


def test_service_description_without_query(client):
    r = client.get("/sparql")
    assert r.status_code == 200 and "sd:Service" in r.text and r.headers["content-type"].startswith("text/turtle")


def test_graph_store_read(client):
    gs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}).json()
    g = next(b["g"]["value"] for b in gs["results"]["bindings"] if "/graph/article/" in b["g"]["value"])
    r = client.get("/store", params={"graph": g}, headers={"accept": "application/n-triples"})
    assert r.status_code == 200 and r.text.count("\n") > 20
    assert client.get("/store", params={"graph": "http://example.org/none"}).status_code == 404


def test_service_and_load_refused(client):
    for q in (
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT ?endpoint { ?s ?p ?o } }",
    ):
        r = client.get("/sparql", params={"query": q})
        assert r.status_code == 400 and "not allowed" in r.text
    # the word inside a string is not a call
    ok = client.get("/sparql", params={"query": 'SELECT * WHERE { BIND("SERVICE <http://x/>" AS ?x) }'})
    assert ok.status_code == 200


def test_errors_are_clean(client):
    r = client.get("/sparql", params={"query": "SELECT WHERE {"})
    assert r.status_code == 400 and "Traceback" not in r.text
    r = client.post("/sparql", content=b"query=x", headers={"content-type": "application/json"})
    assert r.status_code == 415
    r = client.post("/sparql", content="query=SELECT".encode("latin-1") + b"\xff", headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400


def test_result_cap_is_an_error_not_a_truncation(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.text


def test_timeout_stops_the_query_and_others_keep_answering(client):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = {}

    def slow():
        t0 = time.perf_counter()
        r = client.get("/sparql", params={"query": heavy})
        result["status"], result["seconds"] = r.status_code, time.perf_counter() - t0

    th = threading.Thread(target=slow)
    th.start()
    pool = client.app.state.kg.pool
    deadline = time.monotonic() + 5
    while pool.busy < 1 and th.is_alive() and time.monotonic() < deadline:  # the heavy query holds a worker
        time.sleep(0.005)
    assert pool.busy == 1, "the heavy query never reached a worker"
    t0 = time.perf_counter()
    quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert quick.status_code == 200 and time.perf_counter() - t0 < 2.0
    th.join()
    assert result["status"] == 503 and result["seconds"] < 2 * 2.0 + 1.0
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200  # the worker was replaced


def test_writes_are_off_by_default(client):
    r = client.post("/sparql", data={"update": "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"})
    assert r.status_code == 403


def test_update_needs_the_token(writable):
    upd = "INSERT DATA { GRAPH <http://x/g> { <http://x/a> <http://x/b> <http://x/c> } }"
    assert writable.post("/update", data={"update": upd}).status_code == 401
    assert writable.post("/update", data={"update": upd}, headers={"authorization": "Bearer wrong"}).status_code == 401
    ok = writable.post("/update", content=upd, headers={"content-type": "application/sparql-update", "authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 204
    r = writable.get("/sparql", params={"query": "ASK { GRAPH <http://x/g> { <http://x/a> ?p ?o } }"})
    assert r.json()["boolean"] is True  # workers see the write


def test_graph_store_writes(writable):
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "text/turtle"}
    body = "<http://x/s> <http://x/p> 'one' ."
    assert writable.put("/store", params={"graph": "http://x/gsp"}, content=body, headers=auth).status_code == 201
    assert writable.put("/store", params={"graph": "http://x/gsp"}, content=body, headers=auth).status_code == 204
    assert writable.post("/store", params={"graph": "http://x/gsp"}, content="<http://x/s> <http://x/p> 'two' .", headers=auth).status_code == 204
    r = writable.get("/store", params={"graph": "http://x/gsp"}, headers={"accept": "application/n-triples"})
    assert r.text.count("\n") == 2
    assert writable.delete("/store", params={"graph": "http://x/gsp"}, headers=auth).status_code == 204
    assert writable.get("/store", params={"graph": "http://x/gsp"}).status_code == 404
    assert writable.put("/store", params={"graph": "http://x/gsp"}, content=body).status_code == 401


def test_post_articles_goes_through_extraction_and_validation(writable):
    auth = {"authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
    records = [
        {"id": "a1", "url": "https://example.org/a1", "text": "قال المتحدث باسم الوزارة عماد سالم إن الطريق مفتوح."},
        {"id": "a2", "text": "Officials said the border was closed.", "language": "not a language!"},
    ]
    r = writable.post("/articles", content=json.dumps(records), headers=auth)
    assert r.status_code == 207
    report = r.json()
    assert len(report["loaded"]) == 1 and len(report["rejected"]) == 1 and "language" in report["rejected"][0]["reason"]
    q = "ASK { ?a <http://schema.org/url> ?u FILTER(STR(?u) = 'https://example.org/a1') }"
    assert writable.get("/sparql", params={"query": q}).json()["boolean"] is True
    assert writable.post("/articles", content=json.dumps(records)).status_code == 401


def test_body_and_query_limits(tmp_path, store):
    with TestClient(create_app(ServeConfig(store=store, max_body=1000, max_query_length=500))) as c:
        assert c.post("/sparql", content="x" * 5000, headers={"content-type": "application/sparql-query"}).status_code == 413
        assert c.get("/sparql", params={"query": COUNT + " #" + "x" * 600}).status_code == 413


def test_cors_off_unless_asked(store, client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://notebook.example"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(ServeConfig(store=store, cors=("https://notebook.example",)))) as c:
        r = c.get("/sparql", params={"query": "ASK {}"}, headers={"origin": "https://notebook.example"})
        assert r.headers["access-control-allow-origin"] == "https://notebook.example"


def test_ui_pages(client):
    assert "<textarea" in client.get("/sparql", headers={"accept": "text/html"}).text  # the editor
    assert 'id="claims"' in client.get("/").text  # the claims explorer
    names = [e["name"] for e in client.get("/api/examples").json()]
    assert "claims_per_claimant" in names and "conflicting_claims" in names
    claims = client.get("/sparql", params={"query": "SELECT ?c ?who WHERE { ?c <https://w3id.org/kg-news/ontology#claimant> ?who } LIMIT 1"}).json()
    row = claims["results"]["bindings"][0]
    page = client.get("/claim", params={"iri": row["c"]["value"]})
    assert page.status_code == 200 and "<mark>" in page.text
    ent = client.get("/entity", params={"iri": row["who"]["value"]})
    assert ent.status_code == 200 and "Claims it made (" in ent.text and "Claims about it (" in ent.text


def test_writable_without_token_refused(store):
    with pytest.raises(ValueError, match="token"):
        create_app(ServeConfig(store=store, writable=True))


def test_service_to_a_listening_address_makes_no_connection(client):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    r = client.get("/sparql", params={"query": f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"})
    assert r.status_code == 400
    with pytest.raises(socket.timeout):
        listener.accept()  # nobody called
    listener.close()


def test_unknown_entity_and_claim_pages_are_404(client):
    for page in ("/entity", "/claim"):
        r = client.get(page, params={"iri": "https://w3id.org/kg-news/id/nothing-here"})
        assert r.status_code == 404 and "nothing-here" in r.text
        assert "<script" not in r.text.split("</title>")[1]  # the IRI is escaped, never markup
