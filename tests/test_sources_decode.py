"""Bytes to text and format sniffing."""
import codecs

import pytest

from tacitus.sources.decode import NotText, decode_bytes, guess_encoding, iter_lines
from tacitus.sources.detect import sniff_format

STORY = "Finland became the 31st member of NATO on April 4, 2023, ending decades of military non-alignment. “We are safer now,” its president said — in Brussels."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_encodings_with_and_without_bom(encoding):
    assert decode_bytes(STORY.encode(encoding)) == STORY


def test_utf16_without_bom_is_recognised_by_its_nul_pattern():
    assert guess_encoding(STORY.encode("utf-16-le")).name == "utf-16-le"
    assert guess_encoding(STORY.encode("utf-16-be")).name == "utf-16-be"
    assert guess_encoding(STORY.encode("utf-8")) is None


def test_cp1252_smart_quotes_and_latin1():
    cp = "The minister’s “final offer” cost €5 million — café owners said.".encode("cp1252")
    assert decode_bytes(cp) == "The minister’s “final offer” cost €5 million — café owners said."
    latin = "São Paulo and Zürich: the déjà vu of talks.".encode("latin-1")
    assert decode_bytes(latin) == "São Paulo and Zürich: the déjà vu of talks."


def test_utf8_with_a_few_broken_bytes_keeps_the_good_characters():
    data = "Zürich talks — day one. ".encode() * 5 + b"\xff\xfe bad" + " Genève.".encode()
    text = decode_bytes(data)
    assert "Zürich" in text and "Genève" in text


def test_nul_and_control_characters_are_stripped_from_text():
    data = b"Ceasefire\x00 talks\x07 resumed\x1b in Cairo.\r\nOfficials said."
    assert decode_bytes(data) == "Ceasefire talks resumed in Cairo.\nOfficials said."


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
])
def test_binary_signatures_are_named(data, kind):
    with pytest.raises(NotText, match=kind):
        decode_bytes(data)


def test_random_binary_is_not_text():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(NotText, match="binary file"):
        decode_bytes(data)


def test_iter_lines_reads_utf16_and_reports_overlong_lines(tmp_path):
    import io

    lines = list(iter_lines(io.BytesIO(codecs.BOM_UTF16_LE + "a\nbé\n".encode("utf-16-le")), 100))
    assert [(l.number, l.text) for l in lines] == [(1, "a"), (2, "bé")]
    lines = list(iter_lines(io.BytesIO(b"short\n" + b"x" * 500 + b"\nlast"), 100))
    assert lines[0].text == "short"
    assert lines[1].error == "line longer than 100 bytes" and lines[1].number == 2
    assert lines[2].text == "last" and lines[2].number == 3


@pytest.mark.parametrize("name,head,expected", [
    ("a.txt", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
    ("a.txt", b'<?xml version="1.0"?><rss version="2.0"><channel>', "feed"),
    ("a.dat", b'<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
    ("page", b"<!DOCTYPE html><html><head><title>x</title>", "html"),
    ("a.txt", b'{"id": "1", "text": "x"}\n{"id": "2"', "jsonl"),
    ("data", b"id,date,text\n1,2024-05-14,hello", "csv"),
    ("data", b"id\tdate\ttext\n1\t2024-05-14\thello", "tsv"),
    ("x.csv", b"a,b\n1,2", "csv"),
    ("story.html", b"WASHINGTON (Reuters) - plain text in a .html file", "text"),
    ("story", b"WASHINGTON (Reuters) - Officials, aides and text said", "text"),
    ("u16.txt", '{"id": "1", "text": "x"}'.encode("utf-16"), "jsonl"),
])
def test_sniff_format_by_content(name, head, expected):
    assert sniff_format(name, head) == expected


GERMAN = ("BERLIN - Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Einwanderung beschlossen. Der Kanzler "
          "sagte, das Land brauche mehr Fachkräfte, und die Opposition kritisierte den Entwurf als zu zaghaft.")
SPANISH = ("MADRID - El Gobierno aprobó el martes una ley para reducir la jornada laboral a 37,5 horas semanales, "
           "tras meses de negociaciones con los sindicatos. La patronal criticó la medida.")
RUSSIAN = ("МОСКВА - Президент России заявил во вторник, что переговоры с Китаем о поставках газа продолжаются, "
           "и выразил надежду на скорое подписание соглашения.")


@pytest.mark.parametrize("text,lang", [(STORY * 2, "en"), (GERMAN, "de"), (SPANISH, "es"), (RUSSIAN, "ru"),
                                       ("Talks resume.", None), ("1234 5678 " * 40, None)])
def test_detect_language(text, lang):
    from tacitus.sources.language import detect_language

    assert detect_language(text) == lang
    assert detect_language(text) == lang  # seeded: the same answer every time
