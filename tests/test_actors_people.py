"""Actors that are people: crowds counted by a demonym, followers and critics of someone,
peoples without a state, and the lexicon's newer rows (groups, IGOs, conventions)."""
from __future__ import annotations

from datetime import date

from tacitus.actors import get_actor_finder
from tacitus.actors.people import follower_code
from tacitus.nlp import get_nlp


def actors(text: str, on: date = date(2024, 1, 1)) -> dict[str, str]:
    """Mention text -> code."""
    doc = get_nlp()(text)
    return {m.text: m.code for m in get_actor_finder().find(doc, on)}


def test_a_counted_demonym_acted_upon_is_the_countrys_civilians():
    assert actors("The Trump administration deported more than 200 Venezuelans to El Salvador.")["Venezuelans"] == "VENCVL"
    assert actors("Police arrested hundreds of thousands of Israelis.")["Israelis"] == "ISRCVL"
    # spaCy hangs "of Afghans" on "members": the word before "of" still counts them
    found = actors("A suicide bomber struck crowds outside Kabul airport, killing 13 U.S. service members and scores of Afghans.")
    assert found["Afghans"] == "AFGCVL"


def test_a_demonym_not_counted_or_acting_as_subject_stays_the_country():
    assert actors("The Israelis said they would not negotiate.")["Israelis"] == "ISR"
    assert actors("Thousands of Serbians demonstrated in Belgrade against the new election law.")["Serbians"] == "SRB"
    assert actors("Hundreds of thousands of Israelis took to the streets on Sunday night.")["Israelis"] == "ISR"
    assert actors("Palestinian youths threw stones at the Israeli military.")["Israeli military"] == "ISRMIL"


def test_a_people_without_a_state_joins_the_demonym_before_it():
    assert actors("Syrian Kurds clashed with Turkish troops.")["Syrian Kurds"] == "SYR"
    assert actors("Some 800,000 Iraqi Kurds sought refuge in Germany last month.")["Iraqi Kurds"] == "IRQ"
    assert actors("Turkey deported 300 Syrian Kurds.")["Syrian Kurds"] == "SYRCVL"
    # alone they stay uncoded (peoples.tsv: no single home)
    assert "Kurds" not in actors("Kurds celebrated the new year.")


def test_followers_take_their_code_from_whom_they_follow():
    found = actors("Supporters of former President Jair Bolsonaro stormed Brazil's Congress on Sunday.", date(2023, 1, 8))
    assert found["Supporters"] == "BRAOPP"
    assert found["former President Jair Bolsonaro"] == "BRAELI"
    assert actors("Hamas supporters rallied in the West Bank.")["Hamas supporters"] == "PSEREBHMS"
    assert actors("Houthi supporters rallied in Sanaa.")["Houthi supporters"] == "YEMREB"
    assert actors("Government supporters clashed with protesters in Caracas.")["Government supporters"] == "VENCVL"


def test_follower_code_rules():
    assert follower_code("group", "PSEREBHMS", "PSE", "REB", "OPP") == ("PSEREBHMS", "REB")
    assert follower_code("person", "BRAELI", "BRA", "ELI", "OPP") == ("BRAOPP", "OPP")
    assert follower_code("person", "USAGOV", "USA", "GOV", "OPP") == ("USACVL", "CVL")
    assert follower_code("role", "---OPP", None, "OPP", "OPP") is None


def test_critics_and_opponents_are_the_opposition_of_their_country():
    found = actors("Kremlin critic Alexei Navalny was detained by Russian police at a Moscow airport.", date(2021, 1, 17))
    assert found["Kremlin critic Alexei Navalny"] == "RUSOPP"
    assert actors("Critics of the Kremlin were jailed in Moscow.")["Critics"] == "RUSOPP"
    assert actors("The military government declared a state of siege in Haiti, arresting political opponents.")["political opponents"] == "HTIOPP"


def test_an_affiliation_participle_names_the_owner():
    assert actors("Some 500,000 workers affiliated with the Serbian Workers' Union stopped work on Monday.")["workers"] == "SRBLAB"
    assert actors("Militants linked to Islamic State attacked a village in Mozambique.")["Militants"] == "IMGMUSISI"


def test_a_place_inside_a_location_phrase_grounds_civilians():
    text = "Four children were killed in Israeli tank shelling in the east of the Gaza Strip on Friday, medics said."
    assert actors(text)["children"] == "PSECVL"


def test_a_group_name_in_lower_case_is_no_group():
    assert "Islamic state" not in actors("Boko Haram waged a campaign for a strict Islamic state in northeastern Nigeria.")
    assert actors("Islamic State claimed the attack.")["Islamic State"] == "IMGMUSISI"


def test_ousted_office_holders_are_elites():
    found = actors("Russia has granted asylum to ousted Syrian President Bashar al-Assad.", date(2024, 12, 9))
    assert found["Syrian President Bashar al-Assad"] == "SYRELI"


def test_conventions_of_the_real_news_gold():
    # Gaza is coded PSE, and the Taliban without the TAL suffix: insurgents until Kabul fell
    assert actors("Israel ordered a complete siege of the Gaza Strip.")["Gaza Strip"] == "PSE"
    assert actors("Taliban enter Kabul as Afghan president flees country", date(2021, 8, 15))["Taliban"] == "AFGREB"
    assert actors("Afghanistan's Taliban government appealed to the U.S. Congress.", date(2021, 11, 17))["Taliban government"] == "AFGGOV"
    assert actors("The Taliban banned music.", date(1998, 5, 1))["The Taliban"] == "AFGGOV"


def test_newer_groups_and_bodies():
    assert actors("The Syrian Observatory for Human Rights said eight people were killed.")["Syrian Observatory for Human Rights"] == "SYROPPHRI"
    assert actors("Qatar pledged to expel leaders of Egypt's Muslim Brotherhood.")["Muslim Brotherhood"] == "EGYOPPMUS"
    assert actors("The OPCW said chlorine was used.")["OPCW"] == "IGOUNOCHM"
    assert actors("The Three Brotherhood Alliance seized the town of Laukkai.")["Three Brotherhood Alliance"] == "MMRREB"
    assert actors("Kampuchean guerrillas attacked the camp.")["Kampuchean guerrillas"] == "KHMREB"
    # a capitalised common word is not read as a body ("Memorial Day" is no human rights group)
    assert actors("Memorial Day parades were held across America.") == {"America": "USA"}
