"""Viterbi decoding of the tagger's CRF with every word type's scores computed once.

Why not crfsuite's own ``tag``: it takes every token's feature strings anew (18 per token on news) and looks
each one up, 5–6 µs a token in all, while a word's features — and so the sum of their weights per label — are
the same each time the word comes back. Here each word type gets, once, the row of its own features' weights
and one row for each of its window positions (−2, −1, +1, +2); a sentence's emission scores are then five row
look-ups and sums, and the Viterbi recursion runs over all the sentences of an article at once (NumPy, one
step per word position). The labels are crfsuite's: the weights are the model's exact doubles (named from
crfsuite's dump, read from the model's feature chunk, once per model digest into kg's compiled cache), ties
go to the lower label id as crfsuite's do, and ``tests/test_tagger.py`` checks equality; the marginals that
score a kept span come from the same weights by forward-backward.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import numpy as np

from kg.tagger.features import CONTEXT_OFFSETS as OFFSETS
from kg.tagger.features import FeatureCache

MAX_TYPES = 50_000  # word types whose rows are kept (about 20 MB); past that the cache starts again, so a
# process that tags millions of articles keeps flat memory (every new word type of real news would stay)


@dataclass(frozen=True)
class Weights:
    """A CRF's parameters as arrays: labels in crfsuite's id order, label-to-label transitions, and one row
    of per-label weights for each attribute (feature string)."""

    labels: tuple[str, ...]
    transitions: bytes  # float64 (L, L), row: from, column: to
    attributes: dict[str, int]  # feature string → row of ``state``
    state: bytes  # float64 (A, L)

    @classmethod
    def from_crfsuite(cls, tagger, model: bytes) -> Weights:
        """From an open ``pycrfsuite.Tagger`` and its model bytes. The dump names every feature (attribute
        and labels) but prints its weight to six decimals; the model's feature chunk holds the exact doubles
        in the dump's order, so the two are read side by side, and each pair checked to agree."""
        info = tagger.info()
        labels = tuple(sorted(info.labels, key=lambda label: int(info.labels[label])))
        lid = {label: i for i, label in enumerate(labels)}
        state_exact, trans_exact = _feature_weights(model)
        named_state, named_trans = list(info.state_features.items()), list(info.transitions.items())
        if len(named_state) != len(state_exact) or len(named_trans) != len(trans_exact):
            raise ValueError("the CRF's dump and its feature chunk do not list the same features")
        transitions = np.zeros((len(labels), len(labels)))
        for ((a, b), rounded), (src, dst, w) in zip(named_trans, trans_exact):
            if (lid[a], lid[b]) != (src, dst) or abs(rounded - w) > 1e-6:
                raise ValueError(f"the CRF's transition {a} → {b} does not match its feature chunk")
            transitions[src, dst] = w
        attributes: dict[str, int] = {}
        rows: list[list[float]] = []
        for ((attr, label), rounded), (_, dst, w) in zip(named_state, state_exact):
            if lid[label] != dst or abs(rounded - w) > 1e-6:
                raise ValueError(f"the CRF's feature {attr!r} → {label} does not match its feature chunk")
            row = attributes.get(attr)
            if row is None:
                row = attributes[attr] = len(rows)
                rows.append([0.0] * len(labels))
            rows[row][dst] = w
        state = np.array(rows, dtype=np.float64).reshape(len(rows), len(labels))
        return cls(labels, transitions.tobytes(), attributes, state.tobytes())


def _feature_weights(model: bytes) -> tuple[list[tuple[int, int, float]], list[tuple[int, int, float]]]:
    """(source, destination, weight) of the state and of the transition features of a CRFsuite 1d model, in
    file order: the header (magic ``lCRF``) gives the offset of the ``FEAT`` chunk, whose records are
    (type, source, destination: uint32, weight: float64), little-endian."""
    if model[:4] != b"lCRF":
        raise ValueError("not a CRFsuite model")
    (offset,) = struct.unpack_from("<I", model, 28)
    chunk, _size, count = struct.unpack_from("<4sII", model, offset)
    if chunk != b"FEAT":
        raise ValueError("the CRFsuite model has no feature chunk where its header says")
    state, transitions = [], []
    for kind, src, dst, weight in struct.iter_unpack("<IIId", model[offset + 12 : offset + 12 + 20 * count]):
        (state if kind == 0 else transitions).append((src, dst, weight))
    return state, transitions


class Decoder:
    """Labels for sentences, with the score rows of each word type kept for the process's life."""

    def __init__(self, weights: Weights, features: FeatureCache):
        self.labels = weights.labels
        self.label_ids = {label: i for i, label in enumerate(self.labels)}
        self._exp_transitions: np.ndarray | None = None
        n = len(self.labels)
        self.transitions = np.frombuffer(weights.transitions, dtype=np.float64).reshape(n, n)
        self.state = np.frombuffer(weights.state, dtype=np.float64).reshape(-1, n)
        self.attributes = weights.attributes
        self.features = features
        self._rows = np.zeros((4096, n))  # row 0: nothing (no feature at this window position)
        self._used = 1
        self._types: dict[str, int] = {}  # word → its line of ``_type_rows``
        self._type_rows = np.zeros((1024, 5), dtype=np.intp)  # per word type, rows: own, −2, −1, +1, +2
        self._bound = {o: self._row([f"{o}:BOUND"]) for o in OFFSETS}  # a window position past the sentence
        self._first_free = self._used  # rows before it outlive a reset of the word types' rows
        self.max_types = MAX_TYPES
        # emissions of the sentences decoded last, by the identity of their word lists (a caller asks for the
        # marginals of the lists it tagged: making a tuple of every sentence's words cost a fifth of decoding)
        self._article: dict[int, tuple[list[str], np.ndarray]] = {}

    def _row(self, features: list[str]) -> int:
        index = [self.attributes[f] for f in features if f in self.attributes]
        if self._used == len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
        self._rows[self._used] = self.state[index].sum(axis=0) if index else 0.0
        self._used += 1
        return self._used - 1

    def _type(self, word: str) -> int:
        """The word type's line of ``_type_rows``, made when the word is first met."""
        own, *contexts = self.features.word_lists(word)  # the strings are not kept: only their sums
        line = len(self._types)
        if line == len(self._type_rows):
            self._type_rows = np.concatenate([self._type_rows, np.zeros_like(self._type_rows)])
        self._type_rows[line] = (self._row(own), *(self._row(c) for c in contexts))
        self._types[word] = line
        return line

    def _emissions(self, sentences: list[list[str]]) -> np.ndarray:
        """(word, label) state scores of the sentences' words, one after the other: each word's own row and
        the rows of its window, −2 … +2, as FeatureCache.sequence gives them to crfsuite (a position past the
        sentence: its BOUND row, or nothing two places past the first or last word). Python looks up each
        word's type once; the window is NumPy's (shifted copies of the types' rows, masked at the edges)."""
        if len(self._types) >= self.max_types:  # between batches only: a batch's row numbers must stay its own
            self._types.clear()  # the rows arrays keep their size and are written over
            self._used = self._first_free
        get = self._types.get
        lines = [get(w, -1) for words in sentences for w in words]  # one look-up a word: most types are known
        if -1 in lines:
            flat = [w for words in sentences for w in words]
            for k, line in enumerate(lines):
                if line == -1:  # a new type (made once: a second occurrence in the batch finds it)
                    w = flat[k]
                    lines[k] = self._types[w] if w in self._types else self._type(w)
        lengths = np.array([len(words) for words in sentences if words], dtype=np.intp)
        rows = self._type_rows[np.array(lines, dtype=np.intp)]  # (word, 5)
        total = len(lines)
        at = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)  # position in its sentence
        left = np.repeat(lengths, lengths) - at - 1  # words after it in its sentence
        b2, b1, a1, a2 = (self._bound[o] for o in OFFSETS)
        m2 = np.zeros(total, dtype=np.intp)
        m2[2:] = rows[:-2, 1]
        m2 = np.where(at >= 2, m2, np.where(at == 1, b2, 0))
        m1 = np.full(total, b1, dtype=np.intp)
        m1[1:] = np.where(at[1:] >= 1, rows[:-1, 2], b1)
        p1 = np.full(total, a1, dtype=np.intp)
        p1[:-1] = np.where(left[:-1] >= 1, rows[1:, 3], a1)
        p2 = np.zeros(total, dtype=np.intp)
        p2[:-2] = rows[2:, 4]
        p2 = np.where(left >= 2, p2, np.where(left == 1, a2, 0))
        t = self._rows
        return t[rows[:, 0]] + t[m2] + t[m1] + t[p1] + t[p2]

    def marginals(self, words: list[str]) -> np.ndarray:
        """P(label | sentence) for every word, as crfsuite's ``marginal``. In probability space the forward
        and backward passes are products of matrices, A_k = exp(transitions) · diag(exp(state scores of
        word k)): the forward vector at k is the first word's scores times A_1 … A_k, the backward one at k
        is A_k+1 … A_n times ones. Both sets of products are made at once by doubling (⌈log₂ n⌉ batched
        matrix products, each rescaled to its largest entry: a position's scale cancels when its marginals
        are normalised) rather than word by word: a NumPy call per word, not arithmetic, is what a
        sentence's passes cost at 9 labels."""
        n = len(words)
        if not n:
            return np.zeros((0, len(self.labels)))
        kept = self._article.get(id(words))
        e = kept[1] if kept is not None and kept[0] is words else self._emissions([words])
        if self._exp_transitions is None:
            self._exp_transitions = np.exp(self.transitions)
        states = np.exp(e - e.max(axis=1, keepdims=True))
        if n == 1:
            return states / states.sum(axis=1, keepdims=True)
        steps = self._exp_transitions[None, :, :] * states[1:, None, :]  # A_1 … A_n−1
        # [0]: prefixes A_1 … A_k; [1]: suffixes A_k … A_n−1, transposed and last first (so also prefixes)
        products = np.stack([steps, steps[::-1].transpose(0, 2, 1)])
        span = 1
        while span < n - 1:
            joined = np.matmul(products[:, :-span], products[:, span:])
            joined /= joined.max(axis=(2, 3), keepdims=True)
            products[:, span:] = joined
            span *= 2
        p = np.empty_like(states)
        p[0] = states[0]
        p[1:] = states[0] @ products[0]
        p[:-1] *= products[1, ::-1].sum(axis=1)  # (A_k+1 … A_n−1 · 1)ᵀ = 1ᵀ · its transpose
        return p / p.sum(axis=1, keepdims=True)

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        """The best label sequence of each sentence (an empty sentence: no labels)."""
        if not any(sentences):
            return [[] for _ in sentences]
        lengths = [len(words) for words in sentences]
        emissions = self._emissions(sentences)
        starts = np.cumsum([0, *lengths])
        self._article = {id(words): (words, emissions[starts[s] : starts[s + 1]])  # for their marginals, if asked
                         for s, words in enumerate(sentences) if words}
        # the sentences longest first, so that at each word position the ones still running are a prefix
        order = sorted(range(len(sentences)), key=lambda s: -lengths[s])
        ranked = [lengths[s] for s in order]
        steps, n_labels, count = ranked[0], len(self.labels), len(sentences)
        scores = np.zeros((count, steps, n_labels))
        scores[np.arange(steps)[None, :] < np.array(ranked)[:, None]] = emissions[
            np.concatenate([np.arange(starts[s], starts[s] + lengths[s]) for s in order])]
        by_step = scores.transpose(1, 0, 2)  # (step, sentence, label): a view
        running = [0] * steps  # how many sentences have a word at each position
        for n in ranked:
            for k in range(n):
                running[k] += 1
        best = scores[:, 0, :].copy()
        back = np.zeros((steps, count, n_labels), dtype=np.intp)
        into = np.ascontiguousarray(self.transitions.T)[None, :, :]  # (1, to, from)
        paths = np.empty((count, n_labels, n_labels))
        step = np.empty((count, n_labels))
        add, most = np.add, np.maximum.reduce
        # each step writes into arrays made once (no allocation per word position): NumPy's call overhead,
        # not arithmetic, is most of a step's cost at a handful of sentences and labels (a reduction over the
        # last axis costs half one over the middle); a finished sentence keeps its scores by being outside
        # the prefix
        for k in range(1, steps):
            m = running[k]
            b, p, st = best[:m], paths[:m], step[:m]
            add(b[:, None, :], into, out=p)  # (sentence, to, from)
            p.argmax(axis=2, out=back[k, :m])  # ties: the lowest label id, as crfsuite
            most(p, axis=2, out=st)
            add(st, by_step[k, :m], out=b)
        last = best.argmax(axis=1).tolist()
        out: list[list[str]] = [[] for _ in sentences]
        for r, s in enumerate(order):
            n = lengths[s]
            if not n:
                continue
            y = [0] * n
            y[-1] = last[r]
            came = back[:n, r].tolist()  # Python ints: indexing a NumPy array per word costs more
            for k in range(n - 1, 0, -1):
                y[k - 1] = came[k][y[k]]
            out[s] = [self.labels[i] for i in y]
        return out
