"""Linking: the label index, imports, scoring and explanations, relinking a store, online look-ups."""

from __future__ import annotations

import bz2
import gzip
import json
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.link import LabelIndex, Linker, import_file
from kg.link.online import Offline, WikidataClient

from .wikidata_fixtures import dump_lines, entity


@pytest.fixture
def index(tmp_path):
    with LabelIndex(tmp_path / "labels.sqlite") as ix:
        yield ix


def test_gazetteer_in_the_index_with_arabic_normalisation(index):
    [(item, alias)] = index.lookup("الاتحاد الاوروبي")  # hamza dropped still matches
    assert item.qid == "Q458" and not alias
    d = Linker(index).link("Euphrates", "place")
    assert d.qid == "Q34589"


def test_type_compatibility_and_explanations(index):
    assert Linker(index).link("Damascus", "person").qid is None
    d = Linker(index).link("طرابلس", "place")
    assert d.qid is None and "ambiguous" in d.reason
    text = d.explain()
    assert "Q168954" in text and "Q3579" in text and "context" in text and "prior" in text
    assert Linker(index).link("طرابلس", "place", {"Q1016"}).qid == "Q3579"  # Libya named nearby


@pytest.mark.parametrize("suffix,opener", [(".json", open), (".json.gz", gzip.open), (".json.bz2", bz2.open)])
def test_import_dump_formats(index, tmp_path, suffix, opener):
    path = tmp_path / f"dump{suffix}"
    with opener(path, "wt", encoding="utf-8") as fh:
        fh.write(dump_lines([
            entity("Q9000001", "Wadi Qamar", "وادي قمر", geonames="9000001", coord=(14.5, 24.1), country="Q1049"),
            entity("Q9000002", "Some Person", "شخص ما", p31="Q5"),
            entity("Q9000003", "Label Without Arabic", None, p31="Q4022"),
        ]))
    report = import_file(index, path, ["ar", "en"], ["city", "river"])
    assert report.entities == 2  # the human was filtered out by --type
    [(item, _)] = index.lookup("وادي قمر")
    assert (item.family, item.geonames, item.country) == ("city", 9000001, "Q1049")


def test_import_sparql_csv(index, tmp_path):
    path = tmp_path / "result.csv"
    path.write_text(
        "item,itemLabel,lang,altLabel,type\n"
        "http://www.wikidata.org/entity/Q9000010,جبل الشيخ سالم,ar,الجبل الأبيض,http://www.wikidata.org/entity/Q8502\n"
        "http://www.wikidata.org/entity/Q9000010,Mount Salem,en,,http://www.wikidata.org/entity/Q8502\n",
        encoding="utf-8",
    )
    report = import_file(index, path)
    assert report.entities == 2 and index.lookup("الجبل الابيض")[0][0].qid == "Q9000010"


def test_threshold_leaves_weak_matches_unlinked(index):
    index.add_items([
        (entity_item("Q9000020", "Al Nour", family=None), [("Al Nour", "en", True)]),
    ])
    d = Linker(index).link("Al Nour", "organization")
    assert d.qid is None and "below the threshold" in d.reason


def entity_item(qid, label, family="city", sitelinks=0):
    from kg.link.index import Item

    return Item(qid, family, label, None, sitelinks, None, None, None, None)


def test_relink_store_after_import(tmp_path):
    from kg.api import load, validate_store

    article = tmp_path / "a.txt"
    article.write_text("قال المتحدث باسم البلدية عماد سالم إن مياه الشرب انقطعت في بلدة وادي قمر منذ يومين.", encoding="utf-8")
    store = tmp_path / "store"
    load([article], store=store)
    dump = tmp_path / "dump.json"
    dump.write_text(dump_lines([entity("Q9000001", "Wadi Qamar", "وادي قمر", geonames="9000001", coord=(14.5, 24.1))]), encoding="utf-8")
    r = CliRunner().invoke(cli, ["wikidata", "import", str(dump), "--index", str(tmp_path / "ix.sqlite")])
    assert r.exit_code == 0 and "imported 1 entities" in r.output
    r = CliRunner().invoke(cli, ["link", "--store", str(store), "--index", str(tmp_path / "ix.sqlite")])
    assert r.exit_code == 0 and "Q9000001" in r.output, r.output
    from kg.queries import select
    from kg.store import KGStore

    with KGStore(store, read_only=True) as s:
        t = select(s, "SELECT ?q ?score ?method ?gn WHERE { ?e kg:wikidataId ?q ; kg:linkScore ?score ; kg:linkMethod ?method . OPTIONAL { ?e kg:geonamesId ?gn } FILTER(?q = 'Q9000001') }")
    assert t.rows and t.rows[0][2] == "label-index" and t.rows[0][3] == "9000001"
    assert all(rep.conforms for rep in validate_store(store))


IMPORT_SCRIPT = """
import resource, sys, time
from kg.link import LabelIndex, import_file
ix = LabelIndex(sys.argv[2])
import_file(ix, sys.argv[1])
names = [f"Generated Place {i}" for i in range(0, int(sys.argv[3]), 97)]
t0 = time.perf_counter()
for n in names:
    assert ix.lookup(n)
per = (time.perf_counter() - t0) / len(names)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, per)
"""


def _generate(path, n):
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("[\n")
        for i in range(n):
            e = entity(f"Q{9100000 + i}", f"Generated Place {i}", f"مكان مولد {i}", sitelinks=i % 40)
            fh.write(json.dumps(e, ensure_ascii=False) + (",\n" if i < n - 1 else "\n"))
        fh.write("]\n")


def test_import_100k_entities_in_bounded_memory_and_fast_lookups(tmp_path):
    results = {}
    for n in (20_000, 100_000):
        dump = tmp_path / f"d{n}.json.gz"
        _generate(dump, n)
        out = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT, str(dump), str(tmp_path / f"ix{n}.sqlite"), str(n)],
                             capture_output=True, text=True, check=True)
        rss, per = out.stdout.split()
        results[n] = (int(rss), float(per))
    assert results[100_000][0] < 1.5 * results[20_000][0], results  # memory does not grow with the dump
    assert results[100_000][1] < 0.001, results  # a look-up takes well under a millisecond


# ---------- online mode against a local server speaking the Wikidata API ----------
class FakeWikidata(BaseHTTPRequestHandler):
    calls: list = []
    fail_first: list = []

    def do_GET(self):
        FakeWikidata.calls.append((self.path, self.headers.get("User-Agent")))
        if FakeWikidata.fail_first:
            code = FakeWikidata.fail_first.pop(0)
            self.send_response(code)
            if code == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            return
        q = parse_qs(urlparse(self.path).query)
        if q["action"][0] == "wbsearchentities":
            body = {"search": [{"id": "Q9000050"}] if "Zalingei" in q["search"][0] else []}
        else:
            body = {"entities": {"Q9000050": entity("Q9000050", "Zalingei", "زالنجي", sitelinks=12)}}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_api():
    FakeWikidata.calls, FakeWikidata.fail_first = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeWikidata)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    server.shutdown()


def test_online_lookup_cache_and_user_agent(index, tmp_path, fake_api):
    client = WikidataClient(tmp_path / "cache.sqlite", api=fake_api, min_interval=0, backoff=0.01)
    d = Linker(index, online=client).link("Zalingei", "place")
    assert d.qid == "Q9000050"
    assert FakeWikidata.calls and all(ua and ua.startswith("kg/") for _, ua in FakeWikidata.calls)
    sent = len(FakeWikidata.calls)
    fresh = WikidataClient(tmp_path / "cache.sqlite", api=fake_api, min_interval=0)
    assert fresh.search("Zalingei", "en") == ["Q9000050"]
    assert len(FakeWikidata.calls) == sent and fresh.requests == 0  # a cache hit makes no request


@pytest.mark.parametrize("codes", [[429], [503, 502]])
def test_online_retries_with_backoff(tmp_path, fake_api, codes):
    FakeWikidata.fail_first = list(codes)
    client = WikidataClient(tmp_path / "c.sqlite", api=fake_api, min_interval=0, backoff=0.05)
    t0 = time.perf_counter()
    assert client.search("Zalingei", "en") == ["Q9000050"]
    assert len(FakeWikidata.calls) == len(codes) + 1
    if len(codes) > 1:
        assert time.perf_counter() - t0 >= 0.05 + 0.1  # the delay doubles


def test_offline_falls_back(index, tmp_path):
    client = WikidataClient(tmp_path / "c.sqlite", api="http://127.0.0.1:9/w/api.php", min_interval=0, retries=0)
    with pytest.raises(Offline):
        client.search("x", "en")
    d = Linker(index, online=client).link("Euphrates", "place")  # the offline index still answers
    assert d.qid == "Q34589"
    assert Linker(index, online=client).link("Unknown Town", "place").qid is None
