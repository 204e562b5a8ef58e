"""Readers of PETRARCH-format dictionaries, on small inline snippets (tests/petrarch_samples.py)."""

from datetime import date

import pytest

from petrarch_samples import ACTORS, AGENTS, ONTOLOGY, VERBS, write
from tacitus.petrarch import (Dictionaries, DictionaryError, read_agents, read_discards, read_issues,
                              read_verbs, score)
from tacitus.petrarch.actors_reader import read_actors_text
from tacitus.petrarch.ontology import parse_value, read_ontology
from tacitus.petrarch.suites import balanced_parse
from tacitus.petrarch.verbs_reader import Marker, Phrase, PrepPhrase, SynsetRef, Word


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


def test_balanced_parse():
    assert balanced_parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))")
    assert not balanced_parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left)))")
    assert not balanced_parse("(ROOT (S (NP (NNP Arnor))) (VP (VBD left))))")


def test_actor_date_interval_holds_on_its_last_day():
    sam = read_actors_text(ACTORS, "actors.txt").phrases[("SAM", "GAMGEE")]
    assert sam.code_on(date(2010, 1, 12)) == "ORCHOB"
    assert sam.code_on(date(2010, 1, 13)) == "HOBMIL"
