import pytest

from kg.vocab import KG, SCHEMA
from kg.vocabgen import generate, target


def test_generated_vocabulary_is_not_stale():
    assert target().read_text(encoding="utf-8") == generate(), "run: python -m kg.vocabgen"


def test_misspelt_term_fails():
    assert str(KG.Claim).endswith("#Claim")
    assert str(SCHEMA.headline) == "http://schema.org/headline"
    with pytest.raises(AttributeError):
        KG.Clam  # noqa: B018
