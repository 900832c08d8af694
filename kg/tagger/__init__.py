"""The learned entity tagger: a CRF trained on annotated newswire, one component of extraction.

kg ships one model per language (``kg/models/ner-ar.kgtag``, ``ner-en.kgtag``; CC BY-SA 4.0: see
``kg/models/README.md``). Extraction uses it unless told not to — ``kg extract --no-tagger``,
``kg load --no-tagger``, or :func:`configure` in a program — and a shipped model that is missing or
corrupt is an error (:class:`TaggerError`), never a silent fallback to extraction without it.

The setting travels to worker processes in the environment (``KG_TAGGER``: ``off``, or a model file
to use for every language), so ``kg load --workers 4 --no-tagger`` means the same in every worker.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from kg.tagger.model import TaggedSpan, Tagger, TaggerError

__all__ = ["SHIPPED", "TaggedSpan", "Tagger", "TaggerError", "check", "configure", "model_path", "tagger_for"]

ENV = "KG_TAGGER"
MODELS = Path(__file__).resolve().parent.parent / "models"
SHIPPED = {"ar": "ner-ar.kgtag", "en": "ner-en.kgtag"}  # the languages kg has a trained model for


def configure(enabled: bool = True, model: Path | str | None = None) -> None:
    """Use the tagger or not in this process and the workers it starts; ``model`` replaces the shipped one."""
    if not enabled:
        os.environ[ENV] = "off"
    elif model is not None:
        os.environ[ENV] = str(Path(model).resolve())
    else:
        os.environ.pop(ENV, None)


def enabled() -> bool:
    return os.environ.get(ENV, "") != "off"


def model_path(lang: str) -> Path | None:
    """The model used for ``lang``: the configured file, else the shipped one, else None (no model for it)."""
    setting = os.environ.get(ENV, "")
    if setting == "off":
        return None
    if setting:
        return Path(setting)
    name = SHIPPED.get(lang)
    return MODELS / name if name else None


def check() -> None:
    """Raise :class:`TaggerError` now if a model extraction would use cannot be read (before a long load)."""
    from kg.tagger.model import read_model

    for lang in SHIPPED:
        path = model_path(lang)
        if path is not None:
            read_model(path)


def tagger_for(lang: str, use: bool | None = None) -> Tagger | None:
    """The tagger for ``lang``, loaded once per process; None when off or kg has no model for ``lang``.
    ``use`` overrides the process setting for one call (True: the configured or shipped model even when
    the setting is off; False: none).

    Raises :class:`TaggerError` when the model that should be used cannot be (missing, corrupt)."""
    if use is False:
        return None
    path = model_path(lang)
    if path is None and use and SHIPPED.get(lang):
        path = MODELS / SHIPPED[lang]
    return _load(str(path)) if path is not None else None


@lru_cache(maxsize=4)
def _load(path: str) -> Tagger:
    from kg.tagger.features import build_lexicon_flags

    return Tagger(Path(path), build_lexicon_flags())
