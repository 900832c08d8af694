"""Organisations: a head noun and its name (تلفزيون «X»، وحدة الإعلام الحربي، قوات النظام، منظمة and a
transliterated name), and English organisations (the central bank, the Ministry of X)."""

from __future__ import annotations

from kg.extract.entity_base import (
    COMPLEMENTIZER_WORDS,
    DESCRIPTOR_HEADS,
    FOREIGN_NAME_HEADS,
    GOVERNMENT_WORDS,
    LINKERS,
    MEDIA_HEADS,
    NON_NAME_ADJECTIVES,
    OPERATION_HEADS,
    Found,
    _new_entry,
    is_definite_nisba,
    names_a_kind,
    without_possessive,
)
from kg.extract.frequency import is_common_word
from kg.extract.gazetteer import CLUBS
from kg.extract.lexicon import club_words, sports_words, title_first_words
from kg.extract.places import CAPITAL_WORDS
from kg.extract.tokens import cut_offset


DATE_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December".split()
)


# normalised heads with an everyday sense besides the organisation: movement / traffic, website / site,
# organisation / organising, unit / unity, agency / device, network / the net (not قناة: a channel is
# named by everyday words, قناة الحياة، قناة الرسالة, far more often than a canal is)
POLYSEMOUS_HEADS = frozenset({"حركه", "موقع", "تنظيم", "وحده", "جهاز", "شبكه"})
UNKNOWN_CLUB_PERSON = 0.5  # … unless the tagger gives it this much of being a person's name (measured: kg/models/README.md)
LED_BY = frozenset({"رياسه", "قياده"})  # normalised: after ب they say who leads (برئاسة، بقيادة)
PLACE_GOVERNMENT_HEADS = frozenset({"حكومه"})  # normalised: a government named by its seat (حكومة طرابلس)
# normalised heads of bodies that act rather than name themselves by an aim: «لـ» + a verbal noun after them says
# what they do (القوات الأميركية لحماية بغداد), not which body (الجبهة الوطنية لتحرير كينيا)
ACTING_HEADS = frozenset({"قوات", "جيش", "حكومه", "شرطه", "وزاره", "سلطات", "سلطه", "قوه", "اجهزه", "جهاز"})
# «لـ» + the first letters of a derived verbal noun (تحرير، تنمية، إنقاذ، استقلال، مكافحة), normalised: not a name
# written with «لـ» (لريال مدريد)
PURPOSE_NOUN_STARTS = ("لت", "لا", "لم")
ADJECTIVES_WITHOUT_ENDING = frozenset({"العليا", "الكبرى", "الاعلى", "الاولى", "الحر", "الجديد", "الموحد"})  # normalised
QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}  # opening quote → closing quote (a head before a quoted name)
POSSESSED_WORD_ZIPF = 3.5  # an everyday noun this common, with a possessive pronoun, ends a transliterated name (أرباحها)
EVERYDAY_ZIPF = 5.0  # a word this common ends a transliterated name after its first word (4.0: فورد، غاز cut off; 4.5 the same as 5.0)


def _adjective_like(word: str) -> bool:
    """A definite word that can go on describing the same noun after an adjective: another nisba, a
    feminine form (العامة، المؤقتة، المتحدة) or a common adjective without an ending (العليا، الحر)."""
    return is_definite_nisba(word) or word.endswith("ه") or word in ADJECTIVES_WITHOUT_ENDING


class OrganisationRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def club_candidates(self, i: int) -> list[Found]:
        """A word of a sports club's name (``club_words.tsv``) next to a place the gazetteer knows: before
        it (دينامو كييف، ريال مدريد, Dynamo Kyiv) or after it (مانشستر يونايتد), the club — an
        organisation named after its city, not a mention of the city."""
        tok = self.tokens[i]
        if not tok.is_word or i + 1 >= len(self.tokens):
            return []
        if tok.is_arabic and self._club_named_after_its_noun(i):
            nxt = self.tokens[i + 1]
            return [self._club(i + 1, i + 2, nxt.start, nxt.end)]
        if tok.is_arabic and self._unknown_club_before_demonym(i):
            cut = self._proclitic_cut(tok) if tok.norm[:1] in "وفل" and len(tok.norm) > 4 else 0
            return [self._club(i, i + 1, cut_offset(tok, cut) if cut else tok.start, tok.end)]
        words = club_words()
        cut = next((c for c, stem in (tok.splits if tok.is_arabic else [(0, tok.text)]) if words.get(stem) == "before"), None)
        if cut is not None:
            place = self._place_at(i + 1)
            if place is None:
                return []
            if tok.is_arabic and names_a_kind(tok.splits):  # نادي ليفربول، فريق قطر: the club, named by its place's name
                return [self._club(i, place.last, place.start, place.end)]
            start = cut_offset(tok, cut) if cut else tok.start
            return [self._club(i, place.last, start, place.end)]
        place = self._place_at(i, after_proclitic=True)
        if place is None or place.last >= len(self.tokens):
            return []
        after = self.tokens[place.last]
        if words.get(after.norm if after.is_arabic else after.text) != "after" or not self.text[place.end : after.start].isspace():
            return []
        return [self._club(i, place.last + 1, place.start, after.end)]

    def _club_named_after_its_noun(self, i: int) -> bool:
        """Token i is a club's or a team's noun (نادي، فريق; not الفريق, also a general's rank) and the next word
        a definite word no list knows that is no sports word, title, head, trigger or function word (فريق
        الشمال، نادي الظفرة): the club, named by that word (the noun outside the mention, as for a known club);
        an everyday word only in a sports sentence. Right 25 times of 33 on ANERcorp's train split (its gold
        marks two more clubs as other names)."""
        if i + 1 >= len(self.tokens) or self.tokens[i].norm.startswith("ال") or not self._club_noun_before(i + 1):
            return False  # (النادي الأهلي: a known club after «النادي» is the field rules')
        nxt = self.tokens[i + 1]
        n = nxt.norm
        if not nxt.is_arabic or not n.startswith("ال") or len(n) < 5:
            return False
        if n in self.fw or n in sports_words() or self.heads.get(n) or self.heads.get(n[2:]) or n in self.triggers \
                or n[2:] in self.triggers or n in title_first_words() or self.role_noun_at(i + 1) or n in CAPITAL_WORDS:
            return False
        if self.gaz.lookup((n,)) or self.names.get(n[2:]):
            return False
        if i + 2 < len(self.tokens) and self.tokens[i + 2].norm == "عن":
            return False  # فريق الدفاع عن X "the team defending X": a verbal noun with its object
        # an everyday word (فريق الدفاع "the defence team", فريق البحث) names a club only in a sports sentence
        return not is_common_word(n, self.frequent) or self._in_field_sentence(i, CLUBS)

    def _unknown_club_before_demonym(self, i: int) -> bool:
        """Token i, a word no list knows and general Arabic hardly uses (wordfreq Zipf below 3), before a country's
        adjective in the masculine, in a sports sentence, where the tagger reads no person's name: a club named
        with its country (فاز X الروماني، أمام X البرتغالي), as a known club or a city is (:meth:`city_as_club`)."""
        tok = self.tokens[i]
        if not self._masculine_demonym_after(i + 1) or self.sentence_of.get(i + 1) != self.sentence_of.get(i):
            return False
        stems = [st for _, st in tok.splits]
        if any(st.startswith("ال") or st in self.frequent or len(st) < 4 or self.names.get(st) or self.gaz.lookup((st,))
               or st in self.fw or self.heads.get(st) or st in self.triggers for st in stems):
            return False
        if not self._in_field_sentence(i, CLUBS):
            return False
        out = self._tagger_output()
        if out is None:
            return True
        start, words, _ = out.sentence(i)
        return out.tagger.probability(words, i - start, i - start + 1, "PERS") < UNKNOWN_CLUB_PERSON

    def _place_at(self, k: int, after_proclitic: bool = False) -> Found | None:
        """The longest place the gazetteer knows starting at token k, the token's own first letter on
        (no proclitic; with ``after_proclitic``, also after one: لمانشستر يونايتد, where the club's word after
        the name says what it is), and right after a space."""
        tok = self.tokens[k]
        places = [f for f in self.cached_candidates(k) if f.entry.category == "place" and not f.entry.demonym
                  and (f.start == tok.start or after_proclitic)
                  and (k == 0 or self.text[self.tokens[k - 1].end : tok.start].isspace())]
        return max(places, key=lambda f: f.end) if places else None

    def _club(self, first: int, last: int, start: int, end: int) -> Found:
        """The club over tokens first … last; its mention is text[start:end] (a «نادي» before it outside)."""
        return Found(first, last, start, end, _new_entry("organization", "Organization", self.text[start:end]), "pattern")

    def org_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        out = []
        splits = tok.splits if tok.is_arabic else [(0, tok.text)]
        for cut, stem in splits:
            head = self.org_head(stem) if tok.is_arabic else self.heads.get(stem)
            is_op = stem in OPERATION_HEADS
            if not head and not is_op:
                continue
            if cut and tok.norm[cut - 1] == "ب" and stem in LED_BY:
                continue  # برئاسة الوزير، بقيادة الجيش: "chaired by", "led by", not the presidency or the command
            definite = tok.is_arabic and stem.startswith("ال")
            if definite and (not self._definite_name_follows(i) or (self._head_seen_before(i, stem[2:]) and not self._demonym_follows(i))):
                continue  # التنظيم الإرهابي after تنظيم داعش is a reference; الجيش الإسرائيلي after الجيش اللبناني is not  # a bare definite head (المرصد) is a nominal reference, resolved later
            start = cut_offset(tok, cut) if cut else tok.start
            if self._next_is_quote(i) and not definite:
                close = self._closing(i + 1)
                if close is None or close - i > 8:
                    continue
                inner_words = [k for k in range(i + 2, close) if self.tokens[k].is_word]
                if not inner_words:
                    continue
                inner_key = tuple(self.tokens[k].norm for k in inner_words)
                known = self.plain_entries(inner_key)
                if is_op:
                    e_end = self.tokens[close].end
                    entry = _new_entry("other", "MilitaryOperation", self.text[start:e_end])
                    out.append(Found(i, close + 1, start, e_end, entry, "pattern"))
                    continue
                # شركة «ياهو»: the quoted words are the name, the head says what it names (as with the
                # descriptor heads: the noun stays outside the mention)
                a, b = self.tokens[inner_words[0]].start, self.tokens[inner_words[-1]].end
                if known and known[0].category == "organization":
                    entry = known[0]
                else:
                    entry = _new_entry("organization", head.type, self.text[a:b], head.gender)
                out.append(Found(inner_words[0], inner_words[-1] + 1, a, b, entry, "pattern"))
                continue
            if not tok.is_arabic or is_op:
                continue
            written_head = stem
            if definite:
                stem = stem[2:]
            chain = []
            k = i + 1
            while k < len(self.tokens) and len(chain) < 5:
                t = self.tokens[k]
                if chain and t.is_word and t.norm.startswith("لل") and len(t.norm) > 4:
                    chain.append(k)  # الهيئة العامة للإحصاء
                    k += 1
                    continue
                nxt_def = k + 1 < len(self.tokens) and self.tokens[k + 1].norm.startswith("ال")
                if chain and t.is_word and t.norm.startswith("ل") and not t.norm.startswith("ال") and nxt_def and len(t.norm) > 3:
                    chain.extend([k, k + 1])  # المفوضية السامية لشؤون اللاجئين
                    k += 2
                    continue
                place = self._purpose_place(stem, chain, k)
                if place:
                    chain.extend(place)  # الجبهة الوطنية لتحرير كينيا
                    k = place[-1] + 1
                    continue
                if self._joined_adjective(chain, k):
                    chain.append(k)  # المجلس الزراعي والتجاري
                    k += 1
                    continue
                if not t.is_word or not t.norm.startswith("ال") or t.norm in self.fw or t.norm in LINKERS or t.norm in self.cues:
                    break
                if chain and (self.heads.get(t.norm) or self.heads.get(t.norm[2:])) and self._head_is_new_name(k):
                    break  # قوات الدعم السريع الجيش السوداني: a second organisation starts
                if self.taken.get(k) and self.taken[k].entry.category == "place" and not self.taken[k].entry.demonym:
                    break
                if (definite or (chain and is_definite_nisba(self.tokens[chain[-1]].norm))) and not _adjective_like(t.norm):
                    break  # الحكومة الكندية | الأنباء المتداولة: a noun after an adjective, or after a definite head, starts another phrase
                chain.append(k)
                k += 1
            known = self._known_prefix(stem, written_head, chain)
            if known:  # المنظمة العالمية للملكية الفكرية | لتنظيم ندوة: a known name ends the chain, its adjectives go on
                keep = known
                for c in chain[known:]:
                    w = self.tokens[c].norm
                    if w.endswith(("ي", "يه")) or (definite and _adjective_like(w)):  # الحكومة السورية المؤقتة
                        keep += 1
                    else:
                        break
                chain = chain[:keep]
            if not chain and not definite and stem in PLACE_GOVERNMENT_HEADS:
                chain = self._governed_place(i + 1)  # حكومة طرابلس: the government seated there, not the city
            transliterated = False
            if not chain and not definite and head.type in FOREIGN_NAME_HEADS:
                chain = self._transliterated_name(i + 1)  # منظمة هيومن رايتس ووتش، شركة أرامكو
                transliterated = bool(chain)
            if not chain:
                continue
            if not definite and self._other_sense(stem, chain):
                continue
            type_ = head.type
            if stem == "قوات" and self.tokens[chain[0]].norm in GOVERNMENT_WORDS:
                type_ = "GovernmentBody"
            if stem == "قوات" and self.tokens[chain[0]].norm in {"الامن"}:
                type_ = "GovernmentBody"
            e_end = self.tokens[chain[-1]].end
            label = self.text[start:e_end]
            inner = self.plain_entries((stem,) + tuple(self.tokens[c].norm for c in chain[:-1])) if len(chain) > 1 else []
            # a head before the whole name of a known organisation names that organisation (قوات X, منظمة X, حركة X)
            whole = self.plain_entries(tuple(self.tokens[c].norm for c in chain), stem in MEDIA_HEADS) if not inner else []
            known = [e for e in inner or whole if e.category == "organization"]
            if transliterated and stem in DESCRIPTOR_HEADS:
                # شركة أرامكو → «أرامكو»: a foreign name is a name by itself; the noun saying what it names stays
                # outside the mention, as for the descriptor heads before a known name
                a = self.tokens[chain[0]].start
                entry = known[0] if known else _new_entry("organization", type_, self.text[a:e_end], head.gender)
                out.append(Found(chain[0], chain[-1] + 1, a, e_end, entry, "pattern"))
                continue
            entry = known[0] if known else _new_entry("organization", type_, label, head.gender)
            out.append(Found(i, chain[-1] + 1, start, e_end, entry, "pattern"))
        return out

    def org_head(self, stem: str):
        """The organisation head an Arabic word (without proclitics) is, with or without the article, or None."""
        return self.heads.get(stem) or (self.heads.get(stem[2:]) if stem.startswith("ال") else None)

    def _other_sense(self, stem: str, chain: list[int]) -> bool:
        """A head with an everyday sense besides the organisation (:data:`POLYSEMOUS_HEADS`) before one
        definite everyday noun, no relational adjective and no name the gazetteer knows: the other sense —
        حركة المرور "the traffic", موقع التصوير "the filming site", تنظيم المعرض "organising the fair",
        جهاز الكمبيوتر "the computer", شبكة الإنترنت "the internet". A name says more (حركة المقاومة
        الإسلامية) or is known (تنظيم الدولة)."""
        if stem not in POLYSEMOUS_HEADS or len(chain) != 1:
            return False
        word = self.tokens[chain[0]].norm
        if not word.startswith("ال") or is_definite_nisba(word) or self.plain_entries((word,)) or self.plain_entries((stem, word)):
            return False
        return is_common_word(word, self.frequent)

    def _transliterated_name(self, k: int) -> list[int]:
        """Indefinite words after an organisation head that spell a foreign name: not definite, not a
        function word, cue or relational adjective; ended by punctuation, a cue or a complementiser
        (a single word may also end before a function word only if more words made the name)."""
        chain = []
        while k < len(self.tokens) and len(chain) < 4:
            t = self.tokens[k]
            n = t.norm
            if not t.is_word or not t.is_arabic or n.startswith("ال") or n in self.fw or n in self.cues or len(n) < 3:
                break
            if n.endswith(("يه", "ي")) or n in COMPLEMENTIZER_WORDS or self.heads.get(n) or self._conjoined_head(k):
                break
            if self._ends_a_name(k, everyday=bool(chain)):
                break  # (the first word may be a common one: قطر غاز، مصر للطيران)
            if chain and self._inflected_everyday_word(k):
                break  # … تقريرا "a report": the verb's object after the name, with the accusative ending
            chain.append(k)
            k += 1
        if not chain:
            return []
        end = self.tokens[k] if k < len(self.tokens) else None
        if end is None or not end.is_word or end.norm in self.cues or end.norm in COMPLEMENTIZER_WORDS \
                or self._conjoined_head(k):
            return chain  # (… وشركة X: the next organisation of a list)
        if self._possessed_everyday_word(k) or self._inflected_everyday_word(k):
            return chain  # شركة فالكورا أرباحها "… its profits", … تقريرا "a report": the name ended before it
        return chain if len(chain) >= 2 and (end.norm in self.fw or self._ends_a_name(k)) else []

    def _conjoined_head(self, k: int) -> bool:
        """Token k is «و» + an organisation's head (وشركة، ووكالة): the next organisation of a list starts there."""
        t = self.tokens[k]
        return t.is_arabic and t.norm[:1] == "و" and any(c == 1 and self.org_head(st) for c, st in t.splits)

    def _ends_a_name(self, k: int, everyday: bool = True) -> bool:
        """A function word after a proclitic (وهو، فهي), one of Arabic's commonest words (حيث، خاصة, wordfreq Zipf
        ≥ :data:`EVERYDAY_ZIPF`) or an everyday noun with a possessive pronoun (أرباحها): not a transliterated name's
        next word (… فيكتوريا وهو)."""
        t = self.tokens[k]
        return any(c and st in self.fw for c, st in t.splits) or (everyday and self.frequent.get(t.norm, 0.0) >= EVERYDAY_ZIPF) \
            or self._possessed_everyday_word(k)

    def _possessed_everyday_word(self, k: int, unambiguous: bool = False) -> bool:
        """Token k as written is an everyday word (wordfreq Zipf ≥ :data:`POSSESSED_WORD_ZIPF`) with a possessive pronoun: أرباحها "its
        profits", رئيسها "its head", قصيدته "his poem" (ة written ت before it) — no word of a foreign name, no first
        name after a title (:mod:`kg.extract.persons`). ``unambiguous``: only a pronoun no name ends with as its
        own letters — ها، هم، هما، هن, or ه after ة written ت — not any final ه (نبيه، وجيه are names)."""
        t = self.tokens[k]
        if unambiguous and not t.text.endswith(("ها", "هم", "هما", "هن", "ته")):
            return False
        stem = without_possessive(t.text) if t.is_arabic else ""
        if stem.endswith("ت") and len(stem) > 3 and self.frequent.get(stem, 0.0) < POSSESSED_WORD_ZIPF:
            stem = stem[:-1] + "ه"  # مساحتها: the ة written ت before the pronoun (normalised, ة reads ه)
        return bool(stem) and len(stem) >= 3 and self.frequent.get(stem, 0.0) >= POSSESSED_WORD_ZIPF and not self.names.get(t.norm)

    def _governed_place(self, k: int) -> list[int]:
        """The words of a place the gazetteer knows (:meth:`_place_at`) right after a government head, with no
        proclitic between (حكومة طرابلس; not حكومة بطرابلس "a government in Tripoli")."""
        place = self._place_at(k) if k < len(self.tokens) else None
        return list(range(k, place.last)) if place else []

    def _definite_name_follows(self, i: int) -> bool:
        """A definite head names a new organisation when a relational adjective follows (الجيش السوداني)
        or a longer name does (الهيئة العامة للإحصاء)."""
        if self._nisba_follows(i):
            return True
        if i + 2 >= len(self.tokens):
            return False
        a, b = self.tokens[i + 1].norm, self.tokens[i + 2].norm
        if a in NON_NAME_ADJECTIVES:
            return False
        return (a.startswith("ال") and a not in self.fw and len(a) > 4 and _adjective_like(a)
                and (b.startswith("لل") or (b.startswith("ال") and b not in self.fw)))

    def _known_prefix(self, stem: str, written_head: str, chain: list[int]) -> int:
        """How many words of ``chain`` after the head make the longest name of a known organisation with it
        (the head as written or without its article); 0 for none."""
        for m in range(len(chain), 0, -1):
            words = tuple(self.tokens[c].norm for c in chain[:m])
            for head in dict.fromkeys((written_head, stem)):
                if any(e.category == "organization" for e in self.plain_entries((head, *words))):
                    return m
        return 0

    def _head_is_new_name(self, k: int) -> bool:
        return self._definite_name_follows(k) or self._demonym_follows(k)

    def _purpose_place(self, head: str, chain: list[int], k: int) -> list[int]:
        """«لـ» + a verbal noun + a place the gazetteer knows, after the adjectives of a head that names by its
        aim (جبهة، حركة، منظمة، لجنة …: الجبهة الوطنية لتحرير كينيا): the words that go on the name; none after
        a government's, an army's or a ministry's head (القوات الأميركية لحماية بغداد: what the forces do)."""
        t = self.tokens[k]
        if not (chain and t.is_word and t.is_arabic and t.norm.startswith(PURPOSE_NOUN_STARTS) and len(t.norm) > 4
                and head not in ACTING_HEADS and k + 1 < len(self.tokens)):
            return []
        place = self._place_at(k + 1)
        return [k, *range(k + 1, place.last)] if place else []

    def _joined_adjective(self, chain: list[int], k: int) -> bool:
        """«و» + a relational adjective after one (المجلس الزراعي والتجاري، معهد الدراسات البحرية والجوية):
        one name; not a country's adjective (القوات السورية والروسية: two forces)."""
        t = self.tokens[k]
        if not (chain and t.is_word and t.norm.startswith("وال") and is_definite_nisba(t.norm[1:]) and len(t.norm) > 6):
            return False
        before = self.tokens[chain[-1]].norm
        return (is_definite_nisba(before) and t.norm[1:] not in self.fw and t.norm[1:] not in NON_NAME_ADJECTIVES
                and not self._is_demonym(before) and not self._is_demonym(t.norm[1:]))

    def _is_demonym(self, word: str) -> bool:
        """A normalised word the gazetteer knows as a country's adjective (السوري، الروسية)."""
        return any(e.demonym for e in self.gaz.lookup((word,)))

    def _demonym_follows(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self._is_demonym(self.tokens[i + 1].norm)

    def _head_seen_before(self, i: int, head: str) -> bool:
        """The head noun was used earlier (تنظيم داعش … التنظيم الإرهابي): a reference, not a new name."""
        return self._first_use.get(head, i) < i

    def _nisba_follows(self, i: int) -> bool:
        """الجيش السوداني, المؤسسة الوطنية: a definite head with a relational adjective names an organisation."""
        if i + 1 >= len(self.tokens):
            return False
        n = self.tokens[i + 1].norm
        return is_definite_nisba(n) and len(n) > 4 and n not in self.fw and n not in NON_NAME_ADJECTIVES

    def _next_is_quote(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text in QUOTE_PAIRS

    def _closing(self, k: int) -> int | None:
        """The token closing the quotation opened at k (« … », “ … ”, " … "), within a few words."""
        close = QUOTE_PAIRS[self.tokens[k].text]
        for j in range(k + 1, min(len(self.tokens), k + 12)):
            if self.tokens[j].text == close:
                return j
            if self.tokens[j].text in {"«", "“", ".", "\n"}:
                return None
        return None

    # ---------- persons ----------

    def english_generic_org(self, i: int) -> list[Found]:
        """the central bank, the eastern-based government, the oil ministry: a described organisation.

        A bare "the army" is left to coreference with an army named before."""
        tok = self.tokens[i]
        if tok.text not in {"the", "The"}:
            return []
        mods = []
        k = i + 1
        while k < len(self.tokens) and len(mods) < 3:
            t = self.tokens[k]
            if not t.is_word or not t.text.islower() or t.text in self.fw or self.cues.get(t.text):
                break
            if t.text in self.heads and mods:
                start, end = self.tokens[i + 1].start, t.end
                label = self.text[start:end]
                return [Found(i + 1, k + 1, start, end, _new_entry("organization", self.heads[t.text].type, label), "pattern")]
            mods.append(k)
            k += 1
        return []

    def english_org_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if tok.is_arabic or not tok.is_word or not tok.text[:1].isupper():
            return []
        prev = self.tokens[i - 1] if i else None
        if prev is not None and prev.is_word and prev.text[:1].isupper() and prev.text != "The":
            return []
        if tok.text == "The":
            return []
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        if nxt is not None and nxt.text in self.heads and nxt.text.islower():
            # "Israeli army", "US embassy": a demonym or a country before a lowercase head names an organisation
            demonym = [e for e in self.gaz.lookup((tok.text,)) if e.demonym or e.type == "Country"]
            if demonym:
                label = f"{tok.text} {nxt.text}"
                return [Found(i, i + 2, tok.start, nxt.end, _new_entry("organization", self.heads[nxt.text].type, label), "pattern")]
        parts = [i]
        k = i + 1
        while k < len(self.tokens) and len(parts) < 7:
            t = self.tokens[k]
            if t.text in DATE_WORDS:
                break  # "the World Bank on Monday", "the Council in March": a date ends the name
            if t.is_word and (t.text[:1].isupper() or t.text.isdigit()):
                parts.append(k)
                k += 1
            elif t.text in {"of", "for", "and", "on"} and k + 1 < len(self.tokens) and self.tokens[k + 1].text[:1].isupper() \
                    and self.tokens[k + 1].text not in DATE_WORDS:
                parts.extend([k, k + 1])
                k += 2
            else:
                break
        heads = [self.heads[self.tokens[p].text] for p in parts if self.tokens[p].text in self.heads]
        if not heads or len(parts) < 2:
            return []
        start, end = tok.start, self.tokens[parts[-1]].end
        label = self.text[start:end]
        known = self.plain_entries(tuple(self.tokens[p].norm for p in parts))
        entry = known[0] if known else _new_entry("organization", heads[-1].type, label)
        return [Found(i, parts[-1] + 1, start, end, entry, "pattern")]

    # ---------- passes ----------
