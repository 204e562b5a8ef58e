"""The REST API's reads through FastAPI's TestClient: events, event detail, aggregates."""
from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from tacitus.api import create_app
from api_support import EVENT_COLUMN_NAMES, SYNTHETIC, TOKEN, client, coded_db, ids, synthetic_db  # noqa: F401 (fixtures)


# -- /api/events ------------------------------------------------------------------

def test_events_pages_cover_every_event_once_with_the_total(client):
    pages = [client.get("/api/events", params={"limit": 4, "offset": offset, "order": "event_date"}) for offset in (0, 4, 8)]
    assert [r.status_code for r in pages] == [200, 200, 200]
    assert {r.json()["total"] for r in pages} == {11}
    seen = [event_id for r in pages for event_id in ids(r)]
    assert sorted(seen) == sorted(e.event_id for e in SYNTHETIC)
    first = pages[0].json()["events"]
    assert [e["event_date"] for e in first] == ["2024-01-15", "2024-01-15", "2024-01-16", "2024-01-16"]


def test_events_default_order_is_newest_first(client):
    events = client.get("/api/events").json()["events"]
    assert events[0]["event_id"] == "ev11" and events[0]["event_date"] == "2024-03-01"
    assert events[-1]["event_date"] == "2024-01-15"


@pytest.mark.parametrize(("params", "expected"), [
    ({"source": "RUS"}, {"ev01", "ev02", "ev03", "ev04", "ev05"}),
    ({"target": "rus"}, {"ev06"}),
    ({"actor": "UKR"}, {f"ev{n:02d}" for n in range(1, 11)}),
    ({"code": "19"}, {"ev01", "ev02", "ev03"}),
    ({"root": 4}, {"ev04", "ev05"}),
    ({"quad_class": 2}, {"ev07", "ev08", "ev09", "ev10"}),
    ({"modality": "planned"}, {"ev05"}),
    ({"since": "2024-02-06"}, {"ev05", "ev06", "ev11"}),
    ({"until": "2024-01"}, {"ev01", "ev02", "ev03", "ev07", "ev08", "ev09", "ev10"}),
    ({"since": "2024-01-16", "until": "2024-01-20", "source": "USA"}, {"ev09", "ev10"}),
    ({"country": "ukr"}, {"ev01", "ev02", "ev07", "ev08", "ev09", "ev10"}),
    ({"q": "KHARKIV"}, {"ev01", "ev02", "ev03"}),
    ({"q": "nobody wrote this"}, set()),
])
def test_event_filters(client, params, expected):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    assert set(ids(response)) == expected
    assert response.json()["total"] == len(expected)


@pytest.mark.parametrize(("params", "named"), [
    ({"limit": 0}, "limit"),
    ({"limit": 1001}, "limit"),
    ({"offset": -1}, "offset"),
    ({"since": "2024-02-30"}, "since"),
    ({"until": "14/05/2024"}, "until"),
    ({"quad_class": 5}, "quad_class"),
    ({"root": 21}, "root"),
    ({"modality": "rumoured"}, "modality"),
    ({"source": "RUS' OR 1=1 --"}, "source"),
    ({"code": "4a"}, "code"),
    ({"country": "UKRAINE"}, "country"),
    ({"order": "sentence"}, "order"),
    ({"format": "xml"}, "format"),
])
def test_bad_parameters_are_422_naming_the_parameter(client, params, named):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert [problem["loc"] for problem in body["detail"]] == [["query", named]]
    assert f"query.{named}:" in body["message"]


def test_events_follow_the_event_schema(client, event_schema):
    import jsonschema

    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert len(events) == 11
    for event in events:
        jsonschema.validate(event, event_schema)


def test_events_as_csv_by_format_or_accept_header(client):
    by_param = client.get("/api/events", params={"source": "RUS", "format": "csv"})
    by_header = client.get("/api/events", params={"source": "RUS"}, headers={"Accept": "text/csv"})
    assert by_param.headers["content-type"].startswith("text/csv")
    assert by_param.text == by_header.text
    rows = list(csv.DictReader(io.StringIO(by_param.text)))
    assert list(rows[0]) == EVENT_COLUMN_NAMES
    assert sorted(r["event_id"] for r in rows) == ["ev01", "ev02", "ev03", "ev04", "ev05"]
    shelled = next(r for r in rows if r["event_id"] == "ev01")
    assert (shelled["source_code"], shelled["target_code"], shelled["cameo"]) == ("RUSGOV", "UKRGOV", "190")
    assert (shelled["location_name"], shelled["char_start"], shelled["char_end"]) == ("Kharkiv", "0", "35")
    # JSON stays the default, also for a browser's Accept header.
    browser = client.get("/api/events", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.headers["content-type"] == "application/json"


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/api/events", params={"source": "UKR", "format": "csv"}).text)))
    assert rows[0]["sentence"] == "'=Kyiv denounced Moscow."
    assert rows[0]["goldstein"] == "-2.0"  # numbers are left alone


# -- /api/events/{id} -------------------------------------------------------------

def test_event_detail_lists_other_reports_of_the_same_event(client):
    body = client.get("/api/events/ev02").json()
    assert body["event"]["event_id"] == "ev02"
    assert [m["event_id"] for m in body["mentions"]] == ["ev01", "ev03"]
    assert body["mentions"][0]["sentence"] == "Russia shelled Kharkiv and Ukraine."
    assert client.get("/api/events/ev04").json()["mentions"] == []  # same dyad and code, other day


def test_event_detail_marks_actors_trigger_and_place(client):
    body = client.get("/api/events/ev02").json()
    marks = [(h["kind"], h["text"]) for h in body["highlights"]]
    assert marks == [("source", "Moscow"), ("trigger", "shelled"), ("place", "Kharkiv"), ("target", "Ukraine")]
    sentence = body["event"]["sentence"]
    assert all(sentence[h["start"]:h["end"]] == h["text"] for h in body["highlights"])


def test_coded_event_detail_marks_the_words_in_its_sentence(coded_db):
    client = TestClient(create_app(coded_db))
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert events, "the pipeline coded no event from the examples"
    dated = 0
    for event in events:
        body = client.get(f"/api/events/{event['event_id']}").json()
        assert body["article"]["doc_id"] == event["doc_id"]
        kinds = {h["kind"]: h["text"] for h in body["highlights"]}
        if event["trigger"]["text"] in event["sentence"]:
            assert kinds["trigger"] == event["trigger"]["text"]
        assert kinds.get("source", "").lower() in ("", event["source"]["text"].lower())  # any case
        dated += "date" in kinds
        ends = [(h["start"], h["end"]) for h in body["highlights"]]
        assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "highlights overlap"
    assert dated >= 1, "no sentence had its date marked"


def test_unknown_event_is_404_naming_it(client):
    response = client.get("/api/events/no-such-event")
    assert response.status_code == 404
    assert "no-such-event" in response.json()["detail"]


# -- aggregates -------------------------------------------------------------------

def test_dyad_timeseries_by_month_counts_and_sums_goldstein_per_quad_class(client):
    body = client.get("/api/dyads/RUS/ukr/timeseries", params={"interval": "month"}).json()
    assert (body["a"], body["b"], body["interval"]) == ("RUS", "UKR", "month")
    rows = {(r["period"], r["source"], r["target"], r["quad_class"]): (r["events"], r["goldstein"]) for r in body["series"]}
    assert rows == {
        ("2024-01-01", "RUS", "UKR", 4): (3, -30.0),
        ("2024-02-01", "RUS", "UKR", 1): (2, 2.0),
        ("2024-02-01", "UKR", "RUS", 3): (1, -2.0),
    }


def test_dyad_timeseries_by_day_and_week_and_csv(client):
    days = client.get("/api/dyads/RUS/UKR/timeseries", params={"interval": "day"}).json()["series"]
    assert [(r["period"], r["events"]) for r in days] == [
        ("2024-01-20", 3), ("2024-02-05", 1), ("2024-02-06", 1), ("2024-02-10", 1)]
    weeks = client.get("/api/dyads/RUS/UKR/timeseries", params={"interval": "week"}).json()["series"]
    assert {r["period"] for r in weeks} == {"2024-01-15", "2024-02-05"}  # ISO weeks start on Monday
    text = client.get("/api/dyads/RUS/UKR/timeseries", params={"interval": "month", "format": "csv"}).text
    assert text.splitlines()[0] == "period,source,target,quad_class,events,goldstein"
    assert "2024-01-01,RUS,UKR,4,3,-30.0" in text.splitlines()
    assert client.get("/api/dyads/RUS/UKR/timeseries", params={"interval": "hour"}).status_code == 422
    assert client.get("/api/dyads/RUS/CHN/timeseries").json()["series"] == []


def test_top_actors(client):
    actors = client.get("/api/actors/top", params={"limit": 3}).json()["actors"]
    assert [(a["code"], a["events"], a["as_source"], a["as_target"]) for a in actors] == [
        ("RUSGOV", 6, 5, 1), ("UKRGOV", 6, 1, 5), ("UKR", 4, 0, 4)]
    assert actors[0]["first_seen"] == "2024-01-20" and actors[0]["last_seen"] == "2024-02-10"
    assert client.get("/api/actors/top", params={"limit": 0}).status_code == 422


def test_network_edges_are_weighted_by_events(client):
    graph = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): (e["events"], round(e["goldstein"], 2)) for e in graph["edges"]}
    assert edges == {("RUSGOV", "UKRGOV"): (5, -5.6), ("USA", "UKR"): (4, 7.0), ("UKRGOV", "RUSGOV"): (1, -2.0)}
    assert {n["id"]: n["events"] for n in graph["nodes"]} == {"RUSGOV": 6, "UKRGOV": 6, "USA": 4, "UKR": 4}
    heaviest = client.get("/api/network", params={"limit": 1}).json()
    assert [(e["source"], e["target"]) for e in heaviest["edges"]] == [("RUSGOV", "UKRGOV")]
    assert {n["id"] for n in heaviest["nodes"]} == {"RUSGOV", "UKRGOV"}
    rows = list(csv.DictReader(io.StringIO(client.get("/api/network", params={"format": "csv"}).text)))
    assert rows[0] == {"source": "RUSGOV", "target": "UKRGOV", "events": "5", "goldstein": "-5.6"}


def test_locations_for_the_map_follow_the_filters(client):
    body = client.get("/api/locations").json()
    assert body["located"] == 6
    assert [(p["name"], p["events"], p["goldstein"]) for p in body["places"]] == [("Kyiv", 4, 7.0), ("Kharkiv", 2, -10.0)]
    assert client.get("/api/locations", params={"source": "RUS"}).json()["places"][0]["name"] == "Kharkiv"
    assert client.get("/api/locations", params={"quad_class": 1}).json() == {"located": 0, "places": []}


def test_status(client):
    assert client.get("/api/status").json() == {
        "documents": 0, "events": 11, "coded": 0, "skipped": 0, "failed": 0, "inputs": 0, "writes_enabled": False}
