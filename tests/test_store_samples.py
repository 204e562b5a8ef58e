"""Hand-made coded articles for the store and exporter tests (no pipeline involved).

Three stories as an analyst would code them: a planned state visit (events with
date ranges, a place, a statement without a target, sanctions dated by year),
a deadly protest (casualty counts, a URL and no source name), and a short
item with no publication date. Offsets are computed from the texts.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tacitus.model import Actor, Article, CodedArticle, Dateline, Entity, Event, Place, Quantity, TimeExpr
from tacitus.store import content_hash

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

VISIT_TEXT = (
    "MOSCOW, May 14 - Russian President Vladimir Putin will travel to Beijing on May 16-17 for talks "
    "with Chinese President Xi Jinping, the Kremlin said on Tuesday. "
    "Putin is also expected to meet Chinese Premier Li Qiang during the visit. "
    "Western governments have imposed sweeping sanctions on Russia since 2022. "
    "Trade between the two countries reached $240 billion in 2023."
)
PROTEST_TEXT = (
    "Kenyan police shot dead 5 protesters in Nairobi on Tuesday as demonstrators stormed parliament "
    "over a proposed finance bill. At least 31 people were injured, the Kenya Medical Association said."
)
TALKS_TEXT = "The United States and China agreed to resume military talks, officials said in a statement."

BEIJING = dict(name="Beijing", country="CHN", admin1="22", lat=39.9075, lon=116.39723, geonames_id=1816670, precision="city")
NAIROBI = dict(name="Nairobi", country="KEN", admin1="05", lat=-1.28333, lon=36.81667, geonames_id=184745, precision="city")
MOSCOW = dict(name="Moscow", country="RUS", admin1="48", lat=55.75222, lon=37.61556, geonames_id=524901, precision="city")


def _sentences(text: str, start: int = 0) -> list[tuple[str, int, int]]:
    """(sentence, start, end) split at '. ' — enough for these hand-written texts."""
    out, pos = [], start
    for part in text[start:].split(". "):
        sentence = part if part.endswith(".") else part + "."
        begin = text.index(sentence, pos)
        out.append((sentence, begin, begin + len(sentence)))
        pos = begin + len(sentence)
    return out


def _place(text: str, words: str, place: dict) -> Place:
    at = text.index(words)
    return Place(**place, start=at, end=at + len(words), text=words)


def _event(doc_id, sentences, index, source, target, cameo, name, quad, goldstein, modality, published,
           event_date, event_date_end, date_source, location, trigger, confidence, **extra) -> Event:
    sentence, start, end = sentences[index]
    return Event(
        event_id=f"{doc_id}:{index}:{cameo}:{source.code}-{target.code if target else ''}",
        doc_id=doc_id, sentence_index=index, sentence=sentence, char_span=(start, end),
        source=source, target=target, cameo=cameo, cameo_root=cameo[:2], cameo_name=name,
        quad_class=quad, goldstein=goldstein, modality=modality, published=published,
        event_date=event_date, event_date_end=event_date_end, date_source=date_source,
        location=location, trigger={"text": trigger, "lemma": trigger.lower()},
        explanation=f"trigger '{trigger}' matched the {cameo} ({name}) frame", confidence=confidence,
        **extra,
    )


def visit_article() -> CodedArticle:
    text, doc_id = VISIT_TEXT, "wire-2024-05-14-visit"
    body = text.index("Russian")
    s = _sentences(text, body)
    beijing = _place(text, "Beijing", BEIJING)
    putin = Actor("Russian President Vladimir Putin", "RUSGOV", "RUS", "GOV", "Vladimir Putin")
    events = [
        _event(doc_id, s, 0, putin, Actor("Beijing", "CHN", "CHN", None, None), "042", "Make a visit", 1, 1.9,
               "planned", "2024-05-14", "2024-05-16", "2024-05-17", "text", beijing, "travel", 0.86,
               plover={"event_type": "CONSULT", "mode": "visit", "context": ["diplomatic"]}, tone=0.4),
        _event(doc_id, s, 0, Actor("the Kremlin", "RUSGOV", "RUS", "GOV", None), None, "010", "Make statement",
               1, 0.0, "asserted", "2024-05-14", "2024-05-14", None, "text", None, "said", 0.74),
        _event(doc_id, s, 1, Actor("Putin", "RUSGOV", "RUS", "GOV", "Vladimir Putin"),
               Actor("Chinese Premier Li Qiang", "CHNGOV", "CHN", "GOV", "Li Qiang"), "036",
               "Express intent to meet or negotiate", 1, 4.0, "planned", "2024-05-14", "2024-05-16", "2024-05-17",
               "text", beijing, "meet", 0.71,
               plover={"event_type": "CONSULT", "mode": None, "context": []}),
        _event(doc_id, s, 2, Actor("Western governments", "WSTGOV", "WST", "GOV", None),
               Actor("Russia", "RUS", "RUS", None, None), "163", "Impose embargo, boycott, or sanctions", 4, -8.0,
               "asserted", "2024-05-14", "2022", None, "text", None, "imposed", 0.9,
               plover={"event_type": "SANCTION", "mode": None, "context": ["economic"]}, tone=-2.5),
    ]
    tuesday, range_ = text.index("Tuesday"), text.index("May 16-17")
    y2022, y2023 = text.index("2022"), text.index("2023")
    money = text.index("$240 billion")
    return CodedArticle(
        article=Article(doc_id=doc_id, text=text, published=date(2024, 5, 14), title="Putin to visit China",
                        source="Wire Service", dateline=Dateline("MOSCOW, May 14 -", "Moscow", date(2024, 5, 14), body),
                        lang="en", origin="stories/visit.txt"),
        events=events,
        places=[_place(text, "MOSCOW", MOSCOW), beijing],
        times=[TimeExpr("May 16-17", range_, range_ + 9, "2024-05-16", "2024-05-17", "day", "range"),
               TimeExpr("Tuesday", tuesday, tuesday + 7, "2024-05-14"),
               TimeExpr("2022", y2022, y2022 + 4, "2022", precision="year"),
               TimeExpr("2023", y2023, y2023 + 4, "2023", precision="year")],
        quantities=[Quantity("$240 billion", money, money + 12, "money", 240e9, "USD",
                             measures="trade between Russia and China", sentence_index=3)],
        entities=[Entity(n, label, text.index(n), text.index(n) + len(n)) for n, label in [
            ("Vladimir Putin", "PERSON"), ("Xi Jinping", "PERSON"), ("Li Qiang", "PERSON"),
            ("Kremlin", "ORG"), ("Beijing", "GPE")]],
        tone=-0.8,
    )


def protest_article() -> CodedArticle:
    text, doc_id = PROTEST_TEXT, "ke-2024-06-25-protest"
    s = _sentences(text)
    nairobi = _place(text, "Nairobi", NAIROBI)
    police = Actor("Kenyan police", "KENCOP", "KEN", "COP", None)
    events = [
        _event(doc_id, s, 0, police, Actor("protesters", "KENOPP", "KEN", "OPP", None), "175",
               "Use tactics of violent repression", 4, -9.0, "asserted", "2024-06-25", "2024-06-25", None, "text",
               nairobi, "shot", 0.82, dead=5, injured=31, tone=-6.1),
        _event(doc_id, s, 0, Actor("demonstrators", "KENOPP", "KEN", "OPP", None),
               Actor("parliament", "KENLEG", "KEN", "LEG", None), "145", "Protest violently, riot", 3, -7.5,
               "asserted", "2024-06-25", "2024-06-25", None, "text", nairobi, "stormed", 0.77),
    ]
    five, injured = text.index("5 protesters"), text.index("31 people")
    tuesday = text.index("Tuesday")
    return CodedArticle(
        article=Article(doc_id=doc_id, text=text, published=date(2024, 6, 25),
                        url="https://www.example-news.com/africa/kenya-protests", lang="en"),
        events=events,
        places=[nairobi],
        times=[TimeExpr("Tuesday", tuesday, tuesday + 7, "2024-06-25")],
        quantities=[Quantity("5 protesters", five, five + 12, "count", 5, "people", category="killed", sentence_index=0),
                    Quantity("31 people", injured, injured + 9, "count", 31, "people", category="injured",
                             sentence_index=1)],
        entities=[Entity("Kenya Medical Association", "ORG", text.index("Kenya Medical"),
                         text.index("Kenya Medical") + 25), Entity("Nairobi", "GPE", text.index("Nairobi"),
                                                                   text.index("Nairobi") + 7)],
        tone=-5.2,
    )


def talks_article() -> CodedArticle:
    text, doc_id = TALKS_TEXT, "talks-undated"
    s = _sentences(text)
    return CodedArticle(
        article=Article(doc_id=doc_id, text=text),
        events=[_event(doc_id, s, 0, Actor("The United States", "USA", "USA", None, None),
                       Actor("China", "CHN", "CHN", None, None), "0311", "Express intent to cooperate militarily",
                       1, 5.2, "asserted", None, None, None, "none", None, "agreed", 0.66)],
    )


def samples() -> list[CodedArticle]:
    return [visit_article(), protest_article(), talks_article()]


def batch(articles: list[CodedArticle] | None = None):
    """``add_batch`` arguments for the articles: items and 'coded' outcomes."""
    articles = articles if articles is not None else samples()
    items = [(c, content_hash(c.article.text)) for c in articles]
    outcomes = [{"input": c.article.origin or c.article.doc_id, "status": "coded", "reason": None,
                 "events": len(c.events), "doc_id": c.article.doc_id} for c in articles]
    return items, outcomes


def all_events() -> list[Event]:
    return [e for c in samples() for e in c.events]


# -- the samples themselves ---------------------------------------------------
def test_sample_offsets_point_at_their_words():
    for coded in samples():
        text = coded.article.text
        for e in coded.events:
            assert text[e.char_span[0]:e.char_span[1]] == e.sentence
            assert e.source.text in e.sentence and e.trigger["text"] in e.sentence
        for item in [*coded.places, *coded.quantities, *coded.times, *coded.entities]:
            assert text[item.start:item.end] == item.text


def test_sample_events_follow_the_event_schema():
    schema_path = SHARED / "spec" / "event.schema.json"
    if not schema_path.exists():
        pytest.skip("../shared/spec/event.schema.json not present")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(schema_path.read_text())
    for e in all_events():
        jsonschema.validate(e.to_dict(), schema)
