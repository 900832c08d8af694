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
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from kg.extract.entities import EntityTable, Found
from kg.extract.speakers import PRONOUNS
from kg.extract.speakers import resolve as resolve_pronoun
from kg.extract.lexicon import Cue, cues, function_words, unnamed_sources
from kg.extract.quantities import find_quantities
from kg.extract.tokens import Sentence, Token, proclitic_splits
from kg.records import Claim, Span

COMPLEMENTIZERS = {
    "ان", "بان", "انه", "انها", "بانه", "بانها", "انهم", "بانهم", "انهما", "انني", "اننا", "بانهما", "بانني", "باننا",
}
INTRO_TO = {"الي", "من"}  # أشار إلى أن، حذر من أن
OUTLET_TYPES = {"MediaOrganization", "NewsAgency"}  # the ontology's media classes: they relay, others speak
KANA = {"كان", "كانت", "كانوا"}  # وكان X قد أعلن: the subject before the cue
NP_COMPLEMENTS = {"about": "عن", "to": "الي", "on": "علي"}  # أعلن عن …، أشار إلى …، أكد على …: a noun phrase as content
CLAUSE_STARTERS = {"فيما", "بينما", "وفيما", "وبينما", "while", "whereas", "but", "saying", "adding", "as"}
PUNCT_STOP = {";", "؛"}
COMMAS = {"،", ","}
OPEN_Q = {"«": "»", "“": "”"}
STATEMENT_WORDS = {"بيان": "statement", "تصريح": "statement", "تصريحات": "statement", "حديث": "interview", "مقابله": "interview", "statement": "statement", "interview": "interview"}
# documents whose owner is the source after according-to: بحسب تقرير X، وفق أرقام X, according to figures from X
DOCUMENT_NOUNS = {
    "تقديرات", "بيانات", "ارقام", "احصاءات", "احصاييات", "معلومات", "تقرير", "تقارير", "بيان", "دراسه", "تصريحات",
    "figures", "data", "estimates", "statement", "report", "a", "from", "of",
}
LINKERS = {"التابعه", "التابع", "التابعين", "التابعتين", "affiliated"}
EN_SKIP = {"on", "late", "earlier", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tonight", "reporters", "journalists"}
EN_ADVERBIALS = [("in", "a", "statement"), ("in", "an", "interview"), ("in", "a", "interview"), ("on", "television"), ("to", "reporters")]


@dataclass
class _Cue:
    index: int  # token index of the cue word
    cue: Cue
    start: int  # char offset of the cue word without its و/ف
    end: int
    n_tokens: int = 1


class _ClaimFinder:
    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], table: EntityTable, lang: str):
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.table = table
        self.lang = lang
        self.cues = cues()
        self.fw = function_words()
        self.unnamed = unnamed_sources()
        self.claims: list[Claim] = []
        self.depth = self._quote_depths()
        self.subject_rule = "claimant.none"  # how the last subject() call chose its claimant (a rule id)

    # ---------- helpers ----------
    def _quote_depths(self) -> list[int]:
        depth, out = 0, []
        english_open = False
        for t in self.tokens:
            if t.text in ("«", "“"):
                out.append(depth)
                depth += 1
                continue
            if t.text in ("»", "”"):
                depth = max(0, depth - 1)
                out.append(depth)
                continue
            if t.text == '"':
                if english_open:
                    depth = max(0, depth - 1)
                    out.append(depth)
                else:
                    out.append(depth)
                    depth += 1
                english_open = not english_open
                continue
            out.append(depth)
            if t.text == "\n":
                depth = 0
        return out

    def norm(self, k: int) -> str:
        t = self.tokens[k]
        return t.norm if t.is_arabic else t.text.lower()

    def closing(self, k: int, limit: int) -> int | None:
        """Index of the quote closing the one opened at k."""
        open_t = self.tokens[k].text
        close_t = OPEN_Q.get(open_t, '"')
        depth = 0
        for j in range(k, limit):
            t = self.tokens[j].text
            if t == open_t and (open_t != '"' or j == k):
                depth += 1
            elif t == close_t:
                depth -= 1
                if depth == 0:
                    return j
        return None

    def is_open_quote(self, k: int) -> bool:
        return self.tokens[k].text in OPEN_Q or (self.tokens[k].text == '"' and self.depth[k] == 0)

    def cue_at(self, k: int) -> _Cue | None:
        t = self.tokens[k]
        if not t.is_word or self.depth[k] > 0:
            return None
        if t.is_arabic:
            for cut, stem in t.splits:
                if cut > 1 or (cut == 1 and t.norm[0] not in "وف"):
                    continue
                c = self.cues.get(stem)
                if c and c.lang == "ar":
                    start = t.start + (len(t.text) - len(t.text.lstrip("وف")) if cut else 0)
                    return _Cue(k, c, start, t.end)
            return None
        c = self.cues.get(t.text.lower())
        if c and c.lang == "en":
            if c.kind == "marker":
                if k + 1 < len(self.tokens) and self.tokens[k + 1].text.lower() == "to":
                    return _Cue(k, c, t.start, self.tokens[k + 1].end, 2)
                return None
            return _Cue(k, c, t.start, t.end)
        return None

    def entity_found(self, k: int) -> Found | None:
        return self.table.found_at(k)

    def actor_at(self, k: int) -> Found | None:
        f = self.entity_found(k)
        if f and f.entry.category in {"person", "organization"}:
            return f
        if f and f.entry.category == "place" and f.entry.type == "Country" and not f.entry.demonym:
            return f
        return None

    def unnamed_at(self, k: int) -> tuple[int, str] | None:
        for n in (2, 1):
            key = tuple(self.norm(j) for j in range(k, min(k + n, len(self.tokens))))
            if len(key) == n and key in self.unnamed:
                return n, self.unnamed[key]
            if len(key) == n and self.tokens[k].is_arabic:
                for cut, stem in proclitic_splits(key[0])[1:2]:
                    if (stem,) + key[1:] in self.unnamed:
                        return n, self.unnamed[(stem,) + key[1:]]
                if key[0].startswith("ال") and (key[0][2:],) + key[1:] in self.unnamed:
                    return n, self.unnamed[(key[0][2:],) + key[1:]]  # المصادر: the sources named before
        return None

    def is_complementizer(self, k: int) -> int:
        """Tokens taken by a complementiser at k (0 if none): إن، أن، بأن، أنّه، إلى أن, English that."""
        t = self.tokens[k]
        n = self.norm(k)
        if t.is_arabic:
            stems = {n} | {s for c, s in proclitic_splits(n)[:2] if c <= 1}
            if stems & COMPLEMENTIZERS:
                return 1
            if n in INTRO_TO and k + 1 < len(self.tokens) and self.norm(k + 1) in COMPLEMENTIZERS:
                return 2
            return 0
        return 1 if n == "that" else 0

    def sentence_of(self, k: int) -> Sentence:
        for s in self.sentences:
            if s.start <= k < s.end:
                return s
        return self.sentences[-1]

    # ---------- content ----------
    def content_from(self, k: int, limit: int, allow_split: bool = True) -> tuple[int, int, str, int] | None:
        """(start char, end char, mode, next token) of the content beginning at token k."""
        while k < limit and self.tokens[k].text in COMMAS | {":"}:
            k += 1
        if k >= limit:
            return None
        if self.is_open_quote(k):
            close = self.closing(k, limit)
            if close is not None:
                after = close + 1
                if after >= limit or self.tokens[after].text in COMMAS | PUNCT_STOP | {".", "!", "?", "؟", ":"} or self.cue_at(after):
                    if close - k > 1:
                        inner_end = self.tokens[close - 1].end
                        if self.tokens[close - 1].text in {",", "،", "."} and close - k > 2:
                            inner_end = self.tokens[close - 2].end
                        return self.tokens[k + 1].start, inner_end, "direct", after
        end = self.clause_end(k, limit)
        if end <= k:
            return None
        last = end - 1
        while last > k and self.tokens[last].text in COMMAS | {":", "."}:
            last -= 1
        s, e = self.tokens[k].start, self.tokens[last].end
        quoted = sum(1 for j in range(k, last + 1) if self.depth[j] > self.depth[k] or self.tokens[j].text in "«»")
        mode = "direct" if quoted > 0.6 * (last - k + 1) else "indirect"
        return s, e, mode, end

    def clause_end(self, k: int, limit: int) -> int:
        base = self.depth[k]
        j = k
        while j < limit:
            t = self.tokens[j]
            if self.depth[j] <= base and t.text not in ("»", "”", '"'):
                if t.text in PUNCT_STOP or t.text in {".", "!", "?", "؟"}:
                    return j
                if t.text == ":" and j > k:
                    return j
                if t.text in COMMAS and j + 1 < limit:
                    if self._starts_new_clause(j + 1):
                        return j
                if j > k and t.text not in COMMAS and self.depth[j] == base:
                    c = self.cue_at(j)
                    if c and c.cue.kind == "participle" and self.tokens[j - 1].text in {"»", "”"}:
                        return j
            j += 1
        return limit

    def _starts_new_clause(self, k: int) -> bool:
        n = self.norm(k)
        if n in CLAUSE_STARTERS:
            return True
        c = self.cue_at(k)
        if c and (c.cue.kind == "participle" or (c.cue.kind == "verb" and self.tokens[k].norm[:1] in "وف")):
            return True
        if self.tokens[k].is_arabic and n[:1] == "و" and n[1:] in COMPLEMENTIZERS:
            return True
        if c and c.cue.kind == "marker":
            return True
        return False

    # ---------- claimant ----------
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
        persons = [f for f in actors if f.entry.category == "person"]
        if unnamed is not None and not persons and actors and self._unnamed_is_head(unnamed_after_actor, k, b):
            # خبير في المنظمة / a senior US official: the unnamed noun heads the subject, the actor only describes it
            self.subject_rule = "claimant.subject.unnamed-head"
            return None, unnamed, channel, channel_kind
        if persons:
            claimant = persons[0]
            self.subject_rule = "claimant.subject.person"
        elif actors:
            claimant = actors[0]
            self.subject_rule = "claimant.subject.actor"
        else:
            self.subject_rule = "claimant.subject.unnamed" if unnamed else "claimant.none"
        if claimant is not None:
            unnamed = None
        return claimant, unnamed, channel, channel_kind

    def _unnamed_is_head(self, after_actor: bool, k: int, b: int) -> bool:
        """Arabic puts a noun phrase's head first (مصدر في الوزارة); English last (ministry sources)."""
        if self.lang == "en":
            return after_actor
        return not after_actor

    def _is_channel(self, f: Found, k: int) -> bool:
        t = self.tokens[k]
        if self.lang == "en" or not t.is_arabic:
            prev = self.norm(k - 1) if k else ""
            prev2 = self.norm(k - 2) if k > 1 else ""
            return prev == "told" or (prev == "the" and prev2 == "told") or prev in {"to"}
        prev = k - 1
        while prev >= 0 and self.tokens[prev].text in "«“":
            prev -= 1
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
        for j in range(k - 1, max(sent.start - 1, k - 10), -1):
            t = self.tokens[j]
            if not t.is_word:
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

    def add(self, c: _Cue, start: int, end: int, mode: str, claimant: Found | None, unnamed, channel, channel_kind,
            carried: Claim | None = None, *, content_rule: str, claimant_rule: str) -> None:
        """Record a claim with the ids of the rules that made it: the cue entry, how the content was
        delimited, and how the claimant was chosen (``claimant_rule`` when a claimant was found)."""
        if end <= start:
            return
        specific = (carried is not None and claimant_rule.startswith("claimant.pronoun.")) or (
            unnamed is not None and claimant_rule in ("claimant.subject.unnamed-head", "claimant.ar.kana-subject"))
        if claimant is None and not specific:
            claimant_rule = "claimant.carried" if carried is not None else "claimant.unnamed-source" if unnamed else "claimant.none"
        claimant_key = claimant.entry.key if claimant else (carried.claimant if carried else None)
        if claimant is None and carried is not None:
            unnamed_span = carried.unnamed_source
            channel = channel or None
        else:
            unnamed_span = None
            if unnamed:
                t = self.tokens[unnamed[0]]
                unnamed_span = Span(t.start, t.end, t.text)
        self.claims.append(
            Claim(
                content=Span(start, end, self.text[start:end]),
                cue=Span(c.start, c.end, self.text[c.start : c.end]),
                mode=mode,
                claimant=claimant_key,
                certainty=c.cue.certainty,
                channel=channel,
                channel_kind=channel_kind,
                unnamed_source=unnamed_span,
                rules=[c.cue.rule, content_rule, claimant_rule],
            )
        )

    def claim_from(self, c: _Cue, sent: Sentence) -> int | None:
        if c.cue.kind == "marker":
            return self.according_to(c, sent)
        if c.cue.lang == "en":
            return self.english_verb(c, sent)
        return self.arabic_cue(c, sent)

    def _document_noun(self, k: int) -> bool:
        """وفقاً لتقديرات الأمم المتحدة, بحسب بيانات الوزارة: the source is the owner of the document."""
        t = self.tokens[k]
        stems = {s for _, s in t.splits} if t.is_arabic else {t.text.lower()}
        return bool(stems & DOCUMENT_NOUNS)

    def relayed(self, c: _Cue, sent: Sentence) -> int | None:
        """وكالة X نقلت عن مسؤول قوله إن …: the source after عن is the claimant, the relaying outlet the channel."""
        k = c.index
        an = next((x for x in range(k + 1, min(sent.end, k + 12)) if self.norm(x) == "عن"), None)
        if an is None:
            return None
        relay, _, _, _ = self.subject(k + 1, an)
        j = an + 1
        source = self.actor_at(j)
        unnamed = None
        if source is None:
            u = self.unnamed_at(j)
            if u is None:
                return None
            unnamed, j = (j, u[1]), j + u[0]
            while j < sent.end and self.tokens[j].is_word and not self.is_complementizer(j) and self.norm(j) not in {"قوله", "قولها", "قولهم"} and j < an + 5:
                j += 1
        else:
            j = source.last
        if j < sent.end and self.norm(j) in {"قوله", "قولها", "قولهم", "قولهما"}:
            j += 1
        comp = self.is_complementizer(j) if j < sent.end else 0
        got = self.content_from(j + comp, sent.end)
        if got is None:
            return None
        s, e, mode, nxt = got
        self.add(c, s, e, mode, source, unnamed, relay.entry.key if relay else None, None,
                 content_rule="content.ar.relayed", claimant_rule="claimant.relayed-source")
        return nxt

    def arabic_cue(self, c: _Cue, sent: Sentence) -> int | None:
        k = c.index
        if "relay" in c.cue.complements:
            return self.relayed(c, sent)
        if c.cue.kind == "participle":
            prev = self.tokens[k - 1].text if k > sent.start else ""
            if prev not in COMMAS | PUNCT_STOP | {"»", "”", ")"}:
                return None
        # find where the content starts: complementiser, colon, or an opening quote
        window_end = min(sent.end, k + 16)
        j = k + 1
        boundary = None
        comp_len = 0
        content_rule = "content.ar.complementizer"
        np_words = {NP_COMPLEMENTS[x]: x for x in c.cue.complements if x in NP_COMPLEMENTS}
        np_candidate = None
        while j < window_end:
            t = self.tokens[j]
            if self.depth[j] > self.depth[k]:
                break
            comp_len = self.is_complementizer(j)
            if comp_len:
                boundary = j
                break
            if t.text == ":" or self.is_open_quote(j):
                if self.is_open_quote(j) and self.closing(j, sent.end) and self._quote_is_name(j):
                    j = self.closing(j, sent.end) + 1
                    continue
                boundary = j
                content_rule = "content.ar.colon" if t.text == ":" else "content.ar.quote"
                break
            if np_candidate is None and self.norm(j) in np_words:
                np_candidate = j  # used only when no complementiser, quote or colon follows within reach
            if t.text in {".", "؟", "?"} or (t.text in PUNCT_STOP):
                break
            if self.cue_at(j) and j > k + 1:
                break
            j += 1
        if boundary is None and np_candidate is not None and np_candidate + 1 < sent.end and self.tokens[np_candidate + 1].is_word:
            boundary, comp_len = np_candidate, 1
            content_rule = f"content.ar.{np_words[self.norm(np_candidate)]}-noun-phrase"
        if boundary is None and c.cue.kind == "verb" and "any" in c.cue.complements:
            # نفى الجيش أي علاقة له بالهجوم / أعلن الجيش السيطرة على …: the object after the subject is the content
            subj = self._actors_between(k + 1, min(sent.end, k + 8))
            if subj and subj[0].first == k + 1:
                boundary, comp_len = subj[0].last, 0
                content_rule = "content.ar.object"
                while boundary < sent.end and self.norm(boundary) in {"امس", "اليوم", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"}:
                    boundary += 1
                if boundary >= sent.end - 2 or not self.tokens[boundary].is_word:
                    return None
        if boundary is None:
            if c.cue.kind != "participle":
                return None
            boundary, comp_len = k + 1, 0
            content_rule = "content.ar.participle"
        content_start = boundary + comp_len
        if self.tokens[boundary].text == ":":
            content_start = boundary + 1
        got = self.content_from(content_start, sent.end)
        if got is None:
            return None
        s, e, mode, nxt = got
        claimant, unnamed, channel, channel_kind = self.subject(k + 1, boundary)
        claimant_rule = self.subject_rule
        carried = None
        if claimant is None and unnamed is None:
            if c.cue.kind == "participle":
                carried = self._same_sentence_claim(sent, k) or None
                if carried is None:
                    claimant, claimant_rule = self.nearest_actor_before(sent, k), "claimant.nearest-before"
            else:
                claimant, claimant_rule = self.topic_subject(sent, k), "claimant.topic"
                if claimant is None:
                    claimant, unnamed = self.kana_subject(sent, k)
                    claimant_rule = self.subject_rule if (claimant or unnamed) else claimant_rule
                if claimant is None and unnamed is None:
                    carried = self.carried(c.cue, self.tokens[k].start)
                    if carried is None:
                        claimant, claimant_rule = self.nearest_actor_before(sent, k), "claimant.nearest-before"
            if carried is not None and channel is None and c.cue.kind == "participle":
                channel, channel_kind = carried.channel, carried.channel_kind
        self.add(c, s, e, mode, claimant, unnamed, channel, channel_kind, carried,
                 content_rule=content_rule, claimant_rule=claimant_rule)
        # "، وإن …" continues the same cue with a second content
        while nxt < sent.end and self.tokens[nxt].text in COMMAS and nxt + 1 < sent.end:
            n = self.norm(nxt + 1)
            if n[:1] == "و" and n[1:] in COMPLEMENTIZERS:
                more = self.content_from(nxt + 2, sent.end)
                if more is None:
                    break
                s2, e2, mode2, nxt = more
                last = self.claims[-1]
                self.claims.append(
                    Claim(Span(s2, e2, self.text[s2:e2]), last.cue, mode2, last.claimant, last.certainty, last.channel,
                          last.channel_kind, last.unnamed_source, rules=[*last.rules[:1], "content.ar.continuation", *last.rules[2:]])
                )
                continue
            break
        return nxt

    def _quote_is_name(self, j: int) -> bool:
        """«قسد» أن …، "Hamas" said: a short quote followed by more of the sentence names someone, it is not a quote."""
        close = self.closing(j, len(self.tokens))
        if close is None:
            return False
        f = self.entity_found(j + 1)
        if f is not None and f.last >= close - 0 and close - j <= 6:
            return True
        after = close + 1
        return (close - j <= 3 and after < len(self.tokens) and self.tokens[after].is_word
                and all(self.tokens[x].is_word for x in range(j + 1, close)))

    def _same_sentence_claim(self, sent: Sentence, k: int) -> Claim | None:
        lo, hi = self.tokens[sent.start].start, self.tokens[k].start
        for c in reversed(self.claims):
            if lo <= c.cue.start < hi:
                return c
        return None

    def english_verb(self, c: _Cue, sent: Sentence) -> int | None:
        k = c.index
        # "QUOTE," X said / "QUOTE," said X
        j = k - 1
        while j >= sent.start and j > k - 16 and self.tokens[j].text not in {'"', "”"}:
            j -= 1
        if j >= sent.start and self.tokens[j].text in {'"', "”"} and j > sent.start and self.tokens[j - 1].text in {",", "?", "!"}:
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
                s, e = self.tokens[open_i + 1].start, self.tokens[j - 2].end if j - 2 > open_i else self.tokens[j - 1].end
                self.add(c, s, e, "direct", claimant, unnamed, channel, kind, carried,
                         content_rule="content.en.quote-first", claimant_rule=claimant_rule)
                return sent.end
        # X said (that) CONTENT — the subject is the last person before the cue, else the phrase after the last comma
        subj_from = next((x + 1 for x in range(k - 1, sent.start - 1, -1) if self.tokens[x].text == ","), sent.start)
        if subj_from > sent.start and all(self.tokens[x].text.islower() and self.tokens[x].is_word for x in range(subj_from, k)) and k - subj_from <= 2:
            # "X, however, said": the subject is before the parenthetical adverb
            prev = subj_from - 1
            subj_from = next((x + 1 for x in range(prev - 1, sent.start - 1, -1) if self.tokens[x].text == ","), sent.start)
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
        if "that!" in c.cue.complements and not (that is not None and self.norm(that) == "that" and that - j <= 3):
            return None  # expected, feared …: speech only with a "that" clause ("the expected deal" is not)
        for x in range(j, that if that is not None else j):
            if self.norm(x) in {"statement", "interview"}:
                kind = self.norm(x)
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

    def _actors_between(self, a: int, b: int) -> list[Found]:
        out, k = [], a
        while k < b:
            f = self.actor_at(k)
            if f:
                out.append(f)
                k = f.last
            else:
                k += 1
        return out

    def _closes_quote_before(self, k: int, sent: Sentence) -> bool:
        return any(self.tokens[x].text in {'"', "”"} for x in range(max(sent.start, k - 3), k))

    def _english_open(self, close: int, sent: Sentence) -> int | None:
        for j in range(close - 1, max(-1, close - 200), -1):
            if self.tokens[j].text in {'"', "“"}:
                return j
        return None

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
        if at_start:
            got = self.content_from(after, sent.end)
            if got is None:
                return None
            s, e, _, nxt = got
            content_rule = "content.according-to.after"
        elif at_end:
            content_rule = "content.according-to.before"
            last = k - 1
            while last > sent.start and self.tokens[last].text in COMMAS | {"("}:
                last -= 1
            if last < sent.start:
                return None
            s, e, nxt = self.tokens[sent.start].start, self.tokens[last].end, sent.end
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
