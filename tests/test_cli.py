"""The command line end to end: code, ingest, events, status, export, demo, explain."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tacitus.cli import app

runner = CliRunner()

STORY = (
    "WASHINGTON, Feb 23 (Reuters) - The United States imposed new sanctions on Russia on Friday, "
    "targeting banks and arms makers. Russia condemned the sanctions.\n"
)


@pytest.fixture()
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    return path


def run(*args, input=None):
    result = runner.invoke(app, [str(a) for a in args], input=input)
    return result


def test_code_jsonl_follows_the_schema(story, event_schema):
    jsonschema = pytest.importorskip("jsonschema")
    result = run("code", story, "--format", "jsonl", "--date", "2024-02-26", "--processes", "1", "--quiet")
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert events
    for e in events:
        jsonschema.validate(e, event_schema)
    sanctions = [e for e in events if e["cameo"] == "163"]
    assert sanctions and sanctions[0]["source"]["code"] == "USA" and sanctions[0]["target"]["code"] == "RUS"
    # the dateline has no year: --date gives it; "on Friday" resolves to the Friday before
    assert sanctions[0]["published"] == "2024-02-23"
    assert sanctions[0]["event_date"] == "2024-02-23"


def test_code_reads_standard_input_and_prints_articles():
    result = run("code", "-", "--format", "articles", "--date", "2024-02-26", "--processes", "1", "--quiet", input=STORY)
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout.splitlines()[0])
    assert article["dateline"]["place"].lower() == "washington"
    assert article["events"] and article["entities"] and "tone" in article


def test_code_tsv_has_a_header_and_rows(story):
    result = run("code", story, "--format", "tsv", "--date", "2024-02-26", "--processes", "1", "--quiet")
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t"))
    assert rows and rows[0]["cameo"] and rows[0]["source_code"]


def test_jsonl_input_keeps_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "doc-7", "date": "20240105", "text": "Israel attacked Hamas in Gaza on Thursday."}) + "\n")
    result = run("code", path, "--format", "jsonl", "--processes", "1", "--quiet")
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and {e["doc_id"] for e in events} == {"doc-7"}
    assert events[0]["published"] == "2024-01-05"


def test_ingest_accounts_for_every_input_and_is_idempotent(tmp_path, story):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    story = story.rename(inputs / "story.txt")
    (inputs / "empty.txt").write_text("   \n")
    (inputs / "bad.jsonl").write_text('{"id": 1, "text": ["not", "a", "string"]}\n')
    db = tmp_path / "t.duckdb"
    first = run("ingest", inputs, "--db", db, "--report", "json", "--processes", "1", "--date", "2024-02-26")
    report = json.loads(first.stdout)
    assert report["inputs"] == report["coded"] + report["skipped"] + report["failed"] == 3
    assert report["coded"] == 1 and report["skipped"] == 1 and report["failed"] == 1
    assert first.exit_code == 2  # some inputs failed, the rest were processed
    reasons = {o["input"].rsplit("/", 1)[-1]: o["reason"] for o in report["outcomes"]}
    assert "empty" in reasons["empty.txt"]
    status = json.loads(run("status", "--db", db, "--format", "json").stdout)
    again = json.loads(run("ingest", story, "--db", db, "--report", "json", "--processes", "1", "--date", "2024-02-26").stdout)
    assert again["coded"] == 0 and again["skipped"] == 1 and "duplicate" in again["outcomes"][0]["reason"]
    after = json.loads(run("status", "--db", db, "--format", "json").stdout)
    assert after["events"] == status["events"] and after["documents"] == status["documents"] == 1


def test_events_filters_and_exports(tmp_path, story):
    db = tmp_path / "t.duckdb"
    run("ingest", story, "--db", db, "--processes", "1", "--date", "2024-02-26", "--quiet")
    rows = [json.loads(l) for l in run("events", "--db", db, "--source", "USA", "--format", "jsonl").stdout.splitlines()]
    assert rows and all(r["source"]["code"].startswith("USA") for r in rows)
    assert run("events", "--db", db, "--code", "19", "--format", "jsonl").stdout.strip() == ""
    out = tmp_path / "events.gdelt.tsv"
    assert run("export", "--db", db, "--format", "gdelt", "--output", out).exit_code == 0
    lines = out.read_text().splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    assert any("\t163\t" in line for line in lines)


def test_missing_store_is_a_clear_error(tmp_path):
    result = run("events", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 1 and "no store" in result.output


def test_bad_date_option_names_the_option(story):
    result = run("code", story, "--date", "2024-02-30")
    assert result.exit_code != 0 and "--date" in result.output


def test_demo_ingests_the_examples(tmp_path):
    result = run("demo", "--db", tmp_path / "demo.duckdb")
    assert result.exit_code == 0, result.output
    assert "6 articles" in result.stdout and "events" in result.stdout


def test_explain_shows_actors_and_events():
    result = run("explain", "Russia and China signed a trade agreement.", "--date", "2024-05-14")
    assert result.exit_code == 0, result.output
    assert "RUS" in result.stdout and "057" in result.stdout


def test_events_over_parquet_output(tmp_path, story):
    from tacitus.store import Store

    db = tmp_path / "t.duckdb"
    run("ingest", story, "--db", db, "--processes", "1", "--date", "2024-02-26", "--quiet")
    with Store(db) as store:
        store.write_parquet(tmp_path / "pq" / "events")
        expected = store.events(source="USA")
    rows = [json.loads(l) for l in run("events", "--parquet", tmp_path / "pq", "--source", "USA", "--format", "jsonl").stdout.splitlines()]
    assert rows and [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
