"""Extraction: article text → entities, claims, roles, quantities and conflicts.

Lexicon- and rule-based, Arabic first, with no model download. The stages are
small modules: :mod:`normalize`, :mod:`tokens`, :mod:`gazetteer`,
:mod:`entities`, :mod:`claims`, :mod:`quantities`, :mod:`conflicts`.
"""

from __future__ import annotations

from kg.extract.claims import find_claims
from kg.extract.conflicts import find_comparative_conflicts, find_conflicts, find_polarity_conflicts
from kg.extract.entities import find_entities
from kg.extract.roles import find_roles
from kg.extract.tokens import is_arabic_text, split_sentences, tokenize
from kg.records import Article, Claim, Extraction, Role


def detect_language(text: str) -> str:
    """Arabic script vs Latin: enough to pick the rules."""
    return "ar" if is_arabic_text(text) else "en"


def _same_side(a: Claim, b: Claim, roles: list[Role]) -> bool:
    """A spokesman and his organisation (a role the text states) speak for one side: they do not conflict."""
    pair = {a.claimant, b.claimant}
    return any({r.person, r.organization} == pair for r in roles)


def extract(article: Article, *, tagger: bool | None = None) -> Extraction:
    """Entities, claims, roles and conflicts of one article. ``tagger``: use the learned entity tagger or
    not for this call; None follows the process setting (:func:`kg.tagger.configure`, on by default)."""
    text = article.text
    lang = article.language or detect_language(text)
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    table = find_entities(text, tokens, sentences, lang, tagger=tagger)
    claims = find_claims(text, tokens, sentences, table, lang)
    roles = find_roles(text, tokens, sentences, table)
    # claimants, channels and role holders are entities of the article even when only named there
    entities = list(table.entities.values())
    if lang != "ar":
        for e in entities:
            e.label = e.label_en or e.label
    conflicts = find_conflicts(claims, table.entities)
    measured = {(c.first, c.second) for c in conflicts}
    for more in (find_polarity_conflicts, find_comparative_conflicts):
        found = [c for c in more(claims, table.entities) if (c.first, c.second) not in measured]
        measured |= {(c.first, c.second) for c in found}
        conflicts += found
    conflicts = [c for c in conflicts if not _same_side(claims[c.first], claims[c.second], roles)]
    conflicts.sort(key=lambda c: (c.first, c.second))
    return Extraction(article=article, language=lang, entities=entities, claims=claims, roles=roles, conflicts=conflicts)


__all__ = ["extract", "detect_language"]
