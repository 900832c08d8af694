"""Distributed build: a corpus → validated N-Quads shards and a manifest, on a Dask cluster.

``build()`` partitions the corpus (files, and line ranges of large JSON lines files), runs extraction,
mapping and validation for each partition as one Dask task, and writes ``shard-NNNNN.nq`` files and
``manifest.json`` (articles and their graphs, rejects with reasons, counts, kg version). Input and
output may be any fsspec URL. ``load_shards()`` then loads the shards into Oxigraph in atomic chunks of
whole articles (or, with ``atomic``, all of them in one transaction).
Without a scheduler address a local cluster of worker processes is started.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from pathlib import Path

import kg

MANIFEST = "manifest.json"
ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")


@dataclass(frozen=True)
class Partition:
    index: int
    path: str  # fsspec URL of one input file
    first_line: int = 0  # for JSON lines: the line range [first_line, last_line)
    last_line: int | None = None


def plan(corpus: str, lines_per_partition: int = 2000) -> list[Partition]:
    import fsspec

    fs, root = fsspec.core.url_to_fs(corpus)
    if not fs.exists(root):
        raise FileNotFoundError(2, "no such corpus file or folder", corpus)
    if fs.isdir(root):
        files = sorted(f for f in fs.find(root) if f.lower().endswith(ARTICLE_SUFFIXES) and not f.endswith((".meta.json", ".gold.json")))
    else:
        files = [root]
    proto = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    parts: list[Partition] = []
    for f in files:
        url = f if proto in ("file", "local") else f"{proto}://{f}"
        if f.lower().endswith(".jsonl"):
            with fs.open(f, "rb") as fh:
                n = sum(1 for _ in fh)
            for start in range(0, max(n, 1), lines_per_partition):
                parts.append(Partition(len(parts), url, start, min(n, start + lines_per_partition)))
        else:
            parts.append(Partition(len(parts), url))
    return parts


def _articles(part: Partition):
    import fsspec

    from kg.read import read_file, read_jsonl_stream

    if part.last_line is not None:
        with fsspec.open(part.path, "rt", encoding="utf-8") as fh:
            lines = (line for i, line in enumerate(fh) if part.first_line <= i < part.last_line)
            # sources keep the absolute line number so rejects are named precisely
            for item in read_jsonl_stream(lines, part.path):
                yield _renumber(item, part.first_line)
        return
    local = Path(part.path)
    if local.exists():
        yield from read_file(local)
        return
    import tempfile

    with fsspec.open(part.path, "rb") as src, tempfile.TemporaryDirectory() as tmp:
        dst = Path(tmp) / Path(part.path).name
        dst.write_bytes(src.read())
        yield from read_file(dst)


def _renumber(item, offset: int):
    from dataclasses import replace

    base, _, n = item.source.rpartition("#")
    return replace(item, source=f"{base}#{int(n) + offset}") if n.isdigit() else item


def build_partition(part: Partition, out: str) -> dict:
    """One Dask task: the partition's articles → one N-Quads shard; returns its part of the manifest."""
    import fsspec

    from kg.pipeline import StoredBlocks, process_item, warm_up

    warm_up(freeze=True)  # once per worker process (a process of the Dask cluster)

    shard = f"{out.rstrip('/')}/shard-{part.index:05d}.nq"
    graphs, rejects, claims, triples = [], [], 0, 0
    described = StoredBlocks()  # each entity description once per shard

    with fsspec.open(shard, "wb") as fh:
        for item in _articles(part):
            o = process_item(item)
            if o.reason is not None:
                rejects.append({"source": o.source, "reason": o.reason})
                continue
            fh.write(o.nquads)
            new_blocks = described.unseen(o.entity_blocks)
            fh.writelines(block for _, block in new_blocks)
            described.add(digest for digest, _ in new_blocks)
            graphs.append(o.graph)
            claims += o.claims
            triples += o.nquads.count(b"\n")
    return {"shard": shard.rsplit("/", 1)[-1], "graphs": graphs, "rejects": rejects, "claims": claims, "article_triples": triples}


@dataclass
class BuildReport:
    manifest: dict
    seconds: float

    def summary(self) -> str:
        m = self.manifest
        return (f"articles: {m['articles']}, rejected: {len(m['rejects'])}, shards: {len(m['shards'])}, "
                f"claims: {m['claims']}, seconds: {self.seconds:.2f}")


def build(corpus: str, out: str, *, scheduler: str | None = None, workers: int = 2, lines_per_partition: int = 2000) -> BuildReport:
    import fsspec
    from dask.distributed import Client, LocalCluster

    t0 = time.perf_counter()
    parts = plan(corpus, lines_per_partition)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(build_partition, parts, out=out, pure=False)
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    results.sort(key=lambda r: r["shard"])
    manifest = {
        "kg_version": kg.__version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "corpus": corpus,
        "shards": [r["shard"] for r in results],
        "graphs": [g for r in results for g in r["graphs"]],
        "articles": sum(len(r["graphs"]) for r in results),
        "rejects": [x for r in results for x in r["rejects"]],
        "claims": sum(r["claims"] for r in results),
        "article_triples": sum(r["article_triples"] for r in results),
    }
    with fsspec.open(f"{out.rstrip('/')}/{MANIFEST}", "wt", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    return BuildReport(manifest, time.perf_counter() - t0)


class _Chain(io.RawIOBase):
    """The shards read one after the other, as one stream, so Oxigraph loads them in one call."""

    def __init__(self, urls: list[str]):
        import fsspec

        self._files = iter([fsspec.open(u, "rb") for u in urls])
        self._current = None

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while True:
            if self._current is None:
                opener = next(self._files, None)
                if opener is None:
                    return 0
                self._current = opener.open()
            n = self._current.readinto(b)
            if n:
                return n
            self._current.close()
            self._current = None


def load_shards(store, folder: str, *, atomic: bool = False, chunk_quads: int = 800_000) -> dict:
    """Load a build's shards; the graphs of the same articles already stored are replaced.

    By default the shards are cut into chunks of whole articles (at most ``chunk_quads`` quads each,
    one article never split) and each chunk is one atomic bulk ingestion: memory stays flat and the
    load runs at bulk-loader speed; a killed load leaves whole articles only, and running it again
    finishes it. With ``atomic`` all shards go in ONE transaction (all of them or none), which holds
    every quad in memory until it commits — fine for small builds, not for millions of articles.
    """
    import fsspec

    root = folder.rstrip("/")
    with fsspec.open(f"{root}/{MANIFEST}", "rt", encoding="utf-8") as fh:
        manifest = json.load(fh)
    urls = [f"{root}/{s}" for s in manifest["shards"]]
    if atomic:
        store.load_nquads_stream(_Chain(urls), replace_graphs=manifest["graphs"])
        return manifest
    article_graphs = set(manifest["graphs"])
    for url in urls:
        with fsspec.open(url, "rb") as fh:
            for graphs, data in article_chunks(fh, article_graphs, chunk_quads):
                store.replace_articles_nquads(graphs, data)
    store.flush()
    return manifest


def article_chunks(lines, article_graphs: set[str], chunk_quads: int):
    """(article graphs, N-Quads) chunks of a shard, cut only where an article's graph begins.

    A shard holds each article's quads followed by the entity descriptions it adds; the graph of a
    quad is the last term of its line (IRIs hold no spaces), so no parsing is needed to find it.
    """
    graphs: list[str] = []
    buf: list[bytes] = []
    current = None
    for line in lines:
        if not line.strip():
            continue
        graph = line.rstrip()[:-1].rstrip().rsplit(b" ", 1)[-1]
        if graph != current and graph[1:-1].decode("utf-8") in article_graphs:
            current = graph
            if len(buf) >= chunk_quads:
                yield graphs, b"".join(buf)
                graphs, buf = [], []
            graphs.append(graph[1:-1].decode("utf-8"))
        buf.append(line if line.endswith(b"\n") else line + b"\n")
    if buf:
        yield graphs, b"".join(buf)
