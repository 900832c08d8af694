"""Entity mentions: gazetteer names, trigger patterns, persons, and in-article coreference.

The passes, in order:

1. **names**: at each token, the longest of (a) a gazetteer name with its
   proclitics cut off (وبالرقة → الرقة), «» allowed between words; (b) a place
   trigger and the name after it (مدينة X, محافظة X, حي X); (c) an organisation
   head and its name (تلفزيون «X», وحدة الإعلام الحربي, قوات النظام); (d) a
   person: a given name from our lexicon, or any name after a title, and the
   surname words after it. Longer spans win.
2. **aliases** learned in the article: «X» inside a found name, "(سانا)" after one.
3. **coreference**: name parts of persons already introduced (عبد الرحمن →
   سامي عبد الكريم), definite heads (المرصد, التنظيم, هذه القوات, المدينة).
4. **senses**: a bare name shared by a city and its governorate takes the sense
   the article introduced first.

Each kind of rule is a component in its own module, mixed into one finder: :mod:`kg.extract.persons`,
:mod:`kg.extract.organisations`, :mod:`kg.extract.places`, :mod:`kg.extract.coreference`; what they share
is in :mod:`kg.extract.entity_base`. Every entity records the passes that found its mentions
(``Entity.rules``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property, lru_cache

from kg.extract.coreference import CoreferenceRules
from kg.extract.datelines import DatelineRules
from kg.extract.fields import FIELDS, FieldNameRules
from kg.extract.entity_base import (  # noqa: F401 - re-exported for the claim rules
    COMPOUND_PARTICIPLE,
    CORRESPONDENTS,
    CURRENCY_WORDS,
    DESCRIPTOR_HEADS,
    names_a_kind,
    DEMONSTRATIVES,
    LINKERS,
    MEDIA_HEADS,
    MEDIA_TYPES,
    NAME_PARTICLES,
    QUOTES,
    EntityTable,
    Found,
    _entity_from,
    _new_entry,
    after_interview_noun,
)
from kg.extract.frequency import frequent_words, is_common_word
from kg.extract.gazetteer import CLUBS, COMPANIES, GEONAMES_CITY, GazEntry, Gazetteer, load_gazetteer
from kg.extract.lexicon import cues as cue_lexicon
from kg.extract.lexicon import (
    rule_function_words,
    rule_given_names,
    rule_org_heads,
    person_titles,
    place_stopwords,
    place_triggers,
    raw_function_words,
    role_nouns,
    title_first_words,
    YA_FOR_ALIF_MAQSURA,
)
from kg.extract.normalize import light, normalize, spelling_skeleton
from kg.extract.organisations import QUOTE_PAIRS, OrganisationRules
from kg.extract.persons import PersonRules
from kg.extract.places import PlaceRules
from kg.extract.quantities import number_word_forms
from kg.extract.tagged import COMMON_WORD_PLACE, STOP_NAME_PLACE, TaggerRules
from kg.extract.tokens import Sentence, Token, cut_offset
from kg.records import Span


# normalised first words of foreign places' names (New, San, Saint, Santa, Los, Las, Port, Rio): before a place the
# gazetteer knows they name another place (نيو جيرسي is not Jersey)
FOREIGN_PLACE_PREFIXES = frozenset({"نيو", "سان", "سانت", "سانتا", "لوس", "لاس", "بورت", "ريو"})
ENGLISH_PLACE_PREFIXES = frozenset({"New", "San", "Santa", "Saint", "Los", "Las", "Port", "Fort", "Rio"})  # New Mexico is not Mexico
SPLIT_TOWN_WORD_ZIPF = 4.0  # a word this common as written is not proclitic + a GeoNames-only town (measured: kg/models/README.md)


class _Finder(PersonRules, OrganisationRules, PlaceRules, FieldNameRules, DatelineRules, CoreferenceRules, TaggerRules):
    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], lang: str):
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.lang = lang
        self.gaz: Gazetteer = load_gazetteer()
        self.local: dict[tuple[str, ...], GazEntry] = {}
        self.taken: dict[int, Found] = {}
        self.found: list[Found] = []
        self.fw = rule_function_words()
        self.raw_fw = raw_function_words()
        self.frequent = frequent_words()  # normalised Arabic word → Zipf frequency (wordfreq, Zipf ≥ 3)
        self.cues = cue_lexicon()
        self.heads = rule_org_heads()
        self.triggers = place_triggers()
        self.names = rule_given_names()
        self.titles = person_titles()
        self.stop_names = place_stopwords()
        self.role_nouns = role_nouns()
        self._gaz_cache: dict[tuple[int, int], list[Found]] = {}
        self._firsts_cache: set[str] = set()
        self._firsts_for = 0
        self._first_use: dict[str, int] = {}
        for k, t in enumerate(tokens):
            if t.is_arabic:
                for _, st in t.splits:
                    self._first_use.setdefault(st.removeprefix("ال"), k)
        self.article_countries = self._countries_named()
        self.title_at = self._title_starts()
        self.sentence_of = {}
        for si, s in enumerate(sentences):
            for k in range(s.start, s.end):
                self.sentence_of[k] = si

    # ---------- helpers ----------
    def _local_firsts(self) -> set[str]:
        if self._firsts_for != len(self.local):
            self._firsts_cache = {k[0] for k in self.local}
            self._firsts_for = len(self.local)
        return self._firsts_cache

    def _countries_named(self) -> set[str]:
        """ISO codes of the countries the article names (or names by adjective): context for ambiguous places."""
        out: set[str] = set()
        codes = self.gaz.country_codes
        for tok in self.tokens:
            if not tok.is_word:
                continue
            for _, stem in tok.splits if tok.is_arabic else [(0, tok.text)]:
                out |= codes.get((stem,), NO_CODES)
        norms = [t.norm for t in self.tokens]
        for pair in zip(norms, norms[1:]):
            out |= codes.get(pair, NO_CODES)
        return out

    def words_from(self, i: int, n: int) -> list[int]:
        """Indices of up to n word tokens from i, skipping «» between them (not crossing other punctuation)."""
        out = []
        k = i
        while k < len(self.tokens) and len(out) < n:
            t = self.tokens[k]
            if t.text in QUOTES and out:
                k += 1
                continue
            if not t.is_word:
                break
            out.append(k)
            k += 1
        return out

    def span(self, first: int, last_word: int, start_char: int) -> tuple[int, int, int]:
        """Char span for tokens first..last_word; closes an opened «» that the span contains."""
        end = self.tokens[last_word].end
        last = last_word + 1
        inner = self.text[start_char:end]
        if inner.count("«") > inner.count("»") and last < len(self.tokens) and self.tokens[last].text == "»":
            end = self.tokens[last].end
            last += 1
        return last, start_char, end

    def is_free(self, a: int, b: int) -> bool:
        return all(k not in self.taken for k in range(a, b))

    def accept(self, f: Found) -> None:
        self.found.append(f)
        for k in range(f.first, f.last):
            self.taken[k] = f

    def mentions_over(self, first: int, last: int) -> list[Found]:
        """The mentions found so far over tokens first … last − 1, each once, in the order of their tokens."""
        return list({id(g): g for k in range(first, last) if (g := self.taken.get(k)) is not None}.values())

    def drop(self, f: Found) -> None:
        """Take back an accepted mention (a longer reading displaces it)."""
        self.found.remove(f)
        for k in range(f.first, f.last):
            if self.taken.get(k) is f:
                del self.taken[k]

    @cached_property
    def ya_for_alif_maqsura(self) -> bool:
        """The text writes ى as ي (إلي, حتي): looked for only when a name could be a function word."""
        return any(t.is_arabic and t.text in YA_FOR_ALIF_MAQSURA for t in self.tokens)

    def written_as_function_word(self, k: int, cut: int = 0) -> bool:
        """Token k, from ``cut`` letters on (after a proclitic), is a function word as written: «على» "on",
        though kg's normalisation spells it as the name «علي»."""
        return light(self.tokens[k].text)[cut:] in self.raw_fw

    def after_a_number(self, k: int) -> bool:
        """Token k comes right after a number in its sentence, in digits or words (3، مليار، آلاف)."""
        if k == 0 or self.sentence_of.get(k - 1) != self.sentence_of.get(k):
            return False
        prev = self.tokens[k - 1]
        return prev.text[:1].isdigit() or prev.norm in number_word_forms()

    def before_a_number(self, k: int) -> bool:
        """Token k comes right before a number in digits in its sentence (عمر 70 عاما "age 70")."""
        return k + 1 < len(self.tokens) and self.sentence_of.get(k + 1) == self.sentence_of.get(k) \
            and self.tokens[k + 1].text[:1].isdigit()

    def spelled_like_function_word(self, k: int, cut: int = 0) -> bool:
        """علي in a text that writes ى as ي: the name Ali and the preposition على look the same there."""
        if not self.ya_for_alif_maqsura:
            return False
        raw = light(self.tokens[k].text)[cut:]
        return raw.endswith("ي") and raw[:-1] + "ى" in self.raw_fw

    def definite_after_proclitic(self, tok: Token, cut: int, stem: str) -> bool:
        """A reading of a word as a proclitic before a definite noun (بالعاصمة، فالحكومة، والمهتدي) that Arabic
        bears out. After «ف» or «ك», only where the definite noun is a word of wordfreq's list (Zipf ≥ 3) or a
        name the gazetteer knows: otherwise the letters are a foreign name's own — فالديز (Valdez), كالفينو
        (Calvino), فالنتينو — and the word can start or go on with a person's name. After «و», «ب» or «ل» a
        definite name unknown to both is far more often the reading (والمهتدي "and al-Muhtadi")."""
        if not cut or not stem.startswith("ال"):
            return False
        if not any(ch in "فك" for ch in tok.norm[:cut]):
            return True
        return stem in self.frequent or stem in self.gaz.firsts

    def prev_word(self, i: int) -> Token | None:
        k = i - 1
        while k >= 0 and self.tokens[k].text in QUOTES:
            k -= 1
        return self.tokens[k] if k >= 0 else None

    def is_word_norm(self, k: int) -> str:
        return self.tokens[k].norm if 0 <= k < len(self.tokens) else ""

    # ---------- pass 1: candidates ----------
    def gazetteer_candidates(self, i: int) -> list[Found]:
        return [Found(**f.__dict__) for f in self.cached_candidates(i)]  # copies: callers may change them

    def cached_candidates(self, i: int) -> list[Found]:
        """The gazetteer candidates at i, cached per token and state of the article's local names (read only)."""
        key = (i, len(self.local))
        if key not in self._gaz_cache:
            self._gaz_cache[key] = self._gazetteer_candidates(i)
        return self._gaz_cache[key]

    def _gazetteer_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        out = []
        short = None  # «و/ف» + a name's first word of two letters (وتل أبيب): proclitic_splits reads no «و» off a
        # word of three letters, the stem alone being too short to be read; it stands here for a name of several words
        # only («ب/ل» + two letters it does read: بتل أبيب، بقم "in Qom")
        if tok.is_arabic:
            splits = tok.splits
            if len(tok.norm) == 3 and tok.norm[0] in "وف":
                short = (1, tok.norm[1:])
                splits = [*splits, short]
        else:
            splits = [(0, tok.text)] + ([(0, tok.text.title())] if tok.text.isupper() and len(tok.text) > 3 else [])
        local_firsts = self._local_firsts()
        idx: list[int] = []
        for cut, stem in splits:
            if stem not in self.gaz.firsts and stem not in local_firsts:
                continue
            idx = idx or self.words_from(i, self.gaz.max_len)
            for n in range(len(idx), 1 if (cut, stem) == short else 0, -1):
                key = (stem,) + tuple(self.tokens[k].norm for k in idx[1:n])
                entries = self.gaz.lookup(key) or ([self.local[key]] if key in self.local else [])
                if not entries:
                    continue
                if n == 1 and (any(st in self.fw for _, st in splits) or (tok.norm[:1] in "وف" and tok.norm[1:] in self.fw)):
                    continue  # وإن is a conjunction, not the town of Van
                entry = self.choose(entries, i, cut, key)
                if entry is None:
                    continue
                if n == 1 and entry.category == "person" and i > 0 and self._after_definite_noun(i):
                    continue  # الجيش السوداني: an adjective, not the person called al-Sudani
                if n == 1 and cut and entry.key.startswith(GEONAMES_CITY) and self.frequent.get(tok.norm, 0.0) >= SPLIT_TOWN_WORD_ZIPF:
                    continue  # فعالية "effectiveness" is a word as written, not «ف» + a town GeoNames alone knows
                if n == 1 and entry.category == "person" and cut and tok.norm[cut - 1] in "فك":
                    continue  # فرائس "prey" (normalised فرايس) is not «ف» + رايس: «ف/ك» before a name alone is rare
                start = cut_offset(tok, cut) if cut else tok.start
                last, s, e = self.span(i, idx[n - 1], start)
                # the opening « right before a name belongs outside the span; a closing one does too
                if self.text[s:e].endswith("»") and "«" not in self.text[s:e]:
                    e -= 1
                    last -= 1
                if entry.demonym and tok.is_arabic and stem.startswith("ال"):
                    continue  # الاقتصاد العراقي: an adjective of a definite noun, not a mention of the country
                if (entry.demonym or (n == 1 and entry.type == "Country" and not stem.startswith("ال"))) \
                        and self._after_currency(i):  # (not a city: ريال مدريد is a club, «ريال» no riyal there)
                    continue  # دولار أمريكي، ليرة سورية, US dollars: a currency's name, not the country as actor
                if n >= 2 and entry.source in (CLUBS, COMPANIES) and any(x.demonym for x in self.gaz.lookup((key[-1],))):
                    last, e = idx[n - 2] + 1, self.tokens[idx[n - 2]].end  # ميلان الإيطالي: the club is «ميلان», the
                    # adjective its country's (an alias with it says which club; the mention is the name)
                kind = "demonym" if entry.demonym else "name"
                out.append(Found(i, last, s, e, entry, kind))
                break
        if not out and tok.is_arabic:
            out = self._country_spelt_otherwise(i)
        if not out and not tok.is_arabic and "-" in tok.text:
            return self._compound_candidates(i)  # Iranian-backed (Al-Hasakah is a name of its own, found above)
        if not out and (tok.norm in FOREIGN_PLACE_PREFIXES if tok.is_arabic else tok.text in ENGLISH_PLACE_PREFIXES):
            return self._prefixed_place(i)
        return out

    def _country_spelt_otherwise(self, i: int) -> list[Found]:
        """A one-word country's name spelt with other long vowels than the gazetteer's (تركمنستان, طاجكستان for
        تركمانستان, طاجيكستان): the same :func:`~kg.extract.normalize.spelling_skeleton`, a skeleton of
        :data:`COUNTRY_SKELETON_LETTERS` letters or more (shorter ones are other words' too), and a word general
        Arabic does not use as written (wordfreq Zipf below 3)."""
        tok = self.tokens[i]
        for cut, stem in tok.splits:
            if len(stem) < COUNTRY_SKELETON_LETTERS or stem in self.frequent:
                continue
            entry = country_skeletons().get(spelling_skeleton(stem))
            if entry is not None:
                return [Found(i, i + 1, cut_offset(tok, cut) if cut else tok.start, tok.end, entry, "name")]
        return []

    def _prefixed_place(self, i: int) -> list[Found]:
        """نيو جيرسي، سان ماركو, New Mexico: a foreign place's first word («New», «San», «Los» …) before a place the gazetteer
        knows, and no entry for the whole: another place than the one named by the rest (New Jersey is not Jersey),
        a city unless a trigger says otherwise."""
        tok = self.tokens[i]
        if i + 1 >= len(self.tokens) or self.sentence_of.get(i + 1) != self.sentence_of.get(i):
            return []
        inner = [f for f in self.cached_candidates(i + 1)
                 if f.entry.category == "place" and not f.entry.demonym and f.start == self.tokens[i + 1].start]
        if not inner:
            return []
        f = inner[0]
        return [Found(i, f.last, tok.start, f.end, _new_entry("place", "City", self.text[tok.start : f.end]), "name")]

    def _after_currency(self, i: int) -> bool:
        """Token i is a currency's adjective: after the currency's word in Arabic (دولار أمريكي، ليرة سورية),
        before it in English ("Lebanese pounds"; :data:`CURRENCY_WORDS`)."""
        tok = self.tokens[i]
        if tok.is_arabic:
            prev = self.prev_word(i)
            return prev is not None and prev.norm in CURRENCY_WORDS
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text.lower() in CURRENCY_WORDS

    def _compound_candidates(self, i: int) -> list[Found]:
        """"Iranian-backed", "Russian-made", "Saudi-led", "Turkey-based": a country or its demonym joined to
        a participle is a mention of the country (the annotation guide's rule), over the name's own letters."""
        tok = self.tokens[i]
        m = COMPOUND_PARTICIPLE.fullmatch(tok.text)
        if not m:
            return []
        entries = [e for e in self.gaz.lookup((m.group(1),)) if e.category == "place"]
        if not entries:
            return []
        entry = self._best_place(entries)
        return [Found(i, i + 1, tok.start, tok.start + len(m.group(1)), entry, "demonym" if entry.demonym else "name")]

    def choose(self, entries: list[GazEntry], i: int, cut: int, key: tuple[str, ...]) -> GazEntry | None:
        prev = self.prev_word(i)
        prev_norm = prev.norm if prev else ""
        channel_context = ((cut and "ل" in self.tokens[i].norm[:cut]) or prev_norm in {"ل", "لـ"} or prev_norm in MEDIA_HEADS
                           or prev_norm in CORRESPONDENTS or after_interview_noun(self.tokens, i - 1)
                           or (not cut and self._in_brackets(i, i + len(key))))
        quoted = prev is not None and i > 0 and self.tokens[i - 1].text == "«"
        # a medium of kg's own lists named by an everyday word needs more than «ل» (للعالم، للرأي "for the world",
        # "for opinion"): a medium's noun, a correspondent or quotes
        entries = self.field_readings(entries, i, key, quoted or prev_norm in MEDIA_HEADS or prev_norm in CORRESPONDENTS)
        if not entries:
            return None
        if all(e.source in FIELDS for e in entries):
            return self._best_place(entries)  # a club, a company or a medium, read so here (kg.extract.fields)
        media = [e for e in entries if e.type in MEDIA_TYPES]
        other = [e for e in entries if e not in media]
        said_to_be_named = quoted or prev_norm in self.triggers  # «الجزيرة», مدينة الخبر
        if len(key) == 1 and normalize(key[0]) in self.stop_names and not (said_to_be_named or channel_context):
            # صور "pictures", الرياض "gardens": the place only where the tagger surely reads one (في الرياض)
            places = [e for e in entries if e.category == "place"]
            if not places or not self.tagger_reads_place(i, STOP_NAME_PLACE):
                return None
            return self._best_place(places)
        if len(key) == 1 and not said_to_be_named and (key[0] in self.gaz.common_words or (
                is_common_word(key[0], self.frequent) and not any(e.demonym for e in entries))):
            # الحصار، الخبر، العمارة، الطبقة: a common word (both with and without the article) names a place
            # only where the tagger reads one; a demonym is the country's by the annotation guide
            entries = [e for e in entries if self._read_as_named(e, i, channel_context)]
            if not entries:
                return None  # الحصار، الخبر: a common word, not the town GeoNames names so
        if not said_to_be_named and all(e.key.startswith(GEONAMES_CITY) for e in entries) \
                and not self.tagger_reads_a_name(i, i + len(key)):
            return None  # a town GeoNames alone knows, in words the tagger reads as no name (سلالة "a breed", الأم)
        if media and other:
            # «الشرق الأوسط» in quotes, as Arabic papers write another paper's name: the paper, not the region
            return media[0] if channel_context or quoted else self._best_place(other)
        return self._best_place(entries)

    def _learn_name(self, key: tuple[str, ...], entry: GazEntry) -> None:
        """This article calls ``entry`` ``key`` (unless the key is taken or the gazetteer knows it)."""
        if key and key not in self.local and not self.gaz.lookup(key):
            self.local[key] = entry

    def _opens_with_head(self, f: Found) -> bool:
        """The mention's first word is an organisation's head (وزارة الخارجية), not the bare name after one."""
        t = self.tokens[f.first]
        return any(self.org_head(st) for _, st in t.splits) if t.is_arabic else t.text in self.heads

    def _read_as_named(self, entry: GazEntry, i: int, channel_context: bool) -> bool:
        """Whether the common word at i is ``entry``'s name here. A place where the tagger reads a place, but a
        country always (سورية is also "Syrian", and a demonym is the country's by the annotation guide), and a
        place of the checked gazetteer when there is no tagger (no evidence against it; a town GeoNames alone
        knows is dropped then). A paper or a channel named by an everyday word (الحدث "the event", المسيرة "the
        march") where «ل» or a media word says so, or the tagger reads a name; any other organisation (القاعدة)."""
        if entry.category == "place":
            if entry.type == "Country" or (not entry.key.startswith(GEONAMES_CITY) and self._tagger_output() is None):
                return True  # سورية "Syrian" (f.) names the country as often; without a tagger, no evidence against it
            return self.tagger_reads_place(i)
        if entry.type in MEDIA_TYPES and not channel_context:
            return self.tagger_reads_a_name(i, i + 1, COMMON_WORD_PLACE)
        return True

    def _best_place(self, entries: list[GazEntry]) -> GazEntry:
        """Same name, several places (Tripoli): the one in a country the article names, then the checked one."""
        if len(entries) == 1:
            return entries[0]
        return min(entries, key=lambda e: (e.country not in self.article_countries if e.country else True, e.rank, -e.population))


    def pass_names(self) -> None:
        cands: list[Found] = []
        for i in range(len(self.tokens)):
            cands += self.gazetteer_candidates(i)
            cands += self.trigger_candidates(i)
            cands += self.org_candidates(i)
            cands += self.club_candidates(i)
            cands += self.dateline_candidates(i)
            cands += self.person_candidates(i)
            cands += self.english_org_candidates(i)
            if not self.tokens[i].is_arabic:
                cands += self.english_structural_person(i)
                cands += self.english_generic_org(i)
        rank = {"trigger": 0, "pattern": 1, "person": 2, "name": 0, "demonym": 3}
        cands.sort(key=lambda f: (-(f.end - f.start), f.first, rank.get(f.kind, 5)))
        # the one overlap filter: longest span first; of one span, the candidate that read the word typing it
        # (a trigger or a club's noun before the name: مدينة حمص، نادي ليفربول → the name, so typed); then the
        # rank of the pass that proposed it (the learned tagger's spans come after every rule's and after
        # coreference: pass_tagger)
        for f in cands:
            if f.kind != "person" and not self.is_free(f.first, f.last):
                continue  # taken: only a rule's person may shrink (tagger_trimmed), every other reading only grows
            f = self.city_as_club(self.tagger_widened(self.tagger_trimmed(self.tagger_extended_left(self.tagger_extended(f)))))
            if self.is_free(f.first, f.last) and not self.tagger_doubts_person(f):
                self.accept(f)
        self.found.sort(key=lambda f: f.start)

    def pass_titles_before_names(self) -> None:
        """A person's name of the gazetteer that is a title (الرئيس الروسي, an alias of whoever holds the office
        when the list was made) right before a person's name is that name's title, no mention of its own:
        «وزير الخارجية الروسي سامر X» names X, whoever the list says the minister is."""
        starts = {f.first: f for f in self.found}
        titles = title_first_words()
        for f in list(self.found):
            if f.kind != "name" or f.entry.category != "person" or not self.tokens[f.first].is_word:
                continue
            k = f.last
            while k < len(self.tokens) and self.tokens[k].text in QUOTES:
                k += 1  # الرئيس الروسي «X»
            nxt = starts.get(k)
            if nxt is None or nxt.entry.category != "person" or self.sentence_of.get(nxt.first) != self.sentence_of.get(f.first):
                continue
            if self.tokens[f.first].splits[-1][1] in titles or self.tokens[f.first].text.lower() in titles:
                self.drop(f)

    def pass_descriptor_heads(self) -> None:
        """A mention that opens with a noun saying what kind of organisation or place it names
        (:data:`DESCRIPTOR_HEADS`: شركة، صحيفة، نادي، حركة، دولة، إقليم …) followed by words that are themselves
        a name of the same entity (شركة مايكروسوفت، صحيفة الأهرام، دولة الكويت): the mention is the name; the
        noun, which typed it, stays outside. Where the whole is the name of another entity than its rest
        (قطاع غزة is not غزة, إقليم كردستان is the region), the whole stays. Measured on a slice of ANERcorp's
        train split (organisations 0.490 → 0.509, places 0.820 → 0.826) with the dev articles unchanged."""
        for n, f in enumerate(self.found):
            if f.last - f.first < 2 or f.entry.category not in {"organization", "place"}:
                continue
            head = self.tokens[f.first]
            if not head.is_arabic or not (names_a_kind(head.splits) or head.norm.removeprefix("ال") in DESCRIPTOR_HEADS):
                continue  # (the head with the article too: النادي الأهلي → «الأهلي»)
            first, last = f.first + 1, f.last
            opening = self.tokens[first].text
            if opening in QUOTE_PAIRS and last - first > 2 and self.tokens[last - 1].text == QUOTE_PAIRS[opening]:
                first, last = first + 1, last - 1  # شركة « غوغل »: the name inside the quotes, as a quoted pattern's
            elif opening in QUOTE_PAIRS and last - first > 1:
                first += 1  # صحيفة " هآرتس ": a name matched across the opening quote ends before the closing one
            rest = tuple(self.tokens[k].norm for k in range(first, last))
            if f.entry in self.gaz.lookup(rest) or self.local.get(rest) is f.entry:
                self.found[n] = replace(f, first=first, last=last, start=self.tokens[first].start, end=self.tokens[last - 1].end)

    def pass_aliases(self) -> None:
        """Learn names used in this article: a place a trigger named, an organisation's bare name after its
        head, «X» inside a found name, (X) right after one — unless the same
        (X) follows another entity too: then it says something of each (a club's country in a results table,
        ليفربول (إنجلترا) … تشلسي (إنجلترا)), no entity's other name."""
        bracketed: dict[tuple[str, ...], list[tuple[Found, list[int]]]] = {}
        for f in list(self.found):
            inner = self.text[f.start : f.end]
            if f.kind == "trigger" and f.entry.category == "place" and f.entry.rank >= 5:
                # قرية فالتورا … وفي فالتورا: a place only a trigger named is that place again by its name alone
                # (not a word of the frequency list: a trigger before an everyday word may name a place once)
                key = tuple(normalize(w) for w in self.text[f.start : f.end].split())
                if not (len(key) == 1 and (key[0] in self.frequent or key[0] in self.fw)):
                    self._learn_name(key, f.entry)
            if f.kind in {"pattern", "dateline"} and f.entry.category == "organization" and not self._opens_with_head(f):
                key = tuple(self.tokens[k].norm for k in range(f.first, f.last))
                if not (len(key) == 1 and is_common_word(key[0], self.frequent)):  # شركة «الأمل»: not every "hope"
                    self._learn_name(key, f.entry)  # شركة «فالتو»، شركة فالكورا: the name alone, so «فالتو» later is it
            if "«" in inner and f.entry.category in {"organization", "other"}:
                a, b = inner.index("«"), inner.rindex("»") if "»" in inner else len(inner)
                key = tuple(normalize(w) for w in inner[a + 1 : b].split())
                if key and key not in self.local and not self.gaz.lookup(key):
                    self.local[key] = f.entry
            k = f.last
            if k + 2 < len(self.tokens) and self.tokens[k].text == "(":
                j = k + 1
                words = []
                while j < len(self.tokens) and j < k + 5 and self.tokens[j].text != ")":
                    words.append(j)
                    j += 1
                if j < len(self.tokens) and self.tokens[j].text == ")" and words and all(self.tokens[w].is_word for w in words):
                    key = tuple(self.tokens[w].norm for w in words)
                    if not self.gaz.lookup(key):
                        bracketed.setdefault(key, []).append((f, words))
        for key, after in bracketed.items():
            if len({f.entry.key for f, _ in after}) > 1:
                continue
            for f, words in after:
                if f.entry.category == "organization":
                    self.local[key] = f.entry
                    self.accept(Found(words[0], words[-1] + 1, self.tokens[words[0]].start, self.tokens[words[-1]].end, f.entry, "alias"))
        if not self.local:
            return
        for i in range(len(self.tokens)):
            if i in self.taken:
                continue
            for f in self.gazetteer_candidates(i):
                if self.is_free(f.first, f.last) and f.entry in self.local.values():
                    f.kind = "alias"
                    self.accept(f)
        self.found.sort(key=lambda f: f.start)


NO_CODES: frozenset[str] = frozenset()
SPELLING_VARIANTS = {"organization", "place"}  # categories whose spellings _spellings merges
NAMED_KINDS = {"name", "alias", "pattern", "trigger", "tagger", "dateline"}  # mentions that spell the name (not a nominal or a part)


def _spellings(text: str, found: list[Found]) -> dict[str, GazEntry]:
    """Organisations and places only this article names (no gazetteer entry), spelt more than one way
    (جبهة التحرير الديمقراطية / جبهة التحرير الديموقراطية): key → the entry of the same category and spelling
    skeleton (:func:`kg.extract.normalize.spelling_skeleton`, names of two words or more) met first — a
    known entity's before an unknown one's — so the spellings are one entity. Not persons: سعيد and سعد,
    حسن and حسين are different names with one skeleton."""
    by_skeleton: dict[tuple[str, tuple[str, ...]], GazEntry] = {}
    out: dict[str, GazEntry] = {}
    for f in sorted(found, key=lambda f: (f.entry.rank >= 5, f.start)):
        if f.entry.category not in SPELLING_VARIANTS or f.kind not in NAMED_KINDS:
            continue
        for name in (f.entry.label, text[f.start : f.end]):
            skeleton = spelling_skeleton(name)
            if len(skeleton) < 2:
                continue
            first = by_skeleton.setdefault((f.entry.category, skeleton), f.entry)
            if first.key != f.entry.key and f.entry.rank >= 5:
                out.setdefault(f.entry.key, first)
    return out


COUNTRY_SKELETON_LETTERS = 6  # a country's one-word skeleton this long is read in other spellings (تركمنستان)


@lru_cache(maxsize=1)
def country_skeletons() -> dict[tuple[str, ...], GazEntry]:
    """Spelling skeleton → country, for the countries' one-word Arabic names with a skeleton of at least
    :data:`COUNTRY_SKELETON_LETTERS` letters; a skeleton two countries share is left out."""
    countries: dict[tuple[str, ...], dict[str, GazEntry]] = {}  # skeleton → country key → country
    for key, entries in load_gazetteer().index.items():
        if len(key) != 1 or not key[0] or not ("\u0600" <= key[0][0] <= "\u06ff") or key[0].startswith("ال"):
            continue  # (a name with the article is an Arabic word's shape: المملكة's skeleton is المملوك's too)
        sk = spelling_skeleton(key[0])
        if len(sk[0]) >= COUNTRY_SKELETON_LETTERS:
            for e in entries:
                if e.type == "Country" and not e.demonym:
                    countries.setdefault(sk, {})[e.key] = e
    return {sk: next(iter(by_key.values())) for sk, by_key in countries.items() if len(by_key) == 1}


def find_entities(text: str, tokens: list[Token], sentences: list[Sentence], lang: str, *,
                  tagger: bool | None = None) -> EntityTable:
    finder = _Finder(text, tokens, sentences, lang)
    finder.use_tagger = tagger
    finder.pass_names()
    finder.pass_aliases()
    finder.pass_senses()
    finder.pass_coreference()
    finder.pass_tagger()
    finder.pass_tagger_joins()
    finder.pass_tagger_name_parts()
    finder.pass_tagger_repeats()
    finder.pass_earlier_name_parts()
    finder.pass_first_names()
    finder.pass_titles_before_names()
    finder.pass_descriptor_heads()
    table = EntityTable()
    spellings = _spellings(text, finder.found)
    for f in sorted(finder.found, key=lambda f: f.start):
        f.entry = spellings.get(f.entry.key, f.entry)
        ent = table.entities.get(f.entry.key)
        if ent is None:
            ent = _entity_from(f.entry)
            table.entities[f.entry.key] = ent
        ent.mentions.append(Span(f.start, f.end, text[f.start : f.end]))
        rule = f"entity.{f.kind}"  # which pass found the mention: name, trigger, pattern, person, part, nominal, alias, demonym, dateline, tagger, tagger-repeat, repeat
        if f.score is not None:
            ent.tagger_score = max(ent.tagger_score or 0.0, f.score)
        if rule not in ent.rules:
            ent.rules.append(rule)
        table.found.append(f)
        for k in range(f.first, f.last):
            table.by_token[k] = f
    return table

