"""The label index: Arabic and English labels and aliases → candidate Wikidata items, on disk (SQLite).

Built from the bundled, checked gazetteer and from Wikidata data the user imports (``kg wikidata
import``): the JSON dump (one entity per line, .json / .json.gz / .json.bz2, streamed) or a CSV/TSV
of a SPARQL result. Labels are stored in kg's normalised form (the same normalisation as extraction),
so a lookup is one indexed query; the index opens instantly whatever its size.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import math
import os
import sqlite3
from collections.abc import Iterable, Iterator
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.normalize import normalize
from kg.link.families import CLASS_FAMILY, KIND_FAMILY
from kg.resources import data_dir
from kg.errors import KGException

DEFAULT_INDEX = "kg-labels.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS item (
    qid TEXT PRIMARY KEY, family TEXT, label_en TEXT, label_ar TEXT, sitelinks INTEGER DEFAULT 0,
    lat REAL, lon REAL, geonames INTEGER, country TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS label (norm TEXT NOT NULL, qid TEXT NOT NULL, lang TEXT, alias INTEGER, PRIMARY KEY (norm, qid));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def default_index_path() -> Path:
    return Path(os.environ.get("KG_LABELS", DEFAULT_INDEX))


def norm_label(text: str) -> str:
    return " ".join(normalize(text, casefold=True).replace("«", " ").replace("»", " ").split())


@dataclass(frozen=True)
class Item:
    qid: str
    family: str | None
    label_en: str | None
    label_ar: str | None
    sitelinks: int
    lat: float | None
    lon: float | None
    geonames: int | None
    country: str | None


@dataclass
class ImportReport:
    entities: int
    labels: int
    skipped: int  # lines or rows that were not an entity kg can use (invalid JSON, wrong shape, bad QID)
    examples: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason) of the first skipped lines
    error: str | None = None  # why the import stopped early (a truncated archive); what came before is imported

    def summary(self) -> str:
        out = f"imported {self.entities} entities with {self.labels} labels; skipped {self.skipped} line(s)"
        for line, reason in self.examples:
            out += f"\n  line {line}: {reason}"
        if self.skipped > len(self.examples):
            out += f"\n  … and {self.skipped - len(self.examples)} more"
        if self.error:
            out += f"\nstopped early: {self.error}"
        return out


class Skipped:
    """Lines an import skipped: counted, the first few kept with their reason."""

    def __init__(self, keep: int = 10):
        self.count, self.keep = 0, keep
        self.examples: list[tuple[int, str]] = []
        self.error: str | None = None

    def add(self, line: int, reason: str) -> None:
        self.count += 1
        if len(self.examples) < self.keep:
            self.examples.append((line, reason))


class IndexUnavailable(KGException):
    """The label index file cannot be opened or created."""


class LabelIndex:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_index_path()
        try:
            self.db = sqlite3.connect(str(self.path))
            self.db.executescript(SCHEMA)
        except sqlite3.Error as e:
            raise IndexUnavailable(f"{self.path}: cannot open the label index ({e})") from None
        self.db.execute("PRAGMA journal_mode=WAL")
        if self.db.execute("SELECT value FROM meta WHERE key = 'gazetteer'").fetchone() is None:
            self.add_gazetteer()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> LabelIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------- building ----------
    def add_gazetteer(self) -> None:
        """The checked gazetteer that ships with kg (QIDs only from verified rows)."""
        from kg.extract.gazetteer import _country_in_label, load_gazetteer

        rows = []
        labels = []
        with (data_dir() / "gazetteer.tsv").open(encoding="utf-8") as fh:
            table = [r for r in csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t") if r["qid"]]
        country_qid = {r["iso2"]: r["qid"] for r in table if r["iso2"]}
        places = load_gazetteer().by_key()
        for row in table:
            entry = places.get(row["qid"])
            iso2 = (entry.country if entry else None) or _country_in_label(row["label_en"])
            lat, lon, gn = (entry.lat, entry.lon, entry.geonames_id) if entry else (None, None, None)
            rows.append((row["qid"], KIND_FAMILY.get(row["kind"]), row["label_en"] or None, row["label_ar"] or None, 0, lat, lon, gn,
                         country_qid.get(iso2) if iso2 else None, "gazetteer"))
        for row in table:
            if True:
                for lang, names in (("ar", [row["label_ar"], *row["aliases_ar"].split("|")]), ("en", [row["label_en"], *row["aliases_en"].split("|")])):
                    for i, n in enumerate(x for x in names if x):
                        labels.append((norm_label(n), row["qid"], lang, int(i > 0)))
        with self.db:
            self.db.executemany("INSERT OR IGNORE INTO item VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            self.db.executemany("INSERT OR IGNORE INTO label VALUES (?,?,?,?)", labels)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('gazetteer', '1')")

    def add_items(self, items: Iterable[tuple[Item, list[tuple[str, str, bool]]]], batch: int = 5000) -> ImportReport:
        """Upsert items with their (label, lang, is_alias) names, in batches (bounded memory)."""
        n_items = n_labels = 0
        rows, labels = [], []

        def flush() -> None:
            with self.db:
                self.db.executemany(
                    "INSERT INTO item VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(qid) DO UPDATE SET "
                    "family=COALESCE(excluded.family, family), label_en=COALESCE(excluded.label_en, label_en), "
                    "label_ar=COALESCE(excluded.label_ar, label_ar), sitelinks=MAX(excluded.sitelinks, sitelinks), "
                    "lat=COALESCE(excluded.lat, lat), lon=COALESCE(excluded.lon, lon), geonames=COALESCE(excluded.geonames, geonames), "
                    "country=COALESCE(excluded.country, country)",
                    rows,
                )
                self.db.executemany("INSERT OR IGNORE INTO label VALUES (?,?,?,?)", labels)
            rows.clear()
            labels.clear()

        for item, names in items:
            rows.append((item.qid, item.family, item.label_en, item.label_ar, item.sitelinks, item.lat, item.lon, item.geonames, item.country, "import"))
            for text, lang, alias in names:
                norm = norm_label(text)
                if norm:
                    labels.append((norm, item.qid, lang, int(alias)))
                    n_labels += 1
            n_items += 1
            if len(rows) >= batch:
                flush()
        flush()
        return ImportReport(n_items, n_labels, 0)

    # ---------- lookups ----------
    def lookup(self, text: str) -> list[tuple[Item, bool]]:
        """Items whose label or alias has the normalised form of ``text``: (item, matched an alias)."""
        cur = self.db.execute(
            "SELECT i.qid, i.family, i.label_en, i.label_ar, i.sitelinks, i.lat, i.lon, i.geonames, i.country, l.alias "
            "FROM label l JOIN item i ON i.qid = l.qid WHERE l.norm = ?",
            (norm_label(text),),
        )
        best: dict[str, tuple[Item, bool]] = {}
        for row in cur:
            item = Item(*row[:9])
            alias = bool(row[9])
            if item.qid not in best or (best[item.qid][1] and not alias):
                best[item.qid] = (item, alias)
        return list(best.values())

    def item(self, qid: str) -> Item | None:
        row = self.db.execute("SELECT qid, family, label_en, label_ar, sitelinks, lat, lon, geonames, country FROM item WHERE qid = ?", (qid,)).fetchone()
        return Item(*row) if row else None

    def counts(self) -> tuple[int, int]:
        return (self.db.execute("SELECT COUNT(*) FROM item").fetchone()[0], self.db.execute("SELECT COUNT(*) FROM label").fetchone()[0])


# ---------- Wikidata dump ----------
def open_dump(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    if path.suffix == ".bz2":
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    return path.open(encoding="utf-8")


def _claim_ids(entity: dict, prop: str) -> list[str]:
    out = []
    for c in entity.get("claims", {}).get(prop, []):
        v = c.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(v, dict) and isinstance(v.get("id"), str):
            out.append(v["id"])
    return out


def _claim_value(entity: dict, prop: str):
    for c in entity.get("claims", {}).get(prop, []):
        v = c.get("mainsnak", {}).get("datavalue", {}).get("value")
        if v is not None:
            return v
    return None


QID = re.compile(r"Q[1-9][0-9]{0,11}")


class EntityShapeError(KGException, ValueError):
    """A dump line or API entity that is JSON but not a Wikidata entity kg can read."""


def _shape(entity) -> None:
    """Raise :class:`EntityShapeError` unless ``entity`` has the types the dump format promises."""
    if not isinstance(entity, dict):
        raise EntityShapeError(f"an entity must be a JSON object, not {type(entity).__name__}")
    qid = entity.get("id")
    if not isinstance(qid, str):
        raise EntityShapeError(f'"id" must be a string, not {type(qid).__name__}')
    for key in ("labels", "aliases", "claims", "sitelinks"):
        if not isinstance(entity.get(key, {}), dict):
            raise EntityShapeError(f'"{key}" must be an object')
    for lang, lab in entity.get("labels", {}).items():
        if not isinstance(lab, dict) or not isinstance(lab.get("value", ""), str):
            raise EntityShapeError(f'label "{lang}" must be an object with a string value')
    for lang, aliases in entity.get("aliases", {}).items():
        if not isinstance(aliases, list) or not all(isinstance(a, dict) and isinstance(a.get("value", ""), str) for a in aliases):
            raise EntityShapeError(f'aliases "{lang}" must be a list of objects with string values')
    for prop, claims in entity.get("claims", {}).items():
        if not isinstance(claims, list) or not all(isinstance(c, dict) and isinstance(c.get("mainsnak", {}), dict) for c in claims):
            raise EntityShapeError(f'claims "{prop}" must be a list of statements')
        for c in claims:
            dv = c.get("mainsnak", {}).get("datavalue", {})
            if not isinstance(dv, dict):
                raise EntityShapeError(f'a "{prop}" statement has a malformed datavalue')


def parse_dump_entity(entity, langs: set[str]) -> tuple[Item, list[tuple[str, str, bool]]] | None:
    """The item and names of a Wikidata entity; None for an entity that is not an item with names
    in ``langs`` (a property, a lexeme); :class:`EntityShapeError` for one of the wrong shape."""
    _shape(entity)
    qid = entity["id"]
    if not QID.fullmatch(qid):
        if qid.startswith("Q"):
            raise EntityShapeError(f"{qid[:40]!r} is not a QID")
        return None
    names = []
    for lang in langs:
        lab = entity.get("labels", {}).get(lang, {}).get("value")
        if lab:
            names.append((lab, lang, False))
        for a in entity.get("aliases", {}).get(lang, []):
            if a.get("value"):
                names.append((a["value"], lang, True))
    if not names:
        return None
    family = next((CLASS_FAMILY[c] for c in _claim_ids(entity, "P31") if c in CLASS_FAMILY), None)
    coord = _claim_value(entity, "P625")
    geonames = _claim_value(entity, "P1566")
    country = next((c for c in _claim_ids(entity, "P17") if isinstance(c, str) and QID.fullmatch(c)), None)
    lat = coord.get("latitude") if isinstance(coord, dict) else None
    lon = coord.get("longitude") if isinstance(coord, dict) else None
    if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and -90 <= lat <= 90 and -180 <= lon <= 180):
        lat = lon = None
    labels = entity.get("labels", {})
    item = Item(
        qid=qid,
        family=family,
        label_en=labels.get("en", {}).get("value"),
        label_ar=labels.get("ar", {}).get("value"),
        sitelinks=len(entity.get("sitelinks", {})),
        lat=lat,
        lon=lon,
        geonames=int(geonames) if isinstance(geonames, str) and geonames.isdigit() else None,
        country=country,
    )
    return item, names


def read_dump(path: Path, langs: set[str], families: set[str] | None = None,
              skipped: Skipped | None = None) -> Iterator[tuple[Item, list[tuple[str, str, bool]]]]:
    """Entities of a Wikidata JSON dump, one per line, streamed (the file is never loaded whole).

    A line that is not JSON, or not an entity of the expected shape, is skipped and counted with
    its line number in ``skipped``; a truncated or corrupt archive ends the read with the reason in
    ``skipped.error`` (what was read before it is kept).
    """
    skipped = skipped if skipped is not None else Skipped()
    n = 0
    with open_dump(path) as fh:
        try:
            for n, line in enumerate(fh, 1):
                line = line.strip().rstrip(",")
                if not line or line in ("[", "]"):
                    continue
                try:
                    entity = json.loads(line)
                    parsed = parse_dump_entity(entity, langs)
                except (json.JSONDecodeError, RecursionError):
                    skipped.add(n, "not valid JSON")
                    continue
                except EntityShapeError as e:
                    skipped.add(n, str(e))
                    continue
                if parsed is None:
                    continue
                if families and parsed[0].family not in families:
                    continue
                yield parsed
        except (EOFError, OSError, zlib.error, UnicodeDecodeError) as e:
            skipped.error = f"{path.name} is truncated or corrupt after line {n} ({type(e).__name__}: {e})"


def read_sparql_table(path: Path, langs: set[str], skipped: Skipped | None = None) -> Iterator[tuple[Item, list[tuple[str, str, bool]]]]:
    """A CSV/TSV SPARQL result with columns item, itemLabel, lang, altLabel, type (one row per name)."""
    delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=delimiter)

        def line_no() -> int:
            return reader.line_num

        for row in reader:
            qid = (row.get("item") or row.get("?item") or "").strip().strip("<>").rsplit("/", 1)[-1]
            if not QID.fullmatch(qid):
                if skipped is not None:
                    skipped.add(line_no(), f"{qid[:40]!r} is not a QID")
                continue
            lang = (row.get("lang") or "en").strip()
            if lang not in langs:
                continue
            label = (row.get("itemLabel") or "").strip().strip('"')
            names = [(label, lang, False)] if label else []
            alt = (row.get("altLabel") or "").strip().strip('"')
            names += [(a.strip(), lang, True) for a in alt.split("|") if a.strip()]
            t = (row.get("type") or "").strip().strip("<>").rsplit("/", 1)[-1]
            family = CLASS_FAMILY.get(t) or (t if t in set(CLASS_FAMILY.values()) else None)
            yield Item(qid, family, label if lang == "en" else None, label if lang == "ar" else None, 0, None, None, None, None), names


def import_file(index: LabelIndex, path: str | Path, langs: Iterable[str] = ("ar", "en"), families: Iterable[str] | None = None) -> ImportReport:
    p = Path(path)
    lang_set = set(langs)
    fam = set(families) if families else None
    name = p.name.lower()
    skipped = Skipped()
    if name.endswith((".csv", ".tsv")):
        report = index.add_items(read_sparql_table(p, lang_set, skipped))
    elif name.endswith((".json", ".json.gz", ".json.bz2", ".jsonl", ".ndjson")):
        report = index.add_items(read_dump(p, lang_set, fam, skipped))
    else:
        raise ValueError(f"{p}: expected a Wikidata JSON dump (.json, .json.gz, .json.bz2) or a CSV/TSV SPARQL result")
    report.skipped, report.examples, report.error = skipped.count, skipped.examples, skipped.error
    return report


def popularity(sitelinks: int) -> float:
    """0..1 prior from the number of Wikipedia sitelinks (log scale, 300 ≈ 1)."""
    return min(1.0, math.log1p(max(0, sitelinks)) / math.log1p(300))
