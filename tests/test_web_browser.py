"""End to end: the web UI in headless Chromium (Debian's /usr/bin/chromium, never downloaded).

Screenshots go to test-artifacts/. Skips where Chromium or Playwright is missing.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dragoman.web.sample import sample_records, write_store

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.test_web_api import hostile_record

    path = tmp_path_factory.mktemp("browser") / "ui.db"
    write_store(path, [*sample_records(60, seed=11), hostile_record()])
    return path


@pytest.fixture(scope="module")
def base_url(db: Path) -> Iterator[str]:
    import uvicorn

    from dragoman.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Any]:
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip("Chromium is not installed at /usr/bin/chromium (see `make browser`)")
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(5000)
        page.problems = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: page.problems.append(f"error: {e}"))
        page.on("console", lambda m: m.type != "error"  # CSP violations, failed loads
                or page.problems.append(f"console: {m.text}"))
        page.on("request", lambda r: r.url.startswith((base_url, "data:"))
                or page.problems.append(f"outside request: {r.url}"))
        yield page
        browser.close()
    assert not page.problems


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


def test_browser_overview_draws_the_timeline(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".chart svg rect.bar").count() > 10
    assert page.locator("text=Top dyads").count() == 1
    shot(page, "overview")


def test_browser_search_then_read_an_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.fill(".quick-search input", "pwned")
    page.press(".quick-search input", "Enter")
    page.wait_for_url("**/search?q=pwned")
    assert page.locator("ol.results li").count() == 1
    assert page.locator(".snippet mark").first.inner_text() == "pwned"
    shot(page, "search")
    page.click("ol.results a.title")
    page.wait_for_url("**/articles/hostile")
    text = page.locator("#text").inner_text()
    assert '<script>alert("pwned")</script>' in text  # shown as text, never run
    assert page.locator("#text mark.hl-actor").count() == 2
    page.hover('#text mark[data-ref="e1"]')
    assert "active" in (page.get_attribute("#rec-e1", "class") or "")
    assert page.locator('#text mark.related[data-ref="a2"]').count() == 1
    assert "ASSAULT" in page.locator("#detail").inner_text()
    page.click("#rec-s1 blockquote")
    assert page.locator('#text mark.active[data-ref="s1"]').count() >= 2  # content and cue
    shot(page, "article")


def test_browser_actor_page_from_an_article(page: Any, base_url: str) -> None:
    page.goto(base_url + "/articles/sample-000002")
    page.locator("#records a.actor").first.click()
    page.wait_for_url("**/actors/**")
    assert page.locator("h2", has_text="Interacts most with").count() == 1
    assert page.locator(".chart svg").count() == 1
    shot(page, "actor")


def test_browser_filter_and_sort_events(page: Any, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.select_option("select[name=quad]", "4")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url("**quad=4**")
    quads = page.locator("table.events tbody .quad").all_inner_texts()
    assert quads and set(quads) == {"material conflict"}
    page.click("table.events th a:text('Goldstein')")
    page.wait_for_url("**sort=goldstein**")
    assert "quad=4" in page.url
    shot(page, "events")
    page.goto(base_url + "/network?top=12")
    assert page.locator(".chart.network circle").count() == 12
    shot(page, "network")


@pytest.mark.slow
def test_browser_example_article_shows_its_records(page: Any, base_url: str, db: Path,
                                                   examples_dir: Path) -> None:
    from dragoman.store.ingest import ingest

    ingest([examples_dir], db)  # the full pipeline, into the store the server reads
    page.goto(base_url + "/search?q=minister")
    page.locator("ol.results a.title").first.click()
    page.wait_for_url("**/articles/**")
    data = page.request.get(page.url + ".json").json()
    assert page.locator("#text mark.hl-actor:not([data-fragment])").count() == sum(
        len(a["mentions"]) for a in data["actors"]
        if all(0 <= m["start"] < m["end"] for m in a["mentions"]))
    assert page.locator("#records li.rec[data-ref^=e]").count() == len(data["events"])
    assert page.locator("#text").inner_text().strip() == data["article"]["text"].strip()
    shot(page, "example-article")
