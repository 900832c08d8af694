"""Linking actors and places to Wikidata: a label index (offline), optional online look-ups, explainable scores.

:func:`relink_store` links the entities already in a store (after ``kg wikidata import``) without
reloading any article: each link is written with its score and method as provenance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


from kg.link.index import ImportReport, LabelIndex, default_index_path, import_file
from kg.link.linker import Decision, Linker
from kg.queries import select
from kg.store import KGStore
from kg.terms import GEO, OW, K, Triples, lit, named
from kg.vocab import WD

LINKABLE = {"person", "organization", "place"}


@dataclass
class RelinkReport:
    examined: int = 0
    linked: list[tuple[str, str, str, float]] = field(default_factory=list)  # entity, label, qid, score
    unlinked: list[Decision] = field(default_factory=list)

    def summary(self) -> str:
        return f"entities examined: {self.examined}, linked: {len(self.linked)}, left unlinked: {len(self.unlinked)}"


def relink_store(store: str | Path | None, index: LabelIndex, online=None) -> RelinkReport:
    report = RelinkReport()
    linker = Linker(index, online=online)
    with KGStore(store) as s:
        todo = select(
            s,
            """SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cat) WHERE {
                 ?e kg:entityCategory ?c ; skos:prefLabel ?l .
                 FILTER NOT EXISTS { ?e owl:sameAs ?any } } GROUP BY ?e""",
        )
        context_rows = select(
            s,
            """SELECT DISTINCT ?e ?q WHERE { GRAPH ?g { ?m kg:denotes ?e . ?m2 kg:denotes ?o } ?o kg:wikidataId ?q }""",
        )
        context: dict[str, set[str]] = {}
        for e, q in context_rows.rows:
            context.setdefault(e, set()).add(q)
        add = Triples()
        for entity, label, category in todo.rows:
            if category not in LINKABLE:
                continue
            report.examined += 1
            d = linker.link(label, category, context.get(entity, set()))
            if d.qid is None:
                report.unlinked.append(d)
                continue
            node = named(entity)
            add.add((node, OW.sameAs, named(str(WD[d.qid]))))
            add.add((node, K.wikidataId, lit(d.qid)))
            add.add((node, K.linkScore, lit(Decimal(f"{d.score:.3f}"))))
            add.add((node, K.linkMethod, lit("online" if online is not None and index.item(d.qid) and _fetched(index, d.qid) else "label-index")))
            item = index.item(d.qid)
            if item and category == "place":
                if item.geonames:
                    add.add((node, K.geonamesId, lit(int(item.geonames))))
                if item.lat is not None and item.lon is not None:
                    add.add((node, GEO.lat, lit(Decimal(str(item.lat)))))
                    add.add((node, GEO.long, lit(Decimal(str(item.lon)))))
            report.linked.append((entity, label, d.qid, d.score))
        if len(add):
            s.add_entity_triples(add)
    return report


def _fetched(index: LabelIndex, qid: str) -> bool:
    row = index.db.execute("SELECT source FROM item WHERE qid = ?", (qid,)).fetchone()
    return bool(row and row[0] == "import")


__all__ = ["LabelIndex", "Linker", "Decision", "import_file", "relink_store", "default_index_path", "ImportReport"]
