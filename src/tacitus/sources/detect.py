"""Which reader an input needs, judged by its content first and its file name second."""
from __future__ import annotations

import csv
import re

from tacitus.sources.decode import guess_encoding

FORMATS = ("text", "jsonl", "csv", "tsv", "html", "warc", "feed")
GZIP_MAGIC = b"\x1f\x8b"

_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".warc": "warc", ".arc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_MARK = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)


def extension_format(name: str) -> str | None:
    """The format a file name suggests (``story.jsonl.gz`` -> ``jsonl``), if any."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    dot = lower.rfind(".")
    return _EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


def _head_text(head: bytes) -> str:
    enc = guess_encoding(head)
    if enc:
        return head[enc.bom_length :].decode(enc.name, errors="replace")
    return head.decode("utf-8", errors="replace")


def sniff_format(name: str, head: bytes, text_column: str = "text") -> str:
    """The format of an input from its first bytes (already decompressed) and its name.

    WARC, feeds, HTML and JSON Lines are recognised by content whatever the extension;
    CSV/TSV by a header naming ``text_column`` (or by extension); anything else is text.
    """
    by_name = extension_format(name)
    if head.startswith(b"WARC/"):
        return "warc"
    text = _head_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("<"):
        window = text[:4096]
        has_html = re.search(r"<html\b", window, re.IGNORECASE) is not None
        if _FEED_ROOT.search(window) and not has_html:
            return "feed"
        if window.startswith("<?xml") and not has_html:
            return "feed"  # XML that is not (yet) recognisably a feed: the feed reader says why
        if _HTML_MARK.search(window):
            return "html"
        if by_name in ("html", "feed"):
            return by_name
    first_line = text.split("\n", 1)[0]
    if first_line.startswith("{"):
        return "jsonl"
    if by_name in ("csv", "tsv"):
        return by_name
    for delimiter, kind in (("\t", "tsv"), (",", "csv")):
        if delimiter in first_line:
            try:
                header = next(csv.reader([first_line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                continue
            if text_column in (cell.strip() for cell in header):
                return kind
    if by_name == "jsonl" and first_line.startswith("["):
        return "jsonl"  # the JSON Lines reader will say what is wrong line by line
    return "text"
