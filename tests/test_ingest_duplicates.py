"""Near-duplicate stories in ingest: one copy is coded, the others are skipped, linked and counted."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from wire_articles import wire_story  # noqa: E402

from tacitus.ingest import ingest  # noqa: E402
from tacitus.sources import content_id  # noqa: E402
from tacitus.store import Store  # noqa: E402
from tacitus.store.duplicates import copies_per_document, near_duplicate_counts, near_duplicates_of  # noqa: E402


def _body(text: str) -> str:
    """A story without its closing credit line."""
    return text.rsplit("\n", 2)[0]


def _long_story(i: int) -> str:
    first, second = _body(wire_story(i)[1]), _body(wire_story(i + 500)[1]).split(" - ", 1)[1]
    return f"{first} {second}\n(Reporting by Jane Doe; Editing by John Roe)\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text)
    return path


def test_syndicated_and_updated_copies_are_linked_not_coded(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    original = _long_story(1)
    _write(inputs, "a_reuters.txt", original)
    # another agency's copy: other byline and credit line
    _write(inputs, "b_ap.txt", original.replace("(Reuters)", "(AP)").replace(
        "(Reporting by Jane Doe; Editing by John Roe)", "(Copyright 2024 The Associated Press. All rights reserved.)"))
    # an update: one more closing sentence
    _write(inputs, "c_update.txt", _body(original) + " The foreign ministry later denied the report.\n")
    _write(inputs, "d_other.txt", _long_story(2))  # a different story on similar topics
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        report = ingest([str(inputs)], store, processes=1).to_dict()
        assert report["inputs"] == report["coded"] + report["skipped"] + report["failed"] == 4
        assert report["coded"] == 2 and report["near_duplicates"] == 2
        by_name = {Path(o["input"]).name: o for o in report["outcomes"]}
        original_id = content_id(original)
        assert by_name["a_reuters.txt"]["status"] == "coded" and by_name["a_reuters.txt"]["doc_id"] == original_id
        for copy in ("b_ap.txt", "c_update.txt"):
            assert by_name[copy]["status"] == "skipped"
            assert by_name[copy]["reason"] == f"near-duplicate of {original_id}"
            assert by_name[copy]["duplicate_of"] == original_id
        assert by_name["d_other.txt"]["status"] == "coded"
        links = near_duplicates_of(store, original_id)
        assert sorted(Path(link["input"]).name for link in links) == ["b_ap.txt", "c_update.txt"]
        assert all(0.8 <= link["similarity"] <= 1.0 for link in links)
        assert near_duplicate_counts(store) == {"near_duplicates": 2, "with_copies": 1}
        log = {Path(row["input"]).name: row for row in store.ingest_log()}
        assert log["b_ap.txt"]["reason"] == f"near-duplicate of {original_id}"
        copies = copies_per_document(store)
        assert copies[original_id] == 3 and copies[content_id(_long_story(2))] == 1


def test_a_later_run_catches_copies_of_stored_stories_and_reruns_add_nothing(tmp_path):
    first_dir, second_dir = tmp_path / "monday", tmp_path / "tuesday"
    first_dir.mkdir()
    second_dir.mkdir()
    original = _long_story(3)
    _write(first_dir, "story.txt", original)
    _write(second_dir, "reprint.txt", original.replace("(Reuters)", "(AFP)") + "Read more at example.com\n")
    db = tmp_path / "t.duckdb"
    with Store(db) as store:
        assert ingest([str(first_dir)], store, processes=1).to_dict()["coded"] == 1
    with Store(db) as store:  # a new process would do the same: the index comes from the store
        second = ingest([str(second_dir)], store, processes=1).to_dict()
        assert second["outcomes"][0]["reason"] == f"near-duplicate of {content_id(original)}"
        status_before = store.status()
        again = ingest([str(second_dir)], store, processes=1).to_dict()
        assert again["inputs"] == again["skipped"] == 1 and again["near_duplicates"] == 1
        assert store.status() == status_before  # not logged twice, nothing stored
        assert near_duplicate_counts(store)["near_duplicates"] == 1
        assert store.status()["documents"] == 1


def test_near_duplicate_check_can_be_turned_off(tmp_path):
    original = _long_story(4)
    _write(tmp_path, "a.txt", original)
    _write(tmp_path, "b.txt", _body(original) + " Officials declined to comment further.\n")
    with Store(tmp_path / "t.duckdb") as store:
        report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], store, processes=1,
                        near_duplicate_threshold=None).to_dict()
        assert report["coded"] == 2 and report["near_duplicates"] == 0
