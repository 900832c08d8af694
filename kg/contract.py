"""The JSON of ``kg extract FILE --format json`` (see CONTRACT.md in the evaluation kit).

One object per article: the article, entities with every mention, claims with
claimant / cue / mode / content span / channel / certainty / about / quantities,
and conflicts. Fields may be added; none of the contract's may be renamed.
"""

from __future__ import annotations

from typing import Any

from kg.iris import article_iri, claim_iri, entity_iri
from kg.records import Extraction


def to_contract(x: Extraction) -> dict[str, Any]:
    a = x.article
    art_iri = article_iri(a.url, a.text)
    ids = {e.key: f"e{i + 1}" for i, e in enumerate(x.entities)}
    claim_ids = [f"c{i + 1}" for i in range(len(x.claims))]
    entities = [
        {
            "id": ids[e.key],
            "iri": str(entity_iri(e.key)),
            "label": e.label,
            "label_en": e.label_en,
            "category": e.category,
            "type": e.type,
            "wikidata": e.qid,
            "geonames": e.geonames_id,
            "coordinates": [e.lat, e.lon] if e.lat is not None else None,
            "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions],
            "rules": list(e.rules),
            **({"tagger_score": e.tagger_score} if e.tagger_score is not None else {}),
        }
        for e in x.entities
    ]
    claims = []
    for cid, c in zip(claim_ids, x.claims):
        claims.append(
            {
                "id": cid,
                "iri": str(claim_iri(art_iri, c.content.start, c.content.end)),
                "claimant": ids.get(c.claimant) if c.claimant else None,
                "unnamed_source": c.unnamed_source.text if c.unnamed_source else None,
                "cue": c.cue.text,
                "cue_span": {"start": c.cue.start, "end": c.cue.end},
                "mode": c.mode,
                "content": {"start": c.content.start, "end": c.content.end, "text": c.content.text},
                "channel": ids.get(c.channel) if c.channel else None,
                "channel_kind": c.channel_kind,
                "certainty": c.certainty,
                "about": [ids[k] for k in c.about if k in ids],
                "quantities": [
                    {"value": _num(q.value), "unit": q.unit, "text": q.text, "qualifier": q.qualifier, "start": q.start, "end": q.end}
                    for q in c.quantities
                ],
                "rules": list(c.rules),  # the rule ids that made the claim: cue, content, claimant
            }
        )
    return {
        "article": {
            "iri": str(art_iri),
            "language": x.language,
            "title": a.title,
            "url": a.url,
            "published": a.published,
            "publisher": a.publisher,
            "source": a.source,
        },
        "entities": entities,
        "claims": claims,
        "roles": [
            {"person": ids.get(r.person), "role": r.role, "organization": ids.get(r.organization) if r.organization else None, "text": r.span.text}
            for r in x.roles
        ],
        "conflicts": [{"claims": [claim_ids[c.first], claim_ids[c.second]], "reason": c.reason} for c in x.conflicts],
    }


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v
