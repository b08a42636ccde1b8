"""Builders for the files coordinators send: CSV in each dialect and encoding, and .xlsx with
a sheet per kind of row (figures, action reports, duiding); and the stored tables they land in."""

from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from data import sql
from data.access_rules import Actor
from data.attempt_journal import pending_attempts
from data.init import initialize
from data.intake import ImportResult, import_file
from data.intake_columns import ACTIONS, COLUMNS, NARRATIVES
from data.observations import observations_at_vintage
from data.seed import load_seed_catalogue
from data.store import open_reader, writer

# "Now" for intake tests: the quarter containing it (2026Q4) is the latest that can be reported.
CLOCK = datetime(2026, 11, 28, 10, 0, 0)

EN_HEADER = ("indicator_id", "part_id", "period", "value", "flag", "note")
NL_HEADER = ("indicator", "deel", "periode", "waarde", "vlag", "toelichting")

# Action reports: the columns in English and as a Dutch template may write them.
ACTION_HEADER = COLUMNS[ACTIONS].all
ACTION_HEADER_NL = (
    "prioriteit",
    "deel",
    "periode",
    "status",
    "verwacht gereed",
    "verantwoordelijke",
    "toelichting",
    "toelichting_en",
    "mijlpalen",
)
# Valid action rows: AL01-A is Kingdom-wide, AL03-A European Netherlands, AL03-J Caribbean.
GOOD_ACTION_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "AL01-A",
        "KINGDOM",
        "2025Q3",
        "op schema",
        "2026Q4",
        "Defensie",
        "Loopt volgens plan.",
        "",
        "",
    ),
    (
        "AL03-A",
        "NL",
        "2025Q3",
        "delayed",
        "2027Q2",
        "JenV",
        "Wetgeving vertraagd.",
        "Law delayed.",
        "2026Q1: consultatie\n2026Q4: wet in werking",
    ),
    ("AL03-J", "CW", "2025Q3", "Afgerond", "", "Curaçao", "Gereed.", "", ""),
)
NARRATIVE_HEADER = COLUMNS[NARRATIVES].all
NARRATIVE_HEADER_NL = ("actielijn", "deel", "periode", "tekst", "tekst_en")
GOOD_NARRATIVE_ROWS: tuple[tuple[str, ...], ...] = (
    ("AL01", "KINGDOM", "2025Q3", "De NAVO-norm is gehaald.", "The NATO norm is met."),
    ("AL03", "CAR_C", "2025Q3", "Samenwerking met de politie loopt.", ""),
)

# Valid rows against the real catalogue: (indicator, part, period, value text, flag, note).
# IND-0301 quarterly NL 0..100; IND-0502 quarterly 7 entities 0..1000; IND-0103 KINGDOM 0..100.
GOOD_ROWS: tuple[tuple[str, ...], ...] = (
    ("IND-0301", "NL", "2025Q3", "41.5", "", ""),
    ("IND-0502", "CW", "2025Q3", "12.25", "provisional", "Curaçao: eerste schatting"),
    ("IND-0103", "KINGDOM", "2025Q3", "80", "", ""),
)


def csv_bytes(
    rows: Sequence[Sequence[str]],
    *,
    header: Sequence[str] = EN_HEADER,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    decimal_comma: bool = False,
    newline: str = "\r\n",
) -> bytes:
    """A CSV file as Excel would write it; values get a decimal comma when asked (quoted if the
    delimiter is a comma)."""

    def cell(text: str, column: int) -> str:
        if decimal_comma and header[column] in ("value", "waarde"):
            text = text.replace(".", ",")
        if delimiter in text or '"' in text or "\n" in text:
            text = '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(header)]
    lines += [delimiter.join(cell(text, i) for i, text in enumerate(row)) for row in rows]
    text = newline.join(lines) + newline
    data = text.encode(encoding)  # "utf-16" writes its own byte-order mark
    return b"\xef\xbb\xbf" + data if bom else data


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    *,
    header: Sequence[str] = EN_HEADER,
    sheet: str | None = None,
    before: Sequence[str] = (),
) -> bytes:
    """An .xlsx workbook; ``before`` adds other sheets in front (the data sheet then named)."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    if before:
        first.title = before[0]
        first.append(["not", "the", "data"])
        for name in before[1:]:
            workbook.create_sheet(name).append(["x"])
        target = workbook.create_sheet(sheet or "data")
    else:
        target = first
        if sheet:
            target.title = sheet
    target.append(list(header))
    for row in rows:
        target.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_bytes(
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[object]]]],
) -> bytes:
    """An .xlsx with one sheet per (title, header, rows), in that order."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def quarter_workbook(
    figures: Sequence[Sequence[object]] = (),
    actions: Sequence[Sequence[object]] = (),
    narratives: Sequence[Sequence[object]] = (),
    *,
    dutch: bool = True,
) -> bytes:
    """A quarter workbook with the sheets data, acties and duiding (or data, actions,
    narrative with English headers), each holding the rows given (a header only when none)."""
    names = ("data", "acties", "duiding") if dutch else ("data", "actions", "narrative")
    headers = (
        (NL_HEADER, ACTION_HEADER_NL, NARRATIVE_HEADER_NL)
        if dutch
        else (EN_HEADER, ACTION_HEADER, NARRATIVE_HEADER)
    )
    return workbook_bytes(list(zip(names, headers, (figures, actions, narratives), strict=True)))


def import_quarter(db: Path, data: bytes, name: str = "kwartaal.xlsx", **kwargs) -> ImportResult:
    """``data`` imported into ``db`` by ``tester`` at ``CLOCK`` (``dry_run=`` as wished)."""
    return import_file(
        data, file_name=name, db_path=db, actor=Actor.local("tester"), clock=CLOCK, **kwargs
    )


def action_reports(db: Path) -> list[tuple]:
    """Every stored action report version, in a stable order: the table's whole content."""
    return _whole(db, "SELECT * FROM action_reports ORDER BY report_id")


def narrative_texts(db: Path) -> list[tuple]:
    """Every stored duiding version, in a stable order: the table's whole content."""
    return _whole(db, "SELECT * FROM narratives ORDER BY narrative_id")


def _whole(db: Path, query: str) -> list[tuple]:
    with open_reader(db) as con:
        return sql.rows(con, query)


def observations(db: Path) -> list[tuple]:
    """Every stored observation version, in a stable order: the table's whole content."""
    return _whole(db, "SELECT * FROM observations ORDER BY observation_id")


def imports(db: Path) -> list[tuple]:
    """The log rows of observation imports (the catalogue's own imports left out), as the log
    shows them: the table's rows, then the rejected attempts still in the attempt journal, in
    its order, with no ``import_id`` yet (None)."""
    with open_reader(db) as con:
        rows = sql.rows(
            con,
            "SELECT import_id, user_name, file_name, sha256, rows_accepted, rows_rejected, outcome"
            " FROM imports WHERE kind = 'observations' ORDER BY import_id",
        )
        pending = pending_attempts(con, db)
    return rows + [
        (None, a.user_name, a.file_name, a.sha256, a.rows_accepted, a.rows_rejected, a.outcome)
        for a in pending
        if a.kind == "observations"
    ]


def current_values(db: Path) -> dict[tuple[str, str, str], tuple[float, str, str | None]]:
    """The newest version of every value: (indicator, part, period) -> (value, flag, note)."""
    with open_reader(db) as con:
        frame = observations_at_vintage(con)
    return {
        (row.indicator_id, row.part_id, row.period): (
            row.value,
            row.flag,
            None if row.note is None or row.note != row.note else row.note,
        )
        for row in frame.itertuples(index=False)
    }


_STRUCTURE: dict[str, Path] = {}


def structure_copy(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A test's own copy of a structure-only database (``structure_file``), built once per
    process: a copy costs far less than a build."""
    if "file" not in _STRUCTURE:
        _STRUCTURE["file"] = structure_file(tmp_path_factory.mktemp("structure") / "s.duckdb")
    return Path(shutil.copyfile(_STRUCTURE["file"], tmp_path / "monitor.duckdb"))


def structure_file(path: Path) -> Path:
    """A published database at ``path`` with the structure and the illustrative catalogue (no
    targets, no observations), as ``init`` and a first catalogue import make it."""
    initialize(path, demo=False, clock=datetime(2026, 11, 28, 9, 0, 0))
    with writer(path) as con:
        load_seed_catalogue(con, at=datetime(2020, 1, 1))
    return path
