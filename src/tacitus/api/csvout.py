"""CSV responses: when they are asked for, and how nested records become flat rows."""
from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import Request
from fastapi.responses import Response

CSV_MEDIA_TYPE = "text/csv"
CSV_RESPONSE_DOC = {200: {"content": {"application/json": {}, CSV_MEDIA_TYPE: {"schema": {"type": "string"}}}}}
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def wants_csv(request: Request, fmt: str | None) -> bool:
    """``format=csv``, or (without ``format``) an Accept header preferring text/csv to JSON."""
    if fmt is not None:
        return fmt == "csv"
    for item in request.headers.get("accept", "").split(","):
        media = item.split(";")[0].strip().lower()
        if media == CSV_MEDIA_TYPE:
            return True
        if media in ("application/json", "application/*"):
            return False
    return False


def flatten(record: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"source": {"code": "RUS"}}`` -> ``{"source_code": "RUS"}``; lists are joined with ``;``."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = ";".join("" if v is None else str(v) for v in value)
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> Any:
    """A value as written: text that a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    flat = [flatten(row) for row in rows]
    if columns is None:
        columns = []
        for row in flat:
            columns.extend(k for k in row if k not in columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in flat:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def csv_response(rows: list[dict[str, Any]], filename: str, columns: list[str] | None = None) -> Response:
    return Response(
        csv_text(rows, columns),
        media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def event_csv_response(records: list[dict[str, Any]], filename: str = "events.csv") -> Response:
    """Event records as CSV with the store's flat event columns (as ``tacitus export --format csv``)."""
    from tacitus.store import EVENT_COLUMN_NAMES

    rows = []
    for record in records:
        row = dict(record)
        span = row.pop("char_span", None) or (None, None)
        row["char_start"], row["char_end"] = span
        rows.append(row)
    return csv_response(rows, filename, EVENT_COLUMN_NAMES)
