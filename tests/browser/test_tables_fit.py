"""Every table of the pages fits at 1366 px with the sidebar open: none needs scrolling sideways,
so the columns that explain a status (trend, flags, the statuses below a part) are in view.

Measured in the browser: ``st.dataframe`` draws its grid in a scroll container
(``.dvn-scroller``); a table fits when that container's ``scrollWidth`` is at most its
``clientWidth``. Tables in a closed tab or expander are not drawn and are not measured here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_WIDTH, _HEIGHT = 1366, 900

# Each drawn table: its header texts, its scroll container's widths.
_MEASURE = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .map(table => {
    const scroller = table.querySelector('.dvn-scroller');
    const headers = [...table.querySelectorAll('[role=columnheader]')].map(h => h.textContent);
    return {headers, scroll: scroller ? scroller.scrollWidth : null,
            client: scroller ? scroller.clientWidth : null};
  })
  .filter(table => table.client)"""

# Page -> the first header of each table that must be drawn there (that it is measured at all).
PAGES = {
    "parts?part=KINGDOM": ("Indicator", "Prioriteit", "Indicator"),
    "parts?part=CAR_NL": ("Indicator", "Prioriteit"),
    "action_lines?part=KINGDOM": ("Prioriteit", "Letter", "Indicator"),
    "indicator?part=KINGDOM": ("Deel", "Deel", "Deel"),
    "?part=KINGDOM": ("Actiestatus", "Indicator", "Prioriteit"),
    "actions?part=KINGDOM": ("Prioriteit", "Prioriteit"),
    "data_intake?part=KINGDOM": ("Rapporterende eenheid",),
}


@pytest.fixture
def wide_page(_browser):
    """A page 1366 px wide, the width of a common office laptop, in Dutch."""
    with open_page(_browser, width=_WIDTH, height=_HEIGHT) as page:
        yield page


# The problems table: its longest message's width in pixels, and the room its cells have for
# text: the lines a row is tall enough for (about 20 px a line) times the width beside the
# other columns (at least 200 px).
_MESSAGES_FIT = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter(t => t.querySelector('.dvn-scroller')?.clientWidth
    && [...t.querySelectorAll('[role=columnheader]')].at(-1)?.textContent.startsWith('Probleem'))
  .map(t => {
    const scroller = t.querySelector('.dvn-scroller');
    const rows = t.querySelectorAll('tbody [role=row]').length;
    const header = 38;
    const rowHeight = (scroller.scrollHeight - header) / rows;
    const lines = Math.max(1, Math.floor((rowHeight - 12) / 20));
    const canvas = document.createElement('canvas').getContext('2d');
    canvas.font = '14px "Source Sans", sans-serif';
    const messages = [...t.querySelectorAll('tbody [role=row]')]
      .map(row => [...row.querySelectorAll('[role=gridcell]')].at(-1).textContent);
    const longest = Math.max(...messages.map(m => canvas.measureText(m).width));
    return {longest, rowHeight, lines, room: lines * (scroller.clientWidth - 200)};
  })"""

# Whether the tables expected ($firsts: their first headers, a header once per table) are drawn.
_DRAWN = """firsts => {
  const drawn = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter(t => t.querySelector('.dvn-scroller')?.clientWidth)
    .map(t => t.querySelector('[role=columnheader]')?.textContent);
  return firsts.every(f => drawn.filter(d => d === f).length >= firsts.filter(x => x === f).length)
    && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def _tables(page, firsts: tuple[str, ...]) -> list[dict]:
    """The drawn tables once those expected are (and the app has stopped running)."""
    page.wait_for_selector("[data-testid='stSidebar']", state="visible")
    page.wait_for_function(_DRAWN, arg=list(firsts), timeout=180_000)
    page.wait_for_timeout(1500)  # the grid sizes its columns after it is drawn
    assert page.locator("[data-testid='stSidebar']").is_visible(), "the sidebar is not open"
    return page.evaluate(_MEASURE)


def _assert_fit(tables: list[dict], where: str) -> None:
    wide = [
        (t["headers"][:3], t["scroll"], t["client"]) for t in tables if t["scroll"] > t["client"]
    ]
    assert wide == [], f"{where}: tables that scroll sideways (headers, scrollWidth, clientWidth)"


@pytest.mark.parametrize("path", list(PAGES))
def test_every_table_of_the_page_fits_at_1366_px(streamlit_server, wide_page, path):
    wide_page.goto(f"{streamlit_server}/{path}&lang=nl")
    tables = _tables(wide_page, PAGES[path])
    assert len(tables) >= len(PAGES[path])
    _assert_fit(tables, path)


def test_the_problems_of_a_rejected_upload_fit_at_1366_px(
    streamlit_server, wide_page, tmp_path: Path
):
    # Problems with long messages (over 150 characters): a row wider than the header, a quote
    # that closes in the middle of a cell, a value with a thousands separator.
    lines = [
        "indicator_id,part_id,period,value,flag,note",
        "IND-0101,NL,2026Q3,12,,een toelichting,met tekst,in kolommen zonder kop",
        'IND-0101,AW,2026Q3,"12"3,,',
        'IND-0101,CW,2026Q3,"1,234.5",,',
    ]
    upload = tmp_path / "fouten.csv"
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    wide_page.goto(f"{streamlit_server}/data_intake?part=KINGDOM&lang=nl")
    _tables(wide_page, ("Rapporterende eenheid",))
    wide_page.get_by_role("tab", name="Uploaden").click()
    wide_page.locator("input[type=file]").set_input_files(str(upload))
    wide_page.get_by_text("er is niets opgeslagen").wait_for()
    tables = _tables(wide_page, ("Rij",))
    assert any(t["headers"] and t["headers"][-1].startswith("Probleem") for t in tables), tables
    _assert_fit(tables, "problems")
    # Not scrolling is not enough: a grid cuts a text that is wider than its column off. Every
    # message must fit in the lines its row has room for, at most the width beside the row and
    # column numbers (the grid's own font, measured on a canvas).
    (fit,) = wide_page.evaluate(_MESSAGES_FIT)
    assert fit["longest"] > 600, fit  # messages long enough to need more than one line
    assert fit["longest"] <= fit["room"], fit
