"""Plain data that flows through Tacitus: Article in, CodedArticle out.

Every stage reads these and returns new values; nothing here knows about spaCy,
DuckDB or the command line, so sinks, the Spark job and the tests all see the
same records.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Dateline:
    """The opening line of a wire story: ``WASHINGTON, Feb 23 (Reuters) -``."""

    text: str
    place: str | None = None
    date: date | None = None
    end: int = 0  # offset in the article text where the body starts


@dataclass
class Article:
    """One input story. ``doc_id`` is the input's id, else a content hash."""

    doc_id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    dateline: Dateline | None = None
    lang: str | None = None
    origin: str | None = None  # where it came from: path, path:line, WARC record, feed item


@dataclass
class Actor:
    """An actor as it appears in an event record (schema ``$defs/actor``)."""

    text: str
    code: str
    country: str | None = None
    role: str | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Place:
    """A resolved place name (schema ``$defs/place``), with its offsets in the article."""

    name: str
    country: str | None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str = "city"  # point, city, admin1, country, region
    start: int | None = None
    end: int | None = None
    text: str | None = None  # the words in the article

    def to_schema(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "precision": self.precision,
        }


@dataclass
class TimeExpr:
    """A temporal expression normalised against an anchor date.

    ``value`` is ISO 8601 at its precision (``2024-05-16``, ``2024-05``, ``2023``);
    ``end`` closes a range. ``kind`` is ``date``, ``range``, ``period`` (a century
    or era: never an event date), ``duration``, ``anniversary`` or ``set``.
    """

    text: str
    start: int
    end: int
    value: str | None
    value_end: str | None = None
    precision: str = "day"  # day, month, year, decade, century
    kind: str = "date"
    # relation given by the words before it: since, by, until, before, after, from, approx;
    # or recent / coming for fuzzy periods ('in recent years'). None: the time itself.
    mod: str | None = None

    @property
    def is_event_date(self) -> bool:
        return self.kind in ("date", "range") and self.value is not None


@dataclass
class Quantity:
    """A stated amount: money, a percentage, a count of people, or a measure."""

    text: str
    start: int
    end: int
    kind: str  # money, percent, count, measure
    value: float | None
    unit: str | None = None  # USD, EUR, %, people, barrels, tonnes, km ...
    measures: str | None = None  # what it measures: "trade between Russia and China"
    category: str | None = None  # for counts: killed, injured, arrested, protesters, troops ...
    period: str | None = None
    change: float | None = None
    direction: str | None = None  # up, down
    attributed_to: str | None = None
    sentence_index: int | None = None


@dataclass
class Entity:
    """A named person, organisation or place mention."""

    text: str
    label: str  # PERSON, ORG, GPE, LOC, NORP
    start: int
    end: int


@dataclass
class Event:
    """One coded event: the fields of ``spec/event.schema.json``."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    char_span: tuple[int, int]
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    quad_class: int
    goldstein: float
    modality: str
    published: str | None
    event_date: str | None
    event_date_end: str | None
    date_source: str
    location: Place | None
    trigger: dict[str, str]
    explanation: str
    confidence: float
    plover: dict[str, Any] | None = None
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    tone: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["char_span"] = list(self.char_span)
        d["source"] = self.source.to_dict()
        d["target"] = self.target.to_dict() if self.target else None
        d["location"] = self.location.to_schema() if self.location else None
        return d


@dataclass
class CodedArticle:
    """What the pipeline makes of one Article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    tone: float | None = None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "doc_id": a.doc_id,
            "title": a.title,
            "url": a.url,
            "source": a.source,
            "published": a.published.isoformat() if a.published else None,
            "dateline": (
                {
                    "text": a.dateline.text,
                    "place": a.dateline.place,
                    "date": a.dateline.date.isoformat() if a.dateline.date else None,
                }
                if a.dateline
                else None
            ),
            "tone": self.tone,
            "events": [e.to_dict() for e in self.events],
            "places": [asdict(p) for p in self.places],
            "times": [asdict(t) for t in self.times],
            "quantities": [asdict(q) for q in self.quantities],
            "entities": [asdict(e) for e in self.entities],
        }
