"""Typed records that flow between the pipeline stages.

Every stage is a function over these dataclasses: read → :class:`Article`,
extract → :class:`Extraction`, map → RDF. Offsets are Python ``str`` indices
into ``Article.text`` exactly as read, so ``text[start:end]`` is the span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One news article as read from a file, a JSON record or stdin."""

    text: str
    source: str  # where it came from: a path, "path#line 3", "<stdin>#2"
    id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # unknown record fields, kept as given


@dataclass(frozen=True)
class ReadError:
    """An input that could not be read; the batch goes on without it."""

    source: str
    message: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """An actor, place or other named thing, with every mention resolved to it."""

    key: str  # stable identity within and across articles: QID or category/type/normalised label
    label: str
    category: str  # person | organization | place | other | unnamed
    type: str  # ontology class local name
    qid: str | None = None
    label_en: str | None = None
    label_ar: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None
    gender: str = "m"  # grammatical agreement in Arabic: m | f | pl
    mentions: list[Span] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # ids of the rules whose mentions make it (entity.name, entity.person …)
    tagger_score: float | None = None  # the learned tagger's confidence (0–1) when it proposed a mention


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # percent | km2 | tonne | hour | day | week | month | year | person | count | usd | …
    text: str
    start: int
    end: int
    qualifier: str | None = None  # about | more_than | less_than | at_least | at_most


@dataclass
class Claim:
    """Who said what: a content span attributed to a claimant through a cue."""

    content: Span
    cue: Span
    mode: str  # direct | indirect | according_to
    claimant: str | None  # Entity.key, or None for an unnamed source
    certainty: str = "asserted"  # asserted | hedged | denied
    channel: str | None = None  # Entity.key of the outlet it was said to/through
    channel_kind: str | None = None  # statement | interview | tv | None
    unnamed_source: Span | None = None  # "experts", "officials" when the claimant is unnamed
    about: list[str] = field(default_factory=list)  # Entity.key of entities mentioned in the content
    quantities: list[Quantity] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)  # ids of the rules that made it: cue, content, claimant (--explain)


@dataclass(frozen=True)
class Role:
    """A role stated in the text: person holds role in/of organisation (مدير «المرصد» رامي …)."""

    person: str  # Entity.key
    role: str  # English role label (director, spokesperson, …)
    organization: str | None  # Entity.key
    span: Span


@dataclass(frozen=True)
class Conflict:
    """Two claims by different claimants giving different values for the same measure."""

    first: int  # index into Extraction.claims
    second: int
    reason: str


@dataclass
class Extraction:
    article: Article
    language: str
    entities: list[Entity]
    claims: list[Claim]
    roles: list[Role] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)
