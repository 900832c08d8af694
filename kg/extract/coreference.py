"""In-article coreference: name parts of persons introduced before (عبد الكريم → سامي عبد الكريم), definite
heads and demonstratives for organisations and places named before (المرصد، التنظيم، هذه القوات، المدينة)."""

from __future__ import annotations

from functools import lru_cache

from kg.extract.entity_base import DEMONSTRATIVES, NAME_PARTICLES, NASAB_PARTICLES, Found, _new_entry
from kg.extract.frequency import frequent_words, is_common_word, zipf
from kg.extract.gazetteer import GEONAMES_CITY, GazEntry, name_key
from kg.extract.lexicon import cues, title_first_words, titles
from kg.extract.normalize import normalize
from kg.extract.tokens import cut_offset, strip_article


NASAB_WORDS = NASAB_PARTICLES | {"ولد", "bin"}  # normalised: "son / daughter of" in a name's chain
WORD_WITH_PROCLITIC_ZIPF = 3.0  # a token this common as written is no proclitic + a person's name part (4.0 measured less)
FIRST_NAME_READING = 0.2  # a first name alone needs this of the tagger's reading it as a person's (measured: kg/models/README.md)
FIRST_NAME_EVERYDAY_ZIPF = 3.5  # … where it is an everyday word: common with and without the article (كريم / الكريم)
TAGGED_PART_SCORE = 0.8  # a person only the tagger found gives its later name parts from this score of its span (on
# three slices, such parts were right 8 of 26 below 0.9, 14 of 21 from it; 0.8 kept one right part more, 0.95 lost two)
FIRST_NAME_INTRODUCERS = frozenset({"person", "name", "tagger", "tagger-repeat", "repeat"})  # mentions that name a person in full
EARLIER_PART_ZIPF = 4.0  # a family name this common is not carried back before the full name (measured)
EVERYDAY_ZIPF = 5.0  # a name's last word this common is no mention of the person alone (5.2 measured the same)


@lru_cache(maxsize=1)
def spokesperson_words() -> frozenset[str]:
    """A spokesperson's one-word Arabic titles without the article (متحدث، ناطقة), from ``titles.tsv``."""
    return frozenset(key[0].removeprefix("ال") for key, t in titles().items()
                     if t.role == "spokesperson" and t.lang == "ar" and len(key) == 1)


class CoreferenceRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def pass_coreference(self) -> None:
        """Name parts of earlier persons; definite heads and demonstratives for earlier entities."""
        self._words_cache: dict = {}
        self.relink_titled_surnames()
        self._scan(self.name_part, self.nominal)

    def pass_tagger_name_parts(self) -> None:
        """After the tagger: name parts of the persons only it found (بيرغن after توماس بيرغن), as
        :meth:`pass_coreference` gives the rules' persons theirs. Measured on a slice of ANERcorp's train
        split and on the dev articles (kg/models/README.md)."""
        if any(f.kind == "tagger" and f.entry.category == "person" for f in self.found):
            self._scan(self.name_part)

    def pass_tagger_repeats(self) -> None:
        """One name, one entity per article: where the words of a name only the tagger found recur and
        nothing was found there, they are that entity again (the tagger reads each sentence alone and
        misses some repeats). Rule ``entity.tagger-repeat``; measured like :meth:`pass_tagger_name_parts`.
        So is a person the rules found by one word (:meth:`_repeatable_one_word_person`), with or without
        the tagger: rule ``entity.repeat``."""
        names: dict[tuple[str, ...], tuple[GazEntry, str]] = {}
        for f in self.found:
            if f.kind == "tagger":
                names.setdefault(name_key(self.text[f.start : f.end]), (f.entry, "tagger-repeat"))
            elif self._repeatable_one_word_person(f):
                names.setdefault(name_key(self.text[f.start : f.end]), (f.entry, "repeat"))
        if not names:
            return
        longest = max(map(len, names))
        firsts = {key[0] for key in names}
        i = 0
        while i < len(self.tokens):
            tok = self.tokens[i]
            starts = i not in self.taken and tok.is_word and (
                any(stem in firsts for _, stem in tok.splits) if tok.is_arabic else tok.norm in firsts)
            f = self._repeat_at(i, names, longest) if starts else None
            if f is None:
                i += 1
                continue
            self.accept(f)
            i = f.last
        self.found.sort(key=lambda f: f.start)

    def pass_earlier_name_parts(self) -> None:
        """A family name before the person's full name (a headline's «كسباري يستقبل …» above «سامر كسباري»): where
        exactly one person named in full ends with the word, the word alone before that person's first mention
        is that person (rule ``entity.part``). Only a word general Arabic hardly uses (below
        :data:`EARLIER_PART_ZIPF`), no function word: carried back, a common noun or verb that had ended an
        over-long name would become the person (measured: kg/models/README.md)."""
        firsts: dict[str, tuple[int, GazEntry | None]] = {}
        for f in sorted(self.found, key=lambda f: f.first):
            if f.entry.category != "person" or f.kind not in FIRST_NAME_INTRODUCERS or not self.tokens[f.first].is_arabic:
                continue
            if f.kind == "tagger" and (f.score or 0.0) < TAGGED_PART_SCORE:
                continue
            words = self._name_words(f, True)
            if len(words) < 2:
                continue
            seen = firsts.get(words[-1])
            if seen is None:
                firsts[words[-1]] = (f.first, f.entry)
            elif seen[1] is not None and seen[1].key != f.entry.key:
                firsts[words[-1]] = (seen[0], None)  # the family name of two persons: neither
        if not firsts:
            return
        for i, tok in enumerate(self.tokens):
            if i in self.taken or not tok.is_word or not tok.is_arabic:
                continue
            for cut, stem in tok.splits[:2]:
                first, entry = firsts.get(stem, (0, None))
                if entry is None or i >= first or len(stem) < 3 or stem in self.fw or self.names.get(stem):
                    continue
                if self.frequent.get(stem, 0.0) >= EARLIER_PART_ZIPF or self.written_as_function_word(i, cut) \
                        or self._inflected_everyday_word(i) or self._possessed_everyday_word(i):
                    continue  # (طابقا "floor", with the accusative ending, had ended an over-long name)
                start = cut_offset(tok, cut) if cut else tok.start
                self.accept(Found(i, i + 1, start, tok.end, entry, "part"))
                break
        self.found.sort(key=lambda f: f.start)

    def pass_first_names(self) -> None:
        """A person named in full and then by the first word of the name alone (رامي after رامي فلوح, as a
        profile or an interview goes on): that person, where exactly one person named before starts with that
        word, the word is no function word nor a particle, the next word carries no other name on, and the
        tagger reads the word as a person's name with at least :data:`FIRST_NAME_READING` — a given name that
        is also an everyday word (كريم "generous", رضا "consent") is read as the word unless the sentence uses
        it as a name. Arabic only (English news calls a person by the family name). Rule ``entity.first-name``;
        measured on slices of ANERcorp's train split and on the dev articles (kg/models/README.md)."""
        if self.lang != "ar":
            return
        out = self._tagger_output()
        if out is None:
            return
        starts: list[tuple[int, str, str, GazEntry]] = []  # (first token, first word, family name, person), in order
        for f in sorted(self.found, key=lambda f: f.start):
            if f.entry.category != "person" or f.kind not in FIRST_NAME_INTRODUCERS or not self.tokens[f.first].is_arabic:
                continue
            words = self._name_words(f, True)
            if len(words) >= 2 and self._first_name_word(words[0]):
                starts.append((f.first, words[0], strip_article(words[-1]), f.entry))
        if not starts:
            return
        seen: dict[str, dict[str, GazEntry]] = {}  # first word → family name → the latest person so named
        n = 0
        for i in range(starts[0][0] + 1, len(self.tokens)):
            while n < len(starts) and starts[n][0] < i:
                first_token, word, family, entry = starts[n]
                seen.setdefault(word, {})[family] = entry  # رامي فلوح، رامي الفلوح: one person, one family name
                n += 1
            tok = self.tokens[i]
            if not tok.is_arabic or not tok.is_word or not any(stem in seen for _, stem in tok.splits[:2]):
                continue
            if i in self.taken:
                self._relink_first_name(self.taken[i], seen)
                continue
            f = self._first_name_at(i, seen, out)
            if f is not None:
                self.accept(f)
        self.found.sort(key=lambda f: f.start)

    def _relink_first_name(self, g: Found, seen: dict[str, dict[str, GazEntry]]) -> None:
        """A one-word person the rules or the tagger made a new entity (وقالت ليلى …) that is the first name of
        exactly one person named before: that person."""
        if g.last - g.first != 1 or g.entry.category != "person" or g.entry.rank < 5 or g.kind not in FIRST_NAME_INTRODUCERS:
            return
        bearers = seen.get(normalize(self.text[g.start : g.end]))
        if bearers and len(bearers) == 1:
            g.entry = next(iter(bearers.values()))
            g.kind = "first-name"

    def _first_name_word(self, word: str) -> bool:
        """A name's first word that may stand for the person: no particle, no «عبد» (half of a given name), no
        everyday word (common with and without the article, after a «و»), unless a given name kg knows: a person
        the rules ran on over «… والشعب» is called by no «الشعب» "the people"."""
        if len(word) < 3 or word in NAME_PARTICLES or word == "عبد":
            return False
        bare = word[1:] if word.startswith("وال") else word
        return bool(self.names.get(bare)) or not is_common_word(bare, self.frequent, at_least=FIRST_NAME_EVERYDAY_ZIPF)

    def _first_name_at(self, i: int, seen: dict[str, dict[str, GazEntry]], out) -> Found | None:
        tok = self.tokens[i]
        for cut, stem in tok.splits[:2]:
            bearers = seen.get(stem)
            if not bearers or len(bearers) != 1:
                continue
            if cut and tok.norm[cut:].startswith("ال") and not stem.startswith("ال"):
                continue  # والشعب is «و» + «الشعب», not the name شعب
            if cut and (self.frequent.get(tok.norm, 0.0) >= WORD_WITH_PROCLITIC_ZIPF or self.written_as_function_word(i)):
                return None  # وتعهد: a word as written, not «و» + the name
            if not cut and self.written_as_function_word(i):
                return None
            if out.labels.get(i + 1) == "I-PERS" or self._name_may_go_on(i + 1):
                return None  # سامر X: the given name of another person, whose family name follows
            if self.before_a_number(i):
                return None  # في عمر 70 عاما "at the age of 70": the noun before its number
            if is_common_word(stem, self.frequent, at_least=FIRST_NAME_EVERYDAY_ZIPF):
                start, words, _ = out.sentence(i)
                if out.tagger.probability(words, i - start, i - start + 1, "PERS") < FIRST_NAME_READING:
                    return None  # كريم "generous", نور "light": the word, unless the sentence uses it as a name
            entry = next(iter(bearers.values()))
            return Found(i, i + 1, cut_offset(tok, cut) if cut else tok.start, tok.end, entry, "first-name")
        return None

    def _name_may_go_on(self, k: int) -> bool:
        """Token k, after a given name, could be a family name: an Arabic word general Arabic hardly uses (below
        Zipf :data:`WORD_WITH_PROCLITIC_ZIPF`) or a given name, in the same sentence, taken by no mention."""
        if k >= len(self.tokens) or self.sentence_of.get(k) != self.sentence_of.get(k - 1):
            return False
        t = self.tokens[k]
        if not t.is_word or not t.is_arabic:
            return False
        if k in self.taken:
            return self.taken[k].entry.category == "person"
        return bool(self.names.get(t.norm)) or self.frequent.get(t.norm, 0.0) < WORD_WITH_PROCLITIC_ZIPF

    def _repeatable_one_word_person(self, f: Found) -> bool:
        """A person the rules found by one Arabic word (after a title: «النجم البرازيلي X») whose word is no
        everyday or function word: where it recurs alone, unfound, it is that person again — name parts
        (:meth:`name_part`) only follow names of two words or more."""
        if f.kind != "person" or f.last - f.first != 1 or not self.tokens[f.first].is_arabic:
            return False
        stem = name_key(self.text[f.start : f.end])[0]
        return len(stem) >= 3 and stem not in self.fw and not self._everyday_word(stem)

    def _repeat_at(self, i: int, names: dict[tuple[str, ...], tuple[GazEntry, str]], longest: int) -> Found | None:
        """The longest name of ``names`` starting at token i (after a proclitic: وبيروت), on free tokens."""
        tok = self.tokens[i]
        for n in range(min(longest, len(self.tokens) - i), 0, -1):
            if not self.is_free(i, i + n) or (n == 1 and tok.is_arabic and self.written_as_function_word(i)):
                continue  # (a word written as a function word, «على», is not the name «علي» again)
            rest = tuple(self.tokens[k].norm for k in range(i + 1, i + n))
            for cut, stem in tok.splits if tok.is_arabic else [(0, tok.norm)]:
                entry, kind = names.get((stem,) + rest, (None, ""))
                if entry is not None:
                    if not cut and self.after_a_number(i):
                        return None  # عشرة ملايين تومان: a currency or a unit the tagger read as a name somewhere
                    if not cut and entry.category == "person" and self._given_name_before(i):
                        prev = self.tokens[i - 1]  # طلعت زكريا where زكريا alone was found: the whole name
                        return Found(i - 1, i + n, prev.start, self.tokens[i + n - 1].end, entry, kind)
                    start = cut_offset(tok, cut) if cut else tok.start
                    return Found(i, i + n, start, self.tokens[i + n - 1].end, entry, kind)
        return None

    def _displaces(self, f: Found) -> bool:
        """Whether ``f``, which starts on a free token, may be accepted: where its later words are taken by
        other mentions, it replaces them if it is longer than each (كوفي أنان over أنان) or as long as a
        person the rules guessed from the words' shape alone (بن ناصر, a part of a person named before, over
        «ناصر تعرّض», a given name and the verb after it); otherwise it is not accepted. Mentions never overlap."""
        overlapped = self.mentions_over(f.first, f.last)
        size = f.last - f.first
        if not all(g.last - g.first < size or (g.last - g.first == size and g.kind == "person" and g.entry.rank >= 5)
                   for g in overlapped):
            return False
        for g in overlapped:
            self.drop(g)
        return True

    def _given_name_before(self, i: int) -> bool:
        """Token i-1 is a free given name of the same sentence (no proclitic): the name at i is its family name."""
        if i == 0 or (i - 1) in self.taken or self.sentence_of.get(i - 1) != self.sentence_of.get(i):
            return False
        prev = self.tokens[i - 1]
        return prev.is_word and bool(self.names.get(prev.norm))

    def _scan(self, *resolvers) -> None:
        """One pass over the tokens no mention covers, the mentions before each one introduced in order."""
        self._person_tails = set()
        for f in self.found:
            if f.entry.category == "person":
                for arabic in (True, False):
                    words = self._name_words(f, arabic)
                    if len(words) >= 2:
                        self._person_tails.update(words[-2:])
        introduced = _Introduced(self)
        by_start = {f.first: f for f in self.found}
        i = 0
        while i < len(self.tokens):
            if i in by_start and self.taken.get(i) is by_start[i]:  # (not a mention a longer one displaced)
                introduced.add(by_start[i])
            if i in self.taken:
                i += 1
                continue
            f = None
            for resolve in resolvers:
                f = resolve(i, introduced)
                if f:
                    break
            if f and not self._displaces(f):
                f = None
            if f:
                self.accept(f)
                introduced.add(f)
                i = f.last
                continue
            i += 1
        self.found.sort(key=lambda f: f.start)

    def relink_titled_surnames(self) -> None:
        """"Mr Haddad" / «السيد حداد» after "Karim Haddad": a title and one name word that ends exactly one
        person named before is that person, not a new one (rule entity.titled-surname)."""
        titles = title_first_words()
        by_last: dict[str, list[GazEntry]] = {}
        for f in sorted(self.found, key=lambda f: f.start):
            if f.entry.category not in ("person", "place"):
                continue
            words = self.text[f.start : f.end].split()
            arabic = self.tokens[f.first].is_arabic
            keyed = [normalize(w) if arabic else w.rstrip(".").lower() for w in words]
            if f.entry.category == "place" and f.kind == "name" and f.entry.qid is None and f.entry.key.startswith(GEONAMES_CITY):
                # «وأشار ميري» after «العميد مقداد ميري»: a city known only from GeoNames whose one word is the
                # family name of exactly one person named before is that person (a name part: rule entity.part)
                earlier = {e.key: e for e in by_last.get(keyed[-1], ())} if len(words) == 1 else {}
                if len(earlier) == 1:
                    f.entry = next(iter(earlier.values()))
                    f.kind = "part"
                continue
            if f.entry.category != "person":
                continue
            if len(words) >= 2 and all(w in titles for w in keyed[:-1]):
                earlier = {e.key: e for e in by_last.get(keyed[-1], ()) if e.key != f.entry.key}
                if len(earlier) == 1:
                    f.entry = next(iter(earlier.values()))
                    f.kind = "part"
                    continue
            if len(words) >= 2 and not any(w in titles for w in keyed[:1]):
                by_last.setdefault(keyed[-1], []).append(f.entry)

    def name_part(self, i: int, introduced: _Introduced) -> Found | None:
        tok = self.tokens[i]
        if not tok.is_word:
            return None
        if not introduced.has_persons:
            return None
        splits = tok.splits[:2] if tok.is_arabic else [(0, tok.text)]
        tails = self._person_tails
        for cut, stem in splits:
            if stem not in tails:
                continue
            for f in reversed(introduced.persons_by_word[tok.is_arabic].get(stem, ())):
                if tok.is_arabic and f.kind == "tagger" and (f.score or 0.0) < TAGGED_PART_SCORE:
                    continue  # a name only the tagger found, unsure: its words alone are no more sure of it
                    # (measured on Arabic; English's tagger, trained on 39,000 words, scores its persons lower)
                norm_words = self._name_words(f, tok.is_arabic)
                if len(norm_words) < 2:
                    continue
                for n in (len(norm_words), 2, 1) if len(norm_words) > 2 else (2, 1):
                    tail = norm_words[-n:]
                    if n == 2 and len(norm_words) > 2 and tail[0] not in {"عبد", "ابو", "ال", "بن", "Abdel", "Abu", "al", "bin"} \
                            and not self._later_two_words(norm_words, tail):
                        continue
                    seq = [stem] + [self.tokens[i + j].norm if tok.is_arabic else self.tokens[i + j].text for j in range(1, n) if i + j < len(self.tokens)]
                    if seq != tail:
                        continue
                    if n == 1 and len(stem) < 3:
                        continue
                    if n == 1 and tok.is_arabic and self.gaz.only_demonyms((stem,)):
                        continue  # الأميركي ending a person's mention is a description, not a family name
                    if n == 1 and tok.is_arabic and self._everyday_word(stem):
                        continue  # الجديد، الدين، الشيخ ending a name: alone, the word, not the person
                    if n == 1 and tok.is_arabic and cut and self.frequent.get(tok.norm, 0.0) >= WORD_WITH_PROCLITIC_ZIPF \
                            and not self.names.get(stem):
                        continue  # وتعهد "and pledged", والمنتخب "and the national team": a word as written, not «و» + the name
                    if n == 1 and tok.is_arabic and (self.written_as_function_word(i, cut)
                                                     or (stem in self.fw and not self.names.get(stem))):
                        continue  # «على» "on" as written (وعلى too), though it normalises as the name علي: the
                        # preposition; a function word a run-on name took in (فيهم "among them") is no name alone
                    if n == 1 and i > 0 and self.before_a_number(i) and self.tokens[i - 1].norm in self.fw:
                        continue  # عن عمر 70 عاما "at the age of 70": a noun between a preposition and a number
                    before = self.taken.get(i - 1)
                    if before is not None and before.entry is f.entry and not cut:
                        continue  # right after a mention of the same person: the word the tagger left out of that mention, not a second one
                    # a name part shared with another person as *family* name is ambiguous: skip
                    start = cut_offset(tok, cut) if cut else tok.start
                    end = self.tokens[i + n - 1].end
                    return Found(i, i + n, start, end, f.entry, "part")
        return None

    def _later_two_words(self, words: list[str], tail: list[str]) -> bool:
        """The last two words of a name of three or more may be its later mention (أحمدي نجاد after محمود أحمدي
        نجاد, فيلار مير) — not in a nasab, where they are the father's name (ناصر الفارس after سالم بن ناصر
        الفارس), nor where one of them is a place, an organisation, a head or a trigger (a run-on name's last words)."""
        if any(w in NASAB_WORDS for w in words):
            return False
        return not any(w in self.triggers or self.heads.get(w) or any(e.category != "person" for e in self.plain_entries((w,)))
                       for w in tail)

    def _everyday_word(self, stem: str) -> bool:
        """One of Arabic's commonest words (Zipf ≥ :data:`EVERYDAY_ZIPF`: الجديد، الدين، الشيخ) and no given
        name: alone, a later mention of it is the word, not the person whose name ended with it. Family
        names that are common words too (الخطيب، الشامي، الأسد) are less common than that. Measured on a slice
        of ANERcorp's train split and on the dev articles (kg/models/README.md)."""
        return not self.names.get(stem) and zipf(stem, frequent_words()) >= EVERYDAY_ZIPF

    def _name_words(self, f: Found, arabic: bool) -> list[str]:
        key = (f.start, f.end, arabic)
        if key not in self._words_cache:
            words = self.text[f.start : f.end].split()
            self._words_cache[key] = [normalize(w) for w in words] if arabic else words
        return self._words_cache[key]

    def nominal(self, i: int, introduced: _Introduced) -> Found | None:
        tok = self.tokens[i]
        if tok.is_word and not tok.is_arabic and tok.text.lower() == "the" and i + 1 < len(self.tokens):
            head = self.tokens[i + 1]
            if head.text.islower() and head.text in self.heads and i + 1 not in self.taken:
                f = introduced.org_by_word.get(head.text)
                if f is not None:
                    return Found(i + 1, i + 2, head.start, head.end, f.entry, "nominal")
                if self._speaks(i + 2) or self._after_according_to(i):
                    # "The army said …" (or "according to the ministry") with no army named before: the phrase
                    # names an organisation itself
                    label = f"the {head.text}"
                    return Found(i, i + 2, tok.start, head.end, _new_entry("organization", self.heads[head.text].type, label),
                                 "nominal")
            return None
        if not tok.is_arabic or not tok.is_word:
            return None
        demonstrative = tok.norm in DEMONSTRATIVES or (tok.norm[:1] in "وف" and tok.norm[1:] in DEMONSTRATIVES)
        j = i + 1 if demonstrative else i
        if j >= len(self.tokens) or j in self.taken:
            return None
        t = self.tokens[j]
        for cut, stem in t.splits:
            if not stem.startswith("ال"):
                continue
            head = stem[2:]
            target = None
            if head in {"مدينه", "بلده", "قريه"}:
                target = introduced.focus("City")
            elif head in {"محافظه", "ولايه"}:
                target = introduced.last_region
            elif self.heads.get(head) or self.heads.get(stem) or demonstrative:
                target = introduced.org_by_head.get(head)
                kind = self.heads.get(head) or self.heads.get(stem)
                if target is None and not demonstrative and kind is not None and kind.type == "GovernmentBody" \
                        and (self._cue_verb_at(j - 1) or self._spokesman_for(j - 1)):
                    # وقالت الحكومة … (or المتحدث باسم الجيش …) with no government named before: the phrase names
                    # the actor itself
                    start = cut_offset(t, cut) if cut else t.start
                    label = self.text[start : t.end]
                    return Found(j, j + 1, start, t.end, _new_entry("organization", kind.type, label, kind.gender), "nominal")
            if not target:
                continue
            start = cut_offset(t, cut) if cut else t.start
            if demonstrative:
                start = tok.start if not (tok.norm[:1] in "وف" and tok.norm[1:] in DEMONSTRATIVES) else cut_offset(tok, 1)
            end = t.end
            last = j + 1
            # a following definite adjective is part of the nominal (المحافظة الشمالية)
            if last < len(self.tokens) and self.tokens[last].norm.startswith("ال") and last not in self.taken:
                adj = self.tokens[last].norm
                if len(adj) > 4 and adj not in self.fw and (adj.endswith("يه") or adj.endswith("ي")):
                    end = self.tokens[last].end
                    last += 1
            return Found(i, last, start, end, target, "nominal")
        return None

    def _cue_verb_at(self, k: int) -> bool:
        """An Arabic cue verb at k, its proclitics aside (وقالت، فأعلنت)."""
        if k < 0 or not self.tokens[k].is_arabic:
            return False
        return any((c := self.cues.get(stem)) is not None and c.kind == "verb" and c.lang == "ar" for _, stem in self.tokens[k].splits)

    def _spokesman_for(self, k: int) -> bool:
        """«باسم» "on behalf of" at k after a spokesperson's title (المتحدث باسم، الناطقة باسم، متحدث باسم): the body
        after it is the one speaking."""
        if k < 1 or self.tokens[k].norm != "باسم":
            return False
        return self.tokens[k - 1].norm.removeprefix("ال") in spokesperson_words()

    def _after_according_to(self, k: int) -> bool:
        """"according to" right before token k (English)."""
        return k >= 2 and self.tokens[k - 2].text.lower() == "according" and self.tokens[k - 1].text.lower() == "to"

    def _speaks(self, k: int) -> bool:
        """An English cue verb at k, or after one auxiliary (the army has said)."""
        for x in (k, k + 1):
            if x < len(self.tokens):
                c = cues().get(self.tokens[x].text.lower())
                if c is not None and c.lang == "en" and c.kind == "verb":
                    return True
                if self.tokens[x].text.lower() not in {"has", "have", "had", "also", "later"}:
                    return False
        return False

    def _mention_head(self, f: Found) -> str:
        words = self.text[f.start : f.end].replace("«", " ").replace("»", " ").split()
        return strip_article(normalize(words[0])) if words else ""

    def _head_of(self, e: GazEntry) -> str:
        label = e.label_ar or e.label
        words = [w for w in label.replace("«", " ").replace("»", " ").split()]
        return strip_article(normalize(words[0])) if words else ""



class _Introduced:
    """The mentions coreference may point back to, indexed as they arrive.

    Each look-up answers what a scan of every earlier mention, most recent first, would answer;
    the scans made extraction quadratic in the article's length.
    """

    def __init__(self, finder: CoreferenceRules):
        self.finder = finder
        self.has_persons = False
        self.persons_by_word: dict[bool, dict[str, list[Found]]] = {True: {}, False: {}}  # by the last two name words
        self.org_by_word: dict[str, Found] = {}  # English: the latest organisation with this word in mention or label
        self.org_by_head: dict[str, GazEntry] = {}  # Arabic: the latest organisation (no demonym) with this head
        self.counts: dict[str, dict[str, list]] = {}  # type → key → [mentions, last position, entry]
        self.last_region: GazEntry | None = None
        self.n = 0

    def add(self, f: Found) -> None:
        pos, self.n = self.n, self.n + 1
        e, finder = f.entry, self.finder
        if e.category == "person" and f.kind in {"person", "name", "tagger"}:
            self.has_persons = True
            for arabic in (True, False):
                words = finder._name_words(f, arabic)
                if len(words) >= 2:
                    for w in dict.fromkeys(words[-2:]):
                        self.persons_by_word[arabic].setdefault(w, []).append(f)
        if e.category == "organization":
            for w in finder.text[f.start : f.end].lower().split() + (e.label_en or e.label).lower().split():
                self.org_by_word[w] = f
            if f.kind != "demonym":
                for head in (finder._head_of(e), finder._mention_head(f)):
                    self.org_by_head[head] = e
        if f.kind != "demonym":
            c = self.counts.setdefault(e.type, {}).setdefault(e.key, [0, 0, e])
            c[0] += 1
            c[1] = pos
            if e.type == "Region" and not e.label.startswith("ريف"):
                self.last_region = e

    def focus(self, type_: str) -> GazEntry | None:
        """The most mentioned entity of a type so far (ties: the most recent): the city "in focus"."""
        counts = self.counts.get(type_)
        return max(counts.values(), key=lambda c: (c[0], c[1]))[2] if counts else None


