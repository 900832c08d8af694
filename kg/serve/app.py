"""The ASGI application of ``kg serve``: SPARQL 1.1 Protocol, Graph Store Protocol, article loading, UI.

``create_app(config)`` builds it; one process owns the store (a read-write handle only when writes
are enabled), queries run in worker processes (see :mod:`kg.serve.workers`).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hmac
import json
import logging
import uuid
from pathlib import Path
from urllib.parse import parse_qsl

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from kg.serve import entity_page, map_page, pages
from kg.serve.config import ServeConfig
from kg.serve.lookups import PointLookups, is_point_lookup
from kg.serve.negotiation import choose, parse_accept
from kg.serve.results import QueryTask
from kg.serve.safety import Allowlist, Refused, check, graph_iri, mentions_remote, with_using
from kg.serve.workers import Outcome, QueryPool
from kg.store import KGStore, StoreError, create_empty
from kg.store.parse import MEDIA_TYPES, RdfInputError, parse_rdf

log = logging.getLogger("kg.serve")
STATIC = Path(__file__).parent / "static"
FORM = "application/x-www-form-urlencoded"


class HTTPProblem(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def problem(status: int, message: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    return PlainTextResponse(message + "\n", status_code=status, headers=headers)


class KGServer:
    """State shared by the routes: configuration, query pool, and the write handle when enabled."""

    def __init__(self, config: ServeConfig):
        if config.writable and not config.token:
            raise ValueError("--writable needs a token (--token or KG_TOKEN): writes are never open to anyone")
        self.config = config
        self.allowlist = Allowlist(config.allow_service)
        self.pool = QueryPool(config.store, size=config.workers, timeout=config.timeout,
                              isolate_network=not self.allowlist, memory_limit=config.worker_memory)
        self.pool.page_cache = pages.PageCache(config.page_cache)
        self.lookups = PointLookups(config.store)
        self.store: KGStore | None = None
        self.write_lock = asyncio.Lock()

    async def startup(self) -> None:
        self.config.store.mkdir(parents=True, exist_ok=True)
        if self.config.writable:
            self.store = KGStore(self.config.store)
        elif not any(self.config.store.iterdir()):
            create_empty(self.config.store)  # the workers open read-only views of it
        await self.pool.start()

    async def committed(self) -> None:
        """A write finished; the store bumped its generation, so workers reopen before their next query.
        Flush it out of the write-ahead log, so that reopening does not replay every write since the start."""
        assert self.store is not None
        await asyncio.to_thread(self.store.flush)

    async def shutdown(self) -> None:
        await self.pool.stop()
        self.lookups.close()
        self.store = None

    # ---------- helpers ----------
    async def body(self, request: Request) -> bytes:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > self.config.max_body:
            raise HTTPProblem(413, f"request body over {self.config.max_body} bytes")
        data = b""
        async for chunk in request.stream():
            data += chunk
            if len(data) > self.config.max_body:
                raise HTTPProblem(413, f"request body over {self.config.max_body} bytes")
        return data

    def authorize(self, request: Request) -> None:
        if not self.config.writable:
            raise HTTPProblem(403, "writes are disabled on this server (start kg serve with --writable and a token)")
        scheme, _, credentials = request.headers.get("authorization", "").strip().partition(" ")
        given = credentials.strip().encode("utf-8", errors="surrogateescape")
        if scheme.lower() == "basic":  # any user name, the token as password (clients that only speak Basic)
            try:
                given = base64.b64decode(given, validate=True).partition(b":")[2]
            except (ValueError, binascii.Error):
                given = b""
        expected = (self.config.token or "").encode("utf-8")
        # the scheme is case-insensitive (RFC 9110); the token is compared in constant time
        if scheme.lower() not in ("bearer", "basic") or not expected or not hmac.compare_digest(given, expected):
            raise HTTPProblem(401, "writes need 'Authorization: Bearer <token>' (or Basic with the token as password)",
                              headers={"WWW-Authenticate": 'Bearer realm="kg", Basic realm="kg"'})

    async def checked_text(self, text: str, what: str, base: str) -> str:
        """The text, once the SERVICE/LOAD guard and the size and nesting limits accept it (off the event loop)."""
        if len(text) > self.config.max_query_length:
            raise HTTPProblem(413, f"{what} over {self.config.max_query_length} characters")
        try:
            if len(text) <= 4096 and not mentions_remote(text):
                check(text, self.allowlist, kind=what, base=base)  # lexing a short query costs microseconds
            else:
                await asyncio.to_thread(check, text, self.allowlist, kind=what, base=base)  # a parser may run
        except Refused as e:
            raise HTTPProblem(400, str(e)) from None
        return text

    async def run_query(self, request: Request, query: str, params: list[tuple[str, str]]) -> Response:
        base = str(request.url.replace(query=""))
        query = await self.checked_text(query, "query", base)
        try:
            default_graphs = tuple(graph_iri(v, k) for k, v in params if k == "default-graph-uri")
            named_graphs = tuple(graph_iri(v, k) for k, v in params if k == "named-graph-uri")
        except Refused as e:
            raise HTTPProblem(400, str(e)) from None
        task = QueryTask(
            query=query,
            accept=tuple(parse_accept(request.headers.get("accept"))),
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base,
            max_bytes=self.config.max_result_bytes,
        )
        local = is_point_lookup(query) and self.lookups.answer(task, self.pool.current_generation())
        out = Outcome(*local) if local else await self.pool.run(task)
        if out.status != 200:
            return problem(out.status, out.message or "query failed")
        return Response(out.body, media_type=out.media_type)

    async def run_update(self, request: Request, update: str, params: list[tuple[str, str]]) -> Response:
        self.authorize(request)
        base = str(request.url.replace(query=""))
        update = await self.checked_text(update, "update", base)
        using = [v for k, v in params if k == "using-graph-uri"]
        using_named = [v for k, v in params if k == "using-named-graph-uri"]
        if using or using_named:
            try:
                update = with_using(update, using, using_named)
            except Refused as e:
                raise HTTPProblem(400, str(e)) from None
            update = await self.checked_text(update, "update", base)  # the text that runs is the text checked
        assert self.store is not None
        async with self.write_lock:
            try:
                await asyncio.to_thread(self.store.update, update, base)
            except SyntaxError as e:
                raise HTTPProblem(400, f"invalid SPARQL update: {e}") from None
            except OSError as e:
                raise HTTPProblem(500, f"update failed: {type(e).__name__}") from None
            await self.committed()
        return Response(status_code=204)


def _form(data: bytes) -> list[tuple[str, str]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPProblem(400, "the request body is not UTF-8") from None
    return parse_qsl(text, keep_blank_values=True)


def _one(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise HTTPProblem(400, f"more than one '{name}' parameter")
    return values[0] if values else None


async def sparql_endpoint(request: Request) -> Response:
    server: KGServer = request.app.state.kg
    url_params = list(request.query_params.multi_items())
    if request.method == "GET":
        if _one(url_params, "update") is not None:
            raise HTTPProblem(400, "updates must be sent with POST")
        query = _one(url_params, "query")
        if query is None:
            if _wants_html(request):  # a browser: the SPARQL editor; a client: the service description
                return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))
            return Response(pages.service_description(str(request.url.replace(query=""))), media_type="text/turtle")
        return await server.run_query(request, query, url_params)
    if request.method != "POST":
        raise HTTPProblem(405, "use GET or POST")
    raw_type = request.headers.get("content-type") or ""
    ctype = raw_type.split(";")[0].strip().lower()
    charset = next((p.split("=", 1)[1].strip().strip('"').lower() for p in raw_type.split(";")[1:] if p.strip().lower().startswith("charset=")), "utf-8")
    if charset not in ("utf-8", "utf8"):
        raise HTTPProblem(400, f"the request body must be UTF-8, not {charset}")
    data = await server.body(request)
    if ctype == FORM:
        params = _form(data)
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise HTTPProblem(400, "a request carries either a query or an update, not both")
        if query is not None:
            return await server.run_query(request, query, params + url_params)
        if update is not None:
            return await server.run_update(request, update, params + url_params)
        raise HTTPProblem(400, "the form has no 'query' or 'update' parameter")
    if ctype in ("application/sparql-query", "application/sparql-update"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise HTTPProblem(400, "the request body is not UTF-8") from None
        if ctype == "application/sparql-query":
            return await server.run_query(request, text, url_params)
        return await server.run_update(request, text, url_params)
    if not ctype:
        raise HTTPProblem(400, "a POST needs a Content-Type: application/x-www-form-urlencoded, application/sparql-query or application/sparql-update")
    raise HTTPProblem(415, f"unsupported Content-Type {ctype}")


async def update_endpoint(request: Request) -> Response:
    if request.method == "GET":
        raise HTTPProblem(400, "updates must be sent with POST")
    return await sparql_endpoint(request)


# ---------- Graph Store Protocol ----------
def _target_graph(request: Request) -> ox.NamedNode | ox.DefaultGraph | None:
    params = request.query_params
    if "graph" in params and "default" in params:
        raise HTTPProblem(400, "use either ?graph= or ?default, not both")
    if "default" in params:
        return ox.DefaultGraph()
    try:
        if "graph" in params:
            return ox.NamedNode(graph_iri(params["graph"], "graph"))
        if request.url.path.rstrip("/") != "/store":
            return ox.NamedNode(str(request.url.replace(query="")))  # direct graph identification
    except (Refused, ValueError) as e:
        raise HTTPProblem(400, str(e)) from None
    return None


async def graph_store(request: Request) -> Response:
    server: KGServer = request.app.state.kg
    target = _target_graph(request)
    if request.method in ("GET", "HEAD"):
        if target is None:
            raise HTTPProblem(400, "name a graph with ?graph=IRI or ?default")
        media = choose(parse_accept(request.headers.get("accept")), "graph")
        if media is None:
            raise HTTPProblem(406, "no acceptable RDF media type (try text/turtle)")
        if isinstance(target, ox.DefaultGraph):
            out = await _default_graph(server, media)
        else:
            ask = QueryTask(query=f"ASK {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }}", accept=(("application/sparql-results+json", 1.0),))
            exists = await server.pool.run(ask)
            if exists.status == 200 and json.loads(exists.body).get("boolean") is False:
                raise HTTPProblem(404, f"no graph <{target.value}>")
            q = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{target.value}> {{ ?s ?p ?o }} }}"
            out = await server.pool.run(QueryTask(query=q, accept=((media, 1.0),), max_bytes=server.config.max_result_bytes))
        if out.status != 200:
            return problem(out.status, out.message or "failed")
        return Response(b"" if request.method == "HEAD" else out.body, media_type=out.media_type,
                        headers={"content-length": str(len(out.body))} if request.method == "HEAD" else None)
    server.authorize(request)
    assert server.store is not None
    store = server.store
    if request.method == "DELETE":
        if target is None:
            raise HTTPProblem(400, "name a graph with ?graph=IRI or ?default")
        async with server.write_lock:
            if isinstance(target, ox.NamedNode) and not store.contains_graph(target):
                raise HTTPProblem(404, f"no graph <{target.value}>")
            await asyncio.to_thread(store.delete_graph, target)
            await server.committed()
        return Response(status_code=204)
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    documents: list[tuple[bytes, str]] = []
    if ctype == "multipart/form-data":
        documents = await _multipart_documents(request, await server.body(request), server.config.max_body)
    else:
        fmt = MEDIA_TYPES.get(ctype)
        if fmt is None:
            raise HTTPProblem(415, f"unsupported RDF media type {ctype or '(none)'}")
        documents.append((await server.body(request), fmt))
    created_location = None
    if target is None:
        if request.method != "POST":
            raise HTTPProblem(400, "name a graph with ?graph=IRI or ?default")
        created_location = str(request.url.replace(query="")).rstrip("/") + f"/{uuid.uuid4().hex}"
        target = ox.NamedNode(created_location)
    base = target.value if isinstance(target, ox.NamedNode) else None

    def parse_all() -> list[ox.Quad]:
        return [ox.Quad(q.subject, q.predicate, q.object, target) for data, fmt in documents for q in parse_rdf(data, fmt, base)]

    try:
        quads = await asyncio.to_thread(parse_all)  # off the event loop: a large body never stalls other requests
    except RdfInputError as e:
        raise HTTPProblem(400, f"the RDF body is refused: {e}") from None
    async with server.write_lock:
        existed = isinstance(target, ox.DefaultGraph) or store.contains_graph(target)
        if request.method == "PUT":
            await asyncio.to_thread(store.put_graph, target, quads)
        elif request.method == "POST":
            await asyncio.to_thread(store.post_graph, target, quads)
        else:
            raise HTTPProblem(405, "use GET, HEAD, PUT, POST or DELETE")
        await server.committed()
    if created_location:
        return Response(status_code=201, headers={"location": created_location})
    return Response(status_code=204 if existed else 201)


async def _multipart_documents(request: Request, body: bytes, limit: int) -> list[tuple[bytes, str]]:
    """The RDF parts of a multipart body already read (and so held to the body limit)."""
    sent = False

    async def replay() -> dict:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        form = await Request(request.scope, receive=replay).form(max_files=100, max_fields=100, max_part_size=limit)
    except Exception as e:  # noqa: BLE001 - starlette reports a malformed or oversized form in several ways
        raise HTTPProblem(400, f"the multipart body cannot be read: {e}") from None
    documents, total = [], 0
    try:
        for part in form.values():
            if isinstance(part, str):
                continue
            part_type = (part.content_type or "").split(";")[0].strip().lower()
            if part_type not in MEDIA_TYPES:
                raise HTTPProblem(415, f"unsupported RDF media type {part_type or '(none)'} in a multipart body")
            data = await part.read(limit - total + 1)
            total += len(data)
            if total > limit:
                raise HTTPProblem(413, f"request body over {limit} bytes")
            documents.append((data, MEDIA_TYPES[part_type]))
    finally:
        await form.close()
    return documents


async def _default_graph(server: KGServer, media: str):
    """The store's own default graph (not the union the query endpoint uses), through the worker pool."""
    task = QueryTask(query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", accept=((media, 1.0),),
                     max_bytes=server.config.max_result_bytes, union_default=False)
    return await server.pool.run(task)


# ---------- articles ----------
async def post_articles(request: Request) -> Response:
    """Articles as JSON lines or a JSON array, through the same pipeline and writer as ``kg load``.

    Each record that cannot be read, is too large, fails extraction, violates the shapes or repeats
    an earlier record of the request is listed under ``rejected`` with its reason; the rest are
    stored in one atomic batch (207 when some were rejected).
    """
    from kg.pipeline import load_items
    from kg.read import ArticleFormatError, json_array_items, read_jsonl_stream

    server: KGServer = request.app.state.kg
    server.authorize(request)
    data = await server.body(request)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPProblem(400, "the request body is not UTF-8") from None
    if text.lstrip().startswith("["):
        try:
            lines = json_array_items(text)
        except ArticleFormatError as e:
            raise HTTPProblem(400, f"invalid JSON: {e}") from None
    else:
        lines = text.splitlines()
    items = list(read_jsonl_stream(lines, "request", max_article_bytes=server.config.max_article_bytes))
    assert server.store is not None
    async with server.write_lock:
        try:
            report = await asyncio.to_thread(load_items, items, server.store, workers=1, record_stored=True)
        except StoreError as e:
            raise HTTPProblem(500, f"the articles could not be stored: {e}") from None
        await server.committed()
    body = {
        "loaded": [{"source": s.source, "graph": s.graph, "claims": s.claims} for s in report.stored or []],
        "rejected": [{"source": r.source, "reason": r.reason} for r in report.rejected],
        "duplicates": report.duplicates,
    }
    return JSONResponse(body, status_code=200 if not report.rejected else 207)


# ---------- UI ----------
def _wants_html(request: Request) -> bool:
    accepted = parse_accept(request.headers.get("accept"))
    return any(media == "text/html" and q > 0 for media, q in accepted)


async def index(request: Request) -> Response:
    """The claims explorer (:mod:`kg.serve.explorer`)."""
    from kg.serve.explorer import Filters, explorer

    server: KGServer = request.app.state.kg
    try:
        status, html = await explorer(server.pool, Filters.parse(request.query_params))
    except pages.Unavailable as e:
        raise HTTPProblem(503, str(e)) from None
    return HTMLResponse(html, status_code=status)


async def examples(request: Request) -> Response:
    from kg.queries import PREFIXES, examples as shipped

    out = [{"name": k, "query": PREFIXES + v} for k, v in shipped().items()]
    return JSONResponse(out)


def _page_number(params) -> int:
    page = params.get("page", "")
    return int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1


def _whole_page(render):
    """A page of the whole graph: the conflicts page or the map."""

    async def endpoint(request: Request) -> Response:
        server: KGServer = request.app.state.kg
        try:
            status, html = await render(server.pool, request.query_params)
        except pages.Unavailable as e:
            raise HTTPProblem(503, str(e)) from None
        return HTMLResponse(html, status_code=status)

    return endpoint


def _page(render):
    """A page for ``?iri=``: the entity page or the claim page."""

    async def endpoint(request: Request) -> Response:
        server: KGServer = request.app.state.kg
        iri = request.query_params.get("iri")
        if not iri:
            raise HTTPProblem(400, "give ?iri=")
        try:
            iri = graph_iri(iri, "iri")
        except Refused as e:
            raise HTTPProblem(400, str(e)) from None
        try:
            status, html = await render(server.pool, iri)
        except pages.Unavailable as e:
            raise HTTPProblem(503, str(e)) from None
        return HTMLResponse(html, status_code=status)

    return endpoint


async def http_problem(request: Request, exc: HTTPProblem) -> Response:
    return problem(exc.status, exc.message, exc.headers)


async def internal_error(request: Request, exc: Exception) -> Response:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return problem(500, "internal error (details are in the server log)")


CONFIG_ENV = "KG_SERVE_CONFIG"  # the settings (JSON) of each process of a multi-process server


def app_from_environment() -> Starlette:
    """The app of one process of a multi-process ``kg serve`` (uvicorn starts it by its import string)."""
    import os

    return create_app(ServeConfig.from_json(os.environ[CONFIG_ENV]))


def create_app(config: ServeConfig) -> Starlette:
    server = KGServer(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        await server.startup()
        try:
            yield
        finally:
            await server.shutdown()

    middleware = []
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(config.cors), allow_methods=["GET", "POST"], allow_headers=["*"]))
    routes = [
        Route("/", index),
        Route("/sparql", sparql_endpoint, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/sparql/", sparql_endpoint, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/query", sparql_endpoint, methods=["GET", "POST", "PUT", "DELETE"]),
        Route("/update", update_endpoint, methods=["GET", "POST"]),
        Route("/store", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/store/{rest:path}", graph_store, methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/articles", post_articles, methods=["POST"]),
        Route("/api/examples", examples),
        Route("/entity", _page(entity_page.entity)),
        Route("/conflicts", _whole_page(lambda pool, params: pages.conflicts(pool, _page_number(params)))),
        Route("/map", _whole_page(lambda pool, params: map_page.place_map(pool))),
        Route("/claim", _page(pages.claim)),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={HTTPProblem: http_problem, Exception: internal_error},
    )
    app.state.kg = server
    return app
