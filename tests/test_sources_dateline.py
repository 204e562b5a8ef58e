"""Datelines at the start of wire stories: place, date and where the body begins."""
from datetime import date

import pytest

from tacitus.sources.dateline import parse_dateline, title_place

CASES = [
    # text, default_year, place, date, body starts with
    ("14-5-2024 (MOSCOW) Russian President Vladimir Putin will visit Beijing.", None,
     "Moscow", date(2024, 5, 14), "Russian President"),
    ("WASHINGTON, Feb 23 (Reuters) - The United States announced new sanctions.", 2024,
     "Washington", date(2024, 2, 23), "The United States"),
    ("BEIJING, March 10 - China's legislature closed its annual session.", 2024,
     "Beijing", date(2024, 3, 10), "China's legislature"),
    ("May 14, 2024 -- Negotiators returned to Cairo on Tuesday.", None,
     None, date(2024, 5, 14), "Negotiators"),
    ("KYIV, Ukraine (AP) — Russian drones struck the capital overnight.", None,
     "Kyiv", None, "Russian drones"),
    ("2024-05-14 - Talks resumed in Cairo.", None, None, date(2024, 5, 14), "Talks resumed"),
    ("LONDON (Reuters) - Britain's King Charles was crowned.", None, "London", None, "Britain's King"),
    ("NEW YORK, 14 May 2024 - Stocks rose.", None, "New York", date(2024, 5, 14), "Stocks rose"),
    ("RIO DE JANEIRO, Nov 18 (Reuters) - Leaders of the G20 met.", 2024,
     "Rio de Janeiro", date(2024, 11, 18), "Leaders of the G20"),
    ("ST. PETERSBURG, Russia, June 7 (AP) — Putin spoke at the forum.", 2024,
     "St. Petersburg", date(2024, 6, 7), "Putin spoke"),
    ("PORT-AU-PRINCE, Haiti (AP) — Gangs attacked the airport.", None,
     "Port-Au-Prince", None, "Gangs attacked"),
]


@pytest.mark.parametrize("text,default_year,place,when,body", CASES)
def test_datelines(text, default_year, place, when, body):
    dl = parse_dateline(text, default_year)
    assert dl is not None, text
    assert dl.place == place
    assert dl.date == when
    assert text[dl.end :].startswith(body)
    assert text.startswith(dl.text)


def test_year_comes_from_default_year_or_is_unknown():
    assert parse_dateline("BEIJING, March 10 - x", 2023).date == date(2023, 3, 10)
    dl = parse_dateline("BEIJING, March 10 - x")
    assert dl.place == "Beijing" and dl.date is None


def test_anchor_picks_the_nearest_year_across_new_year():
    dl = parse_dateline("MOSCOW, Dec 31 (Reuters) - x", anchor=date(2025, 1, 2))
    assert dl.date == date(2024, 12, 31)


def test_impossible_date_keeps_place_without_date():
    dl = parse_dateline("WASHINGTON, Feb 30 (Reuters) - x", 2024)
    assert dl.place == "Washington" and dl.date is None


def test_dateline_after_a_headline_line_keeps_offsets_valid():
    text = "Putin heads to China on first trip of new term\n\nMOSCOW, May 14 (Reuters) - The Kremlin said..."
    dl = parse_dateline(text, 2024)
    assert dl.place == "Moscow" and dl.date == date(2024, 5, 14)
    assert text[dl.end :].startswith("The Kremlin said")


@pytest.mark.parametrize("text", [
    "The president said on Tuesday that talks would resume.",
    "BREAKING - Talks resume",
    "NATO allies met in Vilnius.",  # capitalised word without dash or agency
    "US officials said",
    "",
    "   ",
    "PUTIN TO VISIT CHINA\nThe Kremlin said",
])
def test_not_datelines(text):
    assert parse_dateline(text, 2024) is None


def test_title_place():
    assert title_place("GUINEA-BISSAU") == "Guinea-Bissau"
    assert title_place("NEW YORK") == "New York"
    assert title_place("RIO DE JANEIRO") == "Rio de Janeiro"
