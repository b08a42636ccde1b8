"""The catalogue's round trip in a real browser (issue 11): download the workbook from the
Catalogue page, change one target (with a reason) and add one indicator with openpyxl, upload it
through the page, confirm, see the new target and its history on the Indicator page; and an
assessment export at the earlier vintage is byte-identical to the one made before the upload."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from data.catalogue import catalogue_frames
from data.export import ExportRequest, export
from data.observations import last_change_at
from data.queries import reference_data
from data.store import open_reader
from tests.browser.conftest import running_streamlit
from tests.catalogue_files import NEW_INDICATOR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHANGED = ("IND-0502", "KINGDOM")
REASON = "aangescherpt na de tussenevaluatie"


def _assessment_export(db: Path, **request: object) -> bytes:
    with open_reader(db) as con:
        return export(con, ExportRequest(what="assessment", **request))


def _edit(workbook: bytes) -> tuple[bytes, float]:
    """Lower CHANGED's target by a tenth with a reason; add NEW_INDICATOR. The new bytes and the
    new target."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    indicators, targets = book["indicatoren"], book["doelen"]
    header = [cell.value for cell in targets[1]]
    column = {name: header.index(name) + 1 for name in header}
    new_target = None
    for row in range(2, targets.max_row + 1):
        key = (
            targets.cell(row, column["indicator_id"]).value,
            targets.cell(row, column["part_id"]).value,
        )
        if key == CHANGED:
            old = float(targets.cell(row, column["target_value"]).value)
            new_target = round(old * 0.9, 1)
            targets.cell(row, column["target_value"]).value = new_target
            targets.cell(row, column["reason"]).value = REASON
    assert new_target is not None, f"{CHANGED} is not on the targets sheet"
    names = [cell.value for cell in indicators[1]]
    # As a user types it: every cell text, an empty one left empty.
    indicators.append([NEW_INDICATOR[name] or None for name in names])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), new_target


def test_a_workbook_round_trip_through_the_page_keeps_earlier_exports(
    browser_db, tmp_path, browser_page
):
    database = tmp_path / "monitor.duckdb"
    shutil.copy(browser_db, database)
    with open_reader(database) as con:
        vintage = last_change_at(con)
        quarter = reference_data(con).latest_quarter
    before = _assessment_export(database, quarter=quarter, vintage=vintage)

    page = browser_page
    with running_streamlit(database, tmp_path) as url:
        page.goto(f"{url}/catalogue?lang=nl")
        page.get_by_role("tab", name="Downloaden").click()
        with page.expect_download() as download_info:
            page.get_by_role("button", name=re.compile(r"Werkboek downloaden")).click()
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx")
        edited, new_target = _edit(Path(download.path()).read_bytes())
        upload = tmp_path / "catalogus-bewerkt.xlsx"
        upload.write_bytes(edited)

        page.get_by_role("tab", name="Inlezen").click()
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_text("er is nog niets ingelezen").wait_for()
        page.get_by_role("button", name="2 wijzigingen vastleggen").click()
        page.get_by_text(re.compile(r"catalogus-bewerkt\.xlsx is ingelezen")).wait_for()

        page.goto(f"{url}/indicator?lang=nl&ind={CHANGED[0]}&part=KINGDOM")
        page.get_by_text("Geschiedenis van basiswaarden en doelen").wait_for()
        # The history's newest Kingdom row: the new target, "gewijzigd", the reason (the grid's
        # accessible cells hold what its canvas draws).
        cells = page.locator("[data-testid=stDataFrame] [role=gridcell]")
        cells.filter(has_text=REASON).first.wait_for(state="attached")
        shown = f"{new_target:.1f}".replace(".", ",")
        assert cells.filter(has_text=re.compile(rf"^{re.escape(shown)} \(2029Q4\)$")).count() >= 1
        assert cells.filter(has_text=re.compile(r"^gewijzigd$")).count() >= 1
        # The chart marks the quarter the target changed.
        page.locator(".js-plotly-plot").first.wait_for()
        assert page.locator(".js-plotly-plot text", has_text="doel gewijzigd").count() >= 1

    with open_reader(database) as con:
        indicators, targets = catalogue_frames(con)
    stored = targets.set_index(["indicator_id", "part_id"]).loc[CHANGED]
    assert (stored["target_value"], stored["reason"]) == (new_target, REASON)
    assert NEW_INDICATOR["indicator_id"] in set(indicators["indicator_id"])
    assert _assessment_export(database, quarter=quarter, vintage=vintage) == before
    assert _assessment_export(database, quarter=quarter) != before
