"""A template downloaded in the browser, filled in and uploaded through the Data page, lands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT, running_streamlit
from tests.browser.templates import download_template, fill_excel_nl, valid_values
from tests.intake_files import current_values

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_downloaded_template_filled_in_and_uploaded_round_trips(
    structure_db, tmp_path, browser_page
):
    page = browser_page
    values = valid_values(structure_db)
    page_file = ROOT / "app_pages" / "data_intake.py"
    with running_streamlit(structure_db, tmp_path, script=page_file) as url:
        page.goto(f"{url}/?lang=nl&part=CAR_C")
        download = download_template(page)
        assert download.suggested_filename.startswith("sjabloon-CAR_C-")
        template = Path(download.path()).read_bytes()
        assert template.startswith(b"\xef\xbb\xbf")  # Dutch Excel dialect by default in Dutch

        filled, expected = fill_excel_nl(template, values)
        upload = tmp_path / "ingevuld.csv"
        upload.write_bytes(filled)

        page.get_by_role("tab", name="Uploaden").click()
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_text("er is nog niets ingelezen").wait_for()
        page.get_by_role("button", name=f"{len(expected)} waarden inlezen").click()
        page.get_by_text(re.compile(r"ingevuld\.csv ingelezen: \d+ nieuw")).wait_for()

    stored = current_values(structure_db)
    assert len(expected) > 3
    assert {key: stored[key][0] for key in expected} == expected
    assert {key[1] for key in expected} == {"AW", "CW", "SX"}
