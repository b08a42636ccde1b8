"""The hostile-file corpus of issue 16: one quarter file per shape a hostile or unlucky user can
send, written into a folder by the test that needs it (nothing is committed).

Each ``Hostile`` names the file, how to write it, and whether it must be accepted. Every file
but the largest accepted one must be rejected with nothing written but the log row.

| name | shape |
|---|---|
| ``duplicates`` | 8,000 rows with the same key (224 KB) |
| ``wide_header`` | a header of 10,000 columns |
| ``xlsx_dimension_bomb`` | an .xlsx whose sheet declares ``A1:XFD400000`` (written by hand) |
| ``xlsx_zip_bomb`` | an .xlsx whose sheet unpacks to 1 GiB from about 1 MB |
| ``long_first_line`` | a first line of 200,000 characters (over csv's 131,072 field limit) |
| ``unterminated_quote`` | a note whose quote never closes, swallowing the rows after it |
| ``wrong_delimiter`` | a semicolon file with one filled-in row written with commas |
| ``ambiguous_numbers`` | ``1,000``, ``12,345`` and ``1.234`` in a file with no other numbers |
| ``xlsx_percent`` | an .xlsx cell shown as 68 % for an indicator counted per 1,000 |
| ``huge_count`` | 1.7e308 for a count (1.8e308 is infinite: refused already) |
| ``mixed_encoding`` | UTF-8 and Windows-1252 bytes in one file |
| ``hidden_sheet`` | figures only on a hidden sheet, beside a visible help sheet |
| ``control_characters`` | ESC [31m, BEL and CR in cells and in the file's name |
| ``largest_accepted`` | about 20 MB accepted: every key once, notes of 1,000 four-byte characters |
| ``most_problems`` | about 20 MB of rows with a problem in every checked cell |
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from tests.intake_files import NL_HEADER, csv_bytes

__all__ = ["HOSTILE", "Hostile", "quarterly_keys", "write"]

MB = 1024 * 1024
# The quarterly indicators of the seed catalogue and the parts each is reported for.
_QUARTERLY = {
    "IND-0103": ("KINGDOM",),
    "IND-0202": ("KINGDOM",),
    "IND-0301": ("NL",),
    "IND-0403": ("NL",),
    "IND-0502": ("NL", "CW", "AW", "SX", "BQ-BO", "BQ-SE", "BQ-SA"),
    "IND-0503": ("NL", "CW", "AW", "SX"),
    "IND-0601": ("KINGDOM",),
    "IND-0602": ("NL",),
    "IND-0704": ("NL", "CW", "AW", "SX", "BQ-BO", "BQ-SE", "BQ-SA"),
    "IND-0803": ("NL", "CW", "AW", "SX", "BQ-BO"),
    "IND-0903": ("NL",),
    "IND-1002": ("NL", "BQ-BO", "BQ-SE", "BQ-SA"),
    "IND-1102": ("NL", "CW", "AW", "SX", "BQ-BO"),
    "IND-1203": ("NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA"),
}
# Values every one of them accepts (IND-0801 1-5 and IND-0802 0/1 are left out for that).
_VALUE = "1"


@dataclass(frozen=True)
class Hostile:
    """One hostile file: its ``name`` on disk, how to ``make`` its bytes, and whether a correct
    intake accepts it."""

    name: str
    make: Callable[[], bytes]
    accepted: bool = False


def quarterly_keys(first_year: int = 2015, last_year: int = 2026) -> Iterator[tuple[str, str, str]]:
    """Every (indicator, part, quarter) of a quarterly indicator in the years given."""
    for year in range(first_year, last_year + 1):
        for quarter in range(1, 5):
            for indicator, parts in _QUARTERLY.items():
                for part in parts:
                    yield indicator, part, f"{year}Q{quarter}"


def _csv(rows, **kwargs) -> bytes:
    return csv_bytes(rows, header=NL_HEADER, delimiter=";", **kwargs)


def _duplicates() -> bytes:
    return _csv([("IND-0301", "NL", "2025Q3", "41,5", "", "")] * 8000)


def _wide_header() -> bytes:
    header = [*NL_HEADER, *(f"extra{i}" for i in range(10_000 - len(NL_HEADER)))]
    row = ["IND-0301", "NL", "2025Q3", "41,5", "", "", *([""] * (10_000 - len(NL_HEADER)))]
    return (";".join(header) + "\r\n" + ";".join(row) + "\r\n").encode()


def _xlsx_parts(sheet_xml: bytes, *, hidden: bool = False, compresslevel: int = 6) -> bytes:
    """A minimal .xlsx with one sheet named ``data`` whose XML is ``sheet_xml``."""
    state = ' state="hidden"' if hidden else ""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name="data" sheetId="1"{state} r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z:
        for name, text in parts.items():
            z.writestr(name, text)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buffer.getvalue()


def _inline_row(number: int, cells: tuple[str, ...]) -> str:
    return (
        f'<row r="{number}">'
        + "".join(
            f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
            for i, text in enumerate(cells)
        )
        + "</row>"
    )


_SHEET_OPEN = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def _dimension_bomb() -> bytes:
    """A 2 KB workbook whose sheet says it spans A1:XFD400000, with a header, one bad row and a
    last cell at XFD400000: a reader that pads every row to the declared width makes 16,384 x
    400,000 cells (on main, 10,000 rows of it took 1.7 GB)."""
    bad = ("IND-0301", "NL", "2025Q3", "abc", "", "")
    xml = (
        f'{_SHEET_OPEN}<dimension ref="A1:XFD400000"/><sheetData>'
        f"{_inline_row(1, NL_HEADER)}{_inline_row(2, bad)}"
        '<row r="400000"><c r="XFD400000" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    return _xlsx_parts(xml.encode())


def _zip_bomb() -> bytes:
    """About 1 MB of .xlsx whose sheet unpacks to 1 GiB: the header, then a second row whose
    one cell holds 1 GiB of spaces. Written by hand: one compressed MiB of spaces (flushed so
    that it stands alone) repeated, so that making it takes a second, not a minute."""
    head = (
        f"{_SHEET_OPEN}<sheetData>{_inline_row(1, NL_HEADER)}"
        '<row r="2"><c r="F2" t="inlineStr"><is><t>'
    ).encode()
    tail = b"</t></is></c></row></sheetData></worksheet>"
    chunk, repeats = b" " * MB, 1024
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + repeats * len(chunk) + len(tail)
    members = [
        (name, zlib.compress(text, 9, wbits=-15), zlib.crc32(text), len(text))
        for name, text in _unzipped(_xlsx_parts(b"")).items()
        if name != "xl/worksheets/sheet1.xml"
    ]
    members.append(("xl/worksheets/sheet1.xml", start + middle * repeats + end, crc, size))
    return _zip_by_hand(members)


def _unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip_by_hand(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive of deflated ``members`` (name, deflated bytes, crc32, size unpacked)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, deflated, crc, size in members:
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(deflated), size, len(name.encode()), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + name.encode())
        out.write(deflated)
        directory.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, offset)
            + name.encode()
        )
    listing = directory.getvalue()
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(listing), out.tell(), 0
    )
    return out.getvalue() + listing + end


def _long_first_line() -> bytes:
    return ("x" * 200_000 + "\r\n" + "IND-0301;NL;2025Q3;41,5;;\r\n").encode()


def _unterminated_quote() -> bytes:
    rows = [
        ("IND-0301", "NL", "2025Q1", "40", "", "begin"),
        ("IND-0301", "NL", "2025Q2", "41", "", "x"),
        ("IND-0301", "NL", "2025Q3", "42", "", "y"),
    ]
    text = _csv(rows).decode().replace("begin", '"begint hier, en sluit nooit', 1)
    return text.encode()


def _wrong_delimiter() -> bytes:
    good = _csv([("IND-0301", "NL", "2025Q1", "40", "", "")])
    return good + b"IND-0301,NL,2025Q2,41,,\r\n"


def _ambiguous_numbers() -> bytes:
    return _csv(
        [
            ("IND-0403", "NL", "2025Q1", "1,000", "", ""),
            ("IND-0403", "NL", "2025Q2", "12,345", "", ""),
            ("IND-0403", "NL", "2025Q3", "1.234", "", ""),
        ]
    )


def _workbook(rows, *, number_format: str | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(list(NL_HEADER))
    for row in rows:
        sheet.append(list(row))
    if number_format:
        sheet["D2"].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_percent() -> bytes:
    # IND-0502 counts crimes per 1,000 inhabitants: 68 % (0.68) is no such number.
    return _workbook([("IND-0502", "NL", "2025Q3", 0.68, None, None)], number_format="0%")


def _huge_count() -> bytes:
    # 1.8e308 itself is past the largest float (read as infinite, refused already); 1.7e308
    # is a finite number no count can be.
    return _csv([("IND-0403", "NL", "2025Q3", "1.7e308", "", "")])


def _mixed_encoding() -> bytes:
    utf8 = _csv([("IND-0301", "NL", "2025Q1", "40", "", "Curaçao")])
    return utf8 + "IND-0301;NL;2025Q2;41;;Curaçao\r\n".encode("cp1252")


def _hidden_sheet() -> bytes:
    workbook = openpyxl.Workbook()
    help_sheet = workbook.active
    help_sheet.title = "uitleg"
    help_sheet.append(["Vul het blad in en stuur het terug."])
    hidden = workbook.create_sheet("cijfers")
    hidden.append(list(NL_HEADER))
    hidden.append(["IND-0301", "NL", "2025Q3", 41.5, None, None])
    hidden.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _control_characters() -> bytes:
    return _csv(
        [
            ("IND-0301", "NL", "2025Q1", "\x1b[31m40", "", ""),
            ("IND-0301", "NL\x07", "2025Q2", "41", "", ""),
            ("IND-0301\r", "NL", "2025Q3", "42", "vlag\x1b[0m", ""),
        ]
    )


def _largest_accepted() -> bytes:
    """Every quarterly key of 2015-2026 once, each with a note of 1,000 four-byte characters
    (the longest a note may be), then blank template rows up to about 20 MB."""
    note = "🛡" * 1000
    rows = [(*key, _VALUE, "", note) for key in quarterly_keys()]
    data = _csv(rows)
    blank = "IND-0301;NL;2025Q3;" + " " * 40 + ";;\r\n"
    padding = (20 * MB - len(data) - 4096) // len(blank)
    return data + (blank * padding).encode()


def _most_problems() -> bytes:
    """About 20 MB (and no more than the row limit) of rows each with a problem in every cell
    the rules check: unknown indicator and part, no quarter, not a number, unknown flag, and
    a note over the limit on every tenth row."""
    rows = []
    size = 0
    number = 0
    while size < 20 * MB - 2 * 4096 and number < 190_000:
        note = "n" * 1001 if number % 10 == 0 else ""
        row = (f"IND-{number:06d}", f"P{number}", f"Q{number}", f"x{number}", f"f{number}", note)
        rows.append(row)
        size += sum(map(len, row)) + 7
        number += 1
    return _csv(rows)


HOSTILE: tuple[Hostile, ...] = (
    Hostile("duplicates.csv", _duplicates),
    Hostile("wide_header.csv", _wide_header),
    Hostile("dimension_bomb.xlsx", _dimension_bomb),
    Hostile("zip_bomb.xlsx", _zip_bomb),
    Hostile("long_first_line.csv", _long_first_line),
    Hostile("unterminated_quote.csv", _unterminated_quote),
    Hostile("wrong_delimiter.csv", _wrong_delimiter),
    Hostile("ambiguous_numbers.csv", _ambiguous_numbers),
    Hostile("percent.xlsx", _xlsx_percent),
    Hostile("huge_count.csv", _huge_count),
    Hostile("mixed_encoding.csv", _mixed_encoding),
    Hostile("hidden_sheet.xlsx", _hidden_sheet),
    Hostile("control\x1b[31m\x07\r.csv", _control_characters),
    Hostile("largest_accepted.csv", _largest_accepted, accepted=True),
    Hostile("most_problems.csv", _most_problems),
)


def write(hostile: Hostile, folder: Path) -> Path:
    """``hostile`` written into ``folder``: its path."""
    path = folder / hostile.name
    path.write_bytes(hostile.make())
    return path
