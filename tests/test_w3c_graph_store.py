"""The W3C Graph Store Protocol manifests (direct and indirect identification) against `kg serve --writable`.

Skips when ../shared/w3c is absent. The manifests' /gsp path is served at /store.
"""

from __future__ import annotations

import warnings

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.serve import ServeConfig, create_app

from .conftest import SHARED

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
FOLDER = SHARED / "w3c" / "graph-store-protocol"
TOKEN = "gsp-token"
STATUS = {"OK": 200, "Created": 201, "NoContent": 204, "NotFound": 404, "BadRequest": 400}


def _tests():
    out = []
    for name in ("manifest-direct.ttl", "manifest-indirect.ttl"):
        path = FOLDER / name
        if not path.exists():
            continue
        g = Graph().parse(path, format="turtle")
        manifest = next(g.subjects(RDF.type, MF.Manifest))
        out += [(f"{name}:{str(t).rsplit('#', 1)[-1]}", g, t) for t in Collection(g, g.value(manifest, MF.entries))]
    return out


TESTS = _tests()


@pytest.mark.skipif(not TESTS, reason="../shared/w3c is not available")
@pytest.mark.parametrize("name,g,test", TESTS, ids=[t[0] for t in TESTS])
def test_graph_store(name, g, test, tmp_path):
    action = g.value(test, MF.action)
    location = None
    with TestClient(create_app(ServeConfig(store=tmp_path / "store", writable=True, token=TOKEN))) as client:
        for req in Collection(g, g.value(action, HT.requests)):
            method = str(g.value(req, HT.methodName))
            path = str(g.value(req, HT.absolutePath)).replace("/gsp", "/store", 1)
            if location:
                path = path.replace("$LOCATION$", location)
            headers = {"authorization": f"Bearer {TOKEN}"}
            hl = g.value(req, HT.headers)
            for h in Collection(g, hl) if hl else []:
                headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
            body = g.value(req, HT.body)
            content = str(g.value(body, CNT.chars)).encode("utf-8") if body is not None else None
            resp = client.request(method, path, content=content, headers=headers)
            expect = g.value(req, HT.resp)
            codes = {STATUS[str(c).rsplit("#", 1)[-1]] for c in g.objects(expect, MF.expectedStatus)}
            assert resp.status_code in codes, f"{name}: {method} {path} → {resp.status_code} {resp.text[:200]}"
            if g.value(expect, MF.expectedLocation) is not None:
                location = resp.headers["location"]
            rl = g.value(expect, HT.headers)
            for h in Collection(g, rl) if rl else []:
                want = str(g.value(h, HT.fieldValue)).replace(" ", "").lower()
                assert resp.headers.get(str(g.value(h, HT.fieldName)), "").replace(" ", "").lower() == want
            rbody = g.value(expect, HT.body)
            if rbody is not None and method != "HEAD":
                want = Graph().parse(data=str(g.value(rbody, CNT.chars)), format="turtle")
                got = Graph().parse(data=resp.text, format="turtle")
                assert isomorphic(want, got), resp.text
