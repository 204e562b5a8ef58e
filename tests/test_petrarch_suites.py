"""The PETRARCH-dictionary coder on PETRARCH's own suites, with floors so regressions fail.

The suites and dictionaries stay in ../shared/data/petrarch2 (skipped when absent). The coder
works on spaCy's parse of each record's text; the records' own parses are not used.
Floors sit just under the figures reached (see bench/petrarch_suites.py for the full table).
"""

import time
from pathlib import Path

import pytest

from tacitus.petrarch import Dictionaries, PetrarchCoder, evaluate
from tacitus.petrarch.suites import load_records

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "petrarch2"

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} not present")



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
    assert total["found_pct"] >= 90.4, total
    assert total["extra_pct"] <= 7.3, total
    assert total["exact_pct"] >= 88.5, total
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
    assert total["exact_pct"] >= 90.0, total
    assert total["found_pct"] >= 91.6, total
    assert total["extra_pct"] <= 5.0, total
    # sentence/story discards and bad input (an unbalanced parse) code nothing
    assert unit_tests["by_category"]["ERROR"]["exact"] == 7


def test_gsr_suite_with_real_phoenix_dictionaries(gsr):
    total = gsr["total"]
    assert total["records"] == 78 and total["expected"] == 80
    # the issue's target: >= 90% found, <= 10% extra
    assert total["found_pct"] >= 90.0, total
    assert total["extra_pct"] <= 10.0, total
    assert total["exact_pct"] >= 90.5, total
    assert gsr["by_category"]["PASSIVE"]["correct"] >= 5


def test_gsr_lists_passives_and_bare_agents(gsr):
    failing = {f["id"] for f in gsr["failures"]}
    # "US and British activists": each country takes the agent (USAOPP, GBROPP)
    assert "AFP0808020937_1" not in failing
    # "Evidence against Russia was presented by the US": '* EVIDENCE' read in the subject
    assert "PASSIVE_0" not in failing
    # "demolished by a Ukrainian protestor": 'PROTESTOR *' reads the 'by' agent
    assert "PASSIVE_3" not in failing
    # "There were 10 Russian soldiers killed in Ukraine": a reduced passive on the noun
    assert "EXIST_1" not in failing
    # "claiming responsibility for an attack targeting non-Muslims ... in Kenya's capital":
    # the bare agent '---MUS' is passed over for Kenya
    assert "TEST_6" not in failing


def test_gsr_transformations_and_surnames(gsr):
    failing = {f["id"] for f in gsr["failures"]}
    # "Obama wants to attack Switzerland" -> ~ a (_ b ATTACK) WANT = a b 138
    assert "APPEALS_1" not in failing
    # "ratified an agreement": '* &TREATY [057] # RATIFY' restates '* &TREATY [031:031]
    # # APPROVE' later in the block and replaces it, as PETRARCH-2 stores patterns by words
    assert "GOLD_4" not in failing
    # "The US, Russia, and Switzerland met yesterday": no target, so they meet each other
    assert "COOP_0" not in failing


def test_compound_subjects_pair_only_when_they_act_on_each_other(ud_2_02, nlp):
    failing = {f["id"] for f in ud_2_02["failures"]}
    # "it has been noted that Gondor and Osgiliath have delayed ...", "Gondor and Dagolath,
    # the Osgiliath newspaper al-Raya said": a report or a joint statement pairs no one
    for record_id in ("DEMO-29", "COMPOUND-28"):
        assert record_id not in failing, record_id
    dictionaries = Dictionaries.load(DATA / "dictionaries")
    coder = PetrarchCoder(dictionaries)
    assert coder.pair_compound_subjects  # a PETRARCH-2 verb file
    sent = next(nlp("Russia and Switzerland said they were ready.").sents)
    assert [e.key() for e in coder.code(sent)] == []


def test_ud_2_02_negation_noun_phrases_and_lists(ud_2_02):
    failing = {f["id"] for f in ud_2_02["failures"]}
    # "didn't clash over the efforts" [110] -> 050 and "will not wire tap" [170] -> 057
    # through the internal coding ontology
    for record_id in ("SYNSET-13", "SYNSET-15b", "SYNSET-22h", "DEMO-32"):
        assert record_id not in failing, record_id
    # '{NEW &TIETYPES RELATIONS}' over 'new global economic relations'; the longer set match
    # ('austrian gold florin') wins a tie; 'death and injury total' is not '{DEATH TOTAL}'
    for record_id in ("SYNSET-22b", "SYNSET-22bb", "SYNSET-20b", "DEMO-23"):
        assert record_id not in failing, record_id
    # "Mordor, the Shire, Arnor and Bree", "Arnor, Calenardhon and the evil awful Gondor"
    for record_id in ("COMPOUND-08", "COMPOUND-14", "DEMO-11"):
        assert record_id not in failing, record_id


def test_unit_test_petrarch1_reading(unit_tests):
    failing = {f["id"] for f in unit_tests["failures"]}
    # linear patterns: 'INDICATED WOULD * NOW', '&PREPOSIT1_' synset, closed connectors
    for record_id in ("VERB-08", "VERB-10", "VERB-12", "SYNSET-22h", "SYNSET-22e"):
        assert record_id not in failing, record_id
    # no passive turn without 'by'; a bare agent target '---EDU'; unbalanced parse input;
    # the 'after crowds burned ...' clause under a coded verb is not coded
    for record_id in ("PATTERN-29", "ABOUT-02", "ERROR-02", "ERROR-03", "COMMA-08"):
        assert record_id not in failing, record_id
    # '^' skips an actor or an uncoded noun phrase; 'Dol_Amroth' is two words; SHOT in two
    # blocks; 'Lawmakers in Fornost and Gondor'; 'Ithilen state-run television'
    for record_id in ("PATTERN-21", "PATTERN-24", "COMPOUND-21", "COMPOUND-22", "DEMO-05",
                      "COMPOUND-08", "PATTERN-09"):
        assert record_id not in failing, record_id


def test_unit_test_petrarch1_options_and_literal_words(unit_tests):
    failing = {f["id"] for f in unit_tests["failures"]}
    # comma-clause removal under the records' comma_* options; a null target needs a noun
    # phrase after the verb ('said today' codes nothing)
    for record_id in ("COMMA-05", "COMMA-06", "COMMA-12"):
        assert record_id not in failing, record_id
    # new_actor_length: quoted noun-phrase actors ('"THE MINISTRY OF MAGIC"', '"INJURY TOLL"')
    for record_id in ("ACTOR-01", "ACTOR-02", "ACTOR-03", "DEMO-22"):
        assert record_id not in failing, record_id
    # literal pattern words ('EFFORT' is not 'efforts'), 'RECENTLY_*' touching the verb, a
    # misspelt verb form ('departes') is no verb
    for record_id in ("PATTERN-11", "SYNSET-21b", "PATTERN-16", "VERB-21"):
        assert record_id not in failing, record_id


def test_ud_2_02_skips_targets_and_date_bounds(ud_2_02):
    failing = {f["id"] for f in ud_2_02["failures"]}
    # '(IN ^) +'; a target in a purpose clause; an interval's last day; 'polices' is no agent;
    # a multi-word actor with modifiers between its words
    for record_id in ("PATTERN-20", "DEMO-15", "DATE-11", "AGENT-22", "PATTERN-08", "COMMA-05"):
        assert record_id not in failing, record_id
