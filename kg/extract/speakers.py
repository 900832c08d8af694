"""Speakers named by a pronoun: "…," he said / She told Reuters / it said in a statement.

A pronoun subject refers back to someone already in the article, who must agree with it: *he* a
person who is not known to be female, *she* one not known to be male, *it* an organisation, *they*
an organisation or a group. Two readings compete and the more recent wins: the speaker of the last
claim that agrees (the previous speaker carried on), and the last agreeing actor named outside any
claim's content (someone introduced since). Rule ids: ``claimant.pronoun.previous-speaker`` and
``claimant.pronoun.last-named``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from kg.extract.entities import EntityTable, Found
from kg.records import Claim

PRONOUNS = {"he": "m", "she": "f", "it": "it", "they": "pl"}
LOOK_BACK = 60  # claims, and four times as many mentions: a pronoun refers to someone recent (and work stays linear)


@dataclass(frozen=True)
class PronounSpeaker:
    found: Found | None  # a named actor (rule last-named) …
    carried: Claim | None  # … or the claim whose speaker is carried on (rule previous-speaker)
    rule: str


def agrees(category: str, gender: str, pronoun: str) -> bool:
    agreement = PRONOUNS[pronoun]
    if agreement in ("m", "f"):
        return category == "person" and gender != ("f" if agreement == "m" else "m")
    if agreement == "it":
        return category == "organization"
    return category == "organization" or gender == "pl"


def resolve(pronoun: str, before: int, claims: list[Claim], table: EntityTable) -> PronounSpeaker | None:
    """The speaker a pronoun at character ``before`` refers to, or None when nobody agrees."""
    recent = claims[-LOOK_BACK:]
    previous = None
    for c in reversed(recent):
        if c.cue.start >= before or c.claimant is None:
            continue
        ent = table.entities.get(c.claimant)
        if ent is not None and agrees(ent.category, ent.gender, pronoun):
            previous = c
            break
    contents = [(c.content.start, c.content.end) for c in recent]
    named = None
    end = bisect_left(table.found, before, key=lambda f: f.start)
    for f in reversed(table.found[max(0, end - 4 * LOOK_BACK) : end]):
        if any(s <= f.start < e for s, e in contents):
            continue  # a name inside someone's quote is not who the pronoun stands for
        if f.kind != "demonym" and agrees(f.entry.category, f.entry.gender, pronoun):
            named = f
            break
    if named is not None and (previous is None or named.start > previous.cue.start):
        return PronounSpeaker(named, None, "claimant.pronoun.last-named")
    if previous is not None:
        return PronounSpeaker(None, previous, "claimant.pronoun.previous-speaker")
    return None
