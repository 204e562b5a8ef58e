"""Generated wire-style stories with real actors, for ingest tests and benchmarks.

Deterministic for a seed: each story has a dateline, a lead sentence and three to five
more sentences, each naming real states, organisations or leaders and something one
did to another, so the coder finds events in most of them. Stories differ from each
other (they share few 5-word sequences), so none is a near-duplicate of another.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

CITIES = ["WASHINGTON", "MOSCOW", "BEIJING", "KYIV", "JERUSALEM", "TEHRAN", "PARIS", "BERLIN", "TOKYO",
          "ANKARA", "CAIRO", "NEW DELHI", "ISLAMABAD", "BRUSSELS", "LONDON", "SEOUL", "NAIROBI", "BAGHDAD"]
ACTORS = ["The United States", "Russia", "China", "Ukraine", "Israel", "Iran", "France", "Germany", "Japan",
          "Turkey", "Egypt", "India", "Pakistan", "NATO", "The European Union", "Britain", "South Korea",
          "North Korea", "Kenya", "Iraq", "Saudi Arabia", "Poland", "Brazil", "Mexico"]
OBJECTS = ["the United States", "Russia", "China", "Ukraine", "Israel", "Iran", "France", "Germany", "Japan",
           "Turkey", "Egypt", "India", "Pakistan", "NATO", "the European Union", "Britain", "South Korea",
           "North Korea", "Kenya", "Iraq", "Saudi Arabia", "Poland", "Brazil", "Mexico"]
VERBS = [
    "imposed new sanctions on {o}", "condemned {o}", "accused {o} of violating the ceasefire",
    "praised {o} for its restraint", "threatened {o} with retaliation", "signed a trade agreement with {o}",
    "called for talks with {o}", "promised military aid to {o}", "expelled two diplomats from {o}",
    "criticized {o} over the border dispute", "met officials from {o}", "rejected a proposal from {o}",
    "urged {o} to release the detained journalists", "demanded an apology from {o}",
    "agreed to resume negotiations with {o}", "warned {o} against further escalation",
]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday",
        "last week", "earlier this month", "late on Friday"]
DETAILS = [
    "officials said", "according to a statement from the foreign ministry", "a spokesman told reporters",
    "in a move analysts described as significant", "after weeks of rising tension",
    "amid growing pressure at home", "diplomats familiar with the talks said",
]
COLOUR = [
    "The talks are expected to continue in {city} next month.",
    "At least {n} people were killed in clashes near the border, police said.",
    "Thousands of protesters gathered in {city} to demand an end to the fighting.",
    "The ministry said {n} soldiers had been deployed to the region.",
    "Markets in {city} fell {n} percent after the announcement.",
    "The {city} government did not immediately respond to a request for comment.",
    "A vote on the measure is scheduled for {weekday}.",
]
MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _sentence(rng: random.Random) -> str:
    actor = rng.choice(ACTORS)
    obj = rng.choice([o for o in OBJECTS if o.lower() != actor.lower()])
    verb = rng.choice(VERBS).format(o=obj)
    return f"{actor} {verb} {rng.choice(WHEN)}, {rng.choice(DETAILS)}."


def wire_story(i: int, seed: int = 0) -> tuple[date, str]:
    """Story number ``i``: its publication date and its text (dateline first)."""
    rng = random.Random(seed * 100_003 + i)
    published = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
    city = rng.choice(CITIES)
    lines = [f"{city}, {MONTHS[published.month - 1]} {published.day} (Reuters) - {_sentence(rng)}"]
    for _ in range(rng.randint(3, 5)):
        if rng.random() < 0.3:
            lines.append(rng.choice(COLOUR).format(city=rng.choice(CITIES).title(), n=rng.randint(2, 90),
                                                  weekday=rng.choice(WEEKDAYS)))
        else:
            lines.append(_sentence(rng))
    lines.append(f"(Reporting by desk {i} in {city.title()}; Editing by staff {rng.randint(1, 999)})")
    return published, " ".join(lines[:-1]) + "\n" + lines[-1] + "\n"


def wire_stories(n: int, seed: int = 0) -> list[tuple[date, str]]:
    return [wire_story(i, seed) for i in range(n)]
