"""The library's front door: ``from kg import KnowledgeGraph``, with no side effects on the caller."""

from __future__ import annotations

import gc
import subprocess
import sys

from kg import KnowledgeGraph
from kg.queries import Term
from kg.resources import samples_dir


def test_import_kg_loads_nothing_else():
    code = "import sys, kg; print(sorted(m for m in sys.modules if m.startswith('kg')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['kg']"


def test_load_query_validate_export_stats(tmp_path):
    g = KnowledgeGraph(tmp_path / "store")
    frozen = gc.get_freeze_count()
    report = g.load([samples_dir(), {"text": "قال الجيش اللبناني إن الوضع هادئ.", "published": "2024-99-99"}])
    assert gc.get_freeze_count() == frozen  # nothing of the caller's interpreter frozen
    assert len(report.rejected) == 1 and "published" in report.rejected[0].reason and report.ok is False
    [row] = g.query("SELECT (COUNT(*) AS ?n) WHERE { ?c a kg:Claim }")
    assert row["n"] == Term("literal", "34", "http://www.w3.org/2001/XMLSchema#integer") and g.query("ASK { ?c a kg:Claim }") is True
    assert all(r.conforms for r in g.validate()) and len(g.validate()) == 6
    assert g.stats()["classes"]["Claim"] == 34 and b"kg-news" in g.export("nquads")
    assert type(g.serve_app()).__name__ == "Starlette"


def test_the_tagger_is_a_setting_of_the_object_not_of_the_process():
    text = "Talks resumed after Tomasz Wrzeszcz arrived in Geneva on Monday."
    with_tagger = KnowledgeGraph(tagger=True).extract(text, language="en")
    without = KnowledgeGraph(tagger=False).extract(text, language="en")
    assert "Tomasz Wrzeszcz" in [e.label for e in with_tagger.entities]
    assert "Tomasz Wrzeszcz" not in [e.label for e in without.entities]
    assert "Tomasz Wrzeszcz" in [e.label for e in KnowledgeGraph().extract(text, language="en").entities]


def test_every_command_has_its_method(tmp_path):
    """The CLI's commands are thin wrappers: each store command has a KnowledgeGraph method behind it."""
    import json

    import pytest

    from kg.errors import KGException
    from kg.serve import ServeConfig

    demo = KnowledgeGraph.demo(tmp_path / "demo")
    assert demo.report.ok and len(demo.answers) == 3
    g = KnowledgeGraph(demo.store)
    assert g.graph_count() == 7  # six articles and the entities graph
    status, media, body = g.get("/sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D", "application/sparql-results+json")
    assert status == 200 and json.loads(body)["boolean"] is True
    status, _, _ = g.get("/entity?iri=https://w3id.org/kg-news/id/entity/none", config=ServeConfig(store=tmp_path))
    assert status == 404  # the config's own store is replaced by this object's
    sample = next(p for p in sorted(samples_dir().iterdir()) if p.suffix == ".txt")
    [contract] = g.extract_file(sample)
    assert contract["claims"] and contract["entities"][0]["mentions"]
    [report] = g.validate([sample])
    assert report.conforms
    with pytest.raises(KGException, match="no store there"):
        KnowledgeGraph(tmp_path / "absent").get("/sparql?query=ASK%7B%7D")
