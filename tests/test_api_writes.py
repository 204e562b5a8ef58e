"""The REST API's writes, limits, concurrency, security and generated requests (schemathesis)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest
from fastapi.testclient import TestClient

from tacitus.api import create_app
from api_support import EVENT_COLUMN_NAMES, SYNTHETIC, TOKEN, client, coded_db, ids, synthetic_db  # noqa: F401 (fixtures)


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
