"""Choosing the Wikidata item a mention denotes, with a score an analyst can read.

score = 0.45 · name (1 label, 0.85 alias) + 0.25 · type (category compatible with the item's class
family: 1, unknown 0.6, incompatible → not a candidate) + 0.15 · context (the item's country or the
item itself is linked elsewhere in the article: 1; unknown 0.5; else 0) + 0.15 · prior (checked
gazetteer 1, else Wikipedia sitelinks on a log scale). Below the threshold, or too close to the
runner-up, nothing is linked: a wrong link is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.link.families import compatible
from kg.link.index import Item, LabelIndex, popularity

WEIGHTS = {"name": 0.45, "type": 0.25, "context": 0.15, "prior": 0.15}
THRESHOLD = 0.7
MARGIN = 0.08


@dataclass(frozen=True)
class Candidate:
    item: Item
    score: float
    parts: dict[str, float]


@dataclass
class Decision:
    mention: str
    category: str | None
    qid: str | None
    score: float
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""

    def explain(self) -> str:
        lines = [f"{self.mention!r} ({self.category or 'any category'}): {self.reason}"]
        for c in self.candidates:
            label = c.item.label_en or c.item.label_ar or ""
            parts = "  ".join(f"{k} {v:.2f}" for k, v in c.parts.items())
            lines.append(f"  {c.item.qid:12} {c.score:.3f}  {label} [{c.item.family or 'unknown class'}]  {parts}")
        return "\n".join(lines)


def name_variants(mention: str) -> list[str]:
    """The mention, then without a leading class word (مدينة, محافظة, city of) or «» quotes."""
    from kg.extract.lexicon import place_triggers
    from kg.extract.normalize import normalize

    out = [mention]
    plain = mention.replace("«", "").replace("»", "").strip()
    if plain != mention:
        out.append(plain)
    words = plain.split()
    if len(words) > 1 and (normalize(words[0]) in place_triggers() or words[0].lower() in place_triggers()):
        out.append(" ".join(words[1:]))
    if len(words) > 2 and words[0].lower() in ("city", "town") and words[1].lower() == "of":
        out.append(" ".join(words[2:]))
    return out


class Linker:
    def __init__(self, index: LabelIndex, online=None, threshold: float = THRESHOLD):
        self.index = index
        self.online = online  # kg.link.online.WikidataClient or None
        self.threshold = threshold

    def candidates(self, mention: str, category: str | None, context: set[str]) -> list[Candidate]:
        found = []
        for variant in name_variants(mention):
            found = self.index.lookup(variant)
            if found:
                break
        if not found and self.online is not None:
            self.online.fetch_into(self.index, mention)
            found = self.index.lookup(mention)
        out = []
        for item, alias in found:
            t = compatible(category, item.family)
            if t == 0:
                continue
            if context:
                ctx = 1.0 if (item.country in context or item.qid in context) else 0.0
            else:
                ctx = 0.5
            prior = 1.0 if item.sitelinks == 0 and self._checked(item) else popularity(item.sitelinks)
            parts = {"name": 0.85 if alias else 1.0, "type": t, "context": ctx, "prior": prior}
            out.append(Candidate(item, sum(WEIGHTS[k] * v for k, v in parts.items()), parts))
        out.sort(key=lambda c: (-c.score, c.item.qid))
        return out

    def _checked(self, item: Item) -> bool:
        row = self.index.db.execute("SELECT source FROM item WHERE qid = ?", (item.qid,)).fetchone()
        return bool(row and row[0] == "gazetteer")

    def link(self, mention: str, category: str | None = None, context: set[str] | None = None) -> Decision:
        cands = self.candidates(mention, category, context or set())
        if not cands:
            return Decision(mention, category, None, 0.0, [], "no candidate in the label index")
        best = cands[0]
        if best.score < self.threshold:
            return Decision(mention, category, None, best.score, cands, f"best score {best.score:.2f} is below the threshold {self.threshold}")
        if len(cands) > 1 and best.score - cands[1].score < MARGIN:
            return Decision(mention, category, None, best.score, cands, f"ambiguous: {best.item.qid} and {cands[1].item.qid} score within {MARGIN}")
        return Decision(mention, category, best.item.qid, best.score, cands, f"linked to {best.item.qid}")
