"""First render of the dashboard in Debian's chromium, and the screenshots in docs/img/.

A store of ``examples/`` is built (the real coder), ``eventwire serve`` runs over it on
127.0.0.1 in its own process, and headless chromium (Playwright) loads ``/`` ``--runs``
times (default 5) in fresh contexts. *First render* is ``performance.now()`` when every
view has drawn its data (the page records it in ``data-first-render-ms``): target
< 1,000 ms.
With ``--screenshots`` the page, an opened event and a coded text are saved as PNGs
under ``docs/img/``.

    .venv/bin/python benchmarks/page.py [--runs 5] [--screenshots]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from eventwire.ingest import read_articles
from eventwire.store import Store
from eventwire.store.clusters import cluster

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "docs" / "img"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SAMPLE = ("Russian foreign minister Sergei Lavrov said on Friday that Moscow expects closer "
          "interaction with Washington on Syria. The United States did not rule out new "
          "sanctions against Damascus, a State Department spokesman said.")


def serve(db: Path) -> tuple[str, subprocess.Popen[bytes]]:
    """``eventwire serve`` over ``db`` in its own process, as a user would run it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db),
                               "--port", str(port)], stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(url + "/api/overview", timeout=2):
                return url, server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screenshots", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "examples.duckdb"
        with Store.open(db) as store:
            store.ingest(read_articles(ROOT / "examples" / "articles.jsonl"))
            cluster(store)
        url, server = serve(db)
        times = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=ARGS)
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(url + "/")
                page.wait_for_selector("body[data-ready=true]", timeout=30_000)
                times.append(float(page.get_attribute("body", "data-first-render-ms")))
                context.close()
            if args.screenshots:
                shoot(browser, url)
            browser.close()
        server.terminate()
        server.wait(timeout=30)
    print(f"first render over {args.runs} loads: median {statistics.median(times):.0f} ms, "
          f"max {max(times):.0f} ms (target < 1000 ms): "
          f"{'met' if max(times) < 1000 else 'NOT met'}")


def shoot(browser: object, url: str) -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready=true]")
    page.screenshot(path=IMG / "dashboard.png")
    page.click("#shared-clusters .cluster h4 a >> nth=0")
    page.wait_for_selector("#detail .mention")
    page.locator("#detail-panel").screenshot(path=IMG / "event.png")
    page.locator("#outlets-panel").screenshot(path=IMG / "outlets.png")
    page.fill("#code-text", SAMPLE)
    page.fill("#code-published", "2017-04-14")
    page.click("#code-form button[type=submit]")
    page.wait_for_selector("#code-result .coded")
    page.locator("#code-panel").screenshot(path=IMG / "code-a-text.png")
    print(f"screenshots in {IMG}", file=sys.stderr)


if __name__ == "__main__":
    main()
