"""WARC and RSS/Atom inputs read end to end (fixtures written with warcio and by hand)."""
import gzip
import io
import json
import sys
from datetime import date

import pytest

from source_stories import COP28, FINLAND, FRENCH, PAGE, PYONGYANG, SUEZ, articles, page, rejected, write  # noqa: F401
from tacitus.model import Article
from tacitus.sources import Rejected, content_id, read_inputs


# -- WARC -----------------------------------------------------------------------------------

def make_warc(path, gzipped=True, truncate_at=None):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tacitus-test"}))
    for n, story in enumerate([SUEZ, FINLAND, COP28]):
        url = f"https://news.example.org/story-{n}"
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        if n == 0:
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
        body = page(story).encode("utf-8")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2024-05-15T10:00:00Z"})
        writer.write_record(rec)
    pdf = StatusAndHeaders("200 OK", [("Content-Type", "application/pdf")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://news.example.org/report.pdf", "response",
                                                  payload=io.BytesIO(b"%PDF-1.7 ..."), http_headers=pdf))
    data = buf.getvalue()
    if truncate_at is not None:
        data = data[: int(len(data) * truncate_at)]
    return write(path, data)


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_records(tmp_path, gzipped):
    p = make_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), gzipped)
    items = list(read_inputs([p]))
    assert len(items) == 6  # warcinfo, request, 3 responses, pdf
    kinds = [(type(i).__name__, getattr(i, "reason", None)) for i in items]
    assert kinds[0] == ("Rejected", "not a WARC response record (warcinfo)")
    assert kinds[1] == ("Rejected", "not a WARC response record (request)")
    assert kinds[5] == ("Rejected", "not HTML (application/pdf)")
    arts = articles(items)
    assert [a.url for a in arts] == [f"https://news.example.org/story-{n}" for n in range(3)]
    assert arts[0].origin == f"{p}#record 3 <https://news.example.org/story-0>"
    assert "Ever Given" in arts[0].text and "Subscribe now" not in arts[0].text
    # page metadata gives 2021-03-29; the dateline (BRUSSELS, April 4) the second; WARC-Date is the fallback
    assert arts[0].published == date(2021, 3, 29)
    assert arts[1].dateline.place == "Brussels"


def test_truncated_warc_gz_keeps_records_read_so_far(tmp_path):
    p = make_warc(tmp_path / "cut.warc.gz", truncate_at=0.7)
    items = list(read_inputs([p]))
    assert len(articles(items)) >= 1
    last = items[-1]
    assert last.status == "failed" and last.reason.startswith("truncated")
    assert sum(1 for i in items if isinstance(i, Rejected) and i.status == "failed") == 1


def test_truncated_plain_warc(tmp_path):
    p = make_warc(tmp_path / "cut.warc", gzipped=False, truncate_at=0.8)
    items = list(read_inputs([p]))
    assert len(articles(items)) >= 1
    assert items[-1].status == "failed" and "truncated" in items[-1].reason


def test_text_file_forced_as_warc_is_a_clear_failure(tmp_path):
    p = write(tmp_path / "x.txt", SUEZ)
    [r] = list(read_inputs([p], input_format="warc"))
    assert r.status == "failed" and r.reason.startswith("not a WARC file")


# -- feeds ----------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tacitus Wire</title><link>https://wire.example.org/</link>
<language>en-us</language>
<item><title>Finland joins NATO</title><link>https://wire.example.org/finland</link>
<guid>wire-finland</guid><pubDate>Tue, 04 Apr 2023 15:00:00 GMT</pubDate>
<description>&lt;p&gt;{FINLAND}&lt;/p&gt;</description></item>
<item><title>COP28 deal</title><link>https://wire.example.org/cop28</link>
<pubDate>Wed, 13 Dec 2023 09:00:00 GMT</pubDate><description>{COP28}</description></item>
<item><title>Photo gallery</title><link>https://wire.example.org/photos</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example:feed</id>
<updated>2024-06-19T12:00:00Z</updated>
<entry><title>Putin and Kim sign pact</title><id>urn:example:pyongyang</id>
<link href="https://atom.example.org/pyongyang"/><published>2024-06-19T08:00:00Z</published>
<summary>Short summary.</summary>
<content type="html">&lt;p&gt;{PYONGYANG}&lt;/p&gt;</content></entry></feed>"""


def test_rss_items(tmp_path):
    p = write(tmp_path / "wire.rss", RSS)
    items = list(read_inputs([p]))
    assert len(items) == 3
    a, b, c = items
    assert a.doc_id == "wire-finland" and a.title == "Finland joins NATO" and a.published == date(2023, 4, 4)
    assert a.text.startswith("BRUSSELS, April 4") and "<p>" not in a.text and a.source == "Tacitus Wire"
    assert a.origin == f"{p}#item 1"
    assert b.doc_id == "https://wire.example.org/cop28" and b.published == date(2023, 12, 13)
    assert isinstance(c, Rejected) and c.origin == f"{p}#item 3" and c.reason == "feed item has no summary or content text"


def test_atom_entry_uses_full_content(tmp_path):
    p = write(tmp_path / "feed.xml", ATOM)
    [a] = list(read_inputs([p]))
    assert a.doc_id == "urn:example:pyongyang" and a.url == "https://atom.example.org/pyongyang"
    assert a.text == PYONGYANG and a.published == date(2024, 6, 19)


def test_fetch_feed_refuses_non_http_urls(tmp_path):
    from tacitus.sources import fetch_feed

    p = write(tmp_path / "feed.xml", ATOM)
    [r] = list(fetch_feed(f"file://{p}"))
    assert r.status == "failed" and "only http:// and https://" in r.reason


def test_fetch_feed_network_error_is_a_rejection():
    from tacitus.sources import fetch_feed

    [r] = list(fetch_feed("http://127.0.0.1:9/feed.xml", timeout=2))
    assert r.status == "failed" and r.reason.startswith("could not fetch feed")
