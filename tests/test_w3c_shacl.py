"""kg's validator on the W3C SHACL Core test suite (``../shared/w3c/shacl/core``): every test whose shapes use
only kg's subset of SHACL Core must give the expected report — conforms, and the same (focus node, path,
constraint component) results — and every other test must be refused when its shapes load (``Unsupported``),
never validated wrongly. Skipped when ../shared is absent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from kg.validate.fast import Unsupported, compile_shapes, validate_triples

from .conftest import SHARED

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
CORE = SHARED / "w3c" / "shacl" / "core"


def _tests() -> list[tuple[str, Path]]:
    """(name, file) of every test the core manifest includes, through its sub-manifests."""
    if not (CORE / "manifest.ttl").exists():
        return []
    out, todo, seen = [], [(CORE / "manifest.ttl").as_uri()], set()
    while todo:
        uri = todo.pop()
        if uri in seen:
            continue
        seen.add(uri)
        g = Graph().parse(uri, format="turtle")
        todo.extend(str(x) for x in g.objects(None, MF.include))
        for entries in g.objects(None, MF.entries):
            for test in Collection(g, entries):
                if (test, RDF.type, SHT.Validate) in g:
                    out.append((str(test).split("/core/")[-1], Path(uri.removeprefix("file://"))))
    return sorted(out)


TESTS = _tests()


def _node(term) -> str:
    if isinstance(term, BNode):
        return "_"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)


def _run(name: str, path: Path) -> str:
    """'passed' or 'refused'; an assertion error when kg's report differs from the expected one."""
    g = Graph().parse(path, format="turtle")
    test = next(t for t in g.subjects(RDF.type, SHT.Validate) if str(t).endswith("/core/" + name))
    action = g.value(test, MF.action)
    data_uri = str(g.value(action, SHT.dataGraph))
    shapes = Graph().parse(str(g.value(action, SHT.shapesGraph)).removeprefix("file://"), format="turtle")
    try:
        checks = compile_shapes(shapes)
    except Unsupported:
        return "refused"
    # pyoxigraph reads the data as written: rdflib would "repair" an ill-formed literal ("none"^^xsd:boolean)
    triples = list(ox.parse(path=data_uri.removeprefix("file://"), format=ox.RdfFormat.TURTLE, base_iri=data_uri))
    report = validate_triples(triples, checks=checks)
    expected = g.value(test, MF.result)
    want_conforms = str(g.value(expected, SH.conforms)).lower() == "true"
    want = Counter(
        (_node(g.value(r, SH.focusNode)), None if isinstance(g.value(r, SH.resultPath), (BNode, type(None))) else str(g.value(r, SH.resultPath)),
         str(g.value(r, SH.sourceConstraintComponent)))
        for r in g.objects(expected, SH.result)
    )
    got = Counter(("_" if v.focus.startswith("_:") else v.focus, v.path, v.component) for v in report.violations)
    assert report.conforms == want_conforms, (name, report.text())
    assert got == want, (name, sorted(got.items()), sorted(want.items()))
    return "passed"


@pytest.mark.skipif(not TESTS, reason="../shared/w3c/shacl is not available")
@pytest.mark.parametrize("name,path", TESTS, ids=[t[0] for t in TESTS])
def test_w3c_shacl_core(name, path):
    assert _run(name, path) in {"passed", "refused"}


@pytest.mark.skipif(not TESTS, reason="../shared/w3c/shacl is not available")
def test_the_subset_covers_the_core_constraints_kg_uses():
    outcomes = {name: _run(name, path) for name, path in TESTS}
    passed = sorted(n for n, o in outcomes.items() if o == "passed")
    for must in ("property/minCount-001", "property/maxCount-001", "property/datatype-001", "property/in-001",
                 "property/pattern-001", "property/class-001", "property/nodeKind-001", "property/lessThan-001",
                 "property/languageIn-001", "property/uniqueLang-001", "node/datatype-001", "targets/targetNode-001"):
        assert must in passed, (must, outcomes.get(must))
