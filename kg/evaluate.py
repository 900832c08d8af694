"""Scoring kg's extraction against gold annotations (``NAME.txt`` + ``NAME.gold.json``).

The gold format is the one of the evaluation kit: entities with every surface
form in ``names`` (``nth`` pins an ambiguous name to its occurrences), claims with
claimant and the exact content text. Entities match by shared mention
characters, claims by overlapping content spans (half of the shorter, a fifth of
the longer). :func:`evaluate_folder` gives per-article and micro-averaged
precision, recall and F1, linking accuracy, and attribution accuracy, with the
misses listed so a failing test shows what changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.contract import to_contract
from kg.extract import extract
from kg.records import Article

SCORED = {"person", "organization", "place"}


@dataclass
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold


@dataclass(frozen=True)
class RuleOutcome:
    """One predicted claim (or entity): the rules that made it, whether it matched a gold one, and whether it is
    right (a claim with the right claimant; an entity that matched)."""

    rules: tuple[str, ...]
    matched: bool
    attributed: bool


@dataclass
class RuleStats:
    rule: str
    claims: int = 0
    matched: int = 0
    attributed: int = 0

    @property
    def precision(self) -> float:
        """Claims this rule took part in that were right (matched, and with the right claimant)."""
        return self.attributed / self.claims if self.claims else 0.0


@dataclass
class ArticleScore:
    name: str
    entities: Counts
    claims: Counts
    attributed: Counts
    links_known: int = 0
    links_right: int = 0
    links_predicted: int = 0
    conflicts_found: int = 0
    outcomes: list[RuleOutcome] = field(default_factory=list)
    conflicts_gold: int = 0
    misses: list[str] = field(default_factory=list)


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i != -1:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def gold_spans(text: str, entities: list[dict]) -> dict[str, list[tuple[int, int]]]:
    """Every occurrence of every gold name, longest names first, each character to one entity."""
    cands = []
    pinned = {(e["id"], n) for e in entities for n in e.get("nth", {})}
    blocked = set()
    for e in entities:
        for n, ks in e.get("nth", {}).items():
            for k, s in enumerate(_occurrences(text, n), 1):
                if k not in ks:
                    blocked.add((s, s + len(n)))
    for e in entities:
        for n in e["names"]:
            occ = _occurrences(text, n)
            if e.get("nth", {}).get(n):
                occ = [occ[k - 1] for k in e["nth"][n] if k - 1 < len(occ)]
            cands += [(len(n), s, e["id"], n) for s in occ]
    cands.sort(key=lambda c: (-c[0], c[1]))
    taken = [False] * (len(text) + 1)
    out: dict[str, list[tuple[int, int]]] = {e["id"]: [] for e in entities}
    for ln, s, eid, n in cands:
        span = (s, s + ln)
        if (span in blocked and (eid, n) not in pinned) or any(taken[s : s + ln]):
            continue
        for k in range(s, s + ln):
            taken[k] = True
        out[eid].append(span)
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _greedy(pairs: list[tuple[float, Any, Any]]) -> dict:
    pairs.sort(key=lambda p: p[0], reverse=True)
    left, right = {}, set()
    for _, a, b in pairs:
        if a in left or b in right:
            continue
        left[a] = b
        right.add(b)
    return left


def score(text: str, gold: dict, pred: dict, name: str = "") -> ArticleScore:
    gents = gold["entities"]
    gcat = {e["id"]: e["category"] for e in gents}
    gqid = {e["id"]: e.get("qid") for e in gents}
    gspans = gold_spans(text, gents)
    pents = pred["entities"]
    pspans = {e["id"]: [(m["start"], m["end"]) for m in e["mentions"]] for e in pents}
    pcat = {e["id"]: e["category"] for e in pents}
    p2g = _greedy([
        (sum(_overlap(a, b) for a in pspans[p["id"]] for b in gspans[g["id"]]), p["id"], g["id"])
        for p in pents for g in gents
        if any(_overlap(a, b) for a in pspans[p["id"]] for b in gspans[g["id"]])
    ])
    g2p = {g: p for p, g in p2g.items()}
    gold_scored = [e["id"] for e in gents if e["category"] in SCORED]
    pred_scored = [e["id"] for e in pents if pcat[e["id"]] in SCORED]
    ents = Counts(sum(1 for g in gold_scored if g in g2p and pcat[g2p[g]] in SCORED), len(pred_scored), len(gold_scored))
    result = ArticleScore(name, ents, Counts(), Counts())
    pqid = {e["id"]: e.get("wikidata") for e in pents}
    for g in gold_scored:
        if g not in g2p:
            result.misses.append(f"entity missed: {g} {gents[[e['id'] for e in gents].index(g)]['names'][0]}")
        elif gqid[g]:
            result.links_known += 1
            result.links_right += pqid.get(g2p[g]) == gqid[g]
    prules = {e["id"]: tuple(e.get("rules", ())) for e in pents}
    result.outcomes += [RuleOutcome(prules[p], p in p2g, p in p2g) for p in pred_scored]
    for p in pred_scored:
        if p in p2g and gqid.get(p2g[p]) and pqid.get(p):
            result.links_predicted += 1
        if p not in p2g:
            result.misses.append(f"entity extra: {next(e['label'] for e in pents if e['id'] == p)}")
    gclaims = []
    for c in gold["claims"]:
        occ = _occurrences(text, c["content"])
        if len(occ) != 1:
            raise ValueError(f"{name}: gold claim {c['id']} content occurs {len(occ)} times")
        gclaims.append((c, (occ[0], occ[0] + len(c["content"]))))
    pclaims = [(c, (c["content"]["start"], c["content"]["end"])) for c in pred["claims"]]
    pairs = []
    for pi, (_, ps) in enumerate(pclaims):
        for gi, (_, gs) in enumerate(gclaims):
            ov = _overlap(ps, gs)
            short, long_ = sorted((ps[1] - ps[0], gs[1] - gs[0]))
            if ov and ov / short >= 0.5 and ov / long_ >= 0.2:
                pairs.append((ov / long_, pi, gi))
    cp2g = _greedy(pairs)
    cg2p = {g: p for p, g in cp2g.items()}
    attributed = 0
    right: set[int] = set()  # predicted claims matched to a gold claim with the right claimant
    for gi, (gc, _) in enumerate(gclaims):
        if gi not in cg2p:
            result.misses.append(f"claim missed: {gc['id']} {gc['content'][:50]}")
            continue
        got = pclaims[cg2p[gi]][0].get("claimant")
        want = gc["claimant"]
        ok = (got is None or got not in p2g or p2g[got] == want) if gcat.get(want) == "unnamed" else (got is not None and p2g.get(got) == want)
        attributed += ok
        if ok:
            right.add(cg2p[gi])
        if not ok:
            result.misses.append(f"claim {gc['id']}: claimant {p2g.get(got, got)}, want {want}")
    for pi, (pc, _) in enumerate(pclaims):
        if pi not in cp2g:
            result.misses.append(f"claim extra: {pc['content']['text'][:50]}")
    result.outcomes += [RuleOutcome(tuple(pc.get("rules", ())), pi in cp2g, pi in right) for pi, (pc, _) in enumerate(pclaims)]
    result.claims = Counts(len(cg2p), len(pclaims), len(gclaims))
    result.attributed = Counts(attributed, len(pclaims), len(gclaims))
    gold_ids = {c["id"]: gi for gi, (c, _) in enumerate(gclaims)}
    pred_ids = {c["id"]: pi for pi, (c, _) in enumerate(pclaims)}
    found_pairs = {frozenset(pred_ids[x] for x in c["claims"]) for c in pred.get("conflicts", [])}
    for gc in gold.get("conflicts", []):
        result.conflicts_gold += 1
        mapped = {cg2p.get(gold_ids[x]) for x in gc["claims"]}
        result.conflicts_found += None not in mapped and frozenset(mapped) in found_pairs
    return result


@dataclass
class FolderScore:
    articles: list[ArticleScore]
    entities: Counts
    claims: Counts
    attributed: Counts

    @property
    def linking_accuracy(self) -> float:
        known = sum(a.links_known for a in self.articles)
        return sum(a.links_right for a in self.articles) / known if known else 0.0

    @property
    def attribution_accuracy(self) -> float:
        return self.attributed.tp / self.claims.tp if self.claims.tp else 0.0

    def rules(self) -> list[RuleStats]:
        """Each rule's count and precision over the folder, worst first (a bad rule to fix or switch off)."""
        table: dict[str, RuleStats] = {}
        for a in self.articles:
            for o in a.outcomes:
                for rule in o.rules:
                    r = table.setdefault(rule, RuleStats(rule))
                    r.claims += 1
                    r.matched += o.matched
                    r.attributed += o.attributed
        return sorted(table.values(), key=lambda r: (r.precision, -r.claims, r.rule))

    def rules_table(self) -> str:
        lines = [f"{'rule':<48} {'claims':>6} {'matched':>7} {'right':>5} {'precision':>9}"]
        for r in self.rules():
            lines.append(f"{r.rule:<48} {r.claims:>6} {r.matched:>7} {r.attributed:>5} {r.precision:>9.2f}")
        return "\n".join(lines)

    def summary(self) -> str:
        lines = []
        for a in self.articles:
            lines.append(f"{a.name}: entities F1 {a.entities.f1:.3f}  claims F1 {a.claims.f1:.3f}  attributed F1 {a.attributed.f1:.3f}  conflicts {a.conflicts_found}/{a.conflicts_gold}")
            lines += [f"  {m}" for m in a.misses]
        lines.append(
            f"micro: entities F1 {self.entities.f1:.3f}  claims F1 {self.claims.f1:.3f}  attributed F1 {self.attributed.f1:.3f}  "
            f"attribution {self.attribution_accuracy:.3f}  linking {self.linking_accuracy:.3f}"
        )
        return "\n".join(lines)


def evaluate_folder(folder: str | Path) -> FolderScore:
    arts = []
    for gold_path in sorted(Path(folder).glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        text = gold_path.with_name(name + ".txt").read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = to_contract(extract(Article(text=text, source=str(gold_path.with_name(name + ".txt")))))
        arts.append(score(text, gold, pred, name))
    total = FolderScore(arts, Counts(), Counts(), Counts())
    for a in arts:
        total.entities.add(a.entities)
        total.claims.add(a.claims)
        total.attributed.add(a.attributed)
    return total
