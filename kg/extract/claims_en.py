"""English verbs: ``SUBJECT said (that) CONTENT``, ``"QUOTE," SUBJECT said``, ``CONTENT, SUBJECT said``,
told CHANNEL, adverbials (in a statement, on Monday), pronoun subjects.
"""

from __future__ import annotations

from kg.extract.claim_document import CLAUSE_STARTERS, EN_ADVERBIALS, EN_SKIP, OUTLET_TYPES, _Cue
from kg.extract.speakers import PRONOUNS
from kg.extract.tokens import Sentence


MEDIUM_WORDS = frozenset({"on", "via", "with"})  # the word before the medium a claim was made on
ZERO_THAT_VERBS = {"would", "will", "could", "might", "may", "should", "was", "were", "had"}


class EnglishCueRules:
    def _zero_that_clause(self, k: int, j: int, sent: Sentence) -> bool:
        """officials expected the toll would rise: a clause without "that" — a short subject of words, then a
        modal or past auxiliary — and the cue is a verb, not an adjective after a determiner."""
        if k > sent.start and self.norm(k - 1) in {"the", "a", "an", "than", "as", "widely"}:
            return False
        for x in range(j + 1, min(sent.end, j + 6)):
            if self.norm(x) in ZERO_THAT_VERBS:
                return True
            if not self.tokens[x].is_word:
                return False
        return False

    def english_verb(self, c: _Cue, sent: Sentence) -> int | None:
        k = c.index
        # "QUOTE," X said / "QUOTE," said X
        j = k - 1
        while j >= sent.start and j > k - 16 and self.tokens[j].text not in {'"', "”"}:
            j -= 1
        comma_inside = j > sent.start and self.tokens[j - 1].text in {",", "?", "!"}
        comma_after = j + 1 < k and self.tokens[j + 1].text == ","  # "…”, said X (the comma outside the quote)
        if j >= sent.start and self.tokens[j].text in {'"', "”"} and j > sent.start and (comma_inside or comma_after):
            open_i = self._english_open(j, sent)
            if open_i is not None:
                claimant, unnamed, channel, kind = self.subject(j + 1, k)
                claimant_rule = self.subject_rule
                carried = None
                if claimant is None and unnamed is None:  # "…," he said: the pronoun before the cue
                    claimant, carried, claimant_rule = self.pronoun_subject(j + 1, k, k)
                if claimant is None and unnamed is None and carried is None:  # "…," said X
                    claimant, unnamed, channel2, kind2 = self.subject(k + 1, sent.end)
                    channel, kind = channel or channel2, kind or kind2
                    claimant_rule = self.subject_rule
                    if claimant is None and unnamed is None:  # "…," said he
                        claimant, carried, claimant_rule = self.pronoun_subject(k + 1, min(sent.end, k + 2), k)
                s, e = self.tokens[open_i + 1].start, self.tokens[j - 2].end if comma_inside and j - 2 > open_i else self.tokens[j - 1].end
                self.add(c, s, e, "direct", claimant, unnamed, channel, kind, carried,
                         content_rule="content.en.quote-first", claimant_rule=claimant_rule)
                return sent.end
        # X said (that) CONTENT — the subject is the last person before the cue, else the phrase after the last comma
        subj_from = next((x + 1 for x in range(k - 1, sent.start - 1, -1) if self.tokens[x].text == ","), sent.start)
        if subj_from > sent.start and k - subj_from <= 2 and all(
                self.tokens[x].text.islower() and self.tokens[x].is_word and self.unnamed_at(x) is None
                and self.norm(x) not in PRONOUNS and self.norm(x) not in CLAUSE_STARTERS for x in range(subj_from, k)):
            # "X, however, said": the subject is before the parenthetical adverb
            prev = subj_from - 1
            subj_from = next((x + 1 for x in range(prev - 1, sent.start - 1, -1) if self.tokens[x].text == ","), sent.start)
        if "doc!" in c.cue.complements and not any(self._data_noun(x) for x in range(sent.start, k)):
            return None  # data from X showed …; "the army showed restraint" is no report
        claimant, unnamed, channel, kind = self.subject(subj_from, k)
        claimant_rule = self.subject_rule
        nearest = self._actors_between(subj_from, k)
        coordinated = nearest and nearest[-1].first > 0 and self.norm(nearest[-1].first - 1) in {"and", "or"}
        if claimant is not None and nearest and claimant.entry.category != "person" and not coordinated:
            claimant, claimant_rule = nearest[-1], "claimant.en.nearest-actor"  # Libya's National Oil Corporation said
        persons = [f for f in self._actors_between(sent.start, k) if f.entry.category == "person"]
        appositive = subj_from < k and self.norm(subj_from) in {"the", "a", "an"} and subj_from > sent.start
        if persons and (claimant is None or (appositive and claimant.entry.category != "person")) and not self._closes_quote_before(k, sent):
            claimant, unnamed, claimant_rule = persons[-1], None, "claimant.en.person-before-appositive"
        if claimant is None and unnamed is None:
            claimant, unnamed, channel2, kind2 = self.subject(sent.start, k)
            claimant_rule = self.subject_rule
        pronoun_carried = None
        if claimant is None and unnamed is None:
            claimant, pronoun_carried, claimant_rule = self.pronoun_subject(max(sent.start, k - 2), k, k)
        j = k + 1
        if c.cue.form == "told":
            f = self.actor_at(j) or (self.actor_at(j + 1) if self.norm(j) == "the" else None)
            if f:
                channel = f.entry.key
                j = f.last
            else:  # told reporters / a news conference / the BBC: skip the audience up to "that" or a comma
                for x in range(j, min(sent.end, j + 8)):
                    if self.norm(x) == "that" or self.tokens[x].text in {",", ":"}:
                        j = x
                        break
        # "that" within reach starts the content; otherwise skip adverbials (on Monday, in a statement)
        that = next(
            (x for x in range(j, min(sent.end, j + 10)) if self.norm(x) == "that" or self.tokens[x].text in {",", '"', "“", ":"}),
            None,
        )
        if "that!" in c.cue.complements and not (that is not None and self.norm(that) == "that" and that - j <= 3) \
                and not self._zero_that_clause(k, j, sent):
            return None  # expected, feared …: speech only with a clause ("the expected deal" is not)
        for x in range(j, that if that is not None else j):
            if self.norm(x) in {"statement", "interview"}:
                kind = self.norm(x)
            medium = self.actor_at(x) if self.norm(x - 1) in MEDIUM_WORDS else None
            if medium is not None and medium.entry.type in OUTLET_TYPES and channel is None:
                channel = medium.entry.key  # said on Twitter that, in an interview with the BBC that
        if that is not None and self.norm(that) == "that":
            j = that + 1
        else:
            moved = True
            while moved and j < sent.end:
                moved = False
                for adv in EN_ADVERBIALS:
                    if tuple(self.norm(j + n) for n in range(len(adv)) if j + n < sent.end) == adv:
                        kind = adv[-1] if adv[-1] in {"statement", "interview"} else kind
                        j += len(adv)
                        moved = True
                while j < sent.end and self.norm(j) in EN_SKIP:
                    j += 1
                    moved = True
        ends_here = j >= sent.end or self.tokens[j].text in {".", "!", "?", ","}
        if ends_here and (claimant or unnamed):
            # CONTENT, SUBJECT said (on Sunday)[, …].
            subj_start = claimant.first if claimant else unnamed[0]
            comma = next((x for x in range(subj_start - 1, sent.start, -1) if self.tokens[x].text == ","), None)
            if comma is None:
                return None
            s, e = self.tokens[sent.start].start, self.tokens[comma - 1].end
            self.add(c, s, e, "indirect", claimant, unnamed, channel, kind,
                     content_rule="content.en.content-then-speaker", claimant_rule=claimant_rule)
            return sent.end
        if j >= sent.end:
            return None
        carried = pronoun_carried
        if claimant is None and unnamed is None and carried is None:
            claimant = self.titled_subject(subj_from, k)
            claimant_rule = "claimant.en.title-back" if claimant else claimant_rule
        if claimant is None and unnamed is None and carried is None:
            carried = self.carried(c.cue, self.tokens[k].start)
            if carried is None:
                return None
        got = self.content_from(j, sent.end)
        if got is None:
            return None
        s, e, mode, nxt = got
        self.add(c, s, e, mode, claimant, unnamed, channel, kind, carried,
                 content_rule="content.en.that" if that is not None and self.norm(that) == "that" else "content.en.after-cue",
                 claimant_rule=claimant_rule)
        return nxt

