"""CSV and TSV: one article per row, columns named by the options (``text_column`` ...).

The header row names the columns; a file whose header lacks the text column is one
``failed`` rejection. Each data row is an input (``path:row 3``, counting data rows from 1).
Quoted fields may span lines; a field may be as long as ``max_bytes``.
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import BinaryIO

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected
from tacitus.sources.decode import iter_lines
from tacitus.sources.jsonl import record_to_doc

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(
    stream: BinaryIO, origin: str, opts: ReadOptions, delimiter: str = ","
) -> Iterator[RawDoc | Rejected]:
    problems: list[Rejected] = []

    def lines() -> Iterator[str]:
        for line in iter_lines(stream, opts.max_bytes):
            if line.error:
                problems.append(Rejected(f"{origin}:line {line.number}", SKIPPED, line.error))
                continue
            # cleaning turned a stray CR, VT or FF inside the line into "\n", which the csv
            # module would read as the end of an unquoted field's line: keep it a space
            yield line.text.replace("\n", " ") + "\n"

    reader = csv.reader(lines(), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    row_number = 0
    while True:
        try:
            row: list[str] | csv.Error | None = next(reader)
        except StopIteration:
            row = None
        except csv.Error as exc:
            row = exc
        yield from problems
        problems.clear()
        if row is None:
            break
        if isinstance(row, csv.Error):
            row_number += 1
            yield Rejected(f"{origin}:row {row_number}", FAILED, f"malformed CSV near line {reader.line_num}: {row}")
            continue
        if header is None:
            if not any(cell.strip() for cell in row):
                continue
            header = [cell.strip() for cell in row]
            if opts.text_column not in header:
                yield Rejected(origin, FAILED, f"no {opts.text_column!r} column in the header {header[:10]}")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank line: not a row
        row_number += 1
        where = f"{origin}:row {row_number}"
        record = {name: (row[i] if i < len(row) else None) for i, name in enumerate(header)}
        record = {k: (v if v != "" else None) for k, v in record.items()}
        if record.get(opts.text_column) is None:
            yield Rejected(where, SKIPPED, f"empty {opts.text_column!r}"
                           + (f" (row has {len(row)} fields, header has {len(header)})" if len(row) < len(header) else ""))
            continue
        yield record_to_doc(record, where, opts)
    if header is None:
        yield Rejected(origin, SKIPPED, "empty file (no header row)")
    elif row_number == 0:
        yield Rejected(origin, SKIPPED, "no data rows after the header")
