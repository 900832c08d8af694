"""``kg serve``: a SPARQL 1.1 endpoint and a browser UI over the store, safe to expose.

Library: ``create_app(ServeConfig(store=...))`` gives the ASGI app; :func:`serve` runs it with uvicorn;
:func:`get_once` answers one request in-process (``kg serve --get PATH``).
"""

from __future__ import annotations

from kg.serve.app import create_app
from kg.serve.config import ServeConfig


def serve(config: ServeConfig, host: str = "127.0.0.1", port: int = 7878) -> None:
    """Run the server until interrupted. A writable store that another process holds is refused here,
    with a :class:`~kg.store.StoreError`, before the server starts.

    With ``config.http_processes`` above 1 (read-only servers), that many processes accept connections
    on the one port, each with its share of the query workers: HTTP handling and in-process point
    look-ups use every core instead of one."""
    import uvicorn

    from kg.serve.protocol import with_header_timeout

    if config.writable:
        if config.http_processes > 1:
            raise ValueError("a writable server answers from one process (--http-processes 1): the store has one writer")
        from kg.store import KGStore

        KGStore(config.store).close()  # raises StoreError (locked, unreadable) with a one-line message
    _raise_file_limit()
    common = {"host": host, "port": port, "access_log": config.access_log, "log_level": "info", "timeout_keep_alive": 5}
    if config.http_processes <= 1:
        uvicorn.run(create_app(config), http=with_header_timeout(config.header_timeout), **common)
        return
    import os
    from dataclasses import replace

    from kg.serve.app import CONFIG_ENV
    from kg.serve.protocol import HEADER_TIMEOUT_ENV

    share = replace(config, token=None, workers=max(1, -(-config.workers // config.http_processes)))  # read-only: no token travels
    os.environ[CONFIG_ENV] = share.to_json()
    os.environ[HEADER_TIMEOUT_ENV] = str(config.header_timeout)
    uvicorn.run("kg.serve.app:app_from_environment", factory=True, workers=config.http_processes,
                http="kg.serve.protocol:FromEnvironment", **common)


def _raise_file_limit() -> None:
    """Connections are file descriptors: use all the process may have, not the shell's soft default."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or soft < hard:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else max(soft, 65536), hard))
    except (ImportError, ValueError, OSError):
        pass


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
