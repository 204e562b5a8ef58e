"""The REST API (tacitus.api) through FastAPI's TestClient, on two stores:

* ``synthetic``: hand-built events with known actors, dates, codes and places, so every
  count, sum and weight below is worked out by hand;
* ``coded``: the bundled example stories coded by the real pipeline (event detail,
  highlights, articles, and writes through ``POST /api/articles``).
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import textwrap
import time

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


# -- articles ---------------------------------------------------------------------

def test_article_with_its_events(coded_db):
    client = TestClient(create_app(coded_db))
    doc_id = client.get("/api/events").json()["events"][0]["doc_id"]
    article = client.get(f"/api/articles/{doc_id}").json()
    assert article["doc_id"] == doc_id and article["text"] and article["title"]
    assert article["events"] and all(e["doc_id"] == doc_id for e in article["events"])
    assert all(e["sentence"] in article["text"] for e in article["events"])
    assert client.get("/api/articles/nope").status_code == 404


def test_writes_are_disabled_without_a_token(client):
    response = client.post("/api/articles", json={"text": "Russia criticised Ukraine on Monday."})
    assert response.status_code == 403
    assert "TACITUS_API_TOKEN" in response.json()["detail"]
    assert client.post("/api/articles", content=b"{not json").status_code == 403  # before the body is read


def test_posting_articles_codes_and_stores_them(tmp_path):
    db = tmp_path / "writes.duckdb"
    client = TestClient(create_app(db, token=TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    story = {"id": "api-1", "date": "2024-05-14", "title": "Talks", "source": "Test Wire",
             "text": "Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday."}
    assert client.post("/api/articles", json=story).status_code == 401
    wrong = client.post("/api/articles", json=story, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")

    response = client.post("/api/articles", json=story, headers=auth)
    assert response.status_code == 201, response.text
    report = response.json()
    assert (report["coded"], report["skipped"], report["failed"]) == (1, 0, 0)
    assert report["events"] >= 1 and report["articles"][0]["doc_id"] == "api-1"
    stored = client.get("/api/articles/api-1").json()
    assert stored["title"] == "Talks" and stored["published"] == "2024-05-14"
    events = client.get("/api/events", params={"actor": "RUS"}).json()["events"]
    assert any(e["doc_id"] == "api-1" and e["target"] and e["target"]["code"].startswith("CHN") for e in events)

    again = client.post("/api/articles", headers=auth, json=[
        {**story, "id": "api-1-copy"},
        {"id": "api-2", "date": "2024-05-15", "text": "Germany will send air defence systems to Ukraine, officials said."},
    ])
    assert again.status_code == 201
    outcome = {a["doc_id"]: (a["status"], a["reason"]) for a in again.json()["articles"]}
    assert outcome["api-1-copy"] == ("skipped", "duplicate of api-1 (same text)")
    assert outcome["api-2"][0] == "coded"
    status = client.get("/api/status").json()
    assert (status["documents"], status["coded"], status["skipped"], status["writes_enabled"]) == (2, 2, 1, True)


@pytest.mark.parametrize(("payload", "problem"), [
    ({"text": "Some text.", "date": "2024-02-30"}, "date"),
    ({"text": "   "}, "text"),
    ({"text": "Some text.", "colour": "red"}, "colour"),
    ([], "between 1 and 100"),
    ([{"text": f"Story {i}."} for i in range(101)], "between 1 and 100"),
])
def test_bad_articles_are_422(tmp_path, payload, problem):
    client = TestClient(create_app(tmp_path / "w.duckdb", token=TOKEN))
    response = client.post("/api/articles", json=payload, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422
    assert problem in response.text


def test_request_body_over_the_limit_is_413(tmp_path):
    client = TestClient(create_app(tmp_path / "w.duckdb", token=TOKEN, max_body_bytes=1000))
    response = client.post("/api/articles", json={"text": "x" * 2000}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["detail"]


# -- concurrency, security, docs --------------------------------------------------

def test_read_waits_for_another_process_writing_then_503(synthetic_db, tmp_path):
    """Another process holds the file read-write: a read retries, then 503; after it, reads work."""
    client = TestClient(create_app(synthetic_db, read_timeout=0.3))
    ready = tmp_path / "holding"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, pathlib, time
        con = duckdb.connect({str(synthetic_db)!r})
        pathlib.Path({str(ready)!r}).touch()
        time.sleep(2.0)
        con.close()
    """)])
    try:
        deadline = time.monotonic() + 20
        while not ready.exists():
            assert time.monotonic() < deadline and holder.poll() is None, "the writer process did not start"
            time.sleep(0.05)
        busy = client.get("/api/events")
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1" and "busy" in busy.json()["detail"]
    finally:
        holder.wait(timeout=20)
    assert client.get("/api/events").json()["total"] == 11


def test_security_headers_and_cors_off_by_default(client, synthetic_db):
    page = client.get("/")
    assert page.status_code == 200 and "<title>Tacitus" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    preflight = {"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "GET"}
    assert "access-control-allow-origin" not in client.get("/api/status", headers={"Origin": "https://elsewhere.example"}).headers
    assert client.options("/api/events", headers=preflight).status_code in (403, 405)
    with_cors = TestClient(create_app(synthetic_db, cors_origins=["https://elsewhere.example"]))
    allowed = with_cors.get("/api/status", headers={"Origin": "https://elsewhere.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://elsewhere.example"


def test_dashboard_and_docs_use_only_files_served_here(client):
    page = client.get("/").text
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/echarts/echarts.min.js",
                  "/static/vendor/topojson-client/topojson-client.min.js"):
        assert asset in page
        assert client.get(asset).status_code == 200
    assert "http://" not in page and "https://" not in page
    world = client.get("/static/vendor/world-atlas/countries-110m.json").json()
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 170
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn." not in docs
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/dyads/{a}/{b}/timeseries", "/api/actors/top",
            "/api/network", "/api/articles/{doc_id}", "/api/articles", "/api/locations"} <= set(spec["paths"])


def test_new_path_gets_an_empty_store(tmp_path):
    client = TestClient(create_app(tmp_path / "new" / "empty.duckdb"))
    assert client.get("/api/events").json() == {"total": 0, "limit": 50, "offset": 0, "events": []}
    assert client.get("/api/network").json() == {"nodes": [], "edges": []}


# -- schemathesis: generated requests against the OpenAPI document ----------------

def test_generated_get_requests_never_fail_on_the_server(synthetic_db):
    """schemathesis generates GET requests from /openapi.json (valid and invalid ones, 25 per
    operation): none gets a 5xx, and every response matches its documented status, media type
    and schema. Not checked: that every schema-valid request is accepted, since a pattern
    cannot say that 2024-02-30 is no date (the API rejects it with 422)."""
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import positive_data_acceptance

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(synthetic_db))
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(operations) >= 8

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
