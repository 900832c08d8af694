"""The RDF of two samples is compared with golden graphs (isomorphism); a failure shows the difference.

After an intended change: python scripts/update_golden.py and review the diff.
"""

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from dataclasses import replace

from kg.extract import extract
from kg.map import to_graphs
from kg.read import read_paths
from kg.resources import samples_dir

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("sample", ["iraq_mosul_ar.txt", "english_wire_gaza.txt"])
@pytest.mark.parametrize("part", ["article", "entities"])
def test_graph_matches_golden(sample, part):
    [article] = list(read_paths([samples_dir() / sample]))
    graphs = to_graphs(extract(replace(article, source=f"samples/{article.source.rsplit('/', 1)[-1]}")))
    got = graphs.triples if part == "article" else graphs.entities
    want = Graph().parse(GOLDEN / f"{sample.rsplit('.', 1)[0]}.{part}.nt", format="nt")
    a, b = to_isomorphic(got), to_isomorphic(want)
    if a != b:
        _, only_got, only_want = graph_diff(a, b)
        lines = ["only in output:"] + sorted(f"  {t}" for t in only_got.serialize(format="nt").splitlines())[:40]
        lines += ["only in golden:"] + sorted(f"  {t}" for t in only_want.serialize(format="nt").splitlines())[:40]
        pytest.fail("\n".join(lines))
