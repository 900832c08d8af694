"""The UI in headless Chromium (Debian's chromium, driven by Playwright): run an example query from the page."""

from __future__ import annotations

import shutil

import pytest

from kg.api import load
from kg.resources import samples_dir

from .live_server import running_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = tmp_path_factory.mktemp("ui") / "store"
    load([samples_dir()], store=store)
    with running_server(store) as url:
        yield url


@pytest.fixture(scope="module")
def page(base):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page()
        requests = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.goto(base + "/")
        pg.requests = requests
        yield pg
        browser.close()


def test_example_query_runs_from_the_page(page, base):
    page.wait_for_selector("#examples button")
    page.click("button[data-name='claims_per_claimant']")
    assert "kg:claimant" in page.input_value("#query")
    page.click("#run")
    page.wait_for_selector("#result table tr:nth-child(2)")
    rows = page.locator("#result table tr").count()
    assert rows > 3
    assert "rows" in page.inner_text("#status")
    assert page.locator("#downloads a").count() == 3
    # offline: every request the page made went to the kg server
    assert all(u.startswith(base) for u in page.requests)


def test_entity_page_from_a_result_link(page, base):
    page.click("#result table tr:nth-child(2) td a")
    page.wait_for_selector("h1")
    assert "Claims (" in page.content()
    assert page.locator("mark").count() >= 1


def test_error_is_shown(page, base):
    page.goto(base + "/")
    page.fill("#query", "SELECT WHERE {")
    page.click("#run")
    page.wait_for_selector("#result .error")
    assert "400" in page.inner_text("#result .error")
