"""A progress bar for long runs on a terminal: inputs per second, events found, failures so far."""
from __future__ import annotations

import time

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


def progress_bar(enabled: bool, unit: str = "articles"):
    """``(progress, update)``: start/stop ``progress`` around a run and call ``update(outcome)``
    for each input's outcome. When ``enabled`` is false both do nothing."""
    if not enabled:
        return None, lambda outcome: None
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        transient=True, console=Console(stderr=True))
    task = progress.add_task("starting", total=None)
    stats = {"n": 0, "events": 0, "failed": 0}
    started = time.monotonic()

    def update(outcome: dict) -> None:
        stats["n"] += 1
        stats["events"] += outcome.get("events") or 0
        stats["failed"] += outcome["status"] == "failed"
        rate = stats["n"] / max(time.monotonic() - started, 1e-6)
        progress.update(task, description=f"{stats['n']} {unit} ({rate:.1f}/s), {stats['events']} events, {stats['failed']} failed")

    return progress, update
