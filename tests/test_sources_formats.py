"""Each input kind read end to end: text, JSON Lines, CSV/TSV, HTML, gzip, stdin, directories."""
import gzip
import io
import json
import sys
from datetime import date

import pytest

from source_stories import COP28, FINLAND, FRENCH, PAGE, PYONGYANG, SUEZ, articles, page, rejected, write  # noqa: F401
from tacitus.model import Article
from tacitus.sources import Rejected, content_id, read_inputs


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


def test_csv_control_characters_in_unquoted_fields_stay_in_their_row(tmp_path):
    # a form feed, vertical tab or lone CR inside an unquoted field is not a line break
    ship, port = "Salvage crews freed the ship on Monday.", "The port reopened on Tuesday after the storm."
    p = write(tmp_path / "ff.csv", f"id,text,title\nship,{ship}\x0c,\"two\nlines\"\nport,{port}\r,\x0b\n")
    items = list(read_inputs([p]))
    assert [i.doc_id for i in items] == ["ship", "port"]
    assert items[0].text.strip() == ship and items[1].text.strip() == port
    assert items[0].title.split() == ["two", "lines"]  # a quoted field still spans lines


def test_tsv_sniffed_by_header_and_missing_text_column(tmp_path):
    p = write(tmp_path / "a.data", f"id\ttext\nsuez\t{SUEZ}\n")
    [a] = list(read_inputs([p]))
    assert a.doc_id == "suez" and a.text == SUEZ
    q = write(tmp_path / "b.csv", "id,body\n1,hello\n")
    [r] = list(read_inputs([q]))
    assert r.status == "failed" and r.reason.startswith("no 'text' column in the header")


# -- HTML -----------------------------------------------------------------------------------

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
