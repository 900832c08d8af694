"""A news item's dateline names its source: «الدوحة - قنا :», «عمان (بترا) -», "BEIRUT (Reuters) -".

At the start of a sentence, a place kg knows, a dash, then one to four words up to a colon or another dash —
or the words in brackets right after the place — are the agency or the paper the item comes from: a media
organisation, a new one where kg does not know the name (الراية، وام). Not a byline (الدوحة - محمد علي :
a reporter: a given name opens it, the person rules read it) and not the generic sources of a desk
(عواصم - وكالات، مراسلنا، خاص: :data:`GENERIC_SOURCES`).
"""

from __future__ import annotations

from kg.extract.entity_base import QUOTES, Found, _new_entry
from kg.extract.normalize import normalize

DASHES = frozenset({"-", "–", "—", "ـ"})
MAX_SOURCE_WORDS = 4
BYLINE_OPENINGS = ("عبد", "ابو")  # a name written joined (عبدالواحد، أبوبكر) opens a reporter's byline
# normalised words of a desk's generic credits: «agencies», «our correspondent», «exclusive», «follow-ups» …
GENERIC_SOURCES = frozenset(normalize(w) for w in (
    "وكالات", "الوكالات", "مراسلنا", "مراسلها", "مراسلون", "مراسلة", "خاص", "متابعات", "مكتبنا", "مندوبنا",
    "المحرر", "المحررين", "بالصور", "بالفيديو", "agencies", "staff", "wires"))


class DatelineRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def dateline_candidates(self, i: int) -> list[Found]:
        """The source of a dateline whose place starts at token i (the first word of its sentence)."""
        si = self.sentence_of.get(i)
        if si is None or self.sentences[si].start != i:
            return []
        place = max((f for f in self.cached_candidates(i) if f.entry.category == "place" and not f.entry.demonym),
                    key=lambda f: f.last, default=None)
        if place is None:
            return []
        end = self.sentences[si].end
        k = place.last
        if k < end and self.tokens[k].text == "(":
            words, stop = self._source_words(k + 1, end, {")"})
            after = stop + 1 if stop is not None else None
            if not (after is not None and after < end and (self.tokens[after].text in DASHES or self.tokens[after].text == ":")):
                return []
        elif k < end and self.tokens[k].text in DASHES:
            words, stop = self._source_words(k + 1, end, {":"} | DASHES)
        else:
            return []
        if stop is None or not words:
            return []
        return self._source(words)

    def _source_words(self, k: int, end: int, closers: set[str]) -> tuple[list[int], int | None]:
        words: list[int] = []
        while k < end and len(words) <= MAX_SOURCE_WORDS:
            t = self.tokens[k]
            if t.text in closers:
                return words, k
            if t.text in QUOTES:  # دبي - «الخليج» :
                k += 1
                continue
            if not t.is_word or t.text[:1].isdigit():
                return words, None
            words.append(k)
            k += 1
        return words, None

    def _source(self, words: list[int]) -> list[Found]:
        toks = [self.tokens[k] for k in words]
        if len(words) > MAX_SOURCE_WORDS or any(
                t.text.lower() in GENERIC_SOURCES or any(stem in GENERIC_SOURCES for _, stem in t.splits) for t in toks):
            return []  # عواصم - وكالات، دمشق - الشروق ووكالات: a desk's credits
        first = toks[0].norm
        if self._given(words[0])[0] or first.startswith(BYLINE_OPENINGS) or any(t.norm in self.fw or t.text.lower() in self.fw for t in toks):
            return []  # a byline (الدوحة - محمد علي :، الخرطوم - عبدالواحد X), or words of a sentence
        key = tuple(t.norm for t in toks)
        known = [e for e in self.gaz.lookup(key) if e.category == "organization"]  # (a dateline names a medium: الخليج is the paper)
        start, end = toks[0].start, toks[-1].end
        entry = known[0] if known else _new_entry("organization", "MediaOrganization", self.text[start:end])
        return [Found(words[0], words[-1] + 1, start, end, entry, "dateline")]
