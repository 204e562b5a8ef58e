"""The dictionary-driven coder on small PETRARCH-format dictionaries (tests/petrarch_samples.py)."""

from datetime import date

import pytest

from petrarch_samples import ACTORS, AGENTS, ONTOLOGY, P1_VERBS, RULE_VERBS, VERBS, write
from tacitus.petrarch import Dictionaries, PetrarchCoder
from tacitus.petrarch.commas import CommaLimits, removed_tokens


# -- the coder on these dictionaries ---------------------------------------------------------



@pytest.fixture(scope="module")
def coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dicts")
    write(folder, "T.verbs.txt", VERBS + "\n--- ATTACK [190] ---\nATTACK\nSHOOT {SHOT}\n"
                                         "\n--- SAY [---] ---\nSAY {SAYS SAID}\n"
                                         "~ a (b . ATTACK) SAY = a b 112\n")
    write(folder, "T.actors.txt", ACTORS)
    write(folder, "T.agents.txt", AGENTS)
    write(folder, "T.discards.txt", "MONTHS LATER\n")
    return PetrarchCoder(Dictionaries.load(folder))


def triples(coder, nlp, text, on=None):
    return sorted(t.key() for s in nlp(text).sents for t in coder.code(s, on))


def test_coder_default_code_pattern_and_agent(coder, nlp):
    assert triples(coder, nlp, "Arnor condemned Gondor on Friday.") == [("ARN", "GON", "111")]
    assert triples(coder, nlp, "The president of Gondor condemned Arnor for human rights abuses."
                   ) == [("GONGOV", "ARN", "1121")]


def test_coder_paired_code_compound_and_dates(coder, nlp):
    assert triples(coder, nlp, "Smeagol left for Minas Tirith.", date(1996, 1, 1)) == [
        ("GON", "HOBGOV", "043"), ("HOBGOV", "GON", "042")]
    # no target: a PETRARCH-2 verb file pairs the conjoined subjects; without that, nothing
    assert triples(coder, nlp, "Arnor and Gondor restored economic ties.") == [
        ("ARN", "GON", "050"), ("GON", "ARN", "050")]
    unpaired = PetrarchCoder(coder.dictionaries, pair_compound_subjects=False)
    assert triples(unpaired, nlp, "Arnor and Gondor restored economic ties.") == []
    # '%': the conjoined subjects act on each other
    assert triples(coder, nlp, "Arnor and Gondor restored a peace accord.") == [
        ("ARN", "GON", "057"), ("GON", "ARN", "057")]


def test_coder_passive_discard_and_dyad(coder, nlp):
    assert triples(coder, nlp, "An Arnor soldier was shot by Gondor.") == [("GON", "ARN", "190")]
    assert triples(coder, nlp, "Months later Arnor condemned Gondor.") == []
    assert triples(coder, nlp, "Arnor condemned the decision.") == []
    coder.require_dyad = False
    try:
        assert triples(coder, nlp, "Arnor condemned the decision.") == [("ARN", "---", "111")]
    finally:
        coder.require_dyad = True


def test_coder_applies_transformations(coder, nlp):
    # "A said it attacked B" -> claim of responsibility; "A said B attacked C" -> accusation
    assert triples(coder, nlp, "Arnor said it attacked Gondor.") == [("ARN", "GON", "015")]
    assert triples(coder, nlp, "Arnor said that Gondor attacked Rohan.") == [("ARN", "GON", "112")]


# -- rules added for the fictional suites: negation, connectors, lists, PETRARCH-1 reading ---


@pytest.fixture(scope="module")
def negating_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pico")
    write(folder, "T.verbs.txt", VERBS)
    write(folder, "T.actors.txt", ACTORS)
    write(folder, "T.agents.txt", AGENTS)
    write(folder, "T.Internal_Coding_Ontology.txt", ONTOLOGY)
    dictionaries = Dictionaries.load(folder)
    assert dictionaries.ontology is not None
    return PetrarchCoder(dictionaries)


def test_coder_negates_codes_through_the_ontology(negating_coder, nlp):
    assert triples(negating_coder, nlp, "Arnor condemned Gondor.") == [("ARN", "GON", "111")]
    for text in ("Arnor did not condemn Gondor.", "Arnor didn't condemn Gondor.",
                 "Arnor most certainly did not even ever condemn Gondor."):
        assert triples(negating_coder, nlp, text) == [("ARN", "GON", "050")], text


def test_coder_brace_phrases_skip_only_modifiers(coder, nlp):
    assert triples(coder, nlp, "Arnor restored economic ties with Gondor.") == [
        ("ARN", "GON", "050")]
    # 'trade' is a noun: 'economic trade ties' is not an '{&TIETYPES TIES}' phrase
    assert ("ARN", "GON", "050") not in triples(coder, nlp,
                                                "Arnor restored economic trade ties with Gondor.")


def test_coder_reads_a_written_list_the_parser_missed(coder, nlp):
    # spaCy reads 'the Rohan' as an apposition to 'Arnor', cutting the list in two
    assert triples(coder, nlp, "Arnor, the Rohan, Gondor and Smeagol condemned Onodoher.",
                   date(1990, 1, 1)) == [("ARN", "ONO", "111"), ("GON", "ONO", "111"),
                                         ("HOB", "ONO", "111"), ("ROH", "ONO", "111")]


# -- skipped actors, joined and spread actor phrases, targets in adverbial clauses -----------


@pytest.fixture(scope="module")
def rule_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    write(folder, "T.verbs.txt", RULE_VERBS)
    write(folder, "T.actors.txt", ACTORS + "ITHILEN [ITH]\nITHILEN_TELEVISION [ITHTV]\n"
                                           "PRINCE OF DOL AMROTH [DOL]\n")
    write(folder, "T.agents.txt", AGENTS)
    return PetrarchCoder(Dictionaries.load(folder))


def test_coder_skip_marker_passes_over_a_noun_phrase(rule_coder, nlp):
    # '(IN ^) +': the actor after IN is passed over, the next one is the target
    assert triples(rule_coder, nlp, "Arnor celebrated Iftar in Rohan with the leaders of Gondor."
                   ) == [("ARN", "GON", "017")]
    # 'THEIR ^ ABOUT +': '^' passes over a noun phrase with no code too
    assert triples(rule_coder, nlp, "Arnor warned their citizens about Gondor.") == [
        ("ARN", "GON", "162")]
    # a second '^' passes over 'the president', so '+' is Gondor alone, not GONGOV
    assert triples(rule_coder, nlp, "Arnor celebrated Eid at Rohan with the president of Gondor."
                   ) == [("ARN", "GON", "044")]
    assert triples(rule_coder, nlp, "Arnor celebrated Iftar in Rohan with the president of Gondor."
                   ) == [("ARN", "GONGOV", "017")]


def test_coder_joined_and_spread_actor_phrases(rule_coder, nlp):
    assert triples(rule_coder, nlp, "Arnor condemned Minas_Tirith.") == [("ARN", "GON", "111")]
    assert triples(rule_coder, nlp, "Arnor warned their citizens about the Prince of Dol_Amroth."
                   ) == [("ARN", "DOL", "162")]
    # ITHILEN TELEVISION with 'state-run' between its words, inside one noun phrase
    assert triples(rule_coder, nlp, "Arnor condemned Ithilen state-run television.") == [
        ("ARN", "ITHTV", "111")]
    assert triples(rule_coder, nlp, "Arnor condemned Ithilen and its television.") == [
        ("ARN", "ITH", "111")]


def test_coder_agent_plural_only_where_the_dictionary_makes_one(rule_coder, nlp):
    # POLICE {} has no plural: 'polices' is not police
    assert triples(rule_coder, nlp, "Arnor condemned the police of Gondor.") == [
        ("ARN", "GONCOP", "111")]
    assert triples(rule_coder, nlp, "Arnor condemned Gondor's polices.") == [
        ("ARN", "GON", "111")]


def test_coder_target_from_an_adverbial_clause_and_clause_nesting(rule_coder, nlp):
    # the object names no actor: the purpose clause's does
    assert triples(rule_coder, nlp, "Arnor signed an accord on Thursday to supply Gondor with "
                   "some 50,000 tonnes of wheat.") == [("ARN", "GON", "056")]
    # ... but not when the object itself names one
    assert triples(rule_coder, nlp, "Arnor condemned Rohan to please Gondor.") == [
        ("ARN", "ROH", "111")]
    # 'after leaving Rohan': the main verb's event stands alone
    assert triples(rule_coder, nlp, "Arnor celebrated Iftar in Rohan with the leaders of Gondor "
                   "after condemning Ithilen.") == [("ARN", "GON", "017")]


def test_coder_agent_over_a_list_after_its_noun(rule_coder, nlp):
    assert triples(rule_coder, nlp, "Congressmen in Arnor and Gondor condemned Rohan.") == [
        ("ARNLEG", "ROH", "111"), ("GONLEG", "ROH", "111")]


def test_petrarch1_verb_listed_in_two_blocks(tmp_path, nlp):
    write(tmp_path, "P1.verbs.txt", "--- SHOT [---] ---\nSHOT\n- *_AND_WOUND [223]\n\n"
                                    "--- SHOT [223] ---\nSHOT\n- + WAS * DEAD IN $ [224]\n")
    write(tmp_path, "P1.actors.txt", ACTORS)
    write(tmp_path, "P1.agents.txt", AGENTS)
    linear = PetrarchCoder(Dictionaries.load(tmp_path))
    assert linear.linear_patterns
    assert triples(linear, nlp, "An envoy of Gondor was shot dead in Arnor.") == [
        ("ARN", "GON", "224")]


# -- PETRARCH-1 options: comma clauses, new actors, literal words ----------------------------


@pytest.fixture(scope="module")
def p1_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("p1")
    write(folder, "P1.verbs.txt", P1_VERBS + "\n--- SHOT [---] ---\nSHOT\n- *_AND_WOUND [223]\n"
                                             "\n--- SHOT [223] ---\nSHOT\n")
    write(folder, "P1.actors.txt", ACTORS)
    write(folder, "P1.agents.txt", AGENTS + "OFFICIAL [~GOV]\n")
    coder = PetrarchCoder(Dictionaries.load(folder))
    assert coder.linear_patterns and coder.comma_limits == CommaLimits()
    return coder


def test_petrarch1_pattern_words_and_verbs_are_literal(p1_coder, nlp):
    assert triples(p1_coder, nlp, "Arnor adopted a resolution against Gondor.") == [
        ("ARN", "GON", "102")]
    # 'RESOLUTION' does not take 'resolutions' in a PETRARCH-1 file
    assert triples(p1_coder, nlp, "Arnor adopted resolutions against Gondor.") == [
        ("ARN", "GON", "081")]
    # 'RECENTLY_*': the word must touch the verb
    assert triples(p1_coder, nlp, "Arnor recently adopted a plan for Gondor.") == [
        ("ARN", "GON", "025")]
    assert triples(p1_coder, nlp, "Arnor recently did adopt a plan for Gondor.") == [
        ("ARN", "GON", "081")]
    # a misspelt verb form is no form of the verb
    assert triples(p1_coder, nlp, "Arnor condemnes Gondor.") == []


def test_comma_clause_removal(p1_coder, nlp):
    sent = next(nlp("Arnor condemned Gondor, the state's fiercest foe, five years after crowds "
                    "burned its embassy, a senior Rohan official said on Saturday.").sents)
    removed = {sent.doc[i].text for i in removed_tokens(sent, CommaLimits())}
    # the apposition's commas do not delimit clauses; the terminal clause (7 words) goes,
    # the internal one (6 words) goes; the main clause stays
    assert {"official", "Rohan", "said", "Saturday", "crowds", "embassy"} <= removed
    assert not {"Arnor", "condemned", "Gondor", "foe"} & removed
    assert removed_tokens(sent, CommaLimits(max=0, emax=0)) == set()
    assert removed_tokens(sent, CommaLimits(emax=6)) & {t.i for t in sent if t.text == "said"
                                                       } == set()
    # the removed clause codes nothing: 'a senior Rohan official said' is gone
    assert triples(p1_coder, nlp, "Arnor condemned Gondor, a senior Rohan official said.") == [
        ("ARN", "GON", "111")]
    assert CommaLimits().with_config({"comma_emax": "0", "require_dyad": "false"}).emax == 0
    with pytest.raises(ValueError, match="comma_max"):
        CommaLimits().with_config({"comma_max": "eight"})


def test_petrarch1_null_target_needs_a_noun_phrase(p1_coder, nlp):
    p1_coder.require_dyad = False
    try:
        assert triples(p1_coder, nlp, "A Rohan official said today.") == []
        assert triples(p1_coder, nlp, "A Rohan official said on Saturday.") == [
            ("ROHGOV", "---", "023")]
    finally:
        p1_coder.require_dyad = True


def test_petrarch1_codes_a_noun_phrase_by_its_first_actor(p1_coder, coder, nlp):
    text = "Rohan and the evil Arnor awful Gondor condemned Sam Gamgee."
    assert triples(p1_coder, nlp, text) == [("ARN", "HOB", "111"), ("ROH", "HOB", "111")]
    # a written list keeps every actor; a PETRARCH-2 verb file keeps the list rule throughout
    assert triples(p1_coder, nlp, "Rohan, the evil Arnor and awful Gondor condemned Sam Gamgee."
                   ) == [("ARN", "HOB", "111"), ("GON", "HOB", "111"), ("ROH", "HOB", "111")]
    assert ("GON", "HOB", "111") in triples(coder, nlp, text)


def test_new_actors_from_short_uncoded_noun_phrases(coder, nlp):
    four = PetrarchCoder(coder.dictionaries, new_actor_length=4)
    assert triples(four, nlp, "The village elders condemned the Ministry of Magic.") == [
        ('"THE VILLAGE ELDERS"', '"THE MINISTRY OF MAGIC"', "111")]
    # an uncoded item of a list beside a coded actor
    assert triples(four, nlp, "Arnor's army and the village elders condemned Gondor.") == [
        ('"THE VILLAGE ELDERS"', "GON", "111"), ("ARN", "GON", "111")]
    three = PetrarchCoder(coder.dictionaries, new_actor_length=3)
    assert triples(three, nlp, "The village elders condemned the Ministry of Magic.") == []
    assert triples(coder, nlp, "The village elders condemned the Ministry of Magic.") == []


def test_coder_conjoined_actors_share_the_agent_they_modify(rule_coder, nlp):
    # 'Arnor and Gondor police': each actor of the list takes the agent noun it modifies
    assert triples(rule_coder, nlp, "Arnor and Gondor police condemned Rohan.") == [
        ("ARNCOP", "ROH", "111"), ("GONCOP", "ROH", "111")]


def test_coder_passive_subject_is_read_as_the_object(rule_coder, nlp):
    # 'PRESENT * EVIDENCE': in the passive the pattern's words stand in the subject
    assert triples(rule_coder, nlp, "Evidence against Rohan was presented by Arnor.") == [
        ("ARN", "ROH", "1124")]
    assert triples(rule_coder, nlp, "Arnor presented evidence against Rohan.") == [
        ("ARN", "ROH", "1124")]
    # ... and the 'by' agent, the doer, stands where 'PROTESTOR *' looks before the verb
    assert triples(rule_coder, nlp, "The Rohan building was demolished by an Arnor protestor."
                   ) == [("ARN", "ROH", "145")]
    assert triples(rule_coder, nlp, "The Rohan building was demolished by Arnor.") == [
        ("ARN", "ROH", "1712")]


def test_coder_reduced_passive_on_a_coded_noun(coder, nlp):
    # "There were ... presidents shot in Gondor": the participle's noun is the victim
    assert triples(coder, nlp, "There were three presidents of Arnor shot in Gondor.") == [
        ("GON", "ARNGOV", "190")]
    # an uncoded noun ('an accord shot down by Gondor') makes no victim
    assert triples(coder, nlp, "Arnor praised an accord shot down by Gondor.") == []


def test_coder_target_passes_over_a_bare_agent(rule_coder, nlp):
    # the bare agent 'presidents' (---GOV) never makes a target: Gondor, further on, does
    assert triples(rule_coder, nlp, "Arnor is claiming responsibility for an attack targeting "
                   "presidents at a mall in Gondor.") == [("ARN", "GON", "015")]
