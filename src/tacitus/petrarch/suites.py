"""Running a PetrarchCoder over PETRARCH-family suite records (JSONL dicts)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .coder import PetrarchCoder
from .common import parse_record_date
from .scoring import score


def load_records(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def record_date(record: dict) -> date | None:
    text = str(record.get("date") or "")
    try:
        return parse_record_date(text)
    except ValueError:
        return None


def _truthy(value) -> bool:
    return str(value).strip().lower() not in ("false", "0", "no")


def _whole_number(config: dict, key: str) -> int:
    try:
        return int(str(config[key]).strip())
    except ValueError:
        raise ValueError(f"config option {key} must be a whole number, not {config[key]!r}") from None


def balanced_parse(parse: str) -> bool:
    """True when a bracketed (Penn Treebank) parse opens and closes the same phrases."""
    depth = 0
    for ch in parse:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def evaluate(records: list[dict], coder: PetrarchCoder, nlp, *, drop_null: bool = False) -> dict:
    """Parse each included record's `text` with `nlp` and score the coder (see scoring.score).

    A record's `config.require_dyad` overrides the coder's setting for that record;
    its `new_actor_length` and `comma_*` options change the coder's comma-clause limits (when it removes comma
    clauses at all); `drop_null` is passed on to scoring.score. A record whose supplied parse (`parse_ptb`) is
    unbalanced is bad input and codes nothing, as PETRARCH rejects it.
    """
    included = [r for r in records if r.get("included", True)]
    docs = {id(r): doc for r, doc in zip(included, nlp.pipe(r["text"] for r in included))}

    def predict(record: dict) -> list[tuple[str, str, str]]:
        doc = docs[id(record)]
        if record.get("parse_ptb") and not balanced_parse(record["parse_ptb"]):
            return []
        defaults = (coder.require_dyad, coder.comma_limits, coder.new_actor_length)
        config = record.get("config") or {}
        if "require_dyad" in config:
            coder.require_dyad = _truthy(config["require_dyad"])
        if "new_actor_length" in config:
            coder.new_actor_length = _whole_number(config, "new_actor_length")
        if coder.comma_limits is not None:
            coder.comma_limits = coder.comma_limits.with_config(config)
        try:
            triples = []
            for sent in doc.sents:
                triples.extend(t.key() for t in coder.code(sent, record_date(record)))
            return triples
        finally:
            coder.require_dyad, coder.comma_limits, coder.new_actor_length = defaults

    return score(records, predict, drop_null=drop_null)
