"""Shared pieces of the route modules: the store access of the running app, and 404s."""
from __future__ import annotations

from fastapi import HTTPException, Request

from tacitus.api.db import StoreAccess
from tacitus.api.models import Problem

NOT_FOUND = {404: {"model": Problem, "description": "no such item"}}
BUSY = {503: {"model": Problem, "description": "the database is held by another process; retry"}}


def access(request: Request) -> StoreAccess:
    return request.app.state.access


def not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} with id {key!r} in this store")
