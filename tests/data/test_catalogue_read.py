"""Reading a catalogue upload: .xlsx in either language, the CSV zip, frames; bounds and row
numbers as a spreadsheet shows them; formulas never evaluated."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from data import catalogue_read
from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS, WORKBOOK_TARGET_COLUMNS
from data.catalogue_read import (
    INDICATORS,
    MAX_FILE_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    TARGETS,
    read_catalogue,
    tables_from_frames,
)
from tests.catalogue_files import NEW_INDICATOR, NEW_TARGET, csv_text, workbook_bytes, zip_bytes


def _cells(table, column: str) -> list[str]:
    return [cells[table.columns[column]] for _, cells in table.rows]


def _codes(problems) -> list[tuple]:
    return [(p.code, p.sheet, p.row, p.column, p.letter) for p in problems]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_xlsx_is_read_from_its_sheets_in_either_language(lang):
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET], lang=lang)
    tables, problems, warnings = read_catalogue(data, "catalogus.xlsx")
    assert problems == [] and warnings == []
    assert _cells(tables.indicators, "indicator_id") == ["IND-9901"]
    assert _cells(tables.indicators, "scope") == ["AW;CW"]
    assert _cells(tables.targets, "target_value") == ["20"]
    assert tables.targets.rows[0][0] == 2  # the first data row is row 2


def test_numbers_typed_into_cells_read_as_their_text():
    indicator = dict(NEW_INDICATOR, decimals=2, valid_min=0.5, valid_max=1000)
    target = dict(NEW_TARGET, baseline_value=12.25, target_value=20)
    tables, problems, _ = read_catalogue(workbook_bytes([indicator], [target]), "x.xlsx")
    assert problems == []
    assert _cells(tables.indicators, "decimals") == ["2"]
    assert _cells(tables.indicators, "valid_min") == ["0.5"]
    assert _cells(tables.targets, "baseline_value") == ["12.25"]
    assert _cells(tables.targets, "target_value") == ["20"]


def test_dutch_header_aliases_are_accepted_and_an_unknown_column_is_a_warning():
    header = ["indicator", "actielijn", *WORKBOOK_INDICATOR_COLUMNS[2:], "opmerking"]
    target_header = [
        "indicator",
        "deel",
        "basisperiode",
        "basiswaarde",
        "doelperiode",
        "doelwaarde",
        "reden",
    ]
    row = [NEW_INDICATOR[c] for c in WORKBOOK_INDICATOR_COLUMNS] + ["eigen notitie"]
    data = workbook_bytes([row], [NEW_TARGET], indicator_header=header, target_header=target_header)
    tables, problems, warnings = read_catalogue(data, "x.xlsx")
    assert problems == []
    assert _cells(tables.indicators, "action_line_id") == ["AL03"]
    assert _cells(tables.targets, "part_id") == ["AW"]
    assert _codes(warnings) == [("unknown_column", INDICATORS, 1, "opmerking", "V")]


def test_the_help_sheet_and_other_sheets_are_ignored():
    # The help sheet holds a formula without a cached value: it is not read, so no problem.
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET], help_sheet=True)
    assert read_catalogue(data, "x.xlsx")[1] == []


@pytest.mark.parametrize(
    ("sheets", "missing"),
    [(["indicatoren"], TARGETS), (["blad1", "doelen"], INDICATORS)],
)
def test_a_missing_sheet_is_a_problem_naming_it(sheets, missing):
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET], sheets=sheets)
    tables, problems, _ = read_catalogue(data, "x.xlsx")
    assert tables is None
    assert [(p.code, p.sheet) for p in problems] == [("sheet_missing", missing)]


def test_the_same_sheet_in_both_languages_is_a_problem():
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes([NEW_INDICATOR], [NEW_TARGET])))
    workbook.create_sheet("Targets")
    buffer = io.BytesIO()
    workbook.save(buffer)
    _, problems, _ = read_catalogue(buffer.getvalue(), "x.xlsx")
    assert [(p.code, p.sheet) for p in problems] == [("sheet_twice", TARGETS)]


def test_a_missing_column_is_a_problem_but_a_missing_reason_column_is_not():
    header = [c for c in WORKBOOK_INDICATOR_COLUMNS if c != "owner"]
    target_header = [c for c in WORKBOOK_TARGET_COLUMNS if c != "reason"]
    data = workbook_bytes(
        [[NEW_INDICATOR[c] for c in header]],
        [[NEW_TARGET[c] for c in target_header]],
        indicator_header=header,
        target_header=target_header,
    )
    _, problems, _ = read_catalogue(data, "x.xlsx")
    assert [(p.code, p.sheet, p.row, p.column) for p in problems] == [
        ("missing_column", INDICATORS, 1, "owner")
    ]
    assert dict(problems[0].params)["names"] == "owner / eigenaar"


def test_a_formula_without_a_cached_value_is_a_problem_never_evaluated():
    data = workbook_bytes([NEW_INDICATOR], [dict(NEW_TARGET, target_value="=10+10")])
    tables, problems, _ = read_catalogue(data, "x.xlsx")
    assert tables is None
    assert _codes(problems) == [("formula_without_value", TARGETS, 2, "target_value", "F")]
    assert problems[0].value == "=10+10"


def test_a_formula_with_a_cached_value_is_read_as_that_value():
    data = workbook_bytes([NEW_INDICATOR], [dict(NEW_TARGET, target_value="=10+10")])
    # Give the formula the value Excel would have cached when saving (never the formula's own).
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = content.decode()
                text = re.sub(r"<f>10\+10</f>(<v\s*/>|<v></v>)?", "<f>10+10</f><v>25</v>", text)
                content = text.encode()
            out.writestr(item, content)
    tables, problems, _ = read_catalogue(buffer.getvalue(), "x.xlsx")
    assert problems == []
    assert _cells(tables.targets, "target_value") == ["25"]


def test_row_numbers_are_those_a_spreadsheet_shows_blank_rows_included():
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET, {}, {}, dict(NEW_TARGET, part_id="CW")])
    tables, _, _ = read_catalogue(data, "x.xlsx")
    assert [number for number, _ in tables.targets.rows] == [2, 5]
    assert tables.targets.blank_rows == 2


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_zip_of_two_csv_files_is_read_in_each_delimiter(delimiter, bom, lang):
    data = zip_bytes([NEW_INDICATOR], [NEW_TARGET], delimiter=delimiter, bom=bom, lang=lang)
    tables, problems, warnings = read_catalogue(data, "catalogus.zip")
    assert problems == [] and warnings == []
    assert _cells(tables.indicators, "name_nl") == ["Testindicator"]
    assert _cells(tables.indicators, "scope") == ["AW;CW"]
    assert _cells(tables.targets, "baseline_period") == ["2024Q4"]


def test_a_zip_with_one_csv_missing_names_the_missing_sheet():
    indicators = csv_text(WORKBOOK_INDICATOR_COLUMNS, [NEW_INDICATOR]).encode()
    data = zip_bytes(members={"map/indicatoren.csv": indicators, "notes.txt": b"x"})
    tables, problems, _ = read_catalogue(data, "x.zip")
    assert tables is None
    assert [(p.code, p.sheet) for p in problems] == [("sheet_missing", TARGETS)]


def test_a_first_line_over_the_csv_field_limit_is_a_problem_not_a_crash():
    # 131,072 characters is the csv module's field limit: sniffing the delimiter met it first.
    indicators = ("indicator_id," + "x" * 200_000 + "\n").encode()
    targets = csv_text(WORKBOOK_TARGET_COLUMNS, [NEW_TARGET]).encode()
    data = zip_bytes(members={"indicatoren.csv": indicators, "doelen.csv": targets})
    tables, problems, _ = read_catalogue(data, "x.zip")
    assert tables is None
    assert [(p.code, p.sheet, p.row) for p in problems] == [("csv_malformed", INDICATORS, 1)]


def test_a_sheet_declaring_a_huge_size_costs_what_it_holds():
    # openpyxl's read-only sheets pad every row to the declared size: 400,000 rows × 16,384
    # columns from a few KB (on the reader before: a minute and 2.5 GB, then "unreadable").
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes([NEW_INDICATOR], [NEW_TARGET])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = re.sub(r'<dimension ref="[^"]*"/>', "", data.decode())
                text = text.replace("<sheetData", '<dimension ref="A1:XFD400000"/><sheetData', 1)
                data = text.encode()
            out.writestr(item, data)
    tables, problems, _ = read_catalogue(buffer.getvalue(), "groot.xlsx")
    assert problems == []
    assert _cells(tables.indicators, "indicator_id") == ["IND-9901"]
    assert _cells(tables.targets, "target_value") == ["20"]


def test_a_csv_that_is_not_utf8_is_a_problem_naming_its_sheet():
    targets = csv_text(WORKBOOK_TARGET_COLUMNS, [dict(NEW_TARGET, reason="Curaçao")])
    data = zip_bytes(
        members={
            "indicatoren.csv": csv_text(WORKBOOK_INDICATOR_COLUMNS, [NEW_INDICATOR]).encode(),
            "doelen.csv": targets.encode("cp1252"),
        }
    )
    _, problems, _ = read_catalogue(data, "x.zip")
    assert [(p.code, p.sheet) for p in problems] == [("encoding", TARGETS)]


def test_a_zip_bomb_is_refused_unread():
    zeros = b"0" * (MAX_UNCOMPRESSED_BYTES + 1)
    data = zip_bytes(members={"indicatoren.csv": zeros, "doelen.csv": b"indicator_id"})
    assert len(data) < MAX_FILE_BYTES / 100  # small on disk, large unpacked
    tables, problems, _ = read_catalogue(data, "x.zip")
    assert tables is None
    assert [p.code for p in problems] == ["zip_too_large"]
    assert dict(problems[0].params) == {"limit_mb": "20"}


def test_a_file_over_20_mb_is_refused():
    _, problems, _ = read_catalogue(b"PK\x03\x04" + b"0" * MAX_FILE_BYTES, "x.xlsx")
    assert [p.code for p in problems] == ["file_too_large"]


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "x.xlsx", "empty_file"),
        (b"indicator_id,part_id\nIND-0101,NL\n", "doelen.csv", "not_a_workbook"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "x.xls", "xls_not_supported"),
        (b"PK\x03\x04 broken", "x.xlsx", "zip_unreadable"),
    ],
)
def test_what_is_not_a_catalogue_workbook_is_refused_saying_why(data, name, code):
    tables, problems, _ = read_catalogue(data, name)
    assert tables is None and [p.code for p in problems] == [code]


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(catalogue_read, "MAX_SHEET_ROWS", 2)
    data = workbook_bytes([NEW_INDICATOR], [NEW_TARGET] * 3)
    tables, problems, _ = read_catalogue(data, "x.xlsx")
    assert tables is None
    assert [(p.code, p.sheet) for p in problems] == [("too_many_rows", TARGETS)]


def test_frames_read_as_the_same_text_tables_as_the_file():
    indicators = pd.DataFrame(
        [
            dict(
                NEW_INDICATOR,
                decimals=0,
                valid_min=0.0,
                valid_max=1000.0,
                scope=["AW", "CW"],
                reference=None,
                retired_from=float("nan"),
            )
        ]
    )
    targets = pd.DataFrame([dict(NEW_TARGET, baseline_value=10.0, target_value=20, reason=None)])
    from_frames, problems, _ = tables_from_frames(indicators, targets)
    from_file, _, _ = read_catalogue(workbook_bytes([NEW_INDICATOR], [NEW_TARGET]), "x.xlsx")
    assert problems == []
    assert from_frames.indicators.rows == from_file.indicators.rows
    assert from_frames.targets.rows == from_file.targets.rows
    assert from_frames.indicators.columns == from_file.indicators.columns
