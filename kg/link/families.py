"""Wikidata classes (P31 values) grouped into the families kg's categories understand.

A mention's category (person, organization, place) is compatible with some families; a candidate of
an incompatible family is not linked (a city is never the newspaper that shares its name).
"""

from __future__ import annotations

# P31 class QID → family. Written for kg from the classes common in Middle East news.
CLASS_FAMILY = {
    "Q5": "human",
    "Q6256": "country", "Q3624078": "country", "Q3024240": "country", "Q1763527": "country",
    "Q515": "city", "Q1549591": "city", "Q5119": "city", "Q1637706": "city", "Q532": "city", "Q3957": "city",
    "Q486972": "city", "Q200250": "city", "Q7930989": "city",
    "Q10864048": "region", "Q1221156": "region", "Q15623926": "region", "Q56061": "region", "Q82794": "region",
    "Q5852411": "region", "Q34876": "region", "Q107390": "region", "Q13220204": "region", "Q5107": "region",
    "Q4022": "river", "Q355304": "river", "Q23397": "region", "Q8502": "region", "Q165": "region",
    "Q43229": "organisation", "Q4830453": "organisation", "Q163740": "organisation", "Q79913": "organisation",
    "Q7210356": "organisation", "Q7278": "organisation", "Q2659904": "government", "Q327333": "government",
    "Q192350": "government", "Q176799": "government", "Q8473": "government", "Q35798": "government",
    "Q484652": "international_org", "Q245065": "international_org", "Q1127126": "international_org",
    "Q17149090": "armed_group", "Q2001305": "armed_group", "Q45400320": "armed_group", "Q1151067": "armed_group",
    "Q11032": "media", "Q1110794": "media", "Q1193236": "media", "Q192283": "media", "Q1002697": "media",
    "Q1616075": "media", "Q15265344": "media", "Q2001305_": "media",
}

# kg gazetteer kinds → family
KIND_FAMILY = {
    "person": "human", "country": "country", "city": "city", "region": "region", "river": "river",
    "international_org": "international_org", "media": "media", "armed_group": "armed_group",
    "organisation": "organisation", "government_body": "government",
}

# which families a mention of each category may denote
COMPATIBLE = {
    "person": {"human"},
    "organization": {"organisation", "government", "international_org", "armed_group", "media"},
    "place": {"country", "city", "region", "river"},
}


def compatible(category: str | None, family: str | None) -> float:
    """1 compatible, 0.6 unknown family or category, 0 incompatible."""
    if not category or category not in COMPATIBLE or not family:
        return 0.6
    return 1.0 if family in COMPATIBLE[category] else 0.0
