"""Articles: read one back; code and store new ones (bearer token, see ``security.WriteGuard``)."""
from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer

from tacitus.api.db import StoreAccess
from tacitus.api.deps import BUSY, NOT_FOUND, access, not_found
from tacitus.api.models import ArticleIn, IngestReport, Problem
from tacitus.store import content_hash

router = APIRouter(prefix="/api", tags=["articles"])
MAX_ARTICLES_PER_REQUEST = 100
bearer = HTTPBearer(auto_error=False, description="the server's TACITUS_API_TOKEN")


@router.get("/articles/{doc_id}", responses={**NOT_FOUND, **BUSY})
def get_article(
    doc_id: Annotated[str, Path(min_length=1, max_length=500)],
    store_access: Annotated[StoreAccess, Depends(access)],
):
    """A stored article: its text, metadata, events, places, dates, quantities and entities."""
    with store_access.read() as store:
        article = store.article(doc_id)
    if article is None:
        raise not_found("article", doc_id)
    return JSONResponse(article)


class Coder:
    """One pipeline per app, loaded on the first write, used by one request at a time."""

    def __init__(self) -> None:
        self._pipeline = None
        self._lock = threading.Lock()

    def code(self, item: ArticleIn, doc_id: str):
        from tacitus import make_article

        article = make_article(item.text, published=item.date, doc_id=doc_id, title=item.title,
                               url=item.url, source=item.source, origin=f"api:{doc_id}")
        with self._lock:
            if self._pipeline is None:
                from tacitus.pipeline import Pipeline

                self._pipeline = Pipeline()
            return self._pipeline.code(article)


def _doc_id(item: ArticleIn) -> str:
    from tacitus import make_article

    return item.id or make_article(item.text).doc_id


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestReport,
    dependencies=[Depends(bearer)],
    responses={
        200: {"model": IngestReport, "description": "nothing new was stored (all duplicates or failures)"},
        401: {"model": Problem, "description": "missing or wrong bearer token"},
        403: {"model": Problem, "description": "writes are disabled (no TACITUS_API_TOKEN on the server)"},
        413: {"model": Problem, "description": "request body too large"},
        **BUSY,
    },
)
def post_articles(
    request: Request,
    payload: Annotated[ArticleIn | list[ArticleIn], Body(
        description=f"one article or a list of at most {MAX_ARTICLES_PER_REQUEST}")],
    store_access: Annotated[StoreAccess, Depends(access)],
):
    """Code articles with the Tacitus pipeline and store them with their events.

    Articles whose text (or id) is already stored are skipped; an article that cannot
    be coded is reported as failed with the reason. All outcomes go to the ingest log.
    """
    items = payload if isinstance(payload, list) else [payload]
    if not items or len(items) > MAX_ARTICLES_PER_REQUEST:
        return JSONResponse(status_code=422, content={"detail": (
            f"send between 1 and {MAX_ARTICLES_PER_REQUEST} articles per request, got {len(items)}")})
    hashes = [content_hash(item.text) for item in items]
    with store_access.read() as store:
        stored = {h: store.has_document(h) for h in set(hashes)}
    coder: Coder = request.app.state.coder
    batch, outcomes, report = [], [], []
    seen: dict[str, str] = {}
    for item, chash in zip(items, hashes):
        doc_id = _doc_id(item)
        origin = f"api:{doc_id}"
        if stored.get(chash) or chash in seen:
            reason = f"duplicate of {stored.get(chash) or seen[chash]} (same text)"
            outcomes.append({"input": origin, "status": "skipped", "reason": reason, "events": 0, "doc_id": doc_id})
            continue
        seen[chash] = doc_id
        try:
            coded = coder.code(item, doc_id)
        except Exception as err:  # one bad article is reported, the others still go in
            outcomes.append({"input": origin, "status": "failed", "reason": f"{type(err).__name__}: {err}",
                             "events": 0, "doc_id": doc_id})
            continue
        batch.append((coded, chash))
        outcomes.append({"input": origin, "status": "coded", "reason": None, "events": len(coded.events),
                         "doc_id": coded.article.doc_id})
    with store_access.write() as store:
        added = store.add_batch(batch, outcomes)
    if added["documents"] < len(batch):  # another writer stored some of them meanwhile
        for outcome in outcomes:
            if outcome["status"] == "coded":
                outcome["reason"] = "stored unless another writer stored the same text first"
    for outcome in outcomes:
        report.append({k: outcome[k] for k in ("doc_id", "status", "events", "reason")})
    body = {
        "coded": sum(o["status"] == "coded" for o in outcomes),
        "skipped": sum(o["status"] == "skipped" for o in outcomes),
        "failed": sum(o["status"] == "failed" for o in outcomes),
        "events": added["events"],
        "articles": report,
    }
    return JSONResponse(status_code=201 if added["documents"] else 200, content=body)
