"""Reports as sources: «أشار X إلى تقارير (أخرى) تفيد بأن CONTENT», "X pointed to reports that CONTENT".

The content is what the reports say, so the reports are its source: the claim keeps its cue, its content
narrows to what follows the complementiser, and its claimant becomes the reports — their owner when one is
named (تقرير الأمم المتحدة), else the reports as an unnamed source. Rule ``claimant.reported-by-document``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

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
            if claim.rules[2] in SUBJECTLESS and self._reports_before_cue(n, claim, bisect_right(starts, claim.cue.start) - 1):
                continue
            k = bisect_left(starts, claim.content.start)
            if k >= len(self.tokens) or self.tokens[k].start != claim.content.start:
                continue
            if not self.tokens[k].is_arabic and "content.en.that" in claim.rules:
                self._english_reports(n, claim, bisect_left(starts, claim.cue.end), k)
                continue
            noun = self._report_noun(k)
            if noun is None:
                continue
            j = k + 1
            owner = None
            while j < len(self.tokens) and j < k + 6 and self.tokens[j].start < claim.content.end:
                if self.is_complementizer(j):
                    break
                owner = owner or self.actor_at(j)
                j += 1
            else:
                continue
            if j >= len(self.tokens) or not self.is_complementizer(j):
                continue
            if not any(self._report_verb(x) for x in range(k + 1, j)) and self.norm(j) != "that":
                continue
            body = j + self.is_complementizer(j)
            if body >= len(self.tokens) or self.tokens[body].start >= claim.content.end:
                continue
            s, e = self.tokens[body].start, claim.content.end
            t = self.tokens[k]
            self.claims[n] = Claim(
                content=Span(s, e, self.text[s:e]), cue=claim.cue, mode=claim.mode,
                claimant=owner.entry.key if owner else None, certainty=claim.certainty, channel=claim.channel,
                channel_kind=claim.channel_kind, unnamed_source=None if owner else Span(t.start, t.end, t.text),
                rules=[*claim.rules[:2], "claimant.reported-by-document"],
            )

    def _reports_before_cue(self, n: int, claim: Claim, cue: int) -> bool:
        """«تقارير صحفية تفيد بأن …»: a report noun just before a cue that had no subject after it is its subject."""
        for x in range(cue - 1, max(cue - 4, -1), -1):
            if not self.tokens[x].is_word:
                return False
            if self._report_noun(x):
                t = self.tokens[x]
                self.claims[n] = Claim(
                    content=claim.content, cue=claim.cue, mode=claim.mode, claimant=None, certainty=claim.certainty,
                    channel=claim.channel, channel_kind=claim.channel_kind, unnamed_source=Span(t.start, t.end, t.text),
                    rules=[*claim.rules[:2], "claimant.reported-by-document"],
                )
                return True
        return False

    def _english_reports(self, n: int, claim: Claim, after_cue: int, content: int) -> None:
        """"X cited reports that …": a report noun between the cue and "that" is the source."""
        for x in range(after_cue, content):
            if self._report_noun(x):
                owner = next((f for f in (self.actor_at(y) for y in range(after_cue, content)) if f), None)
                t = self.tokens[x]
                self.claims[n] = Claim(
                    content=claim.content, cue=claim.cue, mode=claim.mode, claimant=owner.entry.key if owner else None,
                    certainty=claim.certainty, channel=claim.channel, channel_kind=claim.channel_kind,
                    unnamed_source=None if owner else Span(t.start, t.end, t.text),
                    rules=[*claim.rules[:2], "claimant.reported-by-document"],
                )
                return

    def _report_noun(self, k: int) -> str | None:
        t = self.tokens[k]
        stems = {s for _, s in t.splits[:3]} | {t.norm.removeprefix("ال")} if t.is_arabic else {t.text.lower()}
        return next(iter(stems & REPORT_NOUNS), None)

    def _report_verb(self, k: int) -> bool:
        t = self.tokens[k]
        return (t.norm if t.is_arabic else t.text.lower()) in REPORT_VERBS
