"""Writing events and articles for people (rich tables) and for programs (JSONL, TSV, CSV)."""
from __future__ import annotations

import csv
import json
import sys
from typing import IO, Iterable

FLAT_COLUMNS = [
    "event_id", "doc_id", "sentence_index", "event_date", "event_date_end", "date_source",
    "source_code", "source_text", "cameo", "cameo_name", "target_code", "target_text",
    "quad_class", "goldstein", "modality", "location", "country", "lat", "lon", "confidence", "sentence",
]


def flat_event(e: dict) -> dict:
    """One event as a flat row (for TSV/CSV and tables)."""
    src, tgt, loc = e.get("source") or {}, e.get("target") or {}, e.get("location") or {}
    return {
        "event_id": e["event_id"],
        "doc_id": e["doc_id"],
        "sentence_index": e["sentence_index"],
        "event_date": e.get("event_date"),
        "event_date_end": e.get("event_date_end"),
        "date_source": e.get("date_source"),
        "source_code": src.get("code"),
        "source_text": src.get("text"),
        "cameo": e["cameo"],
        "cameo_name": e.get("cameo_name"),
        "target_code": tgt.get("code"),
        "target_text": tgt.get("text"),
        "quad_class": e["quad_class"],
        "goldstein": e["goldstein"],
        "modality": e["modality"],
        "location": loc.get("name"),
        "country": loc.get("country"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "confidence": e["confidence"],
        "sentence": " ".join(e["sentence"].split()),
    }


def write_jsonl(rows: Iterable[dict], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
        n += 1
    return n


def write_delimited(events: Iterable[dict], out: IO[str], delimiter: str = "\t") -> int:
    writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS, delimiter=delimiter, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow(flat_event(e))
        n += 1
    return n


def events_table(events: list[dict], title: str | None = None, with_sentence: bool = True):
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    cols = ("date", "source", "event", "target", "mod.", "where") + (("sentence",) if with_sentence else ())
    for col in cols:
        table.add_column(col, overflow="fold", max_width=70 if col == "sentence" else None)
    for e in events:
        f = flat_event(e)
        date = f["event_date"] or ""
        if f["event_date_end"]:
            date += f"..{f['event_date_end']}"
        row = [
            date,
            f"{f['source_code']}\n[dim]{f['source_text']}[/dim]",
            f"{f['cameo']} {f['cameo_name'] or ''}",
            f"{f['target_code'] or '-'}\n[dim]{f['target_text'] or ''}[/dim]",
            f["modality"],
            f["location"] or "",
        ]
        if with_sentence:
            row.append(f["sentence"][:200])
        table.add_row(*row)
    return table


def print_table(events: list[dict], title: str | None = None, file=None) -> None:
    """A table on the terminal; when the output is not a terminal it is 160 columns wide."""
    from rich.console import Console

    out = file or sys.stdout
    console = Console(file=out, width=None if out.isatty() else 160)
    console.print(events_table(events, title, with_sentence=console.width >= 140))
