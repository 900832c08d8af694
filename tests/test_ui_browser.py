"""The UI in headless Chromium (Debian's chromium, driven by Playwright): run an example query from the editor,
narrow the claims explorer with a facet, search it in Arabic without hamza, open a claim. Screenshots of
each page go to ``artifacts/screenshots`` (kept after the run)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

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
        pg.goto(base + "/sparql")
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
    assert "Claims it made (" in page.content() and "Claims about it (" in page.content()
    assert page.locator("#said td.claim a, #about td.claim a").count() >= 1


def test_error_is_shown(page, base):
    page.goto(base + "/sparql")
    page.fill("#query", "SELECT WHERE {")
    page.click("#run")
    page.wait_for_selector("#result .error")
    assert "400" in page.inner_text("#result .error")


SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def _count(page) -> int:
    return int(re.search(r"(\d+) claim", page.inner_text("#count")).group(1))


def test_explorer_facets_search_and_claim_page(page, base):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/")
    page.wait_for_selector("#claims tr:nth-child(2)")
    page.screenshot(path=str(SHOTS / "explorer.png"), full_page=True)
    total = _count(page)
    assert page.locator("#claims tr").count() - 1 == total
    page.click("a[data-facet='speaker']")  # the speaker with the most claims
    page.wait_for_url(re.compile(r".*speaker=.*"))
    narrowed = _count(page)
    assert 0 < narrowed < total and page.locator("#claims tr").count() - 1 == narrowed
    page.screenshot(path=str(SHOTS / "explorer-speaker.png"), full_page=True)
    page.goto(base + "/")
    page.fill("#q", "اسواق شعبيه")  # the article writes أسواق شعبية
    page.click("#search button")
    page.wait_for_url(re.compile(r".*q=.*"))
    assert _count(page) >= 1 and "أسواق" in page.inner_text("#claims")
    page.screenshot(path=str(SHOTS / "explorer-search.png"), full_page=True)
    page.click("#claims td.claim a")
    page.wait_for_selector("mark")
    assert "Claim" in page.inner_text("h1")
    page.screenshot(path=str(SHOTS / "claim.png"), full_page=True)
    page.goto(base + "/conflicts")
    page.wait_for_selector(".conflict .side mark")
    page.screenshot(path=str(SHOTS / "conflicts.png"), full_page=True)
    page.goto(base + "/sparql")
    page.screenshot(path=str(SHOTS / "sparql.png"), full_page=True)


def test_map_shows_the_sample_places_and_a_click_filters_the_explorer(page, base):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base + "/map")
    page.wait_for_selector("svg.map .place circle")
    drawn = page.locator("svg.map .place").count()
    assert drawn == page.locator("#places tr").count() - 1 >= 3
    labels = page.locator("svg.map .labels").text_content()
    assert "الموصل" in labels  # a sample article's city
    box = page.locator("svg.map .place circle").first.bounding_box()
    assert box and box["width"] > 2  # drawn at a visible size
    page.screenshot(path=str(SHOTS / "map.png"), full_page=True)
    page.locator("svg.map .place").first.click()
    page.wait_for_url(re.compile(r".*/\?place=.*"))
    page.wait_for_selector("#count")
    assert _count(page) >= 1


def test_entity_page_sections(page, base):
    page.goto(base + "/map")
    page.click("#places tr:nth-child(2) td a")
    page.wait_for_selector("#timeline")
    for section in ("said", "about", "timeline", "roles", "comentioned", "articles"):
        assert page.locator(f"section#{section}").count() == 1
    assert page.locator("svg.map.small .place").count() == 1
    page.screenshot(path=str(SHOTS / "entity.png"), full_page=True)


def test_editor_highlights_completes_and_maps(page, base):
    page.goto(base + "/sparql")
    page.wait_for_selector("#examples button")
    page.fill("#query", "")
    page.click("#query")
    page.keyboard.type("SELECT ?c WHERE { ?c sch")
    page.wait_for_selector("#completions li")
    assert "schema:" in page.inner_text("#completions")  # a prefix
    page.keyboard.press("Enter")
    page.wait_for_selector("#completions li")  # then its terms
    page.keyboard.type("head")
    assert page.locator("#completions li").first.get_attribute("data-name") == "schema:headline"
    page.keyboard.press("Tab")
    text = page.input_value("#query")
    assert text.startswith("PREFIX schema: <http://schema.org/>\n") and "?c schema:headline" in text
    assert page.locator("pre.highlight .tok-keyword").count() >= 3
    assert page.locator("pre.highlight .tok-pname").count() >= 2 and page.locator("pre.highlight .tok-var").count() >= 2
    page.click("button[data-name='places_mentioned']")
    page.click("#run")
    page.wait_for_selector("#result table tr:nth-child(2)")
    page.click("#views button[data-view='map']")
    page.wait_for_selector("#result svg .place circle")
    assert page.locator("#result svg .place").count() >= 3
    page.screenshot(path=str(SHOTS / "sparql-map.png"), full_page=True)
    page.click("#views button[data-view='table']")
    page.wait_for_selector("#result table")
    page.click("button[data-name='claims_per_claimant']")
    page.click("#run")
    page.wait_for_selector("#result table tr:nth-child(2)")
    assert page.locator("#views button[data-view='map']").is_disabled()  # no coordinates, no map
