"""Literals checked at the door: a record's bad date, URL or language tag is a rejection naming the record,
field and value — never a stored graph that `kg validate` then reports; and the fast validator checks the
lexical form of every datatype it claims, with the same verdicts as pySHACL."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD

from kg.cli import cli
from kg.literals import date_literal, field_problem, well_formed
from kg.validate import validate_graph
from kg.validate.fast import Unsupported, _node_shapes, compile_shapes, validate_graph_fast, validate_triples
from kg.vocab import SCHEMA

from .test_shapes import A, base

TEXT = "قال الجيش اللبناني إن الوضع هادئ في الجنوب."
BAD = [("published", "2024-99-99"), ("published", "2024-02-30"), ("published", "yesterday"),
       ("language", "xx_!!"), ("url", "javascript:x")]


def test_each_bad_value_is_rejected_by_name_and_the_rest_loads_and_validates(tmp_path):
    records = [{"id": f"bad{n}", "text": TEXT, field: value} for n, (field, value) in enumerate(BAD)]
    records.append({"id": "good", "text": TEXT, "published": "2024-02-29", "url": "https://example.org/a", "language": "ar"})
    records.append({"id": "time", "text": TEXT + " ", "published": "2024-02-29 10:30"})
    src = tmp_path / "records.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    store = tmp_path / "store"
    r = CliRunner().invoke(cli, ["load", "-q", "--workers", "1", "--store", str(store), str(src)])
    assert r.exit_code == 1 and "articles loaded: 2, rejected: 5" in r.output, r.output
    for n, (field, value) in enumerate(BAD, 1):
        assert f"records.jsonl#{n}: {field} {value!r}" in r.output  # file, record, field and value
    r = CliRunner().invoke(cli, ["validate", "--store", str(store)])
    assert r.exit_code == 0 and "conforms" in r.output, r.output


@pytest.mark.parametrize("lexical,datatype,ok", [
    ("2024-02-29", "date", True), ("2023-02-29", "date", False), ("2024-99-99", "date", False), ("2024-1-01", "date", False),
    ("2024-05-01Z", "date", True), ("2024-05-01+15:00", "date", False),
    ("2024-05-01T10:00:00", "dateTime", True), ("2024-05-01T24:00:00", "dateTime", True), ("2024-05-01T25:00:00", "dateTime", False),
    ("2024-05-01T10:00:00.5+03:00", "dateTime", True), ("2024-05-01 10:00:00", "dateTime", False),
    ("42", "integer", True), ("+42", "integer", True), ("4.2", "integer", False), ("", "integer", False),
    ("-1", "nonNegativeInteger", False), ("0", "nonNegativeInteger", True), ("1.50", "decimal", True), ("1e3", "decimal", False),
    ("1e3", "double", True), ("INF", "double", True), ("true", "boolean", True), ("yes", "boolean", False),
    ("https://example.org/a b", "anyURI", False), ("https://example.org/a", "anyURI", True),
])
def test_lexical_forms(lexical, datatype, ok):
    assert well_formed(lexical, str(XSD) + datatype) is ok


def test_dates_and_fields_at_the_door():
    assert date_literal("2024-05-01") == ("2024-05-01", str(XSD.date))
    assert date_literal("2024-05-01 10:30") == ("2024-05-01T10:30:00", str(XSD.dateTime))
    assert date_literal("1 May 2024") is None
    assert field_problem("url", "ftp://example.org/x") and field_problem("url", "/relative/path")
    assert field_problem("url", "https://example.org/x") is None and field_problem("language", "en-GB") is None


@pytest.mark.parametrize("value", [Literal("2024-99-99", datatype=XSD.date), Literal("2023-02-29", datatype=XSD.date),
                                   Literal("noon", datatype=XSD.dateTime)])
def test_an_ill_formed_typed_literal_is_a_violation_for_both_validators(value):
    g = base()
    g.add((A, SCHEMA.datePublished, value))
    ref, fast = validate_graph(g), validate_graph_fast(g)
    assert not ref.conforms and not fast.conforms
    assert {(v.focus, v.path) for v in ref.violations} == {(v.focus, v.path) for v in fast.violations}


def test_node_shape_features_the_fast_validator_does_not_enforce_are_refused():
    def shapes(extra):
        g = Graph()
        s = URIRef("urn:shape")
        g.add((s, RDF.type, SH.NodeShape))
        g.add((s, SH.targetClass, URIRef("urn:C")))
        extra(g, s)
        return g

    assert _node_shapes(shapes(lambda g, s: None)) == [URIRef("urn:shape")]
    for add in (lambda g, s: g.add((s, SH.closed, Literal(True))),
                lambda g, s: g.add((s, SH["not"], BNode())),
                lambda g, s: g.add((s, SH.hasValue, URIRef("urn:x"))),
                lambda g, s: g.add((s, SH.severity, SH.Warning)),
                lambda g, s: g.add((s, SH.deactivated, Literal(True)))):
        with pytest.raises(Unsupported):
            _node_shapes(shapes(add))
    for add in (lambda g, s: g.add((s, SH.nodeKind, URIRef(str(SH) + "Foo"))),
                lambda g, s: g.add((s, SH.minInclusive, Literal("2020-01-01", datatype=XSD.date)))):
        with pytest.raises(Unsupported):
            compile_shapes(shapes(add))
    # node-level constraints and other targets are enforced, not skipped
    g = shapes(lambda g, s: (g.add((s, SH.nodeKind, SH.IRI)), g.add((s, SH.targetNode, Literal("x")))))
    report = validate_triples([], checks=compile_shapes(g))
    assert [(v.focus, v.component) for v in report.violations] == [('"x"', str(SH.NodeKindConstraintComponent))]
    untargeted = Graph()
    untargeted.add((BNode(), SH.property, BNode()))
    with pytest.raises(Unsupported, match="no sh:targetClass"):
        _node_shapes(untargeted)


def test_validate_engines_agree_on_a_store_with_a_bad_graph(tmp_path):
    import pyoxigraph as ox

    from kg.store import KGStore

    store = tmp_path / "store"
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    r = CliRunner().invoke(cli, ["load", "-q", "--workers", "1", "--store", str(store), str(src)])
    assert r.exit_code == 0, r.output
    with KGStore(store) as s:
        graph = next(g for g in s.named_graphs() if "/article/" in g)
        article = next(q.subject for q in s.graph_quads(graph) if q.predicate.value == str(SCHEMA.inLanguage))
        s.post_graph(ox.NamedNode(graph), [ox.Quad(article, ox.NamedNode(str(SCHEMA.datePublished)),
                                                   ox.Literal("2024-99-99", datatype=ox.NamedNode(str(XSD.date))),
                                                   ox.NamedNode(graph))])
    outputs = {}
    for engine in ("fast", "pyshacl"):
        r = CliRunner().invoke(cli, ["validate", "--store", str(store), "--engine", engine, "--format", "json"])
        assert r.exit_code == 1, r.output
        outputs[engine] = {(v["focus"], v["path"], v["component"]) for rep in json.loads(r.output)["reports"] for v in rep["violations"]}
    assert outputs["fast"] == outputs["pyshacl"] and len(outputs["fast"]) == 1
