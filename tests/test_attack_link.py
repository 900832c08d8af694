"""Point 7 of the hardening issue: `kg link --online` and `kg wikidata import` trust none of their input.

The "Wikidata" here is a listener on 127.0.0.1 scripted to misbehave: garbage, wrong shapes, huge
or trickling answers, absurd Retry-After, silence. Every run is bounded in time and memory, nothing
bad is cached, and bad dump lines are skipped and counted by line number.
"""

from __future__ import annotations

import gzip
import json
import time

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.link import LabelIndex, Linker
from kg.link.index import import_file
from kg.link.online import Offline, WikidataClient
from tests.listener import Listener, trickle
from tests.wikidata_fixtures import dump_lines, entity


def answer(body: bytes, status: str = "200 OK", headers: str = "") -> callable:
    def respond(conn, _request):
        conn.sendall(f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n{headers}"
                     f"Connection: close\r\n\r\n".encode() + body)
    return respond


GOOD_SEARCH = json.dumps({"search": [{"id": "Q9000050"}]}).encode()


def client(tmp_path, url: str, **kw) -> WikidataClient:
    kw = {"min_interval": 0, "backoff": 0.01, "retries": 1, "timeout": 2.0, **kw}
    return WikidataClient(tmp_path / "cache.sqlite", api=url + "w/api.php", **kw)


@pytest.mark.parametrize("body", [b"<html>rate limited</html>", b'{"search": "not a list"}', b"[1, 2, 3]", b'{"a": ' * 5000])
def test_bad_answers_are_not_cached(tmp_path, body):
    with Listener(respond=answer(body)) as bad:
        c = client(tmp_path, bad.url)
        with pytest.raises(Offline):
            c.search("Zalingei", "en")
        assert c.db.execute("SELECT COUNT(*) FROM http_cache").fetchone()[0] == 0
    with Listener(respond=answer(GOOD_SEARCH)) as good:  # the next run asks again and gets the real answer
        assert client(tmp_path, good.url).search("Zalingei", "en") == ["Q9000050"]


def test_ids_that_are_not_qids_are_dropped(tmp_path):
    body = json.dumps({"search": [{"id": "Q1 } SERVICE <http://x/> {"}, {"id": 7}, {"id": "Q9000050"}]}).encode()
    with Listener(respond=answer(body)) as api:
        assert client(tmp_path, api.url).search("Zalingei", "en") == ["Q9000050"]


def test_a_poisoned_cache_row_is_dropped_and_fetched_again(tmp_path):
    with Listener(respond=answer(GOOD_SEARCH)) as good:
        c = client(tmp_path, good.url)
        url = c.api + "?action=wbsearchentities&search=Zalingei&language=en&uselang=en&type=item&limit=7&format=json"
        with c.db:
            c.db.execute("INSERT INTO http_cache VALUES (?, ?, 0)", (url, b"garbage"))
        assert c.search("Zalingei", "en") == ["Q9000050"]
        assert good.connections == 1


def test_retry_after_is_capped(tmp_path):
    with Listener(respond=answer(b"{}", "429 Too Many Requests", "Retry-After: 86400\r\n")) as slow:
        c = client(tmp_path, slow.url, retries=3, max_wait=5)
        t0 = time.monotonic()
        with pytest.raises(Offline, match="asked to wait 86400"):
            c.search("x", "en")
        assert time.monotonic() - t0 < 3


def test_trickling_and_huge_answers_are_cut_off(tmp_path):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"
    with Listener(respond=lambda conn, _: trickle(conn, head, every=0.2, limit=20)) as trickler:
        c = client(tmp_path, trickler.url, timeout=1.0)
        t0 = time.monotonic()
        with pytest.raises(Offline):
            c.search("x", "en")
        assert time.monotonic() - t0 < 5

    def flood(conn, _):
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
        for _ in range(400):  # 40 MB, no Content-Length
            conn.sendall(b"1," * 50_000)

    with Listener(respond=flood) as flooder:
        c = client(tmp_path, flooder.url, max_bytes=1_000_000)
        with pytest.raises(Offline, match="over the cap"):
            c.search("y", "en")
    with Listener(respond=answer(b"", headers="X-Pad: 1\r\n")) as liar:
        def huge_length(conn, _):
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 3000000000\r\n\r\n{")
        liar.respond = huge_length
        with pytest.raises(Offline, match="over the cap"):
            client(tmp_path, liar.url).search("z", "en")


def test_circuit_breaker_after_a_dead_endpoint(tmp_path):
    def silent(conn, _):
        time.sleep(5)  # accepts, never answers: a dead proxy

    with Listener(respond=silent) as dead, LabelIndex(tmp_path / "labels.sqlite") as index:
        c = client(tmp_path, dead.url, timeout=1.0, retries=2)
        linker = Linker(index, online=c)
        t0 = time.monotonic()
        for name in ["Unknown One", "Unknown Two", "Unknown Three", "Unknown Four", "Unknown Five", "Unknown Six"]:
            assert linker.link(name, "place").qid is None
        assert time.monotonic() - t0 < 4
        assert dead.connections == 1 and c.offline_reason


def test_wrong_typed_dump_lines_are_skipped_and_counted(tmp_path):
    good = [entity("Q9000101", "Goodtown"), entity("Q9000102", "Bettertown")]
    lines = dump_lines(good).splitlines()
    bad = ['[1, 2, 3],', '{"id": 5, "labels": {}},', '{"id": "Q9000103", "labels": [], "claims": {}},',
           '{"id": "Q1 } SERVICE <http://x/> { ?s ?p ?o", "labels": {"en": {"value": "x"}}},', "{not json,",
           '{"id": "Q9000104", "labels": {"en": {"value": "Oddtown"}}, "claims": {"P31": "Q515"}},']
    path = tmp_path / "dump.json"
    path.write_text("\n".join(lines[:2] + bad + lines[2:]) + "\n")
    with LabelIndex(tmp_path / "l.sqlite") as index:
        report = import_file(index, path)
        assert report.entities == 2 and report.skipped == 6
        assert [n for n, _ in report.examples] == [3, 4, 5, 6, 7, 8]
        assert "not a QID" in dict(report.examples)[6]
        assert index.lookup("Goodtown") and index.lookup("Bettertown")


def test_truncated_archive_keeps_what_came_before_and_says_so(tmp_path):
    ents = [entity(f"Q{9000200 + i}", f"Place{i}") for i in range(300)]
    data = gzip.compress(dump_lines(ents).encode())
    path = tmp_path / "cut.json.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    r = CliRunner().invoke(cli, ["wikidata", "import", str(path), "--index", str(tmp_path / "l.sqlite")])
    assert r.exit_code == 1
    assert "stopped early: cut.json.gz is truncated or corrupt after line" in r.output
    assert "Aborted" not in r.output
    with LabelIndex(tmp_path / "l.sqlite") as index:
        assert index.lookup("Place1")  # what came before the cut is imported
