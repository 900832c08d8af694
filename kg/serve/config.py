"""Settings of ``kg serve``: one typed record, filled by the CLI or by a caller of ``create_app``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class ServeConfig:
    store: Path
    writable: bool = False
    token: str | None = None  # required for every write when writable
    allow_service: tuple[str, ...] = ()  # endpoint URLs SERVICE and LOAD may reach (scheme, host, port, path)
    timeout: float = 30.0  # seconds; a query still running is ended and answered 503
    max_result_bytes: int = 100_000_000  # size of one serialised answer; larger answers get 413
    max_query_length: int = 100_000  # characters of a query or update
    max_body: int = 10_000_000  # bytes of a request body
    max_article_bytes: int = 1_000_000  # UTF-8 bytes of one article posted to /articles
    cors: tuple[str, ...] = ()  # allowed origins; CORS is off when empty
    workers: int = 4  # query worker processes (more than the heavy queries you expect at once)
    worker_memory: int | None = 4_000_000_000  # bytes of address space per query worker (503 above)
    header_timeout: float = 10.0  # seconds a connection may take to send its request headers
    access_log: bool = True
    page_cache: int = 1000  # answers of the pages' queries kept until the store changes (0: none)
    http_processes: int = 1  # processes answering HTTP on one port (read-only servers; ``workers`` is shared out)
    extra: dict = field(default_factory=dict)

    def to_json(self) -> str:
        """The settings as JSON, for the processes of a multi-process server (:func:`from_json`)."""
        return json.dumps({**asdict(self), "store": str(self.store)})

    @classmethod
    def from_json(cls, text: str) -> ServeConfig:
        data = json.loads(text)
        tuples = {f.name for f in fields(cls) if str(f.type).startswith("tuple")}
        return cls(**{k: (Path(v) if k == "store" else tuple(v) if k in tuples else v) for k, v in data.items()})
