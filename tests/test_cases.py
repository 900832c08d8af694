"""Golden extraction cases: every tests/cases/NAME.txt with NAME.gold.json, one parametrised test.

On failure the message lists what was missed or added, and the claimant mix-ups.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.contract import to_contract
from kg.evaluate import FolderScore, score
from kg.extract import extract
from kg.records import Article

from .conftest import shared_or_skip

CASES = Path(__file__).parent / "cases"
NAMES = sorted(p.name[: -len(".gold.json")] for p in CASES.glob("*.gold.json"))


@pytest.mark.parametrize("name", NAMES)
def test_case(name):
    text = (CASES / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((CASES / f"{name}.gold.json").read_text(encoding="utf-8"))
    pred = to_contract(extract(Article(text=text, source=name)))
    s = score(text, gold, pred, name)
    report = FolderScore([s], s.entities, s.claims, s.attributed).summary()
    assert s.entities.f1 >= 0.9, report
    assert s.claims.f1 >= 0.85, report
    assert s.attributed.tp >= 0.9 * s.claims.tp, report
    assert s.conflicts_found == s.conflicts_gold, report
    if s.links_known:
        assert s.links_right / s.links_known >= 0.9, report


def test_dev_articles_with_the_official_scorer():
    """The evaluation kit's scorer on its dev set (17 real articles), through the real `kg extract` command.

    The floors are today's micro figures (entities 0.913 — issue 12's bar is 0.90 —, typed 0.895, claims
    0.899, attributed claims 0.843, attribution 0.938, mode 0.961, certainty 0.969, channel 0.897, figures 0.9,
    conflicts 7 of 11, linking 0.925 / 0.956): speed work must leave them where they are (issue 14), and a
    change that drops below one of them is a regression. Raise them when extraction gets better.
    """
    scorer = shared_or_skip("eval", "score.py")
    cmd = f"{sys.executable} -m kg.cli extract {{file}} --format json"
    run = subprocess.run([sys.executable, str(scorer), str(scorer.parent / "dev"), "--cmd", cmd, "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    micro = json.loads(run.stdout)["micro"]
    floors = {("entities", "f1"): 0.913, ("entities_typed", "f1"): 0.895, ("claims", "f1"): 0.899,
              ("claims_attributed", "f1"): 0.843, ("attribution_accuracy",): 0.938,
              ("claim_properties", "mode"): 0.961, ("claim_properties", "certainty"): 0.969,
              ("claim_properties", "channel"): 0.897, ("claim_properties", "quantity"): 0.9,
              ("linking", "accuracy"): 0.925, ("linking", "precision"): 0.956, ("conflicts", "tp"): 7}
    for path, floor in floors.items():
        value = micro
        for k in path:
            value = value[k]
        assert value >= floor, (path, value, micro)


def test_own_cases_with_the_official_scorer():
    scorer = shared_or_skip("eval", "score.py")
    cmd = f"{sys.executable} -m kg.cli extract {{file}} --format json"
    run = subprocess.run([sys.executable, str(scorer), str(CASES), "--cmd", cmd, "--json"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["micro"]["claims"]["f1"] >= 0.85
