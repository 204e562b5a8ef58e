"""Request and response shapes, for validation of writes and for the OpenAPI document.

Read endpoints build their JSON straight from the store's rows (no per-row model
validation, so a page of 1,000 events stays cheap); these models describe it.
``EventRecord`` follows ``spec/event.schema.json``.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tacitus.api.params import _real_date


class Actor(BaseModel):
    text: str | None = None
    code: str | None = None
    country: str | None = None
    role: str | None = None
    name: str | None = None


class Place(BaseModel):
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: str | None = None


class Trigger(BaseModel):
    text: str | None = None
    lemma: str | None = None


class Plover(BaseModel):
    event_type: str | None = None
    mode: str | None = None
    context: list[str] | None = None


class EventRecord(BaseModel):
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    char_span: list[int] | None = None
    source: Actor
    target: Actor | None = None
    cameo: str
    cameo_root: str
    cameo_name: str | None = None
    quad_class: int
    goldstein: float | None = None
    modality: str
    published: str | None = None
    event_date: str | None = None
    event_date_end: str | None = None
    date_source: str | None = None
    location: Place | None = None
    trigger: Trigger | None = None
    explanation: str | None = None
    confidence: float | None = None
    plover: Plover | None = None
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    tone: float | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    events: list[EventRecord]


class Highlight(BaseModel):
    kind: Literal["source", "target", "trigger", "place", "date"]
    start: int = Field(description="offset in the sentence")
    end: int
    text: str


class Mention(BaseModel):
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


class ArticleMeta(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class EventDetail(BaseModel):
    event: EventRecord
    article: ArticleMeta | None
    highlights: list[Highlight] = Field(description="actors, trigger, place and date in the sentence")
    mentions: list[Mention] = Field(
        description="other stored sentences coding the same event (same source, target, CAMEO code and day)")


class DyadPoint(BaseModel):
    period: str = Field(description="first day of the period, YYYY-MM-DD")
    source: str
    target: str
    quad_class: int
    events: int
    goldstein: float | None = Field(None, description="sum of Goldstein scores")


class DyadTimeseries(BaseModel):
    a: str
    b: str
    interval: str
    series: list[DyadPoint]


class TopActor(BaseModel):
    code: str
    events: int
    as_source: int
    as_target: int
    name: str | None = None
    country: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class TopActors(BaseModel):
    actors: list[TopActor]


class NetworkNode(BaseModel):
    id: str
    events: int


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int = Field(description="events from source to target (the edge weight)")
    goldstein: float | None = Field(None, description="mean Goldstein score")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


class LocationCount(BaseModel):
    name: str | None = None
    country: str | None = None
    lat: float
    lon: float
    events: int
    goldstein: float | None = Field(None, description="mean Goldstein score")


class Locations(BaseModel):
    located: int = Field(description="matching events that have coordinates")
    places: list[LocationCount]


class Status(BaseModel):
    documents: int
    events: int
    coded: int
    skipped: int
    failed: int
    inputs: int
    writes_enabled: bool


class ArticleIn(BaseModel):
    """One article to code and store (``POST /api/articles``)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, min_length=1, max_length=200, description="document id; default: a hash of the text")
    text: str = Field(min_length=1, max_length=200_000)
    date: str | None = Field(None, pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description="publication date, YYYY-MM-DD")
    title: str | None = Field(None, max_length=1_000)
    url: str | None = Field(None, max_length=2_000)
    source: str | None = Field(None, max_length=500)

    @field_validator("date")
    @classmethod
    def _existing_date(cls, value: str | None) -> str | None:
        return None if value is None else _real_date(value)

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value


class ArticleOutcome(BaseModel):
    doc_id: str
    status: Literal["coded", "skipped", "failed"]
    events: int
    reason: str | None = None


class IngestReport(BaseModel):
    coded: int
    skipped: int
    failed: int
    events: int
    articles: list[ArticleOutcome]


class Problem(BaseModel):
    detail: str
