"""Synthetic Wikidata data for tests: dump lines in the official format, with test-only QIDs (Q9000000+)."""

from __future__ import annotations

import json


def entity(qid: str, en: str, ar: str | None = None, p31: str = "Q515", aliases_en=(), sitelinks: int = 3,
           geonames: str | None = None, coord=None, country: str | None = None) -> dict:
    claims = {"P31": [{"mainsnak": {"datavalue": {"value": {"id": p31}}}}]}
    if geonames:
        claims["P1566"] = [{"mainsnak": {"datavalue": {"value": geonames}}}]
    if coord:
        claims["P625"] = [{"mainsnak": {"datavalue": {"value": {"latitude": coord[0], "longitude": coord[1]}}}}]
    if country:
        claims["P17"] = [{"mainsnak": {"datavalue": {"value": {"id": country}}}}]
    labels = {"en": {"language": "en", "value": en}}
    if ar:
        labels["ar"] = {"language": "ar", "value": ar}
    return {
        "type": "item", "id": qid, "labels": labels,
        "aliases": {"en": [{"language": "en", "value": a} for a in aliases_en]},
        "claims": claims, "sitelinks": {f"site{i}": {} for i in range(sitelinks)},
    }


def dump_lines(entities) -> str:
    """The dump's layout: a JSON array with one entity per line, lines ending with a comma."""
    body = ",\n".join(json.dumps(e, ensure_ascii=False) for e in entities)
    return "[\n" + body + "\n]\n"
