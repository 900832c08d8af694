"""The parsed document the claim rules read: tokens with quote depth, cues, entities and the
helpers every rule shares (content boundaries, actors, unnamed sources, complementisers), and
:meth:`ClaimDocument.add`, which records a claim with the ids of the rules that made it.

The rules themselves are components in their own modules, mixed into one finder
(:mod:`kg.extract.claims`): Arabic cue verbs (:mod:`kg.extract.claims_ar`), English verbs
(:mod:`kg.extract.claims_en`), according-to markers (:mod:`kg.extract.claims_marker`) and
claimant resolution (:mod:`kg.extract.claimants`).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.entities import EntityTable, Found
from kg.extract.lexicon import Cue, cues, function_words, unnamed_sources
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
# the subjects of "show"/"find" cues (complement doc!): أظهرت بيانات X …, data from X showed …
DATA_NOUNS = {
    "بيانات", "ارقام", "احصاءات", "احصاييات", "تقديرات", "دراسه", "تقرير", "مسح", "استطلاع", "نتايج",
    "data", "figures", "statistics", "survey", "poll", "study", "report", "estimates", "numbers", "census", "results",
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


class ClaimDocument:
    """Tokens, quote depths, cues and entities of one article, and the claims found so far."""

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

    def _document_noun(self, k: int) -> bool:
        """وفقاً لتقديرات الأمم المتحدة, بحسب بيانات الوزارة: the source is the owner of the document."""
        t = self.tokens[k]
        stems = {s for _, s in t.splits} if t.is_arabic else {t.text.lower()}
        return bool(stems & DOCUMENT_NOUNS)

    def _data_noun(self, k: int) -> bool:
        t = self.tokens[k]
        stems = {s for _, s in t.splits[:3]} if t.is_arabic else {t.text.lower()}
        return bool(stems & DATA_NOUNS)

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

    def add(self, c: _Cue, start: int, end: int, mode: str, claimant: Found | None, unnamed, channel, channel_kind,
            carried: Claim | None = None, *, content_rule: str, claimant_rule: str) -> None:
        """Record a claim with the ids of the rules that made it: the cue entry, how the content was
        delimited, and how the claimant was chosen (``claimant_rule`` when a claimant was found)."""
        if end <= start:
            return
        specific = (carried is not None and claimant_rule.startswith("claimant.pronoun.")) or (
            unnamed is not None and claimant_rule in ("claimant.subject.unnamed-head", "claimant.ar.kana-subject", "claimant.subject.first-conjunct")) \
            or claimant_rule == "claimant.ar.document"  # a document's claim, its owner unnamed: no one carried on
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

