"""The cached attribute ruler and lemmatizer give the shipped model's annotations exactly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.nlp import get_nlp, load_stock_model

REPO = Path(__file__).resolve().parents[1]

# contractions and colloquial forms: the model's two-token and regex rules
COLLOQUIAL = [
    "We ain't gonna sign it, y'all, and there is nothin' left to discuss.",
    "Let's go, c'mon, we gotta leave before there were more strikes.",
    "  \n\nThere are   two   spaces here.\tAnd a tab.",
]


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def texts():
    lines = (REPO / "src/tacitus/data/examples/examples.jsonl").read_text().splitlines()
    found = [json.loads(line)["text"] for line in lines if line.strip()]
    gold = REPO / "tests/data/realnews_gold.jsonl"
    found += [json.loads(line)["text"] for line in gold.read_text().splitlines() if line.strip()]
    return found + COLLOQUIAL


def test_tacitus_runs_the_cached_components():
    names = {name: type(component).__name__ for name, component in get_nlp().pipeline}
    assert names["attribute_ruler"] == "CachedAttributeRuler"
    assert names["lemmatizer"] == "CachedLemmatizer"
    assert get_nlp().pipe_names == load_stock_model().pipe_names


def test_same_annotations_as_the_shipped_model(texts):
    stock, cached = load_stock_model(), get_nlp()
    differences = []
    for text, a, b in zip(texts, stock.pipe(texts, batch_size=16), cached.pipe(texts, batch_size=16)):
        if annotations(a) != annotations(b):
            differences.append(text[:80])
    assert len(texts) > 200
    assert differences == []


def test_colloquial_rules_apply():
    doc = get_nlp()("We ain't gonna sign it, y'all.")
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["ai"] == "be"  # two-token rule "ai" + "n't"
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert lemmas["y'"] == "you"
