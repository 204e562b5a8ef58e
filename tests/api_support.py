"""Shared data and fixtures of the API tests (test_api_reads.py, test_api_writes.py).

* ``synthetic``: hand-built events with known actors, dates, codes and places, so every
  count, sum and weight the tests check is worked out by hand;
* ``coded``: the bundled example stories coded by the real pipeline.
"""
from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tacitus.api import create_app
from tacitus.model import Actor, Event, Place
from tacitus.store import EVENT_COLUMN_NAMES, Store, content_hash, events_table

TOKEN = "test-token-4f8a"
KYIV = Place(name="Kyiv", country="UKR", admin1="Kyiv City", lat=50.45, lon=30.52, geonames_id=703448)
KHARKIV = Place(name="Kharkiv", country="UKR", admin1="Kharkiv", lat=49.99, lon=36.23, geonames_id=706483)
NAMES = {"190": ("19", "Use conventional military force", 4, -10.0), "040": ("04", "Consult", 1, 1.0),
         "111": ("11", "Criticize or denounce", 3, -2.0), "070": ("07", "Provide aid", 2, 7.0),
         "010": ("01", "Make statement", 1, 0.0)}


def _event(n: int, doc: str, source: str, target: str | None, cameo: str, day: str, sentence: str,
           location: Place | None = None, modality: str = "asserted") -> Event:
    root, name, quad, goldstein = NAMES[cameo]
    words = sentence.split()
    return Event(
        event_id=f"ev{n:02d}", doc_id=doc, sentence_index=0, sentence=sentence, char_span=(0, len(sentence)),
        source=Actor(text=words[0], code=source, country=source[:3]),
        target=Actor(text=words[-1].rstrip("."), code=target, country=target[:3]) if target else None,
        cameo=cameo, cameo_root=root, cameo_name=name, quad_class=quad, goldstein=goldstein, modality=modality,
        published=day, event_date=day, event_date_end=None, date_source="text", location=location,
        trigger={"text": words[1], "lemma": words[1]}, explanation="hand-built test event", confidence=0.9,
    )


SYNTHETIC = [
    _event(1, "d1", "RUSGOV", "UKRGOV", "190", "2024-01-20", "Russia shelled Kharkiv and Ukraine.", KHARKIV),
    _event(2, "d2", "RUSGOV", "UKRGOV", "190", "2024-01-20", "Moscow shelled Kharkiv, hitting Ukraine.", KHARKIV),
    _event(3, "d3", "RUSGOV", "UKRGOV", "190", "2024-01-20", "Russia attacked Kharkiv in Ukraine."),
    _event(4, "d4", "RUSGOV", "UKRGOV", "040", "2024-02-05", "Russia met Ukraine."),
    _event(5, "d4", "RUSGOV", "UKRGOV", "040", "2024-02-06", "Russia consulted Ukraine.", modality="planned"),
    _event(6, "d5", "UKRGOV", "RUSGOV", "111", "2024-02-10", "=Kyiv denounced Moscow."),
    _event(7, "d6", "USA", "UKR", "070", "2024-01-15", "Washington sent aid to Ukraine.", KYIV),
    _event(8, "d6", "USA", "UKR", "070", "2024-01-15", "America delivered aid to Ukraine.", KYIV),
    _event(9, "d7", "USA", "UKR", "070", "2024-01-16", "Washington pledged aid to Ukraine.", KYIV),
    _event(10, "d7", "USA", "UKR", "070", "2024-01-16", "Washington shipped aid to Ukraine.", KYIV),
    _event(11, "d8", "CHN", None, "010", "2024-03-01", "Beijing said nothing more."),
]


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "synthetic.duckdb"
    with Store(db) as store:
        assert store.add_event_table(events_table(SYNTHETIC)) == len(SYNTHETIC)
    return db


@pytest.fixture(scope="module")
def client(synthetic_db):
    return TestClient(create_app(synthetic_db))


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory, pipeline):
    """The example stories, coded by the pipeline and stored as ``tacitus ingest`` does."""
    from tacitus import make_article
    from tacitus.demo import example_articles_path

    db = tmp_path_factory.mktemp("api") / "coded.duckdb"
    items, outcomes = [], []
    for line in example_articles_path().read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = make_article(record["text"], published=record["date"], doc_id=record["id"],
                               title=record["title"], source=record["source"])
        coded = pipeline.code(article)
        items.append((coded, content_hash(article.text)))
        outcomes.append({"input": record["id"], "status": "coded", "events": len(coded.events), "doc_id": article.doc_id})
    with Store(db) as store:
        store.add_batch(items, outcomes)
    return db


def ids(response) -> list[str]:
    return [e["event_id"] for e in response.json()["events"]]
