"""The W3C SPARQL 1.1 Protocol test manifest, run against `kg serve --writable` (with the token).

Skips when ../shared/w3c is absent. Each test gets a fresh store with its ut:graphData loaded.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from kg.serve import ServeConfig, create_app

from .conftest import SHARED

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
UT = Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
MANIFEST = SHARED / "w3c" / "protocol" / "manifest.ttl"
TOKEN = "w3c-token"


def _tests():
    if not MANIFEST.exists():
        return []
    g = Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())
    manifest = next(g.subjects(RDF.type, MF.Manifest))
    return [(str(t).rsplit("#", 1)[-1], t) for t in Collection(g, g.value(manifest, MF.entries))]


@pytest.fixture(scope="module")
def manifest_graph():
    if not MANIFEST.exists():
        pytest.skip("../shared/w3c is not available")
    return Graph().parse(MANIFEST, format="turtle", publicID=MANIFEST.as_uri())


def _check_body(resp, fmt: str, expected_bool):
    ctype = resp.headers.get("content-type", "").split(";")[0]
    if fmt == "boolean":
        if "json" in ctype:
            value = resp.json()["boolean"]
        else:
            value = "<boolean>true</boolean>" in resp.text
        assert isinstance(value, bool)
        if expected_bool is not None:
            assert value == expected_bool
    elif fmt == "tabular":
        assert ctype in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv", "text/tab-separated-values")
        if "json" in ctype:
            assert "results" in resp.json()
    elif fmt == "RDF":
        fmts = {"text/turtle": "turtle", "application/rdf+xml": "xml", "application/n-triples": "nt", "application/ld+json": "json-ld"}
        assert ctype in fmts
        Graph().parse(data=resp.content, format=fmts[ctype])


@pytest.mark.parametrize("name,test", _tests() or [("manifest-absent", None)])
def test_protocol(name, test, manifest_graph, tmp_path):
    g = manifest_graph
    store = tmp_path / "store"
    s = ox.Store(str(store))
    for data in g.objects(test, UT.graphData):
        file = Path(str(g.value(data, UT.graph)).replace("file://", ""))
        s.load(path=str(file), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(str(g.value(data, RDFS.label))))
    s.flush()
    del s
    action = g.value(test, MF.action)
    requests = list(Collection(g, g.value(action, HT.requests)))
    with TestClient(create_app(ServeConfig(store=store, writable=True, token=TOKEN))) as client:
        for req in requests:
            method = str(g.value(req, HT.methodName))
            path = str(g.value(req, HT.absolutePath))
            headers = {"authorization": f"Bearer {TOKEN}"}
            hlist = g.value(req, HT.headers)
            for h in Collection(g, hlist) if hlist else []:
                headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = g.value(req, HT.body)
            content = None
            if body is not None:
                enc = str(g.value(body, CNT.characterEncoding) or "UTF-8")
                content = str(g.value(body, CNT.chars)).encode(enc.lower())
            resp = client.request(method, path, content=content, headers=headers)
            expect = g.value(req, HT.resp)
            codes = {str(c).rsplit("#StatusCode", 1)[-1] for c in g.objects(expect, MF.expectedStatus)}
            assert f"{resp.status_code // 100}xx" in codes, f"{name}: {method} {path} → {resp.status_code} {resp.text[:200]}"
            fmt = g.value(expect, MF.expectedFormat)
            if fmt is not None and resp.status_code < 300:
                b = g.value(expect, MF.expectedBoolean)
                _check_body(resp, str(fmt), None if b is None else b.toPython())
