"""How the PETRARCH-2 coder treats clauses: the verb's own phrase for its patterns, reported
clauses, open complements and paired codes (small dictionaries from tests/petrarch_samples.py)."""

import pytest

from petrarch_samples import ACTORS, AGENTS, VERBS, write
from tacitus.petrarch import Dictionaries, PetrarchCoder
from tacitus.petrarch.ontology import read_ontology

CLAUSE_VERBS = VERBS + """
--- ALLEGE  [110] ---
ALLEGE
- * KILLING  [015]

--- SAY  [010] ---
SAY {SAYS SAID}

--- ATTACK  [190] ---
ATTACK

--- ATTEND  [042] ---
ATTEND
- * SUMMIT (ON)  [044]

--- LAUNCH  [---] ---
LAUNCH
- * CAMPAIGN  [020]
- * ATTACKS  [190]

--- WANT  [030] ---
WANT
- * HELP  [023]

--- AID  [070] ---
HELP

~ a (b . ATTACK) SAY = a b 112
"""

NESTING_ONTOLOGY = """\
010:0x1000#Make Public Statement
023:0x2040
030:0x3000#Intend
033:0x3040
070:0x0040#ProvideAid
110:0x1007f#Disapprove
190:0x00A0#Fight
"""



def _coder(folder, ontology: bool) -> PetrarchCoder:
    write(folder, "T.verbs.txt", CLAUSE_VERBS)
    write(folder, "T.actors.txt", ACTORS)
    write(folder, "T.agents.txt", AGENTS)
    if ontology:
        write(folder, "T.Internal_Coding_Ontology.txt", NESTING_ONTOLOGY)
    return PetrarchCoder(Dictionaries.load(folder))


@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    return _coder(tmp_path_factory.mktemp("clauses"), ontology=False)


@pytest.fixture(scope="module")
def nesting_coder(tmp_path_factory):
    return _coder(tmp_path_factory.mktemp("nesting"), ontology=True)


def triples(coder, nlp, text):
    return sorted(t.key() for s in nlp(text).sents for t in coder.code(s))


def test_paired_code_second_half_needs_the_verbs_own_subject(coder, nlp):
    # '(FOR +) [042:043]': "Arnor left for X" codes both halves ...
    assert triples(coder, nlp, "Arnor left for Minas Tirith.") == [
        ("ARN", "GON", "042"), ("GON", "ARN", "043")]
    # ... "Arnor prepared to leave for X" only the first: 'leave' takes its subject from above
    assert triples(coder, nlp, "Arnor prepared to leave for Minas Tirith.") == [
        ("ARN", "GON", "042")]


def test_patterns_do_not_read_a_reported_clause(coder, nlp):
    # 'killing' is in the clause 'alleged' reports, so '* KILLING' does not match
    assert triples(coder, nlp, "Arnor alleged that Gondor was aware of the killing.") == [
        ("ARN", "GON", "110")]
    # in the verb's own object it does
    assert triples(coder, nlp, "Arnor alleged a killing by Gondor.") == [("ARN", "GON", "015")]


def test_reporting_verb_finds_its_target_only_in_the_clause_subject(coder, nlp):
    assert triples(coder, nlp, "Arnor said Gondor can cope with the drought.") == [
        ("ARN", "GON", "010")]
    assert triples(coder, nlp, "Arnor said such a step enjoyed support from Gondor.") == []


def test_transformation_takes_a_lower_event_without_target(coder, nlp):
    # 'attacked themselves' names no target; '(b . ATTACK) SAY' still makes it an accusation
    assert triples(coder, nlp, "Arnor said that Gondor had attacked themselves.") == [
        ("ARN", "GON", "112")]


def test_empty_preposition_in_a_petrarch2_pattern_names_no_target(coder, nlp):
    # '* SUMMIT (ON)': the object of ON is not the target; the first actor after the verb is
    assert triples(coder, nlp, "Arnor attended a summit in Rohan on the crisis in Gondor.") == [
        ("ARN", "ROH", "044")]


def test_tied_patterns_prefer_the_verbs_object(coder, nlp):
    # '* CAMPAIGN' comes first in the block, but 'attacks' is the object of 'launched'
    assert triples(coder, nlp, "Arnor launched attacks on Gondor during its campaign.") == [
        ("ARN", "GON", "190")]
    assert triples(coder, nlp, "Arnor launched a campaign against Gondor.") == [
        ("ARN", "GON", "020")]


def test_open_complement_nests_under_the_verb_above(coder, nesting_coder, nlp):
    # without an ontology the lower act stands as it is
    assert triples(coder, nlp, "Arnor wants to help Gondor.") == [("ARN", "GON", "070")]
    # with one, intend (030, WANT's own code, not its '* HELP' pattern) over aid (070): 033
    assert triples(nesting_coder, nlp, "Arnor wants to help Gondor.") == [("ARN", "GON", "033")]
    assert triples(nesting_coder, nlp, "Arnor helped Gondor.") == [("ARN", "GON", "070")]


def test_ontology_combines_an_utterance_with_an_act(tmp_path):
    ontology = read_ontology(write(tmp_path, "O.txt", NESTING_ONTOLOGY))
    assert ontology.combine("030", "070") == "033"
    assert ontology.combine("070", "030") is None  # an act over an intent: not nested
    assert ontology.combine("010", "190") is None  # no code for the sum
    assert ontology.combine("999", "070") is None  # not in the ontology
