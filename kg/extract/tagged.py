"""The learned tagger as an extraction component: it proposes person, place and organisation spans for
names no lexicon knows; the gazetteer types and links a span it knows, the rules' mentions come first.

The tagger reads whole tokens, proclitics included (وبيروت, للجيش); a proposed span starts after a
proclitic when what follows is a word kg knows or a definite noun, as the rules' own mentions do, so
the same name gets the same span whoever found it. Measured on ANERcorp's test split and the dev
articles (kg/models/README.md): rules first, then the tagger where no rule found anything.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from kg.extract.entity_base import (COMPOUND_PARTICIPLE, DESCRIPTOR_HEADS, MEDIA_HEADS, MEDIA_TYPES, NAME_PARTICLES, NASAB_PARTICLES, QUOTES,
                                    Found, _new_entry)
from kg.extract.frequency import is_common_word
from kg.extract.gazetteer import COMPANIES, name_key
from kg.extract.lexicon import product_nouns, thing_nouns, title_first_words
from kg.extract.normalize import normalize
from kg.extract.quantities import number_word_forms
from kg.extract.tokens import cut_offset

TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}


@dataclass
class TaggerOutput:
    labels: dict[int, str]  # token index → the tagger's BIO label, for the tokens it labels other than O
    candidates: list[Found]  # its spans, as mentions (unscored until kept)
    tagger: object  # the kg.tagger.Tagger that made them, to score a kept span
    sentence_starts: list[int]  # first token of each sentence
    words: list[list[str]]  # each sentence's words as the tagger read them
    sentence_labels: list[list[str]]  # each sentence's labels

    def sentence(self, k: int) -> tuple[int, list[str], list[str]]:
        """(first token, words, labels) of the sentence holding token k."""
        n = bisect_right(self.sentence_starts, k) - 1
        return self.sentence_starts[n], self.words[n], self.sentence_labels[n]


PERSON_VETO = 0.05  # a rule's person the tagger gives less than this probability of being a name is dropped
MAX_EXTENSION = 2  # words the tagger may add to the end of a rule's person (3 measured the same)
CLUB_READING = 0.5  # a city the tagger reads as a whole organisation's name with this much is the club (0.8 measured less)
COMMON_WORD_PLACE = 0.05  # a GeoNames town named by a common word (الخبر) needs this of being a place (measured: kg/models/README.md)
GEONAMES_ONLY_NAME = 0.1  # a town GeoNames alone knows needs this of being (in) a name of any kind: 0.05 / 0.2 measured (kg/models/README.md)
STOP_NAME_PLACE = 0.5  # a place named by a word of place_stopwords.txt (الرياض "gardens") needs this (0.3 / 0.8 measured the same)
NISBA_ZIPF = 4.5  # a definite word ending in ي below this in general Arabic ends a person's name as a nisba (4.0 / 5.0 measured the same)
EVERYDAY_NAME_ZIPF = 4.5  # … but a word this common is a word of its own (يلي "follows": ويلي is Willie)
# normalised words that introduce a name («is called», «the so-called», «nicknamed»): never part of it
NAMING_WORDS = frozenset({"يدعي", "تدعي", "المدعو", "المدعوه", "يسمي", "تسمي", "الملقب", "الملقبه", "يلقب", "تلقب"})
CONJOINED_VERB_ZIPF = 3.0  # «و/ف» + a verb's shape this common opens no tagger's person (3.5 the same)
RELATIVE_FIRST_NAME = 0.7  # a tagger person over another person's name part needs this of its first word being a name (0.9 the same)
EVERYDAY_PLACE_ZIPF = 3.5  # a one-word tagger place common both with and without the article is the word (measured)
MIN_NAME_SCORE = 0.8  # … and an organisation or a place of more words no list knows this (measured: kg/models/README.md)
MIN_SINGLE_WORD_SCORE = 0.6  # a one-word span needs this confidence (measured: kg/models/README.md): common words fall below


class TaggerRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def pass_tagger(self) -> None:
        """After the rules and coreference: the tagger's spans where nothing was found, a span that ends
        a name found before (عبد الكريم after سامي عبد الكريم, "Relief Agency" after its full name)
        joining that entity. Only the spans kept are scored (the CRF's marginals cost a second pass)."""
        out = self._tagger_output()
        if not out or not out.candidates:
            return
        tagger = out.tagger
        endings: dict[tuple[str, tuple[str, ...]], object] | None = None
        for f in sorted(out.candidates, key=lambda f: f.start):
            if not self.is_free(f.first, f.last) and not self._another_persons_name(f):
                continue
            if f.start == self.tokens[f.first].start and self.after_a_number(f.first) \
                    and not self.names.get(self.tokens[f.first].norm):
                continue  # عشرة ملايين تومان، ثلاثة آلاف بيزو: a currency or a unit after its number (a name after a
                # year in a headline starts with a given name)
            if endings is None:  # built when the first span is kept: most articles keep none
                endings = {}
                for g in self.found:
                    words = name_key(self.text[g.start : g.end])
                    for n in range(1, len(words) + 1):
                        endings.setdefault((g.entry.category, words[-n:]), g.entry)
            if f.entry.category == "person" and f.entry.rank >= 5:
                f = self._media_named_after(f)
            start, words, labels = out.sentence(f.first)
            f.score = tagger.score(words, labels, f.first - start, f.last - start)
            if f.last - f.first == 1 and f.score < MIN_SINGLE_WORD_SCORE:
                continue
            if f.last - f.first > 1 and f.entry.category != "person" and f.entry.rank >= 5 and f.score < MIN_NAME_SCORE:
                continue
            if self._everyday_word_as_place(f):
                continue
            names = name_key(self.text[f.start : f.end])
            known = endings.get((f.entry.category, names))
            if known is not None:
                f.entry = known
            self.accept(f)
            for n in range(1, len(names) + 1):
                endings.setdefault((f.entry.category, names[-n:]), f.entry)
        self.found.sort(key=lambda f: f.start)

    def _everyday_word_as_place(self, f: Found) -> bool:
        """A one-word place no list knows that is an everyday word — common with and without the article
        (wordfreq Zipf ≥ :data:`EVERYDAY_PLACE_ZIPF` both: أسد "lion", سلالة "dynasty", اللؤلؤ "pearls") — is
        the word, unless a place's trigger (مدينة X) or an opening quote stands before it: the tagger reads
        such words as towns where the sentence has a place's shape. Measured (kg/models/README.md)."""
        if f.entry.category != "place" or f.entry.rank < 5 or f.last - f.first != 1 or not self.tokens[f.first].is_arabic:
            return False
        words = name_key(self.text[f.start : f.end])
        if len(words) != 1 or not is_common_word(words[0], self.frequent, at_least=EVERYDAY_PLACE_ZIPF):
            return False
        prev = self.tokens[f.first - 1] if f.first > 0 else None
        return prev is None or (prev.text not in QUOTES and not any(stem in self.triggers for _, stem in prev.splits))

    def _another_persons_name(self, f: Found) -> bool:
        """The tagger's person ``f`` takes in one-word name parts of persons named before, with a word before them
        that is not those persons' first name (هيلاري كلينتون after بيل كلينتون: «كلينتون» had been read as Bill
        again): a relative or a namesake, another person — where the span starts on a word of its own (no
        proclitic, none of «و ف ب ل» unless a given name) that the tagger reads as a name's with at least
        :data:`RELATIVE_FIRST_NAME`. The parts are dropped for ``f``. Measured (kg/models/README.md)."""
        if f.entry.category != "person":
            return False
        parts = self.mentions_over(f.first, f.last)
        if not parts or any(g.kind != "part" or g.last - g.first != 1 or g.first == f.first for g in parts):
            return False
        first_word = normalize(self.text[f.start : f.end].split()[0])
        tok = self.tokens[f.first]
        if (first_word[:1] in "وفبل" or f.start > tok.start) and not self.names.get(tok.norm):
            return False  # لصالح X، وأورد X: a word of the sentence before the name (or «و» and another person)
        out = self._tagger_output()
        start, words, _ = out.sentence(f.first)
        if out.tagger.probability(words, f.first - start, f.first - start + 1, "PERS") < RELATIVE_FIRST_NAME:
            return False  # تألق X "X shone": the tagger's span starts on the verb before the name
        if any(normalize((g.entry.label_ar or g.entry.label or "").split()[0]) == first_word for g in parts if (g.entry.label_ar or g.entry.label)):
            return False  # the same person's fuller name
        for g in parts:
            self.drop(g)
        return True

    def _media_named_after(self, f: Found) -> Found:
        """A tagger's person right after a noun that says it names a channel, a paper or an agency (لقناة X،
        صحيفة X، وكالة X) is that medium, an organisation — unless it starts with a given name. (Not after
        any organisation's head: «حكومة X» with X a person is that person's government.)"""
        k = f.first - 1
        if k < 0 or self.sentence_of.get(k) != self.sentence_of.get(f.first) or not self.tokens[k].is_arabic:
            return f
        head = self.heads.get(self.tokens[k].splits[-1][1])
        if head is None or head.type not in MEDIA_TYPES or self.names.get(self.tokens[f.first].norm):
            return f
        entry = _new_entry("organization", head.type, self.text[f.start : f.end], head.gender)
        return Found(f.first, f.last, f.start, f.end, entry, f.kind, f.trigger_type, f.score)

    def pass_tagger_joins(self) -> None:
        """Two persons side by side with nothing between, one of them the tagger's (سامر دبوس | بيرغن where
        the tagger started a name again): one person's name — a second person follows the first only
        after «و» or a comma. The whole name is a person of its own unless it could be the known
        person's (:meth:`_could_be_called`); its other mentions follow it. The tagger proposed the join:
        the mention is the tagger's (``entity.tagger``), as the name parts and repeats after it are.
        Measured on a slice of ANERcorp's train split and on the dev articles (kg/models/README.md)."""
        if self._tagger_output() is None:
            return
        found = sorted(self.found, key=lambda f: f.start)
        renamed: dict[str, object] = {}
        merged: list[Found] = []
        for f in found:
            prev = merged[-1] if merged else None
            if prev is not None and self._joinable(prev, f) and self._ends_with_conjunct(prev):
                # … ريمار ونورالدين | علي X: the «و» word starts the next person, who goes on with the next mention
                merged[-1], g = self._split_at_conjunct(prev, f, renamed)
                merged.append(g)
                continue
            if prev is not None and self._joinable(prev, f):
                name = self.text[prev.start : f.end]
                known = [e for e in (prev.entry, f.entry) if e.rank < 5 and self._could_be_called(e, name)]
                entry = known[0] if known else _new_entry("person", "Person", name, prev.entry.gender or "m")
                for old in (prev.entry, f.entry):
                    if old.rank >= 5:
                        renamed[old.key] = entry
                score = max(g.score or 0.0 for g in (prev, f))
                joined = Found(prev.first, f.last, prev.start, f.end, entry, "tagger", None, score)
                merged[-1] = joined
                for k in range(joined.first, joined.last):
                    self.taken[k] = joined
                continue
            merged.append(f)
        if renamed:
            for f in merged:
                f.entry = renamed.get(f.entry.key, f.entry)
        self.found = merged

    def _split_at_conjunct(self, prev: Found, f: Found, renamed: dict) -> tuple[Found, Found]:
        """``prev`` without its last word, a «و» conjunct, and the person that word starts, running on over
        ``f`` (its «و» left out); new entries for unknown persons are recorded in ``renamed``."""
        k = prev.last - 1
        end = self.tokens[k - 1].end
        first = prev.entry
        if first.rank >= 5:
            first = renamed[prev.entry.key] = _new_entry("person", "Person", self.text[prev.start : end], prev.entry.gender or "m")
        start = cut_offset(self.tokens[k], 1)
        second = f.entry
        if second.rank >= 5:
            second = renamed[f.entry.key] = _new_entry("person", "Person", self.text[start : f.end], f.entry.gender or "m")
        head = Found(prev.first, k, prev.start, end, first, prev.kind, prev.trigger_type, prev.score)
        tail = Found(k, f.last, start, f.end, second, "tagger", None, f.score)
        for g in (head, tail):
            for j in range(g.first, g.last):
                self.taken[j] = g
        return head, tail

    def _ends_with_conjunct(self, f: Found) -> bool:
        """The mention has two words or more and its last is «و» + a word that is no known name as a whole
        (… ريمار ونورالدين): another person of a list starts there."""
        if f.last - f.first < 2:
            return False
        t = self.tokens[f.last - 1]
        return self.proclitic_word(f.last - 1) and self.text[t.start : f.end] == t.text

    def _joinable(self, a: Found, b: Found) -> bool:
        if a.entry.category != "person" or b.entry.category != "person" or a.last != b.first:
            return False
        if "tagger" not in (a.kind, b.kind) or a.entry.key == b.entry.key:
            return False
        if self.sentence_of.get(a.first) != self.sentence_of.get(b.first) or self.text[a.end : b.start].strip():
            return False
        t = self.tokens[b.first]
        return not (t.norm.startswith("و") and not self.names.get(t.norm))  # «و» starts another person

    def _tagger_output(self) -> TaggerOutput | None:
        """What the tagger said of the article, computed once; None without a tagger for the language."""
        if hasattr(self, "_tagger_cache"):
            return self._tagger_cache
        from kg.tagger import tagger_for  # kg.tagger's features import kg.extract: imported when first used

        tagger = tagger_for(self.lang, getattr(self, "use_tagger", None))
        if tagger is None:
            self._tagger_cache = None
            return None
        labels: dict[int, str] = {}
        cands = []
        all_words = [[self.tokens[k].text for k in range(sent.start, sent.end)] for sent in self.sentences]
        tagged = tagger.tag_many(all_words)
        for sent, (sent_labels, spans) in zip(self.sentences, tagged):
            labels.update((sent.start + n, lab) for n, lab in enumerate(sent_labels) if lab != "O")
            for span in spans:
                span_first = sent.start + span.first
                for first, last in self._conjoined_pieces(span_first, sent.start + span.last, span.category):
                    f = self._tagged(first, last, span.category, conjoined=first > span_first, labels=labels)
                    if f is not None:
                        cands.append(f)
        cands = self._things_named(cands)
        self._tagger_cache = TaggerOutput(labels, cands, tagger, [s.start for s in self.sentences], all_words,
                                          [sent_labels for sent_labels, _ in tagged])
        return self._tagger_cache

    def _conjoined_pieces(self, first: int, last: int, category: str) -> list[tuple[int, int]]:
        """A person span the tagger ran over «و» and another given name or a title (سامر حداد ورانيا
        خوري): one span per person."""
        if category != "person":
            return [(first, last)]
        pieces, start = [], first
        for k in range(first + 1, last):
            if self.conjoined_word(k):  # … وألحان X: the word is no name's, the next conjunct starts after it
                pieces.append((start, k))
                start = k + 1
            elif self.conjoined_name(k) or self._conjoined_unknown(k, last):
                pieces.append((start, k))
                start = k
        pieces.append((start, last))
        return [(a, b) for a, b in pieces if b > a]

    def _conjoined_unknown(self, k: int, last: int) -> bool:
        """Token k starts with «و», is no given name, and a word of the span follows it: another person of
        a list the tagger read as one name (يوهان دي بروك وكلاوديو رينالدي). A name's own last word may
        start with «و» (بروك ويلكنز), a name's middle rarely does: on a slice of ANERcorp's train split, a
        «و» word starts another person 40 times for 9 inside one name, those 9 all last words."""
        return self.proclitic_word(k) and k + 1 < last

    @property
    def title_heads(self) -> frozenset[str]:
        return title_first_words()

    def tagger_doubts_person(self, f: Found) -> bool:
        """A person the rules guessed from the shape of the words alone — no known given name — that
        the tagger labels as no person (ارتفاع حصيلة القتلى after a cue verb), or any person of the rules the
        tagger gives less than :data:`PERSON_VETO` of being a name: measured on a slice of ANERcorp's train
        split and on the dev articles, the tagger is right far more often (kg/models/README.md)."""
        out = self._tagger_output()
        if out is None or f.kind != "person" or f.entry.rank < 5:
            return False
        labels = out.labels
        tagged_person = any(labels.get(k, "O").endswith("PERS") for k in range(f.first, f.last))
        tagged_other = any(labels.get(k, "O") != "O" for k in range(f.first, f.last))
        if not tagged_person and not tagged_other and self._person_probability(out, f) < PERSON_VETO:
            return True  # all but sure these words name no one (الوزير الأردني إجراء انتخابات): a title is no evidence then
        head = self.tokens[f.first]
        if any(st in self.names for _, st in head.splits) or self.names.get(head.text) \
                or head.splits[-1][1] in self.title_heads or head.text.lower().rstrip(".") in self.title_heads \
                or self.title_right_before(f.first) or self._credit_before(f.first):
            return False  # a known given name, a title (رئيس مجلس النواب سامي فارس, Mr Haddad), a credit (إخراج X): evidence
        if self._apposition_after(f.last):
            return False  # "Volker Perthes, the envoy": described as a person in the text itself
        return not tagged_person

    def tagger_reads_place(self, k: int, at_least: float = COMMON_WORD_PLACE) -> bool:
        """The tagger gives token k at least ``at_least`` of being (in) a place's name."""
        out = self._tagger_output()
        if out is None:
            return False
        start, words, _ = out.sentence(k)
        return out.tagger.probability(words, k - start, k - start + 1, "LOC") >= at_least

    def tagger_reads_a_name(self, first: int, last: int, at_least: float = GEONAMES_ONLY_NAME) -> bool:
        """The tagger gives tokens first … last − 1 at least ``at_least`` of being in a name of any kind
        (their mean); True without a tagger (no evidence against the name)."""
        out = self._tagger_output()
        if out is None:
            return True
        start, words, _ = out.sentence(first)
        return sum(out.tagger.probability(words, first - start, last - start, kind) for kind in ("PERS", "LOC", "ORG")) >= at_least

    def _person_probability(self, out: TaggerOutput, f: Found) -> float:
        """The tagger's probability, averaged over the mention's words, that each is part of a person's name."""
        start, words, _ = out.sentence(f.first)
        return out.tagger.probability(words, f.first - start, f.last - start, "PERS")

    def tagger_extended_left(self, f: Found) -> Found:
        """A person found by a later part of the name — a family name the gazetteer or a rule knows
        (بوتين، قباني), or a rule's person after an unknown given name — where the tagger reads the
        word or two before it as the same name's start (B-PERS, then I-PERS up to the mention): the
        tagger's start is kept (فلاديمر بوتين, طلعت قباني). A known person keeps its link only when the
        name so made could be its own (as many words as its label, the same first letter: a variant
        spelling); otherwise the whole name is someone else of that family (ميلانيا ترامب), a person of its
        own. Measured on a slice of ANERcorp's train split and on the dev articles (kg/models/README.md)."""
        if f.entry.category != "person" or f.kind not in {"person", "name"}:
            return f
        out = self._tagger_output()
        if out is None or out.labels.get(f.first) != "I-PERS":
            return f
        labels, sentence, first = out.labels, self.sentence_of.get(f.first), f.first
        while f.first - first < MAX_EXTENSION:
            k = first - 1
            if k < 0 or self.sentence_of.get(k) != sentence or not labels.get(k, "O").endswith("PERS") \
                    or not self._could_start_a_name(k):
                return f
            first = k
            if labels[k] == "B-PERS":
                break
        else:
            return f
        head = self.tokens[first]
        cut = self._proclitic_cut(head) if head.is_arabic else 0
        start = cut_offset(head, cut) if cut else head.start
        entry = f.entry
        if entry.rank >= 5 or not self._could_be_called(entry, self.text[start : f.end]):
            entry = _new_entry("person", "Person", self.text[start : f.end], entry.gender or "m")
        return Found(first, f.last, start, f.end, entry, f.kind, f.trigger_type, f.score)

    @staticmethod
    def _could_be_called(entry, name: str) -> bool:
        """A known person's label could be spelt ``name``: as many words, the same first letter."""
        words = name_key(name)
        label = name_key(entry.label_ar or entry.label)
        return len(label) == len(words) and label[0][:1] == words[0][:1]

    def _known_otherwise(self, k: int) -> bool:
        """A word the rules know as something else than a person's name: a function or cue word, an
        organisation's head, a place trigger, or a name of another kind (a demonym, a country)."""
        t = self.tokens[k]
        if not t.is_word or t.norm in self.fw or t.norm in self.cues or self.heads.get(t.norm) or t.norm in self.triggers:
            return True
        return any(e.category != "person" for e in self.plain_entries((t.norm,)))

    def _could_start_a_name(self, k: int) -> bool:
        """No word known otherwise (:meth:`_known_otherwise`), no title or role noun, and no proclitic before a
        definite noun, a head, a title or a name of another kind."""
        t = self.tokens[k]
        if self._known_otherwise(k) or t.splits[-1][1] in self.title_heads or t.text.lower().rstrip(".") in self.title_heads:
            return False
        if t.is_arabic and self.role_noun_at(k):
            return False  # بإشراف مدربه X "under his coach X": the role before the name is not in it
        if t.is_arabic and t.norm.startswith("ال") and not self.names.get(t.norm[2:]) and not self._name_goes_on_into(k):
            return False  # الفنان، المهندس، المخضرم …: a definite word starts a name only as a given name (الحسن)
        if t.is_arabic and self.proclitic_word(k) and t.norm[:1] == "و" and not self.names.get(t.norm[1:]):
            return False  # وقاد X "and X led": «و» + a word before the name is the sentence's, not the name's
        return not any(self.definite_after_proclitic(t, cut, stem)
                       or (cut and (self.heads.get(stem) or stem in self.title_heads
                                    or any(e.category != "person" for e in self.plain_entries((stem,)))))
                       for cut, stem in t.splits)

    def _name_goes_on_into(self, k: int) -> bool:
        """The word before k makes a name with it: «عبد», a name particle or a given name (عبد الرحمن، أبو الفضل، نور الدين)."""
        if k == 0 or not self.tokens[k - 1].is_arabic:
            return False
        before = self.tokens[k - 1].norm
        return before == "عبد" or before in NAME_PARTICLES or self._given(k - 1)[0] is not None

    def tagger_extended(self, f: Found) -> Found:
        """A person the rules ended before the tagger does: where the tagger reads every word of the
        mention as a person's and the next one or two as the same name going on (I-PERS) — a third name
        the rules did not take — the tagger's end is kept. Measured on a slice of ANERcorp's train split
        and on the dev articles (kg/models/README.md)."""
        if f.kind != "person" or f.entry.rank < 5:
            return f
        out = self._tagger_output()
        if out is None:
            return f
        labels = out.labels
        if not all(labels.get(k, "O").endswith("PERS") for k in range(f.first, f.last)):
            return f
        last, sentence = f.last, self.sentence_of.get(f.first)
        while (last < len(self.tokens) and last - f.last < MAX_EXTENSION and labels.get(last) == "I-PERS"
               and self.sentence_of.get(last) == sentence and self._could_end_a_name(last)):
            last += 1
        if last == f.last:
            return f
        end = self.tokens[last - 1].end
        entry = _new_entry("person", "Person", self.text[f.start : end], f.entry.gender or "m")
        return Found(f.first, last, f.start, end, entry, f.kind, f.trigger_type, f.score)

    def tagger_widened(self, f: Found) -> Found:
        """A place the gazetteer knows, inside a longer name the tagger reads as an organisation's (a club
        named after its city, ديناموا كييف; a company or a university named after a place):
        the organisation, with the tagger's span; a city (not a country) the tagger reads as a whole
        organisation's name with at least :data:`CLUB_READING` of confidence: a club called by its city.
        Measured on a slice of ANERcorp's train split and on the dev articles (kg/models/README.md)."""
        if f.kind != "name" or f.entry.category != "place":
            return f
        out = self._tagger_output()
        if out is None or not out.labels.get(f.first, "O").endswith("ORG"):
            return f
        for c in out.candidates:
            if c.first <= f.first and f.last <= c.last and c.last - c.first > f.last - f.first \
                    and c.entry.category == "organization":  # (a tagger span lies within one sentence)
                return Found(c.first, c.last, c.start, c.end, c.entry, "tagger", c.trigger_type, c.score)
        if f.entry.type == "City" and f.last - f.first == 1 and out.labels.get(f.first) == "B-ORG" \
                and out.labels.get(f.last, "O") != "I-ORG" and not self._in_a_place(f):
            # a club called by its city alone (وفاز برشلونة على ضيفه بهدفين): the organisation, if the tagger is sure
            start, words, _ = out.sentence(f.first)
            if out.tagger.probability(words, f.first - start, f.last - start, "ORG") >= CLUB_READING:
                return Found(f.first, f.last, f.start, f.end,
                             _new_entry("organization", "Organization", self.text[f.start : f.end]), "tagger")
        return f

    def _in_a_place(self, f: Found) -> bool:
        """The mention follows «في» or «ب» "in" (في مانشستر، بمانشستر): something happens there, the city is
        the place — a club plays, wins and signs, it is not where things happen."""
        tok = self.tokens[f.first]
        if tok.is_arabic and f.start > tok.start and self.text[tok.start : f.start].endswith("ب"):
            return True
        return f.first > 0 and self.tokens[f.first - 1].norm == "في"

    def _could_end_a_name(self, k: int) -> bool:
        """No word known otherwise (:meth:`_known_otherwise`), no «و» before another person's given name, and
        no preposition before a noun (لوكالة، بالعاصمة)."""
        t = self.tokens[k]
        if self._known_otherwise(k) or self.conjoined_name(k) or self.conjoined_word(k):
            return False
        if k in self.title_at or self.role_or_title_at(k):
            return False  # … مدرب الفريق، … اداري: a title or a role after the name, not more of it
        if self._inflected_everyday_word(k) or self._possessed_everyday_word(k):
            return False  # … ديوانا، … برنامجا، … جيوشه "his armies": an everyday word with the accusative ending or
            # a possessive pronoun, the verb's object
        return not any(self.definite_after_proclitic(t, cut, stem) or (cut and (self.heads.get(stem) or self.plain_entries((stem,))))
                       for cut, stem in t.splits)

    def tagger_trimmed(self, f: Found) -> Found:
        """A person the rules ran on over its last words, which the tagger labels outside the name while it
        labels the rest a person (كريم دحلان التقى "… met", … الأسبوع "… the week", … حالة طوارئ "… a state of
        emergency"): the tagger's boundary is kept. Not where the cut would leave a name particle or a reign's
        number out, nor before a last word that reads as a family name (:meth:`_family_name_at`). Measured on
        slices of ANERcorp's train split (kg/models/README.md)."""
        if f.kind != "person" or f.entry.rank < 5 or f.last - f.first < 2:
            return f
        out = self._tagger_output()
        if out is None:
            return f
        labels = out.labels
        cut = f.last  # the first of the trailing words the tagger labels O
        while cut - 1 > f.first and labels.get(cut - 1, "O") == "O":
            cut -= 1
        if cut == f.last or not all(labels.get(k, "O").endswith("PERS") for k in range(f.first, cut)):
            return f
        if any(self.tokens[k].norm in NAME_PARTICLES or self.tokens[k].norm == "عبد" for k in range(cut - 1, f.last)):
            return f  # … آل مرزوق، … بن لادن: a particle does not end a name, the word after it is the name's
        if (self.regnal_number_at(cut) or self.regnal_number_at(cut - 1) >= 2) and self.sovereign_before(f.first):
            return f  # الملك فيصل الثالث: the number of a reign, which the rules took after a sovereign's title
        if cut == f.last - 1 and self._family_name_at(cut):
            return f  # … سامر الزبيدي:، … نادر فلوح «: a family name the tagger has not met, where the name must end
        end = self.tokens[cut - 1].end
        entry = _new_entry("person", "Person", self.text[f.start : end], f.entry.gender or "m")
        return Found(f.first, cut, f.start, end, entry, f.kind, f.trigger_type, f.score)

    def _family_name_at(self, k: int) -> bool:
        """Token k, the last word of a rule's person, reads as a family name whatever the tagger says: a
        definite word right after «بن X» (a nasab ends with the family's name or an epithet), a
        nisba (ال + a word written with a final ي, الزبيدي، الحمداني) that general Arabic does not use as an
        everyday word (wordfreq Zipf below :data:`NISBA_ZIPF`: الماضي، الحالي are above), or a word without
        the article right before punctuation or a «و» conjunct (… نادر فلوح «، … فلوح ووزير), where a verb or
        a noun the rules ran on over would have been followed by more of its clause."""
        t = self.tokens[k]
        if not t.is_arabic:
            return False
        if t.norm.startswith("ال"):
            if k >= 2 and self.tokens[k - 2].norm in NASAB_PARTICLES and not t.norm.endswith(("ين", "ون")) \
                    and self.frequent.get(t.norm, 0.0) < NISBA_ZIPF:
                return True  # … بن ناصر العطار، … بن سالم الزاهد: the family's name or an epithet after a nasab (not
                # a plural, not one of the commonest words: … بن X المسؤول "the official", … الأميركيين)
            return t.text.endswith("ي") and len(t.norm) > 4 and self.frequent.get(t.norm, 0.0) < NISBA_ZIPF
        nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        return nxt is None or not nxt.is_word or (nxt.is_arabic and nxt.norm.startswith("و"))

    def _apposition_after(self, k: int) -> bool:
        if k + 1 >= len(self.tokens) or self.tokens[k].text not in {",", "،"}:
            return False
        nxt = self.tokens[k + 1]
        word = nxt.text.lower() if not nxt.is_arabic else nxt.splits[-1][1]
        return word in {"the", "a", "an"} or word in self.title_heads

    def _tagged(self, first: int, last: int, category: str, conjoined: bool = False,
                labels: dict[int, str] | None = None) -> Found | None:
        """The tagger's span as a mention; ``conjoined``: a later person of a list, its «و» cut off; ``labels``:
        the tagger's labels so far (token → label, O left out)."""
        while first < last and COMPOUND_PARTICIPLE.fullmatch(self.tokens[first].text):
            first += 1  # "the Kremlin-run Tawfiq Agency": the compound describes the name, it is not in it
        if category == "person":
            while last - first >= 2 and self._role_before_name(first):
                first += 1  # الحارس X، النجم X: the role or the title before the name is not in it
            while last - first >= 2 and self.tokens[first].norm in NAMING_WORDS:
                first += 1  # يدعى X "called X": the word that introduces the name is not in it
            if last - first >= 2 and self._conjoined_verb(first):
                first += 1  # وسيغيب X "and X will miss", فتوفيت X "then X died": the verb before its subject
            last = next((k for k in range(first + 1, last) if self._proclitic_on_head_or_trigger(k)), last)
            while last - first >= 2 and self._inflected_everyday_word(last - 1):
                last -= 1  # … برنامجا "a programme": the verb's object after the name, with the accusative ending
            if first > 0 and self.tokens[first].norm in NASAB_PARTICLES and self.sentence_of.get(first - 1) == \
                    self.sentence_of.get(first) and self.nasab_bearer(first - 1):
                first -= 1  # X بن Y where the tagger started at بن: X is the name's bearer
            elif self._given_name_opens(first):
                first -= 1  # طه X where the tagger read X alone: the given name before it starts the name
        toks = self.tokens[first:last]
        if not toks or not all(t.is_word for t in toks) or all(t.norm in self.fw or t.text.lower() in self.fw for t in toks):
            return None
        if all(self._function_or_number_word(k) for k in range(first, last)):
            return None  # وعلى، وأين، فيهم، والخمسون: function words and numbers behind a proclitic, no name
        head = toks[0]
        if category != "person" and head.is_arabic and self._everyday_phrase(first, last):
            return None
        cut = (1 if conjoined and head.norm.startswith("و") else self._proclitic_cut(head)) if head.is_arabic else 0
        if not cut and category == "person" and head.is_arabic and self._conjoined_foreign_name(first, labels or {}):
            cut = 1
        start = cut_offset(head, cut) if cut else head.start
        end = toks[-1].end
        words = (head.norm[cut:],) + tuple(t.norm for t in toks[1:])
        if len(words[0]) < 2:
            return None
        if len(words) == 1 and (words[0] in self.stop_names or words[0] in self.cues):
            return None
        if head.is_arabic and category != "person" \
                and all(w in self.heads or (w.endswith(("يه", "ي")) and not w.startswith("ال")) for w in words):
            return None  # منظمة دولية "an international organisation": an indefinite head and adjective, no name
        # (not a person's: كوستي ناباري, or مصطفى normalised مصطفي, end as a nisba does, and are names)
        # the gazetteer types and links a name it knows, whatever type the tagger guessed ("Iran" tagged ORG)
        entries = self.gaz.lookup(words) or self.gaz.lookup(tuple(w.split("-")[0] for w in words[:1]))
        if entries and all(e.demonym for e in entries):
            return None  # "Iranian-backed", الإيرانية: a demonym is the rules' (the country, or part of a name)
        if len(words) == 1 and any(e.demonym for e in entries) and self._after_definite_noun(first):
            return None  # وزير الدفاع السوداني: the adjective, not the person called al-Sudani (as the rules read it)
        known = [e for e in entries if not e.demonym]
        if any(e.source == COMPANIES for e in known) and self._names_a_product(first, last):
            return None  # سيارات تويوتا: the cars (kg.extract.fields), as the rules read them
        known.sort(key=lambda e: e.category != category)
        entry = known[0] if known else _new_entry(category, TYPES[category], self.text[start:end])
        return Found(first, last, start, end, entry, "tagger")

    def _function_or_number_word(self, k: int) -> bool:
        """Token k, as written or after a proclitic, is a function word (وعلى، وأين) or a number's word (والخمسون)."""
        t = self.tokens[k]
        if not t.is_arabic:
            return False
        return any(self.written_as_function_word(k, cut) or (cut and stem in self.fw) or stem in number_word_forms()
                   for cut, stem in t.splits)

    def _everyday_phrase(self, first: int, last: int) -> bool:
        """The tagger's organisation or place is a phrase of everyday Arabic, no name: a head with an everyday
        sense before one definite everyday noun (شبكة الإنترنت "the internet", as the organisation patterns
        read it: :meth:`_other_sense`), or one everyday word with a possessive pronoun (وزنه "its weight")."""
        if last - first == 2:
            return any(self._other_sense(stem, [first + 1]) for _, stem in self.tokens[first].splits)
        return last - first == 1 and self._possessed_everyday_word(first) and not self.plain_entries((self.tokens[first].norm,))

    def _given_name_opens(self, k: int) -> bool:
        """The word before token k, in its sentence and taken by no mention, is a given name kg knows as written
        (no proclitic, no function word spelt like one: «على»), and token k has no proclitic of its own."""
        if k == 0 or (k - 1) in self.taken or self.sentence_of.get(k - 1) != self.sentence_of.get(k):
            return False
        prev, tok = self.tokens[k - 1], self.tokens[k]
        if not prev.is_arabic or not tok.is_arabic or not self.names.get(prev.norm) or self.written_as_function_word(k - 1):
            return False
        return self._proclitic_cut(tok) == 0 and not self.names.get(tok.norm[1:] if tok.norm[:1] in "وف" else "")

    def _things_named(self, cands: list[Found]) -> list[Found]:
        """The tagger's persons right after a noun of a thing (:meth:`_thing_before`): after a medium's noun the
        medium (مجلة X), after a building's, a prize's, a work's or a product's noun no person (مسجد X، جائزة X،
        برنامج X، سيارة X) — unless the gazetteer knows the person, or the article names the same person where
        no such noun stands before (جائزة X "X's prize", with X named elsewhere)."""
        things = {id(f): self._thing_before(f.first) for f in cands if f.entry.category == "person" and f.entry.rank >= 5}
        if not any(things.values()):
            return cands
        elsewhere = {name_key(self.text[f.start : f.end]) for f in cands if id(f) in things and not things[id(f)]}
        out = []
        for f in cands:
            thing = things.get(id(f))
            if thing and name_key(self.text[f.start : f.end]) not in elsewhere:
                if thing != "medium":
                    continue
                f = Found(f.first, f.last, f.start, f.end, _new_entry("organization", "MediaOrganization", self.text[f.start : f.end]),
                          f.kind, f.trigger_type, f.score)
            out.append(f)
        return out

    def _thing_before(self, k: int) -> str | None:
        """What the noun right before token k, in its sentence, says the name at k is: ``medium`` after a paper's,
        a channel's or an agency's noun (:data:`MEDIA_HEADS`), ``facility`` / ``award`` / ``work`` after a noun
        of ``thing_nouns.tsv``, ``product`` after a vehicle's or a device's (``product_nouns.txt``); None
        otherwise, and where token k has «ل» on it (فيلم للمخرج X, لوحة لX: whose work, a person)."""
        if k == 0 or self.sentence_of.get(k - 1) != self.sentence_of.get(k) or not self.tokens[k - 1].is_arabic:
            return None
        if self.tokens[k].is_arabic and self.tokens[k].norm.startswith("ل") and not self.names.get(self.tokens[k].norm):
            return None
        kinds, products = thing_nouns(), product_nouns()
        for _, stem in self.tokens[k - 1].splits:
            if stem in MEDIA_HEADS:
                return "medium"
            if stem in kinds:
                return kinds[stem]
            if stem in products:
                return "product"
        return None

    def _conjoined_foreign_name(self, k: int, labels: dict[int, str]) -> bool:
        """Token k, opening a tagger's person span, is «و» and a name: a known given name, a word general Arabic
        uses far more without the «و» than with it (وريكاردو: ريكاردو is common, وريكاردو is not; not one of the
        commonest words: ويلي is Willie, though يلي "follows" is common), or any word right after a word the tagger
        labels a person's, itself starting a person (X Y وكانديس Z: a list). Not a name that starts with و itself
        (وليد، وليام، وانغ)."""
        if not self.proclitic_word(k):
            return False
        t = self.tokens[k]
        rest = t.norm[1:]
        if self.names.get(rest):
            return True
        whole, bare = self.frequent.get(t.norm, 0.0), self.frequent.get(rest, 0.0)
        if rest in self.frequent and bare < EVERYDAY_NAME_ZIPF and bare - whole >= 1.0:  # (listed: Zipf ≥ 3)
            return True
        return k > 0 and self.sentence_of.get(k - 1) == self.sentence_of.get(k) \
            and labels.get(k - 1, "O").endswith("PERS") and labels.get(k) == "B-PERS"

    def _conjoined_verb(self, k: int) -> bool:
        """Token k is «و/ف» (and «س», the future) + an imperfect or a feminine perfect verb's shape — a word of
        four letters or more starting with ي/ت/ن — that general Arabic uses (wordfreq Zipf ≥ :data:`CONJOINED_VERB_ZIPF`),
        and no given name with or without the «و»: ويروي، وسيغيب، فتوفيت. (ويلي "Willie", فيفي "Fifi": their
        rests are words of three letters, and stay names.)"""
        t = self.tokens[k]
        n = t.norm
        if not t.is_arabic or n[:1] not in "وف" or self.names.get(n) or self.names.get(n[1:]):
            return False
        rest = n[1:]
        if rest[:1] == "س" and rest[1:2] in "يتن":
            rest = rest[1:]
        return rest[:1] in "يتن" and len(rest) >= 4 and self.frequent.get(rest, 0.0) >= CONJOINED_VERB_ZIPF

    def _proclitic_on_head_or_trigger(self, k: int) -> bool:
        """Token k is «ب/ل/…» + an organisation's head, a place trigger or a descriptor head (بنادي "at the club",
        لشركة "for the company") and no given name: a prepositional phrase after the name, which ended before it."""
        t = self.tokens[k]
        return t.is_arabic and not self.names.get(t.norm) and any(
            c and (self.heads.get(st) or st in self.triggers or st in DESCRIPTOR_HEADS) for c, st in t.splits)

    def _role_before_name(self, k: int) -> bool:
        """Token k, opening a tagger's person span, is a role noun (``role_nouns.txt``) or a title's head, and no
        given name: the description before the name."""
        t = self.tokens[k]
        return t.is_arabic and not self.names.get(t.norm) and self.role_or_title_at(k)

    def _proclitic_cut(self, tok) -> int:
        """Letters of و/ف/ب/ل/لل to cut before the name: only when the rest is a definite noun, a word a lexicon or
        the gazetteer knows or a name particle (لأبي X "to Abu X"), and the whole token is not itself a known name
        (وليد)."""
        if (tok.norm,) in self.gaz.index or tok.norm in self.gaz.firsts or self.names.get(tok.norm):
            return 0
        for cut, rest in reversed(tok.splits):
            if cut and len(rest) >= 3 and (self.definite_after_proclitic(tok, cut, rest) or rest in self.gaz.firsts
                                           or self.names.get(rest) or rest in NAME_PARTICLES):
                return cut
        return 0
