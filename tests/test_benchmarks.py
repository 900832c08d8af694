"""The benchmarks' own measuring code: a profile whose shares do not add up would mislead the note."""

from __future__ import annotations

import time
import types

from benchmarks.bench_extract import Stopwatches, stage_shares


def test_stopwatches_count_nested_stages_once():
    box = types.SimpleNamespace()

    def inner():
        time.sleep(0.02)

    def outer():
        time.sleep(0.01)
        box.inner()

    box.inner, box.outer = inner, outer
    watches = Stopwatches()
    watches.wrap(box, "inner", "inner")
    watches.wrap(box, "outer", "outer")
    box.outer()
    watches.restore()
    assert box.inner is inner and box.outer is outer
    assert 0.018 <= watches.seconds["inner"] < 0.06
    assert 0.009 <= watches.seconds["outer"] < 0.019  # its own sleep only, not the nested stage's


def test_stage_shares_add_up_and_restore_the_pipeline():
    import kg.extract as pipeline

    before = pipeline.find_claims
    texts = ["قال وزير الخارجية إن المحادثات في القاهرة ستستأنف الأسبوع المقبل."] * 10
    stage_shares(texts)  # a first run loads what extraction loads once (models, caches): a few ms outside any
    # stage in a wall of a few ms had made the shares fall short on a cold process
    wall, shares = stage_shares(texts)
    assert pipeline.find_claims is before
    assert wall > 0
    assert {"tokenising", "claims", "entities: pass_names"} <= set(shares)
    assert 0.95 <= sum(shares.values()) <= 1.0001
