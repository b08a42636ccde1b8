"""Accessibility in a real Chromium, measured with axe-core (axe-playwright-python injects its
bundled axe.min.js; nothing is fetched).

- axe on every page of the menu, in Dutch and English, for the Kingdom and one island (Saba):
  no violation of impact "serious" or "critical", and no ``heading-order`` (moderate, but a
  screen reader's list of headings then misses a level). One server, one browser page reused.
- Keyboard focus is visible: Tab reaches a menu link and an Overview matrix link, each with an
  outline (or a ring) in a colour that is not transparent. Screenshots in tests/artifacts/.
- The theme is the government's: a primary button is lintblauw, not Streamlit's red.

The server runs as the local user, who may see every page (the administration too): a page
that opens as another (not in the menu) fails the test instead of measuring the wrong page.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.browser.conftest import open_page
from ui import pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGS = ("nl", "en")
PARTS = ("KINGDOM", "BQ-SA")
# What is measured: what blocks or seriously hinders a user (WCAG A/AA in axe's terms), and
# headings in order.
IMPACTS = {"serious", "critical"}
ALSO = {"heading-order"}
LINTBLAUW = "rgb(1, 104, 155)"  # .streamlit/config.toml's primaryColor #01689B
STREAMLIT_RED = "rgb(255, 75, 75)"

# Rendered: the script has finished (the app says so in data-test-script-state, as Streamlit's
# own browser tests read it; no running indicator, no skeleton), the page's title is there,
# every chart has drawn its SVG and the menu is there (ui/style.py gives it its list roles).
_READY = """() => document.querySelector('[data-testid="stApp"]')
       ?.getAttribute('data-test-script-state') === 'notRunning'
  && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-testid="stSkeleton"]')
  && document.querySelector('[data-testid="stMain"] h1')
  && document.querySelector('[data-testid="stSidebarNavItems"]')
  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
       .every((chart) => chart.querySelector('.main-svg'))"""

# The focused element's outline or ring, as the browser draws it.
_FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return {testid: el.getAttribute('data-testid') || '', href: el.getAttribute('href') || '',
          outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
          outlineColor: s.outlineColor, boxShadow: s.boxShadow};
}"""


def _url(base: str, entry: pages.PageEntry, lang: str, part: str) -> str:
    # The default page lives at the root (its own url_path opens "page not found").
    path = "" if entry == pages.PAGES[0] else entry.url_path
    return f"{base}/{path}?lang={lang}&part={part}"


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(_READY, timeout=120_000)
    # A rerun may start right after the first (the URL written back): measure a settled page.
    page.wait_for_timeout(300)
    page.wait_for_function(_READY, timeout=120_000)


@pytest.fixture(scope="module")
def shared_page(_browser) -> Iterator[object]:
    """One page for all the runs of this module (1366 px wide, as the users' laptops)."""
    with open_page(_browser, width=1366, height=900) as page:
        yield page


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def describe(violations: list[dict], *, limit: int = 3) -> str:
    """Each violation as rule id, impact, how many elements and the first ``limit`` targets."""
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:limit]]
        lines.append(
            f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements): "
            + "; ".join(target[-120:] for target in targets)
        )
    return "\n".join(lines)


def test_describe_names_rule_impact_and_first_targets():
    violation = {
        "id": "color-contrast",
        "impact": "serious",
        "nodes": [{"target": [f"#a{i}"]} for i in range(5)],
    }
    assert describe([violation]) == "color-contrast (serious, 5 elements): #a0; #a1; #a2"


@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("entry", pages.PAGES, ids=lambda entry: entry.url_path)
def test_no_serious_axe_violation_on_any_page(
    streamlit_server, shared_page, axe, entry, lang, part
):
    started = time.monotonic()
    _open(shared_page, _url(streamlit_server, entry, lang, part))
    landed = shared_page.url.split("?")[0].removeprefix(streamlit_server).strip("/")
    expected = "" if entry == pages.PAGES[0] else entry.url_path
    assert landed == expected, f"{entry.url_path} opened {landed!r}: not in the local user's menu"
    results = axe.run(shared_page)
    found = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in IMPACTS or violation["id"] in ALSO
    ]
    where = f"{entry.url_path} ({lang}, {part}, {time.monotonic() - started:.1f} s)"
    assert not found, f"axe on {where}:\n{describe(found)}"


def _tab_to(page, matches, *, presses: int = 400) -> dict:
    """Press Tab until the focused element satisfies ``matches``; its focus style."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS_STYLE)
        if matches(focused):
            return focused
    raise AssertionError(f"{presses} presses of Tab never reached the element")


def _visible_focus(focused: dict) -> bool:
    outline = (
        focused["outlineStyle"] not in ("none", "")
        and focused["outlineWidth"] > 0
        and focused["outlineColor"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    ring = focused["boxShadow"] not in ("none", "")
    return outline or ring


def test_keyboard_focus_is_visible_on_the_menu_and_the_matrix_links(
    streamlit_server, browser_page, artifacts
):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 1000})
    _open(page, _url(streamlit_server, pages.OVERVIEW, "nl", "KINGDOM"))

    in_menu = _tab_to(page, lambda focused: focused["testid"] == "stSidebarNavLink")
    page.screenshot(path=str(artifacts / "focus_menu_link.png"))
    assert _visible_focus(in_menu), f"no visible focus on a menu link: {in_menu}"

    in_matrix = _tab_to(
        page,
        # A heat-map cell: a link of the matrix's own (ui.heat_matrix), not the menu's entry.
        lambda focused: (
            focused["testid"] != "stSidebarNavLink" and "action_lines?" in focused["href"]
        ),
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # the same link again, now scrolled into view
    page.screenshot(path=str(artifacts / "focus_matrix_link.png"))
    assert _visible_focus(in_matrix), f"no visible focus on a matrix link: {in_matrix}"


def test_a_primary_button_is_lintblauw_not_streamlit_red(streamlit_server, browser_page):
    page = browser_page
    _open(page, _url(streamlit_server, pages.EXPORT, "nl", "KINGDOM"))
    button = page.locator('[data-testid="stBaseButton-primary"]').first
    button.wait_for()
    background = button.evaluate("(el) => getComputedStyle(el).backgroundColor")
    assert background != STREAMLIT_RED
    assert background == LINTBLAUW
