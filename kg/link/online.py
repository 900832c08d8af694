"""Online look-ups through the Wikidata APIs, polite and cached.

``wbsearchentities`` finds items for a name, ``wbgetentities`` fetches their labels, aliases, classes,
coordinates and GeoNames IDs, and the Query Service answers batched look-ups (GeoNames ID → QID via
P1566). Every response is cached on disk (a cache hit makes no request); requests are spaced by a
minimum interval; 429 and 5xx answers are retried with exponential back-off (honouring Retry-After);
every request carries a descriptive User-Agent as the Wikidata policy asks. Without a network the
client raises :class:`Offline` and callers fall back to the offline index.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import kg
from kg.link.index import LabelIndex, parse_dump_entity

API = "https://www.wikidata.org/w/api.php"
SPARQL = "https://query.wikidata.org/sparql"
USER_AGENT = f"kg/{kg.__version__} (news knowledge graph; https://w3id.org/kg-news) python-urllib"


class Offline(Exception):
    """No network, or Wikidata did not answer after the retries."""


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
    ):
        self.api, self.sparql = api, sparql
        self.min_interval, self.retries, self.backoff, self.timeout = min_interval, retries, backoff, timeout
        self.user_agent = user_agent
        self.db = sqlite3.connect(str(cache), check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS http_cache (url TEXT PRIMARY KEY, body BLOB, fetched REAL)")
        self._lock = threading.Lock()
        self._last = 0.0
        self.requests = 0  # requests actually sent (for tests and logs)
        self.offline_reason: str | None = None  # set when a look-up fell back to the offline index

    # ---------- HTTP ----------
    def get_json(self, url: str) -> dict:
        row = self.db.execute("SELECT body FROM http_cache WHERE url = ?", (url,)).fetchone()
        if row:
            return json.loads(row[0])
        body = self._fetch(url)
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO http_cache VALUES (?, ?, ?)", (url, body, time.time()))
        return json.loads(body)

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
                with urllib.request.urlopen(req, timeout=self.timeout) as r:
                    return r.read()
            except urllib.error.HTTPError as e:
                if e.code == 429 or 500 <= e.code < 600:
                    if attempt == self.retries:
                        raise Offline(f"Wikidata answered {e.code} after {self.retries} retries") from None
                    retry_after = e.headers.get("Retry-After")
                    time.sleep(float(retry_after) if retry_after and retry_after.isdigit() else delay)
                    delay *= 2
                    continue
                raise Offline(f"Wikidata answered {e.code} for {url}") from None
            except (urllib.error.URLError, TimeoutError, OSError) as e:
                raise Offline(f"no network access to Wikidata ({e}); using the offline index") from None
        raise Offline("unreachable")

    # ---------- API ----------
    def search(self, text: str, lang: str, limit: int = 7) -> list[str]:
        q = urllib.parse.urlencode({"action": "wbsearchentities", "search": text, "language": lang, "uselang": lang,
                                    "type": "item", "limit": limit, "format": "json"})
        return [hit["id"] for hit in self.get_json(f"{self.api}?{q}").get("search", [])]

    def entities(self, ids: list[str]) -> list[dict]:
        out = []
        for i in range(0, len(ids), 50):
            q = urllib.parse.urlencode({"action": "wbgetentities", "ids": "|".join(ids[i : i + 50]), "format": "json",
                                        "props": "labels|aliases|claims|sitelinks", "languages": "ar|en"})
            out += list(self.get_json(f"{self.api}?{q}").get("entities", {}).values())
        return out

    def geonames_to_qids(self, geonames_ids: list[int]) -> dict[int, str]:
        """Batched look-up through the Query Service: GeoNames ID (P1566) → QID."""
        out = {}
        for i in range(0, len(geonames_ids), 200):
            values = " ".join(f'"{g}"' for g in geonames_ids[i : i + 200])
            query = f"SELECT ?item ?g WHERE {{ VALUES ?g {{ {values} }} ?item <http://www.wikidata.org/prop/direct/P1566> ?g }}"
            data = self.get_json(f"{self.sparql}?{urllib.parse.urlencode({'query': query, 'format': 'json'})}")
            for b in data.get("results", {}).get("bindings", []):
                out[int(b["g"]["value"])] = b["item"]["value"].rsplit("/", 1)[-1]
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
