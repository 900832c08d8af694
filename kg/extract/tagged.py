"""The learned tagger as an extraction component: it proposes person, place and organisation spans for
names no lexicon knows; the gazetteer types and links a span it knows, the rules' mentions come first.

The tagger reads whole tokens, proclitics included (وبيروت, للجيش); a proposed span starts after a
proclitic when what follows is a word kg knows or a definite noun, as the rules' own mentions do, so
the same name gets the same span whoever found it. Measured on ANERcorp's test split and the dev
articles (kg/models/README.md): rules first, then the tagger where no rule found anything.
"""

from __future__ import annotations

from kg.extract.entity_base import Found, _new_entry
from kg.extract.gazetteer import name_key
from kg.extract.tokens import cut_offset

TYPES = {"person": "Person", "organization": "Organization", "place": "Place"}


MIN_SINGLE_WORD_SCORE = 0.9  # a one-word span needs this confidence: common words (انهيار, April) fall below


class TaggerRules:
    """Mixed into the entity finder (:mod:`kg.extract.entities`)."""

    def pass_tagger(self) -> None:
        """After the rules and coreference: the tagger's spans where nothing was found, a span that ends
        a name found before (عبد الرحمن after رامي عبد الرحمن, "Human Rights Watch" after its full name)
        joining that entity."""
        cands = self.tagger_candidates()
        if not cands:
            return
        endings: dict[tuple[str, tuple[str, ...]], object] = {}
        for f in self.found:
            words = name_key(self.text[f.start : f.end])
            for n in range(1, len(words) + 1):
                endings.setdefault((f.entry.category, words[-n:]), f.entry)
        for f in sorted(cands, key=lambda f: f.start):
            if not self.is_free(f.first, f.last):
                continue
            words = name_key(self.text[f.start : f.end])
            known = endings.get((f.entry.category, words))
            if known is not None:
                f.entry = known
            self.accept(f)
            for n in range(1, len(words) + 1):
                endings.setdefault((f.entry.category, words[-n:]), f.entry)
        self.found.sort(key=lambda f: f.start)

    def tagger_candidates(self) -> list[Found]:
        from kg.tagger import tagger_for  # kg.tagger's features import kg.extract: imported when first used

        tagger = tagger_for(self.lang)
        if tagger is None:
            return []
        out = []
        for sent in self.sentences:
            words = [self.tokens[k].text for k in range(sent.start, sent.end)]
            for span in tagger.spans(words):
                f = self._tagged(sent.start + span.first, sent.start + span.last, span.category, span.score)
                if f is not None:
                    out.append(f)
        return out

    def _tagged(self, first: int, last: int, category: str, score: float) -> Found | None:
        toks = self.tokens[first:last]
        if not all(t.is_word for t in toks) or all(t.norm in self.fw or t.text.lower() in self.fw for t in toks):
            return None
        head = toks[0]
        cut = self._proclitic_cut(head) if head.is_arabic else 0
        start = cut_offset(head, cut) if cut else head.start
        end = toks[-1].end
        words = (head.norm[cut:],) + tuple(t.norm for t in toks[1:])
        if len(words[0]) < 2:
            return None
        if len(words) == 1 and (score < MIN_SINGLE_WORD_SCORE or words[0] in self.stop_names or words[0] in self.cues):
            return None
        if head.is_arabic and all(w in self.heads or (w.endswith(("يه", "ي")) and not w.startswith("ال")) for w in words):
            return None  # منظمة دولية "an international organisation": an indefinite head and adjective, no name
        known = [e for e in self.gaz.lookup(words) if e.category == category and not e.demonym]
        entry = known[0] if known else _new_entry(category, TYPES[category], self.text[start:end])
        return Found(first, last, start, end, entry, "tagger", score=score)

    def _proclitic_cut(self, tok) -> int:
        """Letters of و/ف/ب/ل/لل to cut before the name: only when the rest is a definite noun or a word a
        lexicon or the gazetteer knows, and the whole token is not itself a known name (وليد)."""
        if (tok.norm,) in self.gaz.index or tok.norm in self.gaz.firsts:
            return 0
        for cut, rest in reversed(tok.splits):
            if cut and len(rest) >= 3 and (rest.startswith("ال") or rest in self.gaz.firsts):
                return cut
        return 0
