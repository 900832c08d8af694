"""According-to markers: ``بحسب/وفق/نقلاً عن/على لسان SOURCE`` (``according to SOURCE``) at the start,
the end, or in the middle of a sentence; the source may be an unnamed one (مصادر محلية).
"""

from __future__ import annotations

from kg.extract.claim_document import COMMAS, COMPLEMENTIZERS, _Cue
from kg.extract.tokens import Sentence


class MarkerRules:
    def according_to(self, c: _Cue, sent: Sentence) -> int | None:
        k = c.index
        n = self.norm(k)
        j = k + c.n_tokens
        stem = n.lstrip("و") if self.tokens[k].is_arabic else n
        if stem in {"نقلا"}:
            if j < sent.end and self.norm(j) == "عن":
                j += 1
            else:
                return None
        if stem == "لسان":
            if k == 0 or self.norm(k - 1) not in {"علي"}:
                return None
        if stem in {"وفقا", "طبقا", "فقا"} and j < sent.end and self.norm(j) in {"ل", "لـ"}:
            j += 1
        while j < sent.end and (self.tokens[j].text in "«“" or self.norm(j) == "the" or self._document_noun(j)):
            j += 1
        source = self.actor_at(j)
        unnamed = None
        if source is None:
            u = self.unnamed_at(j)
            if u is None and self.lang == "en":
                for skip in (1, 2):  # local officials, senior Western diplomats
                    if j + skip < sent.end and self.tokens[j + skip - 1].text.islower():
                        u = self.unnamed_at(j + skip)
                        if u:
                            j += skip
                            break
            if u is None:
                return None
            unnamed = (j, u[1])
            after = j + u[0]
        else:
            after = source.last
        while after < sent.end and self.tokens[after].text in "»”":
            after += 1
        # skip trailing words of a longer source phrase up to punctuation (مصادر محلية في المدينة،)
        probe = after
        while probe < sent.end and probe < after + 4 and self.tokens[probe].text not in COMMAS | {":", ".", "؟"}:
            probe += 1
        if probe < sent.end and self.tokens[probe].text in COMMAS | {":"}:
            after = probe
        first_word = sent.start
        while first_word < k and self.tokens[first_word].text in COMMAS:
            first_word += 1
        at_start = k == first_word or (k == first_word + 1 and self.norm(first_word) in {"و", "ف"})
        at_end = after >= sent.end - 1 or self.tokens[after].text in {".", "؟", "?"}
        # CONTENT, according to X, but/while …: the marker closes the clause before it, a new clause follows
        closes_clause = (not at_end and k > sent.start and self.tokens[k - 1].text in COMMAS
                         and self.tokens[after].text in COMMAS and after + 1 < sent.end and self._starts_new_clause(after + 1))
        if at_start:
            first = after
            while first < sent.end and self.tokens[first].text in COMMAS:
                first += 1
            if first < sent.end and self.tokens[first].is_arabic and self.norm(first)[:1] == "ف" \
                    and self.norm(first)[1:] in COMPLEMENTIZERS:
                after = first + 1  # بحسب X، فإن …: «فإنّ» opens the clause, the content follows it
            got = self.content_from(after, sent.end)
            if got is None:
                return None
            s, e, _, nxt = got
            content_rule = "content.according-to.after"
        elif at_end and (said := self._same_sentence_claim(sent, k)) is not None and said.content.end <= self.tokens[k].start:
            # وقالت X: «…»، بحسب وكالة الأنباء / "…," X said, according to the agency: the marker names who
            # relayed the claim already made, it is not a second claim over the whole sentence
            if said.channel is None and source is not None and self._is_outlet(source.entry.key):
                said.channel = source.entry.key
                said.rules.append("channel.according-to-relay")
            return sent.end
        elif at_end or closes_clause:
            content_rule = "content.according-to.before"
            last = k - 1
            while last > sent.start and self.tokens[last].text in COMMAS | {"("}:
                last -= 1
            if last < sent.start:
                return None
            s, e, nxt = self.tokens[sent.start].start, self.tokens[last].end, sent.end if at_end else after + 1
        else:
            q = next((x for x in range(after, sent.end) if self.is_open_quote(x)), None)
            if q is not None and self.closing(q, sent.end):
                close = self.closing(q, sent.end)
                s, e, nxt = self.tokens[q + 1].start, self.tokens[close - 1].end, close + 1
                content_rule = "content.according-to.quote"
            else:
                content_rule = "content.according-to.sentence"
                last = sent.end - 1
                while last > sent.start and self.tokens[last].text in {".", "؟", "?", "\n"}:
                    last -= 1
                s, e, nxt = self.tokens[sent.start].start, self.tokens[last].end, sent.end
        self.add(c, s, e, "according_to", source, unnamed, None, None,
                 content_rule=content_rule, claimant_rule="claimant.according-to-source")
        return nxt
