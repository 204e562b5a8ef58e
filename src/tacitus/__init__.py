"""Tacitus: news stories in, CAMEO/PLOVER event data out.

The public API mirrors the command line::

    import tacitus
    coded = tacitus.code_text(open("story.txt").read())
    for event in coded.events:
        print(event.source.code, event.cameo, event.target and event.target.code)

    with tacitus.Store("tacitus.duckdb") as store:
        store.events(source="RUS", code="04")
"""
from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import Iterable, Iterator

from .model import Article, CodedArticle, Event

__version__ = "0.1.0"
__all__ = ["Article", "CodedArticle", "Event", "Store", "code_text", "code_articles", "make_article", "__version__"]


def make_article(
    text: str,
    published: date | str | None = None,
    doc_id: str | None = None,
    **meta,
) -> Article:
    """An Article from raw text: the dateline (if any) gives the date and place.

    ``published`` (a date or YYYY-MM-DD) wins over the dateline's date and gives the
    year to a dateline that has none.
    """
    from .sources.dateline import parse_dateline
    from .timex import parse_iso_date

    if isinstance(published, str):
        published = parse_iso_date(published)
    dateline = parse_dateline(text, default_year=published.year if published else None)
    if published is None and dateline is not None:
        published = dateline.date
    if doc_id is None:
        doc_id = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]
    return Article(doc_id=doc_id, text=text, published=published, dateline=dateline, **meta)


@lru_cache(maxsize=2)
def _pipeline(dictionaries: str | None = None):
    from .pipeline import Pipeline

    return Pipeline(dictionaries)


def code_text(text: str, published: date | str | None = None, doc_id: str | None = None, dictionaries: str | None = None) -> CodedArticle:
    """Code one story and return its events, places, dates, quantities and tone."""
    return _pipeline(dictionaries).code(make_article(text, published, doc_id))


def code_articles(articles: Iterable[Article], processes: int = 1, dictionaries: str | None = None) -> Iterator:
    """Code many articles (in order); failures come back as ``pipeline.Failure`` values."""
    from .pipeline import code_parallel

    yield from code_parallel(articles, processes=processes, dictionaries=dictionaries)


def __getattr__(name: str):
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)
