"""Claims: who said what, through which channel, with what certainty.

Three shapes of attribution, Arabic and English alike:

* **cue verb** ``[و|ف]قال/أكدت/أشار… SUBJECT [لـ«CHANNEL»|في بيان] إن/أن/بأن/: CONTENT``
  (and English ``SUBJECT said (that) CONTENT``, ``"QUOTE," SUBJECT said``);
* **participle** continuing the same speaker ``…، مؤكدةً CONTENT``, ``، لافتة إلى أن…``;
* **according-to** ``بحسب/وفق/نقلاً عن/على لسان SOURCE`` (``according to SOURCE``) at the
  start, the end, or in the middle of a sentence.

The claimant is the subject of the cue; when the cue has none (وأضاف:), the most
recent claimant that agrees with the verb in gender and number; after
``أما X، فـ…`` it is X. Content spans exclude the cue and the complementiser.

Each shape is a component in its own module, mixed into one finder over the parsed document
(:mod:`kg.extract.claim_document`): :mod:`kg.extract.claims_ar`, :mod:`kg.extract.claims_en`,
:mod:`kg.extract.claims_marker`, and :mod:`kg.extract.claimants` for who the speaker is. Every
claim records the ids of the rules that made it (``Claim.rules``).
"""

from __future__ import annotations

from bisect import bisect_left

from kg.extract.claim_document import ClaimDocument, _Cue
from kg.extract.claimants import ClaimantRules
from kg.extract.claims_ar import ArabicCueRules
from kg.extract.claims_en import EnglishCueRules
from kg.extract.claims_marker import MarkerRules
from kg.extract.claims_reported import ReportedRules
from kg.extract.entities import EntityTable
from kg.extract.quantities import find_quantities
from kg.extract.tokens import Sentence, Token
from kg.records import Claim


class _ClaimFinder(ArabicCueRules, EnglishCueRules, MarkerRules, ReportedRules, ClaimantRules, ClaimDocument):
    """One pass over the sentences: at each cue, the component for its kind and language makes the claim."""

    def run(self) -> None:
        for sent in self.sentences:
            k = sent.start
            while k < sent.end:
                c = self.cue_at(k)
                if c is None:
                    k += 1
                    continue
                made = self.claim_from(c, sent)
                k = made if made and made > k else k + 1
        self.refine_reported()

    def claim_from(self, c: _Cue, sent: Sentence) -> int | None:
        if c.cue.kind == "marker":
            return self.according_to(c, sent)
        if c.cue.lang == "en":
            return self.english_verb(c, sent)
        return self.arabic_cue(c, sent)



def _about_and_quantities(
    claim: Claim, mentions: list[tuple[int, int, str]], starts: list[int], tokens: list[Token], text: str
) -> None:
    s, e = claim.content.start, claim.content.end
    about: list[str] = []
    for k in range(bisect_left(mentions, (s, -1, "")), len(mentions)):  # no slice: a copy of the tail per claim is quadratic
        m_start, m_end, key = mentions[k]
        if m_start >= e:
            break
        if m_end <= e and key not in about:
            about.append(key)
    claim.about = about
    first, last = bisect_left(starts, s), bisect_left(starts, e)
    claim.quantities = find_quantities(text, tokens, first, last)


def find_claims(text: str, tokens: list[Token], sentences: list[Sentence], table: EntityTable, lang: str) -> list[Claim]:
    finder = _ClaimFinder(text, tokens, sentences, table, lang)
    finder.run()
    claims = sorted(finder.claims, key=lambda c: c.content.start)
    mentions = sorted((m.start, m.end, e.key) for e in table.entities.values() for m in e.mentions)
    starts = [t.start for t in tokens]
    for claim in claims:
        _about_and_quantities(claim, mentions, starts, tokens, text)
    return claims

