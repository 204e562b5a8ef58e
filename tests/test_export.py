"""Exports: JSON Lines, CSV, Parquet, GDELT 2.0 events and mentions, GDELT GKG 2.1."""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_store_samples import SHARED, PROTEST_TEXT, VISIT_TEXT, all_events, batch  # noqa: E402

from tacitus.store import EVENT_COLUMN_NAMES, Store  # noqa: E402
from tacitus.store import gdelt  # noqa: E402

EVENTS = {e.event_id: e for e in all_events()}
VISIT = "wire-2024-05-14-visit:0:042:RUSGOV-CHN"
MEET = "wire-2024-05-14-visit:1:036:RUSGOV-CHNGOV"
SANCTIONS = "wire-2024-05-14-visit:2:163:WSTGOV-RUS"
STATEMENT = "wire-2024-05-14-visit:0:010:RUSGOV-"
TALKS = "talks-undated:0:0311:USA-CHN"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("export") / "events.duckdb") as s:
        s.add_batch(*batch())
        yield s


def _tsv(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""  # every row ends with a newline
    return [line.split("\t") for line in lines[:-1]]


def _by_event_id(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    names = gdelt.columns("events") if len(rows[0]) == 61 else gdelt.columns("mentions")
    out = {}
    for row in rows:
        record = dict(zip(names, row))
        event_id = next(i for i in EVENTS if str(gdelt.global_event_id(i)) == record["GLOBALEVENTID"])
        out[event_id] = record
    return out


def test_column_lists_have_gdelt_lengths_and_order():
    events = gdelt.columns("events")
    assert len(events) == 61 and len(gdelt.columns("mentions")) == 16 and len(gdelt.columns("gkg")) == 27
    assert events[:5] == ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    assert events[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                             "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    assert events[51] == "ActionGeo_Type" and events[-2:] == ["DATEADDED", "SOURCEURL"]
    assert gdelt.columns("gkg")[15:17] == ["V2Tone", "Dates"]


def test_gdelt_events_file(store, tmp_path):
    out = tmp_path / "20240516.export.CSV"
    assert store.export("gdelt", out) == 7
    rows = _tsv(out)
    assert all(len(r) == 61 for r in rows) and not rows[0][0].startswith("GLOBALEVENTID")
    by_id = _by_event_id(rows)
    visit = by_id[VISIT]
    assert (visit["SQLDATE"], visit["MonthYear"], visit["Year"], visit["FractionDate"]) == \
        ("20240516", "202405", "2024", "2024.3726")
    assert (visit["Actor1Code"], visit["Actor1Name"], visit["Actor1CountryCode"], visit["Actor1Type1Code"]) == \
        ("RUSGOV", "VLADIMIR PUTIN", "RUS", "GOV")
    assert (visit["Actor2Code"], visit["Actor2CountryCode"], visit["Actor2Type1Code"]) == ("CHN", "CHN", "")
    assert (visit["EventCode"], visit["EventBaseCode"], visit["EventRootCode"], visit["QuadClass"]) == \
        ("042", "042", "04", "1")
    assert (visit["GoldsteinScale"], visit["IsRootEvent"], visit["NumMentions"], visit["AvgTone"]) == \
        ("1.9", "1", "1", "0.4")
    assert [visit[f"ActionGeo_{f}"] for f in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")] \
        == ["4", "Beijing, China", "CH", "CH22", "39.9075", "116.39723", "1816670"]
    # actors are placed in their country (country precision), as GDELT does for country actors
    assert (visit["Actor1Geo_Type"], visit["Actor1Geo_CountryCode"], visit["Actor1Geo_FullName"]) == ("1", "RS", "Russia")
    assert (visit["Actor2Geo_Type"], visit["Actor2Geo_CountryCode"]) == ("1", "CH")
    assert re.fullmatch(r"20\d{12}", visit["DATEADDED"]) and visit["SOURCEURL"] == "wire-2024-05-14-visit"
    assert by_id[MEET]["IsRootEvent"] == "0" and by_id[MEET]["EventBaseCode"] == "036"
    # a partial event date (2022) falls back to the publication date; no date at all stays blank
    assert by_id[SANCTIONS]["SQLDATE"] == "20240514" and by_id[SANCTIONS]["Actor1CountryCode"] == "WST"
    assert by_id[TALKS]["SQLDATE"] == "" and by_id[TALKS]["EventBaseCode"] == "031"
    assert by_id[TALKS]["EventRootCode"] == "03" and by_id[TALKS]["AvgTone"] == ""
    police = by_id["ke-2024-06-25-protest:0:175:KENCOP-KENOPP"]
    assert police["SOURCEURL"] == "https://www.example-news.com/africa/kenya-protests"
    assert (police["Actor1Type1Code"], police["Actor2Type1Code"], police["GoldsteinScale"]) == ("COP", "OPP", "-9")
    assert police["ActionGeo_CountryCode"] == "KE" and police["ActionGeo_ADM1Code"] == "KE05"
    # the id is stable: a second export gives the same GLOBALEVENTIDs
    store.export("gdelt", tmp_path / "again.CSV")
    assert [r[0] for r in _tsv(tmp_path / "again.CSV")] == [r[0] for r in rows]


def test_gdelt_export_takes_filters(store, tmp_path):
    assert store.export("gdelt", tmp_path / "ken.CSV", actor="KEN") == 2
    assert {r[5] for r in _tsv(tmp_path / "ken.CSV")} == {"KENCOP", "KENOPP"}


def test_gdelt_mentions_file(store, tmp_path):
    out = tmp_path / "mentions.CSV"
    assert store.export("gdelt-mentions", out) == 7
    rows = _tsv(out)
    assert all(len(r) == 16 for r in rows)
    by_id = _by_event_id(rows)
    meet = by_id[MEET]
    assert meet["SentenceID"] == "2" and meet["MentionType"] == "2" and meet["MentionSourceName"] == "Wire Service"
    assert VISIT_TEXT[int(meet["Actor1CharOffset"]):].startswith("Putin is also")
    assert VISIT_TEXT[int(meet["Actor2CharOffset"]):].startswith("Chinese Premier Li Qiang")
    assert VISIT_TEXT[int(meet["ActionCharOffset"]):].startswith("meet")
    assert (meet["Confidence"], meet["MentionDocLen"], meet["MentionDocTone"]) == ("71", str(len(VISIT_TEXT)), "-0.8")
    assert meet["MentionTimeDate"] == "20240514000000"
    assert by_id[STATEMENT]["Actor2CharOffset"] == "-1"
    police = by_id["ke-2024-06-25-protest:0:175:KENCOP-KENOPP"]
    assert (police["MentionType"], police["MentionSourceName"]) == ("1", "example-news.com")
    assert police["MentionIdentifier"] == "https://www.example-news.com/africa/kenya-protests"


def test_gkg_file(store, tmp_path):
    out = tmp_path / "gkg.csv"
    assert store.export("gkg", out) == 3
    rows = [dict(zip(gdelt.columns("gkg"), r)) for r in _tsv(out)]
    assert all(len(r) == 27 for r in rows)
    assert len({r["GKGRECORDID"] for r in rows}) == 3
    protest = next(r for r in rows if r["DocumentIdentifier"].endswith("kenya-protests"))
    assert protest["DATE"] == "20240625000000" and protest["SourceCollectionIdentifier"] == "1"
    assert protest["SourceCommonName"] == "example-news.com"
    assert protest["Counts"] == "KILL#5#people#0######;WOUND#31#people#0######"
    for block in protest["Counts"].split(";"):
        assert len(block.split("#")) == 10
    for block in protest["V2Counts"].split(";"):
        fields = block.split("#")
        assert len(fields) == 11 and PROTEST_TEXT[int(fields[10]):].startswith(fields[1])
    location = protest["V2Locations"].split("#")
    assert location[:4] == ["4", "Nairobi, Kenya", "KE", "KE05"] and len(location) == 9
    assert PROTEST_TEXT[int(location[8]):].startswith("Nairobi")
    name, offset = protest["V2Organizations"].split(",")
    assert name == "Kenya Medical Association" and PROTEST_TEXT[int(offset):].startswith(name)
    assert protest["V2Tone"].split(",")[0] == "-5.2" and len(protest["V2Tone"].split(",")) == 7
    assert protest["Dates"].startswith("4#6#25#2024#")
    assert protest["Amounts"].split(";")[0].split(",")[:2] == ["5", "people killed"]
    assert protest["Themes"] == protest["GCAM"] == protest["Quotations"] == ""

    visit = next(r for r in rows if r["DocumentIdentifier"] == "wire-2024-05-14-visit")
    assert visit["Persons"] == "Vladimir Putin;Xi Jinping;Li Qiang"
    for block in visit["V2Persons"].split(";"):
        person, offset = block.split(",")
        assert VISIT_TEXT[int(offset):].startswith(person)
    dates = visit["Dates"].split(";")
    assert dates[:2] == [f"4#5#16#2024#{VISIT_TEXT.index('May 16-17')}", f"4#5#17#2024#{VISIT_TEXT.index('May 16-17')}"]
    assert f"1#0#0#2022#{VISIT_TEXT.index('2022')}" in dates
    assert visit["Amounts"] == f"240000000000,USD,{VISIT_TEXT.index('$240 billion')}"
    assert "1#Moscow" not in visit["Locations"] and visit["Locations"].startswith("4#Moscow, Russia#RS#RS48#")


def test_jsonl_lines_are_schema_records(store, tmp_path):
    out = tmp_path / "events.jsonl"
    assert store.export("jsonl", out) == 7
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {r["event_id"]: r for r in records} == {i: e.to_dict() for i, e in EVENTS.items()}
    schema_path = SHARED / "spec" / "event.schema.json"
    if schema_path.exists():
        jsonschema = pytest.importorskip("jsonschema")
        schema = json.loads(schema_path.read_text())
        for r in records:
            jsonschema.validate(r, schema)


def test_csv_has_flat_columns(store, tmp_path):
    out = tmp_path / "events.csv"
    assert store.export("csv", out, since="2024-05-16") == 4
    with open(out, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == EVENT_COLUMN_NAMES and len(rows) == 4
    visit = next(r for r in rows if r["event_id"] == VISIT)
    assert visit["source_code"] == "RUSGOV" and visit["location_lat"] == "39.9075"
    assert visit["published"] == "2024-05-14" and visit["plover_context"] == "diplomatic"
    assert visit["sentence"] == EVENTS[VISIT].sentence


def test_parquet_export_is_readable(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert store.export("parquet", out) == 7
    table = pq.read_table(out)
    assert table.num_rows == 7 and table.column_names == EVENT_COLUMN_NAMES
    rows = {r["event_id"]: r for r in table.to_pylist()}
    assert rows[VISIT]["goldstein"] == 1.9 and rows[VISIT]["location_geonames_id"] == 1816670
    assert rows["ke-2024-06-25-protest:0:175:KENCOP-KENOPP"]["dead"] == 5
    assert rows[TALKS]["published"] is None and rows[VISIT]["plover_context"] == ["diplomatic"]


def test_unknown_format_is_named(store, tmp_path):
    with pytest.raises(ValueError, match="export format 'xml'"):
        store.export("xml", tmp_path / "x.xml")


@pytest.mark.parametrize("code, expected", [
    ("RUSGOV", {"country": "RUS", "type1": "GOV"}),
    ("IGOUNO", {"type1": "IGO", "known_group": "UNO"}),
    ("NGOAMN", {"type1": "NGO", "known_group": "AMN"}),
    ("USAMILREB", {"country": "USA", "type1": "MIL", "type2": "REB"}),
    ("WSTGOV", {"country": "WST", "type1": "GOV"}),
    ("SUN", {"country": "SUN"}),  # the Soviet Union, not the Sunni religion code
    ("IRQSUNREB", {"country": "IRQ", "religion1": "SUN", "type1": "REB"}),
    ("PSE", {"country": "PSE"}),
    ("", {}),
])
def test_actor_codes_split_into_gdelt_fields(code, expected):
    fields = gdelt.split_actor_code(code)
    assert {k: v for k, v in fields.items() if v} == expected


def test_fips_codes():
    assert len(gdelt.countries()) >= 250
    pairs = {"CHN": "CH", "RUS": "RS", "DEU": "GM", "GBR": "UK", "USA": "US", "KOR": "KS", "PRK": "KN",
             "ISR": "IS", "PSE": "WE", "UKR": "UP", "SRB": "RI", "SSD": "OD", "KSV": "KV", "SUN": "UR"}
    assert {iso: gdelt.fips(iso) for iso in pairs} == pairs
    assert gdelt.fips("XYZ") == "" and gdelt.fips(None) == ""


@pytest.mark.parametrize("place, expected", [
    (("Austin", "USA", "TX", 30.26715, -97.74306, 4671654, "city"),
     ["3", "Austin, United States", "US", "USTX", "", "30.26715", "-97.74306", "4671654"]),
    (("Texas", "USA", "TX", 31.25044, -99.25061, 4736286, "admin1"),
     ["2", "Texas, United States", "US", "USTX", "", "31.25044", "-99.25061", "4736286"]),
    (("Russia", "RUS", None, 60.0, 100.0, 2017370, "country"), ["1", "Russia", "RS", "RS", "", "60", "100", "RS"]),
    (("Bavaria", "DEU", "02", 49.0, 11.5, 2951839, "admin1"),
     ["5", "Bavaria, Germany", "GM", "GM02", "", "49", "11.5", "2951839"]),
    (("Harbin", "CHN", "Heilongjiang", 45.75, 126.65, 2037013, "city"),
     ["4", "Harbin, Heilongjiang, China", "CH", "CH", "", "45.75", "126.65", "2037013"]),
    (("the Middle East", None, None, None, None, None, "region"), ["0", "", "", "", "", "", "", ""]),
])
def test_geo_fields(place, expected):
    assert gdelt.geo_fields(*place) == expected
