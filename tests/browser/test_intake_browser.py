"""A template downloaded in the browser, filled in and uploaded through the Data page, lands."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from data.store import open_reader
from tests.browser.conftest import ROOT, running_streamlit
from tests.intake_files import current_values

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _valid_values(db: Path) -> dict[str, float]:
    """A value inside each indicator's valid range, to type into the template."""
    con = open_reader(db)
    try:
        ranges = con.execute("SELECT indicator_id, valid_min, valid_max FROM indicators").fetchall()
    finally:
        con.close()
    values = {}
    for indicator_id, low, high in ranges:
        low = 0.0 if low is None else low
        values[indicator_id] = round((low + high) / 2, 2) if high is not None else low + 7.25
    return values


def _fill_excel_nl(data: bytes, values: dict[str, float]) -> tuple[bytes, dict[tuple, float]]:
    text = data.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:4] == ["indicator", "deel", "periode", "waarde"]
    filled = {}
    for row in table[1:]:
        value = values[row[0]]
        row[3] = f"{value}".replace(".", ",")  # as Dutch Excel writes it
        filled[(row[0], row[1], row[2])] = value
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(table)
    return out.getvalue().encode("cp1252"), filled


def test_a_downloaded_template_filled_in_and_uploaded_round_trips(
    structure_db, tmp_path, browser_page
):
    page = browser_page
    values = _valid_values(structure_db)
    page_file = ROOT / "app_pages" / "data_intake.py"
    with running_streamlit(structure_db, tmp_path, script=page_file) as url:
        page.goto(f"{url}/?lang=nl&part=CAR_C")
        page.get_by_role("tab", name="Sjabloon").click()
        page.get_by_text(re.compile(r"\d+ regels verwacht")).wait_for()
        with page.expect_download() as download_info:
            page.get_by_role("button", name="Sjabloon downloaden (.csv)").click()
        download = download_info.value
        assert download.suggested_filename.startswith("sjabloon-CAR_C-")
        template = Path(download.path()).read_bytes()
        assert template.startswith(b"\xef\xbb\xbf")  # Dutch Excel dialect by default in Dutch

        filled, expected = _fill_excel_nl(template, values)
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
