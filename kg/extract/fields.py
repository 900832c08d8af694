"""Names of a field's own lists — sports clubs, companies, media — some of them everyday words: الأهلي "the
national", القوة الجوية "the air force"; شل (Shell; "paralysed"), أمازون (Amazon; the river); الحياة "life".

Such a name (every word of it at least :data:`EVERYDAY_ZIPF` in general Arabic both with and without the
article, wordfreq; or marked ambiguous in its list: a verb, شل "paralysed", or a town's name, الريان) is the
club or the company only in a sentence of its field — two words of the field's list in it (``sports_words.txt``,
``business_words.txt``), read through their proclitics and article — and never as the adjective of a definite noun
(المنتخب الأهلي "the national team") nor before a definite word that goes on with it (السد العالي "the High
Dam", الهلال الجديد "the new crescent"). (The tagger's reading of an organisation's name was tried as the other
way in: it let in the crescent of a moon-sighting article.) A field's name that is also a place's or another
organisation's of kg's other lists gives way to it (not to a town GeoNames alone knows): a city's club is
found from the city (``club_words.tsv``, :meth:`FieldNameRules.city_as_club`, the tagger), and الهلال الأحمر
is the Red Crescent. A company's name before a model's number or after a vehicle's noun (طائرة
بوينغ 737، سيارة تويوتا) names the product, not the company, whatever its words. A paper, a channel or an
agency of ``media.tsv`` named by such words (الأيام "the days", الغد "tomorrow", الحرة "the free") is the
medium only where the text names a medium: after a medium's noun or a correspondent, or in quotes (after «ل»
alone it is a word: للعالم، للرأي "for the world", "for opinion").
"""

from __future__ import annotations

from kg.extract.entity_base import Found
from kg.extract.frequency import is_common_word
from kg.extract.gazetteer import CLUBS, COMPANIES, GEONAMES_CITY, MEDIA, GazEntry
from kg.extract.lexicon import business_words, product_nouns, sports_words
from kg.extract.normalize import normalize

EVERYDAY_ZIPF = 3.5  # a word this common in general Arabic, with and without the article, is an everyday word (الأهلي 4.9 / 4.2; الغرافة 3.2 / 0)
FIELD_WORDS_NEEDED = 2  # words of the field's list that make a sentence the field's (one: a stray «ملعب» would do)
FIELDS = frozenset({CLUBS, COMPANIES, MEDIA})  # the lists whose ambiguous names need their field's context
FIELD_WORDS = {CLUBS: sports_words, COMPANIES: business_words}  # (a medium's context: being named as one)
# normalised words right before a team in a sports sentence: a match's verbs (فاز X على …), the words of the
# other side (على، أمام، ضد، ضيفه، مضيفه)
MATCH_WORDS = frozenset(normalize(w) for w in (
    "فاز", "يفوز", "تغلب", "يتغلب", "تعادل", "يتعادل", "خسر", "يخسر", "هزم", "يهزم", "واجه", "يواجه", "التقى", "يلتقي",
    "استضاف", "يستضيف", "أقصى", "يقصي", "أطاح", "على", "أمام", "ضد", "ضيفه", "مضيفه", "منافسه", "مباراة", "مواجهة",
    # … and the nouns of a team's people and parts before it (مدرب ليون، حارس مرمى ليفربول، جماهير مرسيليا)
    "مدرب", "لاعب", "لاعبي", "لاعبو", "مهاجم", "مدافع", "حارس", "مرمى", "نجم", "نجوم", "جماهير", "جمهور", "مشجعي",
    "صفوف", "شباك"))


CLUB_NOUNS = frozenset({"نادي", "النادي", "فريق"})  # normalised: before a club's name (not الفريق, also a general's rank)


class FieldNameRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def field_readings(self, entries: list[GazEntry], i: int, key: tuple[str, ...], as_medium: bool) -> list[GazEntry]:
        """The entries of the name at token i: its clubs and companies where the text reads them so, else the
        others. A place or an organisation of kg's other lists wins over them; a town GeoNames alone knows
        (تويوتا, a city of Japan) does not, unless the list marks the name as ambiguous (الريان)."""
        own = [e for e in entries if e.source in FIELDS]
        if not own:
            return entries
        other = [e for e in entries if e.source not in FIELDS]
        if any(not e.key.startswith(GEONAMES_CITY) for e in other):
            return other
        if any(e.source == COMPANIES for e in own) and self._names_a_product(i, i + len(key)):
            return []  # سيارات تويوتا: the cars, neither the maker nor the town of Japan
        if self._club_noun_before(i) and any(e.source == CLUBS for e in own):
            return [e for e in own if e.source == CLUBS]  # فريق الأهلي، نادي النصر: the club's noun says it
        return own if self._read_as_field_name(own, i, key, as_medium) else other

    def plain_entries(self, key: tuple[str, ...], medium_head: bool = False) -> list[GazEntry]:
        """The gazetteer's entries of ``key`` for a rule that names what it finds by them (a head before a known
        name, المجلس العربي) or asks whether a word is a name of another kind (one that ends a person's name):
        without the clubs, companies and media whose name here is ambiguous, which only
        their own contexts make names (العربي is no club there) — a medium's own noun before it is such a
        context (صحيفة الحياة is the paper)."""
        entries = self.gaz.lookup(key)
        return [e for e in entries if e.source not in FIELDS or (medium_head and e.source == MEDIA) or not self._ambiguous(e, key)]

    def _ambiguous(self, entry: GazEntry, key: tuple[str, ...]) -> bool:
        """A name the list marks (الريان, a town too; شل "paralysed") or every word of which is an everyday
        word, common both with and without the article (الأهلي، القوة الجوية; not تويوتا, never «التويوتا»)."""
        return key in entry.ambiguous or all(is_common_word(w, self.frequent, EVERYDAY_ZIPF) for w in key)

    def _read_as_field_name(self, own: list[GazEntry], i: int, key: tuple[str, ...], as_medium: bool) -> bool:
        """Whether the name at token i is read as its list's club, company or medium here."""
        if not any(self._ambiguous(e, key) for e in own):
            return True
        if any(e.source == MEDIA for e in own):
            return as_medium or self._in_brackets(i, i + len(key))  # صحيفة الأيام، لـ«الغد»، مراسل الحرة، (الجزيرة):
            # a paper named by a word only where a medium is meant — its noun, a correspondent, quotes, a credit in brackets
        if i > 0 and self._after_definite_noun(i) or self._definite_word_at(i + len(key)):
            return False
        return all(self._in_field_sentence(i, e.source) for e in own)

    def _club_noun_before(self, i: int) -> bool:
        """The word before token i is a club's or a team's noun (:data:`CLUB_NOUNS`), with or without a proclitic."""
        prev = self.tokens[i - 1] if i > 0 and self.sentence_of.get(i - 1) == self.sentence_of.get(i) else None
        return prev is not None and prev.is_arabic and any(stem in CLUB_NOUNS for _, stem in prev.splits)

    def _in_brackets(self, first: int, last: int) -> bool:
        """Tokens first … last − 1 stand alone in brackets: «( الجزيرة )», as a report credits its source."""
        return first > 0 and last < len(self.tokens) and self.tokens[first - 1].text == "(" and self.tokens[last].text == ")"

    def _definite_word_at(self, k: int) -> bool:
        if k >= len(self.tokens) or self.sentence_of.get(k) != self.sentence_of.get(k - 1):
            return False
        t = self.tokens[k]
        return t.is_arabic and t.is_word and t.norm.startswith("ال") and t.norm not in self.fw

    def _names_a_product(self, first: int, last: int) -> bool:
        """طائرة بوينغ، سيارات تويوتا، Boeing 737: a vehicle's or a device's noun before, a number after."""
        prev = self.prev_word(first)
        if prev is not None and any(stem in product_nouns() for _, stem in prev.splits):
            return True
        return last < len(self.tokens) and self.sentence_of.get(last) == self.sentence_of.get(first) \
            and self.tokens[last].text[:1].isdigit()

    def _in_field_sentence(self, i: int, field: str) -> bool:
        si = self.sentence_of.get(i)
        if si is None:
            return False
        cache = self.__dict__.setdefault("_field_sentences", {})
        if (si, field) not in cache:
            words = FIELD_WORDS[field]()
            s = self.sentences[si]
            found = sum(any(stem in words or stem.removeprefix("ال") in words for _, stem in self.tokens[k].splits)
                        for k in range(s.start, s.end))
            cache[(si, field)] = found >= FIELD_WORDS_NEEDED
        return cache[(si, field)]

    def _masculine_demonym_after(self, k: int) -> bool:
        """Token k is a country's adjective with the article in the masculine (الفرنسي، البرتغالي; not الفرنسية)."""
        if k >= len(self.tokens) or not self.tokens[k].is_arabic:
            return False
        t = self.tokens[k]
        return t.norm.startswith("ال") and t.text.endswith("ي") and any(e.demonym for e in self.gaz.lookup((t.norm,)))

    def city_as_club(self, f: Found) -> Found:
        """A city named right after a match's verb, the other side's word or a noun of a team's people, in a sports
        sentence (فاز نانت على بوردو، وتعادل ليون مع مرسيليا، مدرب ليون), or before a masculine adjective of
        a country (وتعادل مرسيليا الفرنسي: a city takes the feminine, مدينة ليون الفرنسية, a club the masculine), in a
        sports sentence: the club called by its city, not the city — a city wins nothing. Not
        after «في» or «ب», where something happens in it (:meth:`_in_a_place`), nor a country (its national team
        is the country's by the annotation guide)."""
        if f.kind != "name" or f.entry.type != "City" or f.last - f.first != 1 or not self.tokens[f.first].is_arabic:
            return f
        prev = self.prev_word(f.first)
        after_match_word = prev is not None and any(stem in MATCH_WORDS for _, stem in prev.splits)
        if not (after_match_word or self._masculine_demonym_after(f.last)) or self._in_a_place(f):
            return f
        if not self._in_field_sentence(f.first, CLUBS):
            return f
        return self._club(f.first, f.last, f.start, f.end)
