"""The catalogue workbook and its CSV form: sheets, columns, cells, drop-downs, help, bytes."""

from __future__ import annotations

import csv
import io
import re
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from data.catalogue_columns import (
    ALLOWED_VALUES,
    HELP_SHEET,
    INDICATOR_SHEET,
    TARGET_SHEET,
    WORKBOOK_INDICATOR_COLUMNS,
    WORKBOOK_TARGET_COLUMNS,
)
from data.catalogue_workbook import (
    EXAMPLE_WORKBOOK,
    VALIDATED_ROWS,
    catalogue_csv_zip,
    catalogue_file_name,
    catalogue_workbook,
    csv_member_names,
)
from data.seed import seed_indicators
from devtools.example_workbook import EXAMPLE_RECORDED_AT, example_workbook_bytes
from tests.data.series_db import CATALOGUE_RECORDED, SeriesDB
from ui.catalogue_labels import workbook_texts

LANGS = ("nl", "en")
# Text a spreadsheet would run as a formula, or that an XML reader would change.
TRICKY_TEXTS = {
    "name_nl": '=HYPERLINK("http://example.org","klik")',
    "name_en": "+31 20 123 4567",
    "definition_nl": "-5 graden",
    "definition_en": "@SUM(A1:A2)",
    "unit_nl": "\tinspringing",
    "unit_en": "\rcarriage",
    "source": "regel 1\r\nregel 2",
    "reference": " spatie voor en na ",
}
LATER = datetime(2026, 3, 1, 9, 30, 17)


def _load(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def catalogue() -> Iterator[SeriesDB]:
    """Two indicators (one with every optional cell empty) and targets for two parts."""
    with SeriesDB.fresh() as db:
        db.indicator(
            "IND-0001",
            scope=("AW", "NL"),
            decimals=1,
            valid_min=-10.5,
            valid_max=100.0,
            definition_nl="een definitie",
            definition_en="a definition",
            reference="2.0% in 2024",
        )
        db.indicator("IND-0002", target_type="maintain_min", scope=("KINGDOM",), decimals=0)
        db.target("IND-0001", "KINGDOM", baseline_value=1.25, target_value=3.0)
        db.target(
            "IND-0001",
            "AW",
            baseline_value=0.1,
            target_value=2.0,
            baseline_period="2023Q4",
            target_period="2030Q4",
        )
        db.target("IND-0002", "KINGDOM", baseline_value=60.0, target_value=65.0)
        yield db


@pytest.fixture
def tricky() -> Iterator[SeriesDB]:
    with SeriesDB.fresh() as db:
        db.indicator("IND-0001", **TRICKY_TEXTS)
        db.target("IND-0001", "NL", baseline_value=1.0, target_value=2.0, reason="=1+1 is twee")
        yield db


# --- file names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "fmt", "name"),
    [
        ("nl", "xlsx", "catalogus.xlsx"),
        ("en", "xlsx", "catalogue.xlsx"),
        ("nl", "csv", "catalogus-csv.zip"),
        ("en", "csv", "catalogue-csv.zip"),
    ],
)
def test_file_name_per_language_and_format(lang: str, fmt: str, name: str) -> None:
    assert catalogue_file_name(lang, fmt) == name


def test_unknown_format_or_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="parquet"):
        catalogue_file_name("nl", "parquet")
    with pytest.raises(ValueError, match="'de'"):
        catalogue_file_name("de", "xlsx")


# --- the .xlsx: sheets, headers, cells ------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_sheets_are_named_in_the_workbooks_language(catalogue: SeriesDB, lang: str) -> None:
    book = _load(catalogue_workbook(catalogue.con, lang=lang, texts=workbook_texts(lang)))
    assert book.sheetnames == [INDICATOR_SHEET[lang], TARGET_SHEET[lang], HELP_SHEET[lang]]


@pytest.mark.parametrize("lang", LANGS)
def test_header_rows_are_the_canonical_columns_in_order(catalogue: SeriesDB, lang: str) -> None:
    book = _load(catalogue_workbook(catalogue.con, lang=lang, texts=workbook_texts(lang)))
    indicators = _values(book[INDICATOR_SHEET[lang]])
    targets = _values(book[TARGET_SHEET[lang]])
    assert tuple(indicators[0]) == WORKBOOK_INDICATOR_COLUMNS
    assert tuple(targets[0]) == WORKBOOK_TARGET_COLUMNS
    for sheet in (book[INDICATOR_SHEET[lang]], book[TARGET_SHEET[lang]]):
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
        assert all(width >= 10 for width in widths)


def test_rows_hold_the_catalogue_as_stored(catalogue: SeriesDB) -> None:
    book = _load(catalogue_workbook(catalogue.con, lang="nl", texts=workbook_texts("nl")))
    rows = _values(book["indicatoren"])[1:]
    assert [row[0] for row in rows] == ["IND-0001", "IND-0002"]
    first = dict(zip(WORKBOOK_INDICATOR_COLUMNS, rows[0], strict=True))
    # Scope in the Kingdom's order (NL before AW), joined by ';'.
    assert first["scope"] == "NL;AW"
    assert first["valid_min"] == -10.5
    assert first["decimals"] == 1
    assert first["reference"] == "2.0% in 2024"
    second = dict(zip(WORKBOOK_INDICATOR_COLUMNS, rows[1], strict=True))
    for column in ("definition_nl", "valid_min", "valid_max", "reference", "retired_from"):
        assert second[column] is None, column  # empty stays an empty cell, not ''
    targets = _values(book["doelen"])[1:]
    assert targets == [
        ["IND-0001", "KINGDOM", "2023Q1", 1.25, "2029Q4", 3, None],
        ["IND-0001", "AW", "2023Q4", 0.1, "2030Q4", 2, None],
        ["IND-0002", "KINGDOM", "2023Q1", 60, "2029Q4", 65, None],
    ]


def test_numbers_are_number_cells_and_codes_are_text(catalogue: SeriesDB) -> None:
    book = _load(catalogue_workbook(catalogue.con, lang="en", texts=workbook_texts("en")))
    indicators = book["indicators"]
    for column in ("decimals", "valid_min", "valid_max"):
        cell = indicators.cell(2, WORKBOOK_INDICATOR_COLUMNS.index(column) + 1)
        assert cell.data_type == "n", column
        assert isinstance(cell.value, int | float), column
    decimals = indicators.cell(2, WORKBOOK_INDICATOR_COLUMNS.index("decimals") + 1).value
    assert isinstance(decimals, int)
    targets = book["targets"]
    for column in ("baseline_value", "target_value"):
        cell = targets.cell(2, WORKBOOK_TARGET_COLUMNS.index(column) + 1)
        assert cell.data_type == "n", column
    for column in ("baseline_period", "target_period", "part_id"):
        assert targets.cell(2, WORKBOOK_TARGET_COLUMNS.index(column) + 1).data_type == "s"


def test_formula_looking_text_is_a_string_cell_read_back_exactly(tricky: SeriesDB) -> None:
    data = catalogue_workbook(tricky.con, lang="nl", texts=workbook_texts("nl"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in xml or b"<f " in xml for xml in sheets)  # no formula anywhere
    # Read as the import reads: cached values only, read-only.
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    row = dict(
        zip(
            WORKBOOK_INDICATOR_COLUMNS,
            next(book["indicatoren"].iter_rows(min_row=2, values_only=True)),
            strict=True,
        )
    )
    for column, text in TRICKY_TEXTS.items():
        assert row[column] == text, column
    target = next(book["doelen"].iter_rows(min_row=2, values_only=True))
    assert target[-1] == "=1+1 is twee"
    book.close()
    typed = _load(data)["indicatoren"]
    for column in TRICKY_TEXTS:
        assert typed.cell(2, WORKBOOK_INDICATOR_COLUMNS.index(column) + 1).data_type == "s"


def test_control_characters_xml_cannot_hold_are_left_out() -> None:
    with SeriesDB.fresh() as db:
        db.indicator("IND-0001", name_nl="naam\x01met\x0bstuurteken")
        data = catalogue_workbook(db.con, lang="nl", texts=workbook_texts("nl"))
    assert _load(data)["indicatoren"]["C2"].value == "naammetstuurteken"


# --- drop-downs -----------------------------------------------------------------------------


def _validations(sheet) -> dict[str, tuple[str, str]]:
    """Column letter -> (formula, range) of each list validation."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in str(validation.sqref).split():
            letter = re.match(r"[A-Z]+", cell_range).group(0)
            found[letter] = (validation.formula1, cell_range)
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_enumerated_columns_offer_their_codes_far_below_the_last_row(
    catalogue: SeriesDB, lang: str
) -> None:
    book = _load(catalogue_workbook(catalogue.con, lang=lang, texts=workbook_texts(lang)))
    found = _validations(book[INDICATOR_SHEET[lang]])
    for column, codes in ALLOWED_VALUES.items():
        letter = openpyxl.utils.get_column_letter(WORKBOOK_INDICATOR_COLUMNS.index(column) + 1)
        formula, cell_range = found[letter]
        assert formula == '"' + ",".join(codes) + '"', column
        assert cell_range == f"{letter}2:{letter}{VALIDATED_ROWS}", column
    action_lines = catalogue.con.execute(
        "SELECT action_line_id FROM action_lines ORDER BY sort_order"
    ).fetchall()
    assert found["B"][0] == '"' + ",".join(a for (a,) in action_lines) + '"'
    parts = catalogue.con.execute(
        "SELECT part_id FROM kingdom_parts ORDER BY sort_order"
    ).fetchall()
    assert (
        _validations(book[TARGET_SHEET[lang]])["B"][0] == '"' + ",".join(p for (p,) in parts) + '"'
    )


# --- the help sheet -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_help_sheet_explains_every_column_and_allowed_value_in_the_language(
    catalogue: SeriesDB, lang: str
) -> None:
    texts = workbook_texts(lang)
    book = _load(catalogue_workbook(catalogue.con, lang=lang, texts=texts))
    rows = [tuple(row) for row in _values(book[HELP_SHEET[lang]])]
    for column in WORKBOOK_INDICATOR_COLUMNS:
        assert (INDICATOR_SHEET[lang], column, texts["indicator_columns"][column]) in rows
    for column in WORKBOOK_TARGET_COLUMNS:
        assert (TARGET_SHEET[lang], column, texts["target_columns"][column]) in rows
    for column, codes in ALLOWED_VALUES.items():
        for code in codes:
            assert (column, code, texts["values"][column][code]) in rows
    assert rows[0][0] == texts["title"]
    assert ("part_id", "AW", "Aruba") in rows


def test_help_texts_differ_between_the_languages() -> None:
    dutch, english = workbook_texts("nl"), workbook_texts("en")
    assert dutch["values"]["direction"]["up"] != english["values"]["direction"]["up"]
    assert dutch["indicator_columns"]["scope"] != english["indicator_columns"]["scope"]
    assert dutch["title"] != english["title"]


def test_texts_that_leave_a_column_or_value_unexplained_are_refused(catalogue: SeriesDB) -> None:
    texts = workbook_texts("nl")
    without_column = {**texts, "target_columns": {**texts["target_columns"], "reason": ""}}
    with pytest.raises(ValueError, match="reason"):
        catalogue_workbook(catalogue.con, lang="nl", texts=without_column)
    values = {**texts["values"], "method": {"linear": "lineair"}}
    with pytest.raises(ValueError, match="method=cagr"):
        catalogue_workbook(catalogue.con, lang="nl", texts={**texts, "values": values})


# --- determinism and vintage ----------------------------------------------------------------


def _members(data: bytes) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.infolist()


def test_same_catalogue_same_bytes_whatever_the_clock(
    catalogue: SeriesDB, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = workbook_texts("nl")
    first = catalogue_workbook(catalogue.con, lang="nl", texts=texts)
    first_csv = catalogue_csv_zip(catalogue.con, lang="nl")
    later = time.time() + 3 * 24 * 3600 + 7
    monkeypatch.setattr(time, "time", lambda: later)
    assert catalogue_workbook(catalogue.con, lang="nl", texts=texts) == first
    assert catalogue_csv_zip(catalogue.con, lang="nl") == first_csv


def test_time_stamps_are_the_catalogues_newest_version(catalogue: SeriesDB) -> None:
    texts = workbook_texts("en")
    before = catalogue_workbook(catalogue.con, lang="en", texts=texts)
    stamp = CATALOGUE_RECORDED.timetuple()[:6]
    assert {info.date_time for info in _members(before)} == {stamp}
    assert _load(before).properties.modified == CATALOGUE_RECORDED
    catalogue.target(
        "IND-0002", "KINGDOM", baseline_value=60.0, target_value=70.0, recorded_at=LATER, reason="x"
    )
    after = catalogue_workbook(catalogue.con, lang="en", texts=texts)
    assert {info.date_time for info in _members(after)} == {(2026, 3, 1, 9, 30, 16)}
    book = _load(after)
    assert book.properties.created == book.properties.modified == LATER
    assert {info.date_time for info in _members(catalogue_csv_zip(catalogue.con, lang="en"))} == {
        (2026, 3, 1, 9, 30, 16)
    }


def test_an_earlier_vintage_gives_the_earlier_catalogue_and_bytes(catalogue: SeriesDB) -> None:
    texts = workbook_texts("nl")
    before = catalogue_workbook(catalogue.con, lang="nl", texts=texts)
    before_csv = catalogue_csv_zip(catalogue.con, lang="nl")
    catalogue.target(
        "IND-0002", "KINGDOM", baseline_value=60.0, target_value=70.0, recorded_at=LATER, reason="x"
    )
    catalogue.indicator("IND-0003", recorded_at=LATER)
    vintage = datetime(2025, 1, 1)
    assert catalogue_workbook(catalogue.con, lang="nl", texts=texts, vintage=vintage) == before
    assert catalogue_csv_zip(catalogue.con, lang="nl", vintage=vintage) == before_csv
    now = _load(catalogue_workbook(catalogue.con, lang="nl", texts=texts))
    assert [row[0] for row in _values(now["indicatoren"])[1:]] == [
        "IND-0001",
        "IND-0002",
        "IND-0003",
    ]
    assert _values(now["doelen"])[3][5] == 70


def test_an_empty_catalogue_gives_headers_only() -> None:
    with SeriesDB.fresh() as db:
        book = _load(catalogue_workbook(db.con, lang="nl", texts=workbook_texts("nl")))
        members = _members(catalogue_csv_zip(db.con, lang="nl"))
    assert _values(book["indicatoren"]) == [list(WORKBOOK_INDICATOR_COLUMNS)]
    assert _values(book["doelen"]) == [list(WORKBOOK_TARGET_COLUMNS)]
    assert {info.date_time for info in members} == {(2023, 1, 1, 0, 0, 0)}


# --- the CSV form ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_csv_zip_holds_two_files_named_like_the_sheets_in_name_order(
    catalogue: SeriesDB, lang: str
) -> None:
    names = [info.filename for info in _members(catalogue_csv_zip(catalogue.con, lang=lang))]
    assert names == sorted(csv_member_names(lang))
    assert set(names) == {f"{INDICATOR_SHEET[lang]}.csv", f"{TARGET_SHEET[lang]}.csv"}


def _csv_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_csv_bytes_are_utf8_comma_lf_with_canonical_headers(catalogue: SeriesDB) -> None:
    members = _csv_members(catalogue_csv_zip(catalogue.con, lang="en"))
    indicators, targets = members["indicators.csv"], members["targets.csv"]
    for data in (indicators, targets):
        assert not data.startswith(b"\xef\xbb\xbf")
        assert b"\r\n" not in data
        data.decode("utf-8")
    assert indicators.split(b"\n")[0].decode() == ",".join(WORKBOOK_INDICATOR_COLUMNS)
    assert targets.decode() == (
        ",".join(WORKBOOK_TARGET_COLUMNS) + "\n"
        "IND-0001,KINGDOM,2023Q1,1.25,2029Q4,3,\n"
        "IND-0001,AW,2023Q4,0.1,2030Q4,2,\n"
        "IND-0002,KINGDOM,2023Q1,60,2029Q4,65,\n"
    )
    rows = list(csv.DictReader(io.StringIO(indicators.decode())))
    assert rows[0]["scope"] == "NL;AW"
    assert rows[0]["valid_min"] == "-10.5"  # a number, never neutralised
    assert rows[0]["decimals"] == "1"
    assert rows[1]["valid_min"] == "" and rows[1]["retired_from"] == ""


def test_csv_neutralises_formula_text_as_the_exports_do(tricky: SeriesDB) -> None:
    members = _csv_members(catalogue_csv_zip(tricky.con, lang="nl"))
    row = next(csv.DictReader(io.StringIO(members["indicatoren.csv"].decode(), newline="")))
    assert row["name_nl"] == "'" + TRICKY_TEXTS["name_nl"]
    assert row["name_en"] == "'+31 20 123 4567"
    assert row["definition_nl"] == "'-5 graden"
    assert row["definition_en"] == "'@SUM(A1:A2)"
    assert row["unit_nl"] == "'\tinspringing"
    assert row["unit_en"] == "'\rcarriage"
    assert row["source"] == "regel 1\r\nregel 2"
    target = next(csv.DictReader(io.StringIO(members["doelen.csv"].decode(), newline="")))
    assert target["reason"] == "'=1+1 is twee"


# --- the example workbook -------------------------------------------------------------------


def _uncompressed(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def test_committed_example_workbook_is_what_the_writer_makes_from_the_seed() -> None:
    # Compared member by member, uncompressed: a different zlib may compress differently.
    assert _uncompressed(EXAMPLE_WORKBOOK.read_bytes()) == _uncompressed(
        example_workbook_bytes()
    ), "data/examples/voorbeeldcatalogus.xlsx is out of date: run make example-workbook"


def test_example_workbook_reads_back_as_the_seed_catalogue() -> None:
    book = openpyxl.load_workbook(EXAMPLE_WORKBOOK, read_only=True, data_only=True)
    rows = list(book["indicatoren"].iter_rows(values_only=True))
    targets = list(book["doelen"].iter_rows(values_only=True))
    book.close()
    assert rows[0] == WORKBOOK_INDICATOR_COLUMNS
    assert targets == [WORKBOOK_TARGET_COLUMNS]  # no targets: they are a ministry's own
    read = pd.DataFrame(rows[1:], columns=list(WORKBOOK_INDICATOR_COLUMNS))
    read["scope"] = [cell.split(";") for cell in read["scope"]]
    seed = seed_indicators()[list(WORKBOOK_INDICATOR_COLUMNS)]
    assert len(read) == len(seed) == 33
    for column in WORKBOOK_INDICATOR_COLUMNS:
        expected = [None if _blank(v) else v for v in seed[column]]
        got = [None if _blank(v) else v for v in read[column]]
        if column == "scope":  # a set of parts: the workbook lists them in the Kingdom's order
            expected = [sorted(v) for v in expected]
            got = [sorted(v) for v in got]
        assert got == expected, column


def test_example_workbook_is_stamped_with_the_seed_catalogues_time() -> None:
    assert {info.date_time for info in _members(EXAMPLE_WORKBOOK.read_bytes())} == {
        EXAMPLE_RECORDED_AT.timetuple()[:6]
    }


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)
