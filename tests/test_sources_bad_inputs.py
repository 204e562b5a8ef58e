"""The bad-input corpus: every file is an Article or a clear rejection, and the batch goes on."""
import gzip
import json
import os
import random
from pathlib import Path

import pytest

import tacitus.sources as sources
from tacitus.model import Article
from tacitus.sources import read_inputs

CORPUS = Path(__file__).parent / "data" / "bad_inputs"

STORY = (
    "GENEVA, March 3 (Tacitus Wire) - The World Health Organization said on Monday that member states "
    "had agreed on the final text of a pandemic agreement after more than three years of talks, although "
    "several delegations said questions about sharing pathogen samples were still open."
)

# origin (relative to the corpus) -> ("article", None) or (status, start of the reason)
STORED = {
    "billion_laughs.xml": ("failed", "XML entity declarations are not allowed"),
    "external_entity.xml": ("failed", "XML entity declarations are not allowed"),
    "broken_feed.xml#item 1": ("article", None),
    "broken_feed.xml#item 2": ("skipped", "feed item has no summary or content text"),
    "control_chars.txt": ("article", None),
    "cp1252.txt": ("article", None),
    "empty.txt": ("skipped", "empty file"),
    "french.txt": ("skipped", "language: fr"),
    "garbage.warc#record 1": ("skipped", "WARC response without HTTP headers"),
    "headline_only.txt": ("article", None),
    "latin1.txt": ("article", None),
    "malformed.html": ("article", None),
    "unclosed_title.html": ("skipped", "no main text found in the HTML page"),
    "truncated.html": ("article", None),
    "malformed_lines.jsonl:line 1": ("article", None),
    "malformed_lines.jsonl:line 2": ("failed", "invalid JSON at line 2: Unterminated string"),
    "malformed_lines.jsonl:line 3": ("failed", "'id' must be a string or integer, got array"),
    "malformed_lines.jsonl:line 4": ("failed", "'text' must be a string, got integer"),
    "malformed_lines.jsonl:line 5": ("failed", "missing 'text' field"),
    "malformed_lines.jsonl:line 6": ("failed", "'date': impossible date '2024-02-30'"),
    "malformed_lines.jsonl:line 7": ("failed", "'date': date '15/01/2025' is not YYYY-MM-DD or YYYYMMDD"),
    "malformed_lines.jsonl:line 8": ("failed", "'title' must be a string, got integer"),
    "malformed_lines.jsonl:line 9": ("failed", "expected a JSON object, got string"),
    "malformed_lines.jsonl:line 10": ("failed", "expected a JSON object, got null"),
    "malformed_lines.jsonl:line 11": ("failed", "'id' must be a string or integer, got boolean"),
    "malformed_lines.jsonl:line 12": ("skipped", "empty 'text'"),
    "malformed_lines.jsonl:line 13": ("failed", "invalid JSON at line 13"),
    "malformed_lines.jsonl:line 14": ("failed", "invalid JSON at line 14"),
    "no_text_column.csv": ("failed", "no 'text' column in the header"),
    "not_a_feed.xml": ("failed", "not an RSS or Atom feed"),
    "ragged.csv:row 1": ("article", None),
    "ragged.csv:row 2": ("skipped", "empty 'text' (row has 2 fields, header has 3)"),
    "ragged.csv:row 3": ("article", None),
    "ragged.csv:row 4": ("failed", "'date': date 'not-a-date'"),
    "ragged.csv:row 5": ("article", None),
    "whitespace_only.txt": ("skipped", "empty file (whitespace only)"),
}


def corpus_files():
    return [str(p) for p in sorted(CORPUS.iterdir()) if p.name != "README.md"]


def outcome(item):
    return ("article", None) if isinstance(item, Article) else (item.status, item.reason)


def check(items, expected, root):
    got = {str(Path(i.origin).relative_to(root)) if i.origin.startswith(str(root)) else i.origin: outcome(i)
           for i in items}
    assert len(got) == len(items), "two results share an origin"
    assert set(got) == set(expected)
    for origin, (status, reason) in expected.items():
        got_status, got_reason = got[origin]
        assert got_status == status, (origin, got[origin])
        if reason:
            assert got_reason.startswith(reason), (origin, got_reason)


def test_stored_corpus():
    items = list(read_inputs(corpus_files()))
    check(items, STORED, CORPUS)


def test_stored_corpus_details():
    by_origin = {Path(i.origin).name: i for i in read_inputs(corpus_files())}
    assert "\x00" not in by_origin["control_chars.txt"].text and "\x07" not in by_origin["control_chars.txt"].text
    assert "The World Health" in by_origin["control_chars.txt"].text
    assert "Ukraine’s parliament approved a “historic”" in by_origin["cp1252.txt"].text
    assert "€2 billion" in by_origin["cp1252.txt"].text
    assert by_origin["latin1.txt"].dateline.place == "São Paulo"
    assert by_origin["headline_only.txt"].lang is None  # too short to judge, so kept
    assert by_origin["malformed.html"].text.startswith("ADDIS ABABA (Tacitus Wire) - Ethiopia")
    assert by_origin["truncated.html"].dateline.place == "Seoul"


def variant(name):
    return f"{STORY} This copy was saved as {name}."


@pytest.fixture()
def generated(tmp_path):
    """Binary and system-level bad inputs, made here rather than stored."""
    rng = random.Random(42)
    d = tmp_path / "gen"
    d.mkdir()
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(2000)))
    (d / "random.bin").write_bytes(bytes(rng.randrange(256) for _ in range(5000)))
    (d / "mostly_nul.txt").write_bytes(b"\x00" * 3000 + b"Kyiv" + b"\x00" * 3000)
    for name, codec in (("utf16_bom", "utf-16"), ("utf16_nobom", "utf-16-le"), ("utf32", "utf-32")):
        (d / f"{name}.txt").write_bytes(variant(name).encode(codec))
    full = gzip.compress((STORY + " ") .encode() * 400)
    (d / "truncated.txt.gz").write_bytes(full[: len(full) // 2])
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"{STORY} Item {i} of the batch, with its own words {i * 7919}."}) + "\n"
                    for i in range(300))
    zipped = gzip.compress(lines.encode())
    (d / "truncated.jsonl.gz").write_bytes(zipped[: int(len(zipped) * 0.6)])
    (d / "corrupt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(rng.randrange(256) for _ in range(300)))
    (d / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 3_000_000))  # 6 MB of "a a a"
    (d / "huge.txt").write_bytes((STORY + "\n").encode() * 20_000)  # ~4.6 MB
    (d / "long_sentence.txt").write_text(  # one sentence of ~60,000 tokens
        "Officials said that " + ", and ".join(f"the minister of region {i} would attend" for i in range(10_000)) + ".")
    (d / "deep.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n" + json.dumps({"id": "after-deep", "text": STORY}) + "\n")
    (d / "surrogates.jsonl").write_text(json.dumps({"id": "sur", "text": "Talks \ud800 resumed in Doha on Monday."}) + "\n")
    (d / "long_line.jsonl").write_text(json.dumps({"id": "big", "text": STORY * 5000}) + "\n" + json.dumps({"id": "small", "text": "Short text after a long line."}) + "\n")
    os.symlink(d / "missing-target.txt", d / "dangling.txt")
    os.mkfifo(d / "pipe.fifo")
    (d / "loop").mkdir()
    os.symlink(d / "loop", d / "loop" / "again")
    return d


GENERATED = {
    "bomb.txt.gz": ("skipped", "too large: more than max_bytes (1000000 bytes)"),
    "corrupt.gz": ("failed", "corrupt gzip"),
    "dangling.txt": ("failed", "dangling symbolic link"),
    "deep.jsonl:line 1": ("failed", "invalid JSON at line 1: nested too deeply"),
    "deep.jsonl:line 2": ("article", None),
    "huge.txt": ("skipped", "too large: more than max_bytes (1000000 bytes)"),
    "image.png": ("failed", "binary file (PNG image)"),
    "long_line.jsonl:line 1": ("skipped", "line longer than 1000000 bytes"),
    "long_line.jsonl:line 2": ("article", None),
    "long_sentence.txt": ("article", None),
    "loop/again": ("skipped", "directory already read"),
    "mostly_nul.txt": ("failed", "binary file"),
    "pipe.fifo": ("failed", "not a regular file (a FIFO)"),
    "random.bin": ("failed", "binary file"),
    "surrogates.jsonl:line 1": ("article", None),
    "truncated.txt.gz": ("failed", "truncated gzip"),
    "truncated.jsonl.gz": ("failed", "truncated gzip after"),
    "utf16_bom.txt": ("article", None),
    "utf16_nobom.txt": ("article", None),
    "utf32.txt": ("article", None),
}


def test_generated_corpus(generated):
    items = list(read_inputs([str(generated)], max_bytes=1_000_000))
    lines_read = [i for i in items if i.origin.startswith(str(generated / "truncated.jsonl.gz:line"))]
    assert len(lines_read) > 50 and all(isinstance(i, Article) for i in lines_read)
    others = [i for i in items if i not in lines_read]
    check(others, GENERATED, generated)
    by_name = {str(Path(i.origin).relative_to(generated)): i for i in others}
    assert by_name["utf16_bom.txt"].text == variant("utf16_bom")
    assert by_name["utf16_nobom.txt"].text == variant("utf16_nobom")
    assert by_name["utf32.txt"].text == variant("utf32")
    assert by_name["surrogates.jsonl:line 1"].text == "Talks \ufffd resumed in Doha on Monday."
    assert len(by_name["long_sentence.txt"].text.split()) > 60_000 and by_name["long_sentence.txt"].text.count(".") == 1


def test_one_bad_file_does_not_stop_the_good_ones(generated, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    items = list(read_inputs([str(generated / "random.bin"), str(tmp_path / "nope.txt"), str(good)]))
    assert [outcome(i)[0] for i in items] == ["failed", "failed", "article"]
    assert items[1].reason == "no such file or directory"


def test_unreadable_file(monkeypatch, tmp_path):
    # Tests run as root, where chmod 000 does not stop reading; simulate the OS refusing instead.
    p = tmp_path / "secret.txt"
    p.write_text(STORY)

    def refuse(path):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(sources, "_open_file", refuse)
    [r] = list(read_inputs([str(p)]))
    assert r.status == "failed" and r.reason == "cannot read: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_chmod(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text(STORY)
    p.chmod(0)
    [r] = list(read_inputs([str(p)]))
    assert r.status == "failed" and "Permission denied" in r.reason


def test_unlistable_directory(monkeypatch, tmp_path):
    (tmp_path / "d").mkdir()
    real = os.listdir

    def refuse(path):
        if str(path).endswith("/d"):
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "listdir", refuse)
    [r] = list(read_inputs([str(tmp_path / "d")]))
    assert r.status == "failed" and r.reason == "cannot list directory: Permission denied"


def test_article_under_max_bytes_is_accepted(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text((STORY + "\n") * 3500)  # ~0.95 MB
    [a] = list(read_inputs([str(p)], max_bytes=1_000_000))
    assert isinstance(a, Article) and len(a.text) > 900_000 and a.lang == "en"
