"""Arabic cue verbs and participles: ``[و|ف]قال/أكدت/أشار… SUBJECT [لـ«CHANNEL»|في بيان] إن/أن/بأن/: CONTENT``,
noun-phrase complements (أعلن عن …، أشار إلى …، أكد على …) when no clause follows, the object of
a verb (نفى الجيش أي علاقة …), participles continuing a speaker (…، مؤكدةً …) and relays (نقل X عن Y).
"""

from __future__ import annotations

from kg.extract.claim_document import (
    COMMAS,
    COMPLEMENTIZERS,
    DATA_NOUNS,
    NP_COMPLEMENTS,
    PUNCT_STOP,
    _Cue,
)
from kg.extract.frequency import frequent_words
from kg.extract.tokens import Sentence, cut_offset
from kg.records import Claim, Span


SAYING_NOUNS = frozenset({"قوله", "قولها", "قولهم", "قولهما"})  # normalised: «عن X قوله إن» "X's saying that"
BY_CONTENT_RULES = frozenset({"content.ar.by-noun-phrase", "content.ar.accused-and-deed"})
BY_NOUN_ZIPF = 4.5  # a «بـ» word this common as written is an adverb or a preposition (بشكل، بسبب، بعد), no demand
DAY_WORDS = {"امس", "اليوم", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"}


class ArabicCueRules:
    def relayed(self, c: _Cue, sent: Sentence) -> int | None:
        """وكالة X نقلت عن مسؤول قوله إن … (نسبت إلى مسؤول قوله إن …): the source after عن (إلى) is the claimant,
        the relaying outlet the channel."""
        k = c.index
        prep = "الي" if "relay-to" in c.cue.complements else "عن"
        an = next((x for x in range(k + 1, min(sent.end, k + 12)) if self.norm(x) == prep), None)
        if an is None:
            return None
        relay, _, _, _ = self.subject(k + 1, an)
        j = an + 1
        source = self.actor_at(j)
        unnamed = None
        if source is None:
            u = self.unnamed_at(j)
            if u is None:
                # a title before the source's name (عن الوزير سامر حداد قوله): the subject up to «قوله» or «أن»
                end = next((x for x in range(j + 1, min(sent.end, j + 8))
                            if self.norm(x) in SAYING_NOUNS or self.is_complementizer(x)), None)
                if end is None:
                    return None
                found, unnamed, _, _ = self.subject(j, end)
                # a person; else the claim stands with no claimant (عن وزير الداخلية قوله: a title no name follows)
                source = found if found is not None and found.entry.category == "person" else None
                j = end
            else:
                unnamed, j = (j, u[1]), j + u[0]
                while j < sent.end and self.tokens[j].is_word and not self.is_complementizer(j) and self.norm(j) not in SAYING_NOUNS and j < an + 5:
                    j += 1
        else:
            j = source.last
        if j < sent.end and self.norm(j) in SAYING_NOUNS:
            j += 1
        comp = self.is_complementizer(j) if j < sent.end else 0
        got = self.content_from(j + comp, sent.end)
        if got is None:
            return None
        s, e, mode, nxt = got
        self.add(c, s, e, mode, source, unnamed, relay.entry.key if relay else None, None,
                 content_rule="content.ar.relayed", claimant_rule="claimant.relayed-source")
        return nxt

    def _relayed_by_marker(self, k: int, sent: Sentence) -> bool:
        """«نقلا عن» within the words after the verb at k, before any complementiser: the subject relays a
        source (ذكرت الوكالة نقلا عن مصدر أن …)."""
        for x in range(k + 1, min(sent.end - 1, k + 10)):
            if self.is_complementizer(x):
                return False
            if self.norm(x).removeprefix("و") == "نقلا" and self.norm(x + 1) == "عن":
                return True
        return False

    def _after_unnamed_subject(self, k: int, end: int) -> int | None:
        """Where the words after an unnamed source at k (خبراء، مصادر، مسؤولون) and up to two relational adjectives
        of it (اقتصاديون، أمنية، غربي) end, if at least two more words follow: the object of the cue."""
        u = self.unnamed_at(k) if k < end else None
        if u is None:
            return None
        j = k + u[0]
        for _ in range(2):
            n = self.norm(j) if j < end else ""
            if not (self.tokens[j].is_arabic if j < end else False) or n.startswith(("ال", "و")) or n in self.fw \
                    or not n.endswith(("ي", "يه", "يون", "يين")):
                break
            j += 1
        if j + 1 >= end or not self.tokens[j].is_word or self.norm(j) in self.fw:
            return None  # مسؤول في الوزارة …: the source goes on (a preposition, «في» ending as an adjective does)
        return j

    def _document_subject(self, a: int, b: int) -> bool:
        """The subject is a definite document or data noun (التقرير، الدراسة، البيانات) with no owner named: the
        claim is the document's, not the last speaker's carried on."""
        while a < b and not self.tokens[a].is_word:
            a += 1
        return a < b and self.norm(a).startswith("ال") and self.norm(a)[2:] in DATA_NOUNS

    def _object_start(self, k: int, before: int) -> int | None:
        """Where the object of the cue verb at k starts, after its subject (an actor or an unnamed source right
        after the verb), if some words stand between it and token ``before``."""
        first = k + 1
        while first < before and not self.tokens[first].is_word:
            first += 1  # an opening quote around the subject: اتهمت «X» …
        subj = self._actors_between(first, before)
        if subj and subj[0].first == first:
            start = subj[0].last
        elif (u := self.unnamed_at(first)) is not None:
            start = first + u[0]
        else:
            return None
        while start < before and not self.tokens[start].is_word:
            start += 1  # … and its closing quote
        return start if start < before else None

    def _by_noun(self, j: int) -> bool:
        """Token j is «بـ» + a noun (بفتح، بالإفراج، بإجراء): what a demand asks for (طالب X بـ …); not a
        function word or a word that common as written (بشكل، بسبب، بين)."""
        t = self.tokens[j]
        if not t.is_arabic or not t.norm.startswith("ب") or len(t.norm) < 4 or t.norm in self.fw:
            return False
        if frequent_words().get(t.norm, 0.0) >= BY_NOUN_ZIPF:
            return False
        return any(cut == 1 and len(stem) >= 3 and stem not in self.fw for cut, stem in t.splits)

    def _after_adverbials(self, j: int, sent: Sentence) -> int:
        """The first token after commas, days and «في PLACE» phrases that follow a subject."""
        while j < sent.end:
            if self.tokens[j].text in COMMAS or self.norm(j) in DAY_WORDS:
                j += 1
            elif self.norm(j) == "في" and j + 1 < sent.end and (f := self.entity_found(j + 1)) and f.entry.category == "place":
                j = f.last
            else:
                break
        return j

    def arabic_cue(self, c: _Cue, sent: Sentence) -> int | None:
        k = c.index
        if c.cue.complements & {"relay", "relay-to"}:
            return self.relayed(c, sent)
        if self._relayed_by_marker(k, sent):
            # ذكرت صحيفة X نقلا عن مصادر أن …: X relays what the sources said, as with نقلت X عن …
            got = self.relayed(c, sent)
            if got is not None:
                return got
        if "doc!" in c.cue.complements and not (k + 1 < sent.end and self._data_noun(k + 1)):
            return None  # أظهر الجيش قوته is not a report; أظهرت بيانات الوزارة … is
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
        by_candidate = None  # طالب X بفتح تحقيق: the verbal noun after «بـ» is what is demanded
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
            if j > k + 1 and c.cue.complements & {"by", "by-object"} and self._by_noun(j):
                by_candidate = j  # what is demanded or imputed starts here, before any quote inside it
                break
            if t.text in {".", "؟", "?"} or (t.text in PUNCT_STOP):
                break
            if self.cue_at(j) and j > k + 1:
                break
            j += 1
        if boundary is None and np_candidate is not None and np_candidate + 1 < sent.end and self.tokens[np_candidate + 1].is_word:
            boundary, comp_len = np_candidate, 1
            content_rule = f"content.ar.{np_words[self.norm(np_candidate)]}-noun-phrase"
        by_cut = False
        if boundary is None and np_candidate is None and by_candidate is not None:
            boundary, comp_len, by_cut = by_candidate, 0, True
            content_rule = "content.ar.by-noun-phrase"
            accused = self._object_start(k, by_candidate) if "by-object" in c.cue.complements else None
            if accused is not None:
                # اتهم الجيش المسلحين بقصف الأحياء: what is claimed is that the accused did it — both
                boundary, by_cut, content_rule = accused, False, "content.ar.accused-and-deed"
        if boundary is None and c.cue.kind == "verb" and "any" in c.cue.complements:
            # نفى الجيش أي علاقة له بالهجوم / أعلن الجيش السيطرة على …: the object after the subject is the content
            subj = self._actors_between(k + 1, min(sent.end, k + 8))
            if subj and subj[0].first == k + 1:
                boundary, comp_len = subj[0].last, 0
                content_rule = "content.ar.object"
                while boundary < sent.end and self.norm(boundary) in DAY_WORDS:
                    boundary += 1
                if boundary >= sent.end - 2 or not self.tokens[boundary].is_word:
                    return None
            elif (after := self._after_unnamed_subject(k + 1, sent.end)) is not None:
                # وتوقع خبراء اقتصاديون ارتفاع الأسعار: the object after an unnamed source and its adjectives
                boundary, comp_len = after, 0
                content_rule = "content.ar.object"
            elif k + 2 < sent.end and self.tokens[k + 1].is_word and any(self.kana_subject(sent, k)):
                # وكان الاستطلاع قد توقع ارتفاع التضخم: the subject came before the cue, the object follows it
                boundary, comp_len = k, 1
                content_rule = "content.ar.object-after-subject"
        if boundary is None and "doc!" in c.cue.complements:
            # أظهرت بيانات للجهاز X في مصر، الاثنين، ارتفاع …: the object after the document's owner
            owner = self._actors_between(k + 2, min(sent.end, k + 6))
            if owner:
                boundary, comp_len = self._after_adverbials(owner[0].last, sent), 0
                content_rule = "content.ar.document-object"
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
        if by_cut and s == self.tokens[boundary].start:
            s = cut_offset(self.tokens[boundary], 1)  # the content without «بـ»: فتح تحقيق
        if content_rule in BY_CONTENT_RULES and mode == "direct":
            mode = "indirect"  # the reporter's noun phrase, a few words of it quoted (بالتسلل «تحت غطاء …»)
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
                    claimant = self.titled_subject(k + 1, boundary)
                    claimant_rule = "claimant.ar.title-back" if claimant else claimant_rule
                document = claimant is None and unnamed is None and self._document_subject(k + 1, boundary)
                if document:
                    claimant_rule = "claimant.ar.document"  # وأشار التقرير إلى أن …: a report no one is named for
                if claimant is None and unnamed is None and not document:
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

