"""Which words of a sentence a PETRARCH-2 verb pattern and its actors are read from: the
subject's own words, the object before the phrases after it, a preposition only as a phrase,
discard phrases as written, and acts asked of someone (dictionaries in petrarch_samples.py)."""

import pytest

from petrarch_samples import ACTORS, AGENTS, VERBS, write
from tacitus.petrarch import Dictionaries, PetrarchCoder
from tacitus.petrarch.actors_reader import read_actors_text

PHRASE_VERBS = VERBS + """
--- RETREAT  [080] ---
WITHDRAW {WITHDRAWS WITHDREW WITHDRAWN WITHDRAWING}
- * FROM +  [0874]
- TROOPS *  [0874]

--- MAKE  [---] ---
MAKE {MAKES MADE MAKING}
- * TRIP  [036]

--- BOOST  [---] ---
BOOST
- * &TIETYPES  [050]
- * MILITARY  [060]

--- ATTACK  [190] ---
ATTACK

--- SAY  [010] ---
SAY {SAYS SAID}

--- ASK  [020] ---
ASK

--- AID  [070] ---
HELP

--- SCHEDULE  [---] ---
SCHEDULE

~ a (b . ATTACK) SAY = a b 112
"""

PHRASE_AGENTS = AGENTS + """CIVILIAN [~CVL]
"""

ASK_ONTOLOGY = """\
010:0x1000#Make Public Statement
020:0x2000#Appeal
023:0x2040
030:0x3000#Intend
033:0x3040
070:0x0040#ProvideAid
"""



@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phrases")
    write(folder, "T.verbs.txt", PHRASE_VERBS)
    write(folder, "T.actors.txt", ACTORS)
    write(folder, "T.agents.txt", PHRASE_AGENTS)
    write(folder, "T.discards.txt", "MONTHS AGO\n")
    write(folder, "T.Internal_Coding_Ontology.txt", ASK_ONTOLOGY)
    return PetrarchCoder(Dictionaries.load(folder))


def triples(coder, nlp, text):
    return sorted(t.key() for s in nlp(text).sents for t in coder.code(s))


def test_bare_preposition_is_not_the_verbs_object(coder, nlp):
    # '- * FROM +': PETRARCH-2 reads a preposition only as '(FROM ...)'; the block's code
    assert triples(coder, nlp, "Arnor withdrew from Gondor.") == [("ARN", "GON", "080")]


def test_pattern_before_the_verb_reads_the_subjects_own_words(coder, nlp):
    assert triples(coder, nlp, "Arnor troops withdrew from Gondor.") == [("ARN", "GON", "0874")]
    # 'troops' is inside the subject's 'of' phrase: not '- TROOPS *'; the actor still counts
    assert triples(coder, nlp, "Hundreds of Arnor troops withdrew from Gondor.") == [
        ("ARN", "GON", "080")]


def test_object_word_is_not_read_inside_a_later_phrase(coder, nlp):
    assert triples(coder, nlp, "Arnor made a trip to Gondor.") == [("ARN", "GON", "036")]
    assert triples(coder, nlp, "Arnor made remarks in Gondor at the start of a trip.") == []


def test_a_word_named_outright_beats_a_set(coder, nlp):
    # '&TIETYPES' holds MILITARY, and its pattern comes first; the literal word wins
    assert triples(coder, nlp, "Arnor boosted the military of Gondor.") == [
        ("ARN", "GON", "060")]


def test_appeal_to_act_is_coded_as_the_appeal(coder, nlp):
    # ask (020) over aid (070): 023 from Arnor to Gondor; no separate act of Gondor's
    assert triples(coder, nlp, "Arnor asked Gondor to help Rohan.") == [("ARN", "GON", "023")]
    # what is asked acts on nobody: nothing to code
    assert triples(coder, nlp, "Arnor asked Gondor to withdraw.") == []


def test_the_actor_of_a_by_phrase_is_not_the_subjects(coder, nlp):
    assert triples(coder, nlp, "Troops of Arnor attacked Gondor.") == [("ARN", "GON", "190")]
    assert triples(coder, nlp, "A statement by Arnor attacked Gondor.") == []


def test_bare_agent_target_still_counts_for_a_transformation(coder, nlp):
    # 'civilians were attacked ... by Gondor troops' is no event of its own (a bare agent
    # target), but what Arnor says of it is an accusation against Gondor
    text = "Arnor said civilians were attacked in a raid by Gondor troops."
    assert triples(coder, nlp, text) == [("ARN", "GON", "112")]


def test_clause_before_the_main_verb_gives_way_to_it(coder, nlp):
    # 'leaving for Minas Tirith' (042) takes Arnor from the main clause, which codes the event
    for text in ("Before leaving for Minas Tirith, Arnor attacked Rohan.",
                 "Before leaving for Minas Tirith, Arnor was scheduled to attack Rohan."):
        assert triples(coder, nlp, text) == [("ARN", "ROH", "190")]


def test_discard_phrase_is_matched_on_the_words_as_written(coder, nlp):
    assert triples(coder, nlp, "Arnor attacked Gondor three months ago in the north.") == []
    # 'ago,' is not 'AGO' for PETRARCH-2
    assert triples(coder, nlp, "Arnor attacked Gondor three months ago, officials said.") == [
        ("ARN", "GON", "190")]


def test_hyphenated_prefix_hides_the_actor(coder, nlp):
    assert triples(coder, nlp, "Rohan attacked pro-Gondor rebels.") == []
    assert triples(coder, nlp, "Rohan attacked Gondor rebels.") == [("ROH", "GON", "190")]


def test_later_actor_entry_with_the_same_words_wins():
    actors = read_actors_text("GEORGE_BUSH\n+PRESIDENT_BUSH\n\t[USAELI]\n"
                              "GEORGE_W._BUSH\n+PRESIDENT_BUSH_\n\t[USAGOV]\n")
    actors.finish()
    assert actors.phrases[("PRESIDENT", "BUSH")].codes[0].code == "USAGOV"
    assert actors.phrases[("GEORGE", "BUSH")].codes[0].code == "USAELI"


def test_a_phrase_with_an_article_is_not_known_by_its_last_word():
    actors = read_actors_text("THE_ISLAND_STATE\n\t[ISL >20130408]\n"
                              "FRODO_BAGGINS\n\t[HOB >20130408]\n")
    actors.finish()
    assert "BAGGINS" in actors.surnames
    assert "STATE" not in actors.surnames
