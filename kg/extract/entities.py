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
   رامي عبد الرحمن), definite heads (المرصد, التنظيم, هذه القوات, المدينة).
4. **senses**: a bare name shared by a city and its governorate takes the sense
   the article introduced first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.gazetteer import GazEntry, Gazetteer, load_gazetteer, slug
from kg.extract.lexicon import function_words, given_names, org_heads, place_stopwords, place_triggers, raw_function_words, title_first_words, titles
from kg.extract.lexicon import cues as cue_lexicon
from kg.extract.normalize import light, normalize
from kg.extract.tokens import Sentence, Token, cut_offset, strip_article
from kg.records import Entity, Span

QUOTES = {"«", "»", "“", "”", '"'}
NAME_PARTICLES = {"بن", "ابن", "ابو", "ابي", "ال", "ولد", "bin", "al", "el", "de", "van", "von", "abu", "abdel", "abdul"}
GOVERNMENT_WORDS = {"النظام", "الحكومه", "الحكوميه", "الامن", "الجيش", "الشرطه", "الدوله", "government", "regime"}
OPERATION_HEADS = {"حمله", "عمليه", "معركه"}
LINKERS = {"التابعه", "التابع", "التابعين", "التابعتين"}
MEDIA_HEADS = {"صحيفه", "قناه", "تلفزيون", "موقع", "وكاله", "اذاعه", "جريده", "شبكه"}
FOREIGN_NAME_HEADS = {"NGO", "Organization", "MediaOrganization"}  # heads a transliterated name may follow
COMPLEMENTIZER_WORDS = {"ان", "بان", "انه", "انها", "بانه", "بانها"}
TITLE_LINKS = {"باسم", "خارجيه", "داخليه", "دفاع", "ماليه", "صحه", "عدل"}  # المتحدث باسم …، وزير خارجية …
TITLE_COMPLEMENTS = {"عام", "العام", "سابق", "السابق", "الاسبق", "اسبق", "المساعد", "مساعد", "بالوكاله", "بالانابه"}  # أمين عام، المدير السابق
NON_NAME_ADJECTIVES = {
    "اخري", "اخر", "واسعه", "كبيره", "صغيره", "امنه", "عازله", "جديده", "قريبه", "بعيده", "محدده", "معينه",
    "عسكريه", "سكنيه", "صناعيه", "حدوديه", "منزوعه", "مجاوره", "المجاوره", "شماليه", "جنوبيه", "شرقيه",
    "غربيه", "الشماليه", "الجنوبيه", "الشرقيه", "الغربيه", "واحده", "كامله", "اخرى",
}
DEMONSTRATIVES = {"هذه", "هذا", "تلك", "ذلك", "هاته", "هؤلاء"}


@dataclass
class Found:
    """A mention before entities are merged: token range, char span, and what it denotes."""

    first: int  # token index, inclusive
    last: int  # token index, exclusive
    start: int
    end: int
    entry: GazEntry
    kind: str  # name | trigger | pattern | person | nominal | part | alias | demonym
    trigger_type: str | None = None


@dataclass
class EntityTable:
    """Entities of one article with their mentions, in order of first mention."""

    entities: dict[str, Entity] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)

    def entity_at(self, token_index: int) -> Entity | None:
        f = self.by_token.get(token_index)
        return self.entities.get(f.entry.key) if f else None

    def found_at(self, token_index: int) -> Found | None:
        return self.by_token.get(token_index)


def _entity_from(entry: GazEntry) -> Entity:
    return Entity(
        key=entry.key,
        label=entry.label,
        category=entry.category,
        type=entry.type,
        qid=entry.qid,
        label_en=entry.label_en,
        label_ar=entry.label_ar,
        geonames_id=entry.geonames_id,
        lat=entry.lat,
        lon=entry.lon,
        gender=entry.gender,
    )


def _new_entry(category: str, type_: str, label: str, gender: str = "m") -> GazEntry:
    return GazEntry(key=f"{type_}/{slug(label)}", label=label, category=category, type=type_, rank=5, gender=gender)


class _Finder:
    def __init__(self, text: str, tokens: list[Token], sentences: list[Sentence], lang: str):
        self.text = text
        self.tokens = tokens
        self.sentences = sentences
        self.lang = lang
        self.gaz: Gazetteer = load_gazetteer()
        self.local: dict[tuple[str, ...], GazEntry] = {}
        self.taken: dict[int, Found] = {}
        self.found: list[Found] = []
        self.fw = function_words()
        self.raw_fw = raw_function_words()
        self.cues = cue_lexicon()
        self.heads = org_heads()
        self.triggers = place_triggers()
        self.names = given_names()
        self.titles = titles()
        self.stop_names = place_stopwords()
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
        out = set()
        for tok in self.tokens:
            if not tok.is_word:
                continue
            for _, stem in tok.splits if tok.is_arabic else [(0, tok.text)]:
                for e in self.gaz.lookup((stem,)):
                    if e.type == "Country" and e.iso2:
                        out.add(e.iso2)
        for i in range(len(self.tokens) - 1):
            for e in self.gaz.lookup((self.tokens[i].norm, self.tokens[i + 1].norm)):
                if e.type == "Country" and e.iso2:
                    out.add(e.iso2)
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

    def prev_word(self, i: int) -> Token | None:
        k = i - 1
        while k >= 0 and self.tokens[k].text in QUOTES:
            k -= 1
        return self.tokens[k] if k >= 0 else None

    def is_word_norm(self, k: int) -> str:
        return self.tokens[k].norm if 0 <= k < len(self.tokens) else ""

    # ---------- pass 1: candidates ----------
    def gazetteer_candidates(self, i: int) -> list[Found]:
        key = (i, len(self.local))
        if key not in self._gaz_cache:
            self._gaz_cache[key] = self._gazetteer_candidates(i)
        return [Found(**f.__dict__) for f in self._gaz_cache[key]]

    def _gazetteer_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        out = []
        if tok.is_arabic:
            splits = tok.splits
        else:
            splits = [(0, tok.text)] + ([(0, tok.text.title())] if tok.text.isupper() and len(tok.text) > 3 else [])
        local_firsts = self._local_firsts()
        idx: list[int] = []
        for cut, stem in splits:
            if stem not in self.gaz.firsts and stem not in local_firsts:
                continue
            idx = idx or self.words_from(i, self.gaz.max_len)
            for n in range(len(idx), 0, -1):
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
                start = cut_offset(tok, cut) if cut else tok.start
                last, s, e = self.span(i, idx[n - 1], start)
                # the opening « right before a name belongs outside the span; a closing one does too
                if self.text[s:e].endswith("»") and "«" not in self.text[s:e]:
                    e -= 1
                    last -= 1
                if entry.demonym and tok.is_arabic and stem.startswith("ال"):
                    continue  # الاقتصاد العراقي: an adjective of a definite noun, not a mention of the country
                kind = "demonym" if entry.demonym else "name"
                out.append(Found(i, last, s, e, entry, kind))
                break
        return out

    def choose(self, entries: list[GazEntry], i: int, cut: int, key: tuple[str, ...]) -> GazEntry | None:
        prev = self.prev_word(i)
        prev_norm = prev.norm if prev else ""
        channel_context = (cut and "ل" in self.tokens[i].norm[:cut]) or prev_norm in {"ل", "لـ"} or prev_norm in MEDIA_HEADS
        media = [e for e in entries if e.type in {"MediaOrganization", "NewsAgency"}]
        other = [e for e in entries if e not in media]
        quoted = prev is not None and i > 0 and self.tokens[i - 1].text == "«"
        if len(key) == 1 and normalize(key[0]) in self.stop_names:
            if not (quoted or channel_context or prev_norm in self.triggers):
                return None
        if media and other:
            return media[0] if channel_context else self._best_place(other)
        return self._best_place(entries)

    def _best_place(self, entries: list[GazEntry]) -> GazEntry:
        """Same name, several places (Tripoli): the one in a country the article names, then the checked one."""
        if len(entries) == 1:
            return entries[0]
        return min(entries, key=lambda e: (e.country not in self.article_countries if e.country else True, e.rank, -e.population))

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
                out.append(Found(i, f.last, start, f.end, entry, "trigger", ttype))
                continue
            if not tok.is_arabic:
                continue
            name = self.unknown_place_name(nxt)
            if not name:
                continue
            last, s, e = self.span(i, name[-1], start)
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
        out = [idx[0]]
        compound_heads = {"دير", "تل", "راس", "عين", "ابو", "جسر", "كفر", "بيت", "خان", "دار", "بير", "ام", "سيدي", "بني", "ذي", "جبل", "وادي", "معره", "قصر", "حمام"}
        if n0 in compound_heads and len(idx) > 1:
            out.append(idx[1])
        return out

    def org_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        out = []
        splits = tok.splits if tok.is_arabic else [(0, tok.text)]
        for cut, stem in splits:
            head = self.heads.get(stem) or (self.heads.get(stem[2:]) if tok.is_arabic and stem.startswith("ال") else None)
            is_op = stem in OPERATION_HEADS
            if not head and not is_op:
                continue
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
                e_end = self.tokens[close].end
                inner_key = tuple(self.tokens[k].norm for k in inner_words)
                known = self.gaz.lookup(inner_key)
                if is_op:
                    entry = _new_entry("other", "MilitaryOperation", self.text[start:e_end])
                elif known and known[0].category == "organization":
                    entry = known[0]
                else:
                    entry = _new_entry("organization", head.type, self.text[start:e_end], head.gender)
                out.append(Found(i, close + 1, start, e_end, entry, "pattern"))
                continue
            if not tok.is_arabic or is_op:
                continue
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
                if not t.is_word or not t.norm.startswith("ال") or t.norm in self.fw or t.norm in LINKERS or t.norm in self.cues:
                    break
                if chain and (self.heads.get(t.norm) or self.heads.get(t.norm[2:])) and self._head_is_new_name(k):
                    break  # قوات الدعم السريع الجيش السوداني: a second organisation starts
                if self.taken.get(k) and self.taken[k].entry.category == "place" and not self.taken[k].entry.demonym:
                    break
                chain.append(k)
                k += 1
            known_prefix = self.gaz.lookup((stem, self.tokens[chain[0]].norm)) if chain else []
            if known_prefix and known_prefix[0].category == "organization":
                ext = [c for c in chain[1:]]
                keep = 1
                for c in ext:
                    if self.tokens[c].norm.endswith(("ي", "يه")):
                        keep += 1
                    else:
                        break
                chain = chain[:keep]
            if not chain and not definite and head.type in FOREIGN_NAME_HEADS:
                chain = self._transliterated_name(i + 1)  # منظمة هيومن رايتس ووتش، شركة أرامكو
            if not chain:
                continue
            type_ = head.type
            if stem == "قوات" and self.tokens[chain[0]].norm in GOVERNMENT_WORDS:
                type_ = "GovernmentBody"
            if stem == "قوات" and self.tokens[chain[0]].norm in {"الامن"}:
                type_ = "GovernmentBody"
            e_end = self.tokens[chain[-1]].end
            label = self.text[start:e_end]
            inner = self.gaz.lookup((stem,) + tuple(self.tokens[c].norm for c in chain[:-1])) if len(chain) > 1 else []
            entry = inner[0] if inner and inner[0].category == "organization" else _new_entry("organization", type_, label, head.gender)
            out.append(Found(i, chain[-1] + 1, start, e_end, entry, "pattern"))
        return out

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
            if n.endswith(("يه", "ي")) or n in COMPLEMENTIZER_WORDS or self.heads.get(n):
                break
            chain.append(k)
            k += 1
        if not chain:
            return []
        end = self.tokens[k] if k < len(self.tokens) else None
        if end is None or not end.is_word or end.norm in self.cues or end.norm in COMPLEMENTIZER_WORDS:
            return chain
        return chain if len(chain) >= 2 and end.norm in self.fw else []

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
        return a.startswith("ال") and a not in self.fw and len(a) > 4 and (b.startswith("لل") or (b.startswith("ال") and b not in self.fw))

    def _head_is_new_name(self, k: int) -> bool:
        return self._definite_name_follows(k) or self._demonym_follows(k)

    def _demonym_follows(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and any(e.demonym for e in self.gaz.lookup((self.tokens[i + 1].norm,)))

    def _head_seen_before(self, i: int, head: str) -> bool:
        """The head noun was used earlier (تنظيم داعش … التنظيم الإرهابي): a reference, not a new name."""
        return self._first_use.get(head, i) < i

    def _nisba_follows(self, i: int) -> bool:
        """الجيش السوداني, المؤسسة الوطنية: a definite head with a relational adjective names an organisation."""
        if i + 1 >= len(self.tokens):
            return False
        n = self.tokens[i + 1].norm
        return n.startswith("ال") and len(n) > 4 and n.endswith(("ي", "يه")) and n not in self.fw and n not in NON_NAME_ADJECTIVES

    def _next_is_quote(self, i: int) -> bool:
        return i + 1 < len(self.tokens) and self.tokens[i + 1].text == "«"

    def _closing(self, k: int) -> int | None:
        for j in range(k + 1, min(len(self.tokens), k + 12)):
            if self.tokens[j].text == "»":
                return j
            if self.tokens[j].text in {"«", ".", "\n"}:
                return None
        return None

    # ---------- persons ----------
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
            if not (t.text in "«»" or t.norm.startswith(("ال", "لل")) or self.heads.get(t.norm) or self.heads.get(t.splits[-1][1])
                    or t.norm in TITLE_LINKS or self._named_place_or_org(k)):
                return False
        return False

    def _stem_is_named(self, k: int) -> bool:
        """بموسكو، لرويترز: after a one-letter proclitic, a named place or organisation (so not a surname)."""
        return any(c == 1 and self.gaz.lookup((stem,)) for c, stem in self.tokens[k].splits)

    def _named_place_or_org(self, k: int) -> bool:
        """A gazetteer place or organisation at k: part of a title's complement (وزيرة خارجية كندا، المتحدث باسم حماس)."""
        if not self.tokens[k].is_word:
            return False
        key = (k, len(self.local))
        if key not in self._gaz_cache:
            self._gaz_cache[key] = self._gazetteer_candidates(k)
        return any(f.entry.category in {"place", "organization"} for f in self._gaz_cache[key])  # read only: no copies

    def _title_phrase_continues(self, i: int) -> bool:
        """Whether the unknown word at i is still inside a title's complement rather than a first name:
        a known given name follows within the phrase, or a named place or organisation follows at once."""
        for k in range(i + 1, min(len(self.tokens), i + 5)):
            t = self.tokens[k]
            if not t.is_word or not t.is_arabic or t.norm in self.fw or t.norm in self.cues:
                break
            if self._given(k)[0]:
                return True
        # a construct-state noun (ـة) before a named place or organisation: وزيرة خارجية كندا
        return self.tokens[i].norm.endswith("ه") and i + 1 < len(self.tokens) and self._named_place_or_org(i + 1)

    def person_candidates(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        if not tok.is_word:
            return []
        if tok.is_arabic:
            return self._arabic_person(i)
        return self._english_person(i)

    def _given(self, k: int) -> tuple[str | None, int]:
        """Gender and length (1 or 2 tokens) of a given name starting at token k."""
        if k >= len(self.tokens) or not self.tokens[k].is_word:
            return None, 0
        n = self.tokens[k].norm
        if light(self.tokens[k].text) in self.raw_fw:
            return None, 0
        if n in {"عبد", "ابو"} and k + 1 < len(self.tokens) and self.tokens[k + 1].is_word:
            return "m", 2
        g = self.names.get(n)
        return (g, 1) if g else (None, 0)

    def _arabic_person(self, i: int) -> list[Found]:
        tok = self.tokens[i]
        cut = 0
        gender, n = self._given(i)
        if not gender:
            for c, stem in tok.splits[1:]:
                if stem in self.names and c == 1 and tok.norm[0] in "وف":
                    gender, n, cut = self.names[stem], 1, c
                    break
        title_gender = self.has_title_before(i)
        if not gender and not title_gender:
            return []
        if not gender and not self.title_right_before(i):
            return []
        if not gender:
            # after a title, an unknown first name is accepted when it is a plain word
            if tok.norm in self.fw or tok.norm.startswith(("ال", "لل")) or tok.norm in self.cues or len(tok.norm) < 3:
                return []
            if self.heads.get(tok.norm) or tok.norm in self.triggers or i in self.title_at or tok.norm in TITLE_COMPLEMENTS:
                return []
            if self._title_phrase_continues(i) or self._named_place_or_org(i):
                return []  # رئيس مجلس إدارة الشركة سامر …، وزيرة خارجية كندا …: still the title's complement
            gender, n = title_gender, 1
        parts = list(range(i, i + n))
        k = i + n
        while k < len(self.tokens) and len(parts) < 5:
            t = self.tokens[k]
            if not t.is_word or not t.is_arabic:
                break
            nm = t.norm
            if nm in self.fw or nm in self.cues or nm in {"ل", "لـ"} or nm in LINKERS or self.heads.get(nm) or nm in self.triggers:
                break
            if nm in NON_NAME_ADJECTIVES:
                break
            g, ln = self._given(k)
            if g:
                parts.extend(range(k, k + ln))
                k += ln
                continue
            if nm in NAME_PARTICLES and k + 1 < len(self.tokens):
                parts.extend([k, k + 1])
                k += 2
                continue
            if nm.startswith("ال") and len(nm) > 3:
                if any(c.category == "organization" or c.type in {"Country", "Region"} for c in [f.entry for f in self.gazetteer_candidates(k)]):
                    break
                parts.append(k)
                break
            nxt = self.tokens[k + 1] if k + 1 < len(self.tokens) else None
            nxt_given = nxt is not None and (self._given(k + 1)[0] is not None)
            ends = nxt is None or not nxt.is_word or nxt.norm in self.fw or nxt.norm in {"ل", "لـ"} or nxt.norm in self.cues
            prep_word = any(c and (st.startswith("ال") or st in self.fw or self.heads.get(st)) for c, st in t.splits)
            first_unknown = len(parts) == n and not prep_word and len(nm) >= 3
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
        return [Found(i, parts[-1] + 1, start, end, entry, "person")]

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
            demonym = [e for e in self.gaz.lookup((tok.text,)) if e.demonym]
            if demonym:
                label = f"{tok.text} {nxt.text}"
                return [Found(i, i + 2, tok.start, nxt.end, _new_entry("organization", self.heads[nxt.text].type, label), "pattern")]
        parts = [i]
        k = i + 1
        while k < len(self.tokens) and len(parts) < 7:
            t = self.tokens[k]
            if t.is_word and (t.text[:1].isupper() or t.text.isdigit()):
                parts.append(k)
                k += 1
            elif t.text in {"of", "for", "and", "on"} and k + 1 < len(self.tokens) and self.tokens[k + 1].text[:1].isupper():
                parts.extend([k, k + 1])
                k += 2
            else:
                break
        heads = [self.heads[self.tokens[p].text] for p in parts if self.tokens[p].text in self.heads]
        if not heads or len(parts) < 2:
            return []
        start, end = tok.start, self.tokens[parts[-1]].end
        label = self.text[start:end]
        known = self.gaz.lookup(tuple(self.tokens[p].norm for p in parts))
        entry = known[0] if known else _new_entry("organization", heads[-1].type, label)
        return [Found(i, parts[-1] + 1, start, end, entry, "pattern")]

    # ---------- passes ----------
    def pass_names(self) -> None:
        cands: list[Found] = []
        for i in range(len(self.tokens)):
            cands += self.gazetteer_candidates(i)
            cands += self.trigger_candidates(i)
            cands += self.org_candidates(i)
            cands += self.person_candidates(i)
            cands += self.english_org_candidates(i)
            if not self.tokens[i].is_arabic:
                cands += self.english_structural_person(i)
                cands += self.english_generic_org(i)
        rank = {"trigger": 0, "pattern": 1, "person": 2, "name": 0, "demonym": 3}
        cands.sort(key=lambda f: (-(f.end - f.start), rank.get(f.kind, 5), f.first))
        for f in cands:
            if f.kind == "person" and any(self.taken.get(k) and self.taken[k].entry.category != "person" for k in range(f.first, f.last)):
                pass
            if self.is_free(f.first, f.last):
                self.accept(f)
        self.found.sort(key=lambda f: f.start)

    def pass_aliases(self) -> None:
        """Learn names used in this article: «X» inside a found name, (X) right after one."""
        for f in list(self.found):
            inner = self.text[f.start : f.end]
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
                    if not self.gaz.lookup(key) and f.entry.category == "organization":
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

    def pass_coreference(self) -> None:
        """Name parts of earlier persons; definite heads and demonstratives for earlier entities."""
        self._words_cache: dict = {}
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
            if i in by_start:
                introduced.add(by_start[i])
            if i in self.taken:
                i += 1
                continue
            f = self.name_part(i, introduced) or self.nominal(i, introduced)
            if f:
                self.accept(f)
                introduced.add(f)
                i = f.last
                continue
            i += 1
        self.found.sort(key=lambda f: f.start)

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
                norm_words = self._name_words(f, tok.is_arabic)
                if len(norm_words) < 2:
                    continue
                for n in (2, 1):
                    tail = norm_words[-n:]
                    if n == 2 and tail[0] not in {"عبد", "ابو", "ال", "بن", "Abdel", "Abu", "al", "bin"}:
                        continue
                    seq = [stem] + [self.tokens[i + j].norm if tok.is_arabic else self.tokens[i + j].text for j in range(1, n) if i + j < len(self.tokens)]
                    if seq != tail:
                        continue
                    if n == 1 and len(stem) < 3:
                        continue
                    # a name part shared with another person as *family* name is ambiguous: skip
                    start = cut_offset(tok, cut) if cut else tok.start
                    end = self.tokens[i + n - 1].end
                    return Found(i, i + n, start, end, f.entry, "part")
        return None

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

    def _mention_head(self, f: Found) -> str:
        words = self.text[f.start : f.end].replace("«", " ").replace("»", " ").split()
        return strip_article(normalize(words[0])) if words else ""

    def _head_of(self, e: GazEntry) -> str:
        label = e.label_ar or e.label
        words = [w for w in label.replace("«", " ").replace("»", " ").split()]
        return strip_article(normalize(words[0])) if words else ""

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


class _Introduced:
    """The mentions coreference may point back to, indexed as they arrive.

    Each look-up answers what a scan of every earlier mention, most recent first, would answer;
    the scans made extraction quadratic in the article's length.
    """

    def __init__(self, finder: _Finder):
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
        if e.category == "person" and f.kind in {"person", "name"}:
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


def find_entities(text: str, tokens: list[Token], sentences: list[Sentence], lang: str) -> EntityTable:
    finder = _Finder(text, tokens, sentences, lang)
    finder.pass_names()
    finder.pass_aliases()
    finder.pass_senses()
    finder.pass_coreference()
    table = EntityTable()
    for f in sorted(finder.found, key=lambda f: f.start):
        ent = table.entities.get(f.entry.key)
        if ent is None:
            ent = _entity_from(f.entry)
            table.entities[f.entry.key] = ent
        ent.mentions.append(Span(f.start, f.end, text[f.start : f.end]))
        rule = f"entity.{f.kind}"  # which pass found the mention: name, trigger, pattern, person, part, nominal, alias, demonym
        if rule not in ent.rules:
            ent.rules.append(rule)
        table.found.append(f)
        for k in range(f.first, f.last):
            table.by_token[k] = f
    return table
