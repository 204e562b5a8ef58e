"""``tacitus eval``: scoring the coder on gold sets.

Two gold formats are read:

* PETRARCH-style records ``{id, date, text, expected: [[source, target, code], ...]}``
  (the suites in ``shared/data/petrarch2`` and the project's own real-news set): scored
  exactly as the suites' runners do, by exact (source, target, code) triples per record,
  with a lenient figure (3-letter actor prefix, 2-digit root), per category;
* PLOVER gold records ``{id, text, event, actors: [{code, ...}], ...}``: the share of
  sentences whose PLOVER event type Tacitus finds, and whose source actor country it finds.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .model import Article
from .petrarch.scoring import score


def read_gold(path: Path) -> list[dict]:
    records = []
    with Path(path).open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError(f"{path}:{number}: a record needs a 'text' string")
            records.append(rec)
    return records


def record_date(value) -> date | None:
    from .timex import parse_iso_date

    if not value:
        return None
    try:
        return parse_iso_date(str(value))
    except ValueError:
        return None


def code_records(records: list[dict], dictionaries: Path | None = None) -> dict[int, list]:
    """Code every record's text once; returns events by record position."""
    from .pipeline import Failure, Pipeline

    pipe = Pipeline(dictionaries)
    articles = []
    for i, rec in enumerate(records):
        text = rec["text"] if not rec.get("context") else f"{rec['context']} {rec['text']}"
        articles.append(Article(doc_id=str(i), text=text, published=record_date(rec.get("date"))))
    out: dict[int, list] = {}
    failed: list[dict] = []
    for i, result in enumerate(pipe.code_many(articles, batch_size=32)):
        if isinstance(result, Failure):
            out[i] = []
            failed.append({"id": records[i].get("id"), "reason": result.reason})
            continue
        events = result.events
        rec = records[i]
        if rec.get("context"):
            # only the gold sentence's events count, not the context's
            start = len(rec["context"]) + 1
            events = [e for e in events if e.char_span[1] > start]
        out[i] = events
    out["failed"] = failed  # type: ignore[index]
    return out


def _triple(e) -> tuple[str, str, str]:
    return (e.source.code, e.target.code if e.target else "---", e.cameo)


def evaluate_with_dictionaries(records: list[dict], dictionaries: Path, *, verbs_file: str | None = None,
                               drop_null: bool = False, split_slash_codes: bool = False) -> dict:
    """Score the PETRARCH-dictionary coder the way the suites' own runners do."""
    from .nlp import get_nlp
    from .petrarch import Dictionaries, PetrarchCoder
    from .petrarch.suites import evaluate

    coder = PetrarchCoder(Dictionaries.load(Path(dictionaries), verbs_file=verbs_file), split_slash_codes=split_slash_codes)
    result = evaluate(records, coder, get_nlp(), drop_null=drop_null)
    result["kind"] = "cameo"
    result["coding_failures"] = []
    return result


def evaluate_records(records: list[dict], dictionaries: Path | None = None, **dictionary_options) -> dict:
    if dictionaries is not None and records and "expected" in records[0]:
        return evaluate_with_dictionaries(records, dictionaries, **dictionary_options)
    coded = code_records(records, dictionaries)
    if records and "expected" not in records[0] and "event" in records[0]:
        return _plover(records, coded)
    index = {id(r): i for i, r in enumerate(records)}
    result = score(records, lambda rec: [_triple(e) for e in coded[index[id(rec)]]])
    result["kind"] = "cameo"
    result["coding_failures"] = coded["failed"]
    return result


def _plover(records: list[dict], coded: dict[int, list]) -> dict:
    n = event_ok = source_ok = with_event = 0
    by_type: dict[str, dict] = {}
    failures = []
    for i, rec in enumerate(records):
        n += 1
        gold_type = (rec.get("event") or "").upper()
        events = coded[i]
        types = {(e.plover or {}).get("event_type", "").upper() for e in events}
        countries = {e.source.code[:3] for e in events}
        gold_countries = {(a.get("code") or "")[:3] for a in rec.get("actors") or []}
        ok_type = gold_type in types
        ok_src = bool(gold_countries & countries)
        with_event += bool(events)
        event_ok += ok_type
        source_ok += ok_src
        row = by_type.setdefault(gold_type, {"records": 0, "event_type_right": 0})
        row["records"] += 1
        row["event_type_right"] += ok_type
        if not ok_type:
            failures.append({"id": rec.get("id"), "expected": gold_type, "coded": sorted(t for t in types if t)})
    pct = lambda k: round(100.0 * k / (n or 1), 1)  # noqa: E731
    return {
        "kind": "plover",
        "coding_failures": coded["failed"],
        "total": {
            "records": n,
            "records_with_events": with_event,
            "event_type_right": event_ok,
            "event_type_pct": pct(event_ok),
            "source_country_right": source_ok,
            "source_country_pct": pct(source_ok),
        },
        "by_category": {k: {**v, "event_type_pct": round(100.0 * v["event_type_right"] / v["records"], 1)} for k, v in sorted(by_type.items())},
        "failures": failures,
    }


def evaluate_file(path: Path, dictionaries: Path | None = None, **dictionary_options) -> dict:
    result = evaluate_records(read_gold(path), dictionaries, **dictionary_options)
    result["gold"] = str(path)
    result["dictionaries"] = str(dictionaries) if dictionaries else None
    return result


def format_report(result: dict) -> str:
    t = result["total"]
    lines = [f"gold: {result.get('gold')}" + (f"  dictionaries: {result['dictionaries']}" if result.get("dictionaries") else "")]
    for f in result.get("coding_failures", []):
        lines.append(f"  coding failed on {f['id']}: {f['reason']}")
    if result["kind"] == "plover":
        lines.append(
            f"records {t['records']}  with events {t['records_with_events']}  "
            f"PLOVER event type right {t['event_type_right']} ({t['event_type_pct']}%)  "
            f"source country right {t['source_country_right']} ({t['source_country_pct']}%)"
        )
        for cat, row in result["by_category"].items():
            lines.append(f"  {cat:<14} {row['records']:>4} records  event type {row['event_type_pct']:>5}%")
        return "\n".join(lines)
    lines.append(
        f"records {t['records']}  expected {t['expected']}  correct {t['correct']}  missed {t['missed']}  extra {t['extra']}"
    )
    lines.append(
        f"found {t['found_pct']}%  extra {t['extra_pct']}% (of expected)  records exactly right {t['exact']} ({t['exact_pct']}%)  lenient found {t['lenient_found_pct']}%"
    )
    lines.append(f"{'category':<14} {'records':>7} {'expected':>8} {'correct':>7} {'missed':>6} {'extra':>5} {'found%':>6} {'exact%':>6}")
    for cat, row in result["by_category"].items():
        lines.append(
            f"{cat:<14} {row['records']:>7} {row['expected']:>8} {row['correct']:>7} {row['missed']:>6} {row['extra']:>5} {row['found_pct']:>6} {row['exact_pct']:>6}"
        )
    return "\n".join(lines)
