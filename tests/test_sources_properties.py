"""Generated garbage thrown at every reader: nothing raises, every input is accounted for.

An input is a file for text and HTML, a non-blank line for JSON Lines, a row for CSV, a
record for WARC and an item for feeds; each gives one Article or one Rejected (a file
may add one Rejected of its own, e.g. "truncated gzip").
"""
import csv
import gzip
import io
import json
import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.model import Article
from tacitus.sources import Rejected, read_inputs
from tacitus.sources.decode import clean_text

# TACITUS_HYPOTHESIS_EXAMPLES=1000 for a longer hunt.
FAST = settings(max_examples=int(os.environ.get("TACITUS_HYPOTHESIS_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMATS = ["auto", "text", "jsonl", "csv", "tsv", "html", "warc", "feed"]

# Text without NUL (NULs make a file look like UTF-16) and without lone surrogates.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=12,
)
records = st.fixed_dictionaries(
    {},
    optional={"id": json_values, "text": texts | json_values, "date": texts | st.sampled_from(["2024-05-14", "20240514", "2024-02-30"]),
              "title": texts | json_values, "url": texts},
)


def read(data: bytes, name: str, fmt: str = "auto", **kw):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / name
        p.write_bytes(data)
        items = list(read_inputs([str(p)], fmt, languages=None, **kw))
    assert all(isinstance(i, (Article, Rejected)) for i in items)
    for i in items:
        if isinstance(i, Rejected):
            assert i.status in ("skipped", "failed") and i.reason and i.origin
        else:
            assert i.text.strip() and i.doc_id and "\x00" not in i.text
            i.text.encode("utf-8")  # no lone surrogates survive
    return items


@FAST
@given(st.binary(max_size=3000), st.sampled_from(FORMATS), st.booleans())
def test_random_bytes_in_any_format(data, fmt, zipped):
    if zipped:
        data = gzip.compress(data)
    items = read(data, "input.dat", fmt)
    assert len(items) >= 1


@FAST
@given(st.binary(max_size=3000), st.sampled_from(["text", "html"]))
def test_one_item_per_file_for_text_and_html(data, fmt):
    assert len(read(data, "page", fmt)) == 1


@FAST
@given(texts, st.sampled_from(["text", "html", "auto"]), st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_random_unicode_files(text, fmt, codec):
    data = text.encode(codec, errors="replace")
    items = read(data, "story.txt", fmt)
    assert len(items) == 1 or fmt == "auto"


@FAST
@given(st.lists(json_values | records, max_size=12))
def test_random_json_lines_one_item_per_line(values):
    data = "\n".join(json.dumps(v) for v in values).encode()
    items = read(data, "batch.jsonl", "jsonl")
    assert len(items) == max(1, len(values))
    if values:
        assert [i.origin.rsplit(":line ", 1)[1] for i in items] == [str(n) for n in range(1, len(values) + 1)]


@FAST
@given(st.lists(texts, max_size=12))
def test_random_text_lines_as_jsonl(lines):
    lines = [line.replace("\n", " ") for line in lines]
    data = "\n".join(lines).encode()
    items = read(data, "batch.jsonl", "jsonl")
    assert len(items) == max(1, sum(1 for line in lines if clean_text(line).strip()))


@FAST
@given(st.lists(st.tuples(texts, texts), max_size=10), st.sampled_from([",", "\t"]))
def test_random_csv_rows_one_item_per_row(rows, delimiter):
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(["id", "text", "title"])
    for n, (text, title) in enumerate(rows):
        writer.writerow([f"row{n}", text, title])
    items = read(buf.getvalue().encode(), "rows.csv", "csv" if delimiter == "," else "tsv")
    assert len(items) == max(1, len(rows))


@FAST
@given(st.lists(st.tuples(st.binary(max_size=500) | texts.map(str.encode),
                          st.sampled_from(["text/html", "text/html; charset=utf-8", "application/json", "image/png", ""]),
                          st.sampled_from(["response", "resource", "metadata", "request"])), max_size=6),
       st.booleans(), st.floats(0.05, 1.0))
def test_random_warc_records_one_item_per_record(payloads, gzipped, keep):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    for n, (payload, ctype, rtype) in enumerate(payloads):
        headers = None
        if rtype in ("response", "request"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.org/{n}", rtype, payload=io.BytesIO(payload),
                                                      http_headers=headers))
    data = buf.getvalue()
    items = read(data, "crawl.warc.gz" if gzipped else "crawl.warc", "warc")
    if payloads:
        assert len(items) == len(payloads)
    cut = data[: max(1, int(len(data) * keep))]
    cut_items = read(cut, "cut.warc", "warc")  # never raises; records so far plus at most one failure
    assert len(cut_items) <= len(payloads) + 1


@FAST
@given(st.lists(st.tuples(texts, texts), max_size=8), st.sampled_from(["rss", "atom"]))
def test_random_feed_items_one_item_per_item(items, kind):
    def clean(s):  # XML 1.0 cannot carry control characters at all
        return escape("".join(ch for ch in s if ch in "\t\n" or (ch >= " " and ch not in "\ufffe\uffff")))

    if kind == "rss":
        body = "".join(f"<item><title>{clean(t)}</title><description>{clean(d)}</description></item>" for t, d in items)
        doc = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'
    else:
        body = "".join(f"<entry><title>{clean(t)}</title><id>urn:{n}</id><summary>{clean(d)}</summary></entry>"
                       for n, (t, d) in enumerate(items))
        doc = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{body}</feed>'
    got = read(doc.encode("utf-8"), "feed.xml", "feed")
    assert len(got) == max(1, len(items))


@FAST
@given(st.text(max_size=200), st.none() | st.integers(1900, 2100))
def test_parse_dateline_never_raises_and_offsets_are_in_the_text(text, year):
    from tacitus.sources.dateline import parse_dateline

    dl = parse_dateline(text, year)
    if dl is not None:
        assert 0 < dl.end <= len(text)
        assert dl.text and dl.text in text


@FAST
@given(st.from_regex(r"\A\s*([A-Z .'-]{2,20})?(, [A-Z][a-z.]{1,8})?(,? ?(Jan|May|Sept\.|March|\d{1,2}) \d{1,2}(, \d{4})?)?"
                     r"( \([A-Za-z ]{1,12}\))?\s?(-|--|—|:)?\s?[a-zA-Z ,.]{0,30}\Z"), st.none() | st.integers(1990, 2030))
def test_parse_dateline_on_dateline_like_text(text, year):
    from tacitus.sources.dateline import parse_dateline

    dl = parse_dateline(text, year)
    if dl is not None:
        assert 0 < dl.end <= len(text) and text[: dl.end].strip().startswith(dl.text[:1])
        assert dl.place is None or dl.place.strip() == dl.place
