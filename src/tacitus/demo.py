"""``tacitus demo``: the bundled example articles, ingested and shown."""
from __future__ import annotations

from pathlib import Path

from .datafiles import data_path


def example_articles_path() -> Path:
    return data_path("examples/examples.jsonl")


def run_demo(db: Path) -> int:
    """Ingest the examples into ``db``, print the events table and a summary line."""
    from .ingest import ingest
    from .render import print_table
    from .store import Store

    with Store(db) as store:
        report = ingest([str(example_articles_path())], store, input_format="jsonl", processes=1)
        from .store.clusters import rebuild_clusters

        rebuild_clusters(store)
        rows = store.events(limit=1000)
        status = store.status()
    print_table(rows, title=f"Events in {db}")
    print(
        f"{status['documents']} articles, {status['events']} events in {db} "
        f"(this run: {report.count('coded')} coded, {report.count('skipped')} skipped, {report.count('failed')} failed)"
    )
    return report.exit_code
