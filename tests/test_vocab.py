import pytest

from kg.vocab import KG, SCHEMA
from kg.vocabgen import bases_target, completions_target, generate, generate_bases, generate_completions, target


def test_generated_vocabulary_is_not_stale():
    assert target().read_text(encoding="utf-8") == generate(), "run: python -m kg.vocabgen"
    assert bases_target().read_text(encoding="utf-8") == generate_bases(), "run: python -m kg.vocabgen"
    assert completions_target().read_text(encoding="utf-8") == generate_completions(), "run: python -m kg.vocabgen"


def test_the_editor_completes_every_kg_term():
    import json

    names = {t["name"] for t in json.loads(completions_target().read_text(encoding="utf-8"))["terms"]}
    assert {f"kg:{t}" for t in KG.__annotations__} <= names
    assert {"schema:headline", "wgs84:lat", "skos:prefLabel", "owl:sameAs", "rdf:type"} <= names


def test_the_plain_bases_are_the_vocabulary_s():
    from kg import iri_bases
    from kg.vocab import KGID, WD

    assert iri_bases.KGID == str(KGID) and iri_bases.WD == str(WD)


def test_misspelt_term_fails():
    assert str(KG.Claim).endswith("#Claim")
    assert str(SCHEMA.headline) == "http://schema.org/headline"
    with pytest.raises(AttributeError):
        KG.Clam  # noqa: B018
