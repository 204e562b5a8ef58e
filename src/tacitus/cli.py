"""The ``tacitus`` command: a thin shell over the Python API."""
from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .progress import progress_bar

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Tacitus: news stories in, CAMEO/PLOVER event data out.")

DB_OPTION = typer.Option("tacitus.duckdb", "--db", help="DuckDB file of the store.")
DICT_HELP = (
    "Folder of PETRARCH-format dictionaries (verbs, actors, agents, discards). They REPLACE Tacitus's own "
    "actor and verb lexicons for event coding; places, dates, quantities and tone are unchanged."
)


class CodeFormat(str, Enum):
    jsonl = "jsonl"
    articles = "articles"
    table = "table"
    tsv = "tsv"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    html = "html"
    warc = "warc"
    feed = "feed"


def _date(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    from .timex import parse_iso_date

    try:
        parsed = parse_iso_date(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r}: {exc}", param_hint=option)
    if parsed is None:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option)
    return parsed


def _processes(n: Optional[int]) -> int:
    from .pipeline import default_processes

    return n if n and n > 0 else default_processes()


def _reader_options(text_column, date_column, id_column) -> dict:
    return {"text_column": text_column, "date_column": date_column, "id_column": id_column}


@app.command()
def code(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive) or - for standard input."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format", help="How to read the inputs."),
    output_format: Optional[CodeFormat] = typer.Option(None, "--format", help="jsonl, articles, table (default on a terminal) or tsv."),
    published: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for texts that state none; gives the year to datelines without one."),
    processes: Optional[int] = typer.Option(None, "--processes", help="Worker processes (default: all cores)."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help=DICT_HELP),
    text_column: str = typer.Option("text", help="CSV/TSV column with the text."),
    date_column: str = typer.Option("date", help="CSV/TSV column with the date."),
    id_column: str = typer.Option("id", help="CSV/TSV column with the id."),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar or summary."),
):
    """Code articles and print their events (nothing is stored)."""
    from .ingest import Report, code_inputs
    from .sources import read_inputs

    fmt = output_format or (CodeFormat.table if sys.stdout.isatty() else CodeFormat.jsonl)
    report = Report()
    items = read_inputs(paths, input_format.value, default_date=_date(published, "--date"), **_reader_options(text_column, date_column, id_column))
    progress, update = progress_bar(not quiet and sys.stderr.isatty())
    table_rows: list[dict] = []
    tsv_header = True
    if progress:
        progress.start()
    try:
        for coded, outcome in code_inputs(items, processes=_processes(processes), dictionaries=dictionaries, report=report):
            update(outcome)
            if outcome["status"] == "failed" and not quiet:
                typer.echo(f"failed: {outcome['input']}: {outcome['reason']}", err=True)
            if coded is None:
                continue
            events = [e.to_dict() for e in coded.events]
            if fmt is CodeFormat.jsonl:
                for e in events:
                    sys.stdout.write(json.dumps(e, ensure_ascii=False) + "\n")
            elif fmt is CodeFormat.articles:
                sys.stdout.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
            elif fmt is CodeFormat.tsv:
                from .render import write_delimited

                import io

                buf = io.StringIO()
                write_delimited(events, buf)
                lines = buf.getvalue().splitlines(keepends=True)
                sys.stdout.write("".join(lines if tsv_header else lines[1:]))
                tsv_header = False
            else:
                table_rows.extend(events)
    finally:
        if progress:
            progress.stop()
    if fmt is CodeFormat.table:
        from .render import print_table

        print_table(table_rows)
    if not quiet:
        d = report.to_dict()
        typer.echo(f"{d['inputs']} inputs: {d['coded']} coded, {d['skipped']} skipped, {d['failed']} failed; {d['events']} events", err=True)
    raise typer.Exit(report.exit_code)


class ReportFormat(str, Enum):
    json = "json"
    text = "text"


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, folders (recursive) or - for standard input."),
    db: Path = DB_OPTION,
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format"),
    published: Optional[str] = typer.Option(None, "--date", help="Publication date for texts that state none."),
    processes: Optional[int] = typer.Option(None, "--processes", help="Worker processes (default: all cores)."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help=DICT_HELP),
    report_format: ReportFormat = typer.Option(ReportFormat.text, "--report", help="json prints every input's outcome."),
    text_column: str = typer.Option("text"),
    date_column: str = typer.Option("date"),
    id_column: str = typer.Option("id"),
    quiet: bool = typer.Option(False, "--quiet", help="No progress bar or summary."),
):
    """Code articles and store them (with every input's outcome) in DuckDB."""
    from . import ingest as ingest_mod
    from .store import Store

    try:
        store = Store(db, shared=True)
    except Exception as exc:  # noqa: BLE001 - the run cannot proceed
        typer.echo(f"cannot open store {db}: {exc}", err=True)
        raise typer.Exit(1)
    progress, update = progress_bar(not quiet and sys.stderr.isatty())
    with store:
        if progress:
            progress.start()
        try:
            report = ingest_mod.ingest(
                paths, store, input_format=input_format.value, default_date=_date(published, "--date"),
                processes=_processes(processes), dictionaries=dictionaries, on_progress=update,
                reader_options=_reader_options(text_column, date_column, id_column),
            )
            if report.count("coded"):
                from .store.clusters import rebuild_clusters

                rebuild_clusters(store)  # mentions of one event across articles -> one event
        finally:
            if progress:
                progress.stop()
    d = report.to_dict()
    if report_format is ReportFormat.json:
        typer.echo(json.dumps(d, ensure_ascii=False, indent=1))
    elif not quiet:
        typer.echo(f"{d['inputs']} inputs: {d['coded']} coded, {d['skipped']} skipped, {d['failed']} failed; {d['events']} events -> {db}")
        for o in d["outcomes"]:
            if o["status"] == "failed":
                typer.echo(f"  failed: {o['input']}: {o['reason']}", err=True)
    raise typer.Exit(report.exit_code)


class QueryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


def _open_store(db: Path, parquet: Optional[Path]):
    from .store import Store

    if parquet is not None:
        return Store.from_parquet(parquet)
    if not Path(db).exists():
        typer.echo(f"no store at {db}: run 'tacitus ingest' first", err=True)
        raise typer.Exit(1)
    return Store(db, read_only=True)


@app.command()
def events(
    db: Path = DB_OPTION,
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="Query Parquet output (e.g. of 'tacitus spark') instead of a DuckDB file."),
    source: Optional[str] = typer.Option(None, help="Source actor code prefix (RUS matches RUSGOV)."),
    target: Optional[str] = typer.Option(None, help="Target actor code prefix."),
    actor: Optional[str] = typer.Option(None, help="Source or target code prefix."),
    code: Optional[str] = typer.Option(None, "--code", help="CAMEO code prefix (04 = all consultations)."),
    since: Optional[str] = typer.Option(None, help="Events on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, help="Events on or before YYYY-MM-DD."),
    limit: int = typer.Option(100, help="At most this many events."),
    output_format: QueryFormat = typer.Option(QueryFormat.table, "--format"),
):
    """Query stored events."""
    from .render import print_table, write_delimited, write_jsonl

    with _open_store(db, parquet) as store:
        rows = store.events(source=source, target=target, actor=actor, code=code, since=_date(since, "--since"), until=_date(until, "--until"), limit=limit)
    if output_format is QueryFormat.jsonl:
        write_jsonl(rows, sys.stdout)
    elif output_format is QueryFormat.csv:
        write_delimited(rows, sys.stdout, delimiter=",")
    else:
        print_table(rows, title=f"{len(rows)} events")


@app.command()
def status(db: Path = DB_OPTION, output_format: str = typer.Option("text", "--format", help="text or json")):
    """Counts of documents, events, skipped and failed inputs."""
    with _open_store(db, None) as store:
        s = store.status()
    if output_format == "json":
        typer.echo(json.dumps(s))
    else:
        typer.echo("  ".join(f"{k}: {v}" for k, v in s.items()))


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    gkg = "gkg"


@app.command()
def export(
    db: Path = DB_OPTION,
    output_format: ExportFormat = typer.Option(..., "--format"),
    output: Path = typer.Option(..., "--output", help="File to write."),
):
    """Export stored events (JSONL, CSV, Parquet, GDELT 2.0 Events/Mentions, GKG 2.1)."""
    with _open_store(db, None) as store:
        n = store.export(output_format.value, output)
    typer.echo(f"{n} rows -> {output}")


@app.command()
def demo(db: Path = typer.Option("tacitus-demo.duckdb", "--db", help="DuckDB file to create.")):
    """Ingest the bundled example articles and show their events."""
    from .demo import run_demo

    raise typer.Exit(run_demo(db))


@app.command(name="eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="Gold JSONL: {id, date, text, expected: [[source, target, code], ...]}."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help=DICT_HELP),
    verbs_file: Optional[str] = typer.Option(None, "--verbs-file", help="With --dictionaries: the verb file to use (e.g. a PETRARCH-1 file) when the folder has several."),
    drop_null: bool = typer.Option(False, "--drop-null", help="Drop coded events with a --- source or target before scoring (UniversalPetrarch's runner)."),
    split_slash_codes: bool = typer.Option(False, "--split-slash-codes", help="Read actor codes like FRO/BIL as several actors (PETRARCH-1 unit tests)."),
    output_format: str = typer.Option("text", "--format", help="text or json"),
):
    """Score the coder on a gold set: correct, missed and extra events, per category."""
    from .evaluate import evaluate_file, format_report

    options = {"verbs_file": verbs_file, "drop_null": drop_null, "split_slash_codes": split_slash_codes} if dictionaries else {}
    try:
        result = evaluate_file(gold, dictionaries, **options)
    except (OSError, ValueError) as exc:
        typer.echo(f"cannot evaluate {gold}: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(json.dumps(result, indent=1) if output_format == "json" else format_report(result))


@app.command()
def explain(
    sentence: str = typer.Argument(..., help="A sentence (or short text) to explain."),
    published: Optional[str] = typer.Option(None, "--date", help="Its date (YYYY-MM-DD): leaders are resolved by it."),
):
    """Show the parse, actors, triggers, events and why candidates were not coded."""
    from .explain import explain_text

    explain_text(sentence, _date(published, "--date"))


@app.command()
def serve(
    db: Path = DB_OPTION,
    host: str = typer.Option("127.0.0.1", help="Address to bind (loopback unless told otherwise)."),
    port: int = typer.Option(8000, help="Port."),
    cors_origin: Optional[List[str]] = typer.Option(None, "--cors-origin", help="Allow this origin (CORS is off by default)."),
):
    """REST API (OpenAPI at /openapi.json, docs at /docs) and the dashboard at /.

    Writes (POST /api/articles) need a bearer token set in TACITUS_API_TOKEN; without it they are disabled.
    """
    from .api import serve as serve_api

    if not Path(db).exists():
        typer.echo(f"no store at {db}: run 'tacitus ingest' or 'tacitus demo' first", err=True)
        raise typer.Exit(1)
    serve_api(db, host, port, cors_origins=cors_origin or None)


@app.command()
def watch(
    feeds: List[str] = typer.Argument(..., help="RSS/Atom feeds: file paths or http(s) URLs."),
    db: Path = DB_OPTION,
    interval: str = typer.Option("15m", "--interval", help="Time between polls of a feed: 30s, 15m, 2h."),
    max_backoff: str = typer.Option("1h", "--max-backoff", help="Longest wait before retrying a failing feed."),
    published: Optional[str] = typer.Option(None, "--date", help="Publication date for items that state none."),
    processes: int = typer.Option(1, "--processes", help="Worker processes for coding."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help=DICT_HELP),
    once: bool = typer.Option(False, "--once", help="Poll every feed once and exit."),
    quiet: bool = typer.Option(False, "--quiet", help="No line per poll."),
):
    """Poll feeds and ingest their new items until stopped (Ctrl-C or SIGTERM stop cleanly)."""
    import threading

    from .store import Store
    from .watch import FeedWatcher, install_stop_handlers, parse_interval

    try:
        every, cap = parse_interval(interval), parse_interval(max_backoff)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--interval/--max-backoff")
    stop = threading.Event()
    install_stop_handlers(stop)
    try:
        store = Store(db, shared=True)
    except Exception as exc:  # noqa: BLE001 - the run cannot proceed
        typer.echo(f"cannot open store {db}: {exc}", err=True)
        raise typer.Exit(1)
    with store:
        watcher = FeedWatcher(
            feeds, store, interval=every, max_backoff=cap, processes=processes, dictionaries=dictionaries,
            default_date=_date(published, "--date"), stop=stop,
            report=(lambda result: None) if quiet else None,
        )
        rounds = watcher.run(max_polls=1 if once else None)
    if not quiet:
        typer.echo(f"stopped after {rounds} polls; store {db} closed", err=True)
    raise typer.Exit(0)


@app.command()
def spark(
    inputs: List[str] = typer.Argument(..., help="Text, JSONL or WARC paths (local or any Hadoop-compatible file system)."),
    output: str = typer.Option(..., "--output", "-o", help="Folder for the Parquet output (events/, documents/, ingest_log/)."),
    master: Optional[str] = typer.Option(None, "--master", help="Spark master URL (default: the session's, else local[*])."),
    input_format: InputFormat = typer.Option(InputFormat.auto, "--input-format"),
    published: Optional[str] = typer.Option(None, "--date", help="Publication date for texts that state none."),
    partitions: Optional[int] = typer.Option(None, help="Number of input partitions."),
    dictionaries: Optional[Path] = typer.Option(None, "--dictionaries", help=DICT_HELP),
):
    """Code inputs on Apache Spark (pip install 'tacitus[spark]'); query the output with 'tacitus events --parquet'."""
    from .spark import run_spark_job

    report = run_spark_job(inputs, output, master, input_format.value, default_date=_date(published, "--date"),
                           dictionaries=str(dictionaries) if dictionaries else None, partitions=partitions)
    typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    raise typer.Exit(2 if report["failed"] else 0)


def main():  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
