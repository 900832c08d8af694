"""kg serve against `oxigraph serve` and rdflib-endpoint, started in the same run on the same data.

Measures requests/s (4 client threads, keep-alive) for a point query, a LIMIT 100 query and an
aggregate, on a store of ≥ 100k triples in named graphs, and the p99 latency of point queries
while two heavy queries run. Needs the pip packages `oxigraph` (its CLI) and `rdflib-endpoint`.
Each figure is measured in alternating rounds (kg, peer, then peer, kg …, ``--rounds`` each) in one run,
and each ratio is reported as its median over the rounds with its min–max, since this machine is shared.

    python -m benchmarks.bench_serve [--seconds 3] [--rounds 3] [--claims 20000]
"""

from __future__ import annotations

import argparse
import os
import http.client
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

KG = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
POINT = "SELECT ?o WHERE {{ GRAPH ?g {{ <{iri}> <" + KG + "content> ?o }} }}"
LIMIT = "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 100"
AGGREGATE = "SELECT ?c (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <" + KG + "claimant> ?c } } GROUP BY ?c"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s <" + KG + "claimant> ?c . ?t <" + KG + "claimant> ?c } }"


def make_data(folder: Path, claims: int) -> tuple[Path, list[str]]:
    rng = random.Random(3)
    quads = []
    iris = []
    claimants = [ox.NamedNode(f"{ID}entity/{i}") for i in range(300)]
    for i in range(claims):
        g = ox.NamedNode(f"{ID}graph/article/{i // 25}")
        c = ox.NamedNode(f"{ID}article/{i // 25}/claim/{i}")
        iris.append(c.value)
        for p, o in (
            ("content", ox.Literal(f"claim number {i} about place {rng.randint(0, 999)}")),
            ("claimant", rng.choice(claimants)),
            ("cue", ox.Literal(rng.choice(["قال", "أكد", "said", "بحسب"]))),
            ("beginIndex", ox.Literal(str(i * 3), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
            ("about", rng.choice(claimants)),
        ):
            quads.append(ox.Quad(c, ox.NamedNode(KG + p), o, g))
        quads.append(ox.Quad(c, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(KG + "Claim"), g))
    nq = folder / "data.nq"
    nq.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return nq, iris


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(port: int, path: str, timeout: float = 120) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", path + "?query=" + urllib.parse.quote("ASK {}"), headers={"Accept": "application/sparql-results+json"})
            if c.getresponse().status < 500:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server on {port} did not start")


def request(conn: http.client.HTTPConnection, path: str, query: str) -> float:
    t0 = time.perf_counter()
    conn.request("GET", path + "?query=" + urllib.parse.quote(query), headers={"Accept": "application/sparql-results+json"})
    r = conn.getresponse()
    r.read()
    if r.status != 200:
        raise RuntimeError(f"HTTP {r.status}")
    return time.perf_counter() - t0


def throughput(port: int, path: str, make_query, seconds: float, threads: int = 4) -> float:
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def run(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while time.perf_counter() < stop:
            request(conn, path, make_query())
            counts[k] += 1

    ts = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


def p99_under_load(port: int, path: str, make_point, seconds: float) -> float:
    stop = time.perf_counter() + seconds
    errors = []

    def heavy() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        while time.perf_counter() < stop:
            try:
                request(conn, path, HEAVY)
            except Exception as e:  # noqa: BLE001
                errors.append(e)
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    hs = [threading.Thread(target=heavy) for _ in range(2)]
    for h in hs:
        h.start()
    time.sleep(0.5)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    lat = []
    while time.perf_counter() < stop:
        lat.append(request(conn, path, make_point()))
    for h in hs:
        h.join()
    lat.sort()
    return lat[int(0.99 * (len(lat) - 1))] * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--claims", type=int, default=20000)
    ap.add_argument("--http-processes", type=int, default=os.cpu_count() or 1,
                    help="kg serve's HTTP processes (default: one per core, as for a read-only deployment)")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-serve-"))
    nq, iris = make_data(tmp, a.claims)
    kg_store, ox_store = tmp / "kg", tmp / "ox"
    s = ox.Store(str(kg_store))
    s.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    triples = len(s)
    del s
    shutil.copytree(kg_store, ox_store)
    ports = {"kg serve": free_port(), "oxigraph serve": free_port(), "rdflib-endpoint": free_port()}
    bindir = Path(sys.executable).parent
    procs = [
        subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(kg_store), "--port", str(ports["kg serve"]), "--workers", "4",
                          "--max-result-mb", "1000", "--timeout", "300", "--no-access-log",
                          "--http-processes", str(a.http_processes)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([str(bindir / "oxigraph"), "serve-read-only", "--location", str(ox_store), "--bind", f"127.0.0.1:{ports['oxigraph serve']}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([str(bindir / "rdflib-endpoint"), "serve", str(nq), "--host", "127.0.0.1", "--port", str(ports["rdflib-endpoint"])],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    paths = {"kg serve": "/sparql", "oxigraph serve": "/query", "rdflib-endpoint": "/"}
    try:
        for name, port in ports.items():
            wait(port, paths[name], 300)
        rng = random.Random(1)

        def point() -> str:
            return POINT.format(iri=rng.choice(iris))

        kinds = {"point": (point, 4), "limit100": (lambda: LIMIT, 4), "aggregate": (lambda: AGGREGATE, 2)}
        results: dict[str, dict[str, list[float]]] = {n: {k: [] for k in kinds} for n in ports}
        p99: dict[str, list[float]] = {"kg serve": [], "oxigraph serve": []}
        for r in range(a.rounds):
            order = ["kg serve", "oxigraph serve"] if r % 2 == 0 else ["oxigraph serve", "kg serve"]
            for kind, (make, threads) in kinds.items():
                for name in order:
                    results[name][kind].append(throughput(ports[name], paths[name], make, a.seconds, threads))
            results["rdflib-endpoint"]["limit100"].append(
                throughput(ports["rdflib-endpoint"], paths["rdflib-endpoint"], lambda: LIMIT, max(1.0, a.seconds / 2)))
            for name in order:
                p99[name].append(p99_under_load(ports[name], paths[name], point, a.seconds))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"store: {triples} quads in named graphs; {a.seconds:g} s per measurement, {a.rounds} alternating rounds, "
          f"4 client threads (2 for the aggregate); kg serve --http-processes {a.http_processes} --workers 4 --no-access-log")
    print(f"{'server':18} {'point req/s':>12} {'LIMIT 100 req/s':>16} {'aggregate req/s':>16}   (medians)")
    for name, r in results.items():
        cells = [f"{statistics.median(v):.1f}" if v else "—" for v in (r["point"], r["limit100"], r["aggregate"])]
        print(f"{name:18} {cells[0]:>12} {cells[1]:>16} {cells[2]:>16}")
    k, o, rl = results["kg serve"], results["oxigraph serve"], results["rdflib-endpoint"]

    def ratio(mine: list[float], peer: list[float]) -> str:
        rs = [x / y for x, y in zip(mine, peer)]
        return f"median {statistics.median(rs):.2f}x, {min(rs):.2f}–{max(rs):.2f}"

    print(f"kg / rdflib-endpoint on LIMIT 100: {ratio(k['limit100'], rl['limit100'])} (target >= 10x)")
    print(f"kg / oxigraph serve on point queries: {ratio(k['point'], o['point'])} (target >= 0.5x)")
    print(f"kg / oxigraph serve on the aggregate: {ratio(k['aggregate'], o['aggregate'])} (target >= 0.9x)")
    print(f"p99 of point queries while two heavy queries run: kg median {statistics.median(p99['kg serve']):.1f} ms "
          f"({min(p99['kg serve']):.1f}–{max(p99['kg serve']):.1f}), oxigraph {statistics.median(p99['oxigraph serve']):.1f} ms "
          "(target < 25 ms)")

if __name__ == "__main__":
    main()
