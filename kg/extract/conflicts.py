"""Conflicting claims: different claimants, the same measure about the same thing, different values.

"The observatory says the force holds 95 % of the city; the force says 80 %."
Two claims conflict when their claimants differ, they carry a quantity with the
same unit, they are about a common place or actor, and the values differ.
"""

from __future__ import annotations

from kg.records import Claim, Conflict, Entity

TOLERANCE = 0.02  # values within 2 % of each other are the same figure rounded differently


def find_conflicts(claims: list[Claim], entities: dict[str, Entity]) -> list[Conflict]:
    out: list[Conflict] = []
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if a.claimant is None or b.claimant is None or a.claimant == b.claimant:
                continue
            shared = [k for k in a.about if k in b.about]
            if not shared:
                continue
            for qa in a.quantities:
                qb = next((q for q in b.quantities if q.unit == qa.unit), None)
                if qb is None:
                    continue
                if abs(qa.value - qb.value) <= TOLERANCE * max(abs(qa.value), abs(qb.value)):
                    continue
                names = ", ".join(entities[k].label for k in shared if k in entities)
                who_a = entities[a.claimant].label if a.claimant in entities else a.claimant
                who_b = entities[b.claimant].label if b.claimant in entities else b.claimant
                out.append(
                    Conflict(i, j, f"{who_a} gives {qa.text}, {who_b} gives {qb.text} ({qa.unit}) about {names}")
                )
                break
    return out
