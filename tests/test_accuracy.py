"""Coder accuracy on gold sets, with floors that fail CI on regression.

The figures come from the same code as ``tacitus eval`` (README, "Accuracy"); the floors sit a
little under the measured values so that a change that makes coding worse is caught.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import shared_path
from tacitus.evaluate import evaluate_records, read_gold

REALNEWS = Path(__file__).parent / "data" / "realnews_gold.jsonl"

# (found %, extra % at most, records exactly right %) floors
REALNEWS_FLOOR = (64.8, 22.0, 58.4)
# The PETRARCH2 gold leaves role words with no country as they stand ("Congress" ---LEG, "Insurgents"
# ---REB); Tacitus gives them the country their sentence names (USALEG), which that gold counts as
# extra. Grounding only in the role's own phrase was measured: this set 37.5% found / 46.2% extra,
# but real news 44.2% / 37.0% and PLOVER source country 3.4 points lower, so sentence grounding stays.
GSR_FLOOR = (35.7, 50.5, 36.7)
PLOVER_FLOOR = (79.6, 85.0)  # event type right %, source country right % (the issue asks 75 and 85)


def test_real_news_regression_set():
    result = evaluate_records(read_gold(REALNEWS))
    t = result["total"]
    assert not result["coding_failures"]
    assert t["records"] >= 150
    assert t["found_pct"] >= REALNEWS_FLOOR[0], t
    assert t["extra_pct"] <= REALNEWS_FLOOR[1], t
    assert t["exact_pct"] >= REALNEWS_FLOOR[2], t
    # sentences that must give no event give none (trigger words in another sense, one actor)
    noevent = result["by_category"]["NOEVENT"]
    assert noevent["extra"] <= 2, noevent


def test_petrarch2_gold_with_tacitus_lexicons():
    result = evaluate_records(read_gold(shared_path("data", "petrarch2", "gsr_cases.jsonl")))
    t = result["total"]
    assert t["records"] == 78
    assert t["found_pct"] >= GSR_FLOOR[0], t
    assert t["extra_pct"] <= GSR_FLOOR[1], t
    assert t["exact_pct"] >= GSR_FLOOR[2], t


@pytest.mark.slow
def test_plover_gold():
    result = evaluate_records(read_gold(shared_path("data", "plover", "plover_gsr_2016_normalized.jsonl")))
    t = result["total"]
    assert t["records"] == 322
    assert t["event_type_pct"] >= PLOVER_FLOOR[0], t
    assert t["source_country_pct"] >= PLOVER_FLOOR[1], t
