"""Where the actors, the trigger, the place and the date of an event are in its sentence.

The dashboard marks these spans; computing them here keeps the page free of text logic.
"""
from __future__ import annotations

import re
from typing import Any

KINDS = ("source", "target", "trigger", "place", "date")


def _occurrences(sentence: str, words: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``words`` (exact case first, else any case)."""
    pattern = r"(?<!\w)" + re.escape(words.strip()) + r"(?!\w)"
    for flags in (0, re.IGNORECASE):
        found = [(m.start(), m.end()) for m in re.finditer(pattern, sentence, flags)]
        if found:
            return found
    return []


def _free(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return all(span[1] <= s or span[0] >= e for s, e in taken)


def _same_place(place: dict[str, Any], location: dict[str, Any]) -> bool:
    """Whether a place named in the article is the event's location."""
    if not location:
        return False
    if place.get("geonames_id") is not None and location.get("geonames_id") is not None:
        return place["geonames_id"] == location["geonames_id"]
    return (place.get("name"), place.get("country")) == (location.get("name"), location.get("country"))


def sentence_highlights(event: dict[str, Any], document: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Spans ``{"kind", "start", "end", "text"}`` in ``event["sentence"]``, in order, not overlapping.

    Actors and the trigger are found by their words in the sentence. Dates are the
    document's resolved dates whose article offsets fall in the sentence (``char_span``);
    the place is where the document names the event's location in the sentence, else
    the location's name found in the sentence. Other places in the sentence are not marked.
    """
    sentence = event.get("sentence") or ""
    wanted: list[tuple[str, list[tuple[int, int]]]] = []
    for kind, words in (
        ("source", (event.get("source") or {}).get("text")),
        ("target", (event.get("target") or {}).get("text")),
        ("trigger", (event.get("trigger") or {}).get("text")),
    ):
        if words and words.strip():
            wanted.append((kind, _occurrences(sentence, words)))
    span = event.get("char_span")
    location = event.get("location") or {}
    in_sentence = {"place": [], "date": []}
    if document and span:
        first, last = span
        for kind, key in (("place", "places"), ("date", "times")):
            for item in document.get(key) or []:
                start, end = item.get("start"), item.get("end")
                if kind == "place" and not _same_place(item, location):
                    continue
                if isinstance(start, int) and isinstance(end, int) and first <= start < end <= last:
                    in_sentence[kind].append((start - first, end - first))
    if not in_sentence["place"] and location.get("name"):
        in_sentence["place"] = _occurrences(sentence, location["name"])
    wanted += [("place", in_sentence["place"]), ("date", in_sentence["date"])]

    taken: list[tuple[int, int]] = []
    spans = []
    for kind, candidates in wanted:
        for candidate in candidates:
            if _free(candidate, taken):
                taken.append(candidate)
                spans.append({"kind": kind, "start": candidate[0], "end": candidate[1],
                              "text": sentence[candidate[0]:candidate[1]]})
                if kind in ("source", "target", "trigger"):
                    break
    return sorted(spans, key=lambda s: s["start"])
