"""Reading a quarter file never guesses, never drops a row and stays bounded (issue 16).

Quotes that swallow rows, rows in another delimiter, formulas without a computed value, mixed
encodings, hidden sheets, cells over the csv limit, and the hostile shapes that used to take
gigabytes (a 10,000-column header, an .xlsx declaring a huge sheet or with a cell at row
1,000,000, a zip bomb): each is read or reported, in bounded memory and time (measured in a
subprocess: peak RSS by ``resource.getrusage``).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from data.access_rules import Actor
from data.intake import import_file
from data.intake_columns import ACTIONS, FIGURES
from data.intake_kinds import STEPS
from data.intake_read import MAX_FILE_BYTES, read_file
from tests.intake_files import (
    ACTION_HEADER,
    CLOCK,
    EN_HEADER,
    GOOD_ROWS,
    NL_HEADER,
    csv_bytes,
    imports,
    observations,
    xlsx_bytes,
)
from ui.intake_text import problem_text

ROOT = Path(__file__).resolve().parents[2]


def _problems(data: bytes, name: str = "q.csv") -> list[tuple[str, int | None]]:
    tables, problems = read_file(data, name)
    assert (tables is None) == bool(problems)
    return [(p.code, p.row) for p in problems]


def _rows(data: bytes, name: str = "q.csv") -> tuple[list[dict[str, str]], int]:
    """The figures' rows as text, and how many were skipped as unfilled."""
    tables, problems = read_file(data, name)
    assert not problems, problems
    assert tables is not None
    frame, skipped = STEPS[FIGURES].rows_frame(tables[0].table)
    return frame[list(EN_HEADER)].to_dict("records"), skipped


def _said(data: bytes, name: str = "q.csv") -> list[str]:
    """Every problem in both languages (a missing text raises KeyError)."""
    _, problems = read_file(data, name)
    return [problem_text(p, lang) for p in problems for lang in ("nl", "en")]


# --- quotes -------------------------------------------------------------------------------------

HEADER = b"indicator_id,part_id,period,value,flag,note\r\n"


def test_an_unterminated_quote_is_reported_at_the_row_where_it_opens():
    data = (
        HEADER + b"IND-0301,NL,2025Q3,41,,ok\r\n"
        b'IND-0301,NL,2025Q2,40,,"begint hier\r\n'
        b"IND-0301,NL,2025Q1,39,,\r\n"
        b"IND-0301,NL,2024Q4,38,,\r\n"
    )
    assert _problems(data) == [("quote_unclosed", 3)]


def test_a_quote_that_closes_after_swallowing_other_rows_is_reported():
    # The quote closes cleanly, but only at the start of a later row's note: two rows in one.
    data = (
        HEADER + b'IND-0301,NL,2025Q2,40,,"begint hier\r\n'
        b'IND-0301,NL,2025Q1,39,,"\r\n'
        b"IND-0301,NL,2024Q4,38,,\r\n"
    )
    assert _problems(data) == [("quote_spans_rows", 2)]


def test_a_quote_closed_in_the_middle_of_a_cell_is_reported_with_its_row():
    data = HEADER + b"IND-0301,NL,2025Q2,40,,ok\r\n" + b'IND-0301,NL,2025Q1,"39"5,,\r\n'
    assert _problems(data) == [("quote_malformed", 3)]


def test_a_note_spanning_lines_inside_closed_quotes_is_still_one_row():
    data = (
        HEADER + b'IND-0301,NL,2025Q2,40,,"twee\r\nregels, met komma"\r\n'
        b"IND-0301,NL,2025Q1,39,,\r\n"
    )
    rows, skipped = _rows(data)
    assert [row["note"] for row in rows] == ["twee\r\nregels, met komma", ""]
    assert skipped == 0


def test_a_quote_problem_rejects_the_file_and_is_logged_with_nothing_written(structure_db):
    data = HEADER + b'IND-0301,NL,2025Q2,40,,"open\r\nIND-0301,NL,2025Q1,39,,\r\n'
    before = observations(structure_db)
    result = import_file(
        data, file_name="q.csv", db_path=structure_db, actor=Actor.local("t"), clock=CLOCK
    )
    assert [(p.code, p.row) for p in result.problems] == [("quote_unclosed", 2)]
    assert observations(structure_db) == before
    assert imports(structure_db)[-1][-1] == "rejected"


# --- rows in another delimiter ------------------------------------------------------------------


def test_a_row_with_commas_in_a_semicolon_file_is_reported_not_skipped():
    data = csv_bytes(
        [("IND-0301", "NL", "2025Q3", "41,5", "", ""), ("IND-0301", "NL", "2025Q2", "40", "", "")],
        header=NL_HEADER,
        delimiter=";",
    )
    data += b"IND-0301,NL,2025Q1,39,,\r\n"
    assert _problems(data) == [("row_delimiter", 4)]
    assert any('","' in text and '";"' in text for text in _said(data))


def test_a_row_with_semicolons_and_a_decimal_comma_in_a_comma_file_is_reported():
    data = csv_bytes(GOOD_ROWS) + b"IND-0301;NL;2025Q1;39,5;;\r\n"
    assert _problems(data) == [("row_delimiter", 5)]


def test_text_beyond_the_headers_columns_is_reported_not_dropped():
    # An unquoted comma in a note: the text after it has no column.
    data = HEADER + b"IND-0301,NL,2025Q2,40,,zie bijlage, tabel 3\r\n"
    assert _problems(data) == [("row_too_wide", 2)]


def test_unfilled_template_rows_and_rows_without_trailing_cells_are_still_read():
    data = (
        HEADER + b"IND-0301,NL,2025Q3,,,\r\n"  # unfilled, as the template writes it
        b"IND-0301,NL,2025Q2\r\n"  # unfilled, trailing cells left out
        b"IND-0301,NL,2025Q1,39\r\n"  # filled, trailing cells left out
        b"IND-0301,NL,2024Q4,38,,\r\n"
    )
    rows, skipped = _rows(data)
    assert [row["value"] for row in rows] == ["39", "38"]
    assert skipped == 2


@pytest.mark.parametrize("dialect", ["standard", "excel-nl"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_monitors_own_templates_read_back_with_every_row_unfilled(structure_con, dialect, lang):
    from data.template import quarter_template, template_file, template_workbook
    from data.template_columns import HINT_COLUMNS, TEMPLATE_KINDS
    from ui.submission import hint_headers

    template = quarter_template(structure_con, part_id="CAR_C", quarter="2026Q3", lang=lang)
    hints = hint_headers(HINT_COLUMNS, lang)
    files = [
        (
            template_file(
                template,
                file_format="csv",
                kind=kind,
                lang=lang,
                dialect=dialect,
                hint_headers=hints,
            ),
            "t.csv",
        )
        for kind in TEMPLATE_KINDS
    ]
    files.append((template_workbook(template, lang=lang, hint_headers=hints), "t.xlsx"))
    for data, name in files:
        tables, problems = read_file(data, name)
        assert not problems, (name, problems)
        assert tables is not None
        for read in tables:
            frame, skipped = STEPS[read.kind].rows_frame(read.table)
            assert frame.empty
            template_kind = "figures" if read.kind == FIGURES else read.kind
            assert skipped == len(template.rows(template_kind)) > 0


# --- .xlsx formulas -----------------------------------------------------------------------------


def _formula_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(list(EN_HEADER))
    sheet.append(["IND-0301", "NL", "2025Q3", "=40+1"])
    sheet.append(["IND-0301", "NL", "2025Q2"])
    sheet["D3"] = ArrayFormula("D3", "=SUM(40,1)")
    sheet.append(["IND-0301", "NL", "2025Q1"])
    sheet["D4"] = DataTableFormula("D4")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_formulas_without_a_computed_value_are_read_as_written_or_reported_never_skipped():
    data = _formula_workbook()
    for data_only in (True, False):  # how openpyxl sees them: no value, or the formula object
        rows = list(
            openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)[
                "data"
            ].iter_rows(min_row=3, max_row=4, min_col=4, max_col=4, values_only=True)
        )
        assert all(value is None or not isinstance(value, str) for (value,) in rows)
    assert _problems(data, "q.xlsx") == [("formula_without_value", 4)]
    assert len(_said(data, "q.xlsx")) == 2


def test_an_array_formula_without_a_value_is_read_as_its_text():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(EN_HEADER))
    sheet.append(["IND-0301", "NL", "2025Q2"])
    sheet["D2"] = ArrayFormula("D2", "=SUM(40,1)")
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows, skipped = _rows(buffer.getvalue(), "q.xlsx")
    assert ([row["value"] for row in rows], skipped) == (["=SUM(40,1)"], 0)


# --- numbers as the workbook stored them --------------------------------------------------------


def test_number_cells_are_marked_numeric_and_percent_cells_read_as_shown():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([*EN_HEADER, "extra"])
    rows = [
        ("IND-0301", "NL", "2025Q3", 0.68, "0%"),
        ("IND-0301", "NL", "2025Q2", 0.685, "0.0%"),
        ("IND-0301", "NL", "2025Q1", 1, "0%"),
        ("IND-0301", "NL", "2024Q4", 41.5, "General"),
        ("IND-0301", "NL", "2024Q3", "41,5", "General"),
        ("IND-0301", "NL", "2024Q2", True, "General"),
        ("IND-0301", "NL", "2024Q1", 12, '0"%"'),  # a literal %: shown as 12%, not scaled
    ]
    for number, (indicator, part, period, value, number_format) in enumerate(rows, start=2):
        sheet.append([indicator, part, period, value, "", "", 7])
        sheet.cell(number, 4).number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    tables, problems = read_file(buffer.getvalue(), "q.xlsx")
    assert not problems and tables is not None
    table = tables[0].table
    value = table.columns["value"]
    frame, _ = STEPS[FIGURES].rows_frame(table)
    assert frame["value"].tolist() == ["68%", "68.5%", "100%", "41.5", "41,5", "TRUE", "12"]
    numeric = {row for row, column in table.numeric if column == value}
    assert numeric == {2, 3, 4, 5, 8}
    # Only cells of the table's recognised columns are told (the extra column is not read).
    assert all(column in table.columns.values() for _, column in table.numeric)


def test_a_csv_has_no_numeric_cells():
    tables, _ = read_file(csv_bytes(GOOD_ROWS), "q.csv")
    assert tables is not None and tables[0].table.numeric == frozenset()


# --- encodings ----------------------------------------------------------------------------------


def test_mixed_utf8_and_windows_1252_bytes_are_refused():
    data = (
        "indicator;deel;periode;waarde;vlag;toelichting\r\n"
        "IND-0301;NL;2025Q3;12;;Curaçao\r\n".encode()
        + "IND-0301;NL;2025Q2;13;;Curaçao\r\n".encode("cp1252")
    )
    assert _problems(data) == [("encoding_mixed", None)]
    assert len(_said(data)) == 2


def test_pure_windows_1252_and_pure_utf8_stay_accepted():
    text = "indicator;deel;periode;waarde;vlag;toelichting\r\nIND-0301;NL;2025Q3;12;;Curaçao\r\n"
    for encoding in ("utf-8", "cp1252"):
        rows, _ = _rows(text.encode(encoding))
        assert rows[0]["note"] == "Curaçao"


# --- sheets -------------------------------------------------------------------------------------


def _workbook(sheets: list[tuple[str, str, list[list[object]]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, state, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_hidden_sheet_is_never_the_sheet_read_when_no_sheet_is_named_for_a_kind():
    good = [list(EN_HEADER), list(GOOD_ROWS[0])]
    data = _workbook([("Leeg", "visible", []), ("Blad2", "hidden", good)])
    tables, problems = read_file(data, "q.xlsx")
    assert tables is None
    assert [(p.code, p.parameters["sheets"]) for p in problems] == [("no_sheet", "Leeg, Blad2")]
    assert len(_said(data, "q.xlsx")) == 2


def test_a_hidden_sheet_named_for_a_kind_is_reported_not_read():
    good = [list(EN_HEADER), list(GOOD_ROWS[0])]
    data = _workbook([("Toelichting", "visible", [["Zo vult u het in"]]), ("data", "hidden", good)])
    assert [(p.code, p.sheet) for p in read_file(data, "q.xlsx")[1]] == [("sheet_hidden", "data")]


def test_the_first_visible_sheet_with_a_header_is_read_when_none_is_named_for_a_kind():
    good = [list(EN_HEADER), list(GOOD_ROWS[0])]
    data = _workbook([("Leeg", "visible", []), ("Oud", "hidden", good), ("Blad3", "visible", good)])
    tables, problems = read_file(data, "q.xlsx")
    assert not problems and tables is not None
    assert [(read.kind, read.sheet) for read in tables] == [(FIGURES, "Blad3")]


# --- limits -------------------------------------------------------------------------------------


def test_a_row_beyond_the_sheets_declared_size_is_read_not_dropped():
    cells = [("A", "IND-0301"), ("B", "NL"), ("C", "2024Q4")]
    far = b'<row r="9">' + b"".join(
        b'<c r="%s9" t="inlineStr"><is><t>%s</t></is></c>' % (column.encode(), text.encode())
        for column, text in cells
    )
    far += b'<c r="D9"><v>5</v></c></row>'
    # xlsx_bytes declares the sheet's size as A1:F4.
    data = _with_sheet_xml(
        xlsx_bytes(GOOD_ROWS), lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>")
    )
    rows, _ = _rows(data, "q.xlsx")
    assert (rows[-1]["period"], rows[-1]["value"]) == ("2024Q4", "5")


def test_a_first_line_over_the_csv_field_limit_is_a_problem_not_a_crash():
    data = b"indicator_id,part_id,period,value," + b"x" * 200_000 + b"\r\nIND-0301,NL,2025Q3,1\r\n"
    assert _problems(data) == [("cell_too_large", 1)]
    huge_note = HEADER + b"IND-0301,NL,2025Q3,1,," + b"y" * 200_000 + b"\r\n"
    assert _problems(huge_note) == [("cell_too_large", 2)]
    assert len(_said(huge_note)) == 2


def test_a_header_wider_than_the_column_limit_is_refused():
    data = b"indicator_id,part_id,period,value," + b",".join(b"c%d" % i for i in range(2000))
    assert _problems(data + b"\r\nIND-0301,NL,2025Q3,1\r\n") == [("too_many_columns", 1)]


def test_a_wide_action_header_within_the_limit_is_read_keeping_only_its_columns():
    header = (*ACTION_HEADER, *(f"eigen {i}" for i in range(900)))
    data = csv_bytes([], header=header)
    data += b"AL01-A,KINGDOM,2025Q3,op schema,,Defensie,Loopt.,,\r\n"
    tables, problems = read_file(data, "acties.csv")
    assert not problems and tables is not None
    assert tables[0].kind == ACTIONS
    ((number, cells),) = tables[0].table.rows
    assert number == 2 and len(cells) <= len(ACTION_HEADER)


# --- bounded memory and time: each hostile shape in a subprocess --------------------------------

_MEASURE = """
import json, resource, sys, time
from data.intake_read import read_file
from data.intake_kinds import STEPS
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
tables, problems = read_file(data, sys.argv[2])
for read in tables or ():
    STEPS[read.kind].rows_frame(read.table)
print(json.dumps({
    "codes": [p.code for p in problems],
    "seconds": time.perf_counter() - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "cpu_seconds": resource.getrusage(resource.RUSAGE_SELF).ru_utime + resource.getrusage(resource.RUSAGE_SELF).ru_stime,
}))
"""
# A safety net for the machine (the shapes took gigabytes before): address space, not RSS.
_ADDRESS_SPACE = 3 * 1024**3
PEAK_MB = 1024
SECONDS = 60


def measure(path: Path, name: str) -> dict:
    """Read ``path`` (as ``name``) in a fresh process: the problems, seconds and peak RSS."""
    import resource

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (_ADDRESS_SPACE, _ADDRESS_SPACE))

    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), name],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=4 * SECONDS,
        preexec_fn=limit,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def _with_sheet_xml(data: bytes, change) -> bytes:
    """The workbook ``data`` with its first sheet's XML passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = change(content)
            target.writestr(member.filename, content)
    return out.getvalue()


def _dimension_bomb() -> bytes:
    """1.6 KB that declares A1:XFD400000 and has a cell in its last row: openpyxl pads every
    row to the declared 16,384 columns."""
    last = b'<row r="400000"><c r="XFD400000" t="inlineStr"><is><t>x</t></is></c></row>'

    def change(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD400000"/>', xml)
        return xml.replace(b"</sheetData>", last + b"</sheetData>")

    return _with_sheet_xml(xlsx_bytes(GOOD_ROWS), change)


def _far_cell() -> bytes:
    far = b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    return _with_sheet_xml(
        xlsx_bytes(GOOD_ROWS), lambda xml: xml.replace(b"</sheetData>", far + b"</sheetData>")
    )


def _zip_bomb() -> bytes:
    """A 600 MB inline string in one cell, compressed to well under a megabyte (written in
    chunks: the test holds no 400 MB itself)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(GOOD_ROWS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename != "xl/worksheets/sheet1.xml":
                target.writestr(member.filename, content)
                continue
            head, tail = content.split(b"</sheetData>")
            with target.open(member.filename, "w", force_zip64=True) as handle:
                handle.write(head + b'<row r="5"><c r="F5" t="inlineStr"><is><t>')
                for _ in range(600):
                    handle.write(b"a" * 1024**2)
                handle.write(b"</t></is></c></row></sheetData>" + tail)
    return out.getvalue()


def _with_parts(data: bytes, change) -> bytes:
    """The workbook ``data`` with each part's content passed through ``change(name, content)``
    (which may return extra parts to add after it)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            for name, content in change(member.filename, source.read(member)):
                target.writestr(name, content)
    return out.getvalue()


def _styles_bomb() -> bytes:
    """30 MB of cell styles (well under the workbook's limit): openpyxl builds each, twice."""
    xf = b'<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    many = 30 * 1024**2 // len(xf)

    def change(name: str, content: bytes) -> list[tuple[str, bytes]]:
        if name == "xl/styles.xml":
            content = re.sub(
                rb'<cellXfs count="\d+">', b'<cellXfs count="%d">' % many + xf * many, content
            )
        return [(name, content)]

    return _with_parts(xlsx_bytes(GOOD_ROWS), change)


def _shared_strings_bomb() -> bytes:
    """30 MB of one-letter shared strings: openpyxl holds every one, twice."""
    item = b"<si><t>a</t></si>"
    many = 30 * 1024**2 // len(item)
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d">' % many
        + item * many
        + b"</sst>"
    )
    kind = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    relation = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"

    def change(name: str, content: bytes) -> list[tuple[str, bytes]]:
        if name == "[Content_Types].xml":
            part = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/>' % kind
            content = content.replace(b"</Types>", part + b"</Types>")
        if name == "xl/_rels/workbook.xml.rels":
            link = b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="%s"/>' % relation
            content = content.replace(b"</Relationships>", link + b"</Relationships>")
            return [(name, content), ("xl/sharedStrings.xml", strings)]
        return [(name, content)]

    return _with_parts(xlsx_bytes(GOOD_ROWS), change)


def _wide_header(*, named: bool) -> bytes:
    """About 100 KB: a header of 10,000 columns (named, or empty after the four needed ones) and
    40,000 short rows, which were each padded to the header's width."""
    other = b",x" if named else b","
    header = b"indicator_id,part_id,period,value" + other * 9_996
    return header + b"\r\n" + b"a\n" * 40_000


def _largest_csv() -> bytes:
    """Near the 20 MB limit: as many filled rows as fit, each with a long note."""
    note = "n" * 70
    line = "IND-0301,NL,2025Q{q},41.5,,{note}\r\n"
    body = io.StringIO()
    body.write(",".join(EN_HEADER) + "\r\n")
    size, count = 0, 0
    while size < MAX_FILE_BYTES - 200 and count < 199_000:
        text = line.format(q=count % 4 + 1, note=note)
        body.write(text)
        size += len(text)
        count += 1
    return body.getvalue().encode()


HOSTILE = {
    "wide_header_csv": (lambda: _wide_header(named=True), "wide.csv", ["too_many_columns"]),
    "wide_empty_header_csv": (lambda: _wide_header(named=False), "wide.csv", []),
    "dimension_bomb_xlsx": (_dimension_bomb, "dim.xlsx", []),
    "cell_at_row_1000000_xlsx": (_far_cell, "far.xlsx", []),
    "zip_bomb_xlsx": (_zip_bomb, "bomb.xlsx", ["xlsx_too_large"]),
    "styles_bomb_xlsx": (_styles_bomb, "styles.xlsx", ["xlsx_too_large"]),
    "shared_strings_bomb_xlsx": (_shared_strings_bomb, "strings.xlsx", ["xlsx_too_large"]),
    "largest_csv": (_largest_csv, "big.csv", []),
    "only_delimiters_csv": (
        lambda: HEADER + b"," * (MAX_FILE_BYTES - 100),
        "commas.csv",
        [],
    ),
    "only_line_ends_csv": (
        lambda: HEADER + b"\n" * (MAX_FILE_BYTES - 100),
        "lines.csv",
        ["too_many_rows"],
    ),
}


@pytest.mark.parametrize("shape", sorted(HOSTILE))
def test_each_hostile_shape_is_read_in_bounded_memory_and_time(shape, tmp_path):
    build, name, codes = HOSTILE[shape]
    path = tmp_path / name
    path.write_bytes(build())
    assert path.stat().st_size <= MAX_FILE_BYTES
    found = measure(path, name)
    assert found["peak_mb"] <= PEAK_MB, found
    assert found["seconds"] <= SECONDS, found
    assert found["codes"] == codes, found
