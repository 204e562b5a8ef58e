"""Toponym resolution: which place does a name in a story mean?

A name's candidates come from the gazetteer; the choice uses what the story says around
the name and which countries it is about:

- the words around a mention: "the southern city of Rostov-on-Don" wants a city,
  "Kursk region", "Kharkiv Oblast", "the province of Idlib" want a first-level region,
  "Moscow, Idaho" and "Paris, Texas" name the region or country that contains the place;
- the countries the story mentions and its dateline: "Moscow" in a Russia story is Moscow,
  Russia, "Georgia" in a story only about the United States is the US state;
- otherwise size: the larger, better-known place wins, with countries above regions and
  cities of the same name, and a city above the region named after it ("Kursk").

When the evidence cannot separate places far apart ("San Fernando" with no context) the
answer is None rather than a guess.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from tacitus.geo.gazetteer import Entry, Match, get_gazetteer, prior_score
from tacitus.geo.names import name_key, strip_region_word
from tacitus.model import Entity, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
CONTEXT_BONUS = 1.5  # a candidate in a country the story is about (log10 population units)
DATELINE_BONUS = 0.75  # extra for a candidate in the dateline's country
HINT_BONUS = 3.0  # the words around the name say which kind of place it is
CITY_OVER_OWN_REGION = 1.5  # "Kursk" is the city, not Kursk Oblast
AMBIGUITY_MARGIN = 0.5  # closer than this (about 3x in population) and far apart: no answer
SAME_PLACE_KM = 150.0  # a city and a region of the same country this close are one place to a reader
TWIN_TOWN_KM = 25.0  # towns this close are one place even across a border (Rafah, Egypt and Gaza)
SMALL_ALTERNATE_POPULATION = 50_000  # a small town known only by an alternate spelling: too weak

_CITY_BEFORE = re.compile(
    r"\b(?:city|town|village|port|capital|settlement|suburbs?|outskirts)\s+of\s+(?:the\s+)?$", re.I
)
_REGION_BEFORE = re.compile(
    r"\b(?:region|province|oblast|governorate|state|territory|prefecture)\s+of\s+(?:the\s+)?$", re.I
)
_REGION_AFTER = re.compile(
    r"^\s+(?:region|oblast|province|governorate|krai|prefecture|territory"
    r"|state(?=\s*(?:[,.;:!?)'’]|$)|\s+(?:and|in|on|of|to|where|which|that|is|was|has|had)\b))\b",
    re.I,
)
_CITY_AFTER = re.compile(r"^\s+city\b", re.I)
_POSSESSIVE = re.compile(r"[’']s$")


def _check_context(context_countries: Iterable[str]) -> set[str]:
    codes = set()
    for code in context_countries or ():
        if not isinstance(code, str) or len(code) != 3 or not code.isalpha():
            raise ValueError(f"context country must be an ISO 3166 alpha-3 code such as 'RUS', got {code!r}")
        codes.add(code.upper())
    return codes


def _distance_km(a: Entry, b: Entry) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _same_place(a: Entry, b: Entry) -> bool:
    """Two entries a reader would not tell apart: a city and the region it names, twin border towns."""
    if a.country == b.country:
        city, region = (a, b) if a.precision == "city" else (b, a)
        if city.precision == "city" and region.precision == "admin1" and city.admin1 == region.name:
            return True  # New York City in New York State
        return _distance_km(a, b) <= SAME_PLACE_KM
    return _distance_km(a, b) <= TWIN_TOWN_KM


def _score(match: Match, matches: Sequence[Match], context: set[str], dateline_country: str | None,
           hint: str | None) -> float:
    entry = match.entry
    score = prior_score(match)
    is_area = entry.precision in ("admin1", "region")
    if hint == "admin1":
        score += HINT_BONUS if is_area else -HINT_BONUS
    elif hint == "city":
        score += HINT_BONUS if entry.precision == "city" else -HINT_BONUS
    elif is_area and not entry.bare and any(
        m.entry.precision == "city" and m.entry.country == entry.country for m in matches
    ):
        score -= CITY_OVER_OWN_REGION
    if entry.country and entry.country in context:
        score += CONTEXT_BONUS
    if entry.country and entry.country == dateline_country:
        score += DATELINE_BONUS
    return score


def choose(matches: Sequence[Match], context: set[str], dateline_country: str | None = None,
           hint: str | None = None) -> Entry | None:
    """The entry the evidence points to, or None when it points nowhere clearly."""
    supported = context | {dateline_country} if dateline_country else context
    if hint != "admin1":
        matches = [m for m in matches if not m.entry.qualified or m.entry.country in supported]
    if not matches:
        return None
    scored = sorted(((_score(m, matches, context, dateline_country, hint), m) for m in matches),
                    key=lambda pair: pair[0], reverse=True)
    best_score, best = scored[0]
    best_supported = best.entry.country in supported if best.entry.country else False
    if best.alternate and best.entry.population < SMALL_ALTERNATE_POPULATION and not best_supported:
        return None
    for score, other in scored[1:]:
        if best_score - score >= AMBIGUITY_MARGIN:
            break
        if _same_place(best.entry, other.entry):
            continue
        other_supported = other.entry.country in supported if other.entry.country else False
        if best_supported and not other_supported:
            continue
        return None  # two far-apart places, equally likely
    return best.entry


def _hint_of_key(key: str) -> tuple[str, str | None]:
    """Split a trailing region word off a key: ("kursk region") -> ("kursk", "admin1")."""
    base = strip_region_word(key)
    return (base, "admin1") if base else (key, None)


def _resolve(name: str, context: set[str], dateline_country: str | None, hint: str | None = None) -> Entry | None:
    gazetteer = get_gazetteer()
    name = _POSSESSIVE.sub("", name.strip())
    matches = gazetteer.matches(name)
    if matches:
        key_hint = _hint_of_key(name_key(name))[1]
        return choose(matches, context, dateline_country, hint or key_hint)
    base, key_hint = _hint_of_key(name_key(name))
    if key_hint and base:
        return choose(gazetteer.matches(base), context, dateline_country, hint or key_hint)
    if "," in name:
        head, qualifier = (part.strip() for part in name.rsplit(",", 1))
        return _resolve_qualified(head, qualifier, context, dateline_country, hint)
    return None


def _resolve_qualified(head: str, qualifier: str, context: set[str], dateline_country: str | None,
                       hint: str | None) -> Entry | None:
    """"Moscow, Idaho": the head's candidates inside the qualifier's region or country."""
    gazetteer = get_gazetteer()
    containers = [m.entry for m in gazetteer.matches(qualifier)
                  if not m.alternate and m.entry.precision in ("country", "admin1")]
    if not containers or not head:
        return None
    inside = [m for m in gazetteer.matches(head)
              if any(m.entry.country == c.country and (c.precision == "country" or m.entry.admin1 == c.name)
                     for c in containers)]
    qualifier_countries = context | {c.country for c in containers if c.country}
    if inside:
        return choose(inside, qualifier_countries, dateline_country, hint)
    # A place too small for the gazetteer: fall back to the region or country that contains it.
    return choose([Match(c, False) for c in containers], qualifier_countries, dateline_country)


def place_for(name: str, context_countries: Sequence[str] = (), dateline_country: str | None = None) -> Place | None:
    """The place ``name`` most likely means, given the countries of the story (ISO3) and its dateline.

    >>> place_for("Moscow").country, place_for("Moscow, Idaho").admin1
    ('RUS', 'Idaho')
    """
    if not isinstance(name, str):
        raise TypeError(f"place name must be a str, got {type(name).__name__}: {name!r}")
    context = _check_context(context_countries)
    if dateline_country is not None:
        dateline_country = next(iter(_check_context([dateline_country])))
    entry = _resolve(name, context, dateline_country)
    return entry.to_place() if entry else None


def iso3_for_country_name(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a country named ``name`` ("Russia", "the U.S.", "Burma", "RUS")."""
    if not isinstance(name, str):
        raise TypeError(f"country name must be a str, got {type(name).__name__}: {name!r}")
    return _iso3_of(name)


@lru_cache(maxsize=16384)
def _iso3_of(name: str) -> str | None:
    gazetteer = get_gazetteer()
    text = _POSSESSIVE.sub("", name.strip())
    if len(text) == 3 and text.isalpha() and text.isupper() and gazetteer.country(text):
        return text
    for match in gazetteer.matches(text):
        if match.entry.precision == "country" and not match.alternate:
            return match.entry.country
    return None


def country_of_place(name: str, context_countries: Sequence[str] = ()) -> str | None:
    """ISO3 code of the country that the place ``name`` is in, or None when unknown or ambiguous."""
    place = place_for(name, context_countries)
    return place.country if place else None


def _span_hint(text: str, start: int, end: int) -> tuple[int, str | None]:
    """Look around a mention for words that say what it is; return the (possibly longer) end and hint."""
    after = text[end:end + 40]
    region = _REGION_AFTER.match(after)
    if region:
        return end + region.end(), "admin1"
    city = _CITY_AFTER.match(after)
    if city:
        return end + city.end(), "city"
    before = text[max(0, start - 60):start]
    if _CITY_BEFORE.search(before):
        return end, "city"
    if _REGION_BEFORE.search(before):
        return end, "admin1"
    return end, None


def _check_entities(text: str, entities: Sequence[Entity]) -> list[Entity]:
    places = []
    for entity in entities:
        if entity.label not in PLACE_LABELS:
            continue
        if not (0 <= entity.start < entity.end <= len(text)) or text[entity.start:entity.end] != entity.text:
            raise ValueError(
                f"entity {entity.text!r} ({entity.label}) has offsets {entity.start}-{entity.end} that do not "
                f"match the text there ({text[entity.start:entity.end]!r}); pass entities of this text"
            )
        places.append(entity)
    return sorted(places, key=lambda e: e.start)


def _locate_dateline(text: str, dateline_place: str) -> tuple[int | None, int | None]:
    """Where the dateline's place name stands at the head of the story, if it does."""
    head = text[:300].casefold()
    at = head.find(dateline_place.strip().casefold())
    return (at, at + len(dateline_place.strip())) if at >= 0 else (None, None)


def resolve_places(text: str, entities: Sequence[Entity], context_countries: Sequence[str] = (),
                   dateline_place: str | None = None) -> list[Place]:
    """Resolve the place mentions (GPE, LOC, FAC entities) of a story, with their offsets.

    ``context_countries`` (ISO3) are the countries the story is about; the countries the
    entities name are added to them, and so is the dateline's country. The dateline's place,
    when given and resolvable, comes first. Mentions that resolve to nothing are left out.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    context = _check_context(context_countries)
    mentions = _check_entities(text, entities)
    # Countries the story names, with the names that named them: a mention does not count as
    # its own context ("Georgia" alone must not make a story about the country Georgia).
    named: dict[str, set[str]] = {}
    for entity in mentions:
        code = iso3_for_country_name(entity.text)
        if code:
            named.setdefault(code, set()).add(name_key(entity.text))

    def context_for(key: str) -> set[str]:
        return context | {code for code, keys in named.items() if keys - {key}}

    places: list[Place] = []
    dateline_country = None
    dateline_span: tuple[int | None, int | None] = (None, None)
    if dateline_place and dateline_place.strip():
        entry = _resolve(dateline_place, context_for(name_key(dateline_place)), None)
        if entry:
            dateline_country = entry.country
            if dateline_country:
                context.add(dateline_country)
            dateline_span = _locate_dateline(text, dateline_place)
            place = entry.to_place()
            place.start, place.end = dateline_span
            place.text = text[dateline_span[0]:dateline_span[1]] if dateline_span[0] is not None else dateline_place
            places.append(place)

    memo: dict[tuple[str, str | None], Entry | None] = {}
    skip_until = -1
    for index, entity in enumerate(mentions):
        if entity.start < skip_until:
            continue
        if dateline_span[0] is not None and entity.start < dateline_span[1] and entity.end > dateline_span[0]:
            continue  # the dateline itself, already resolved
        end, hint = _span_hint(text, entity.start, entity.end)
        entry = None
        following = mentions[index + 1] if index + 1 < len(mentions) else None
        if following is not None and re.fullmatch(r",\s*", text[entity.end:following.start]):
            qualified = _resolve_qualified(entity.text, following.text, context_for(name_key(entity.text)),
                                           dateline_country, hint)
            if qualified is not None and qualified.precision == "city" and hint != "admin1":
                entry, end = qualified, following.end
        if entry is None:
            lookup = text[entity.start:end]
            memo_key = (name_key(lookup), hint)
            if memo_key not in memo:
                memo[memo_key] = _resolve(lookup, context_for(name_key(entity.text)), dateline_country, hint)
            entry = memo[memo_key]
        if entry is None:
            continue
        place = entry.to_place()
        place.start, place.end, place.text = entity.start, end, text[entity.start:end]
        places.append(place)
        skip_until = end
    return places
