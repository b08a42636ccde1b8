"""Builders for catalogue workbooks as a ministry would write them (openpyxl, from scratch), the
CSV zip form, and a small database to import them into."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd

from data import sql
from data.access_rules import Actor
from data.attempt_journal import pending_attempts
from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS, WORKBOOK_TARGET_COLUMNS
from data.catalogue_store import insert_catalogue_import, insert_target_versions
from data.init import initialize
from data.seed import load_seed_catalogue
from data.store import open_reader, writer

# "Now" for catalogue tests, after everything the test database holds.
CLOCK = datetime(2026, 11, 28, 10, 0, 0)
CATALOGUE_AT = datetime(2020, 1, 1)
TARGETS_AT = datetime(2020, 1, 2)
OBSERVED_AT = datetime(2025, 8, 1)

# A new indicator, valid against the real structure: every cell as text, in workbook order.
NEW_INDICATOR: dict[str, str] = {
    "indicator_id": "IND-9901",
    "action_line_id": "AL03",
    "name_nl": "Testindicator",
    "name_en": "Test indicator",
    "definition_nl": "Een indicator voor de test.",
    "definition_en": "An indicator for the test.",
    "unit_nl": "aantal",
    "unit_en": "count",
    "direction": "up",
    "target_type": "reach",
    "method": "linear",
    "frequency": "quarterly",
    "aggregation": "sum",
    "decimals": "0",
    "valid_min": "0",
    "valid_max": "1000",
    "scope": "AW;CW",
    "source": "testbron",
    "owner": "testeigenaar",
    "reference": "",
    "retired_from": "",
}
# A target of it, new too.
NEW_TARGET: dict[str, str] = {
    "indicator_id": "IND-9901",
    "part_id": "AW",
    "baseline_period": "2024Q4",
    "baseline_value": "10",
    "target_period": "2029Q4",
    "target_value": "20",
    "reason": "",
}
# The targets the test database holds (recorded at TARGETS_AT), as the workbook writes them.
# IND-0101: KINGDOM scope, up, reach, 0..100. IND-0201: the seven entities, up, reach, 0..100.
# IND-0102: NL, up, maintain_min.
STORED_TARGETS: tuple[dict[str, str], ...] = (
    {
        "indicator_id": "IND-0101",
        "part_id": "KINGDOM",
        "baseline_period": "2023Q4",
        "baseline_value": "1.5",
        "target_period": "2029Q4",
        "target_value": "2",
        "reason": "NAVO-norm",
    },
    {
        "indicator_id": "IND-0201",
        "part_id": "KINGDOM",
        "baseline_period": "2023Q2",
        "baseline_value": "50",
        "target_period": "2029Q4",
        "target_value": "70",
        "reason": "",
    },
    {
        "indicator_id": "IND-0201",
        "part_id": "CW",
        "baseline_period": "2023Q2",
        "baseline_value": "40",
        "target_period": "2029Q4",
        "target_value": "65",
        "reason": "eigen doel Curaçao",
    },
)
# IND-0103 (KINGDOM, quarterly) has values stored up to this quarter.
LAST_OBSERVED = "2025Q2"


def build_catalogue_db(path: Path) -> Path:
    """A published database: structure, the seed catalogue, ``STORED_TARGETS``, and values of
    IND-0103 for 2025Q1 and 2025Q2."""
    initialize(path, demo=False, clock=CATALOGUE_AT)
    with writer(path) as con:
        load_seed_catalogue(con, at=CATALOGUE_AT)
        with sql.transaction(con) as cur:
            import_id = insert_catalogue_import(
                cur,
                actor=Actor.local("test"),
                file_name="targets",
                sha256="0" * 64,
                at=TARGETS_AT,
                rows=len(STORED_TARGETS),
                outcome="seed",
            )
            frame = pd.DataFrame(STORED_TARGETS)
            frame["baseline_value"] = frame["baseline_value"].astype(float)
            frame["target_value"] = frame["target_value"].astype(float)
            frame["reason"] = frame["reason"].replace("", None)
            insert_target_versions(cur, frame, recorded_at=TARGETS_AT, import_id=import_id)
            cur.execute(
                """
                INSERT INTO imports BY NAME
                SELECT 100 AS import_id, $at AS started_at, $at AS finished_at,
                    'test' AS user_name, 'q.csv' AS file_name, $sha AS sha256,
                    2 AS rows_accepted, 0 AS rows_rejected, 'accepted' AS outcome
                """,
                {"at": OBSERVED_AT, "sha": "1" * 64},
            )
            cur.execute(
                """
                INSERT INTO observations BY NAME
                SELECT * FROM (VALUES
                    (1, 'IND-0103', 'KINGDOM', '2025Q1', 70.0, $at, 100),
                    (2, 'IND-0103', 'KINGDOM', '2025Q2', 72.0, $at, 100)
                ) AS v(observation_id, indicator_id, part_id, period, value, recorded_at,
                    import_id)
                """,
                {"at": OBSERVED_AT},
            )
    return path


def _cells(row: Mapping[str, object] | Sequence[object], columns: Sequence[str]) -> list[object]:
    if isinstance(row, Mapping):
        return [row.get(column, "") for column in columns]
    return list(row)


def workbook_bytes(
    indicators: Sequence[Mapping[str, object] | Sequence[object]] = (),
    targets: Sequence[Mapping[str, object] | Sequence[object]] = (),
    *,
    lang: str = "nl",
    indicator_header: Sequence[str] = WORKBOOK_INDICATOR_COLUMNS,
    target_header: Sequence[str] = WORKBOOK_TARGET_COLUMNS,
    sheets: Sequence[str] | None = None,
    help_sheet: bool = True,
) -> bytes:
    """An .xlsx with the two data sheets (named in ``lang``) and a help sheet. Rows are mappings
    by column (missing cells empty) or lists in header order; a cell may be a number or text."""
    names = {"nl": ("indicatoren", "doelen"), "en": ("indicators", "targets")}[lang]
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    if help_sheet:
        info = workbook.create_sheet("toelichting" if lang == "nl" else "help")
        info.append(["Dit blad wordt niet ingelezen."])
        info.append(["=1+1"])
    data = (
        (names[0], indicator_header, indicators, WORKBOOK_INDICATOR_COLUMNS),
        (names[1], target_header, targets, WORKBOOK_TARGET_COLUMNS),
    )
    for index, (name, header, rows, columns) in enumerate(data):
        if sheets is not None and index >= len(sheets):
            continue
        sheet = workbook.create_sheet(sheets[index] if sheets is not None else name)
        sheet.append(list(header))
        for row in rows:
            sheet.append(_cells(row, columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(
    header: Sequence[str], rows: Sequence[Mapping[str, object]], *, delimiter: str = ","
) -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    out.writerow(header)
    for row in rows:
        out.writerow(_cells(row, header))
    return buffer.getvalue()


def zip_bytes(
    indicators: Sequence[Mapping[str, object]] = (),
    targets: Sequence[Mapping[str, object]] = (),
    *,
    lang: str = "nl",
    delimiter: str = ",",
    bom: bool = False,
    members: Mapping[str, bytes] | None = None,
) -> bytes:
    """A .zip with the two CSV files (named in ``lang``), or exactly ``members``."""
    if members is None:
        names = {"nl": ("indicatoren.csv", "doelen.csv"), "en": ("indicators.csv", "targets.csv")}
        prefix = b"\xef\xbb\xbf" if bom else b""
        members = {
            names[lang][0]: prefix
            + csv_text(WORKBOOK_INDICATOR_COLUMNS, indicators, delimiter=delimiter).encode(),
            names[lang][1]: prefix
            + csv_text(WORKBOOK_TARGET_COLUMNS, targets, delimiter=delimiter).encode(),
        }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def version_counts(db: Path) -> tuple[int, int]:
    """(indicator versions, target versions) stored."""
    with open_reader(db) as con:
        return (
            int(sql.scalar(con, "SELECT count(*) FROM indicator_versions")),
            int(sql.scalar(con, "SELECT count(*) FROM target_versions")),
        )


def catalogue_imports(db: Path) -> list[tuple]:
    """(import_id, kind, outcome, rows_accepted, rows_rejected, file_name, message) per import,
    as the log shows them: the table's rows, then the rejected attempts still in the attempt
    journal, in its order, with no ``import_id`` yet (None)."""
    with open_reader(db) as con:
        rows = sql.rows(
            con,
            "SELECT import_id, kind, outcome, rows_accepted, rows_rejected, file_name, message "
            "FROM imports WHERE kind = 'catalogue' ORDER BY import_id",
        )
        pending = pending_attempts(con, db)
    return rows + [
        (None, a.kind, a.outcome, a.rows_accepted, a.rows_rejected, a.file_name, a.message)
        for a in pending
        if a.kind == "catalogue"
    ]
