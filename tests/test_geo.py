"""Offline places: the gazetteer and toponym resolution on real names and real sentences."""
from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.geo import (
    country_of_place,
    get_gazetteer,
    iso3_for_country_name,
    place_for,
    resolve_places,
)
from tacitus.geo.names import name_key
from tacitus.model import Entity

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"



def entities_of(nlp, text: str) -> list[Entity]:
    return [Entity(e.text, e.label_, e.start_char, e.end_char) for e in nlp(text).ents]


def entity(text: str, mention: str, label: str = "GPE", occurrence: int = 0) -> Entity:
    """An entity for the ``occurrence``-th appearance of ``mention`` in ``text``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(mention, start + 1)
    return Entity(mention, label, start, start + len(mention))


def assert_near(place, lat: float, lon: float, tolerance: float = 0.1) -> None:
    assert place is not None
    assert abs(place.lat - lat) <= tolerance and abs(place.lon - lon) <= tolerance, (place.lat, place.lon)


# --- the seed story -------------------------------------------------------------------------

def test_seed_story_places(nlp):
    article = SHARED / "seed" / "article.txt"
    if not article.is_file():
        pytest.skip("shared/seed/article.txt is absent")
    text = article.read_text(encoding="utf-8")
    places = resolve_places(text, entities_of(nlp, text), dateline_place="MOSCOW")

    dateline = places[0]
    assert (dateline.name, dateline.country, dateline.precision) == ("Moscow", "RUS", "city")
    assert text[dateline.start:dateline.end] == "MOSCOW"
    assert_near(dateline, 55.75, 37.62)

    by_text = {p.text: p for p in places}
    assert_near(by_text["Beijing"], 39.91, 116.40)
    assert by_text["Beijing"].country == "CHN"
    harbin = by_text["Harbin"]
    assert (harbin.country, harbin.admin1, harbin.precision) == ("CHN", "Heilongjiang", "city")
    assert_near(harbin, 45.75, 126.65)
    ukraine = by_text["Ukraine"]
    assert (ukraine.country, ukraine.precision, ukraine.geonames_id) == ("UKR", "country", 690791)
    assert ukraine.lat is not None
    assert by_text["Moscow"].country == "RUS"  # "cooperation with Moscow", not Moscow, Idaho
    assert {p.precision for p in places if p.text == "West"} == {"region"}
    for place in places:
        if place.start is not None:
            assert text[place.start:place.end] == place.text


# --- one name, many places ------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, context, expected",
    [
        ("Moscow", ["RUS"], ("Moscow", "RUS", "city")),
        ("Moscow", [], ("Moscow", "RUS", "city")),
        ("Moscow", ["USA"], ("Moscow", "RUS", "city")),  # a capital of 10 million outweighs context
        ("Moscow, Idaho", [], ("Moscow", "USA", "city")),
        ("Paris", [], ("Paris", "FRA", "city")),
        ("Paris, Texas", [], ("Paris", "USA", "city")),
        ("Kursk region", [], ("Kursk Oblast", "RUS", "admin1")),
        ("Kursk", [], ("Kursk", "RUS", "city")),
        ("Rostov-on-Don", [], ("Rostov-on-Don", "RUS", "city")),
        ("Rostov on Don", [], ("Rostov-on-Don", "RUS", "city")),
        ("Kharkiv", [], ("Kharkiv", "UKR", "city")),
        ("Kharkiv Oblast", [], ("Kharkiv Oblast", "UKR", "admin1")),
        ("Kharkov", [], ("Kharkiv", "UKR", "city")),
        ("Gaza", [], ("Gaza Strip", "PSE", "admin1")),
        ("the Gaza Strip", [], ("Gaza Strip", "PSE", "admin1")),
        ("Gaza City", [], ("Gaza", "PSE", "city")),
        ("Kyiv", [], ("Kyiv", "UKR", "city")),
        ("Kiev", [], ("Kyiv", "UKR", "city")),
        ("Sanaa", [], ("Sanaa", "YEM", "city")),
        ("Sana'a", [], ("Sanaa", "YEM", "city")),
        ("Sana’a", [], ("Sanaa", "YEM", "city")),
        ("Khartoum", [], ("Khartoum", "SDN", "city")),
        ("Goma", [], ("Goma", "COD", "city")),
        ("Yangon", [], ("Yangon", "MMR", "city")),
        ("Rangoon", [], ("Yangon", "MMR", "city")),
        ("Caracas", [], ("Caracas", "VEN", "city")),
        ("Pyongyang", [], ("Pyongyang", "PRK", "city")),
        ("Taipei", [], ("Taipei", "TWN", "city")),
        ("Tehran", [], ("Tehran", "IRN", "city")),
        ("Beirut", [], ("Beirut", "LBN", "city")),
        ("Damascus", [], ("Damascus", "SYR", "city")),
        ("Aden", [], ("Aden", "YEM", "city")),
        ("Port Sudan", [], ("Port Sudan", "SDN", "city")),
        ("El Fasher", [], ("El Fasher", "SDN", "city")),
        ("Al Fashir", [], ("El Fasher", "SDN", "city")),
        ("Donetsk", [], ("Donetsk", "UKR", "city")),
        ("Donetsk region", [], ("Donetsk Oblast", "UKR", "admin1")),
        ("Crimea", [], ("Crimea", "UKR", "admin1")),
        ("Washington", [], ("Washington", "USA", "city")),
        ("Washington state", [], ("Washington", "USA", "admin1")),
        ("Washington, D.C.", [], ("Washington", "USA", "city")),
        ("Georgia", [], ("Georgia", "GEO", "country")),
        ("Georgia", ["USA"], ("Georgia", "USA", "admin1")),
        ("Georgia", ["USA", "RUS", "GEO"], ("Georgia", "GEO", "country")),
        ("Tripoli", [], ("Tripoli", "LBY", "city")),
        ("Tripoli", ["LBN"], ("Tripoli", "LBN", "city")),
        ("San Fernando", ["ESP"], ("San Fernando", "ESP", "city")),
        ("Harbin", [], ("Harbin", "CHN", "city")),
        ("Heilongjiang", [], ("Heilongjiang", "CHN", "admin1")),
        ("Xinjiang", [], ("Xinjiang", "CHN", "admin1")),
        ("Tigray", [], ("Tigray", "ETH", "admin1")),
        ("North Kivu", [], ("North Kivu", "COD", "admin1")),
        ("Rakhine", [], ("Rakhine State", "MMR", "admin1")),
        ("Idlib province", [], ("Idlib Governorate", "SYR", "admin1")),
        ("Donbas", [], ("Donbas", "UKR", "region")),
        ("West Bank", [], ("West Bank", "PSE", "admin1")),
        ("Golan Heights", [], ("Golan Heights", "SYR", "region")),
        ("Ukraine", [], ("Ukraine", "UKR", "country")),
        ("the United States", [], ("United States", "USA", "country")),
        ("Burma", [], ("Myanmar", "MMR", "country")),
    ],
)
def test_place_for(name, context, expected):
    place = place_for(name, context)
    assert place is not None, name
    assert (place.name, place.country, place.precision) == expected


def test_coordinates_and_ids_of_resolved_places():
    moscow_idaho = place_for("Moscow, Idaho")
    assert moscow_idaho.admin1 == "Idaho" and moscow_idaho.geonames_id == 5601538
    assert_near(moscow_idaho, 46.73, -117.00)
    assert_near(place_for("Kursk region"), 51.6, 36.1, tolerance=0.5)
    assert_near(place_for("Gaza"), 31.4, 34.4, tolerance=0.2)
    assert_near(place_for("Washington"), 38.90, -77.04)
    assert place_for("Washington").admin1 == "Washington, D.C."
    assert place_for("Georgia").lat == pytest.approx(42.3, abs=0.5)


def test_ambiguous_small_places_give_none():
    # Equal-ish towns in unrelated countries (Philippines, Spain, Trinidad, Peru ...) and no context.
    assert place_for("San Fernando") is None
    # Several US Springfields of similar size, hundreds of kilometres apart.
    assert place_for("Springfield") is None
    assert place_for("Springfield", ["USA"]) is None


def test_unknown_names_give_none():
    assert place_for("Kremlin") is None
    assert place_for("Soviet Union") is None
    assert place_for("") is None


def test_regions_of_the_world():
    west = place_for("the West")
    assert (west.precision, west.country, west.lat) == ("region", None, None)
    europe = place_for("Europe")
    assert europe.precision == "region" and europe.country is None
    kashmir = place_for("Kashmir")
    assert kashmir.precision == "region" and kashmir.country is None  # disputed


def test_dateline_country_breaks_a_tie():
    assert place_for("San Fernando", dateline_country="TTO").country == "TTO"


# --- helpers --------------------------------------------------------------------------------

def test_iso3_for_country_name():
    assert iso3_for_country_name("Russia") == "RUS"
    assert iso3_for_country_name("the U.S.") == "USA"
    assert iso3_for_country_name("Britain") == "GBR"
    assert iso3_for_country_name("Ivory Coast") == "CIV"
    assert iso3_for_country_name("Côte d’Ivoire") == "CIV"
    assert iso3_for_country_name("DRC") == "COD"
    assert iso3_for_country_name("Russia's") == "RUS"
    assert iso3_for_country_name("RUS") == "RUS"
    assert iso3_for_country_name("Moscow") is None  # a city, not a country
    assert iso3_for_country_name("Atlantis") is None


def test_country_of_place():
    assert country_of_place("Harbin") == "CHN"
    assert country_of_place("Kharkiv Oblast") == "UKR"
    assert country_of_place("Moscow, Idaho") == "USA"
    assert country_of_place("San Fernando") is None


def test_name_keys_ignore_spelling_details():
    assert name_key("Rostov-on-Don") == name_key("rostov on don")
    assert name_key("Sana'a") == name_key("SANAA")
    assert name_key("Kharkiv Oblast") == name_key("Kharkiv region") == name_key("kharkiv province")
    assert name_key("St. Petersburg") == name_key("Saint Petersburg")
    assert name_key("Zürich") == "zurich"


def test_candidates_list_every_place_best_first():
    gazetteer = get_gazetteer()
    moscows = gazetteer.candidates("moscow")
    assert (moscows[0].country, moscows[0].precision) == ("RUS", "city")
    assert ("USA", "Idaho") in {(p.country, p.admin1) for p in moscows}
    paris = gazetteer.candidates("PARIS")
    assert paris[0].country == "FRA" and "USA" in {p.country for p in paris}
    assert gazetteer.candidates("Xyzzyville") == []
    # candidates are fresh objects: changing one does not change the gazetteer
    moscows[0].start = 5
    assert gazetteer.candidates("Moscow")[0].start is None


# --- resolve_places on real sentences -------------------------------------------------------

def test_resolve_places_city_phrase_and_region(nlp):
    text = "Ukrainian drones struck the southern city of Rostov-on-Don overnight, officials said."
    places = resolve_places(text, entities_of(nlp, text))
    assert [(p.text, p.country, p.precision) for p in places] == [("Rostov-on-Don", "RUS", "city")]

    text = "Russian forces pushed into the Kursk region and shelled Belgorod."
    ents = [entity(text, "Russian", "NORP"), entity(text, "Kursk"), entity(text, "Belgorod")]
    places = resolve_places(text, ents)
    kursk, belgorod = places
    assert (kursk.name, kursk.precision, kursk.text) == ("Kursk Oblast", "admin1", "Kursk region")
    assert (kursk.start, kursk.end) == (text.index("Kursk"), text.index("Kursk") + len("Kursk region"))
    assert (belgorod.name, belgorod.country, belgorod.precision) == ("Belgorod", "RUS", "city")


def test_resolve_places_qualified_town(nlp):
    text = "Police in Moscow, Idaho, said four students were found dead near campus."
    places = resolve_places(text, entities_of(nlp, text))
    assert len(places) == 1
    assert (places[0].country, places[0].admin1, places[0].text) == ("USA", "Idaho", "Moscow, Idaho")


def test_resolve_places_washington_is_the_capital(nlp):
    text = "Officials in Washington imposed new sanctions on Moscow on Friday."
    places = resolve_places(text, entities_of(nlp, text))
    assert [(p.text, p.name, p.country, p.admin1) for p in places] == [
        ("Washington", "Washington", "USA", "Washington, D.C."),
        ("Moscow", "Moscow", "RUS", "Moscow"),
    ]


def test_resolve_places_georgia_by_what_the_story_mentions(nlp):
    us_story = "Voters in Georgia and Arizona went to the polls as the United States prepared for a runoff."
    places = {p.text: p for p in resolve_places(us_story, entities_of(nlp, us_story))}
    assert (places["Georgia"].country, places["Georgia"].precision) == ("USA", "admin1")

    caucasus = "Russian troops entered Georgia in 2008 and its government appealed to Europe for help."
    places = {p.text: p for p in resolve_places(caucasus, entities_of(nlp, caucasus))}
    assert (places["Georgia"].country, places["Georgia"].precision) == ("GEO", "country")
    assert places["Europe"].precision == "region"


def test_resolve_places_gaza_city_and_strip(nlp):
    text = "Israeli strikes hit Gaza City on Tuesday as aid trucks waited to enter Gaza from Egypt."
    places = resolve_places(text, entities_of(nlp, text))
    assert [(p.text, p.name, p.precision) for p in places] == [
        ("Gaza City", "Gaza", "city"),
        ("Gaza", "Gaza Strip", "admin1"),
        ("Egypt", "Egypt", "country"),
    ]
    text = "Troops moved into the city of Gaza at dawn."
    places = resolve_places(text, [entity(text, "Gaza")])
    assert (places[0].name, places[0].precision) == ("Gaza", "city")


def test_resolve_places_context_from_the_story():
    text = "Lebanese troops deployed in Tripoli after clashes, the army in Lebanon said."
    ents = [entity(text, "Tripoli"), entity(text, "Lebanon")]
    tripoli, lebanon = resolve_places(text, ents)
    assert (tripoli.country, lebanon.precision) == ("LBN", "country")
    text = "Rival militias clashed in Tripoli overnight."
    assert resolve_places(text, [entity(text, "Tripoli")])[0].country == "LBY"
    assert resolve_places(text, [entity(text, "Tripoli")], context_countries=["LBN"])[0].country == "LBN"


def test_resolve_places_leaves_out_what_it_cannot_place():
    text = "The Kremlin said talks in San Fernando would go ahead."
    ents = [entity(text, "Kremlin", "FAC"), entity(text, "San Fernando"), entity(text, "talks", "ORG")]
    assert resolve_places(text, ents) == []


def test_resolve_places_bad_input_is_named():
    text = "Fighting in Kharkiv."
    with pytest.raises(ValueError, match="'Kharkov'"):
        resolve_places(text, [Entity("Kharkov", "GPE", 12, 19)])
    with pytest.raises(ValueError, match="'Russia'"):
        place_for("Moscow", context_countries=["Russia"])
    with pytest.raises(TypeError, match="place name must be a str"):
        place_for(None)


def test_institutions_are_not_places():
    # GeoNames knows "White House" as an old name of Casablanca and "Hamas" as one of Hamm.
    assert place_for("White House") is None
    assert place_for("Hamas") is None
    assert place_for("Pentagon") is None


def test_exonyms_and_twin_towns():
    assert (place_for("Odessa").country, place_for("Odessa", ["USA"]).country) == ("UKR", "USA")
    assert place_for("New York").name == "New York City"
    assert place_for("Rafah").country == "PSE"  # Rafah, Egypt, across the border, is the same spot
    assert place_for("Jenin") is None  # a town known here only by an alternate spelling ...
    assert place_for("Jenin", ["PSE"]).admin1 == "West Bank"  # ... unless the story is about it
