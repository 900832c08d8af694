"""``kg serve``: a SPARQL 1.1 endpoint and a browser UI over the store, safe to expose.

Library: ``create_app(ServeConfig(store=...))`` gives the ASGI app; :func:`serve` runs it with uvicorn;
:func:`get_once` answers one request in-process (``kg serve --get PATH``).
"""

from __future__ import annotations

from kg.serve.app import create_app
from kg.serve.config import ServeConfig


def serve(config: ServeConfig, host: str = "127.0.0.1", port: int = 7878) -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, access_log=config.access_log, log_level="info")


def get_once(config: ServeConfig, path: str, accept: str | None = None) -> tuple[int, str, bytes]:
    """Answer ``GET path`` in-process, without a port: status, content type, body."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    with TestClient(create_app(config)) as client:
        r = client.get(path, headers={"accept": accept} if accept else None)
        return r.status_code, r.headers.get("content-type", ""), r.content


__all__ = ["create_app", "ServeConfig", "serve", "get_once"]
