"""Reading inputs, coding them and writing them to the store, accounting for each one.

Every input ends as exactly one outcome: ``coded``, ``skipped`` (empty, duplicate,
other language, ...) or ``failed`` (with the reason). Outcomes and coded articles
are committed to the store in batches, so a run that is killed loses at most the
batch in flight, and running it again finishes the job without doubling anything
(content hashes and stable event ids make writes idempotent).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .model import Article, CodedArticle
from .pipeline import Failure, code_parallel


@dataclass
class Report:
    outcomes: list[dict] = field(default_factory=list)

    def add(self, input: str, status: str, reason: str | None = None, events: int = 0, doc_id: str | None = None) -> dict:
        row = {"input": input, "status": status, "reason": reason, "events": events, "doc_id": doc_id}
        self.outcomes.append(row)
        return row

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o["status"] == status)

    @property
    def events(self) -> int:
        return sum(o["events"] for o in self.outcomes)

    def to_dict(self) -> dict:
        return {
            "inputs": len(self.outcomes),
            "coded": self.count("coded"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "events": self.events,
            "outcomes": self.outcomes,
        }

    @property
    def exit_code(self) -> int:
        return 2 if self.count("failed") else 0


def _origin(article: Article) -> str:
    return article.origin or article.doc_id


def code_inputs(
    items: Iterable,
    *,
    processes: int = 1,
    dictionaries: str | Path | None = None,
    report: Report,
    skip: Callable[[Article], str | None] | None = None,
) -> Iterator[tuple[CodedArticle | None, dict]]:
    """Code Articles from ``items`` (Articles and rejections), yielding (coded, outcome) pairs.

    ``skip(article)`` returns a reason to skip an article before coding (duplicates).
    Rejected inputs and skipped articles come through with ``coded`` None.
    """
    from .sources import Rejected

    pending: list[tuple[str, object]] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Rejected):
                pending.append(("rejected", item))
                continue
            reason = skip(item) if skip else None
            if reason:
                pending.append(("skipped", (item, reason)))
                continue
            pending.append(("article", item))
            yield item

    def drain_rejections():
        while pending and pending[0][0] != "article":
            kind, value = pending.pop(0)
            if kind == "rejected":
                yield None, report.add(value.origin, value.status, value.reason)
            else:
                article, reason = value
                yield None, report.add(_origin(article), "skipped", reason, doc_id=article.doc_id)

    for result in code_parallel(articles(), processes=processes, dictionaries=dictionaries):
        yield from drain_rejections()
        kind, article = pending.pop(0)
        if isinstance(result, Failure):
            yield None, report.add(_origin(result.article), "failed", result.reason, doc_id=result.article.doc_id)
        else:
            yield result, report.add(_origin(article), "coded", None, len(result.events), article.doc_id)
    yield from drain_rejections()


def ingest(
    paths: list[str],
    store,
    *,
    input_format: str = "auto",
    default_date: date | None = None,
    processes: int = 1,
    dictionaries: str | Path | None = None,
    batch_size: int = 50,
    on_progress: Callable[[dict], None] | None = None,
    reader_options: dict | None = None,
) -> Report:
    """Read, code and store ``paths``; return the report of every input's outcome."""
    from .sources import read_inputs

    report = Report()
    seen: dict[str, str] = {}

    def skip(article: Article) -> str | None:
        h = store.content_hash(article.text)
        if h in seen:
            return f"duplicate of {seen[h]} (same text)"
        existing = store.has_document(h)
        if existing:
            return f"duplicate of {existing} (already stored)"
        seen[h] = article.doc_id
        return None

    items = read_inputs(paths, input_format, default_date=default_date, **(reader_options or {}))
    batch: list[tuple[CodedArticle, str]] = []
    outcomes: list[dict] = []
    for coded, outcome in code_inputs(items, processes=processes, dictionaries=dictionaries, report=report, skip=skip):
        outcomes.append(outcome)
        if coded is not None:
            batch.append((coded, store.content_hash(coded.article.text)))
        if len(outcomes) >= batch_size:
            store.add_batch(batch, outcomes)
            batch, outcomes = [], []
        if on_progress:
            on_progress(outcome)
    if outcomes:
        store.add_batch(batch, outcomes)
    return report
