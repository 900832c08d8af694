"""Persons: a given name from the lexicon, or a name after a title (whose complement is not a name),
Arabic and English; capitalised names that speak or are described (said X, X, the envoy)."""

from __future__ import annotations

from kg.extract.entity_base import (
    LINKERS,
    NAME_PARTICLES,
    NASAB_PARTICLES,
    NON_NAME_ADJECTIVES,
    HONOURED_TITLES,
    REGNAL_ORDINALS,
    REGNAL_TEENS,
    SOVEREIGN_TITLES,
    TITLE_COMPLEMENTS,
    TITLE_LINKS,
    POSSESSIVES,
    Found,
    _new_entry,
    is_definite_nisba,
    names_a_kind,
    without_possessive,
)
from kg.extract.gazetteer import GEONAMES_CITY, REGIONS
from kg.extract.lexicon import title_first_words
from kg.extract.normalize import normalize
from kg.extract.quantities import number_word_forms
from kg.extract.tokens import cut_offset


POSSESSED_CONSTRUCT = ("تها", "تهم", "تهما", "يته")  # a feminine noun with a possessive: خارجيتها، داخليته
MAX_PLAIN_NAME_WORDS = 5  # words of an Arabic name
HONORIFICS = frozenset({"جلاله", "صاحب", "الجلاله", "قداسه", "سمو"})  # normalised: «جلالة الملك», «صاحب الجلالة»
# kinship nouns before a possessive pronoun (normalised): ابن عمه "his cousin", ابن أخيه "his nephew"
KINSHIP_STEMS = frozenset({"عم", "خال", "اخ", "اخي", "ابن", "بنت", "اخت", "زوج", "زوجت", "جد", "حفيد", "ابي", "اب", "ام", "عمت", "خالت", "ابنت", "صهر", "نسيب"})
CONJOINED_WORD_ZIPF = 4.0  # «و» + a word this common is a conjunct, not a name going on (3.5 and 4.5 measured no better)
MAX_NAME_WORDS = 8  # … when it has particles: سالم بن خالد بن سعيد آل ناصر
RELATIONAL_NOUNS = {"نظير": "m", "نظيره": "f", "زميل": "m", "زميله": "f", "خليفه": "m"}  # normalised (ة → ه)
# normalised: a work's credits, «من إخراج X» "directed by X", «تأليف X» "written by", «ألحان / تلحين X» "music by":
# a name follows as after a title (not «بطولة», which is as often "championship", nor «إنتاج», as often a company's)
CREDIT_NOUNS = frozenset({"اخراج", "تاليف", "الحان", "تلحين"})


def _related_title(word: str, titles: dict) -> str | None:
    """The gender of a title or relational noun carrying a possessive pronoun (نظيره "his counterpart",
    نظيرته، نائبه، مستشارها), else None: such a word stands where a title stands, before a name."""
    for suffix in POSSESSIVES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if base.endswith("ت"):
                base = base[:-1] + "ه"  # نظيرته → نظيره (the feminine ة before a suffix)
            if base in RELATIONAL_NOUNS:
                return RELATIONAL_NOUNS[base]
            title = titles.get(("ال" + base,)) or titles.get((base,))
            if title is not None:
                return title.gender
    return None


KUNYA_WORDS = frozenset({"ابو", "ام"})  # a kunya (أبو حمزة، أم محمد) takes a nisba after it as its bearer's name


# normalised first words of the given names «X الدين» ("… of the faith": عز الدين، سيف الدين، شمس الدين), besides the
# given names kg knows (صلاح، جمال، نور); «رجال الدين» "clergy", «علماء الدين» are no names
DIN_NAME_FIRSTS = frozenset({"عز", "سيف", "علاء", "بهاء", "شمس", "نصر", "خير", "زين", "تاج", "محيي", "شهاب", "فخر",
                             "صفي", "نجم", "بدر", "شرف", "عماد", "حسام", "ضياء", "قطب", "ركن", "سعد", "نور", "صلاح",
                             "جمال", "كمال", "عصام", "نظام", "معين", "قوام", "برهان", "غياث"})


class PersonRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def _title_starts(self) -> dict[int, tuple[str, int]]:
        """Token index → (gender, length in tokens) for every token that starts a title (الناطقة, وزير, spokesman)."""
        out = {}
        heads = title_first_words()
        for k, t in enumerate(self.tokens):
            if not t.is_word:
                continue
            first = t.norm if t.is_arabic else t.text.lower()
            stripped = t.splits[-1][1] if t.is_arabic else first
            if first not in heads and stripped not in heads:
                related = t.is_arabic and t.text.endswith(POSSESSIVES) and _related_title(stripped, self.titles)
                if related:
                    out[k] = (related, 1)  # نظيره، مستشارها: "his counterpart", "her adviser" — a name follows
                elif t.is_arabic and self._demonym_as_noun(k, stripped):
                    out[k] = ("f" if stripped.endswith("يه") else "m", 1)  # وفاز الإسباني …: "the Spaniard", a name follows
                continue
            for n in (2, 1):
                rest = tuple(
                    self.tokens[j].norm if self.tokens[j].is_arabic else self.tokens[j].text.lower()
                    for j in range(k + 1, min(k + n, len(self.tokens)))
                )
                for head in (first, stripped):
                    title = self.titles.get((head,) + rest)
                    if title:
                        out.setdefault(k, (title.gender, 1 + len(rest)))
        return out

    def _demonym_as_noun(self, k: int, stem: str) -> bool:
        """A singular definite demonym that stands as a noun, no adjective of a definite noun before it
        (وفاز الإسباني …، على الفرنسية …, not المدافع الفرنسي): "the Spaniard", as a title says who a name
        that follows is."""
        if not is_definite_nisba(stem):
            return False
        if not any(e.demonym for e in self.gaz.lookup((stem,))):
            return False
        return k == 0 or not self._after_definite_noun(k)

    def has_title_before(self, i: int) -> str | None:
        """A title within a few tokens before i (same sentence, no comma in between)."""
        si = self.sentence_of.get(i)
        k = i - 1
        steps = 0
        while k >= 0 and steps < 9 and self.sentence_of.get(k) == si:
            if self.tokens[k].text in {"،", ",", ":", ";", "؛", "."}:
                return None
            if k in self.title_at and k + self.title_at[k][1] <= i:
                return self.title_at[k][0]
            k -= 1
            steps += 1
        return None

    def title_right_before(self, i: int) -> bool:
        """A title directly before i; between them only the title's complement: definite words,
        an organisation head and «» (وزير الخارجية سامي، رئيس مجلس النواب نبيه، مدير «المرصد» رامي)."""
        for back in range(1, 7):
            k = i - back
            if k < 0:
                return False
            if k in self.title_at and k + self.title_at[k][1] <= i:
                return True
            t = self.tokens[k]
            if t.norm in self.fw and t.norm not in TITLE_LINKS and t.norm not in TITLE_COMPLEMENTS:
                return False  # «إلى» normalises as «الي»: a preposition, no definite word of the title's complement
            if not (t.text in "«»" or t.norm.startswith(("ال", "لل")) or self.heads.get(t.norm) or self.heads.get(t.splits[-1][1])
                    or t.norm in TITLE_LINKS or t.norm in TITLE_COMPLEMENTS or self._named_place_or_org(k)):
                return False
        return False

    def _stem_is_named(self, k: int) -> bool:
        """بموسكو، لرويترز: after a one-letter proclitic, a named place or organisation (so not a surname)."""
        return any(c == 1 and self.plain_entries((stem,)) for c, stem in self.tokens[k].splits)

    def _checked_place_or_org(self, k: int) -> bool:
        """A place or an organisation of the checked gazetteer or kg's own names at k (not a town GeoNames alone
        knows, nor a region of the rules' own lists, regions.tsv: many family names are the names of towns and
        regions too, فادي عكار), not a demonym."""
        if any(e.demonym for e in self.gaz.lookup((self.tokens[k].norm,))):
            return False  # مغربي، كندي: a family name as often as an adjective of the country
        return any(f.entry.category in {"place", "organization"} and not f.entry.key.startswith(GEONAMES_CITY)
                   and f.entry.source != REGIONS for f in self.cached_candidates(k))

    def _named_place_or_org(self, k: int) -> bool:
        """A gazetteer place or organisation at k: part of a title's complement (وزيرة خارجية كندا، المتحدث باسم حماس)."""
        return self.tokens[k].is_word and any(f.entry.category in {"place", "organization"} for f in self.cached_candidates(k))

    def _title_phrase_continues(self, i: int) -> bool:
        """Whether the unknown word at i is still inside a title's complement rather than a first name:
        a known given name follows within the phrase, or a named place or organisation follows at once."""
        for k in range(i + 1, min(len(self.tokens), i + 5)):
            t = self.tokens[k]
            if not t.is_word or not t.is_arabic or t.norm in self.fw or t.norm in self.cues:
                break
            if self._given(k)[0]:
                return True
        # a construct-state noun (ـة) or a noun of a kind of organisation before a named place or organisation:
        # وزيرة خارجية كندا، رئيس نادي الأهلي
        t = self.tokens[i]
        return (t.norm.endswith("ه") or names_a_kind(t.splits)) and i + 1 < len(self.tokens) and self._named_place_or_org(i + 1)

    def person_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        if tok.is_arabic:
            return self._arabic_person(i)
        return self._english_person(i)

    def proclitic_word(self, k: int, letters: str = "و") -> bool:
        """Token k is Arabic, opens with one of ``letters`` as a proclitic could (four letters or more), and is no
        given name as a whole (وليد، وليام، فادي): whether the rest is a word or a name is the caller's question."""
        t = self.tokens[k]
        return t.is_arabic and t.norm[:1] in letters and len(t.norm) >= 4 and not self.names.get(t.norm)

    def conjoined_name(self, k: int) -> bool:
        """Token k is «و» and a given name or a title (ورانيا، والرئيس), and not itself a name (وليد): it
        starts another person — «X وY» lists two — so no person's name runs on over it."""
        if not self.proclitic_word(k):
            return False
        rest = self.tokens[k].norm[1:]
        return bool(self.names.get(rest)) or rest in title_first_words()

    def conjoined_word(self, k: int) -> bool:
        """Token k is «و» and an everyday word (wordfreq Zipf ≥ 4: وعدد، وألحان، وسمو), no given name: the
        phrase goes on with another conjunct, so no person's name runs on over it (in a tagger's span, the
        word is left out and the next conjunct starts after it: … وألحان X)."""
        return self._proclitic_on_everyday_word(k, "و")

    def _proclitic_on_everyday_word(self, k: int, letters: str) -> bool:
        """Token k is one of ``letters`` as a proclitic on an everyday word (Zipf ≥ :data:`CONJOINED_WORD_ZIPF`),
        and neither it nor the word is a given name."""
        if not self.proclitic_word(k, letters):
            return False
        rest = self.tokens[k].norm[1:]
        return not self.names.get(rest) and self.frequent.get(rest, 0.0) >= CONJOINED_WORD_ZIPF

    def role_or_title_at(self, k: int) -> bool:
        """Token k is a role noun (:meth:`role_noun_at`) or a title's first word: a word that describes a person
        next to the name, not part of it."""
        return self.role_noun_at(k) or self.tokens[k].splits[-1][1] in self.title_heads

    def role_noun_at(self, k: int) -> bool:
        """Token k is a noun of ``role_nouns.txt``, with or without the article, a proclitic or a possessive
        pronoun (مدربه "his coach") — and no given name as written bare (أمين is both "secretary" and a name:
        محمد أمين)."""
        stem = self.tokens[k].splits[-1][1]
        if self.names.get(self.tokens[k].norm):
            return False
        if stem in self.role_nouns or (stem.startswith("ال") and stem[2:] in self.role_nouns):
            return True
        return self.tokens[k].is_arabic and without_possessive(self.tokens[k].text) in self.role_nouns  # مدربه "his coach"

    def _role_in_construct(self, k: int) -> bool:
        """Token k is a role noun that is also a given name as written (أمين "Amin" / "curator, secretary") before a
        definite noun that is no given name with the article: the role in construct (أمين المكتبة، أمين السر), no name."""
        return self.tokens[k].norm in self.role_nouns and k + 1 < len(self.tokens) \
            and self.tokens[k + 1].norm.startswith("ال") and not self.names.get(self.tokens[k + 1].norm[2:])

    def _credit_before(self, i: int) -> bool:
        """The word right before i, in its sentence, is a work's credit (:data:`CREDIT_NOUNS`), alone or after a
        proclitic (وإخراج X): the name of whoever directed, wrote or composed the work follows."""
        if i == 0 or self.sentence_of.get(i - 1) != self.sentence_of.get(i) or not self.tokens[i - 1].is_arabic:
            return False
        return any(stem in CREDIT_NOUNS for _, stem in self.tokens[i - 1].splits)

    def _inflected_everyday_word(self, k: int) -> bool:
        """Token k as written is an everyday word (Zipf ≥ 4 without its last letter) with the accusative «ا»
        (فوزا، خلفا، برنامجا): an unknown first name does not take it, nor does a name go on over it."""
        raw = self.tokens[k].text
        if len(raw) < 4 or not raw.endswith("ا"):
            return False  # (not a final ه: نبيه، وجيه are names, «نبي» + a pronoun only in spelling)
        if self.frequent.get(normalize(raw[:-1]), 0.0) < 4.0:
            return False
        return not self.names.get(self.tokens[k].norm) and not self.gaz.lookup((self.tokens[k].norm,))  # (رضا, a given name; a name the gazetteer knows)

    def _everyday_after_preposition(self, k: int) -> bool:
        """Token k is «ب» or «ل» and an everyday word (بمشاركة، لصالح), no given name: a prepositional phrase,
        not the name going on."""
        return self._proclitic_on_everyday_word(k, "بل")

    def _kinship_at(self, k: int) -> bool:
        """Token k is a kinship noun with a possessive pronoun as written (عمه، أخيه، خالها): after بن or ابن it
        says whose relative, it is no name (a name's ة is no ه: عطية)."""
        t = self.tokens[k]
        if not t.is_arabic:
            return False
        return without_possessive(t.text) in KINSHIP_STEMS

    def _tagger_ends_at_conjunction(self, k: int) -> bool:
        """Token k starts with «و», is no given name, and the tagger does not read it as the name going on
        (سامر حداد وعدد من النواب: "and a number of deputies"): the name ended before it. Without the
        tagger there is no evidence either way, and the rules run on as before."""
        t = self.tokens[k]
        if not t.norm.startswith("و") or self.names.get(t.norm):
            return False
        out = self._tagger_output()
        return out is not None and out.labels.get(k) != "I-PERS"

    def _given(self, k: int) -> tuple[str | None, int]:
        """Gender and length (1 or 2 tokens) of a given name starting at token k."""
        if k >= len(self.tokens) or not self.tokens[k].is_word:
            return None, 0
        n = self.tokens[k].norm
        if self.written_as_function_word(k):
            return None, 0
        if self.spelled_like_function_word(k) and self._preposition_object_follows(k):
            return None, 0  # علي الصعيد, علي أن where ى is written ي: the preposition (the tagger may still see a name)
        if n in {"عبد", "ابو"} and k + 1 < len(self.tokens) and self.tokens[k + 1].is_word:
            return "m", 2
        if k + 1 < len(self.tokens) and self.tokens[k + 1].norm == "الدين" and (n in DIN_NAME_FIRSTS or self.names.get(n) == "m"):
            return "m", 2  # صلاح الدين، عز الدين، نور الدين: a given name of two words ("… of the faith")
        g = self.names.get(n)
        return (g, 1) if g else (None, 0)

    def sovereign_before(self, i: int, also: frozenset[str] = frozenset()) -> bool:
        """A monarch's or a pope's title (:data:`SOVEREIGN_TITLES`, and ``also``) right before the name at i,
        «جلالة» or «صاحب الجلالة» aside: the name may end with the number of the reign."""
        k = i - 1
        while k >= 0 and self.tokens[k].norm in HONORIFICS:
            k -= 1
        titles = SOVEREIGN_TITLES | also
        return k >= 0 and (self.tokens[k].norm in titles or self.tokens[k].splits[-1][1] in titles)

    def regnal_number_at(self, k: int) -> int:
        """Tokens of a reign's number at k (الثاني: 1; السادس عشر: 2), else 0."""
        if k >= len(self.tokens) or self.tokens[k].norm not in REGNAL_ORDINALS:
            return 0
        return 2 if k + 1 < len(self.tokens) and self.tokens[k + 1].norm in REGNAL_TEENS else 1

    def _preposition_object_follows(self, k: int) -> bool:
        """After a word spelt like the preposition على, what a preposition takes: a definite noun, a function
        word, nothing, or a place or organisation the gazetteer knows (الهجمات علي سوريا "the attacks on Syria")."""
        nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
        return (nxt is None or not nxt.is_word or nxt.norm.startswith(("ال", "لل")) or nxt.norm in self.fw
                or self._named_place_or_org(k + 1))

    def _arabic_person(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        cut = 0
        gender, n = self._given(i)
        if not gender:
            for c, stem in tok.splits[1:]:
                if self.written_as_function_word(i, c) or (self.spelled_like_function_word(i, c)
                                                           and self._preposition_object_follows(i)):
                    continue  # as written after the proclitic: وعلى is "and on", not "and Ali"
                if stem in self.names and c == 1 and tok.norm[0] in "وف":
                    gender, n, cut = self.names[stem], 1, c
                    break
        title_gender = self.has_title_before(i)
        credited = not title_gender and self._credit_before(i)
        if credited:
            title_gender = gender or "m"  # (the credits do not say: a man until a pronoun or a given name says otherwise)
        if not gender and tok.norm.startswith("ال") and self.names.get(tok.norm[2:]) \
                and self.sovereign_before(i, also=HONOURED_TITLES):
            # الملك الحسن، الإمام الهادي: a given name with the article, after a sovereign's or an imam's title
            gender = self.names[tok.norm[2:]]
            n, title_gender = 1, title_gender or gender
        if not gender and not title_gender:
            return []
        if gender and not cut and self._role_in_construct(i):
            return []  # أمين المكتبة "the library's curator": a given name that is also a role noun, in construct
        if not gender and not credited and not self.title_right_before(i):
            return []
        if not gender:
            # after a title, an unknown first name is accepted when it is a plain word
            if tok.norm in self.fw or tok.norm.startswith(("ال", "لل")) or tok.norm in self.cues or len(tok.norm) < 3 \
                    or any(ch.isdigit() for ch in tok.text):
                return []  # (a number is no name: رئيس الحكومة و21 نائبا)
            if self.heads.get(tok.norm) or tok.norm in self.triggers or i in self.title_at or tok.norm in TITLE_COMPLEMENTS:
                return []
            if any(c and (self.heads.get(st) or st in self.triggers) for c, st in tok.splits):
                return []  # المدير العام لشركة …: the title's complement, an organisation (or a place) named after it
            if tok.norm.endswith(POSSESSED_CONSTRUCT):
                return []  # وزير خارجيتها "its foreign minister": the title's complement with a possessive
            if self._inflected_everyday_word(i):
                return []  # الفرنسي فوزا "a win", … خلفا "as successor": an everyday word with the accusative ending
            if self._possessed_everyday_word(i, unambiguous=True):
                return []  # الشاعر قصيدته "the poet … his poem": an everyday word with a possessive (not any final ه: نبيه)
            if self._conjoined_foreign_name(i, {}):
                return []  # الممثل وريكاردو …: «و» ends the title's phrase; the name after it is another conjunct
            if self._everyday_after_preposition(i):
                return []  # الرئيس بدعم "the president with the support of": «ب/ل» + an everyday word, no first name
            if self._title_phrase_continues(i) or self._named_place_or_org(i):
                return []  # رئيس مجلس إدارة الشركة سامر …، وزيرة خارجية كندا …: still the title's complement
            gender, n = title_gender, 1
        parts = list(range(i, i + n))
        given_words = n  # the name's words so far that are given names: an unknown word after them is its family name
        k = i + n
        while k < len(self.tokens) and len(parts) < (MAX_NAME_WORDS if any(self.tokens[p].norm in NAME_PARTICLES for p in parts)
                                                      else MAX_PLAIN_NAME_WORDS):
            t = self.tokens[k]
            if not t.is_word or not t.is_arabic:
                break
            nm = t.norm
            reign = self.regnal_number_at(k)
            if reign and self.sovereign_before(i):
                parts.extend(range(k, k + reign))  # الملك فيصل الثالث: the reign's number ends the name
                break
            if nm in self.fw or nm in self.cues or nm in {"ل", "لـ"} or nm in LINKERS or self.heads.get(nm) or nm in self.triggers:
                break
            if nm in NON_NAME_ADJECTIVES or self.conjoined_name(k) or self.conjoined_word(k) or self._tagger_ends_at_conjunction(k):
                break
            if self.role_noun_at(k) or nm in number_word_forms() or self._role_in_construct(k):
                break  # … مدرب الفريق، … شقيق الملك، … أمين المكتبة، … مائة من: a role, an office, a relation or a number after the name
            if self._everyday_after_preposition(k):
                break  # … بمشاركة مصطفى: "with the participation of" another person
            if nm.startswith("و") and nm != "ولد" and not self._given(k)[0] and self._given(k + 1)[0]:
                break  # … وألحان ياسر: a «و» word is never inside a name; before a given name it opens another conjunct
            if nm in NAME_PARTICLES and k + 1 < len(self.tokens) and self._kinship_at(k + 1):
                break  # … ابن عمه "his cousin": a kinship noun with a pronoun after the particle, no name
            g, ln = self._given(k)
            if g:
                if given_words == len(parts):
                    given_words += ln  # كارلوس ماتيو …, كريم حسن …: given names one after another
                parts.extend(range(k, k + ln))
                k += ln
                continue
            if self.spelled_like_function_word(k) or any(c and st in self.cues for c, st in t.splits):
                break  # … على أن، … وقال: a preposition or a cue verb, not the name going on
            if self._inflected_everyday_word(k):
                break  # … ديوانا "a collection", … برنامجا: the object after the name, with the accusative ending
            if len(parts) >= 2 and self.tokens[parts[-2]].norm == "ال":
                break  # … آل سعود: the family's name ends it
            if nm in NAME_PARTICLES and k + 1 < len(self.tokens):
                parts.extend([k, k + 1])
                k += 2
                while (self.tokens[k - 1].norm in NAME_PARTICLES and k < len(self.tokens)
                       and self.tokens[k].is_word and self.tokens[k].is_arabic):
                    parts.append(k)  # بن أبي رواحة: a particle after a particle names the word after it too
                    k += 1
                continue
            if nm.startswith("ال") and len(nm) > 3:
                if any(c.category == "organization" or c.type in {"Country", "Region"} for c in [f.entry for f in self.gazetteer_candidates(k)]):
                    break
                if any(e.demonym for e in self.gaz.lookup((nm,))) and self.tokens[parts[0]].norm not in KUNYA_WORDS:
                    break  # … الأميركي: an adjective that describes the person, not a family name (but أبو خالد التونسي: a kunya's nisba)
                parts.append(k)
                break
            if self._checked_place_or_org(k):
                break  # … استخدام إسرائيل: a country or an organisation the gazetteer knows is no family name
            nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
            nxt_given = nxt is not None and (self._given(k + 1)[0] is not None)
            ends = (nxt is None or not nxt.is_word or nxt.norm in self.fw or nxt.norm in {"ل", "لـ"} or nxt.norm in self.cues
                    or self.conjoined_name(k + 1)  # … ورانيا: "and Rania", another person
                    or (nxt.is_arabic and nxt.norm.startswith("وال")))  # … والحكومة، … والمهتدي: another conjunct
            prep_word = any(self.definite_after_proclitic(t, c, st) or (c and (st in self.fw or self.heads.get(st))) for c, st in t.splits)
            first_unknown = len(parts) == given_words and not prep_word and len(nm) >= 3
            # a second unknown word of a foreign name, right before a cue or punctuation (نداف شوشاني إن، ميلاني جولي:)
            second_unknown = (len(parts) == n + 1 and title_gender and ends and not prep_word and len(nm) >= 3
                              and not self._given(parts[0])[0] and not self._named_place_or_org(k))
            if nxt_given or (first_unknown and (title_gender or ends)) or second_unknown:
                if nm.startswith(("بال", "لل", "لا")) or (nm[:1] in "بل" and (nm[1:] in self.fw or self._stem_is_named(k))):
                    break  # بالعاصمة، لرويترز: a preposition; بري، بلينكن، لافروف stay names
                parts.append(k)
                k += 1
                if ends:
                    break
                continue
            break
        if (len(parts) < 2 or len(parts) == n) and not title_gender:
            return []  # a given name alone is left to coreference with a person named earlier
        start = cut_offset(tok, cut) if cut else tok.start
        end = self.tokens[parts[-1]].end
        label = self.text[start:end]
        entry = _new_entry("person", "Person", label, gender or "m")
        known = self.gaz.lookup(tuple(self.tokens[p].norm for p in parts))
        if known and known[0].category == "person":
            entry = known[0]
        found = Found(i, parts[-1] + 1, start, end, entry, "person")
        return [found] + self._nasab_before(found)

    def _nasab_before(self, f: Found) -> list[Found]:
        """«X بن» before a person's name: the name is longer, X is its bearer, a son (ضاري بن سالم بن خالد, not
        the father's name alone). X is an Arabic word that is no function word, cue, head, trigger or definite noun."""
        i = f.first
        if i < 2 or self.tokens[i - 1].norm not in NASAB_PARTICLES or self.tokens[i].start != f.start:
            return []
        if not self.nasab_bearer(i - 2):
            return []
        start = self.tokens[i - 2].start
        return [Found(i - 2, f.last, start, f.end, _new_entry("person", "Person", self.text[start:f.end], "m"), "person")]

    def nasab_bearer(self, k: int) -> bool:
        """Token k can be the bearer of a nasab that follows (X بن Y): an Arabic word that is no function word,
        cue, head, trigger, title or definite noun, nor «و» + a given name or a title."""
        x = self.tokens[k]
        n = x.norm
        if any(c and (st in self.cues or st in self.fw) for c, st in x.splits):
            return False  # وقال بن علي: "and said", a cue verb behind its proclitic, is nobody's name
        return (x.is_word and x.is_arabic and len(n) >= 3 and not n.startswith("ال") and n not in self.fw
                and n not in self.cues and not self.heads.get(n) and n not in self.triggers and n not in self.title_heads
                and not self.conjoined_name(k))

    def _english_person(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.text[:1].isupper():
            return []
        gender = self.names.get(tok.text)
        title_gender = self.has_title_before(i)
        if not gender and not title_gender:
            return []
        parts = [i]
        k = i + 1
        while k < len(self.tokens) and len(parts) < 4:
            t = self.tokens[k]
            surname = t.text[:3].lower() in {"al-", "el-"} and t.text[3:4].isupper()
            if (t.text[:1].isupper() or surname) and t.is_word and t.text.lower() not in self.fw and not self.heads.get(t.text):
                parts.append(k)
                k += 1
            elif t.text.lower() in NAME_PARTICLES and k + 1 < len(self.tokens) and self.tokens[k + 1].text[:1].isupper():
                parts.extend([k, k + 1])
                k += 2
            else:
                break
        if len(parts) < 2:
            return []
        start, end = tok.start, self.tokens[parts[-1]].end
        label = self.text[start:end]
        known = self.gaz.lookup(tuple(self.tokens[p].norm for p in parts))
        entry = known[0] if known and known[0].category == "person" else _new_entry("person", "Person", label, gender or title_gender or "m")
        return [Found(i, parts[-1] + 1, start, end, entry, "person")]

    def english_structural_person(self, i: int) -> list[Found]:
        """Capitalised words that speak or are described: "said Amira Khalil, a nurse", "Volker Perthes, the envoy"."""
        tok = self.tokens[i]
        if tok.is_arabic or not tok.is_word or not tok.text[:1].isupper() or tok.text.lower() in self.fw:
            return []
        if i and self.tokens[i - 1].is_word and self.tokens[i - 1].text[:1].isupper():
            return []
        parts = [i]
        k = i + 1
        while k < len(self.tokens) and len(parts) < 3 and self.tokens[k].is_word and self.tokens[k].text[:1].isupper():
            parts.append(k)
            k += 1
        if len(parts) < 2 or any(self.tokens[p].text in self.heads or self.tokens[p].text.lower() in self.fw for p in parts):
            return []
        if self.gaz.lookup(tuple(self.tokens[p].text for p in parts)):
            return []
        before = self.tokens[i - 1].text.lower() if i else ""
        if before in {"at", "in", "from", "of", "by", "for", "with"}:
            return []  # analysts at Goldman Sachs: an organisation or place, not a person
        after = [t.text.lower() for t in self.tokens[k : k + 2]]
        speaks = before in {"said", "says", "added", "told"} or (after[:1] and self.cues.get(after[0]) and self.cues[after[0]].kind == "verb")
        described = after[:1] == [","] and len(after) > 1 and (after[1] in {"a", "an", "the"} or (after[1],) in self.titles)
        if after[:1] == [","] and not described:
            # "Nariman Sallayi, Peshmerga Brigade 126 commander told …": a role word, then a speech verb, in the apposition
            tail = []
            for t in self.tokens[k + 1 : k + 9]:
                if not t.is_word and t.text not in {"-", "'s", "’s"} and not t.text.isdigit():
                    break
                tail.append(t.text)
            has_role = any((w,) in self.titles or (w.lower(),) in self.titles for w in tail)
            has_cue = any(self.cues.get(w.lower()) and self.cues[w.lower()].kind == "verb" for w in tail)
            described = has_role and has_cue
        if not (speaks or described):
            return []
        start, end = tok.start, self.tokens[parts[-1]].end
        return [Found(i, parts[-1] + 1, start, end, _new_entry("person", "Person", self.text[start:end]), "person")]

