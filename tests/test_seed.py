"""The seed story: every 'must' event of shared/seed/expected.md, and none of its 'must not'."""
from __future__ import annotations

import pytest

from tacitus import make_article

from conftest import shared_path


@pytest.fixture(scope="module")
def seed(pipeline):
    text = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    return pipeline.code(make_article(text, doc_id="seed"))


def _find(events, source, target_prefixes, codes, **extra):
    out = []
    for e in events:
        if e.source.code != source or not e.target:
            continue
        if not any(e.target.code.startswith(t) for t in target_prefixes):
            continue
        if not any(e.cameo.startswith(c) for c in codes):
            continue
        if all(getattr(e, k) == v for k, v in extra.items()):
            out.append(e)
    return out


def test_dateline_gives_publication_date_and_place(seed):
    assert seed.article.published.isoformat() == "2024-05-14"
    assert seed.article.dateline.place.lower() == "moscow"


def test_e1_planned_state_visit_to_beijing(seed):
    found = _find(seed.events, "RUSGOV", ["CHN"], ["042"], modality="planned")
    assert found, [e.to_dict() for e in seed.events]
    e = found[0]
    assert (e.event_date, e.event_date_end) == ("2024-05-16", "2024-05-17")
    assert e.location is not None and e.location.name == "Beijing" and e.location.country == "CHN"
    assert e.source.name == "Vladimir Putin"


def test_e2_planned_meeting_with_li_qiang(seed):
    found = [e for e in _find(seed.events, "RUSGOV", ["CHNGOV"], ["036", "04"]) if e.modality == "planned" or e.cameo == "036"]
    assert found
    assert any(e.target.name == "Li Qiang" for e in found)


def test_e3_planned_visit_to_harbin(seed):
    found = [e for e in _find(seed.events, "RUSGOV", ["CHN"], ["042"], modality="planned") if e.location and e.location.name == "Harbin"]
    assert found
    assert abs(found[0].location.lat - 45.75) < 0.2 and abs(found[0].location.lon - 126.65) < 0.3


def test_e4_western_sanctions_on_russia(seed):
    found = _find(seed.events, "WST", ["RUS"], ["163"], modality="asserted")
    assert found


def test_e5_chinese_economic_and_military_cooperation_with_russia(seed):
    codes = {e.cameo for e in _find(seed.events, "CHN", ["RUS"], ["061", "062"])}
    assert codes == {"061", "062"}


def test_e6_putin_solidifies_ties_with_china(seed):
    assert _find(seed.events, "RUSGOV", ["CHN"], ["061", "062"])


def test_must_not(seed):
    for e in seed.events:
        if e.cameo.startswith("042"):
            assert not e.source.code.startswith("CHN"), e.explanation
            assert e.event_date != "2024-05-14", e.explanation
        if e.cameo.startswith("163"):
            assert not (e.target and e.target.code.startswith("WST")), e.explanation


def test_every_event_explains_itself(seed):
    for e in seed.events:
        assert e.explanation and e.trigger["text"] in e.sentence
        assert seed.article.text[e.char_span[0]:e.char_span[1]] == e.sentence


def test_seed_events_follow_the_schema(seed, event_schema):
    jsonschema = pytest.importorskip("jsonschema")
    assert seed.events
    for e in seed.events:
        jsonschema.validate(e.to_dict(), event_schema)
