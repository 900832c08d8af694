"""Claimant resolution: who the subject of a cue is.

The head of the subject phrase (a person before an organisation; an unnamed source that heads its
phrase over the actor that only describes it), never the channel (لـ«الجزيرة», told Reuters); a
subject before the cue after كان; a topic (أما X، فـ…); a pronoun that agrees (:mod:`kg.extract.speakers`);
a dropped subject carried from the previous speaker who agrees in gender and number. Each choice
leaves its rule id in ``subject_rule`` or returns it, for :meth:`ClaimDocument.add`.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.claim_document import COMMAS, KANA, LINKERS, OUTLET_TYPES, STATEMENT_WORDS
from kg.extract.entities import DESCRIPTOR_HEADS, Found, names_a_kind
from kg.extract.entity_base import after_interview_noun
from kg.extract.lexicon import Cue, person_titles
from kg.extract.speakers import PRONOUNS
from kg.extract.speakers import resolve as resolve_pronoun
from kg.extract.tokens import Sentence, proclitic_splits
from kg.records import Claim


MEDIUM_PREPOSITIONS = frozenset({"في", "علي", "عبر"})  # normalised: على reads علي
TITLE_LOOKBACK = 400  # tokens searched back for the person a bare title refers to (a few paragraphs)
TITLE_WINDOW = 4  # words before a person's mention that may hold its title (وزير الصحة الأردني سامر …)
# a title and the word after it naming another office than the title alone: «الرئيس» is the president, not the
# head of a government named before (رئيس الوزراء، رئيس الحكومة), normalised
HEAD_OF_STATE_TITLES = frozenset({"رييس", "رييسه"})  # «الرئيس» alone: the president
HEAD_OF_STATE_COMPLEMENTS = frozenset({"الجمهوريه", "الدوله", "البلاد"})  # normalised: رئيس الجمهورية
OTHER_OFFICES = frozenset({("رييس", "الوزراء"), ("رييس", "الحكومه"), ("رييسه", "الوزراء"), ("رييسه", "الحكومه")})


EN_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "col.", "gen.", "maj.", "sheikh"})
EN_OTHER_OFFICES = frozenset({("prime", "minister")})  # "the minister" is not the prime minister named before


@lru_cache(maxsize=1)
def one_word_titles() -> frozenset[str]:
    """One-word titles: Arabic without the article (وزير، رييس، سفيره), normalised, and English (minister,
    spokesman; no forms of address): a bare «الوزير» / "the minister" as a subject."""
    return frozenset(k[0].removeprefix("ال") for k, t in person_titles().items() if len(k) == 1 and t.lang == "ar") \
        | frozenset(k[0] for k, t in person_titles().items() if len(k) == 1 and t.lang == "en" and k[0] not in EN_HONORIFICS)


class ClaimantRules:
    """Mixed into the claim finder: reads the document, never adds claims."""

    def subject(self, a: int, b: int) -> tuple[Found | None, tuple[int, str] | None, str | None, str | None]:
        """Claimant, unnamed source (start token, number), channel key and channel kind in tokens a..b."""
        claimant: Found | None = None
        unnamed = None
        channel = channel_kind = None
        k = a
        actors: list[Found] = []
        unnamed_after_actor = False
        while k < b:
            t = self.tokens[k]
            n = self.norm(k)
            if n in LINKERS:
                # "التابعة لـ«حزب الله»" describes the speaker, it is not a channel: skip the owner
                k += 1
                while k < b and (not self.tokens[k].is_word or self.norm(k) in {"ل", "لـ", "to"}):
                    k += 1
                f = self.entity_found(k)
                k = f.last if f else k + 1
                continue
            stems = {s for c, s in proclitic_splits(n)} if t.is_arabic else {n}
            kind = next((STATEMENT_WORDS[s] for s in stems if s in STATEMENT_WORDS), None)
            if kind:
                channel_kind = kind
            f = self.actor_at(k)
            if f is not None:
                if self._is_channel(f, k):
                    if channel is None:
                        channel = f.entry.key
                else:
                    actors.append(f)
                k = f.last
                continue
            u = self.unnamed_at(k)
            if u and unnamed is None:
                unnamed = (k, u[1])
                unnamed_after_actor = bool(actors)
                k += u[0]
                continue
            k += 1
        if unnamed is not None and actors and not unnamed_after_actor and self._coordinated(unnamed[0], actors[0]):
            # "officials and the aid agency warned …": the first of coordinated subjects is the claimant
            self.subject_rule = "claimant.subject.first-conjunct"
            return None, unnamed, channel, channel_kind
        persons = [f for f in actors if f.entry.category == "person"]
        joined = unnamed is not None and actors and unnamed_after_actor and (
            "and" in [self.norm(x) for x in range(actors[-1].last, unnamed[0])][-2:]
            or self.norm(unnamed[0])[:1] == "و" and self.norm(unnamed[0])[1:] and unnamed[0] == actors[-1].last)
        if unnamed is not None and not persons and actors and not joined and self._unnamed_is_head(unnamed_after_actor, k, b):
            # خبير في المنظمة / a senior US official: the unnamed noun heads the subject, the actor only describes it
            self.subject_rule = "claimant.subject.unnamed-head"
            return None, unnamed, channel, channel_kind
        if persons:
            # Arabic, and English after the verb: the first (قال الرئيس X لـ… / said X, head of Y at Z);
            # English before the verb: the one next to it ("X's remarks came after Y announced")
            before_verb = b < len(self.tokens) and self.cue_at(b) is not None
            claimant = persons[-1] if before_verb and not self.tokens[persons[-1].first].is_arabic else persons[0]
            self.subject_rule = "claimant.subject.person"
        elif actors:
            claimant = actors[0]
            self.subject_rule = "claimant.subject.actor"
        else:
            self.subject_rule = "claimant.subject.unnamed" if unnamed else "claimant.none"
        if claimant is not None:
            unnamed = None
        return claimant, unnamed, channel, channel_kind

    def _coordinated(self, first: int, actor: Found) -> bool:
        """Whether ``actor`` is joined to the phrase at token ``first`` by "and" / a و cut off its first word
        (مسؤولون ومنظمة …; not وزارة, whose و is its own letter: the mention then starts with the token)."""
        between = [self.norm(x) for x in range(first + 1, actor.first)]
        if "and" in between[-2:] or "و" in between[-1:]:
            return True
        head = self.tokens[actor.first]
        return actor.first == first + 1 and head.is_arabic and actor.start > head.start and head.norm[:1] == "و"

    def _unnamed_is_head(self, after_actor: bool, k: int, b: int) -> bool:
        """Arabic puts a noun phrase's head first (مصدر في الوزارة); English last (ministry sources)."""
        if self.lang == "en":
            return after_actor
        return not after_actor

    def _unquoted_before(self, k: int) -> int:
        """The token before k, opening quotes aside (قناة «الحدث»); -1 at the start."""
        prev = k - 1
        while prev >= 0 and self.tokens[prev].text in "«“\"":
            prev -= 1
        return prev

    def _is_channel(self, f: Found, k: int) -> bool:
        t = self.tokens[k]
        outlet = f.entry.type in OUTLET_TYPES
        if self.lang == "en" or not t.is_arabic:
            # an outlet's «the» is read past: on the BBC, to the Guardian, in an interview with the BBC
            before = k - 2 if outlet and k > 1 and self.norm(k - 1) == "the" else k - 1
            prev = self.norm(before) if before >= 0 else ""
            prev2 = self.norm(before - 1) if before >= 1 else ""
            return prev == "told" or (prev == "the" and prev2 == "told") or prev in {"to"} \
                or (outlet and (prev in {"on", "via"} or after_interview_noun(self.tokens, before)))
        prev = self._unquoted_before(k)
        head = self.tokens[prev] if prev >= 0 else None
        if head is not None and head.is_arabic and names_a_kind(head.splits):
            # لصحيفة الأهرام، على قناة «الحدث»: the noun that types the name stands outside it; its «ل», or the
            # word before it, says whether the name is the channel
            if any(cut and "ل" in head.norm[:cut] and st in DESCRIPTOR_HEADS for cut, st in head.splits):
                return True
            prev = self._unquoted_before(prev)
            return prev >= 0 and (self.norm(prev) in {"ل", "لـ"} or (outlet and self.norm(prev) in MEDIUM_PREPOSITIONS)
                                  or after_interview_noun(self.tokens, prev))
        if outlet and prev >= 0 and self.norm(prev) in MEDIUM_PREPOSITIONS:
            return True  # كتب في «تويتر»، نشر على فيسبوك، عبر تلغرام: the medium it was said on
        if outlet and after_interview_noun(self.tokens, prev):
            return True  # في مقابلة مع الجزيرة: the medium that interviewed the speaker
        if prev >= 0 and self._data_noun(prev):
            return False  # بيانات للجهاز المركزي: the ل marks whose data, not a channel
        if prev >= 0 and self.norm(prev) in {"ل", "لـ"}:
            return True
        start_tok = f.start - t.start
        return start_tok > 0 and "ل" in t.norm[:start_tok]

    def topic_subject(self, sent: Sentence, k: int) -> Found | None:
        """أما X، فـقال…: the topic X before the cue is its subject."""
        for j in range(k - 1, sent.start - 1, -1):
            if self.norm(j) == "اما":
                found, _, _, _ = self.subject(j + 1, k)
                return found
        return None

    def kana_subject(self, sent: Sentence, k: int) -> tuple[Found | None, tuple[int, str] | None]:
        """وكان التحالف (قد) أعلن …: after كان the subject comes before the cue (rule claimant.ar.kana-subject)."""
        for j in range(k - 1, max(sent.start - 1, k - 16), -1):
            t = self.tokens[j]
            if not t.is_word and t.text not in COMMAS:  # commas: وكان المسح، الذي شمل مئات الأسر، قد أظهر
                return None, None
            if {s for _, s in t.splits[:2]} & KANA:
                end = k - 1 if self.norm(k - 1) == "قد" else k
                if end <= j + 1:
                    return None, None
                claimant, unnamed, _, _ = self.subject(j + 1, end)
                if claimant or unnamed:
                    self.subject_rule = "claimant.ar.kana-subject"
                return claimant, unnamed
        return None, None

    def carried(self, cue: Cue, before: int) -> Claim | None:
        """The most recent claim whose claimant agrees with the cue (وأضاف → the last singular masculine)."""
        for c in reversed(self.claims):
            if c.content.start > before:
                continue
            if c.mode == "according_to" and c.claimant and self._is_outlet(c.claimant):
                continue  # بحسب وكالة الأنباء: the agency relayed; وأضافت continues the last one who spoke
            if c.claimant is None:
                if cue.number == "pl":
                    return c
                continue
            ent = self.table.entities.get(c.claimant)
            if ent is None:
                continue
            if cue.number == "pl":
                continue
            if cue.gender in ("any",) or ent.gender == cue.gender or self.lang == "en":
                return c
        return None

    def titled_subject(self, a: int, b: int) -> Found | None:
        """«وحذر الوزير من أن …», "The minister warned that …": a bare definite title heading the subject, no
        name with it, is the person named last with that title before (… وزير الصحة سامر كسباري …, "the health
        minister, X," / "X, the health minister,"), not the last speaker, who may hold another office (rules
        ``claimant.ar.title-back``, ``claimant.en.title-back``)."""
        k = a
        while k < b and not self.tokens[k].is_word:
            k += 1
        if k >= b:
            return None
        if self.tokens[k].is_arabic:
            if not self.norm(k).startswith("ال"):
                return None
            title = self.norm(k)[2:]
        else:
            if self.norm(k) != "the" or k + 1 >= b:
                return None  # "the minister", not "a minister" (someone else)
            title = self.tokens[k + 1].text.lower()
        if title not in one_word_titles():
            return None
        for j in range(a - 1, max(-1, a - TITLE_LOOKBACK), -1):
            f = self.entity_found(j)
            if f is None or f.first != j or f.entry.category != "person":
                continue
            around = range(max(0, j - TITLE_WINDOW), j) if self.tokens[k].is_arabic else \
                [*range(max(0, j - TITLE_WINDOW), j), *range(f.last, min(len(self.tokens), f.last + TITLE_WINDOW))]
            if any(self._holds_title(x, title, j) for x in around):  # (English: "X, the health minister," too)
                return f
        return None

    def _holds_title(self, x: int, title: str, person: int) -> bool:
        """Token x is the title (after a proclitic or the article: ووزير، الوزير) and not the start of another
        office's name (:data:`OTHER_OFFICES`); «الرئيس» alone is a head of state: «رئيس» right before the name,
        or before the republic or a country's adjective (الرئيس السوري), not the head of a council or a town."""
        t = self.tokens[x]
        if not t.is_arabic:
            return t.text.lower() == title and (x == 0 or (self.tokens[x - 1].text.lower(), title) not in EN_OTHER_OFFICES)
        if title not in {s.removeprefix("ال") for _, s in t.splits[:2]}:
            return False
        after = self.norm(x + 1) if x + 1 < len(self.tokens) else ""
        if title in HEAD_OF_STATE_TITLES and x + 1 != person:
            # a country's masculine adjective (الرئيس السوري); not is_definite_nisba, whose feminine ending is a
            # noun's too (رئيس البلدية "the mayor")
            return after in HEAD_OF_STATE_COMPLEMENTS or (after.startswith("ال") and after.endswith("ي"))
        return (title, after) not in OTHER_OFFICES

    def pronoun_subject(self, a: int, b: int, cue: int) -> tuple[Found | None, Claim | None, str]:
        """A pronoun subject (he, she, it, they) in tokens a..b: (named actor, carried claim, rule id)."""
        for x in range(a, b):
            p = self.norm(x)
            if p in PRONOUNS and x != cue:
                got = resolve_pronoun(p, self.tokens[x].start, self.claims, self.table)
                if got is not None:
                    return got.found, got.carried, got.rule
                return None, None, "claimant.pronoun.unresolved"
        return None, None, "claimant.none"

    def _is_outlet(self, key: str) -> bool:
        ent = self.table.entities.get(key)
        return ent is not None and ent.type in OUTLET_TYPES

    def nearest_actor_before(self, sent: Sentence, k: int) -> Found | None:
        for j in range(sent.start, k):
            f = self.actor_at(j)
            if f and f.entry.category in {"person", "organization"}:
                return f
        return None

    # ---------- claims ----------
