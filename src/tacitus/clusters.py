"""The same real-world event, reported in several sentences or stories, merged into one cluster.

Each coded event is one *mention*. Mentions are clustered by these rules:

1. **Same event type and dyad.** Same source and target at the country and role level
   (the first 6 characters of the CAMEO actor codes: ``RUSGOVMIL`` -> ``RUSGOV``; a missing
   target is its own value), same CAMEO root (2 digits), and both negated or both not
   (``negated`` mentions never merge with reports that it happened). Reciprocal directions
   (A->B, B->A) are separate events. Only mentions in one such *group* are compared, which
   is what lets the store pre-group millions of events in SQL.
2. **Compatible dates**, by the precision of ``event_date``:

   * *day* dates (``2024-05-16``, or a range to ``event_date_end``) and mentions without an
     event date but with a publication date (dated on the publication day) are *precise*.
     A precise mention joins a cluster when the gap between its day range and the cluster's
     *anchor* (the day range of the cluster's first precise mention, in date order) is at most
     ``window_days`` (overlapping ranges have gap 0). Measuring from the anchor, not from the
     last member, stops chains of daily events from growing into one long cluster.
   * *month* and *year* dates (``2024-05``, ``2023``) are *loose*: such a mention joins a
     precise cluster whose anchor falls inside its month or year only when exactly one
     compatible cluster does (an ambiguous "in 2023" is not forced onto one of several
     events); otherwise it joins the loose mentions with the same period value and place.
     A loose mention never moves an anchor.
   * mentions with no date at all join only each other (per group and place).
3. **Compatible places**: the same place, or either missing, or one is a country- or
   admin1-level place (or a region) and the other lies in the same country (``China``
   is compatible with ``Beijing``; ``Beijing`` is not compatible with ``Harbin``). A cluster
   takes the most specific place of its members, so once it holds Beijing, Harbin stays out.

When a mention fits several clusters it joins the one with the smallest date gap, then
the most mentions, then the one created first. Processing order is fixed (date, then
publication, doc_id, sentence index, event_id), so the result is deterministic.

Each cluster's *representative* is its most specific code (4 digits before 3), then the
highest confidence, then the earliest mention (publication date, doc_id, sentence index,
event_id). ``cluster_id`` is ``cluster_id_for(representative event_id)``: the first 53 bits of
its sha256, the same number the GDELT export uses as GLOBALEVENTID (so a single-mention
cluster keeps the id the event had before clustering). Adding mentions can change the
representative and hence the id.

Counts: ``num_mentions`` (mentions), ``num_articles`` (distinct doc_ids), ``num_sources``
(distinct outlets: the article's ``source``, else its URL host without ``www.``, else its
doc_id), ``first_seen``/``last_seen`` (publication dates), ``avg_tone`` (mean over the
cluster's articles of each article's tone: ``doc_tone`` when given, else the mean of its
mentions' ``tone``). The store (``tacitus.store.clusters``) also counts near-duplicate copies.
"""
from __future__ import annotations

import bisect
import calendar
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import urlparse

PRECISE, LOOSE, UNDATED = 0, 1, 2
_EPOCH = date(1970, 1, 1).toordinal()
_CONTAINER_PRECISIONS = frozenset({"country", "admin1", "region"})


def cluster_id_for(event_id: str) -> int:
    """A cluster's id from its representative's event_id: the first 53 bits of sha256."""
    return int.from_bytes(hashlib.sha256(event_id.encode("utf-8")).digest()[:8], "big") >> 11


def actor_key(code: str | None) -> str:
    """Country and role level of a CAMEO actor code: its first 6 characters ('' when missing)."""
    return (code or "")[:6]


def outlet_of(source: str | None, url: str | None, doc_id: str) -> str:
    """The outlet an article came from: its source, else its URL host (no ``www.``), else its doc_id."""
    if source and source.strip():
        return source.strip()
    if url:
        host = urlparse(url).netloc.lower().split("@")[-1].split(":")[0]
        if host:
            return host[4:] if host.startswith("www.") else host
    return doc_id


@lru_cache(maxsize=65536)
def date_span(event_date: str | None, event_date_end: str | None, published: str | None) -> tuple[int, int, int]:
    """``(kind, first_day, last_day)`` of a mention, days counted from 1970-01-01.

    kind is PRECISE (a day or day range, or the publication day when there is no event
    date), LOOSE (a month or a year) or UNDATED. Unparseable dates raise ValueError.
    """
    if event_date:
        try:
            if len(event_date) == 10:
                first = date.fromisoformat(event_date).toordinal() - _EPOCH
                last = first
                end = _day_or_none(event_date_end)
                if end is not None:
                    last = max(first, end)
                return PRECISE, first, last
            if len(event_date) == 7:
                year, month = int(event_date[:4]), int(event_date[5:7])
                days = calendar.monthrange(year, month)[1]
                return LOOSE, date(year, month, 1).toordinal() - _EPOCH, date(year, month, days).toordinal() - _EPOCH
            if len(event_date) == 4:
                year = int(event_date)
                return LOOSE, date(year, 1, 1).toordinal() - _EPOCH, date(year, 12, 31).toordinal() - _EPOCH
        except ValueError:
            pass
        raise ValueError(f"event_date {event_date!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    if published:
        day = date.fromisoformat(str(published)[:10]).toordinal() - _EPOCH
        return PRECISE, day, day
    return UNDATED, 0, 0


def _day_or_none(value: str | None) -> int | None:
    """An ISO day as a day number; None when missing, partial or not a date (ends of ranges)."""
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value).toordinal() - _EPOCH
    except ValueError:
        return None


class PlaceKey(NamedTuple):
    name: str
    country: str | None
    precision: str | None
    geonames_id: int | None


def place_key(name: str | None, country: str | None, precision: str | None, geonames_id: int | None) -> PlaceKey | None:
    return PlaceKey(name.strip().lower(), country, precision, geonames_id) if name else None


def _is_container(p: PlaceKey) -> bool:
    return p.precision in _CONTAINER_PRECISIONS


def places_compatible(a: PlaceKey | None, b: PlaceKey | None) -> bool:
    """Same place, either missing, or a country/admin1/region containing the other (same country)."""
    if a is None or b is None:
        return True
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.name == b.name and a.country == b.country:
        return True
    if a.precision == "region" or b.precision == "region":
        return True
    return (_is_container(a) or _is_container(b)) and a.country is not None and a.country == b.country


def _more_specific(current: PlaceKey | None, new: PlaceKey | None) -> PlaceKey | None:
    if current is None:
        return new
    if new is not None and _is_container(current) and not _is_container(new):
        return new
    return current


class MentionKey(NamedTuple):
    """What the clustering rules look at for one mention (built by ``mention_key``)."""

    group: tuple
    kind: int
    first: int
    last: int
    period: str | None
    place: PlaceKey | None
    order: tuple


def mention_key(
    *, event_id: str, doc_id: str, sentence_index: int, source_code: str | None, target_code: str | None,
    cameo_root: str, modality: str | None, event_date: str | None, event_date_end: str | None,
    published: Any, location_name: str | None, location_country: str | None,
    location_precision: str | None, location_geonames_id: int | None,
) -> MentionKey:
    pub = None if published is None else str(published)[:10]
    try:
        kind, first, last = date_span(event_date, event_date_end, pub)
    except ValueError as err:
        raise ValueError(f"event {event_id!r}: {err}") from None
    group = (actor_key(source_code), actor_key(target_code), cameo_root, modality == "negated")
    place = place_key(location_name, location_country, location_precision, location_geonames_id)
    return MentionKey(group, kind, first, last, event_date if kind == LOOSE else None, place,
                      (pub or "9999", doc_id, sentence_index, event_id))


@dataclass
class _Open:
    number: int
    first: int
    last: int
    place: PlaceKey | None
    size: int = 0


def assign_clusters(keys: Sequence[MentionKey], window_days: int = 2) -> list[int]:
    """Cluster number of each mention (numbers are the index of the cluster's first mention)."""
    _check_window(window_days)
    result = [-1] * len(keys)
    groups: dict[tuple, list[int]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(k.group, []).append(i)
    for members in groups.values():
        if len(members) == 1:
            result[members[0]] = members[0]
            continue
        members.sort(key=lambda i: (keys[i].kind, keys[i].first, keys[i].last, keys[i].order))
        numbers = cluster_sorted_group(
            [keys[i].kind for i in members], [keys[i].first for i in members], [keys[i].last for i in members],
            [keys[i].period for i in members], [keys[i].place for i in members], window_days)
        for i, n in zip(members, numbers):
            result[i] = members[n]
    return result


def _check_window(window_days: int) -> None:
    if not isinstance(window_days, int) or window_days < 0:
        raise ValueError(f"window_days={window_days!r}: must be a whole number of days, 0 or more")


def cluster_sorted_group(
    kinds: Sequence[int], firsts: Sequence[int], lasts: Sequence[int], periods: Sequence[str | None],
    places: Sequence[PlaceKey | None], window: int,
) -> list[int]:
    """Clusters within one (dyad, root, negated) group whose mentions are already in processing
    order (kind, first day, last day, then publication/doc/sentence/event id). Returns, for each
    mention, the position of its cluster's first mention."""
    result = [0] * len(kinds)
    precise: list[_Open] = []  # in anchor-start order
    starts: list[int] = []
    longest = 0
    active: list[_Open] = []
    others: dict[tuple, list[_Open]] = {}  # loose by period, undated by None
    for i, kind in enumerate(kinds):
        first, last, place = firsts[i], lasts[i], places[i]
        if kind == PRECISE:
            if any(c.last + window < first for c in active):
                active = [c for c in active if c.last + window >= first]
            best = None
            for c in active:
                gap = max(0, first - c.last, c.first - last)
                if gap <= window and (place is None or places_compatible(c.place, place)):
                    rank = (gap, -c.size, c.number)
                    if best is None or rank < best[0]:
                        best = (rank, c)
            if best is None:
                cluster = _Open(i, first, last, place)
                precise.append(cluster)
                starts.append(first)
                longest = max(longest, last - first)
                active.append(cluster)
            else:
                cluster = best[1]
                if place is not None:
                    cluster.place = _more_specific(cluster.place, place)
        else:
            cluster = None
            if kind == LOOSE:
                candidates = []
                j = bisect.bisect_right(starts, last) - 1
                while j >= 0 and starts[j] >= first - longest and len(candidates) < 2:
                    c = precise[j]
                    if c.last >= first and places_compatible(c.place, place):
                        candidates.append(c)
                    j -= 1
                if len(candidates) == 1:
                    cluster = candidates[0]
            if cluster is None:
                pool = others.setdefault((kind, periods[i]), [])
                cluster = next((c for c in pool if places_compatible(c.place, place)), None)
                if cluster is None:
                    cluster = _Open(i, first, last, place)
                    pool.append(cluster)
            cluster.place = _more_specific(cluster.place, place)
        cluster.size += 1
        result[i] = cluster.number
    return result


def representative_rank(cameo: str | None, confidence: float | None, order: tuple) -> tuple:
    """Sort key: the smallest is the representative (most specific code, confidence, earliest)."""
    return (-len(cameo or ""), -(confidence if confidence is not None else 0.0), order)


@dataclass
class Cluster:
    """One real-world event and every mention of it."""

    cluster_id: int
    representative: dict[str, Any]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    num_mentions: int = 0
    num_sources: int = 0
    num_articles: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    avg_tone: float | None = None

    @property
    def event_ids(self) -> list[str]:
        return [m["event_id"] for m in self.mentions]


def _get(d: Mapping | None, key: str) -> Any:
    return d.get(key) if d else None


def _key_of(event: Mapping[str, Any]) -> MentionKey:
    for required in ("event_id", "doc_id", "cameo_root", "source"):
        if event.get(required) is None:
            raise ValueError(f"event {event.get('event_id')!r}: missing {required!r}")
    loc = event.get("location")
    return mention_key(
        event_id=event["event_id"], doc_id=event["doc_id"], sentence_index=event.get("sentence_index") or 0,
        source_code=_get(event["source"], "code"), target_code=_get(event.get("target"), "code"),
        cameo_root=event["cameo_root"], modality=event.get("modality"), event_date=event.get("event_date"),
        event_date_end=event.get("event_date_end"), published=event.get("published"),
        location_name=_get(loc, "name"), location_country=_get(loc, "country"),
        location_precision=_get(loc, "precision"), location_geonames_id=_get(loc, "geonames_id"),
    )


def cluster_events(
    events: Sequence[Mapping[str, Any]], window_days: int = 2, *, outlets: Mapping[str, str] | None = None,
) -> list[Cluster]:
    """Merge event records (``spec/event.schema.json`` dicts) into clusters, see the module doc.

    The outlet of each mention is ``outlets[doc_id]``, else the event dict's own ``outlet``
    key, else ``outlet_of(article_source, article_url, doc_id)`` from those optional keys.
    Clusters come in order of their first mention.
    """
    keys = [_key_of(e) for e in events]
    numbers = assign_clusters(keys, window_days)
    members: dict[int, list[int]] = {}
    for i, n in enumerate(numbers):
        members.setdefault(n, []).append(i)
    clusters = []
    for n in sorted(members, key=lambda n: (keys[n].first, keys[n].order)):
        idx = sorted(members[n], key=lambda i: keys[i].order)
        rep = min(idx, key=lambda i: representative_rank(events[i].get("cameo"), events[i].get("confidence"), keys[i].order))
        mentions = [_mention(events[i], outlets) for i in idx]
        published = sorted(str(m["published"])[:10] for m in mentions if m["published"])
        clusters.append(Cluster(
            cluster_id=cluster_id_for(events[rep]["event_id"]),
            representative=dict(events[rep]),
            mentions=mentions,
            num_mentions=len(mentions),
            num_sources=len({m["outlet"] for m in mentions}),
            num_articles=len({m["doc_id"] for m in mentions}),
            first_seen=published[0] if published else None,
            last_seen=published[-1] if published else None,
            avg_tone=_avg_tone([events[i] for i in idx]),
        ))
    return clusters


def _mention(event: Mapping[str, Any], outlets: Mapping[str, str] | None) -> dict[str, Any]:
    span = event.get("char_span") or (None, None)
    outlet = (outlets or {}).get(event["doc_id"]) or event.get("outlet") or outlet_of(
        event.get("article_source"), event.get("article_url"), event["doc_id"])
    return {
        "event_id": event["event_id"], "doc_id": event["doc_id"], "sentence_index": event.get("sentence_index"),
        "sentence": event.get("sentence"), "char_start": span[0], "char_end": span[1],
        "outlet": outlet, "published": event.get("published"),
    }


def _avg_tone(events: list[Mapping[str, Any]]) -> float | None:
    per_doc: dict[str, list[float]] = {}
    for e in events:
        tone = e.get("doc_tone") if e.get("doc_tone") is not None else e.get("tone")
        if tone is not None:
            per_doc.setdefault(e["doc_id"], []).append(float(tone))
    if not per_doc:
        return None
    doc_tones = [sum(t) / len(t) for t in per_doc.values()]
    return sum(doc_tones) / len(doc_tones)
