"""Places introduced by a trigger noun (مدينة X، محافظة X، حي X) and unknown place names after one."""

from __future__ import annotations

from kg.extract.entity_base import NAME_PARTICLES, NON_NAME_ADJECTIVES, QUOTES, Found, _new_entry, is_definite_nisba
from kg.extract.gazetteer import GEONAMES_CITY, GazEntry
from kg.extract.frequency import is_common_word
from kg.extract.normalize import normalize
from kg.extract.quantities import number_word_forms
from kg.extract.tokens import cut_offset, strip_article


# the dual of a trigger noun in construct (normalised): مدينتي حمص وحماة "the cities of Homs and Hama"
DUAL_TRIGGERS = {
    "مدينتي": "City", "بلدتي": "City", "قريتي": "City", "مخيمي": "City", "محافظتي": "Region", "ولايتي": "Region",
    "منطقتي": "Region", "حيي": "Neighborhood", "ميناءي": "Region", "مينايي": "Region", "مطاري": "Region",
}


# normalised first words of a place's name that take the next word with them (دير الزور، كفر نبل، بنت جبيل)
COMPOUND_PLACE_HEADS = frozenset({"دير", "تل", "راس", "عين", "ابو", "جسر", "كفر", "بيت", "بنت", "خان", "دار", "بير", "ام",
                                  "سيدي", "بني", "ذي", "جبل", "وادي", "معره", "قصر", "حمام"})
# «the capital» (normalised), before a country's adjective and the capital's name: العاصمة الإريترية X
CAPITAL_WORDS = frozenset({"العاصمه", "عاصمه"})
# an indefinite word this common in general Arabic after a trigger describes the place (منطقة حرة "a free zone")
# unless the tagger reads a place there (measured: kg/models/README.md)
EVERYDAY_AFTER_TRIGGER_ZIPF = 4.0


AREA_TRIGGERS = frozenset({"منطقه"})  # normalised: "area", before a definite everyday noun a description (منطقة الخطر)
AREA_NAME_READING = 0.5  # … unless the tagger reads a place's name there with this much (measured: kg/models/README.md)


class PlaceRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def _after_definite_noun(self, i: int) -> bool:
        prev = self.tokens[i - 1]
        return prev.is_arabic and prev.is_word and prev.norm.startswith("ال") and prev.norm not in self.fw

    def trigger_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        if tok.is_arabic:
            pair = self.dual_trigger_places(i)
            if pair:
                return pair
            capital = self.capital_named(i)
            if capital:
                return capital
        out = []
        for cut, stem in tok.splits if tok.is_arabic else [(0, tok.text.lower())]:
            ttype = self.triggers.get(stem)
            if not ttype:
                continue
            if tok.is_arabic and stem.startswith("ال"):
                continue  # المدينة is a nominal, not a trigger
            nxt = self.words_from(i + 1, 3)
            if not nxt or nxt[0] != i + 1 and self.tokens[i + 1].text not in QUOTES:
                continue
            start = cut_offset(tok, cut) if cut else tok.start
            # a known place after the trigger
            inner = self.gazetteer_candidates(nxt[0])
            inner = [f for f in inner if f.entry.category == "place" and not f.entry.demonym]
            if inner:
                f = inner[0]
                entry = f.entry
                if ttype == "Region" and entry.type == "City":
                    label = f"{self.text[tok.start:tok.end][cut:] if cut else tok.text} {self.text[f.start:f.end]}"
                    entry = _new_entry("place", "Region", normalize(label))
                    entry = GazEntry(**{**entry.__dict__, "label": self.text[start:f.end]})
                # the trigger word types the place but is not its name: the mention is the name alone
                # (في مدينة حمص → «حمص»), so it matches the bare name elsewhere and in Wikidata's labels
                out.append(Found(i, f.last, f.start, f.end, entry, "trigger", ttype))
                continue
            if not tok.is_arabic:
                continue
            name = self.unknown_place_name(nxt, stem)
            if not name:
                continue
            first = self.tokens[name[0]]
            last, s, e = self.span(name[0], name[-1], first.start)
            label = self.text[s:e]
            out.append(Found(i, last, s, e, _new_entry("place", ttype, label), "trigger", ttype))
        return out

    def capital_named(self, i: int) -> list[Found]:
        """العاصمة الإريترية X: «العاصمة» (the capital), a country's adjective, then a word no list knows —
        the capital of that country, a city named by the word (the mention is the word alone, as after a
        trigger). A capital the gazetteer knows is found by its name; a definite word or a function word
        after the adjective goes on with the phrase (العاصمة السورية دمشق is Damascus by its name)."""
        if self.tokens[i].splits[-1][1] not in CAPITAL_WORDS or i + 2 >= len(self.tokens):
            return []
        adjective, name = self.tokens[i + 1], self.tokens[i + 2]
        if not adjective.is_arabic or not any(e.demonym for e in self.gaz.lookup((adjective.norm,))):
            return []
        n = name.norm
        if not name.is_word or not name.is_arabic or n.startswith("ال") or n in self.fw or n in self.cues or len(n) < 3 \
                or self.heads.get(n) or n in self.triggers:
            return []
        if n in self.frequent and (self._tagger_output() is None or not self.tagger_reads_a_name(i + 2, i + 3, 0.5)):
            return []  # an everyday word (قادما "coming"): a name only where the tagger surely reads one
        if any(f.entry.category == "place" and not f.entry.key.startswith(GEONAMES_CITY) for f in self.gazetteer_candidates(i + 2)):
            return []  # a capital the gazetteer knows: its own name finds it
        return [Found(i + 2, i + 3, name.start, name.end, _new_entry("place", "City", name.text), "trigger", "City")]

    def dual_trigger_places(self, i: int) -> list[Found]:
        """في مدينتي حمص وحماة، ميناءي X وY: a trigger in the dual before two names joined by و is two places of
        the trigger's type, each mentioned by its name alone (rule entity.trigger)."""
        tok = self.tokens[i]
        for cut, stem in tok.splits:
            ttype = DUAL_TRIGGERS.get(stem)
            if not ttype:
                continue
            first = self._place_name_at(i + 1, ttype)
            if first is None or first.last >= len(self.tokens):
                return []
            k = first.last
            second = self.tokens[k]
            if not (second.is_arabic and second.is_word and second.norm.startswith("و") and len(second.norm) > 2):
                return []
            other = self._place_name_at(k, ttype, after_wa=True)
            if other is None:
                return []
            first.first = i  # the trigger is taken with the first name, as a single trigger is
            return [first, other]
        return []

    def _place_name_at(self, k: int, ttype: str, after_wa: bool = False) -> Found | None:
        """The place named at token k (after the proclitic و when ``after_wa``): known, or an unknown name."""
        if k >= len(self.tokens) or not self.tokens[k].is_word:
            return None
        known = [f for f in self.gazetteer_candidates(k) if f.entry.category == "place" and not f.entry.demonym]
        if after_wa:
            known = [f for f in known if f.start > self.tokens[k].start]  # the name after و, not a word with و in it
        if known:
            f = known[0]
            return Found(k, f.last, f.start, f.end, f.entry, "trigger", ttype)
        tok = self.tokens[k]
        if after_wa:
            if self._describes(tok.norm[1:]):
                return None
            s = cut_offset(tok, 1)
            return Found(k, k + 1, s, tok.end, _new_entry("place", ttype, self.text[s : tok.end]), "trigger", ttype)
        name = self.unknown_place_name([k])
        if not name:
            return None
        last, s, e = self.span(name[0], name[-1], tok.start)
        return Found(k, last, s, e, _new_entry("place", ttype, self.text[s:e]), "trigger", ttype)

    def _describes(self, word: str) -> bool:
        """A normalised word after a place trigger that cannot be the unknown place's name: a function word,
        cue, describing adjective or number word (في حي واحد), one letter, or an indefinite word with a relative
        (nisba) ending (مدينة رئيسية، حي سكني) — a place so named that kg knows was taken before this rule."""
        return (word in self.fw or word in NON_NAME_ADJECTIVES or strip_article(word) in NON_NAME_ADJECTIVES
                or word in self.cues or word in number_word_forms() or len(word) < 2
                or (len(word) >= 5 and word.endswith(("يه", "ي")) and not word.startswith("ال")))

    def _everyday_description(self, k: int) -> bool:
        """Token k, right after a place trigger, is an everyday indefinite word (wordfreq Zipf ≥
        :data:`EVERYDAY_AFTER_TRIGGER_ZIPF`: حرة "free", مهمة "important", جذب "attraction") that the tagger
        does not read as a place's name: a description of the place, not its name. Definite words are not so
        gated (حي النخيل "the palms": names are often everyday words with the article), nor the first words of
        compound names (تل، عين); without a tagger there is no evidence against the name, and it stands."""
        n = self.tokens[k].norm
        if n.startswith("ال") or n in COMPOUND_PLACE_HEADS or self.frequent.get(n, 0.0) < EVERYDAY_AFTER_TRIGGER_ZIPF:
            return False
        return self._tagger_output() is not None and not self.tagger_reads_place(k)

    def _nisba_after(self, k: int) -> bool:
        """Token k + 1 is a definite relational adjective (ال… ending in ي or ية: الإفريقي، النفطية)."""
        if k + 1 >= len(self.tokens) or not self.tokens[k + 1].is_arabic:
            return False
        n = self.tokens[k + 1].norm
        return is_definite_nisba(n) and len(n) > 4

    def unknown_place_name(self, idx: list[int], trigger: str = "") -> list[int]:
        first = self.tokens[idx[0]]
        n0 = first.norm
        if self._describes(n0) or not first.is_arabic or any(self.definite_after_proclitic(first, c, st) or (c and st in self.fw) for c, st in first.splits):
            return []  # مخيم للنازحين: a description, not a name
        if n0 in NAME_PARTICLES and n0 not in COMPOUND_PLACE_HEADS:
            return []  # سهل بن مالك: «سهل» the given name, not "the plain of بن"
        if self._everyday_description(idx[0]):
            return []  # منطقة حرة، قرية عائمة، مدينة مهمة: what the place is like, not its name
        if self._possessed_everyday_word(idx[0], unambiguous=True):
            return []  # منطقة مساحتها "an area whose surface", مدينة سكانها "a city whose people": no name
        if trigger in AREA_TRIGGERS and n0.startswith("ال") and is_common_word(n0, self.frequent) \
                and not self.plain_entries((n0,)) and not self._nisba_after(idx[0]) \
                and not (self._tagger_output() is not None and self.tagger_reads_place(idx[0], AREA_NAME_READING)):
            return []  # منطقة الخطر "the danger zone", منطقة الحدود "the border area": what the area is, not its name
            # (with a relational adjective after it, a name: منطقة القرن الإفريقي)
        out = [idx[0]]
        if n0 in COMPOUND_PLACE_HEADS and len(idx) > 1:
            out.append(idx[1])
        k = out[-1] + 1
        if trigger.endswith("ه") and n0.startswith("ال") and self._nisba_after(k - 1) and self.tokens[k].text.endswith("ي"):
            out.append(k)  # منطقة القرن الإفريقي: a masculine adjective after a feminine trigger agrees with the name's noun
        return out

    def pass_senses(self) -> None:
        """A bare name of a city whose governorate the article named first denotes the governorate."""
        first_seen: dict[str, int] = {}
        for f in self.found:
            first_seen.setdefault(f.entry.key, f.start)
        regions = {}
        for f in self.found:
            if f.entry.type == "Region":
                label = normalize(f.entry.label_ar or f.entry.label)
                for prefix in ("محافظه ", "ولايه "):
                    if label.startswith(prefix):
                        regions[label[len(prefix):]] = f.entry
        explicit_first: dict[str, int] = {}  # each city's first explicit mention (one pass, not one per mention)
        for g in self.found:
            if g.entry.type == "City" and self._explicit(g):
                explicit_first[g.entry.key] = min(g.start, explicit_first.get(g.entry.key, g.start))
        for f in self.found:
            if f.kind != "name" or f.entry.type != "City" or self._explicit(f):
                continue
            region = regions.get(normalize(self.text[f.start : f.end]).removeprefix("ب").removeprefix("ل")) or regions.get(
                normalize(f.entry.label_ar or "")
            )
            if region is None:
                continue
            explicit_city = explicit_first.get(f.entry.key)
            city_first = min(explicit_city, f.start) if explicit_city is not None else None
            if city_first is None or first_seen[region.key] < city_first:
                f.entry = region


    def _explicit(self, f: Found) -> bool:
        """A mention that names its class: مدينة الرقة, not the bare الرقة."""
        first = self.tokens[f.first]
        return f.kind == "trigger" or any(stem in self.triggers for _, stem in first.splits)
