"""Reading inputs, coding them and writing them to the store, accounting for each one.

Every input of a run ends as exactly one outcome in the run's report: ``coded``,
``skipped`` (empty, duplicate, near-duplicate, other language, already stored, ...) or
``failed`` (with the reason), so ``inputs == coded + skipped + failed`` for every run.

Duplicates. An article whose text (content hash) or id is already stored, or was
already read in this run, is skipped before coding. An article whose text
near-duplicates one already coded (MinHash estimate of the Jaccard similarity of its
word 5-grams >= ``near_duplicate_threshold``, 0.8 by default: the same wire story
with another headline, an update paragraph or another site's boilerplate) is
skipped with the reason ``near-duplicate of <doc_id>`` and LINKED to that document
in the store (``tacitus.store.duplicates``), so its source still counts for that
story; the signatures are stored, so a later run catches copies of earlier stories.

Crash safety. Outcomes and coded articles are committed to the store in batches
(``batch_size`` outcomes, or fewer when ``commit_every`` seconds have passed since
the batch began), each batch in one transaction: a run that is killed (SIGKILL
included) loses at most the batch in flight. Run it again and it finishes the job:
inputs whose document is stored are skipped as ``duplicate of X (already stored)``
before coding, the rest are coded, and stable event ids keep events from doubling.

The ingest log (the store's ``ingest_log`` table) keeps the history of the store,
not of each run: a ``coded`` outcome is always logged (it added a document), and a
skipped or failed outcome is logged only if that input has no log row yet. So after
a killed run and its re-run every input is in the log exactly once, with the outcome
of the run that settled it, and ``documents`` equals the number of ``coded`` rows.
The per-run figures are in the run's report (``tacitus ingest --report json``).
"""
from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from .model import Article, CodedArticle
from .pipeline import Failure, code_parallel

NEAR_DUPLICATE_THRESHOLD = 0.8
LOOKAHEAD = 200  # inputs read ahead to look up in the store with one query
COMMIT_EVERY = 2.0  # seconds: a batch is committed at least this often (readers and crashes lose little)


@dataclass
class Report:
    outcomes: list[dict] = field(default_factory=list)

    def add(self, input: str, status: str, reason: str | None = None, events: int = 0, doc_id: str | None = None,
            duplicate_of: str | None = None) -> dict:
        row = {"input": input, "status": status, "reason": reason, "events": events, "doc_id": doc_id}
        if duplicate_of is not None:
            row["duplicate_of"] = duplicate_of
        self.outcomes.append(row)
        return row

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o["status"] == status)

    @property
    def events(self) -> int:
        return sum(o["events"] for o in self.outcomes)

    @property
    def near_duplicates(self) -> int:
        return sum(1 for o in self.outcomes if o.get("duplicate_of"))

    def to_dict(self) -> dict:
        return {
            "inputs": len(self.outcomes),
            "coded": self.count("coded"),
            "skipped": self.count("skipped"),
            "failed": self.count("failed"),
            "near_duplicates": self.near_duplicates,
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
    skip: Callable[[Article], str | dict | None] | None = None,
) -> Iterator[tuple[CodedArticle | None, dict]]:
    """Code Articles from ``items`` (Articles and rejections), yielding (coded, outcome) pairs.

    ``skip(article)`` returns a reason to skip an article before coding (duplicates):
    a string, or a dict with ``reason`` and ``duplicate_of``.
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
                extra = reason if isinstance(reason, dict) else {"reason": reason}
                yield None, report.add(_origin(article), "skipped", extra["reason"], doc_id=article.doc_id,
                                       duplicate_of=extra.get("duplicate_of"))

    for result in code_parallel(articles(), processes=processes, dictionaries=dictionaries):
        yield from drain_rejections()
        kind, article = pending.pop(0)
        if isinstance(result, Failure):
            yield None, report.add(_origin(result.article), "failed", result.reason, doc_id=result.article.doc_id)
        else:
            yield result, report.add(_origin(article), "coded", None, len(result.events), article.doc_id)
    yield from drain_rejections()


def _similarity(index, original_id: str, signature: bytes) -> float | None:
    """Estimated Jaccard similarity of a signature and an indexed document's."""
    stored = getattr(index, "_signatures", {}).get(original_id)
    if stored is None or not signature:
        return None
    mine = np.frombuffer(signature, dtype="<u8")
    return round(float(np.count_nonzero(mine == stored.hashvalues.astype("<u8")) / len(mine)), 3)


class Ingestor:
    """Writes inputs to one store in batches, with duplicate and near-duplicate checks.

    One Ingestor serves many runs (``tacitus watch`` polls through one): the
    near-duplicate index is loaded from the store once and kept up to date.
    A batch is committed after ``batch_size`` outcomes or ``commit_every`` seconds,
    whichever comes first. ``stop`` (a ``threading.Event``) ends a run early: the batch in hand is committed
    and inputs not yet coded are left for the next run. ``on_commit(outcomes)`` is
    called after each committed batch.
    """

    def __init__(
        self,
        store,
        *,
        processes: int = 1,
        dictionaries: str | Path | None = None,
        batch_size: int = 50,
        commit_every: float = COMMIT_EVERY,
        near_duplicate_threshold: float | None = NEAR_DUPLICATE_THRESHOLD,
        on_progress: Callable[[dict], None] | None = None,
        on_commit: Callable[[list[dict]], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        from .store import duplicates

        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.store = store
        self.processes = processes
        self.dictionaries = dictionaries
        self.batch_size = batch_size
        self.commit_every = commit_every
        self.on_progress = on_progress
        self.on_commit = on_commit
        self.stop = stop
        self.index = None
        duplicates.ensure_tables(store)
        if near_duplicate_threshold is not None:
            from .dedup import NearDuplicateIndex

            self.index = NearDuplicateIndex(threshold=near_duplicate_threshold)
            repaired = [(doc_id, self.index.signature(text)) for doc_id, text in duplicates.missing_signatures(store)]
            duplicates.save_signatures(store, repaired)
            self.index.load(duplicates.load_signatures(store))

    # -- looking inputs up in the store, a chunk at a time ------------------
    def _lookahead(self, items: Iterable, known: dict) -> Iterator:
        from .sources import Rejected

        chunk: list = []

        def flush():
            articles = [x for x in chunk if not isinstance(x, Rejected)]
            hashes = [self.store.content_hash(a.text) for a in articles]
            ids = [a.doc_id for a in articles]
            inputs = [x.origin if isinstance(x, Rejected) else _origin(x) for x in chunk]
            with self.store._connect() as con:
                for chash, doc_id in con.execute(
                    "SELECT content_hash, doc_id FROM documents WHERE list_contains(?, content_hash) OR list_contains(?, doc_id)",
                    [hashes, ids],
                ).fetchall():
                    known["hash"][chash] = doc_id
                    known["id"].add(doc_id)
                for (name,) in con.execute(
                    "SELECT DISTINCT input FROM ingest_log WHERE list_contains(?, input)", [inputs]
                ).fetchall():
                    known["logged"].add(name)
            yield from chunk
            chunk.clear()

        for item in items:
            chunk.append(item)
            if len(chunk) >= LOOKAHEAD:
                yield from flush()
        if chunk:
            yield from flush()

    def run(self, items: Iterable) -> Report:
        """Code and store ``items`` (Articles and ``Rejected``); return this run's report."""
        report = Report()
        known: dict = {"hash": {}, "id": set(), "logged": set()}
        seen: dict[str, str] = {}
        signatures: dict[str, bytes] = {}
        links: dict[str, dict] = {}

        def skip(article: Article) -> str | dict | None:
            chash = self.store.content_hash(article.text)
            if chash in seen:
                return f"duplicate of {seen[chash]} (same text)"
            if chash in known["hash"]:
                return f"duplicate of {known['hash'][chash]} (already stored)"
            if self.index is not None:
                signature = self.index.signature(article.text)
                original = self.index.add(article.doc_id, signature)
                if original is not None:
                    links[article.doc_id] = {
                        "copy_hash": chash, "copy_id": article.doc_id, "original_id": original,
                        "similarity": _similarity(self.index, original, signature), "input": _origin(article),
                        "title": article.title, "url": article.url, "source": article.source,
                        "published": article.published,
                    }
                    return {"reason": f"near-duplicate of {original}", "duplicate_of": original}
                signatures[article.doc_id] = signature
            if article.doc_id in known["id"]:
                return f"duplicate id {article.doc_id} (already stored with a different text)"
            seen[chash] = article.doc_id
            return None

        batch: list[tuple[CodedArticle, str]] = []
        outcomes: list[dict] = []
        started = [time.monotonic()]

        def commit():
            from .store import duplicates

            to_log = [o for o in outcomes if o["status"] == "coded" or o["input"] not in known["logged"]]
            self.store.add_batch(batch, to_log)
            known["logged"].update(o["input"] for o in to_log)
            duplicates.save_signatures(self.store, [(c.article.doc_id, signatures.pop(c.article.doc_id, b""))
                                                    for c, _ in batch])
            duplicates.link_near_duplicates(self.store, [links.pop(o["doc_id"]) for o in outcomes
                                                         if o.get("duplicate_of") and o["doc_id"] in links])
            if self.on_commit:
                self.on_commit(list(outcomes))
            batch.clear()
            outcomes.clear()
            started[0] = time.monotonic()

        results = code_inputs(self._lookahead(items, known), processes=self.processes,
                              dictionaries=self.dictionaries, report=report, skip=skip)
        with contextlib.closing(results):
            for coded, outcome in results:
                outcomes.append(outcome)
                if coded is not None:
                    batch.append((coded, self.store.content_hash(coded.article.text)))
                if len(outcomes) >= self.batch_size or time.monotonic() - started[0] >= self.commit_every:
                    commit()
                if self.on_progress:
                    self.on_progress(outcome)
                if self.stop is not None and self.stop.is_set():
                    break
        if outcomes:
            commit()
        return report


def ingest(
    paths: list[str],
    store,
    *,
    input_format: str = "auto",
    default_date: date | None = None,
    processes: int = 1,
    dictionaries: str | Path | None = None,
    batch_size: int = 50,
    commit_every: float = COMMIT_EVERY,
    on_progress: Callable[[dict], None] | None = None,
    reader_options: dict | None = None,
    near_duplicate_threshold: float | None = NEAR_DUPLICATE_THRESHOLD,
    stop: threading.Event | None = None,
) -> Report:
    """Read, code and store ``paths``; return the report of every input's outcome (see module doc)."""
    from .sources import read_inputs

    ingestor = Ingestor(store, processes=processes, dictionaries=dictionaries, batch_size=batch_size,
                        commit_every=commit_every, near_duplicate_threshold=near_duplicate_threshold,
                        on_progress=on_progress, stop=stop)
    items = read_inputs(paths, input_format, default_date=default_date, **(reader_options or {}))
    return ingestor.run(items)
