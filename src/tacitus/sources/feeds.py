"""RSS and Atom feeds via feedparser: each item becomes an Article.

The item's text is its full content when the feed carries it, else its summary (HTML
markup removed); its link is the URL, its ``published``/``updated`` date the date and
its guid the id. Feeds that declare XML entities are refused before parsing (no
entity expansion, no "billion laughs"); feedparser never fetches external entities.
``fetch_feed(url)`` downloads a feed (for ``tacitus watch``) with a size cap and a timeout.
"""
from __future__ import annotations

import io
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

import feedparser
import lxml.html

from tacitus.sources.base import FAILED, SKIPPED, RawDoc, ReadOptions, Rejected
from tacitus.sources.decode import NotText, decode_bytes, guess_encoding
from tacitus.sources.text import read_bounded

_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary), paragraphs kept as lines."""
    if not _TAG.search(fragment):
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some garbage outright: fall back to dropping tags
        return _TAG.sub(" ", fragment)
    for br in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4"):
        br.tail = "\n" + (br.tail or "")
    return root.text_content().strip()


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (ValueError, AttributeError):
                continue
    return None


def _entry_text(entry) -> str:
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, dict) else None
        if value and value.strip():
            return html_fragment_text(value)
    summary = entry.get("summary") or entry.get("description") or ""
    return html_fragment_text(summary) if isinstance(summary, str) else ""


def parse_feed_bytes(data: bytes, origin: str) -> Iterator[RawDoc | Rejected]:
    """The items of a feed document, or one rejection for a feed that cannot be read."""
    enc = guess_encoding(data[:4096])
    probe = data[enc.bom_length :].decode(enc.name, errors="replace").encode("utf-8") if enc else data
    if _ENTITY_DECLARATION.search(probe):
        yield Rejected(origin, FAILED, "XML entity declarations are not allowed (possible entity-expansion attack)")
        return
    try:
        decode_bytes(data[:65536])
    except NotText as exc:
        yield Rejected(origin, FAILED, str(exc))
        return
    try:
        # A stream, never bytes or str: feedparser would treat those as a file name or URL.
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # feedparser is defensive, but never let one feed stop a batch
        yield Rejected(origin, FAILED, f"feed could not be parsed: {type(exc).__name__}: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and not parsed.get("feed"):
            problem = parsed.get("bozo_exception")
            yield Rejected(origin, FAILED, f"malformed feed XML: {problem}")
        elif parsed.get("version"):
            yield Rejected(origin, SKIPPED, "feed has no items")
        else:
            yield Rejected(origin, FAILED, "not an RSS or Atom feed")
        return
    channel = parsed.get("feed") or {}
    source = channel.get("title") if isinstance(channel.get("title"), str) else None
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#item {number}"
        text = _entry_text(entry)
        title = entry.get("title") if isinstance(entry.get("title"), str) else None
        if not text.strip():
            yield Rejected(where, SKIPPED, "feed item has no summary or content text")
            continue
        guid = entry.get("id") if isinstance(entry.get("id"), str) else None
        link = entry.get("link") if isinstance(entry.get("link"), str) else None
        yield RawDoc(
            text=text, origin=where, doc_id=guid or link or None, title=title, url=link,
            source=source, page_date=_entry_date(entry),
            declared_lang=(channel.get("language") if isinstance(channel.get("language"), str) else None),
        )


def read_feed(stream: BinaryIO, origin: str, opts: ReadOptions) -> Iterator[RawDoc | Rejected]:
    data = read_bounded(stream, origin, opts)
    if isinstance(data, Rejected):
        yield data
        return
    yield from parse_feed_bytes(data, origin)


def fetch_feed(url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000,
               opts: ReadOptions | None = None) -> Iterator:
    """Download a feed and yield its items as Articles (or Rejected records).

    Network errors, HTTP errors and oversized responses are a single ``failed`` rejection.
    """
    from tacitus.sources.base import finish

    opts = opts or ReadOptions(max_bytes=max_bytes)
    if not url.lower().startswith(("http://", "https://")):
        yield Rejected(url, FAILED, "could not fetch feed: only http:// and https:// URLs are fetched")
        return
    request = urllib.request.Request(url, headers={"User-Agent": "tacitus (+https://github.com/)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - user-given feed URL
            data = response.read(max_bytes + 1)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        yield Rejected(url, FAILED, f"could not fetch feed: {exc}")
        return
    if len(data) > max_bytes:
        yield Rejected(url, SKIPPED, f"too large: more than max_bytes ({max_bytes} bytes)")
        return
    for item in parse_feed_bytes(data, url):
        yield item if isinstance(item, Rejected) else finish(item, opts)
