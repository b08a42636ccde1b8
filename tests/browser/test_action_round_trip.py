"""An action report round trip through the browser: the quarter template downloaded from the Data
page, its ``acties`` sheet filled in with openpyxl (a status and a narrative), uploaded and
confirmed, and the report shown on the Action lines page for that priority's action line."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from data.queries import reference_data
from data.store import open_reader
from data.template_columns import TEMPLATE_HEADERS
from tests.browser.conftest import running_streamlit
from ui.palette import action_status_text

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PART = "EUR_NL"
STATUS_WORD = "vertraagd"  # as a Dutch user types it
NARRATIVE = "Rondgang: het wetsvoorstel ligt bij de Raad van State."


def _fill_first_action(template: bytes) -> tuple[bytes, str, str]:
    """The template with its first action given a status and a narrative; the priority and
    period of that row."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook["acties"]
    header = [cell.value for cell in sheet[1]]
    dutch = TEMPLATE_HEADERS["actions"]["nl"]
    assert tuple(header[: len(dutch)]) == dutch
    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value)
    row[header.index("status")].value = STATUS_WORD
    row[header.index("toelichting")].value = NARRATIVE
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), str(row[0].value), str(row[header.index("periode")].value)


def test_an_action_filled_in_the_template_shows_on_the_action_lines_page(
    browser_db, tmp_path, browser_page
):
    database = tmp_path / "monitor.duckdb"
    shutil.copy(browser_db, database)
    with open_reader(database) as con:
        quarter = reference_data(con).latest_quarter
    page = browser_page
    with running_streamlit(database, tmp_path) as url:
        page.goto(f"{url}/data_intake?lang=nl&part={PART}")
        page.get_by_role("tab", name="Sjabloon").click()
        # The quarter the dashboard shows, so that the Action lines page is as of it.
        main = page.get_by_test_id("stMain")  # the sidebar has a quarter control too
        main.get_by_test_id("stSelectbox").filter(has_text="Kwartaal").click()
        page.get_by_role("option", name=quarter, exact=True).click()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Sjabloon downloaden (.xlsx)").click()
        template = Path(download_info.value.path()).read_bytes()
        filled, priority_id, period = _fill_first_action(template)
        assert period == quarter
        upload = tmp_path / "kwartaal-ingevuld.xlsx"
        upload.write_bytes(filled)

        page.get_by_role("tab", name="Uploaden").click()
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_text("er is nog niets ingelezen").wait_for()
        page.get_by_role("button", name="1 regels inlezen").click()
        page.get_by_text(re.compile(r"kwartaal-ingevuld\.xlsx ingelezen")).wait_for()

        action_line = priority_id.split("-")[0]
        page.goto(f"{url}/action_lines?lang=nl&part={PART}&al={action_line}&q={quarter}")
        # The grid's accessible cells hold what its canvas draws.
        rows = page.locator("[data-testid=stDataFrame] [role=row]").filter(has_text=NARRATIVE)
        rows.first.wait_for(state="attached")
        assert action_status_text("delayed", "nl") in (rows.first.text_content() or "")
        assert page.get_by_test_id("stException").count() == 0

    with open_reader(database) as con:
        stored = con.execute(
            "SELECT status, narrative FROM action_reports_at(NULL)"
            " WHERE priority_id = ? AND part_id = ? AND period = ?",
            [priority_id, PART, period],
        ).fetchall()
    assert stored == [("delayed", NARRATIVE)]
