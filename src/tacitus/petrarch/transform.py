"""PETRARCH-2 verb transformations: an upper verb with a coded clause beneath it.

    ~ a (a b ATTACK) SAY = a b 015     "A said it attacked B"       -> A B 015 (claim)
    ~ a (b . ATTACK) SAY = a b 112     "A said B attacked (anyone)" -> A B 112 (accuse)
    ~ a (a b Q) SAY = a b Q            "A said it did Q to B"       -> A B Q
    ~ a (_ b ATTACK) WANT = a b 138    "A wants to attack B"        -> A B 138 (threaten)

`a` is the upper verb's source; inside the parentheses come the lower event's source and
target (`.` matches anything, `_` a subject taken from the upper verb) and its class:
`Q` is any code, a verb word (ATTACK) stands
for the 2-digit root of that verb's block code. The upper verb word stands for its whole block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .verbs_reader import VerbDictionary

_RULE = re.compile(r"^~\s*(\w)\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)"
                   r"\s*=\s*(\S+)\s+(\S+)\s+(\S+)")


@dataclass(frozen=True)
class Transformation:
    upper_block: int  # id() of the verb block the upper word belongs to
    lower_source: str  # 'a', 'b', '_' or '.'
    lower_target: str
    lower_root: str | None  # 2-digit code root; None = any code (Q)
    result: tuple[str, str, str]
    text: str


def compile_transformations(verbs: VerbDictionary) -> list[Transformation]:
    """The dictionary's `~` lines that name verbs it knows (others are skipped)."""
    rules = []
    for text in verbs.transformations:
        match = _RULE.match(text)
        if not match:
            continue
        _, lower_source, lower_target, lower, upper, *result = match.groups()
        upper_entries = verbs.entries_for(upper)
        if not upper_entries:
            continue
        root = None
        if lower != "Q":
            lower_entries = verbs.entries_for(lower)
            code = lower_entries[0].block.code.forward if lower_entries else None
            if code is None:
                continue
            root = code[:2]
        rules.append(Transformation(id(upper_entries[0].block), lower_source, lower_target,
                                    root, tuple(result), text))
    return rules


def apply(rule: Transformation, upper_source: str, lower: tuple[str, str, str]
          ) -> tuple[str, str, str] | None:
    """The transformed event, or None when the rule does not fit the lower event."""
    source, target, code = lower
    if rule.lower_root is not None and not code.startswith(rule.lower_root):
        return None
    names = {"a": upper_source, "Q": code}
    if rule.lower_source == "_" and source != upper_source:
        return None  # '_': the lower clause has no subject of its own ("A wants to attack B")
    for slot, value in ((rule.lower_source, source), (rule.lower_target, target)):
        if slot in ("_", "."):
            continue
        if slot in names and names[slot] != value:
            return None
        names[slot] = value
    try:
        return tuple(names.get(part, part) for part in rule.result)  # type: ignore[return-value]
    except KeyError:
        return None
