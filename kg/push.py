"""Sending the graph to another triple store with the SPARQL 1.1 Graph Store Protocol.

Each article's named graph (and the entities graph) is sent with ``PUT``, which replaces the graph, so
pushing again is idempotent. For users who outgrow Oxigraph: Virtuoso, GraphDB, QLever, Fuseki, or
another ``kg serve --writable``.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.store import KGStore


@dataclass
class PushReport:
    pushed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return f"graphs pushed: {self.pushed}, failed: {len(self.failed)}"


def push(store: str | Path | None, endpoint: str, *, token: str | None = None, user: str | None = None,
         password: str | None = None, timeout: float = 60.0, graphs: list[str] | None = None) -> PushReport:
    """PUT every named graph of the store to ``endpoint`` (a Graph Store URL, indirect identification)."""
    headers = {"Content-Type": "application/n-triples", "User-Agent": "kg-push"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif user is not None:
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    report = PushReport()
    with KGStore(store, read_only=True) as s:
        for g in graphs or s.named_graphs():
            body = s.dump(ox.RdfFormat.N_TRIPLES, g)
            sep = "&" if "?" in endpoint else "?"
            url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': g})}"
            req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=timeout) as r:
                    r.read()
                report.pushed += 1
            except urllib.error.HTTPError as e:
                report.failed.append((g, f"HTTP {e.code}: {e.read()[:200].decode('utf-8', 'replace').strip()}"))
            except (urllib.error.URLError, OSError) as e:
                report.failed.append((g, str(e)))
    return report
