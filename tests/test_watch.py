"""``tacitus watch``: a real subprocess over a changing feed file, stopped by SIGTERM; a feed on a
local HTTP server that fails first; intervals and backoff."""
from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from wire_articles import wire_story  # noqa: E402

from tacitus.store import Store  # noqa: E402
from tacitus.store.duplicates import near_duplicate_counts  # noqa: E402
from tacitus.store.feed_items import count_seen  # noqa: E402
from tacitus.watch import FeedWatcher, parse_interval  # noqa: E402

SRC = Path(__file__).resolve().parents[1] / "src"


def _story(i: int) -> str:
    return wire_story(i, seed=5)[1].rsplit("\n", 2)[0]


def _long(i: int) -> str:
    return _story(i) + " " + _story(i + 300).split(" - ", 1)[1]


def rss(items: list[tuple[str, str]]) -> str:
    """An RSS 2.0 document of (guid, text) items."""
    when = format_datetime(datetime(2024, 3, 1, 12, tzinfo=timezone.utc))
    body = "".join(
        f"<item><guid>{escape(guid)}</guid><title>Story {escape(guid)}</title><link>https://news.example/{escape(guid)}</link>"
        f"<pubDate>{when}</pubDate><description>{escape(text)}</description></item>"
        for guid, text in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title><language>en</language>{body}</channel></rss>'


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with Store(db, read_only=True, shared=True, lock_timeout=5) as store:
            return store.status()["documents"]
    except Exception:  # tables not created yet
        return 0


def test_watch_subprocess_picks_up_new_items_and_stops_cleanly_on_sigterm(tmp_path):
    feed, db = tmp_path / "wire.xml", tmp_path / "w.duckdb"
    first = _long(1)
    feed.write_text(rss([("a1", first)]))
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "tacitus.cli", "watch", str(feed), "--db", str(db), "--interval", "0.2s"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: _documents(db) == 1, 50, "the first item to be stored")
        # the feed changes: two new stories and a syndicated copy of the first
        copy = first.replace("(Reuters)", "(AFP)") + " AFP contributed to this report."
        feed.write_text(rss([("a1", first), ("a2", _long(2)), ("a3", _long(3)), ("afp-9", copy)]))
        _wait_for(lambda: _documents(db) == 3, 30, "the new items to be stored")
        time.sleep(0.5)  # a few more polls that find nothing new
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, err
    assert "stopped after" in err and "closed" in err
    assert "4 items, 3 new: 2 coded, 1 skipped (1 near-duplicates)" in err
    with Store(db, read_only=True) as store:
        assert store.status()["documents"] == 3
        assert count_seen(store, str(feed)) == 4
        assert near_duplicate_counts(store)["near_duplicates"] == 1
        log = store.ingest_log()
        assert len(log) == 4 and len({row["input"] for row in log}) == 4
        assert [row["reason"] for row in log if row["status"] == "skipped"] == ["near-duplicate of a1"]
    # a restart remembers what it has seen
    again = subprocess.run(cmd + ["--once"], env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 0 and "4 items, 0 new" in again.stderr


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    responses: list[tuple[int, bytes]] = []
    served: list[int] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        status, body = self.responses.pop(0) if len(self.responses) > 1 else self.responses[0]
        self.served.append(status)
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_watch_fetches_a_url_backs_off_on_errors_and_recovers(tmp_path):
    feed_body = rss([("u1", _long(7)), ("u2", _long(8))]).encode()
    _FeedHandler.responses = [(503, b"busy"), (500, b"oops"), (200, feed_body)]
    _FeedHandler.served = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    results = []
    try:
        with Store(tmp_path / "u.duckdb", shared=True) as store:
            watcher = FeedWatcher([url], store, interval=0.1, max_backoff=0.3, report=results.append)
            assert [watcher.backoff(n) for n in (1, 2, 3, 4)] == [0.2, 0.3, 0.3, 0.3]
            started = time.monotonic()
            watcher.run(max_polls=4)
            elapsed = time.monotonic() - started
            assert store.status()["documents"] == 2
            assert count_seen(store, url) == 2
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert _FeedHandler.served[:3] == [503, 500, 200]
    assert results[0].error and "503" in results[0].error and results[0].retry_in == pytest.approx(0.2)
    assert results[1].error and "500" in results[1].error and results[1].retry_in == pytest.approx(0.3)
    assert results[2].coded == 2 and results[3].new == 0
    assert elapsed >= 0.2 + 0.3 + 0.1  # the waits were kept


def test_watch_reports_a_missing_feed_file_and_keeps_going(tmp_path):
    results = []
    with Store(tmp_path / "m.duckdb", shared=True) as store:
        watcher = FeedWatcher([str(tmp_path / "missing.xml")], store, interval=0.05, max_backoff=0.1,
                              report=results.append)
        watcher.run(max_polls=2)
    assert all("no such file" in r.error for r in results) and len(results) == 2


def test_intervals():
    assert parse_interval("15m") == 900 and parse_interval("0.2s") == pytest.approx(0.2)
    assert parse_interval("2h") == 7200 and parse_interval("45") == 45 and parse_interval("1d") == 86400
    for bad in ("", "0s", "fast", "-5m", "15 minutes"):
        with pytest.raises(ValueError, match="not a duration"):
            parse_interval(bad)
