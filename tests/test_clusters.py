"""Mentions of the same real-world event merged into one cluster (tacitus.clusters, tacitus.store.clusters)."""
from __future__ import annotations

import json
import random
import time

import pytest

from tacitus import make_article
from tacitus.clusters import cluster_events, cluster_id_for, outlet_of
from tacitus.ingest import ingest
from tacitus.store import Store, gdelt
from tacitus.store.clusters import cluster_of, mentions_of, rebuild_clusters

from conftest import shared_path


def ev(event_id, doc_id="d1", *, src="RUSGOV", tgt="CHN", cameo="042", date="2024-05-16", end=None,
       published="2024-05-14", place=None, country="CHN", precision="city", outlet=None, sentence=0,
       confidence=0.8, modality="asserted", tone=None):
    """A hand-made event record in schema form."""
    return {
        "event_id": event_id, "doc_id": doc_id, "sentence_index": sentence, "sentence": f"s{sentence}",
        "char_span": [0, 10], "source": {"text": src, "code": src},
        "target": {"text": tgt, "code": tgt} if tgt else None,
        "cameo": cameo, "cameo_root": cameo[:2], "modality": modality, "published": published,
        "event_date": date, "event_date_end": end, "date_source": "text" if date else "publication",
        "location": {"name": place, "country": country, "precision": precision} if place else None,
        "confidence": confidence, "outlet": outlet, "tone": tone,
    }


def groups(clusters):
    return sorted(sorted(c.event_ids) for c in clusters)


def test_same_dyad_outside_the_window_is_two_events():
    clusters = cluster_events([ev("a", date="2024-05-01"), ev("b", date="2024-05-04")], window_days=2)
    assert groups(clusters) == [["a"], ["b"]]
    clusters = cluster_events([ev("a", date="2024-05-01"), ev("b", date="2024-05-03")], window_days=2)
    assert groups(clusters) == [["a", "b"]]


def test_window_is_measured_from_the_anchor_not_chained():
    days = ["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"]
    clusters = cluster_events([ev(f"e{i}", date=d) for i, d in enumerate(days)], window_days=2)
    assert groups(clusters) == [["e0", "e1", "e2"], ["e3", "e4"]]


def test_overlapping_ranges_merge():
    summit = ev("a", date="2024-05-16", end="2024-05-20")
    assert groups(cluster_events([summit, ev("b", date="2024-05-18")], window_days=0)) == [["a", "b"]]
    assert groups(cluster_events([summit, ev("b", date="2024-05-22")], window_days=1)) == [["a"], ["b"]]
    assert groups(cluster_events([summit, ev("b", date="2024-05-22")], window_days=2)) == [["a", "b"]]


def test_reciprocal_directions_are_separate_events():
    clusters = cluster_events([ev("a", src="RUSGOV", tgt="CHNGOV"), ev("b", src="CHNGOV", tgt="RUSGOV")])
    assert groups(clusters) == [["a"], ["b"]]


def test_different_roots_are_separate_but_codes_within_a_root_merge():
    clusters = cluster_events([ev("a", cameo="042"), ev("b", cameo="043"), ev("c", cameo="0431"),
                               ev("d", cameo="190")])
    assert groups(clusters) == [["a", "b", "c"], ["d"]]
    merged = next(c for c in clusters if c.num_mentions == 3)
    assert merged.representative["event_id"] == "c"  # the most specific code
    assert merged.cluster_id == cluster_id_for("c")


def test_actor_codes_compared_at_country_and_role_level():
    clusters = cluster_events([ev("a", src="RUSGOVMIL"), ev("b", src="RUSGOV"), ev("c", src="RUS")])
    assert groups(clusters) == [["a", "b"], ["c"]]


def test_negated_reports_stay_apart():
    clusters = cluster_events([ev("a"), ev("b", modality="negated"), ev("c", modality="planned")])
    assert groups(clusters) == [["a", "c"], ["b"]]


def test_places_same_missing_or_contained_merge_and_different_cities_do_not():
    events = [ev("beijing", place="Beijing"), ev("harbin", place="Harbin", sentence=5),
              ev("china", place="China", precision="country", sentence=7), ev("nowhere", sentence=9)]
    clusters = cluster_events(events)
    assert groups(clusters) == [["beijing", "china", "nowhere"], ["harbin"]]


def test_year_precision_joins_only_an_unambiguous_cluster():
    one = cluster_events([ev("day", date="2023-03-10"), ev("year", date="2023")])
    assert groups(one) == [["day", "year"]]
    two = cluster_events([ev("mar", date="2023-03-10"), ev("oct", date="2023-10-02"), ev("year", date="2023")])
    assert groups(two) == [["mar"], ["oct"], ["year"]]
    other_year = cluster_events([ev("day", date="2023-03-10"), ev("y", date="2022"), ev("y2", date="2022")])
    assert groups(other_year) == [["day"], ["y", "y2"]]


def test_undated_mentions_fall_back_to_publication_day():
    clusters = cluster_events([ev("a", date="2024-05-16"), ev("b", date=None, published="2024-05-15"),
                               ev("c", date=None, published="2024-06-30")])
    assert groups(clusters) == [["a", "b"], ["c"]]


def test_two_outlets_reporting_the_same_visit():
    events = [ev("r1", "reuters-1", outlet="Reuters", published="2024-05-16", tone=-1.0),
              ev("r2", "reuters-1", outlet="Reuters", sentence=4, published="2024-05-16", tone=-3.0),
              ev("x1", "xinhua-1", outlet="Xinhua", date="2024-05-17", published="2024-05-17", tone=4.0)]
    [cluster] = cluster_events(events)
    assert (cluster.num_mentions, cluster.num_sources, cluster.num_articles) == (3, 2, 2)
    assert (cluster.first_seen, cluster.last_seen) == ("2024-05-16", "2024-05-17")
    assert cluster.avg_tone == pytest.approx((-2.0 + 4.0) / 2)  # per article
    assert [m["event_id"] for m in cluster.mentions] == ["r1", "r2", "x1"]


def test_order_of_input_does_not_change_the_clusters():
    events = [ev(f"e{i}", f"d{i % 3}", date=f"2024-05-{1 + i % 9:02d}", place=["Beijing", None, "Harbin"][i % 3])
              for i in range(30)]
    expected = {(c.cluster_id, tuple(sorted(c.event_ids))) for c in cluster_events(events)}
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    assert {(c.cluster_id, tuple(sorted(c.event_ids))) for c in cluster_events(shuffled)} == expected


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="'bad'.*event_date '16 May'"):
        cluster_events([ev("bad", date="16 May")])
    with pytest.raises(ValueError, match="'x'.*cameo_root"):
        cluster_events([{**ev("x"), "cameo_root": None}])
    with pytest.raises(ValueError, match="window_days"):
        cluster_events([ev("a")], window_days=-1)


def test_outlet_and_cluster_id_conventions():
    assert outlet_of(None, "https://www.TheHindu.com/news/a.ece", "d") == "thehindu.com"
    assert outlet_of("Reuters", "https://reuters.com/x", "d") == "Reuters"
    assert outlet_of(None, None, "doc-7") == "doc-7"
    assert cluster_id_for("abc") == gdelt.global_event_id("abc")


# -- end to end: two outlets, one visit ------------------------------------------------------
ARTICLES = [
    {"id": "wire-modi-1", "date": "2024-07-08", "source": "Reuters",
     "url": "https://www.reuters.com/world/india/modi-moscow-2024-07-08/",
     "text": "Indian Prime Minister Narendra Modi visited Russia on Monday, his first trip there since the war "
             "in Ukraine began. Modi is expected to hold talks with President Vladimir Putin on Tuesday."},
    {"id": "paper-modi-1", "date": "2024-07-09",
     "url": "https://www.thehindu.com/news/national/modi-russia-visit/article1.ece",
     "text": "Prime Minister Narendra Modi visited Russia on Monday, his first visit to Moscow in five years. "
             "Indian officials said trade and energy would dominate the agenda."},
]


@pytest.fixture(scope="module")
def modi_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clusters")
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    store = Store(folder / "c.duckdb")
    report = ingest([str(path)], store, input_format="jsonl")
    assert report.count("coded") == 2
    built = rebuild_clusters(store)
    yield store, built, folder
    store.close()


def _visit(store):
    [row] = [e for e in store.events(limit=None) if e["cameo"] == "042" and e["doc_id"] == "wire-modi-1"]
    return cluster_of(store, row["event_id"])


def test_store_merges_the_visit_across_outlets(modi_store):
    store, built, _ = modi_store
    cluster = _visit(store)
    assert (cluster["source_key"], cluster["target_key"], cluster["cameo_root"]) == ("INDGOV", "RUS", "04")
    # the wire's sentence and the paper's two ("visited Russia", "visit to Moscow")
    assert (cluster["num_mentions"], cluster["num_sources"], cluster["num_articles"]) == (3, 2, 2)
    assert (str(cluster["first_seen"]), str(cluster["last_seen"])) == ("2024-07-08", "2024-07-09")
    mentions = mentions_of(store, cluster["cluster_id"])
    assert sorted(m["doc_id"] for m in mentions) == ["paper-modi-1", "paper-modi-1", "wire-modi-1"]
    assert {m["outlet"] for m in mentions} == {"Reuters", "thehindu.com"}
    assert sum(m["is_representative"] for m in mentions) == 1
    for m in mentions:  # offsets point at the sentence in the stored article
        text = store.article(m["doc_id"])["text"]
        assert text[m["char_start"]:m["char_end"]] == m["sentence"]
    assert built["events"] == store.count_events()
    # the talks (040, planned, Tuesday) are other events
    talks = [e for e in store.events(limit=None) if e["cameo"] == "040"]
    assert talks and all(cluster_of(store, e["event_id"])["cluster_id"] != cluster["cluster_id"] for e in talks)


def test_pure_function_agrees_with_the_store(modi_store):
    store, _, _ = modi_store
    events = store.events(limit=None)
    pure = {(c.cluster_id, tuple(sorted(c.event_ids))) for c in cluster_events(events)}
    stored = set()
    for e in events:
        c = cluster_of(store, e["event_id"])
        stored.add((c["cluster_id"], tuple(sorted(m["event_id"] for m in mentions_of(store, c["cluster_id"])))))
    assert pure == stored


def test_gdelt_export_has_one_row_per_cluster_and_mentions_point_to_it(modi_store):
    store, _, folder = modi_store
    cluster = _visit(store)
    n_events = store.export("gdelt", folder / "events.tsv")
    n_mentions = store.export("gdelt-mentions", folder / "mentions.tsv")
    with store._connect() as con:
        n_clusters = con.execute("SELECT count(*) FROM event_clusters").fetchall()[0][0]
    assert n_events == n_clusters < n_mentions == store.count_events()
    cols = gdelt.columns("events")
    rows = [dict(zip(cols, line.split("\t"))) for line in (folder / "events.tsv").read_text().splitlines()]
    [visit] = [r for r in rows if r["GLOBALEVENTID"] == str(cluster["cluster_id"])]
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("3", "2", "2")
    assert visit["EventRootCode"] == "04" and visit["Actor1Code"] == "INDGOV"
    mcols = gdelt.columns("mentions")
    mrows = [dict(zip(mcols, line.split("\t"))) for line in (folder / "mentions.tsv").read_text().splitlines()]
    of_visit = [m for m in mrows if m["GLOBALEVENTID"] == str(cluster["cluster_id"])]
    assert sorted(m["MentionSourceName"] for m in of_visit) == ["Reuters", "thehindu.com", "thehindu.com"]


def test_near_duplicate_copy_from_another_outlet_counts_as_another_article(tmp_path):
    copy = dict(ARTICLES[1], id="copy-modi-1", url="https://www.tribune.example/modi-russia",
                text=ARTICLES[1]["text"].replace("Indian officials said", "Officials in New Delhi said"))
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [*ARTICLES, copy]), encoding="utf-8")
    with Store(tmp_path / "d.duckdb") as store:
        report = ingest([str(path)], store, input_format="jsonl", near_duplicate_threshold=0.5)
        assert report.near_duplicates == 1, f"the ingest did not link the copy as a near-duplicate: {report.to_dict()}"
        rebuild_clusters(store)
        cluster = _visit(store)
        # the paper's story ran at thehindu.com and tribune.example: its 2 mentions count twice
        assert (cluster["num_mentions"], cluster["num_sources"], cluster["num_articles"]) == (5, 3, 3)
        assert cluster["stored_mentions"] == 3


# -- the seed story ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_clusters(pipeline):
    text = shared_path("seed", "article.txt").read_text(encoding="utf-8")
    coded = pipeline.code(make_article(text, doc_id="seed"))
    events = [e.to_dict() for e in coded.events]
    return events, cluster_events(events)


def _visit_cluster(seed_clusters, words):
    """The cluster of Putin's visit mentioned in the sentence containing ``words``."""
    events, clusters = seed_clusters
    for c in clusters:
        rep = c.representative
        if rep["cameo"] == "042" and rep["source"]["code"] == "RUSGOV" and any(words in m["sentence"] for m in c.mentions):
            return c
    return None


def test_seed_harbin_visit_is_not_merged_with_the_beijing_visit(seed_clusters):
    beijing = _visit_cluster(seed_clusters, "state visit to Beijing")
    harbin = _visit_cluster(seed_clusters, "visit Harbin")
    assert beijing is not None and harbin is not None
    assert beijing.cluster_id != harbin.cluster_id
    assert beijing.representative["location"]["name"] == "Beijing"


def test_seed_sentences_1_and_5_are_one_visit_with_two_mentions(seed_clusters):
    visit = _visit_cluster(seed_clusters, "state visit to Beijing")
    assert visit is not None
    sentences = [m["sentence"] for m in visit.mentions]
    assert len(sentences) == 2 and "destination for his inaugural foreign trip" in sentences[1]
    assert visit.num_mentions == 2 and visit.num_articles == 1


# -- scale -----------------------------------------------------------------------------------
def test_rebuild_scales_to_many_events(tmp_path):
    """50k synthetic events through the store in seconds (1M measured in the report)."""
    import pyarrow as pa

    from tacitus.store.schema import EVENT_ARROW_SCHEMA

    n = 50_000
    rng = random.Random(3)
    actors = ["RUSGOV", "CHNGOV", "USAGOV", "UKRMIL", "IRN", "ISRMIL", "FRAGOV", "DEUGOV"]
    rows = []
    for i in range(n):
        src, tgt = rng.sample(actors, 2)
        root = f"{rng.randint(1, 20):02d}"
        day = 1 + rng.randrange(365)
        rows.append({"event_id": f"e{i}", "doc_id": f"d{i // 5}", "sentence_index": i % 5, "sentence": "s",
                     "source_code": src, "target_code": tgt, "cameo": root + "0", "cameo_root": root,
                     "quad_class": 1, "goldstein": 0.0, "modality": "asserted",
                     "event_date": f"2024-{1 + day % 12:02d}-{1 + day % 28:02d}", "date_source": "text",
                     "confidence": 0.5})
    table = pa.Table.from_pylist(rows, schema=EVENT_ARROW_SCHEMA)
    with Store(tmp_path / "big.duckdb") as store:
        store.add_event_table(table)
        started = time.perf_counter()
        built = rebuild_clusters(store)
        seconds = time.perf_counter() - started
        assert built["events"] == n
        assert 0 < built["clusters"] < n
        with store._connect() as con:
            assert con.execute("SELECT sum(stored_mentions) FROM event_clusters").fetchall()[0][0] == n
            assert con.execute("SELECT count(DISTINCT event_id) FROM event_mentions").fetchall()[0][0] == n
    assert seconds < 15, seconds
