"""The Overview at a glance in a real Chromium: a matrix cell is a link a screen reader names with
its action line, part and counts in words (Dutch and English) and opens that action line for that
part; on a 390 px phone every cell still shows its part and action line, unclipped; the seven
tiles of the Kingdom at a glance open their profiles; the matrix links show keyboard focus; axe
finds nothing serious in either. Expected names are computed from the demo assessment."""

from __future__ import annotations

import re

import pytest

from tests.glance_facts import cell_statuses, demo_facts, spoken
from ui.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_CELL = ".glance-matrix a.glance-heat"
_TILE = ".glance-tiles a.glance-tile"


def _open(page, url: str, lang: str) -> None:
    page.goto(url)
    page.get_by_role("heading", name=t("overview.matrix_heading", lang)).wait_for()
    # The matrix's links (the tiles come before them); on main they were page links.
    page.locator(f"{_CELL}, [data-testid='stPageLink-NavLink']").first.wait_for()
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
    )
    page.wait_for_timeout(500)


@pytest.fixture(scope="module")
def facts(browser_db):
    return demo_facts(browser_db)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_matrix_cell_is_a_link_named_in_words_that_opens_its_action_line(
    streamlit_server, browser_page, facts, lang
):
    reference, catalogue, series = facts
    parts = reference.kingdom_parts
    statuses = cell_statuses(series, catalogue, parts, action_line_id="AL04", part_id="CAR_C")
    assert statuses, "the demo data has AL04 series in the Caribbean countries"
    part = parts.loc[parts["part_id"] == "CAR_C", f"name_{lang}"].item()
    page = browser_page
    _open(page, f"{streamlit_server}/?lang={lang}&part=KINGDOM", lang)
    link = page.get_by_role("link", name=f"AL04, {part}: {spoken(statuses, lang)}", exact=True)
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(r"/action_lines\?"))
    page.get_by_role("heading", name=re.compile("^AL04")).first.wait_for()
    for param in ("al=AL04", "part=CAR_C", f"lang={lang}", f"q={reference.latest_quarter}"):
        assert param in page.url
    assert page.get_by_test_id("stException").count() == 0


def test_on_a_phone_every_matrix_cell_keeps_its_labels_unclipped(
    streamlit_server, browser_page, facts, artifacts
):
    reference, _, _ = facts
    parts = reference.kingdom_parts
    names = dict(zip(parts["part_id"], parts["name_nl"], strict=True))
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    _open(page, f"{streamlit_server}/?lang=nl&part=CAR_NL", "nl")
    rows = page.locator(".glance-matrix tbody tr")
    assert rows.count() == 12, "the matrix is not one table of action lines"
    checked = 0
    for index in range(rows.count()):
        row = rows.nth(index)
        row.scroll_into_view_if_needed()
        header = row.locator("th")
        assert header.is_visible() and re.match(r"AL\d\d · ", header.inner_text())
        cells = row.locator("td")
        assert cells.count() == 4
        for position in range(cells.count()):
            cell = cells.nth(position)
            label = cell.locator(".glance-part")
            link = cell.locator("a.glance-heat")
            part_id = re.search(r"part=([^&]+)", link.get_attribute("href")).group(1)
            assert label.is_visible() and label.inner_text() == names[part_id]
            for element in (label, link, header):
                box = element.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, part_id
            # Nothing cut off: the link's text fits its box.
            assert link.evaluate(
                "e => e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight + 1"
            ), part_id
            assert link.inner_text().strip()
            checked += 1
    assert checked == 48
    tiles = page.locator(_TILE)
    assert tiles.count() == 7
    for index in range(7):
        box = tiles.nth(index).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    rows.nth(3).scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "glance_matrix_390.png"))


def test_each_kingdom_tile_opens_its_profile(streamlit_server, browser_page, facts):
    reference, _, _ = facts
    page = browser_page
    _open(page, f"{streamlit_server}/?lang=nl&part=KINGDOM", "nl")
    tiles = page.locator(_TILE)
    assert tiles.count() == 7
    hrefs = [tiles.nth(index).get_attribute("href") for index in range(7)]
    entities = reference.kingdom_parts.loc[reference.kingdom_parts["level"] == "entity"]
    assert sorted(re.search(r"part=([^&]+)", h).group(1) for h in hrefs) == sorted(
        entities["part_id"]
    )
    page.get_by_role("link", name=re.compile("^Aruba: ")).click()
    page.wait_for_url(re.compile(r"/parts\?"))
    assert "part=AW" in page.url and "lang=nl" in page.url
    assert f"q={reference.latest_quarter}" in page.url
    page.get_by_role("heading", name=re.compile("Aruba")).first.wait_for()
    assert page.get_by_test_id("stException").count() == 0


def test_matrix_and_tile_links_show_keyboard_focus(streamlit_server, browser_page):
    page = browser_page
    _open(page, f"{streamlit_server}/?lang=en&part=KINGDOM", "en")
    for selector in (_CELL, _TILE):
        link = page.locator(selector).first
        link.scroll_into_view_if_needed()
        link.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = link.evaluate(
            "e => ({focused: e.matches(':focus-visible'),"
            " style: getComputedStyle(e).outlineStyle, width: getComputedStyle(e).outlineWidth})"
        )
        assert style["focused"], selector
        assert style["style"] == "solid" and float(style["width"].rstrip("px")) >= 3, selector


def test_axe_finds_nothing_serious_in_the_matrix_or_the_tiles(streamlit_server, browser_page):
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page
    for lang, part in (("nl", "KINGDOM"), ("en", "BQ-SA")):
        _open(page, f"{streamlit_server}/?lang={lang}&part={part}", lang)
        results = Axe().run(page, context={"include": [[".glance-matrix"], [".glance-tiles"]]})
        serious = [
            (violation["id"], len(violation["nodes"]))
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert serious == [], f"{lang} {part}: {serious}"
