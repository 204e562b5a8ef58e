"""Aggregates (each one GROUP BY in DuckDB): dyad timelines, top actors, the actor network, status."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from tacitus.api.csvout import CSV_RESPONSE_DOC, csv_response, wants_csv
from tacitus.api.db import StoreAccess
from tacitus.api.deps import BUSY, access
from tacitus.api.models import DyadTimeseries, Network, Status, TopActor, TopActors
from tacitus.api.params import Format, PathActor

router = APIRouter(prefix="/api", tags=["aggregates"])


@router.get("/dyads/{a}/{b}/timeseries", response_model=DyadTimeseries, responses={**CSV_RESPONSE_DOC, **BUSY})
def dyad_timeseries(
    request: Request,
    a: PathActor,
    b: PathActor,
    store_access: Annotated[StoreAccess, Depends(access)],
    interval: Annotated[Literal["day", "week", "month", "quarter", "year"], Query()] = "month",
    format: Format = None,
):
    """Events between actors a and b (both directions) per period and quad class: counts and Goldstein sums."""
    with store_access.read() as store:
        series = store.dyad_timeseries(a, b, interval)
    if wants_csv(request, format):
        return csv_response(series, f"dyad_{a.upper()}_{b.upper()}_{interval}.csv",
                            ["period", "source", "target", "quad_class", "events", "goldstein"])
    return JSONResponse({"a": a.upper(), "b": b.upper(), "interval": interval, "series": series})


@router.get("/actors/top", response_model=TopActors, responses={**CSV_RESPONSE_DOC, **BUSY})
def top_actors(
    request: Request,
    store_access: Annotated[StoreAccess, Depends(access)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
    format: Format = None,
):
    """Actor codes taking part in the most events (as source or target)."""
    with store_access.read() as store:
        actors = store.top_actors(limit)
    if wants_csv(request, format):
        return csv_response(actors, "top_actors.csv", list(TopActor.model_fields))
    return JSONResponse({"actors": actors})


@router.get("/network", response_model=Network, responses={**CSV_RESPONSE_DOC, **BUSY})
def network(
    request: Request,
    store_access: Annotated[StoreAccess, Depends(access)],
    limit: Annotated[int, Query(ge=1, le=1000, description="heaviest directed edges to return")] = 200,
    format: Format = None,
):
    """The actor graph: the heaviest source->target edges (weight = events) and their actors."""
    with store_access.read() as store:
        graph = store.network(limit)
    if wants_csv(request, format):
        return csv_response(graph["edges"], "network_edges.csv", ["source", "target", "events", "goldstein"])
    return JSONResponse(graph)


@router.get("/status", response_model=Status, responses=BUSY)
def status(request: Request, store_access: Annotated[StoreAccess, Depends(access)]):
    """Stored documents and events, ingest outcomes, and whether this server accepts writes."""
    with store_access.read() as store:
        counts = store.status()
    return JSONResponse({**counts, "writes_enabled": request.app.state.writes_enabled})
