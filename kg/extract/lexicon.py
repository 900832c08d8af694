"""The lexicons kg ships (``kg/data/*.tsv``), loaded once and keyed by normalised form.

They are data, with comments in the files: adding a cue verb or a title is an
edit to a TSV, not to code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.normalize import normalize
from kg.resources import data_dir


def read_tsv(name: str) -> list[list[str]]:
    path = data_dir() / name
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def read_words(name: str) -> set[str]:
    return {normalize(r[0].strip()) for r in read_tsv(name) if r and r[0].strip()}


def key(form: str, lang: str) -> str:
    return normalize(form) if lang == "ar" else form.lower()


@dataclass(frozen=True)
class Cue:
    form: str
    kind: str  # verb | participle | marker
    gender: str  # m | f | any
    number: str  # sg | pl | any
    certainty: str
    lang: str
    complement: str  # that | about | to | on | by (بـ + a noun: طالب بـ) | by-object (the object too: اتهم X بـ) | any | relay (نقل عن) | relay-to (نسب إلى) | none, or several joined by | (أشار: that|to); English that! = only "that"
    family: str = ""  # the lemma the form belongs to: the rule id is cue:LANG:FAMILY

    @property
    def complements(self) -> frozenset[str]:
        return frozenset(self.complement.split("|"))

    @property
    def rule(self) -> str:
        return f"cue:{self.lang}:{self.family or self.form}"


@dataclass(frozen=True)
class Title:
    form: str
    gender: str
    lang: str
    role: str


@dataclass(frozen=True)
class OrgHead:
    form: str
    type: str
    gender: str
    lang: str


_FAMILY_HEADER = re.compile(r"^#\s*(\S+)\s+\"[^\"]*\"")


def english_forms(lemma: str, past: str = "") -> dict[str, str]:
    """Form → number of a regular English verb: the plain form (plural subjects, "officials say"),
    the third person singular, and the past (also the participle: "has warned")."""
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if not past:
        if lemma.endswith("e"):
            past = lemma + "d"
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            past = lemma[:-1] + "ied"
        else:
            past = lemma + "ed"
    return {lemma: "pl", third: "sg", past: "any"}


def arabic_forms(perfect: str, imperfect: str, participle: str, complement: str) -> list[tuple[str, str, str, str, str]]:
    """(form, kind, gender, number, complement) of an Arabic cue verb: the perfect (قال قالت قالوا قالتا),
    the imperfect (يقول تقول يقولون) and the active participle (قائلا قائلة قائلين قائلات)."""
    out = [(perfect, "verb", "m", "sg", complement), (perfect + "ت", "verb", "f", "sg", complement),
           (perfect + "وا", "verb", "m", "pl", complement), (perfect + "تا", "verb", "f", "pl", complement)]
    # no masculine dual (قالا): the same letters are often an accusative noun (وصفاً، كشفاً)
    if imperfect != "-":
        stem = imperfect[1:]
        out += [(imperfect, "verb", "m", "sg", complement), ("ت" + stem, "verb", "f", "sg", complement),
                (imperfect + "ون", "verb", "m", "pl", complement)]
    if participle != "-":
        stem = participle[:-1] if participle.endswith("ا") else participle
        out += [(participle, "participle", "m", "sg", "any"), (stem + "ة", "participle", "f", "sg", "any"),
                (stem + "ين", "participle", "m", "pl", "any"), (stem + "ات", "participle", "f", "pl", "any")]
    return out


@lru_cache(maxsize=1)
def cues() -> dict[str, Cue]:
    """Arabic forms as listed in cues.tsv (the family is the form under the ``# LEMMA "gloss"`` header
    above them), English forms generated from the lemmas of cue_lemmas_en.tsv."""
    out = {}
    family = ""
    with (data_dir() / "cues.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            m = _FAMILY_HEADER.match(line)
            if m:
                family = m.group(1)
                continue
            if line.lstrip().startswith("#"):
                family = ""  # any other comment ends a family: the forms after it are their own
                continue
            if not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            c = Cue(*[x.strip() for x in r[:7]], family=family if r[5].strip() == "ar" else r[0].strip().lower())
            out[key(c.form, c.lang)] = c
    for r in read_tsv("cue_lemmas_ar.tsv"):
        perfect, imperfect, participle, certainty, complement = (x.strip() for x in r[:5])
        for form, kind, gender, number, comp in arabic_forms(perfect, imperfect, participle, complement):
            out.setdefault(key(form, "ar"), Cue(form, kind, gender, number, certainty, "ar", comp, family=perfect))
    for r in read_tsv("cue_lemmas_en.tsv"):
        lemma, past, certainty, complement = (x.strip() for x in r[:4])
        past_only = len(r) > 4 and r[4].strip() == "past-only"
        for form, number in english_forms(lemma, past).items():
            if past_only and number != "any":
                continue
            out.setdefault(key(form, "en"), Cue(form, "verb", "any", number, certainty, "en", complement, family=lemma))
    return out


def _titles_in(name: str) -> dict[tuple[str, ...], Title]:
    """The titles of a file of ``form  gender  lang  [role]`` rows, by their keyed words."""
    out = {}
    for r in read_tsv(name):
        t = Title(r[0].strip(), r[1].strip(), r[2].strip(), (r[3].strip() if len(r) > 3 else ""))
        out[tuple(key(w, t.lang) for w in t.form.split())] = t
    return out


@lru_cache(maxsize=1)
def titles() -> dict[tuple[str, ...], Title]:
    return _titles_in("titles.tsv")


@lru_cache(maxsize=1)
def honorifics() -> dict[tuple[str, ...], Title]:
    """Forms of address before a name (معالي، سعادة، سمو; ``honorifics.tsv``): titles with no role, read by the
    rules only — the tagger's lexicon flags come from :func:`titles` alone, so the shipped model stays valid."""
    return _titles_in("honorifics.tsv")


@lru_cache(maxsize=1)
def occupations() -> dict[tuple[str, ...], Title]:
    """Occupations before a name (الشاعرة، المهاجم، المخرج; ``occupations.tsv``): titles with a role, read by the
    rules only, as :func:`honorifics` are."""
    return _titles_in("occupations.tsv")


@lru_cache(maxsize=1)
def role_titles() -> dict[tuple[str, ...], Title]:
    """The titles that give a person a role (:mod:`kg.extract.roles`): :func:`titles` and :func:`occupations`."""
    return {**titles(), **occupations()}


@lru_cache(maxsize=1)
def person_titles() -> dict[tuple[str, ...], Title]:
    """Every title the rules read before a person's name: :func:`titles`, :func:`occupations` and :func:`honorifics`."""
    return {**titles(), **occupations(), **honorifics()}


@lru_cache(maxsize=1)
def title_first_words() -> frozenset[str]:
    """The first word of every title the rules read (:func:`person_titles`): most tokens are not one, and need
    no longer look-up."""
    return frozenset(k[0] for k in person_titles())


@lru_cache(maxsize=1)
def org_heads() -> dict[str, OrgHead]:
    return _org_heads_in("org_heads.tsv")


def _org_heads_in(name: str) -> dict[str, OrgHead]:
    """The organisation heads of a file of ``head  type  gender  lang`` rows, by their keys."""
    out = {}
    for r in read_tsv(name):
        h = OrgHead(*[x.strip() for x in r[:4]])
        out[h.form if h.lang == "en" else normalize(h.form)] = h
    return out


@lru_cache(maxsize=1)
def rule_org_heads() -> dict[str, OrgHead]:
    """The organisation heads the rules read: :func:`org_heads` and ``org_heads_rules.tsv`` (courts, institutes,
    syndicates …), which the tagger's lexicon flags leave out."""
    return {**_org_heads_in("org_heads_rules.tsv"), **org_heads()}


@lru_cache(maxsize=1)
def place_triggers() -> dict[str, str]:
    return {key(r[0].strip(), r[2].strip()): r[1].strip() for r in read_tsv("place_triggers.tsv")}


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (normalised Arabic, or English as written) → gender."""
    out = {}
    for r in read_tsv("given_names.tsv"):
        name, gender, lang = (x.strip() for x in r[:3])
        out[normalize(name) if lang == "ar" else name] = gender
    return out


@lru_cache(maxsize=1)
def name_words_ar() -> set[str]:
    """Words of personal names as the Arabic press writes them (``name_words_ar.txt``, from arabnamer's
    CC BY 4.0 name dictionary and ArWikiCats' names of well-known people, MIT), normalised: the tagger's lexicon
    flags ``pname`` / ``pname-everyday`` only — the rules never read it, a word of a name being no name by itself
    (many are everyday words too: فلاح، وحشية)."""
    return read_words("name_words_ar.txt")


@lru_cache(maxsize=1)
def club_names_ar() -> list[tuple[str, ...]]:
    """Names of sports clubs in Arabic (``club_names_ar.txt``, from ArWikiCats, MIT), normalised word by word:
    the tagger's lexicon flags ``club1`` / ``club`` only — the rules read kg's own ``clubs.tsv``."""
    return [tuple(normalize(w) for w in r[0].split()) for r in read_tsv("club_names_ar.txt") if r and r[0].strip()]


@lru_cache(maxsize=1)
def rule_given_names() -> dict[str, str]:
    """The given names the rules know: :func:`given_names` (also the taggers' lexicon flags) and
    ``given_names_rules.tsv``, read by the rules only (a name added there needs no rebuild of the models)."""
    out = dict(given_names())
    for r in read_tsv("given_names_rules.tsv"):
        name, gender, lang = (x.strip() for x in r[:3])
        out.setdefault(normalize(name) if lang == "ar" else name, gender)
    return out


@lru_cache(maxsize=1)
def unnamed_sources() -> dict[tuple[str, ...], str]:
    out = {}
    for r in read_tsv("unnamed_sources.tsv"):
        form, number, lang = (x.strip() for x in r[:3])
        out[tuple(key(w, lang) for w in form.split())] = number
    return out


@lru_cache(maxsize=1)
def function_words() -> set[str]:
    return {key(w[0].strip(), "ar") for w in read_tsv("function_words.txt")} | {
        w[0].strip().lower() for w in read_tsv("function_words.txt")
    }


@lru_cache(maxsize=1)
def rule_function_words() -> set[str]:
    """The function words the entity rules read: :func:`function_words` and ``function_words_rules.txt``
    (حيث، أين، فيه، عليها …), which the tagger's lexicon flags leave out."""
    return function_words() | read_words("function_words_rules.txt")


@lru_cache(maxsize=1)
def raw_function_words() -> set[str]:
    """Function words as written (no letter unification), to tell على from the name علي."""
    from kg.extract.normalize import light

    return {light(w[0].strip()) for w in read_tsv("function_words.txt")}


# Words that exist only with a final ى: a text that spells them with ي (إلي, حتي) writes every ى as ي,
# so there على "on" and the given name علي are one spelling.
YA_FOR_ALIF_MAQSURA = frozenset({"إلي", "الي", "حتي", "أخري", "الأخري", "الكبري", "الأولي", "مستوي"})


@lru_cache(maxsize=1)
def place_stopwords() -> set[str]:
    return read_words("place_stopwords.txt")


@lru_cache(maxsize=1)
def role_nouns() -> set[str]:
    """Nouns of an occupation, an office or a relation that end a person's name after it (``role_nouns.txt``)."""
    return read_words("role_nouns.txt")


@lru_cache(maxsize=1)
def sports_words() -> set[str]:
    """Words of a sports sentence (``sports_words.txt``): a club named by an everyday word (الأهلي، الوحدة) is
    the club there (:mod:`kg.extract.fields`)."""
    return read_words("sports_words.txt")


@lru_cache(maxsize=1)
def business_words() -> set[str]:
    """Words of a business sentence (``business_words.txt``): a company named by an everyday word (شل، أمازون)
    is the company there (:mod:`kg.extract.fields`)."""
    return read_words("business_words.txt")


@lru_cache(maxsize=1)
def product_nouns() -> set[str]:
    """Nouns of a vehicle or a device before a maker's name (طائرة بوينغ، سيارة تويوتا): the product, not the
    company (``product_nouns.txt``)."""
    return read_words("product_nouns.txt")


@lru_cache(maxsize=1)
def thing_nouns() -> dict[str, str]:
    """Nouns of a building or a site, an award or a work (``thing_nouns.tsv``: مسجد، جائزة، برنامج): the name
    right after one is the thing's, no person's. Normalised noun → kind (facility, award, work)."""
    return {normalize(r[0].strip()): r[1].strip() for r in read_tsv("thing_nouns.tsv") if r and r[0].strip()}


@lru_cache(maxsize=1)
def club_words() -> dict[str, str]:
    """Words of a sports club's name around its city's: word → ``before`` (دينامو، ريال، Dynamo) or
    ``after`` (يونايتد، United); ``club_words.tsv``."""
    return {normalize(r[0].strip()): r[1].strip() for r in read_tsv("club_words.tsv")}


@lru_cache(maxsize=1)
def country_names() -> list[tuple[str, list[str], list[str]]]:
    """(iso2, Arabic names, English names) of countries beside CLDR's own (country_names.tsv)."""
    out = []
    for r in read_tsv("country_names.tsv"):
        english = r[2].strip() if len(r) > 2 else ""
        out.append((r[0].strip(), [f.strip() for f in r[1].split("|") if f.strip()], [f.strip() for f in english.split("|") if f.strip()]))
    return out


def demonyms() -> list[tuple[str, list[str], list[str]]]:
    out = []
    for r in read_tsv("demonyms.tsv"):
        out.append((r[0].strip(), [f.strip() for f in r[1].split("|")], [f.strip() for f in r[2].split("|")]))
    return out


@dataclass(frozen=True)
class Measure:
    name: str  # deaths, injured, inflation …
    units: frozenset[str]  # the units a figure of this measure has


@lru_cache(maxsize=65536)  # a pure function of the word, asked for the same words again and again
def article_free(word: str) -> str:
    """A normalised word without the Arabic article and one-letter proclitics (والقتلى → قتلى)."""
    w = normalize(word, casefold=True)
    for pre in ("وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"):
        if w.startswith(pre) and len(w) - len(pre) >= 3:
            return w[len(pre):]
    return w


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """measures.tsv: a word (without its article) → the measure it names."""
    out: dict[str, Measure] = {}
    for row in read_tsv("measures.tsv"):
        name, _lang, words, units = row[:4]
        m = Measure(name, frozenset(units.split("|")))
        for w in words.split("|"):
            out.setdefault(normalize(w, casefold=True), m)
            out.setdefault(article_free(w), m)
    return out


@lru_cache(maxsize=1)
def comparatives() -> dict[tuple[str, ...], str]:
    """comparatives.tsv: normalised word tuple → higher | lower."""
    return {tuple(normalize(w, casefold=True) for w in row[0].split()): row[1] for row in read_tsv("comparatives.tsv")}
