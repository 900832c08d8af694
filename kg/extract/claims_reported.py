"""Reports as sources: «أشار X إلى تقارير (أخرى) تفيد بأن CONTENT», "X pointed to reports that CONTENT".

The content is what the reports say, so the reports are its source: the claim keeps its cue, its content
narrows to what follows the complementiser, and its claimant becomes the reports — their owner when one is
named (تقرير الأمم المتحدة), else the reports as an unnamed source. Rule ``claimant.reported-by-document``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace

from kg.records import Claim, Span

REPORT_NOUNS = {"تقارير", "تقرير", "معلومات", "انباء", "reports", "report", "information"}
REPORT_VERBS = {"تفيد", "تقول", "تشير", "تؤكد", "تحدثت", "يفيد", "يقول", "يشير", "يؤكد", "say", "says", "saying",
                "suggesting", "suggest", "indicating"}


SUBJECTLESS = {"claimant.carried", "claimant.nearest-before", "claimant.none"}  # the cue had no subject after it


class ReportedRules:
    """Mixed into the claim finder; runs once after every claim is made."""

    def refine_reported(self) -> None:
        starts = [t.start for t in self.tokens]
        for n, claim in enumerate(self.claims):
            if claim.rules[2] in SUBJECTLESS:
                got = self._reports_before_cue(claim, bisect_right(starts, claim.cue.start) - 1)
                if got is not None:
                    self.claims[n] = got
                    continue
            k = bisect_left(starts, claim.content.start)
            if k >= len(self.tokens) or self.tokens[k].start != claim.content.start:
                continue
            if self.tokens[k].is_arabic:
                got = self._arabic_reports(claim, k)
            elif "content.en.that" in claim.rules:
                got = self._english_reports(claim, bisect_left(starts, claim.cue.end), k)
            else:
                got = None
            if got is not None:
                self.claims[n] = got

    def _by_reports(self, claim: Claim, noun: int, owner, start: int | None = None) -> Claim:
        """The claim credited to the reports at token ``noun`` (or to their ``owner``), its content from ``start``."""
        t = self.tokens[noun]
        content = claim.content if start is None else Span(start, claim.content.end, self.text[start:claim.content.end])
        return replace(claim, content=content, claimant=owner.entry.key if owner else None,
                       unnamed_source=None if owner else Span(t.start, t.end, t.text),
                       rules=[*claim.rules[:2], "claimant.reported-by-document"])

    def _reports_before_cue(self, claim: Claim, cue: int) -> Claim | None:
        """«تقارير صحفية تفيد بأن …»: a report noun just before a cue that had no subject after it is its subject."""
        for x in range(cue - 1, max(cue - 4, -1), -1):
            if not self.tokens[x].is_word:
                return None
            if self._report_noun(x):
                return self._by_reports(claim, x, None)
        return None

    def _arabic_reports(self, claim: Claim, k: int) -> Claim | None:
        """«إلى تقارير (X) تفيد بأن CONTENT»: the content starts with the reports; what they say follows."""
        if not self._report_noun(k):
            return None
        last = min(len(self.tokens), k + 6)
        comp = next((j for j in range(k + 1, last) if self.tokens[j].start < claim.content.end and self.is_complementizer(j)), None)
        if comp is None or not any(self._report_verb(x) for x in range(k + 1, comp)):
            return None
        body = comp + self.is_complementizer(comp)
        if body >= len(self.tokens) or self.tokens[body].start >= claim.content.end:
            return None
        owner = next((f for f in map(self.actor_at, range(k + 1, comp)) if f), None)
        return self._by_reports(claim, k, owner, self.tokens[body].start)

    def _english_reports(self, claim: Claim, after_cue: int, content: int) -> Claim | None:
        """"X cited reports that …": a report noun between the cue and "that" is the source."""
        noun = next((x for x in range(after_cue, content) if self._report_noun(x)), None)
        if noun is None:
            return None
        owner = next((f for f in map(self.actor_at, range(after_cue, content)) if f), None)
        return self._by_reports(claim, noun, owner)

    def _report_noun(self, k: int) -> str | None:
        t = self.tokens[k]
        stems = {s for _, s in t.splits[:3]} | {t.norm.removeprefix("ال")} if t.is_arabic else {t.text.lower()}
        return next(iter(stems & REPORT_NOUNS), None)

    def _report_verb(self, k: int) -> bool:
        t = self.tokens[k]
        return (t.norm if t.is_arabic else t.text.lower()) in REPORT_VERBS
