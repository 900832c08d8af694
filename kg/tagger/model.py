"""A trained entity tagger: a linear-chain CRF (trained with python-crfsuite, decoded by :mod:`kg.tagger.decode`)
over :mod:`kg.tagger.features`.

The model file is one file: a magic line, a JSON header (feature version, language, labels, training
summary, SHA-256 of the CRF) and the CRF's own bytes. A file that is missing, truncated, corrupted or
built with other features is refused with :class:`TaggerError` naming the file — never a silent
fallback to extraction without the tagger.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.tagger.decode import Decoder, Weights
from kg.tagger.features import FEATURE_VERSION, FeatureCache, LexiconFlags
from kg.errors import KGException

MAGIC = b"KGTAGGER 1\n"
TYPES = {"PERS": "person", "LOC": "place", "ORG": "organization"}  # MISC is learned, never proposed


class TaggerError(KGException):
    """A model file that cannot be used: missing, unreadable, corrupt, or made for other features."""


@dataclass(frozen=True)
class TaggedSpan:
    first: int  # word index, inclusive
    last: int  # word index, exclusive
    category: str  # person | place | organization
    score: float | None  # the CRF's marginal probability of the span's labels, averaged over its words


def write_model(path: Path, crf_bytes: bytes, header: dict) -> None:
    header = {**header, "feature_version": FEATURE_VERSION, "sha256": hashlib.sha256(crf_bytes).hexdigest()}
    path.write_bytes(MAGIC + json.dumps(header, sort_keys=True, ensure_ascii=False).encode() + b"\n" + crf_bytes)


def read_model(path: Path) -> tuple[dict, bytes]:
    """(header, CRF bytes) of a verified model file; read and checked once per process and file version
    (``kg extract`` checks the model before it extracts, then loads it)."""
    try:
        st = Path(path).stat()
    except OSError as e:
        raise TaggerError(f"{path}: cannot read the tagger model ({e.strerror or e})") from None
    return _read_verified(str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=4)
def _read_verified(path: str, _mtime_ns: int, _size: int) -> tuple[dict, bytes]:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise TaggerError(f"{path}: cannot read the tagger model ({e.strerror or e})") from None
    if not data.startswith(MAGIC):
        raise TaggerError(f"{path}: not a kg tagger model (bad magic line)")
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise TaggerError(f"{path}: truncated tagger model (no header)")
    try:
        header = json.loads(data[len(MAGIC) : end])
    except ValueError:
        raise TaggerError(f"{path}: corrupt tagger model header") from None
    crf = data[end + 1 :]
    if not isinstance(header, dict) or hashlib.sha256(crf).hexdigest() != header.get("sha256"):
        raise TaggerError(f"{path}: corrupt tagger model (checksum mismatch)")
    if header.get("feature_version") != FEATURE_VERSION:
        raise TaggerError(f"{path}: model built with feature version {header.get('feature_version')}, "
                          f"kg computes version {FEATURE_VERSION}: rebuild it with `kg train ner`")
    return header, crf


class Tagger:
    """Tags words with BIO labels and proposes person, place and organisation spans with a score."""

    def __init__(self, path: Path, lexicon: LexiconFlags):
        import pycrfsuite

        self.path = Path(path)
        self.header, crf = read_model(self.path)
        self._crf = pycrfsuite.Tagger()
        self._crf_bytes = crf  # crfsuite reads the model in place: the bytes must live as long as the tagger
        try:
            self._crf.open_inmemory(crf)
        except Exception as e:  # crfsuite raises ValueError/IOError on a bad model body
            raise TaggerError(f"{path}: corrupt tagger model ({e})") from None
        self.features = FeatureCache(lexicon)
        self._decoder = Decoder(self._weights(), self.features)
        self._marginals: dict[int, tuple[list[str], object]] = {}  # the marginals asked for, of the article tagged last

    def _weights(self) -> Weights:
        """The CRF's weights as arrays, from the compiled cache under the model's digest (else from crfsuite)."""
        from kg.compiled import compiled

        return compiled(f"crf-weights-{self.header['sha256'][:24]}", lambda: Weights.from_crfsuite(self._crf, self._crf_bytes))

    @property
    def language(self) -> str:
        return self.header.get("language", "")

    def labels(self, words: list[str]) -> list[str]:
        return self._decoder.tag_many([words])[0]

    def spans(self, words: list[str]) -> list[TaggedSpan]:
        """Entity spans over ``words`` (one sentence), with the marginal probability of their labels."""
        return self.tag(words)[1]

    def tag(self, words: list[str], scores: bool = True) -> tuple[list[str], list[TaggedSpan]]:
        """The label of every word and the entity spans they make, with their scores (``scores=False``:
        scores left None, for a caller that scores only the spans it keeps, with :meth:`score`)."""
        return self.tag_many([words], scores)[0]

    def tag_many(self, sentences: list[list[str]], scores: bool = False) -> list[tuple[list[str], list[TaggedSpan]]]:
        """:meth:`tag` for the sentences of an article, decoded together (:mod:`kg.tagger.decode`). The
        marginals kept from the article before are forgotten: a sentence's come back only within its article
        (a benchmark passing over the same texts again must pay for them each time, as a long run does)."""
        self._marginals.clear()
        out = []
        for words, labels in zip(sentences, self._decoder.tag_many(sentences)):
            spans = []
            marginals = None
            for first, last, kind in chunks(labels):
                if kind in TYPES:
                    if scores and marginals is None:
                        marginals = self._decoder.marginals(words)
                    score = self._mean_marginal(marginals, labels, first, last) if scores else None
                    spans.append(TaggedSpan(first, last, TYPES[kind], score))
            out.append((labels, spans))
        return out

    def score(self, words: list[str], labels: list[str], first: int, last: int) -> float:
        """The marginal probability of ``labels[first:last]``, averaged over the span's words."""
        return self._mean_marginal(self.marginals(words), labels, first, last)

    def probability(self, words: list[str], first: int, last: int, kind: str) -> float:
        """The mean over ``words[first:last]`` of the marginal probability that the word is in a ``kind`` name
        (B- or I-), whatever the best sequence says."""
        ids = [i for lab, i in self._decoder.label_ids.items() if lab.endswith("-" + kind)]
        return float(self.marginals(words)[first:last, ids].sum()) / (last - first)

    def marginals(self, words: list[str]):
        """P(label | sentence) per word (rows) and label (columns, :attr:`Decoder.labels`), kept until the
        next article is tagged: an article's spans ask about the same few sentences."""
        kept = self._marginals.get(id(words))  # by the list's identity: the caller asks again with the list it has
        if kept is not None and kept[0] is words:
            return kept[1]
        if len(self._marginals) >= 256:  # a caller that asks without tagging articles: memory stays bounded
            self._marginals.clear()
        got = self._decoder.marginals(words)
        self._marginals[id(words)] = (words, got)
        return got

    def _mean_marginal(self, marginals, labels: list[str], first: int, last: int) -> float:
        ids = self._decoder.label_ids
        return round(float(sum(marginals[i, ids[labels[i]]] for i in range(first, last))) / (last - first), 3)


def chunks(labels: list[str]) -> list[tuple[int, int, str]]:
    """(first, last exclusive, type) of each BIO chunk; an I- without its B- starts a chunk."""
    out: list[tuple[int, int, str]] = []
    start, kind, prev = None, "", -2
    for i in [i for i, lab in enumerate(labels) if lab != "O"]:  # most words are O: only the others are read
        bio, _, ty = labels[i].partition("-")
        if start is not None and (i != prev + 1 or bio != "I" or ty != kind):
            out.append((start, prev + 1, kind))  # ended by an O, a B- or another type
            start = None
        if start is None:
            start, kind = i, ty
        prev = i
    if start is not None:
        out.append((start, prev + 1, kind))
    return out
