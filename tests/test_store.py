"""The DuckDB store: round trip, idempotence, filters, counts, aggregates, atomic batches."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_store_samples import all_events, batch, protest_article, talks_article, visit_article  # noqa: E402

from tacitus.store import Store, content_hash  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "events.duckdb") as s:
        s.add_batch(*batch())
        yield s


def ids(rows):
    return [r["event_id"] for r in rows]


def test_stored_events_equal_event_to_dict(store):
    for event in all_events():
        assert store.event(event.event_id) == event.to_dict()
    assert store.event("no-such-event") is None


def test_events_come_back_in_schema_form_in_date_order(store):
    rows = store.events(limit=None)
    assert len(rows) == len(all_events()) == 7
    # sanctions (2022 -> 2022-01-01) first, the undated talks (no day) last
    assert rows[0]["cameo"] == "163" and rows[-1]["cameo"] == "0311"
    assert rows[0]["target"] == {"text": "Russia", "code": "RUS", "country": "RUS", "role": None, "name": None}
    statement = next(r for r in rows if r["cameo"] == "010")
    assert statement["target"] is None and statement["location"] is None and statement["plover"] is None
    assert [r["cameo"] for r in store.events(order="-event_date", limit=2)] == ["175", "145"]
    assert [r["cameo"] for r in store.events(order="goldstein", limit=3)] == ["175", "163", "145"]
    assert len(store.events(limit=2, offset=6)) == 1


def test_content_hash_ignores_whitespace_only():
    assert content_hash("Putin  will\ttravel\n") == content_hash("Putin will travel")
    assert content_hash("Putin will travel") != content_hash("putin will travel")
    assert len(content_hash("x")) == 64


def test_readding_the_same_batch_adds_nothing(store):
    before = store.status()
    added = store.add_batch(*batch())
    assert added["documents"] == 0 and added["events"] == 0
    after = store.status()
    assert after["documents"] == before["documents"] == 3
    assert after["events"] == before["events"] == 7
    assert after["coded"] == 6  # the log records both attempts
    assert store.has_document(content_hash(visit_article().article.text)) == "wire-2024-05-14-visit"
    assert store.has_document(content_hash("a story never seen")) is None


def test_duplicates_within_a_batch_and_reused_doc_ids_are_left_out(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        visit = visit_article()
        items, outcomes = batch([visit, visit_article()])
        assert s.add_batch(items, outcomes)["documents"] == 1
        changed = visit_article()
        changed.article.text += " More later."
        assert s.add_batch(*batch([changed]))["documents"] == 0  # same doc id, other text
        assert s.status()["documents"] == 1 and s.status()["events"] == 4


def test_filters_each(store):
    assert set(ids(store.events(source="RUS"))) == {e.event_id for e in all_events() if e.source.code.startswith("RUS")}
    assert len(store.events(source="rusgov")) == 3
    assert [r["cameo"] for r in store.events(target="CHNGOV")] == ["036"]
    assert len(store.events(target="CHN")) == 3
    assert sorted(r["cameo"] for r in store.events(actor="RUS")) == ["010", "036", "042", "163"]
    assert [r["cameo"] for r in store.events(code="04")] == ["042"]
    assert [r["cameo"] for r in store.events(code="031")] == ["0311"]
    assert [r["cameo"] for r in store.events(root=17)] == ["175"]
    assert [r["cameo"] for r in store.events(root="16")] == ["163"]
    assert sorted(r["cameo"] for r in store.events(quad_class=4)) == ["163", "175"]
    assert sorted(r["cameo"] for r in store.events(modality="planned")) == ["036", "042"]
    assert sorted(r["cameo"] for r in store.events(since="2024-05-15")) == ["036", "042", "145", "175"]
    assert sorted(r["cameo"] for r in store.events(until="2024-05")) == ["010", "036", "042", "163"]
    assert [r["cameo"] for r in store.events(since="2024-06-01", until="2024-06-25", code="17")] == ["175"]
    assert [r["cameo"] for r in store.events(until="2023")] == ["163"]
    assert sorted(r["cameo"] for r in store.events(country="ken")) == ["145", "175"]
    assert sorted(r["cameo"] for r in store.events(q="BEIJING")) == ["010", "042"]
    assert store.events(q="'; DROP TABLE events; --") == []
    assert store.count_events() == 7
    assert store.count_events(actor="KEN", quad_class=3) == 1


@pytest.mark.parametrize("bad, message", [
    ({"source": "RUS GOV"}, "source='RUS GOV'"),
    ({"code": "4a"}, "code='4a'"),
    ({"root": 21}, "root=21"),
    ({"quad_class": 5}, "quad_class=5"),
    ({"modality": "likely"}, "modality='likely'"),
    ({"since": "14/05/2024"}, "since='14/05/2024'"),
    ({"until": "2024-13"}, "until='2024-13'"),
    ({"order": "random()"}, "order='random()'"),
])
def test_bad_filters_are_named(store, bad, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.events(**bad)


def test_status_and_ingest_log(store):
    store.log([{"input": "feeds/broken.html", "status": "failed", "reason": "not HTML: binary content"},
               {"input": "stories/empty.txt", "status": "skipped", "reason": "empty text"}])
    assert store.status() == {"documents": 3, "events": 7, "coded": 3, "skipped": 1, "failed": 1, "inputs": 5}
    log = store.ingest_log()
    assert [r["status"] for r in log] == ["coded", "coded", "coded", "failed", "skipped"]
    assert log[0]["input"] == "stories/visit.txt" and log[0]["events"] == 4
    assert log[0]["doc_id"] == "wire-2024-05-14-visit"
    assert [r["input"] for r in store.ingest_log(limit=2)] == ["feeds/broken.html", "stories/empty.txt"]
    with pytest.raises(ValueError, match="'exploded'"):
        store.log([{"input": "x", "status": "exploded"}])


def test_article_round_trip(store):
    coded = visit_article()
    stored = store.article("wire-2024-05-14-visit")
    expected = coded.to_dict()
    for key in ("doc_id", "title", "url", "source", "published", "dateline", "tone",
                "places", "times", "quantities", "entities"):
        assert stored[key] == expected[key], key
    assert [e["cameo"] for e in stored["events"]] == ["163", "010", "042", "036"]
    assert sorted(stored["events"], key=lambda e: e["event_id"]) == sorted(expected["events"], key=lambda e: e["event_id"])
    assert stored["text"] == coded.article.text and stored["origin"] == "stories/visit.txt"
    assert store.article("talks-undated")["published"] is None
    assert store.article("missing") is None


def test_dyad_timeseries_counts_both_directions(tmp_path):
    with Store(tmp_path / "d.duckdb") as s:
        s.add_batch(*batch())
        rows = s.dyad_timeseries("RUS", "CHN", "day")
        assert rows == [
            {"period": "2024-05-16", "source": "RUS", "target": "CHN", "quad_class": 1, "events": 2, "goldstein": 5.9},
        ]
        assert s.dyad_timeseries("CHN", "RUS", "month") == [
            {"period": "2024-05-01", "source": "RUS", "target": "CHN", "quad_class": 1, "events": 2, "goldstein": 5.9},
        ]
        assert s.dyad_timeseries("WST", "RUS", "year") == [
            {"period": "2022-01-01", "source": "WST", "target": "RUS", "quad_class": 4, "events": 1, "goldstein": -8.0},
        ]
        with pytest.raises(ValueError, match="interval='hour'"):
            s.dyad_timeseries("RUS", "CHN", "hour")


def test_top_actors_and_network(store):
    top = store.top_actors(3)
    assert top[0]["code"] == "RUSGOV" and top[0]["events"] == 3 and top[0]["as_source"] == 3
    assert top[0]["name"] == "Vladimir Putin"
    assert [t["code"] for t in top] == ["RUSGOV", "CHN", "KENOPP"]
    kenopp = next(a for a in store.top_actors(20) if a["code"] == "KENOPP")
    assert (kenopp["as_source"], kenopp["as_target"]) == (1, 1)
    net = store.network()
    assert {"source": "RUSGOV", "target": "CHN", "events": 1, "goldstein": 1.9} in net["edges"]
    assert len(net["edges"]) == 6  # every event but the untargeted statement
    assert {n["id"] for n in net["nodes"]} == {"RUSGOV", "CHN", "CHNGOV", "WSTGOV", "RUS", "KENCOP", "KENOPP", "KENLEG", "USA"}
    assert store.network(limit=1)["edges"][0]["events"] == 1


def test_a_failing_batch_leaves_nothing(tmp_path, monkeypatch):
    with Store(tmp_path / "c.duckdb") as s:
        def broken_log(con, table):
            raise OSError("disk full while writing the ingest log")
        monkeypatch.setattr(Store, "_insert_log", staticmethod(broken_log))
        with pytest.raises(OSError, match="disk full"):
            s.add_batch(*batch())
        assert s.status() == {"documents": 0, "events": 0, "coded": 0, "skipped": 0, "failed": 0, "inputs": 0}
        monkeypatch.undo()
        assert s.add_batch(*batch())["events"] == 7


def test_a_killed_writer_leaves_nothing_half_written(tmp_path):
    """A process that dies in the middle of add_batch (after documents and events, before commit)."""
    path = tmp_path / "killed.duckdb"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path[:0] = [{str(SRC)!r}, {str(Path(__file__).parent)!r}]
        from tacitus.store import Store
        from test_store_samples import batch
        s = Store({str(path)!r})
        items, outcomes = batch()
        s.add_batch([items[1]], [])        # a first batch that commits: the protest story only
        def die(con, table):
            os._exit(9)
        Store._insert_log = staticmethod(die)
        s.add_batch(*batch())
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    with Store(path, read_only=True) as s:
        assert s.status()["documents"] == 1 and s.status()["events"] == 2 and s.status()["inputs"] == 0
        assert s.article("ke-2024-06-25-protest") is not None
        assert s.article("wire-2024-05-14-visit") is None


def test_read_only_store(tmp_path, store):
    store.close()
    with Store(store.path, read_only=True) as ro:
        assert ro.count_events() == 7
        with pytest.raises(PermissionError, match="read-only"):
            ro.add_batch(*batch([talks_article()]))
    with pytest.raises(FileNotFoundError, match="no Tacitus store"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_add_event_table_skips_known_event_ids(store):
    from tacitus.store import events_table
    table = events_table(protest_article().events + talks_article().events)
    assert store.add_event_table(table) == 0
    fresh = protest_article().events[0]
    fresh.event_id = "ke-2024-06-25-protest:extra"
    assert store.add_event_table(events_table([fresh])) == 1
    twice = protest_article().events[1]
    twice.event_id = "ke-2024-06-25-protest:twice"
    assert store.add_event_table(events_table([twice, twice])) == 1
    assert store.count_events() == 9
    with pytest.raises(ValueError, match="lacks columns: .*event_id"):
        store.add_event_table(table.drop(["event_id"]))


def test_schema_has_the_flat_columns(store):
    with store._connect() as con:
        cols = [r[0] for r in con.execute("DESCRIBE events").fetchall()]
    for name in ("source_code", "target_country", "location_geonames_id", "plover_event_type",
                 "trigger_lemma", "char_start", "event_day", "dead", "injured", "size", "tone"):
        assert name in cols


def test_threads_share_one_store(store):
    from concurrent.futures import ThreadPoolExecutor

    def work(i):
        return store.count_events(actor=["RUS", "KEN", "CHN", "USA"][i % 4]), len(store.events(limit=None))

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(work, range(40)))
    assert {r for r in results} == {(4, 7), (2, 7), (3, 7), (1, 7)}


def test_from_parquet_is_the_parquet_reader(store, tmp_path):
    store.write_parquet(tmp_path / "pq")
    with Store.from_parquet(tmp_path / "pq") as parquet:
        assert parquet.count_events(actor="RUS") == store.count_events(actor="RUS") == 4
