"""Query and path parameters, checked before any query runs (bad values give 422 naming them)."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import AfterValidator, StringConstraints

ACTOR_PATTERN = r"^[A-Za-z0-9]{1,30}$"
DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
MAX_OFFSET = 10_000_000


def _real_date(value: str) -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a month or day that exists."""
    parts = value.split("-")
    try:
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError as err:
        raise ValueError(f"{value!r} is not a real date ({err})") from None
    return value


ActorCode = Annotated[str | None, Query(
    pattern=ACTOR_PATTERN, description="CAMEO actor code prefix: RUS matches RUS, RUSGOV, RUSMIL...")]
DateBound = Annotated[Annotated[str, StringConstraints(pattern=DATE_PATTERN), AfterValidator(_real_date)] | None, Query(
    description="YYYY-MM-DD (also YYYY-MM or YYYY: the whole month or year); bounds the event day, inclusive")]
Format = Annotated[Literal["json", "csv"] | None, Query(
    description="csv for a CSV download (same as the header Accept: text/csv)")]
Order = Literal["event_date", "-event_date", "published", "-published", "goldstein", "-goldstein",
                "confidence", "-confidence"]
PathActor = Annotated[str, Path(pattern=ACTOR_PATTERN, description="CAMEO actor code prefix")]


def event_filters(
    source: ActorCode = None,
    target: ActorCode = None,
    actor: Annotated[str | None, Query(
        pattern=ACTOR_PATTERN, description="actor code prefix on either side (source or target)")] = None,
    code: Annotated[str | None, Query(
        pattern=r"^[0-9]{1,4}$", description="CAMEO event code prefix: 04 matches 040-046, 0421...")] = None,
    root: Annotated[int | None, Query(ge=1, le=20, description="CAMEO root code, 1-20")] = None,
    quad_class: Annotated[int | None, Query(
        ge=1, le=4, description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict")] = None,
    modality: Annotated[Literal["asserted", "planned", "negated", "possible"] | None, Query()] = None,
    since: DateBound = None,
    until: DateBound = None,
    country: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code of the event's location")] = None,
    q: Annotated[str | None, Query(
        min_length=1, max_length=200, description="case-insensitive text in the sentence")] = None,
) -> dict[str, Any]:
    """The event filters given in the query string, as keyword arguments for the store."""
    given = dict(source=source, target=target, actor=actor, code=code, root=root, quad_class=quad_class,
                 modality=modality, since=since, until=until, country=country, q=q)
    return {name: value for name, value in given.items() if value is not None}
