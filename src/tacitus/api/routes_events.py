"""Events: the filtered, paged list, one event with its sentence and mentions, and the map."""
from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from tacitus.api import queries
from tacitus.api.csvout import CSV_RESPONSE_DOC, csv_response, event_csv_response, wants_csv
from tacitus.api.db import StoreAccess
from tacitus.api.deps import BUSY, NOT_FOUND, access, not_found
from tacitus.api.highlight import sentence_highlights
from tacitus.api.models import EventDetail, EventPage, Locations
from tacitus.api.params import MAX_OFFSET, Format, Order, event_filters

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", response_model=EventPage, responses={**CSV_RESPONSE_DOC, **BUSY})
def list_events(
    request: Request,
    filters: Annotated[dict[str, Any], Depends(event_filters)],
    store_access: Annotated[StoreAccess, Depends(access)],
    limit: Annotated[int, Query(ge=1, le=1000, description="events per page")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    order: Annotated[Order, Query(description="sort key; a leading - sorts descending")] = "-event_date",
    format: Format = None,
):
    """Events matching the filters, a page at a time, with the total count."""
    with store_access.read() as store:
        events = queries.event_page(store, limit=limit, offset=offset, order=order, **filters)
        if wants_csv(request, format):
            return event_csv_response(events)
        total = store.count_events(**filters)
    return JSONResponse({"total": total, "limit": limit, "offset": offset, "events": events})


@router.get("/events/{event_id}", response_model=EventDetail, responses={**NOT_FOUND, **BUSY})
def get_event(
    event_id: Annotated[str, Path(min_length=1, max_length=200)],
    store_access: Annotated[StoreAccess, Depends(access)],
):
    """One event, its article, the spans to mark in its sentence, and other reports of it."""
    with store_access.read() as store:
        event = store.event(event_id)
        if event is None:
            raise not_found("event", event_id)
        doc = queries.document_meta(store, event["doc_id"])
        mentions = queries.mentions(store, event)
    document = None
    if doc is not None:
        document = {"places": json.loads(doc.pop("places") or "[]"), "times": json.loads(doc.pop("times") or "[]")}
    return JSONResponse({
        "event": event,
        "article": doc,
        "highlights": sentence_highlights(event, document),
        "mentions": mentions,
    })


@router.get("/locations", response_model=Locations, responses={**CSV_RESPONSE_DOC, **BUSY})
def list_locations(
    request: Request,
    filters: Annotated[dict[str, Any], Depends(event_filters)],
    store_access: Annotated[StoreAccess, Depends(access)],
    limit: Annotated[int, Query(ge=1, le=5000, description="places, most events first")] = 1000,
    format: Format = None,
):
    """Matching events per place with coordinates (for the map): counts and mean Goldstein."""
    with store_access.read() as store:
        result = queries.locations(store, limit, **filters)
    if wants_csv(request, format):
        return csv_response(result["places"], "locations.csv", ["name", "country", "lat", "lon", "events", "goldstein"])
    return JSONResponse(result)
