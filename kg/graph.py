"""``KnowledgeGraph``: a kg store as one object, the library's front door (in the style of sqlite-utils'
``Database``). Every method is one of kg's pipeline functions over this store; nothing is loaded until a
method needs it, and nothing changes the caller's process (no ``gc.freeze``, no global settings: the
tagger choice is per object).

>>> from kg import KnowledgeGraph
>>> kg = KnowledgeGraph("kg-store")
>>> kg.load(["samples/"]).summary()                        # doctest: +SKIP
>>> kg.query("SELECT ?c WHERE { ?c a kg:Claim } LIMIT 3")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.records import Article, Extraction

if TYPE_CHECKING:
    from kg.queries import Term
    from kg.serve import ServeConfig


class KnowledgeGraph:
    """A store of articles' graphs: load, extract, query, validate, link, export, serve."""

    def __init__(self, path: str | Path | None = None, *, tagger: bool | None = None):
        from kg.defaults import default_store_path

        self.path = Path(path) if path is not None else default_store_path()
        # the learned entity tagger for extraction through this object: True / False, or None for the process
        # setting (kg.tagger.configure, or the CLI's --no-tagger / --tagger-model; on by default)
        self.tagger = tagger

    def __repr__(self) -> str:
        return f"KnowledgeGraph({str(self.path)!r})"

    @classmethod
    def demo(cls, path: str | Path | None = None):
        """Load the bundled sample articles into a fresh store (a new temporary folder unless ``path``) and
        answer three example queries (``kg demo``); a ``DemoResult``."""
        from kg import api

        return api.demo(path)

    # ---------- extraction ----------
    def extract(self, text_or_article: str | Article, *, language: str | None = None) -> Extraction:
        """The typed extraction of one article (a text, or an :class:`kg.records.Article`)."""
        from kg.extract import extract

        article = text_or_article if isinstance(text_or_article, Article) else Article(
            text=text_or_article, source="<text>", language=language)
        return extract(article, tagger=self.tagger)

    def extract_file(self, path: str | Path) -> list[dict[str, Any]]:
        """The extraction of each article in a file, as the JSON of the evaluation contract (``kg extract``)."""
        from kg.contract import to_contract
        from kg.errors import InputError
        from kg.extract import extract
        from kg.read import read_paths
        from kg.records import ReadError

        out = []
        for item in read_paths([path]):
            if isinstance(item, ReadError):
                raise InputError(f"{item.source}: {item.message}")
            out.append(to_contract(extract(item, tagger=self.tagger)))
        return out

    # ---------- loading ----------
    def load(self, items: Iterable[str | Path | dict | Article], *, workers: int = 1, batch_size: int | None = None,
             resume: bool = False, max_article_bytes: int | None = None, on_item=None):
        """Load files or folders (paths; ``-`` reads JSON lines from stdin), JSON records (dicts with ``text``)
        or :class:`Article` records; the same pipeline as ``kg load`` (validated, de-duplicated, batched).
        Returns a ``LoadReport``."""
        from kg.pipeline import DEFAULT_BATCH_SIZE, load_items
        from kg.read import MAX_ARTICLE_BYTES, read_paths, record_article
        from kg.store import KGStore

        limit = MAX_ARTICLE_BYTES if max_article_bytes is None else (max_article_bytes or None)

        def articles():
            for item in items:
                if isinstance(item, Article):
                    yield item
                elif isinstance(item, dict):
                    yield record_article(item, "<record>", limit)
                else:
                    yield from read_paths([item], max_article_bytes=limit)

        if self.tagger is not None:
            workers = 1  # a per-object setting cannot reach worker processes (they follow the process setting)
        with KGStore(self.path) as store:
            return load_items(articles(), store, workers=workers, batch_size=batch_size or DEFAULT_BATCH_SIZE,
                              resume=resume, on_item=on_item, tagger=self.tagger)

    def load_shards(self, folder: str, *, atomic: bool = False) -> dict[str, Any]:
        """Load the validated N-Quads shards of ``kg build`` (its manifest, with what was loaded)."""
        from kg.build import load_shards
        from kg.errors import InputError
        from kg.store import KGStore

        try:
            with KGStore(self.path) as store:
                return load_shards(store, folder, atomic=atomic)
        except (OSError, ValueError) as e:
            raise InputError(f"{folder}: {e}") from None

    # ---------- reading ----------
    def query(self, sparql: str) -> list[dict[str, Term]] | bool:
        """Rows of a SELECT (variable → :class:`kg.queries.Term`), or the answer of an ASK; kg's prefixes are declared."""
        from kg.queries import typed_rows
        from kg.store import KGStore

        with KGStore(self.path, read_only=True) as store:
            return typed_rows(store, sparql)

    def query_text(self, sparql: str, fmt: str = "table") -> str:
        """A query's result formatted as ``kg query`` prints it: table, csv, tsv, json, turtle or nquads."""
        from kg.queries import run
        from kg.store import KGStore

        with KGStore(self.path, read_only=True) as store:
            return run(store, sparql, fmt)

    def conflicts(self):
        """The conflicting claims stored (a table: the example query ``conflicting_claims``)."""
        from kg import api

        return api.conflicts(self.path)

    def validate(self, files: Iterable[str | Path] = (), *, engine: str = "fast"):
        """A validation report per article graph of the store, or per RDF / article file given
        (``engine="pyshacl"`` for the reference)."""
        from kg import api

        files = list(files)
        if files:
            return api.validate_files(files, engine=engine)
        return api.validate_store(self.path, engine=engine)

    def stats(self) -> dict[str, Any]:
        from kg import api

        return api.stats(self.path)

    def export(self, fmt: str = "nquads", graph: str | None = None) -> bytes:
        from kg.queries import export
        from kg.store import KGStore

        with KGStore(self.path, read_only=True) as store:
            return export(store, fmt, graph)

    def link(self, index: str | Path | None = None, *, online=False):
        """Link the store's actors and places to Wikidata with the label index (``kg link``); ``online``:
        True (ask the Wikidata APIs, cached in ``kg-wikidata-cache.sqlite``) or a ``WikidataClient``."""
        from kg.link import LabelIndex, relink_store
        from kg.link.online import WikidataClient

        client = WikidataClient(Path("kg-wikidata-cache.sqlite")) if online is True else (online or None)
        with LabelIndex(index) as idx:
            return relink_store(self.path, idx, online=client)

    def graph_count(self) -> int:
        """Named graphs in the store (articles, entities, links)."""
        from kg.store import KGStore

        with KGStore(self.path, read_only=True) as store:
            return len(store.named_graphs())

    def push(self, endpoint: str, *, token: str | None = None, user: str | None = None, password: str | None = None,
             auth: str = "auto", graphs: list[str] | None = None, timeout: float = 60.0, deadline: float = 3600.0,
             on_graph=None):
        """PUT every named graph (or ``graphs``) to another store's Graph Store endpoint (``kg push``);
        a ``PushReport``."""
        from kg.push import push

        return push(self.path, endpoint, token=token, user=user, password=password, auth=auth, graphs=graphs or None,
                    timeout=timeout, deadline=deadline, on_graph=on_graph)

    def serve(self, host: str = "127.0.0.1", port: int = 7878, config: ServeConfig | None = None, **options) -> None:
        """Run the SPARQL endpoint until interrupted (``kg serve``): a :class:`kg.serve.ServeConfig`, or its
        fields as keywords (writable, token, timeout …); the store is this object's."""
        from kg.serve import serve

        serve(self._serve_config(config, options), host, port)

    def get(self, path: str, accept: str | None = None, config: ServeConfig | None = None, **options) -> tuple[int, str, bytes]:
        """Answer one ``GET path`` of the endpoint in-process, without a port: status, content type, body."""
        from kg.serve import get_once

        return get_once(self._serve_config(config, options), path, accept)

    def _serve_config(self, config: ServeConfig | None, options: dict[str, Any]) -> ServeConfig:
        import dataclasses

        from kg.serve import ServeConfig
        from kg.store import StoreError

        config = dataclasses.replace(config or ServeConfig(store=self.path), store=self.path, **options)
        if not config.writable and not self.path.exists():
            raise StoreError(f"{self.path}: no store there (load articles with `kg load`, or serve --writable to start one)")
        return config

    def serve_app(self, **options):
        """The SPARQL endpoint as an ASGI app (Starlette), for a server or a test client; ``options`` are
        :class:`kg.serve.ServeConfig` fields (writable, token, timeout …)."""
        from kg.serve import ServeConfig
        from kg.serve.app import create_app

        return create_app(ServeConfig(store=self.path, **options))
