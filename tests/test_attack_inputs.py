"""Point 2 of the hardening issue: RDF bodies and files cannot expand without bound or fetch anything.

The server runs as a real process under an address-space cap (like ``prlimit --as``), so an
expansion that escaped the checks would kill it instead of the machine; the test then asks it a
query to show it is alive.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.store.parse import RdfInputError, check_xml_entities, parse_rdf
from tests.listener import Listener
from tests.live_server import running_server

TOKEN = "t0ken"
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
    b'<rdf:Description rdf:about="http://s"><e:p>&lol9;</e:p></rdf:Description></rdf:RDF>'
)
SMALL_ENTITY = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "http://example.org/">]>'
    b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:e="http://e/">'
    b'<rdf:Description rdf:about="&e;s"><e:p>v</e:p></rdf:Description></rdf:RDF>'
)


def put(url: str, body: bytes, ctype: str) -> tuple[int, str]:
    req = urllib.request.Request(url, data=body, method="PUT", headers={"content-type": ctype, "authorization": f"Bearer {TOKEN}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_entity_expansion_refused_before_parsing():
    assert len(LAUGHS) < 1000
    with pytest.raises(RdfInputError, match="refers to other entities"):
        check_xml_entities(LAUGHS)
    utf16 = LAUGHS.decode().encode("utf-16")  # the same document in another encoding is read, not missed
    with pytest.raises(RdfInputError):
        check_xml_entities(utf16)
    wide = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "' + b"x" * 5000 + b'">]><r>' + b"&a;" * 300 + b"</r>"
    with pytest.raises(RdfInputError, match="expand"):
        check_xml_entities(wide)
    with pytest.raises(RdfInputError, match="external"):
        check_xml_entities(b'<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><r>&x;</r>')
    # a plain namespace abbreviation, as ontology files use, still loads
    assert len(parse_rdf(SMALL_ENTITY, "xml")) == 1


def test_graph_store_put_of_laughs_is_refused_and_the_server_lives(tmp_path):
    with running_server(tmp_path / "s", "--writable", "--token", TOKEN, "--workers", "1",
                        memory_limit=3_000_000_000) as base:
        status, text = put(f"{base}/store?graph=http://g/laughs", LAUGHS, "application/rdf+xml")
        assert status == 400 and "entit" in text
        status, _ = put(f"{base}/store?graph=http://g/ok", SMALL_ENTITY, "application/rdf+xml")
        assert status == 201
        ctx = b'{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://s", "name": "x"}'
        status, text = put(f"{base}/store?graph=http://g/ld", ctx, "application/ld+json")
        assert status == 400 and "@context" in text
        ask = urllib.request.urlopen(f"{base}/sparql?query=ASK%7BGRAPH%20%3Chttp://g/ok%3E%7B?s%20?p%20?o%7D%7D", timeout=10)
        assert json.loads(ask.read())["boolean"] is True


def test_multipart_parts_are_held_to_the_body_limit(tmp_path):
    import warnings

    from kg.serve import ServeConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    config = ServeConfig(store=tmp_path / "s", writable=True, token=TOKEN, workers=1, max_body=20_000)
    big = b"<http://s> <http://p> <http://o> .\n" * 2000  # 72 KB in one part
    with TestClient(create_app(config)) as c:
        r = c.post("/store?graph=http://g/m", files={"f": ("a.nt", big, "application/n-triples")},
                   headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 413
        r = c.post("/store?graph=http://g/m", files={"f": ("a.nt", big[: len(big) // 40], "application/n-triples")},
                   headers={"authorization": f"Bearer {TOKEN}"})
        assert r.status_code in (201, 204), r.text


def test_kg_validate_refuses_laughs_and_remote_contexts(tmp_path):
    laughs = tmp_path / "laughs.rdf"
    laughs.write_bytes(LAUGHS)
    r = CliRunner().invoke(cli, ["validate", str(laughs)])
    assert r.exit_code == 2 and "laughs.rdf" in r.output and "entit" in r.output
    with Listener() as listener:
        doc = tmp_path / "remote.jsonld"
        doc.write_text(json.dumps({"@context": listener.url + "ctx.jsonld", "@id": "http://s", "name": "x"}))
        r = CliRunner().invoke(cli, ["validate", str(doc)])
        assert r.exit_code == 2 and "remote.jsonld" in r.output and "@context" in r.output
        assert listener.connections == 0
