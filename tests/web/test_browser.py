"""Browser tests: Debian's Chromium driven by Playwright against a live uvicorn server.

Screenshots of each page go to test-artifacts/. The session installs the `chromium`
package when /usr/bin/chromium is missing and we are root; otherwise the tests skip
with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_factories import build_store

from rankfile.config import Settings
from rankfile.store import open_store
from rankfile.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _ensure_chromium() -> str | None:
    """None when Chromium is there (installing it if we can), else why not."""
    if Path(CHROMIUM).exists():
        return None
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return "Chromium missing at /usr/bin/chromium and cannot install it (not root or no apt)"
    try:
        subprocess.run("apt-get update && apt-get install -y chromium", shell=True, check=True,
                       capture_output=True, timeout=900)
    except (subprocess.SubprocessError, OSError) as exc:
        return f"installing chromium failed: {exc}"
    return None if Path(CHROMIUM).exists() else "chromium package installed no /usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator:
    reason = _ensure_chromium()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[tuple[str, dict[str, str]]]:
    import uvicorn

    settings = Settings(db=str(tmp_path_factory.mktemp("browser") / "web.db"))
    store = open_store(settings.db, settings=settings)
    ids = build_store(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", ids
    srv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture
def page(browser) -> Iterator:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_review_journey(page, server):
    base, ids = server
    page.goto(base + "/")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.locator("svg.map circle").count() >= 1
    shot(page, "dashboard")

    page.get_by_role("link", name="Incidents", exact=True).click()
    page.get_by_label("Type", exact=True).select_option("unlawful_confinement")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("#total").inner_text() == "2"
    shot(page, "incidents")

    page.locator("table.list tbody tr").first.get_by_role("link").first.click()
    mark = page.locator("blockquote.evidence mark").first
    assert mark.inner_text() == "locked four mobilised men in a pit"
    shot(page, "incident")

    page.get_by_label("Status", exact=True).select_option("verified")
    page.locator("#st-note").fill("matched the relative's account")
    page.locator("#st-actor").fill("erin")
    page.get_by_role("button", name="Save status").click()
    history = page.locator("ol.history")
    assert "erin" in history.inner_text() and "matched the relative" in history.inner_text()
    assert "verified" in page.locator(".status").first.inner_text()
    shot(page, "incident-reviewed")
    assert page.errors == []


def test_document_search_and_hostile_text(page, server):
    base, ids = server
    page.goto(f"{base}/documents/{ids['doc_h']}")
    text = page.locator("#doctext").inner_text()
    assert "<script>alert('x')</script>" in text and "onerror=alert(1)" in text
    assert page.locator("#doctext script, #doctext img").count() == 0
    assert page.locator("#doctext a.ann-incident").count() == 1
    shot(page, "document")
    page.goto(f"{base}/search?q=pit")
    assert page.locator(".snippet mark").count() >= 1
    shot(page, "search")
    for name in ("claims", "stories", "documents", "review"):
        page.goto(f"{base}/{name}")
        shot(page, name)
    assert page.errors == []


def test_add_incident_by_selecting_text(page, server):
    base, ids = server
    page.goto(f"{base}/documents/{ids['doc_a']}")
    page.evaluate("""() => {
        const pre = document.getElementById('doctext');
        const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode())) {
          const i = node.data.indexOf('regional ombudsman');
          if (i >= 0) { const r = document.createRange(); r.setStart(node, i);
            r.setEnd(node, i + 18); const s = window.getSelection(); s.removeAllRanges();
            s.addRange(r); return; } } }""")
    page.wait_for_function("document.getElementById('sel-end').value !== ''")
    page.locator("#add-types").select_option("complaint")
    page.locator("#add-note").fill("the ombudsman route is itself a complaint")
    page.get_by_role("button", name="Add incident").click()
    assert page.locator("blockquote.evidence mark").first.inner_text() == "regional ombudsman"
    assert page.errors == []
