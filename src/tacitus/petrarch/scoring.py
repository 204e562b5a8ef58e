"""Scoring a coder on PETRARCH-family suites the way their runners do.

Per record, coded events are compared with the expected ones as exact (source, target, code)
triples (multisets). Records with `included` false are not scored. A record that expects no
events (`expect_no_events`, or an `expected_error` such as a sentence/story discard) is right
when nothing is coded. A lenient figure compares only the 3-letter actor prefix and the 2-digit
root of the event code.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable

Triple = tuple[str, str, str]


def _lenient(triple: Triple) -> Triple:
    source, target, code = triple
    return (source[:3], target[:3], code[:2])


def _blank() -> dict:
    return {"records": 0, "expected": 0, "correct": 0, "missed": 0, "extra": 0, "exact": 0,
            "lenient_correct": 0}


def _finish(row: dict) -> dict:
    expected = row["expected"] or 1
    row["found_pct"] = round(100.0 * row["correct"] / expected, 1)
    row["extra_pct"] = round(100.0 * row["extra"] / expected, 1)
    row["exact_pct"] = round(100.0 * row["exact"] / (row["records"] or 1), 1)
    row["lenient_found_pct"] = round(100.0 * row["lenient_correct"] / expected, 1)
    return row


def score(records: list[dict], predict: Callable[[dict], list[Triple]], *,
          drop_null: bool = False) -> dict:
    """Score `predict` over the included records.

    `drop_null` drops coded events whose source or target is exactly '---' before comparing,
    as the UniversalPetrarch runner did for the 2_02 suite.

    Returns {"total": {...}, "by_category": {category: {...}}, "failures": [...]} where each
    row has records, expected, correct, missed, extra, exact (records exactly right),
    lenient_correct and the percentages found_pct, extra_pct (of expected events), exact_pct
    (of records), lenient_found_pct. `failures` lists (id, expected, coded) for wrong records.
    """
    total = _blank()
    by_category: dict[str, dict] = {}
    failures = []
    for record in records:
        if not record.get("included", True):
            continue
        expected = Counter(tuple(t) for t in record.get("expected") or [])
        if record.get("expect_no_events") or record.get("expected_error"):
            expected = Counter()
        coded = Counter(tuple(t) for t in predict(record)
                        if not (drop_null and "---" in (t[0], t[1])))
        correct = sum((expected & coded).values())
        lenient = sum((Counter(map(_lenient, expected.elements()))
                       & Counter(map(_lenient, coded.elements()))).values())
        row = {
            "records": 1,
            "expected": sum(expected.values()),
            "correct": correct,
            "missed": sum(expected.values()) - correct,
            "extra": sum(coded.values()) - correct,
            "exact": int(expected == coded),
            "lenient_correct": lenient,
        }
        category = by_category.setdefault(record.get("category", "?"), _blank())
        for key, value in row.items():
            total[key] += value
            category[key] += value
        if not row["exact"]:
            failures.append({"id": record.get("id"), "category": record.get("category"),
                             "expected": sorted(expected.elements()),
                             "coded": sorted(coded.elements())})
    return {
        "total": _finish(total),
        "by_category": {k: _finish(v) for k, v in sorted(by_category.items())},
        "failures": failures,
    }
