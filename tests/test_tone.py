"""Tone on GDELT's scale from the VADER lexicon."""
from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.tone import tone, tone_details

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

WAR = "Militants killed 12 civilians and wounded dozens in a brutal attack on a crowded market."
COOPERATION = "The two leaders agreed to strengthen their friendship and signed a peace agreement."


def test_war_sentence_is_negative():
    assert tone(WAR) < -5


def test_cooperative_sentence_is_positive():
    assert tone(COOPERATION) > 5


def test_empty_text_is_zero():
    assert tone("") == 0.0
    assert tone("   \n 2024 ") == 0.0
    assert tone_details("")["word_count"] == 0


def test_details_add_up():
    d = tone_details(WAR + " " + COOPERATION)
    assert d["word_count"] == 27  # 14 + 13 words; "12" is not a word
    assert d["tone"] == pytest.approx(d["positive"] - d["negative"])
    assert d["polarity"] == pytest.approx(d["positive"] + d["negative"])
    assert d["positive"] > 0 and d["negative"] > 0


def test_shares_are_percent_of_words():
    # "killed" is the only rated word among four: -25 on the GDELT scale
    assert tone("Gunmen killed three villagers") == pytest.approx(-25.0)


def test_rejects_non_text():
    with pytest.raises(TypeError, match="str"):
        tone(None)


def test_seed_story_is_mildly_positive():
    path = SHARED / "seed" / "article.txt"
    if not path.exists():
        pytest.skip("../shared/seed/article.txt is absent")
    d = tone_details(path.read_text(encoding="utf-8"))
    assert d["word_count"] > 300
    assert -10 < d["tone"] < 10
