"""The dashboard in a real headless Chromium (Debian's ``chromium``), driven by Playwright.

Playwright only drives the system browser (``executable_path``); it never downloads one.
The test skips when Chromium or Playwright is missing. It saves a screenshot to the test's temporary
folder, or to docs/dashboard.png when TACITUS_UPDATE_SCREENSHOT=1 (how the README's picture is made).
"""
from __future__ import annotations

import re
import shutil
import socket
import threading
import time
import os
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DOCS_SCREENSHOT = Path(__file__).resolve().parents[1] / "docs" / "dashboard.png"


def _screenshot_path() -> Path:
    if os.environ.get("TACITUS_UPDATE_SCREENSHOT") == "1":
        return DOCS_SCREENSHOT
    return Path(tempfile.mkdtemp(prefix="tacitus-shot-")) / "dashboard.png"


def _require_browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("playwright is not installed (pip install playwright; no browser download needed)")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from tacitus.demo import run_demo

    db = tmp_path_factory.mktemp("dashboard") / "demo.duckdb"
    assert run_demo(db) == 0
    return db


@pytest.fixture(scope="module")
def server(demo_db):
    """uvicorn serving the demo store on 127.0.0.1 at a free port, in a thread."""
    import uvicorn

    from tacitus.api import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(demo_db), log_level="warning", lifespan="off")
    uvicorn_server = uvicorn.Server(config)
    thread = threading.Thread(target=uvicorn_server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uvicorn_server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start within 10 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uvicorn_server.should_exit = True
    thread.join(timeout=10)
    sock.close()


def _whole_word(words: str | None, sentence: str) -> bool:
    return bool(words) and re.search(r"(?<!\w)" + re.escape(words) + r"(?!\w)", sentence) is not None


def _fully_marked(event: dict) -> bool:
    """An event whose source, target and trigger words all stand in its sentence."""
    sentence = event["sentence"]
    words = [event["source"]["text"], (event["target"] or {}).get("text"), (event["trigger"] or {}).get("text")]
    return all(_whole_word(w, sentence) for w in words) and len({w.lower() for w in words}) == 3


def _expectations(db: Path) -> dict:
    """What the page should show, read from the store directly."""
    from tacitus.store import Store

    with Store(db, read_only=True) as store:
        events = store.events(limit=None)
        top = store.top_actors(1)[0]["code"]
        return {
            "total": len(events),
            "top": top,
            "top_total": store.count_events(actor=top),
            "marked": next(e for e in events if _fully_marked(e)),
            "placed": next(e for e in events if e["location"] and _whole_word(e["location"]["name"], e["sentence"])),
            "located": sum(1 for e in events if e["location"] and e["location"]["lat"] is not None),
        }


def _open(page, event: dict) -> None:
    """Filter the table down to the event's source and trigger, then click its row."""
    page.click("#filters button[type=reset]")
    page.fill("#filters input[name=source]", event["source"]["code"])
    page.fill("#filters input[name=q]", event["trigger"]["text"])
    page.click("#filters button[type=submit]")
    row = page.locator(f"#events tbody tr[data-event-id='{event['event_id']}']")
    row.wait_for(timeout=10_000)
    row.click()
    page.locator(f"#events tbody tr.selected[data-event-id='{event['event_id']}']").wait_for()
    page.wait_for_selector("#detail-sentence")


def test_dashboard_filters_opens_an_event_and_draws_charts(server, demo_db, tmp_path):
    _require_browser()
    from playwright.sync_api import expect, sync_playwright

    want = _expectations(demo_db)
    console_errors: list[str] = []
    outside_requests: list[str] = []
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1300},
        )
        try:
            page = context.new_page()
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda err: console_errors.append(str(err)))
            page.on("request", lambda r: outside_requests.append(r.url) if not r.url.startswith(server) else None)
            page.goto(server + "/")
            page.wait_for_selector("body[data-ready=true]", timeout=20_000)

            rows = page.locator("#events tbody tr")
            assert rows.count() == min(25, want["total"])
            assert f"of {want['total']}" in page.inner_text("#page-info")
            assert f"{want['total']} events" in page.inner_text("#store-status")
            for chart in ("#timeline", "#map", "#network"):
                assert page.locator(f"{chart} canvas").count() >= 1, chart

            # Filter on the busiest actor: every row has it as source or target.
            page.fill("#filters input[name=actor]", want["top"])
            page.click("#filters button[type=submit]")
            expect(page.locator("#page-info")).to_have_text(re.compile(f"of {want['top_total']}$"))
            assert rows.count() == min(25, want["top_total"])
            for row in rows.all():
                source, target = row.locator("td.code").all_inner_texts()
                assert source.startswith(want["top"]) or target.startswith(want["top"])

            # Open an event: its actors and trigger are marked in the sentence.
            marked = want["marked"]
            _open(page, marked)
            marks = {m.get_attribute("data-kind"): m.inner_text() for m in page.locator("#detail-sentence mark").all()}
            assert marks["source"] == marked["source"]["text"]
            assert marks["target"] == marked["target"]["text"]
            assert marks["trigger"] == marked["trigger"]["text"]
            assert page.inner_text("#detail-sentence") == marked["sentence"]
            # The timeline follows the opened event's dyad.
            assert page.input_value("#dyad-form input[name=a]") == marked["source"]["code"]
            assert page.input_value("#dyad-form input[name=b]") == marked["target"]["code"]

            # An event with a place: the place is marked; the map counts the located events.
            placed = want["placed"]
            _open(page, placed)
            page.wait_for_selector("#detail-sentence mark[data-kind=place]")
            assert page.inner_text("#detail-sentence mark[data-kind=place]") == placed["location"]["name"]
            page.click("#filters button[type=reset]")
            expect(page.locator("#page-info")).to_have_text(re.compile(f"of {want['total']}$"))
            expect(page.locator("#map-count")).to_have_text(re.compile(f"^{want['located']} located events"))
            page.wait_for_timeout(1500)  # let the network's force layout settle for the picture
            shot = _screenshot_path()
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
        finally:
            context.close()
    assert console_errors == []
    assert outside_requests == []
    assert shot.stat().st_size > 20_000
