"""Point 1 of the hardening issue: SERVICE and LOAD never reach a host the allowlist does not name.

Every attack here is first run against pyoxigraph *without* the guard, to prove it really calls out
(the listener on 127.0.0.1 records the connection); the guard must then refuse it, and a server run
with it must leave the listener untouched.
"""

from __future__ import annotations

import random
import warnings

import pyoxigraph as ox
import pytest

from kg.serve import ServeConfig, create_app
from kg.serve.safety import Allowlist, Refused, check, with_using
from tests.listener import Listener

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

NONE = Allowlist(())
TOKEN = "t0ken"


def escape_u(text: str) -> str:
    return "".join(f"\\u{ord(c):04X}" for c in text)


def attack_queries(url: str) -> list[str]:
    """Hand-written spellings: each hides a working SERVICE to ``url``."""
    host_iri = url.replace("http://", "")
    return [
        f"PREFIX e: <http://e/> SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p e:a\\# }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"PREFIX e: <http://e/> SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p e:a\\' }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p <http://e/\\u0023> }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ SERVICE <http://{escape_u(host_iri[:3])}{host_iri[3:]}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ sErViCe <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ SERVICE SILENT <{url}> {{ ?x ?y ?z }} }}",
        f"PREFIX svc: <{url}> SELECT ?x WHERE {{ SERVICE svc: {{ ?x ?y ?z }} }}",
        f"PREFIX svc: <{url[:-1]}> SELECT ?x WHERE {{ SERVICE svc:\\/ {{ ?x ?y ?z }} }}",
        f"BASE <{url}> SELECT ?x WHERE {{ SERVICE <> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ # a comment\n SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p \"a\\\"#\" }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ OPTIONAL {{ ?s ?p '''it''s''' }} SERVICE <{url}> {{ ?x ?y ?z }} }}",
        f"SELECT ?x WHERE {{ {{ SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }} }}",
        f"SELECT ?x WHERE {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?x ?y ?z }} }} BIND(1 AS ?x) }}",
        f"SELECT ?x WHERE {{ {{ BIND(1 AS ?q) }} UNION {{ SERVICE <{url}> {{ ?x ?y ?z }} }} }}",
        f"SELECT ?x WHERE{{SERVICE<{url}>{{?x ?y ?z}}}}",
    ]


def attack_updates(url: str) -> list[str]:
    return [
        f"LOAD <{url}>",
        f"load silent <{url}> INTO GRAPH <http://g/>",
        f"PREFIX e: <http://e/> INSERT DATA {{ <http://s> <http://p> e:a\\# }} ; LOAD <{url}>",
        f"INSERT DATA {{ <http://s> <http://p> \"#\" }} ;\nLOAD <{url}>",
        f"PREFIX w: <{url}> LOAD w:",
        f"BASE <{url}> LOAD <>",
        f"INSERT {{ ?x <http://p> 1 }} WHERE {{ SERVICE <{url}> {{ ?x ?y ?z }} }}",
    ]


def fuzz_queries(url: str, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, text): SERVICE or LOAD behind random distractors, in random lexical forms."""
    rnd = random.Random(seed)
    distractors = [
        "?s ?p e:a\\# .", "?s ?p e:a\\' .", '?s ?p "x\\"#y" .', "?s ?p 'q\\'#' .",
        '?s ?p """a""b#""" .', "?s ?p <http://e/\\u0023> .", "?s ?p e:%23 .", "# SERVICE <http://no/>\n",
        "?s ?p e:a\\#\n.", "?s ?p 1.5e3 .", "?s ?p _:b1 .", '?s ?p "x"@en .', '?s ?p "1"^^xsd:int .',
        "?s ?p e:x.y .", "?s ?p e:\\~ .",
    ]

    def keyword(word: str) -> str:
        return "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in word)

    def target() -> tuple[str, str]:
        form = rnd.randrange(5)
        if form == 0:
            return "", f"<{url}>"
        if form == 1:
            host = url.replace("http://", "")
            cut = rnd.randrange(1, len(host))
            return "", f"<http://{escape_u(host[:cut])}{host[cut:]}>"
        if form == 2:
            return f"PREFIX svc: <{url}>\n", "svc:"
        if form == 3:
            return f"BASE <{url}>\n", "<>"
        return f"PREFIX svc: <{url[:-1]}>\n", "svc:\\/"

    out = []
    for _ in range(n):
        prologue, tgt = target()
        noise = " ".join(rnd.choice(distractors) for _ in range(rnd.randrange(1, 4)))
        silent = keyword("silent") + " " if rnd.random() < 0.3 else ""
        if rnd.random() < 0.25:
            text = f"PREFIX e: <http://e/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n{prologue}INSERT DATA {{ {noise.replace('?s ?p', '<http://s> <http://p>')} }} ;\n{keyword('load')} {silent}{tgt}"
            out.append(("update", text))
            continue
        body = f"{keyword('service')} {silent}{tgt} {{ ?x ?y ?z }}"
        wrap = rnd.randrange(5)
        if wrap == 1:
            body = f"OPTIONAL {{ {body} }}"
        elif wrap == 2:
            body = f"{{ BIND(1 AS ?q) }} UNION {{ {body} }}"
        elif wrap == 3:
            body = f"{{ SELECT ?x ?y ?z WHERE {{ {body} }} }}"
        elif wrap == 4:
            body = f"FILTER NOT EXISTS {{ {body} }}"
        text = f"PREFIX e: <http://e/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n{prologue}SELECT ?x WHERE {{ OPTIONAL {{ {noise} }} {body} }}"
        out.append(("query", text))
    return out


def reaches(text: str, kind: str, listener: Listener) -> bool:
    """Whether pyoxigraph, unguarded, contacts the listener for this text."""
    before = listener.connections
    store = ox.Store()
    try:
        if kind == "update":
            store.update(text)
        else:
            result = store.query(text)
            if isinstance(result, ox.QuerySolutions):
                list(result)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    return listener.connections > before


@pytest.fixture(scope="module")
def listener():
    with Listener() as lst:
        yield lst


def test_hand_written_attacks_work_unguarded_and_are_refused(listener):
    for text in attack_queries(listener.url):
        assert reaches(text, "query", listener), f"not a working attack: {text}"
        with pytest.raises(Refused):
            check(text, NONE, kind="query", base="http://kg.test/sparql")
    for text in attack_updates(listener.url):
        assert reaches(text, "update", listener), f"not a working attack: {text}"
        with pytest.raises(Refused):
            check(text, NONE, kind="update", base="http://kg.test/sparql")
    # a target chosen at run time is refused whatever it would be (oxigraph does not run it today)
    with pytest.raises(Refused, match="not a literal IRI"):
        check(f"SELECT ?x WHERE {{ VALUES ?svc {{ <{listener.url}> }} SERVICE ?svc {{ ?x ?y ?z }} }}", NONE)


def test_fuzz_generated_spellings_never_pass_the_guard(listener):
    generated = fuzz_queries(listener.url, 300)
    working = 0
    for kind, text in generated:
        with pytest.raises(Refused):
            check(text, NONE, kind=kind, base="http://kg.test/sparql")
        with pytest.raises(Refused):  # nor with an allowlist naming another endpoint on the same host
            check(text, Allowlist((f"http://127.0.0.1:{listener.port + 1}/",)), kind=kind)
    for kind, text in generated[:60]:  # a sample is run unguarded, to prove the corpus really calls out
        working += reaches(text, kind, listener)
    assert working == 60, f"only {working} of 60 generated attacks call out unguarded: the generator is broken"


def test_benign_mentions_pass():
    for text in [
        'SELECT * WHERE { BIND("SERVICE <http://x/>" AS ?x) }',
        "SELECT * WHERE { ?s <http://e/download> ?o } # SERVICE <http://x/> in a comment",
        "PREFIX e: <http://e/> SELECT ?load WHERE { ?s e:payload ?load }",
        "SELECT * WHERE { ?s ?p 'load' }",
    ]:
        assert check(text, NONE, kind="query") == []


def test_allowlist_compares_parsed_urls():
    allow = Allowlist(("http://localhost:8890/sparql", "https://query.example.org/ok"))
    assert allow.admits("http://localhost:8890/sparql")
    assert allow.admits("http://LOCALHOST:8890/sparql/")
    assert allow.admits("https://query.example.org/ok/sub")
    assert allow.admits("https://query.example.org:443/ok")
    for iri in [
        "http://localhost:8890@127.0.0.1:9/sparql",
        "http://localhost@127.0.0.1:8890/sparql",
        "http://localhost:8891/sparql",
        "http://localhost/sparql",
        "https://localhost:8890/sparql",
        "https://query.example.org/okay",
        "https://query.example.org/ok/../x",
        "https://query.example.org/ok/%2e%2e/x",
        "https://query.example.org/ok\\..\\x",
        "ftp://query.example.org/ok",
        "https://query.example.org.evil.test/ok",
    ]:
        assert not allow.admits(iri), iri
    text = "SELECT * WHERE { SERVICE <http://localhost:8890/sparql> { ?s ?p ?o } }"
    assert [t.iri for t in check(text, allow)] == ["http://localhost:8890/sparql"]


def test_using_graph_uri_cannot_inject(listener):
    injected = f"http://g/> }} SERVICE <{listener.url}> {{ ?s ?p ?o"
    with pytest.raises(Refused):
        with_using("INSERT { <http://s> <http://p> ?o } WHERE { ?s ?p ?o }", [injected], [])
    assert "USING <http://g/>" in with_using("INSERT { <http://s> <http://p> ?o } WHERE { ?s ?p ?o }", ["http://g/"], [])


@pytest.mark.parametrize("isolated", [True, False], ids=["workers-isolated", "guard-only"])
def test_server_never_calls_the_listener(tmp_path, listener, isolated):
    """End to end: queries through the endpoint (read-only, no token) and updates (with the token)."""
    allow = () if isolated else (f"http://127.0.0.1:{listener.port + 1}/elsewhere",)  # an allowlist turns isolation off
    config = ServeConfig(store=tmp_path / "s", writable=True, token=TOKEN, allow_service=allow, workers=1, timeout=10)
    before = listener.connections
    with TestClient(create_app(config)) as client:
        for text in attack_queries(listener.url) + [t for k, t in fuzz_queries(listener.url, 40, seed=3) if k == "query"]:
            r = client.post("/sparql", data={"query": text})
            assert r.status_code == 400, (text, r.status_code, r.text)
        for text in attack_updates(listener.url):
            r = client.post("/update", data={"update": text}, headers={"authorization": f"Bearer {TOKEN}"})
            assert r.status_code == 400, (text, r.status_code, r.text)
        r = client.post("/update", data={"update": "INSERT { <http://s> <http://p> ?o } WHERE { ?s ?p ?o }",
                                         "using-graph-uri": f"http://g/> }} SERVICE <{listener.url}> {{ ?s ?p ?o"},
                        headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400
    assert listener.connections == before


def test_an_allowed_endpoint_is_reached_and_only_it(tmp_path, listener):
    config = ServeConfig(store=tmp_path / "s", allow_service=(listener.url + "sparql",), workers=1, timeout=10)
    before = listener.connections
    with TestClient(create_app(config)) as client:
        ok = client.post("/sparql", data={"query": f"SELECT ?x WHERE {{ SERVICE <{listener.url}sparql> {{ ?x ?y ?z }} }}"})
        assert ok.status_code == 200 and "from the listener" in ok.text
        for target in (f"{listener.url}sparqlx", f"{listener.url}sparql/../other", f"http://localhost@127.0.0.1:{listener.port}/sparql"):
            r = client.post("/sparql", data={"query": f"SELECT ?x WHERE {{ SERVICE <{target}> {{ ?x ?y ?z }} }}"})
            assert r.status_code == 400, target
    assert listener.connections == before + 1
