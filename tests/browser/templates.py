"""A quarter template downloaded from the Data page and filled in as a coordinator would: a valid
value in every row, written the Dutch Excel way (semicolons, decimal comma, Windows-1252)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from data.store import open_reader

__all__ = ["download_template", "fill_excel_nl", "valid_values"]


def valid_values(db: Path) -> dict[str, float]:
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


def fill_excel_nl(data: bytes, values: dict[str, float]) -> tuple[bytes, dict[tuple, float]]:
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


def download_template(page) -> object:
    """On the Data page (in Dutch): the Template tab's CSV for the part it offers; the
    Playwright download."""
    page.get_by_role("tab", name="Sjabloon").click()
    page.get_by_text(re.compile(r"\d+ regels verwacht")).wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Sjabloon downloaden (.csv)").click()
    return download_info.value
