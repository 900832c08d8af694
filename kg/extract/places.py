"""Places introduced by a trigger noun (مدينة X، محافظة X، حي X) and unknown place names after one."""

from __future__ import annotations

from kg.extract.entity_base import NON_NAME_ADJECTIVES, QUOTES, Found, _new_entry
from kg.extract.gazetteer import GazEntry
from kg.extract.normalize import normalize
from kg.extract.quantities import number_word_forms
from kg.extract.tokens import cut_offset, strip_article


class PlaceRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def _after_definite_noun(self, i: int) -> bool:
        prev = self.tokens[i - 1]
        return prev.is_arabic and prev.is_word and prev.norm.startswith("ال") and prev.norm not in self.fw

    def trigger_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
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
            name = self.unknown_place_name(nxt)
            if not name:
                continue
            first = self.tokens[name[0]]
            last, s, e = self.span(name[0], name[-1], first.start)
            label = self.text[s:e]
            out.append(Found(i, last, s, e, _new_entry("place", ttype, label), "trigger", ttype))
        return out

    def unknown_place_name(self, idx: list[int]) -> list[int]:
        first = self.tokens[idx[0]]
        n0 = first.norm
        if n0 in self.fw or n0 in NON_NAME_ADJECTIVES or strip_article(n0) in NON_NAME_ADJECTIVES or n0 in self.cues:
            return []
        if not first.is_arabic or len(n0) < 2 or any(c and (st.startswith("ال") or st in self.fw) for c, st in first.splits):
            return []  # مخيم للنازحين: a description, not a name
        if n0 in number_word_forms():
            return []  # في حي واحد: "in one neighbourhood"
        if len(n0) >= 5 and n0.endswith(("يه", "ي")) and not n0.startswith("ال"):
            return []  # مدينة رئيسية، حي سكني: an unknown indefinite word with a relative (nisba) ending describes;
            # a place so named that kg knows (GeoNames, the gazetteer) was taken before this rule
        out = [idx[0]]
        compound_heads = {"دير", "تل", "راس", "عين", "ابو", "جسر", "كفر", "بيت", "خان", "دار", "بير", "ام", "سيدي", "بني", "ذي", "جبل", "وادي", "معره", "قصر", "حمام"}
        if n0 in compound_heads and len(idx) > 1:
            out.append(idx[1])
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
