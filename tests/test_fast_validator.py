"""The fast validator gives the same verdicts as pySHACL: every shape case, and the bundled samples."""

import pytest

from kg.extract import extract
from kg.map import to_graphs
from kg.read import read_paths
from kg.resources import samples_dir
from kg.validate import validate_graph
from kg.validate.fast import validate_graph_fast

from .test_shapes import CASES, base


def _key(report):
    return sorted({(v.focus, v.path) for v in report.violations})


@pytest.mark.parametrize("name,good,bad,message", CASES, ids=[c[0] for c in CASES])
def test_same_verdicts_as_pyshacl(name, good, bad, message):
    for make in (good, bad):
        g = make(base())
        ref, fast = validate_graph(g), validate_graph_fast(g)
        assert ref.conforms == fast.conforms, (name, ref.text(), fast.text())
        assert {v.focus for v in ref.violations} == {v.focus for v in fast.violations}, (name, ref.text(), fast.text())
        if message and not ref.conforms:
            assert any(message in v.message for v in fast.violations)


@pytest.mark.parametrize("path", sorted(p.name for p in samples_dir().glob("*.txt")))
def test_samples_conform_for_both(path):
    [article] = list(read_paths([samples_dir() / path]))
    g = to_graphs(extract(article)).validation_graph()
    assert validate_graph(g).conforms and validate_graph_fast(g).conforms
