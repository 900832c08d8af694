"""How fast the analyst's pages answer: the sample articles plus ``--articles`` generated ones (default 1,000)
loaded into one store, a real ``kg serve`` on 127.0.0.1, every page asked in turn for ``--rounds`` rounds.

Target (issue 15): every page under 300 ms. Two servers run on the same store: one without the page cache
(``--page-cache 0``: every page computed, what a reader meets on a first visit) and one with it (a page
visited again, or the next page of a filtered view whose facets are already known); each round asks every
page of both, alternating. Each row gives the page's median wall time over the rounds (client side, one
keep-alive connection, the whole body read), its min–max, and its ratio to a static file fetched in the
same rounds (the server's floor: the HTTP stack with no query), so a noisy machine shows up in both::

    python -m benchmarks.bench_pages [--articles 1000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from benchmarks.bench_serve import free_port
from kg import KnowledgeGraph
from kg.corpus import articles
from kg.resources import samples_dir

TARGET_MS = 300.0


class Client:
    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, path: str, accept: str = "text/html") -> tuple[int, bytes, float]:
        t0 = time.perf_counter()
        self.conn.request("GET", path, headers={"Accept": accept})
        r = self.conn.getresponse()
        body = r.read()
        return r.status, body, (time.perf_counter() - t0) * 1000

    def select(self, query: str) -> list[dict]:
        status, body, _ = self.get("/sparql?" + urllib.parse.urlencode({"query": query}), "application/sparql-results+json")
        assert status == 200, body[:300]
        return json.loads(body)["results"]["bindings"]


def pages(c: Client) -> list[tuple[str, str]]:
    """The pages an analyst opens, with arguments picked from the data: the busiest speaker and place, a claim."""
    prefixes = "PREFIX kg: <https://w3id.org/kg-news/ontology#>\n"
    [speaker] = c.select(prefixes + "SELECT ?s (COUNT(?c) AS ?n) WHERE { ?c kg:claimant ?s } GROUP BY ?s ORDER BY DESC(?n) LIMIT 1")
    [place] = c.select(prefixes + 'SELECT ?p (COUNT(?c) AS ?n) WHERE { ?c kg:about ?p . ?p kg:entityCategory "place" } '
                       "GROUP BY ?p ORDER BY DESC(?n) LIMIT 1")
    [claim] = c.select(prefixes + "SELECT ?c WHERE { ?c a kg:Claim } LIMIT 1")
    [arabic] = c.select(prefixes + 'SELECT ?t WHERE { ?c kg:content ?t . FILTER (REGEX(?t, "^[\\u0621-\\u064A]")) } LIMIT 1')
    word = max(arabic["t"]["value"].split(), key=len)  # a word some claims share, typed as written
    q = urllib.parse.quote
    s, p = speaker["s"]["value"], place["p"]["value"]
    return [
        ("explorer", "/"),
        ("explorer, page 5", "/?page=5"),
        ("explorer, search (a claim's word)", "/?q=" + q(word)),
        ("explorer, search (very common)", "/?q=the"),
        ("explorer, speaker facet", "/?speaker=" + q(s, safe="")),
        ("explorer, place + dates", f"/?place={q(p, safe='')}&date_from=2024-03-01&date_to=2024-09-30"),
        ("conflicts", "/conflicts"),
        ("map", "/map"),
        ("entity: busiest speaker", "/entity?iri=" + q(s, safe="")),
        ("entity: busiest place", "/entity?iri=" + q(p, safe="")),
        ("claim", "/claim?iri=" + q(claim["c"]["value"], safe="")),
        ("SPARQL editor", "/sparql"),
    ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-pages-"))
    try:
        store = tmp / "store"
        t0 = time.perf_counter()
        report = KnowledgeGraph(store).load([samples_dir(), *articles(a.articles)], workers=2)
        print(f"store: the samples + {a.articles} generated articles, {report.loaded} loaded in {time.perf_counter() - t0:.0f} s")
        servers, clients = [], {}
        try:
            for name, extra in (("computed", ["--page-cache", "0"]), ("cached", [])):
                port = free_port()
                servers.append(subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port",
                                                 str(port), *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
                clients[name] = _connect(port)
            todo = pages(clients["computed"])
            for c in clients.values():
                for _, path in todo:  # warm-up: workers open the store, the cached server fills its cache
                    status, body, _ = c.get(path)
                    assert status == 200, (path, status, body[:300])
            times: dict[tuple[str, str], list[float]] = {(kind, name): [] for kind in clients for name, _ in todo}
            floor: list[float] = []
            sizes: dict[str, int] = {}
            for _ in range(a.rounds):  # alternate: the floor, then each page on both servers, each round
                for name, path in todo:
                    for kind, c in clients.items():
                        floor.append(c.get("/static/style.css")[2])
                        status, body, ms = c.get(path)
                        assert status == 200, (path, status)
                        times[(kind, name)].append(ms)
                        sizes[name] = len(body)
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    base = statistics.median(floor)
    print(f"rounds: {a.rounds}; floor (a static file): median {base:.1f} ms, {min(floor):.1f}–{max(floor):.1f}")
    print(f"{'page':34} {'computed: median':>16} {'min–max':>14} {'× floor':>8} {'cached: median':>15} {'min–max':>12} {'KB':>5}"
          f"  target < {TARGET_MS:.0f} ms")
    worst = 0.0
    for name, _ in todo:
        ms, hit = times[("computed", name)], times[("cached", name)]
        med = statistics.median(ms)
        worst = max(worst, med)
        print(f"{name:34} {med:16.1f} {min(ms):6.1f}–{max(ms):<7.1f} {med / base:8.1f} {statistics.median(hit):15.1f} "
              f"{min(hit):5.1f}–{max(hit):<6.1f} {sizes[name] / 1024:5.0f}  {'ok' if med < TARGET_MS else 'OVER'}")
    print(f"slowest page computed: median {worst:.0f} ms — {'every page under' if worst < TARGET_MS else 'over'} the "
          f"{TARGET_MS:.0f} ms target")
    return 0


def _connect(port: int) -> Client:
    deadline = time.time() + 60
    while True:
        try:
            c = Client(port)
            if c.get("/sparql?query=ASK%7B%7D", "application/sparql-results+json")[0] == 200:
                return c
        except OSError:
            if time.time() > deadline:
                raise
            time.sleep(0.2)


if __name__ == "__main__":
    raise SystemExit(main())
