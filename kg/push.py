"""Sending the graph to another triple store with the SPARQL 1.1 Graph Store Protocol.

Each article's named graph (and the entities graph) is sent with ``PUT``, which replaces the graph, so
pushing again is idempotent. For users who outgrow Oxigraph: Virtuoso, GraphDB, QLever, Fuseki, or
another ``kg serve --writable``.
"""

from __future__ import annotations

import base64
import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.httpio import AnswerTooSlow, error_excerpt, read_bounded
from kg.store import KGStore
from kg.errors import KGException


@dataclass
class PushReport:
    pushed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    stopped: str | None = None  # why the push ended before the last graph (authentication refused, deadline)
    not_sent: int = 0  # graphs left unsent when it stopped

    def summary(self) -> str:
        out = f"graphs pushed: {self.pushed}, failed: {len(self.failed)}"
        if self.stopped:
            out += f"; stopped with {self.not_sent} graph(s) not sent: {self.stopped}"
        return out


class PushError(KGException):
    """The push cannot start: an endpoint that is no URL."""


class _Stop(Exception):
    """Pushing more graphs cannot succeed (401/403, the deadline): end the run."""


AUTH_SCHEMES = ("auto", "basic", "bearer", "digest")


def push(store: str | Path | None, endpoint: str, *, token: str | None = None, user: str | None = None,
         password: str | None = None, auth: str = "auto", timeout: float = 60.0, graphs: list[str] | None = None,
         deadline: float = 3600.0, retries: int = 3, backoff: float = 1.0, max_wait: float = 60.0,
         on_graph: Callable[[str], None] | None = None) -> PushReport:
    """PUT every named graph of the store to ``endpoint`` (a Graph Store URL, indirect identification).

    Bounded against an endpoint that misbehaves: each graph has ``timeout`` seconds (its answer is
    read in pieces, an error body only in its first 200 bytes), the whole push ``deadline`` seconds;
    503 and 429 are retried ``retries`` times with back-off (Retry-After obeyed up to ``max_wait``);
    401 or 403 stops the push, since every later graph would be refused too. ``auth``: ``auto`` (Bearer
    with a token, Basic with a user), ``basic``, ``bearer`` or ``digest``. ``on_graph`` is called after
    each graph (progress).
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"{endpoint!r} is not an http(s) Graph Store URL")
    headers = {"Content-Type": "application/n-triples", "User-Agent": "kg-push"}
    opener = _opener(endpoint, headers, token=token, user=user, password=password, auth=auth)
    report = PushReport()
    end = time.monotonic() + deadline
    with KGStore(store, read_only=True) as s:
        todo = graphs or s.named_graphs()
        for n, g in enumerate(todo):
            try:
                error = _put(opener, s.dump(ox.RdfFormat.N_TRIPLES, g), g, endpoint, headers, timeout, end, retries,
                             backoff, max_wait)
            except _Stop as e:
                report.stopped, report.not_sent = str(e), len(todo) - n
                break
            if error is None:
                report.pushed += 1
            else:
                report.failed.append((g, error))
            if on_graph:
                on_graph(g)
    return report


def _opener(endpoint: str, headers: dict[str, str], *, token: str | None, user: str | None, password: str | None,
            auth: str) -> urllib.request.OpenerDirector:
    """How each PUT authenticates: a Bearer token or Basic credentials go in ``headers``; HTTP Digest
    (RFC 7616, what Virtuoso's ``/sparql-graph-crud-auth`` asks for) answers the server's challenge, with
    the standard library's digest handler (MD5 and SHA-1 challenges)."""
    if auth not in AUTH_SCHEMES:
        raise PushError(f"unknown authentication {auth!r}: one of {', '.join(AUTH_SCHEMES)}")
    if auth == "auto":
        auth = "bearer" if token else "basic" if user is not None else "none"
    if auth == "bearer":
        if not token:
            raise PushError("--auth bearer needs --token")
        headers["Authorization"] = f"Bearer {token}"
    elif auth in ("basic", "digest") and user is None:
        raise PushError(f"--auth {auth} needs --user (and --password)")
    elif auth == "basic":
        headers["Authorization"] = "Basic " + base64.b64encode(f"{user}:{password or ''}".encode()).decode()
    if auth != "digest":
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))


def _put(opener: urllib.request.OpenerDirector, body: bytes, graph: str, endpoint: str, headers: dict, timeout: float,
         end: float, retries: int, backoff: float, max_wait: float) -> str | None:
    """PUT one graph; None on success, else why it failed. Raises _Stop when no later graph can succeed."""
    sep = "&" if "?" in endpoint else "?"
    url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"
    delay = backoff
    for attempt in range(retries + 1):
        left = end - time.monotonic()
        if left <= 0:
            raise _Stop("the push deadline passed")
        req = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with opener.open(req, timeout=min(timeout, left)) as r:
                read_bounded(r, 1_000_000, min(end, time.monotonic() + timeout))
            return None
        except urllib.error.HTTPError as e:
            excerpt = error_excerpt(e)
            e.close()
            if e.code in (401, 403):
                raise _Stop(f"HTTP {e.code} from the endpoint (check --token or --user/--password): {excerpt}") from None
            if e.code in (429, 503) and attempt < retries:
                retry_after = (e.headers.get("Retry-After") or "").strip()
                pause = min(float(retry_after) if retry_after.isdigit() else delay, max_wait)
                if time.monotonic() + pause > end:
                    raise _Stop("the push deadline passed while the endpoint asked to wait") from None
                time.sleep(pause)
                delay *= 2
                continue
            return f"HTTP {e.code}: {excerpt}"
        except (AnswerTooSlow, TimeoutError) as e:
            return f"no complete answer within {timeout:g} s ({e})"
        except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
            return str(e)
    return "unreachable"
