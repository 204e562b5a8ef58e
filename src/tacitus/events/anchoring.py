"""Tying an event to the time expression and the place its sentence gives it.

An expression belongs to an event when the parse attaches it to the trigger or to
a word of the trigger's governing chain ("*on Tuesday*", "a visit ... scheduled
*for May 16-17*"), not when it hangs from another clause ("established by Mao
*in 1949*" is not the date of a visit).
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..model import Place, TimeExpr
from .syntax import chain_up

LOCATIVE_PREPS = {"in", "at", "to", "near", "inside", "outside", "across", "into", "from"}


def event_region(trigger: Token) -> set[int]:
    """Token indices whose dependents describe the event itself."""
    chain = chain_up(trigger)
    region = {t.i for t in chain}
    for child in trigger.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.tag_ == "VBN":
            region.add(child.i)
    return region


def _attachment(doc: Doc, start: int, end: int) -> Token | None:
    """The first word outside [start, end) that the phrase there hangs from, skipping prepositions."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        head = tok.head
        if head.i == tok.i:
            return None
        if head.i < span.start or head.i >= span.end:
            if head.dep_ == "prep" or head.pos_ == "ADP":
                tok = head
                continue
            return head
        tok = head
    return None


def tie_time(trigger: Token, times: list[TimeExpr]) -> TimeExpr | None:
    """The event-date expression attached to the event, if its sentence has one."""
    region = event_region(trigger)
    doc = trigger.doc
    best = None
    for t in times:
        if not t.is_event_date:
            continue
        head = _attachment(doc, t.start, t.end)
        if head is None:
            continue
        if head.i in region:
            return t
        if best is None and _governed_by(head, region) and head.pos_ not in ("VERB", "AUX"):
            best = t
    return best


def _governed_by(tok: Token, region: set[int]) -> bool:
    for _ in range(3):
        if tok.i in region:
            return True
        if tok.head.i == tok.i or tok.pos_ in ("VERB", "AUX"):
            return False
        tok = tok.head
    return tok.i in region


def place_at(places: list[Place], start: int, end: int) -> Place | None:
    for p in places:
        if p.start is not None and p.start < end and start < (p.end or p.start):
            return p
    return None


def tie_place(trigger: Token, places: list[Place], target_span: tuple[int, int] | None, visit_like: bool) -> Place | None:
    """The place the sentence says the event happens in."""
    if visit_like and target_span is not None:
        p = place_at(places, *target_span)
        if p is not None and p.precision in ("city", "admin1", "point", "country"):
            return p
    region = event_region(trigger)
    for i in sorted(region):
        tok = trigger.doc[i]
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS - {"from"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        p = place_at(places, obj.left_edge.idx, obj.idx + len(obj))
                        if p is not None:
                            return p
    return None
