"""JSON Lines: one article per line, ``{"id", "text", "date", "title", "url", "source"}``.

Field names follow the column options (``text_column`` ...). A bad line (malformed JSON,
wrong types, impossible date, missing text) becomes a ``Rejected`` naming the line; the
other lines go on. Blank lines are not inputs and are passed over; a file with none
but blank lines is one ``skipped`` rejection.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected, parse_input_date
from tacitus.sources.decode import iter_lines

_JSON_TYPE = {dict: "object", list: "array", str: "string", int: "integer", float: "number",
              bool: "boolean", type(None): "null"}


def json_type(value: Any) -> str:
    return _JSON_TYPE.get(type(value), type(value).__name__)


def record_to_doc(record: Any, origin: str, opts: ReadOptions) -> RawDoc | Rejected:
    """Check one parsed record (a JSON object or a CSV row as a dict) and make a RawDoc."""
    if not isinstance(record, dict):
        return Rejected(origin, FAILED, f"expected a JSON object, got {json_type(record)}")
    text = record.get(opts.text_column)
    if text is None:
        return Rejected(origin, FAILED, f"missing {opts.text_column!r} field")
    if not isinstance(text, str):
        return Rejected(origin, FAILED, f"{opts.text_column!r} must be a string, got {json_type(text)}")
    if not text.strip():
        return Rejected(origin, SKIPPED, f"empty {opts.text_column!r}")
    doc_id = record.get(opts.id_column)
    if doc_id is not None:
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
            return Rejected(origin, FAILED, f"{opts.id_column!r} must be a string or integer, got {json_type(doc_id)}")
        doc_id = str(doc_id).strip() or None
    try:
        when = parse_input_date(record.get(opts.date_column))
    except ValueError as exc:
        return Rejected(origin, FAILED, f"{opts.date_column!r}: {exc}")
    optional: dict[str, str | None] = {}
    for key, column in (("title", opts.title_column), ("url", opts.url_column), ("source", "source")):
        value = record.get(column) if column else None
        if value is not None and not isinstance(value, str):
            return Rejected(origin, FAILED, f"{column!r} must be a string, got {json_type(value)}")
        optional[key] = value or None
    return RawDoc(text=text, origin=origin, doc_id=doc_id, date=when, **optional)


def read_jsonl(stream: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    inputs = 0
    for line in iter_lines(stream, opts.max_bytes):
        where = f"{origin}:line {line.number}"
        if line.error:
            inputs += 1
            yield Rejected(where, SKIPPED, line.error)
            continue
        if not line.text.strip():
            continue
        inputs += 1
        try:
            record = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield Rejected(where, FAILED, f"invalid JSON at line {line.number}: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield Rejected(where, FAILED, f"invalid JSON at line {line.number}: nested too deeply")
            continue
        yield record_to_doc(record, where, opts)
    if inputs == 0:
        yield Rejected(origin, SKIPPED, "empty file (no JSON lines)")
