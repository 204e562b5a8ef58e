"""``tacitus watch``: poll RSS/Atom feeds and ingest their new items until stopped.

Each feed (a file path or an http(s) URL) is read every ``interval`` seconds. An item
is new unless the store's ``feed_items`` table already has its key for that feed (its
guid, else its link, else the hash id of its text), so a restarted watcher goes on
where it stopped. New items are coded from the feed's own text (content, else
summary) and stored through the same ``Ingestor`` as ``tacitus ingest``: duplicates
and near-duplicates of stored stories are skipped and linked, batches are committed
whole, and items are marked seen only after their batch is committed.

A feed that cannot be fetched or parsed is retried after ``interval * 2**n`` seconds
(``n`` consecutive failures), capped at ``max_backoff``; the other feeds keep their
pace. ``stop`` (set by SIGINT/SIGTERM in the CLI) ends the loop: the batch in hand
is committed, the items not yet coded are left for the next start.
"""
from __future__ import annotations

import re
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds of a duration: ``90`` or ``90s``, ``15m``, ``2h``, ``1d`` (fractions allowed: ``0.2s``)."""
    m = _DURATION.match(str(text))
    if not m or float(m[1]) <= 0:
        raise ValueError(f"{text!r} is not a duration such as 30s, 15m, 2h or 1d")
    return float(m[1]) * _UNIT_SECONDS[(m[2] or "s").lower()]


def is_url(feed: str) -> bool:
    return feed.lower().startswith(("http://", "https://"))


class FeedError(Exception):
    """A feed as a whole could not be read (network, HTTP, malformed XML, missing file)."""


@dataclass
class FeedState:
    feed: str
    failures: int = 0
    next_poll: float = 0.0
    last_error: str | None = None


@dataclass
class PollResult:
    feed: str
    items: int = 0
    new: int = 0
    coded: int = 0
    skipped: int = 0
    failed: int = 0
    near_duplicates: int = 0
    events: int = 0
    error: str | None = None
    retry_in: float | None = None
    outcomes: list[dict] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: ERROR {self.error}; retry in {self.retry_in:.1f}s"
        return (f"{self.feed}: {self.items} items, {self.new} new: {self.coded} coded, {self.skipped} skipped "
                f"({self.near_duplicates} near-duplicates), {self.failed} failed; {self.events} events")


def read_feed_items(feed: str, *, default_date: date | None = None, timeout: float = 20.0) -> list:
    """The Articles and item-level rejections of one feed; raises FeedError if the feed as a whole fails."""
    from tacitus.sources import Rejected, fetch_feed, read_inputs
    from tacitus.sources.base import ReadOptions

    if is_url(feed):
        items = list(fetch_feed(feed, timeout=timeout, opts=ReadOptions(default_date=default_date)))
    else:
        items = list(read_inputs([feed], "feed", default_date=default_date))
    whole = [i for i in items if isinstance(i, Rejected) and i.origin == feed]
    failed = [i for i in whole if i.status == "failed"]
    if failed:
        raise FeedError(failed[0].reason)
    return [i for i in items if i not in whole]


class FeedWatcher:
    """Polls ``feeds`` into ``store`` (open it with ``shared=True`` so readers get in between batches)."""

    def __init__(
        self,
        feeds: list[str],
        store,
        *,
        interval: float = 900.0,
        max_backoff: float = 3600.0,
        processes: int = 1,
        dictionaries: str | Path | None = None,
        default_date: date | None = None,
        stop: threading.Event | None = None,
        report: Callable[[PollResult], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from tacitus.ingest import Ingestor
        from tacitus.store import feed_items

        if not feeds:
            raise ValueError("give at least one feed (a file path or an http(s) URL)")
        if interval <= 0:
            raise ValueError(f"interval must be positive, got {interval}")
        self.store = store
        self.interval = interval
        self.max_backoff = max(max_backoff, interval)
        self.default_date = default_date
        self.stop = stop or threading.Event()
        self.report = report or (lambda result: print(result.line(), file=sys.stderr, flush=True))
        self.clock = clock
        self.states = {feed: FeedState(feed) for feed in dict.fromkeys(feeds)}
        feed_items.ensure_table(store)
        self.ingestor = Ingestor(store, processes=processes, dictionaries=dictionaries, batch_size=50,
                                 stop=self.stop)

    def backoff(self, failures: int) -> float:
        """Seconds to wait after ``failures`` consecutive failures (exponential, capped)."""
        return min(self.interval * 2 ** failures, self.max_backoff)

    def poll(self, feed: str) -> PollResult:
        """Read one feed once and ingest its new items."""
        from tacitus.sources import Rejected
        from tacitus.store import feed_items

        state = self.states[feed]
        result = PollResult(feed)
        try:
            items = read_feed_items(feed, default_date=self.default_date)
        except FeedError as exc:
            state.failures += 1
            state.last_error = str(exc)
            result.error, result.retry_in = str(exc), self.backoff(state.failures)
            state.next_poll = self.clock() + result.retry_in
            return result
        state.failures, state.last_error = 0, None
        state.next_poll = self.clock() + self.interval
        result.items = len(items)
        keyed: dict[str, object] = {}
        for item in items:
            if isinstance(item, Rejected):
                key = f"rejected:{item.origin.rsplit('#', 1)[-1]}:{item.reason}"
                item.origin = f"{feed}#{key}"
            else:
                key = item.doc_id
                item.origin = f"{feed}#{key}"
            keyed.setdefault(key, item)
        seen = feed_items.seen_keys(self.store, feed, list(keyed))
        new = [item for key, item in keyed.items() if key not in seen]
        result.new = len(new)
        if not new:
            return result
        prefix = f"{feed}#"

        def mark(outcomes: list[dict]) -> None:
            feed_items.mark_seen(self.store, feed, [
                (o["input"][len(prefix):], o["status"], o.get("doc_id"))
                for o in outcomes if str(o["input"]).startswith(prefix)
            ])

        self.ingestor.on_commit = mark
        try:
            run = self.ingestor.run(new)
        finally:
            self.ingestor.on_commit = None
        d = run.to_dict()
        result.coded, result.skipped, result.failed = d["coded"], d["skipped"], d["failed"]
        result.near_duplicates, result.events, result.outcomes = d["near_duplicates"], d["events"], d["outcomes"]
        return result

    def poll_due(self) -> list[PollResult]:
        """Poll every feed whose time has come (all of them on the first call)."""
        results = []
        for feed, state in self.states.items():
            if self.stop.is_set():
                break
            if self.clock() >= state.next_poll:
                result = self.poll(feed)
                self.report(result)
                results.append(result)
        return results

    def run(self, max_polls: int | None = None) -> int:
        """Poll until ``stop`` is set (or ``max_polls`` rounds); returns the number of rounds."""
        rounds = 0
        while not self.stop.is_set():
            if self.poll_due():
                rounds += 1
            if max_polls is not None and rounds >= max_polls:
                break
            wait = min(s.next_poll for s in self.states.values()) - self.clock()
            if wait > 0:
                self.stop.wait(wait)
        return rounds


def install_stop_handlers(stop: threading.Event) -> None:
    """SIGINT/SIGTERM set ``stop`` (a clean finish); a second signal interrupts at once."""
    import signal

    def handler(signum, frame):
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)
