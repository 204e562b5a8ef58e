"""Each input kind read end to end: text, JSON Lines, CSV/TSV, HTML, WARC, RSS/Atom, gzip, stdin, directories."""
import gzip
import io
import json
import sys
from datetime import date

import pytest

from tacitus.model import Article
from tacitus.sources import Rejected, content_id, read_inputs

# Stories written for these tests about real events; not taken from any outlet.
PYONGYANG = (
    "PYONGYANG, June 19 (Tacitus Wire) - Russian President Vladimir Putin and North Korean leader "
    "Kim Jong Un signed a comprehensive strategic partnership treaty on Wednesday that commits each "
    "country to help the other if it is attacked. Putin arrived in Pyongyang before dawn for his first "
    "visit in twenty-four years and was greeted at the airport by Kim. Officials in Seoul and Washington "
    "said they were studying the text of the agreement and warned against any transfer of weapons."
)
COP28 = (
    "DUBAI, Dec 13 (Tacitus Wire) - Nearly two hundred countries at the COP28 climate summit agreed on "
    "Wednesday to transition away from fossil fuels in energy systems, the first time a United Nations "
    "climate deal has named oil, gas and coal. The summit president, Sultan al-Jaber, gavelled the text "
    "through minutes after the session opened. Small island states said the wording still left too many "
    "loopholes, while oil producers said it respected national circumstances."
)
FINLAND = (
    "BRUSSELS, April 4 (Tacitus Wire) - Finland became the thirty-first member of the North Atlantic "
    "Treaty Organization on Tuesday, ending decades of military non-alignment after Russia's invasion of "
    "Ukraine. Foreign Minister Pekka Haavisto handed the accession documents to the United States "
    "Secretary of State at the alliance headquarters, and the Finnish flag was raised outside the "
    "building in the afternoon. Moscow said it would take countermeasures."
)
SUEZ = (
    "ISMAILIA, Egypt (Tacitus Wire) — Salvage crews freed the container ship Ever Given on Monday after "
    "it had blocked the Suez Canal for six days, allowing hundreds of waiting vessels to begin moving "
    "through one of the world's busiest trade routes. The canal authority said tugboats and dredgers "
    "had worked around the clock and that traffic would resume at once. Shipping companies warned that "
    "delays at ports in Europe would last for weeks."
)
FRENCH = (
    "PARIS, 26 juillet - La cérémonie d'ouverture des Jeux olympiques s'est déroulée sur la Seine "
    "vendredi soir, sous une pluie battante. Des milliers d'athlètes ont défilé sur des bateaux entre le "
    "pont d'Austerlitz et le Trocadéro, devant des centaines de milliers de spectateurs. Les organisateurs "
    "ont salué une soirée historique malgré le mauvais temps."
)


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def rejected(items):
    return [i for i in items if isinstance(i, Rejected)]


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


# -- plain text -----------------------------------------------------------------------------

def test_plain_text_file_with_dateline(tmp_path):
    p = write(tmp_path / "pyongyang.txt", PYONGYANG)
    [a] = list(read_inputs([p], default_date=date(2024, 6, 20)))
    assert isinstance(a, Article)
    assert a.text == PYONGYANG
    assert a.doc_id == content_id(PYONGYANG) and len(a.doc_id) == 16
    assert a.dateline.place == "Pyongyang" and a.dateline.date == date(2024, 6, 19)
    assert a.published == date(2024, 6, 19)  # the dateline, not the default date
    assert a.text[a.dateline.end :].startswith("Russian President")
    assert a.lang == "en" and a.origin == p


def test_default_date_when_nothing_else(tmp_path):
    p = write(tmp_path / "s.txt", SUEZ)
    [a] = list(read_inputs([p], default_date=date(2021, 3, 29)))
    assert a.published == date(2021, 3, 29)
    assert a.dateline.place == "Ismailia" and a.dateline.date is None


def test_other_language_is_skipped_unless_allowed(tmp_path):
    p = write(tmp_path / "fr.txt", FRENCH)
    [r] = list(read_inputs([p]))
    assert isinstance(r, Rejected) and r.status == "skipped" and r.reason == "language: fr"
    [a] = list(read_inputs([p], languages={"en", "fr"}))
    assert a.lang == "fr"
    [a] = list(read_inputs([p], languages=None))
    assert a.lang == "fr"


def test_short_text_is_not_rejected_on_language(tmp_path):
    p = write(tmp_path / "short.txt", "Gaza: talks resume.")
    [a] = list(read_inputs([p]))
    assert isinstance(a, Article) and a.lang is None


# -- JSON Lines -----------------------------------------------------------------------------

def test_jsonl_fields_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "cop28", "text": COP28, "date": "2023-12-13", "title": "Deal at COP28",
                    "url": "https://example.org/cop28", "source": "Tacitus Wire"}),
        "{not json",
        json.dumps({"id": ["a"], "text": FINLAND}),
        json.dumps({"id": "x", "text": 42}),
        json.dumps({"id": "y", "text": FINLAND, "date": "2024-02-30"}),
        json.dumps({"id": "z", "title": "no text"}),
        "",
        json.dumps({"id": 7, "text": FINLAND, "date": "20230404"}),
        json.dumps([1, 2]),
    ]
    p = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_inputs([p]))
    assert len(items) == 8  # eight non-blank lines
    a0 = items[0]
    assert a0.doc_id == "cop28" and a0.published == date(2023, 12, 13) and a0.title == "Deal at COP28"
    assert a0.url == "https://example.org/cop28" and a0.source == "Tacitus Wire" and a0.origin == f"{p}:line 1"
    by_line = {r.origin: r for r in rejected(items)}
    assert by_line[f"{p}:line 2"].reason.startswith("invalid JSON at line 2:")
    assert by_line[f"{p}:line 3"].reason == "'id' must be a string or integer, got array"
    assert by_line[f"{p}:line 4"].reason == "'text' must be a string, got integer"
    assert "impossible date '2024-02-30'" in by_line[f"{p}:line 5"].reason
    assert by_line[f"{p}:line 6"].reason == "missing 'text' field"
    assert by_line[f"{p}:line 9"].reason == "expected a JSON object, got array"
    assert all(r.status == "failed" for r in by_line.values())
    last = items[6]
    assert last.doc_id == "7" and last.published == date(2023, 4, 4)


def test_jsonl_column_mapping_and_duplicates(tmp_path):
    rows = [{"key": "a", "body": SUEZ, "day": "2021-03-29"}, {"key": "a", "body": COP28},
            {"key": "b", "body": SUEZ}]
    p = write(tmp_path / "m.jsonl", "\n".join(json.dumps(r) for r in rows))
    items = list(read_inputs([p], text_column="body", id_column="key", date_column="day"))
    assert items[0].doc_id == "a" and items[0].published == date(2021, 3, 29)
    assert items[1].status == "skipped" and items[1].reason == f"duplicate id 'a' (first read from {p}:line 1)"
    assert items[2].status == "skipped" and items[2].reason == "duplicate text of 'a'"


# -- CSV / TSV ------------------------------------------------------------------------------

def test_csv_rows_with_quoted_multiline_text(tmp_path):
    import csv

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "date", "title", "text"])
    w.writerow(["fin", "2023-04-04", "Finland joins NATO", FINLAND.replace(". ", ".\n", 1)])
    w.writerow(["empty", "2023-04-04", "nothing", ""])
    w.writerow(["bad", "April 4", "x", COP28])
    p = write(tmp_path / "rows.csv", buf.getvalue())
    items = list(read_inputs([p]))
    assert len(items) == 3
    assert items[0].doc_id == "fin" and items[0].title == "Finland joins NATO" and "\n" in items[0].text
    assert items[0].origin == f"{p}:row 1"
    assert items[1].status == "skipped" and items[1].reason == "empty 'text'"
    assert items[2].status == "failed" and "'date'" in items[2].reason


def test_tsv_sniffed_by_header_and_missing_text_column(tmp_path):
    p = write(tmp_path / "a.data", f"id\ttext\nsuez\t{SUEZ}\n")
    [a] = list(read_inputs([p]))
    assert a.doc_id == "suez" and a.text == SUEZ
    q = write(tmp_path / "b.csv", "id,body\n1,hello\n")
    [r] = list(read_inputs([q]))
    assert r.status == "failed" and r.reason.startswith("no 'text' column in the header")


# -- HTML -----------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Egypt's canal reopens | The Example Times</title>
<meta name="author" content="Rana Example">
<meta property="article:published_time" content="2021-03-29T18:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<aside class="advert">Subscribe now for unlimited access to premium journalism!</aside>
<main><article><h1>Ever Given freed, Suez Canal reopens</h1>
{paragraphs}
</article></main>
<footer><p>© 2021 The Example Times. All rights reserved.</p><p><a href="/privacy">Privacy</a> |
<a href="/terms">Terms of use</a> | <a href="/cookies">Cookie settings</a></p></footer>
</body></html>"""


def page(story: str) -> str:
    return PAGE.replace("{paragraphs}", "".join(f"<p>{s}.</p>\n" for s in story.rstrip(".").split(". ")))


def test_html_main_text_without_boilerplate(tmp_path):
    p = write(tmp_path / "suez.html", page(SUEZ))
    [a] = list(read_inputs([p]))
    assert isinstance(a, Article)
    assert "Salvage crews freed the container ship Ever Given" in a.text
    assert "delays at ports in Europe would last for weeks" in a.text
    for boilerplate in ("Subscribe now", "All rights reserved", "Cookie settings", "Business"):
        assert boilerplate not in a.text
    assert a.title == "Ever Given freed, Suez Canal reopens"
    assert a.published == date(2021, 3, 29)
    assert a.lang == "en"


def test_html_in_cp1252_declared_by_meta(tmp_path):
    html = page(SUEZ.replace("Salvage crews", "Salvage crews’ “tugs”")).replace('charset="utf-8"', 'charset="windows-1252"')
    p = write(tmp_path / "cp.html", html.encode("cp1252", errors="replace"))
    [a] = list(read_inputs([p]))
    assert "Salvage crews’ “tugs”" in a.text


def test_html_without_main_text_is_skipped(tmp_path):
    p = write(tmp_path / "menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    [r] = list(read_inputs([p]))
    assert r.status == "skipped" and r.reason.startswith("no main text found in the HTML page")


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


# -- paths, gzip, stdin ---------------------------------------------------------------------

def test_directory_walk_is_recursive_sorted_and_mixed(tmp_path):
    write(tmp_path / "b" / "z.txt", COP28)
    write(tmp_path / "b" / "a.html", page(SUEZ))
    write(tmp_path / "a.jsonl", json.dumps({"id": "fin", "text": FINLAND}))
    write(tmp_path / ".hidden.txt", PYONGYANG)
    items = list(read_inputs([str(tmp_path)]))
    assert [i.origin for i in items] == [f"{tmp_path}/a.jsonl:line 1", f"{tmp_path}/b/a.html", f"{tmp_path}/b/z.txt"]
    assert all(isinstance(i, Article) for i in items)


def test_gzip_of_any_format(tmp_path):
    p1 = write(tmp_path / "a.jsonl.gz", gzip.compress(json.dumps({"id": "c", "text": COP28}).encode()))
    p2 = write(tmp_path / "b.txt.gz", gzip.compress(SUEZ.encode()))
    p3 = write(tmp_path / "c.gz", gzip.compress(page(FINLAND).encode()))
    items = list(read_inputs([p1, p2, p3]))
    assert [type(i) for i in items] == [Article] * 3
    assert items[0].doc_id == "c" and items[1].text == SUEZ and "Haavisto" in items[2].text


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        (json.dumps({"id": "s1", "text": SUEZ}) + "\n" + json.dumps({"id": "s2", "text": COP28})).encode())))
    items = list(read_inputs(["-"]))
    assert [i.doc_id for i in items] == ["s1", "s2"]
    assert items[0].origin == "<stdin>:line 1"


def test_unknown_format_is_an_argument_error():
    with pytest.raises(ValueError, match="unknown input_format 'pdf'"):
        read_inputs(["x"], input_format="pdf")


def test_html_date_is_not_guessed_from_a_copyright_line(tmp_path):
    undated = page(SUEZ).replace('<meta property="article:published_time" content="2021-03-29T18:00:00Z">', "")
    p = write(tmp_path / "undated.html", undated)
    [a] = list(read_inputs([p], default_date=date(2021, 3, 30)))
    assert a.published == date(2021, 3, 30)  # the default, not 2021-01-01 from "© 2021"


def test_cc_news_style_record(tmp_path):
    """CC-NEWS: gzip per record, warcinfo first, payload type identified by the crawler, chunked and gzipped bodies."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    undated = page(COP28).replace('<meta property="article:published_time" content="2021-03-29T18:00:00Z">', "")
    body = gzip.compress(undated.encode("utf-8"))
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("CC-NEWS-20231213.warc.gz", {"isPartOf": "CC-NEWS"}))
    headers = StatusAndHeaders("200 OK", [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://news.example.org/cop28", "response", payload=io.BytesIO(chunked), http_headers=headers,
        warc_headers_dict={"WARC-Date": "2023-12-13T11:00:00Z", "WARC-Identified-Payload-Type": "text/html"}))
    p = write(tmp_path / "CC-NEWS-20231213.warc.gz", buf.getvalue())
    items = list(read_inputs([p]))
    assert items[0].reason == "not a WARC response record (warcinfo)"
    a = items[1]
    assert isinstance(a, Article), a
    assert a.url == "https://news.example.org/cop28" and "fossil fuels" in a.text
    assert a.published == date(2023, 12, 13)  # dateline "DUBAI, Dec 13" anchored on WARC-Date
