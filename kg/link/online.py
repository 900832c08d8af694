"""Online look-ups through the Wikidata APIs, polite and cached.

``wbsearchentities`` finds items for a name, ``wbgetentities`` fetches their labels, aliases, classes,
coordinates and GeoNames IDs, and the Query Service answers batched look-ups (GeoNames ID → QID via
P1566). Every response is cached on disk (a cache hit makes no request); requests are spaced by a
minimum interval; 429 and 5xx answers are retried with exponential back-off (honouring Retry-After);
every request carries a descriptive User-Agent as the Wikidata policy asks. Without a network the
client raises :class:`Offline` and callers fall back to the offline index.

Nothing an answer says is trusted: a body is read in pieces against a size cap and a deadline (a
server that trickles or sends gigabytes is cut off), parsed and checked for the shape the API
promises *before* it is cached (so a bad answer is never replayed from the cache), ids must be QIDs,
a Retry-After over :attr:`WikidataClient.max_wait` gives up instead of sleeping, the whole run has a
time budget, and after a failure a circuit breaker answers every later look-up offline at once
instead of failing again, slowly, for each entity.
"""

from __future__ import annotations

import http.client
import json
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import kg
from kg.httpio import AnswerTooLarge, AnswerTooSlow, read_bounded
from kg.link.index import LabelIndex, parse_dump_entity

API = "https://www.wikidata.org/w/api.php"
SPARQL = "https://query.wikidata.org/sparql"
USER_AGENT = f"kg/{kg.__version__} (news knowledge graph; https://w3id.org/kg-news) python-urllib"


QID = re.compile(r"Q[1-9][0-9]{0,11}")


class Offline(Exception):
    """No network, or Wikidata did not answer (usefully) after the retries."""


class BadAnswer(Offline):
    """An answer that is not the JSON the API promises; it is not cached."""


def _search_shape(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("search", []), list)


def _entities_shape(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("entities", {}), dict)


def _sparql_shape(data) -> bool:
    return isinstance(data, dict) and isinstance(data.get("results", {}), dict) and isinstance(
        data.get("results", {}).get("bindings", []), list)


class WikidataClient:
    def __init__(
        self,
        cache: str | Path,
        api: str = API,
        sparql: str = SPARQL,
        min_interval: float = 0.2,
        retries: int = 4,
        backoff: float = 0.5,
        timeout: float = 20.0,
        user_agent: str = USER_AGENT,
        max_wait: float = 30.0,  # longest Retry-After obeyed; a longer one ends the look-up
        max_bytes: int = 20_000_000,  # largest answer read
        budget: float = 600.0,  # seconds all online look-ups of this client may take together
    ):
        self.api, self.sparql = api, sparql
        self.min_interval, self.retries, self.backoff, self.timeout = min_interval, retries, backoff, timeout
        self.user_agent = user_agent
        self.max_wait, self.max_bytes = max_wait, max_bytes
        self.deadline = time.monotonic() + budget
        self.broken: str | None = None  # the circuit breaker: once set, every look-up is answered offline at once
        self.db = sqlite3.connect(str(cache), check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS http_cache (url TEXT PRIMARY KEY, body BLOB, fetched REAL)")
        self._lock = threading.Lock()
        self._last = 0.0
        self.requests = 0  # requests actually sent (for tests and logs)
        self.offline_reason: str | None = None  # set when a look-up fell back to the offline index

    # ---------- HTTP ----------
    def get_json(self, url: str, shape=lambda data: True):
        """The parsed answer for ``url``, from the cache or the network; only an answer whose shape
        passes ``shape`` is cached (a cached answer that does not is dropped and fetched again)."""
        row = self.db.execute("SELECT body FROM http_cache WHERE url = ?", (url,)).fetchone()
        if row:
            try:
                data = json.loads(row[0])
                if shape(data):
                    return data
            except (ValueError, RecursionError):
                pass
            with self.db:
                self.db.execute("DELETE FROM http_cache WHERE url = ?", (url,))
        if self.broken:
            raise Offline(self.broken)
        try:
            body = self._fetch(url)
            try:
                data = json.loads(body)
            except (ValueError, RecursionError):
                raise BadAnswer(f"Wikidata answered something that is not JSON ({len(body)} bytes) for {url[:120]}") from None
            if not shape(data):
                raise BadAnswer(f"Wikidata's answer does not have the expected shape for {url[:120]}")
        except Offline as e:
            self.broken = str(e)
            raise
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?)", (url, body, time.time()))
        return data

    def _remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise Offline("the time budget for online look-ups is spent")
        return left

    def _read(self, response) -> bytes:
        """The body, in pieces, within the size cap and the deadline (a trickle cannot hold us)."""
        try:
            return read_bounded(response, self.max_bytes, min(self.deadline, time.monotonic() + self.timeout))
        except AnswerTooLarge as e:
            raise Offline(f"Wikidata's answer: {e}") from None
        except AnswerTooSlow:
            raise Offline(f"Wikidata's answer did not arrive within {self.timeout:g} s") from None

    def _fetch(self, url: str) -> bytes:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            with self._lock:
                wait = self._last + self.min_interval - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                self._last = time.monotonic()
            req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "application/json"})
            try:
                self.requests += 1
                with urllib.request.urlopen(req, timeout=min(self.timeout, self._remaining())) as r:
                    return self._read(r)
            except urllib.error.HTTPError as e:
                e.close()
                if e.code == 429 or 500 <= e.code < 600:
                    if attempt == self.retries:
                        raise Offline(f"Wikidata answered {e.code} after {self.retries} retries") from None
                    retry_after = (e.headers.get("Retry-After") or "").strip()
                    pause = float(retry_after) if retry_after.isdigit() else delay
                    if pause > self.max_wait:
                        raise Offline(f"Wikidata asked to wait {pause:g} s (more than {self.max_wait:g} s); giving up") from None
                    if time.monotonic() + pause > self.deadline:
                        raise Offline("the time budget for online look-ups is spent") from None
                    time.sleep(pause)
                    delay *= 2
                    continue
                raise Offline(f"Wikidata answered {e.code} for {url[:120]}") from None
            except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as e:
                raise Offline(f"no network access to Wikidata ({e}); using the offline index") from None
        raise Offline("unreachable")

    # ---------- API ----------
    def search(self, text: str, lang: str, limit: int = 7) -> list[str]:
        q = urllib.parse.urlencode({"action": "wbsearchentities", "search": text, "language": lang, "uselang": lang,
                                    "type": "item", "limit": limit, "format": "json"})
        hits = self.get_json(f"{self.api}?{q}", _search_shape).get("search", [])
        return [h["id"] for h in hits if isinstance(h, dict) and isinstance(h.get("id"), str) and QID.fullmatch(h["id"])]

    def entities(self, ids: list[str]) -> list[dict]:
        out = []
        for i in range(0, len(ids), 50):
            q = urllib.parse.urlencode({"action": "wbgetentities", "ids": "|".join(ids[i : i + 50]), "format": "json",
                                        "props": "labels|aliases|claims|sitelinks", "languages": "ar|en"})
            out += [e for e in self.get_json(f"{self.api}?{q}", _entities_shape).get("entities", {}).values() if isinstance(e, dict)]
        return out

    def geonames_to_qids(self, geonames_ids: list[int]) -> dict[int, str]:
        """Batched look-up through the Query Service: GeoNames ID (P1566) → QID."""
        out = {}
        for i in range(0, len(geonames_ids), 200):
            values = " ".join(f'"{g}"' for g in geonames_ids[i : i + 200])
            query = f"SELECT ?item ?g WHERE {{ VALUES ?g {{ {values} }} ?item <http://www.wikidata.org/prop/direct/P1566> ?g }}"
            data = self.get_json(f"{self.sparql}?{urllib.parse.urlencode({'query': query, 'format': 'json'})}", _sparql_shape)
            for b in data.get("results", {}).get("bindings", []):
                try:
                    g, item = str(b["g"]["value"]), str(b["item"]["value"])
                except (TypeError, KeyError):
                    continue
                qid = item.rsplit("/", 1)[-1]
                if g.isdigit() and item.startswith("http://www.wikidata.org/entity/") and QID.fullmatch(qid):
                    out[int(g)] = qid
        return out

    def fetch_into(self, index: LabelIndex, text: str) -> int:
        """Search ``text`` in Arabic and English and add what is found to the index; 0 when offline."""
        lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
        try:
            ids = self.search(text, lang)
            if not ids:
                return 0
            parsed = [p for p in (parse_dump_entity(e, {"ar", "en"}) for e in self.entities(ids)) if p]
        except Offline as e:
            self.offline_reason = str(e)
            return 0
        index.add_items(parsed)
        return len(parsed)
