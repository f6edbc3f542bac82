"""The dashboard in a real browser: Debian's chromium driven by Playwright over a live server.

The server runs in a thread over the store of ``examples/`` plus an article full of markup
(``conftest.HOSTILE``). Skipped when ``/usr/bin/chromium`` or Playwright is missing
(``make test`` installs chromium first).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = [
    pytest.mark.model, pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (/usr/bin/chromium)"),
]
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(app: object, stop_seconds: float = 10) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on a free port of 127.0.0.1; its address."""
    import uvicorn

    port = free_port()
    live = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        live.should_exit = True
        thread.join(timeout=stop_seconds)


@pytest.fixture(scope="module")
def server(web_store: Path) -> Iterator[str]:
    with serving(create_app(web_store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                    args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", lambda dialog: page.errors.append(f"dialog: {dialog.message}"))
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    yield page
    context.close()


def ready(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function("() => document.body.dataset.ready === 'true' && "
                           "!document.getElementById('status').textContent")


def test_every_view_shows_the_stores_events(page) -> None:  # type: ignore[no-untyped-def]
    summary = page.locator("#summary").inner_text()
    assert "events from 13 articles" in summary
    assert page.locator("#timeline .bar rect").count() > 5
    assert page.locator("#network .node").count() > 5
    assert page.locator("#network .node[data-actor='RUS/GOV']").count() == 1
    assert page.locator("#map path.land").count() > 100
    assert page.locator("#map circle.place").count() > 3
    assert page.locator("#events tbody tr").count() == 25
    assert "of " in page.locator("#events-count").inner_text()
    assert page.locator("#outlets tbody tr").count() >= 5
    assert page.locator("#shared-clusters .cluster").count() >= 1
    assert page.locator("#claims tbody tr").count() > 5
    assert page.errors == []


def choose(page, name: str, value: str) -> None:  # type: ignore[no-untyped-def]
    """Pick ``value`` in the filter ``name``, apply, and wait for the events to change."""
    before = page.locator("#events-count").inner_text()
    page.select_option(f"#filters select[name={name}]", value)
    page.click("#filters button[type=submit]")
    page.wait_for_function("before => document.getElementById('events-count').textContent "
                           "!== before", arg=before)
    ready(page)


def test_a_filter_narrows_every_view(page) -> None:  # type: ignore[no-untyped-def]
    choose(page, "modality", "negated")
    badges = page.locator("#events tbody td .badge[class*=modality]").all_inner_texts()
    assert badges and set(badges) == {"negated"}
    assert "modality=negated" in page.url


def test_named_sides_only_leaves_out_inferred_sides(page) -> None:  # type: ignore[no-untyped-def]
    choose(page, "named_sides", "true")
    assert "named_sides=true" in page.url
    assert page.locator("#events tbody tr").count() > 0
    assert page.errors == []


def test_clicking_an_actor_filters_by_it(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#network .node[data-actor='RUS/GOV'] circle")
    page.wait_for_function("() => document.querySelector('#filters input[name=actor]').value "
                           "=== 'RUS/GOV'")
    ready(page)
    rows = page.locator("#events tbody tr").all_inner_texts()
    assert rows and all("RUS/GOV" in row for row in rows)


def test_brushing_the_timeline_sets_the_dates(page) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
    page.mouse.up()
    page.wait_for_function(
        "() => document.querySelector('#filters input[name=start]').value !== ''")
    start = page.input_value("#filters input[name=start]")
    end = page.input_value("#filters input[name=end]")
    assert start <= end


def test_opening_an_event_shows_its_evidence_and_every_outlet(page) -> None:  # type: ignore[no-untyped-def]
    page.click("#events tbody tr >> nth=0")
    page.wait_for_selector("#detail-panel:not([hidden]) mark.hl-trigger")
    assert page.locator("#detail mark.hl-trigger").first.inner_text()
    assert page.locator("#detail code.rule").first.inner_text()
    # a cluster several outlets reported: every outlet's mention, side by side
    page.click("#close-detail")
    page.click("#shared-clusters .cluster h4 a >> nth=0")
    page.wait_for_selector("#detail-panel:not([hidden]) .mention")
    outlets = page.locator("#detail .mention h4").all_inner_texts()
    assert len(set(outlets)) >= 2
    assert page.locator("#detail .mention mark.hl-trigger").count() >= 2


def test_pasted_text_is_coded_in_the_page(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#code-text", "Russia condemned the United States on Tuesday over the strike.")
    page.fill("#code-published", "2017-04-11")
    page.click("#code-form button[type=submit]")
    page.wait_for_selector("#code-result .coded")
    first = page.locator("#code-result .coded").first
    assert "RUS" in first.inner_text() and "USA" in first.inner_text()
    assert first.locator("mark.hl-trigger").inner_text() == "condemned"


def test_markup_in_articles_is_shown_as_text_never_run(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#filters input[name=text]", "pwned")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#events tbody tr[data-event]")
    ready(page)
    row = page.locator("#events tbody tr").first
    row.click()
    page.wait_for_selector("#detail-panel:not([hidden]) .sentence")
    sentence = page.locator("#detail .sentence").first.inner_text()
    assert "<script>window.__pwned = 1</script>" in sentence
    assert '<img src=x onerror="window.__pwned = 2">' in sentence
    assert "Evil<script>" in page.locator("#outlets").inner_text()
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.errors == []


@pytest.fixture
def watched(tmp_path: Path, web_store: Path) -> Iterator[tuple[str, Path]]:
    """A server over a copy of the examples store that watches an inbox (fake coder)."""
    import shutil

    from test_store import make_fake

    from eventwire.web import WatchConfig

    db = tmp_path / "live.duckdb"
    shutil.copy(web_store, db)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    app = create_app(db, watch=WatchConfig(inbox, interval=0.2, settle=0.2,
                                           make_extractor=make_fake))
    with serving(app, stop_seconds=30) as url:
        yield url, inbox


def test_new_articles_in_the_inbox_appear_without_a_reload(browser, watched) -> None:  # type: ignore[no-untyped-def]
    import json

    url, inbox = watched
    page = browser.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=15_000)
    page.wait_for_selector("#changed[data-events]", timeout=10_000)
    before = int(page.get_attribute("#changed", "data-events"))
    assert "Data last changed" in page.inner_text("#changed")
    page.evaluate("() => { window.__notReloaded = true; }")
    record = {"id": "live-1", "text": "Russian jets attack rebel positions near the bridge.",
              "outlet": "Live Wire", "published": "2026-12-01"}
    (inbox / "live.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    page.wait_for_function(f"() => Number(document.getElementById('changed').dataset.events) "
                           f"> {before}", timeout=60_000)
    page.wait_for_function("() => document.getElementById('events').textContent"
                           ".includes('Live Wire')", timeout=15_000)
    assert page.evaluate("() => window.__notReloaded") is True
    page.close()
