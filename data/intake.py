"""Importing a quarter's figures: one function for the Data page and the CLI.

``import_file`` reads a file (``data.intake_read``), validates every row against the file format
(a pandera schema) and against the database (catalogue, scope, valid ranges), and then either

* writes nothing and reports every problem by row and column (rejected), or
* adds the new and changed values as new observation versions in one transaction (accepted).

Either way the attempt is recorded in the ``imports`` log with its counts and the file's sha256;
a rejection in a transaction of its own that writes only the log row. A dry run validates and
reports what would happen, and writes nothing at all, not even the log; ``preview_file`` is the
Data page's dry run, which does put a rejected upload on record (``log_rejected``).

Rules the issue left open, decided here:

* A row states the whole version: value, flag and note. A row is *unchanged* only when all three
  equal the newest version; any difference adds a version. Without a flag column every flag is
  ``none``; without a note column there is no note.
* The running quarter (the one containing the clock) may be reported, e.g. as provisional; a later
  quarter is refused, and so is anything before 2015.
* A row whose value, flag and note are all empty (an unfilled template row) is skipped, and
  counted as skipped; a flag or note without a value is a problem.
* Numbers are plain decimals with a point or a comma as decimal mark (``12.5``, ``12,5``,
  ``-3``, ``1e3``); thousands separators, units and percent signs are refused, never guessed.
* An accepted import records every version it adds at one moment, ``recorded_at``: the clock,
  or one microsecond after the newest version already stored if that is later (two imports in
  the same second, a clock that went back). Versions therefore strictly increase per key, and a
  vintage never sees half an import.

Imports ``data.store``, ``data.observations``, ``data.intake_read`` and ``metrics`` (periods).
SQL takes values as parameters only.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Final

import duckdb
import pandas as pd
import pandera.pandas as pa

from data.intake_read import (
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    Problem,
    TextTable,
    read_table,
    shorten,
)
from data.observations import AS_OF_VINTAGE_SQL
from data.store import open_reader, writer
from metrics.errors import MetricError
from metrics.periods import last_full_quarter, parse_period, period_from_index, quarter_index

__all__ = [
    "EARLIEST_PERIOD",
    "FLAG_WORDS",
    "MAX_FILE_BYTES",
    "MAX_NOTE_CHARS",
    "Change",
    "ImportResult",
    "Problem",
    "current_quarter",
    "import_file",
    "import_log",
    "log_rejected",
    "parse_number",
    "preview_file",
]

EARLIEST_PERIOD: Final = "2015Q1"
MAX_NOTE_CHARS: Final = 1000
MAX_FILE_NAME_CHARS: Final = 255
# Flag words per canonical flag, compared case-insensitively; an empty cell means none.
FLAG_WORDS: Final = {
    "": "none",
    "none": "none",
    "geen": "none",
    "leeg": "none",
    "provisional": "provisional",
    "voorlopig": "provisional",
    "estimated": "estimated",
    "geschat": "estimated",
    "break": "break",
    "breuk": "break",
    "reeksbreuk": "break",
}
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][+-]?[0-9]+)?")
_NOT_FINITE_WORDS = frozenset({"nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity"})
_ONE_TICK = timedelta(microseconds=1)

ACCEPTED: Final = "accepted"
REJECTED: Final = "rejected"


# --- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What one file row does: ``kind`` is ``new``, ``changed`` or ``unchanged``."""

    row: int
    indicator_id: str
    part_id: str
    period: str
    kind: str
    value: float
    flag: str
    note: str | None
    old_value: float | None = None
    old_flag: str | None = None
    old_note: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """The outcome of one import attempt (or dry run), with everything needed to show it."""

    outcome: str  # accepted / rejected
    dry_run: bool
    file_name: str
    sha256: str
    size_bytes: int
    rows_read: int  # data rows in the file, skipped ones included
    rows_skipped: int  # rows left empty (no value, flag or note)
    problems: tuple[Problem, ...]
    changes: tuple[Change, ...]
    import_id: int | None = None  # the log entry; None for a dry run not put on record
    recorded_at: datetime | None = None  # when the versions were recorded; None if none were

    @property
    def accepted(self) -> bool:
        return self.outcome == ACCEPTED

    def of_kind(self, kind: str) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind == kind)

    @property
    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in ("new", "changed", "unchanged")}

    @property
    def rows_with_problems(self) -> int:
        return len({problem.row for problem in self.problems if problem.row is not None})


# --- numbers, periods, flags ------------------------------------------------------------------


def parse_number(text: str) -> tuple[float | None, str | None]:
    """A cell's number, or None and the problem code: ``value_not_a_number`` or ``..._finite``.

    >>> parse_number("12,5")
    (12.5, None)
    >>> parse_number("1.234,5")
    (None, 'value_not_a_number')
    """
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "")
    if not cleaned:
        return None, "required_empty"
    if cleaned.lower() in _NOT_FINITE_WORDS:
        return None, "value_not_finite"
    if _NUMBER.fullmatch(cleaned) is None:
        return None, "value_not_a_number"
    number = float(cleaned.replace(",", "."))
    if not math.isfinite(number):
        return None, "value_not_finite"
    return number, None


def current_quarter(clock: datetime | date) -> str:
    """The quarter containing ``clock``: the latest a file may report."""
    today = clock.date() if isinstance(clock, datetime) else clock
    return period_from_index(quarter_index(last_full_quarter(today)) + 1)


def _canonical_period(text: str) -> str:
    try:
        return parse_period(text)
    except MetricError:
        return ""


# --- the catalogue a file is checked against -------------------------------------------------


@dataclass(frozen=True)
class _Catalogue:
    ranges: dict[str, tuple[float | None, float | None]]  # indicator -> (valid_min, valid_max)
    parts: frozenset[str]
    scope: frozenset[tuple[str, str]]


def _catalogue(con: duckdb.DuckDBPyConnection) -> _Catalogue:
    cur = con.cursor()
    try:
        ranges = {
            indicator_id: (low, high)
            for indicator_id, low, high in cur.execute(
                "SELECT indicator_id, valid_min, valid_max FROM indicators"
            ).fetchall()
        }
        parts = frozenset(
            row[0] for row in cur.execute("SELECT part_id FROM kingdom_parts").fetchall()
        )
        scope = frozenset(
            cur.execute("SELECT indicator_id, part_id FROM indicator_scope").fetchall()
        )
    finally:
        cur.close()
    return _Catalogue(ranges=ranges, parts=parts, scope=scope)


# --- validation -------------------------------------------------------------------------------


def _frame(table: TextTable) -> tuple[pd.DataFrame, int]:
    """Text frame indexed by spreadsheet row, with parsed helper columns; and the skipped count."""
    present = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in table.columns]
    records = []
    skipped = 0
    for number, cells in table.rows:
        record = {column: cells[table.columns[column]] for column in present}
        if not any(record.get(c, "").strip() for c in ("value", "flag", "note")):
            skipped += 1
            continue
        records.append({"row": number, **record})
    frame = pd.DataFrame(records, columns=["row", *present], dtype=object).set_index("row")
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    frame = frame.astype(object).fillna("")
    frame["indicator_id"] = frame["indicator_id"].map(lambda text: text.strip().upper())
    frame["part_id"] = frame["part_id"].map(lambda text: text.strip().upper())
    frame["note"] = frame["note"].map(str.strip)
    frame["period_key"] = frame["period"].map(_canonical_period)
    frame["period_index"] = pd.Series(
        [float(quarter_index(key)) if key else math.nan for key in frame["period_key"]],
        index=frame.index,
        dtype=float,
    )
    parsed = frame["value"].map(parse_number)
    frame["value_number"] = parsed.map(lambda pair: math.nan if pair[0] is None else pair[0])
    frame["value_issue"] = parsed.map(lambda pair: pair[1] or "")
    frame["flag_key"] = frame["flag"].map(lambda text: FLAG_WORDS.get(text.strip().lower(), ""))
    return frame, skipped


def _schema(
    catalogue: _Catalogue, *, latest: str
) -> tuple[pa.DataFrameSchema, dict[str, tuple[str, str]]]:
    """The file rules as a pandera schema, and for each check the (problem code, column) it names.

    Each rule passes where an earlier rule already failed for the same cell, so one mistake is
    reported once: an unknown indicator is not also "not applicable" or "out of range".
    """
    earliest, last = quarter_index(EARLIEST_PERIOD), quarter_index(latest)
    indicators, parts, scope = set(catalogue.ranges), catalogue.parts, catalogue.scope

    def filled(series: pd.Series) -> pd.Series:
        return series.str.strip() != ""

    def applicable_pair(frame: pd.DataFrame) -> pd.Series:
        known = frame["indicator_id"].isin(indicators) & frame["part_id"].isin(parts)
        pairs = pd.Series(
            [(i, p) in scope for i, p in zip(frame["indicator_id"], frame["part_id"], strict=True)],
            index=frame.index,
            dtype=bool,
        )
        return ~known | pairs

    def within_valid_range(frame: pd.DataFrame) -> pd.Series:
        def ok(indicator_id: str, value: float) -> bool:
            if indicator_id not in catalogue.ranges or math.isnan(value):
                return True
            low, high = catalogue.ranges[indicator_id]
            return (low is None or value >= low) and (high is None or value <= high)

        return pd.Series(
            [ok(i, v) for i, v in zip(frame["indicator_id"], frame["value_number"], strict=True)],
            index=frame.index,
            dtype=bool,
        )

    def unique_key(frame: pd.DataFrame) -> pd.Series:
        complete = (
            (frame["indicator_id"] != "") & (frame["part_id"] != "") & (frame["period_key"] != "")
        )
        duplicated = frame.duplicated(["indicator_id", "part_id", "period_key"], keep=False)
        return ~(complete & duplicated)

    rules: dict[str, tuple[str, str]] = {}

    # Function names must not be those of pandera's built-in checks (in_range, isin...): pandera
    # dispatches on the name.
    def check(name: str, column: str, function: Callable[..., pd.Series]) -> pa.Check:
        code = name.split(":")[0]
        rules[name] = (code, column)
        return pa.Check(function, name=name)

    columns = {
        "indicator_id": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:indicator_id", "indicator_id", filled),
                check(
                    "unknown_indicator", "indicator_id", lambda s: ~filled(s) | s.isin(indicators)
                ),
            ],
        ),
        "part_id": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:part_id", "part_id", filled),
                check("unknown_part", "part_id", lambda s: ~filled(s) | s.isin(parts)),
            ],
        ),
        "period": pa.Column(
            nullable=True, checks=[check("required_empty:period", "period", filled)]
        ),
        "period_index": pa.Column(
            nullable=True,
            checks=[
                check("period_too_early", "period", lambda s: s.isna() | (s >= earliest)),
                check("period_in_future", "period", lambda s: s.isna() | (s <= last)),
            ],
        ),
        "value_issue": pa.Column(
            nullable=True,
            checks=[
                check("required_empty:value", "value", lambda s: s != "required_empty"),
                check("value_not_a_number", "value", lambda s: s != "value_not_a_number"),
                check("value_not_finite", "value", lambda s: s != "value_not_finite"),
            ],
        ),
        "note": pa.Column(
            nullable=True,
            checks=[check("note_too_long", "note", lambda s: s.str.len() <= MAX_NOTE_CHARS)],
        ),
    }
    # A malformed period: filled in, but not a quarter. Checked on the text, with its parse.
    frame_checks = [
        check(
            "period_malformed",
            "period",
            lambda f: (f["period"].str.strip() == "") | (f["period_key"] != ""),
        ),
        check(
            "flag_unknown",
            "flag",
            lambda f: (f["flag_key"] != "") | (f["flag"].str.strip() == ""),
        ),
        check("not_applicable", "part_id", applicable_pair),
        check("value_out_of_range", "value", within_valid_range),
        check("duplicate_key", "key", unique_key),
    ]
    return pa.DataFrameSchema(columns, checks=frame_checks), rules


def _validate(
    frame: pd.DataFrame, table: TextTable, catalogue: _Catalogue, *, latest: str
) -> list[Problem]:
    schema, rules = _schema(catalogue, latest=latest)
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    if failures["index"].isna().any():
        # A rule itself failed (a bug, not a problem of the file): never let it pass as valid.
        raise RuntimeError(f"intake rules could not be applied:\n{failures.to_string()}")
    failures = failures.drop_duplicates(subset=["check", "index"])
    key = ["indicator_id", "part_id", "period_key"]
    duplicates = frame[frame.duplicated(key, keep=False)]
    groups = {
        group: list(rows) for group, rows in duplicates.groupby(key, sort=False).groups.items()
    }
    # Plain dicts: a label lookup per problem in a frame costs far more than the checks.
    failing = frame.loc[failures["index"].astype(int).unique()]
    context = _Context(failing.to_dict("index"), table, catalogue, latest, groups)
    problems = []
    for name, row in zip(failures["check"], failures["index"], strict=True):
        code, column = rules[str(name)]
        problems.append(_row_problem(code, column, int(row), context))
    return problems


@dataclass(frozen=True)
class _Context:
    records: dict[int, dict[str, object]]  # the failing rows, by spreadsheet row
    table: TextTable
    catalogue: _Catalogue
    latest: str
    duplicate_groups: dict[tuple[str, str, str], list[int]]


def _row_problem(code: str, column: str, row: int, context: _Context) -> Problem:
    """The problem ``code`` at ``row``, pointed at ``column``, with what its message needs."""
    record = context.records[row]
    table = context.table
    params: dict[str, str] = {}
    if column == "key":
        keys = ["indicator_id", "part_id", "period"]
        group = (record["indicator_id"], record["part_id"], record["period_key"])
        others = [str(other) for other in context.duplicate_groups.get(group, []) if other != row]
        params["rows"] = ", ".join(others)
        params["key"] = " · ".join(group)
        return Problem(
            code,
            row=row,
            column=", ".join(table.header_of(key) for key in keys),
            letter=", ".join(table.letter_of(key) for key in keys),
            params=tuple(params.items()),
        )
    if code == "value_out_of_range":
        low, high = context.catalogue.ranges[record["indicator_id"]]
        params["min"] = "–" if low is None else f"{low:g}"
        params["max"] = "–" if high is None else f"{high:g}"
        params["indicator"] = record["indicator_id"]
    elif code == "not_applicable":
        params["indicator"] = record["indicator_id"]
        scope = context.catalogue.scope
        params["parts"] = ", ".join(
            sorted(part for indicator, part in scope if indicator == record["indicator_id"])
        )
    elif code == "period_in_future":
        params["latest"] = context.latest
    elif code == "period_too_early":
        params["earliest"] = EARLIEST_PERIOD
    elif code == "note_too_long":
        params["length"] = str(len(record["note"]))
        params["limit"] = str(MAX_NOTE_CHARS)
    present = column in table.columns
    return Problem(
        code,
        row=row,
        column=table.header_of(column) if present else column,
        letter=table.letter_of(column) if present else None,
        value=shorten(str(record[column])) if present else None,
        params=tuple(params.items()),
    )


# --- what a valid file changes ---------------------------------------------------------------

_CURRENT_VERSIONS_SQL = (
    "WITH current_versions AS ("
    + AS_OF_VINTAGE_SQL
    + """)
SELECT
    current_versions.indicator_id,
    current_versions.part_id,
    current_versions.period,
    current_versions.value,
    current_versions.flag,
    current_versions.note
FROM current_versions
INNER JOIN intake_keys
    ON current_versions.indicator_id = intake_keys.indicator_id
    AND current_versions.part_id = intake_keys.part_id
    AND current_versions.period = intake_keys.period
"""
)


def _same_value(old: float, new: float) -> bool:
    # Equal up to float noise: "12.5" typed and 12.5 read from a workbook cell are the same.
    return math.isclose(old, new, rel_tol=1e-12, abs_tol=1e-12)


def _changes(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> tuple[Change, ...]:
    keys = pd.DataFrame(
        {
            "indicator_id": frame["indicator_id"].astype(str),
            "part_id": frame["part_id"].astype(str),
            "period": frame["period_key"].astype(str),
        }
    )
    cur = con.cursor()
    try:
        cur.register("intake_keys", keys)
        rows = cur.execute(_CURRENT_VERSIONS_SQL, {"vintage": None}).fetchall()
    finally:
        cur.close()
    current = {(i, p, q): (value, flag, note) for i, p, q, value, flag, note in rows}
    changes = []
    columns = ("indicator_id", "part_id", "period_key", "value_number", "flag_key", "note")
    for row, *cells in zip(frame.index, *(frame[c] for c in columns), strict=True):
        key = (str(cells[0]), str(cells[1]), str(cells[2]))
        value, flag, note = float(cells[3]), str(cells[4]), str(cells[5]) or None
        old = current.get(key)
        if old is None:
            kind = "new"
        elif _same_value(old[0], value) and old[1] == flag and (old[2] or None) == note:
            kind = "unchanged"
        else:
            kind = "changed"
        changes.append(
            Change(
                row=int(row),
                indicator_id=key[0],
                part_id=key[1],
                period=key[2],
                kind=kind,
                value=value,
                flag=flag,
                note=note,
                old_value=None if old is None else old[0],
                old_flag=None if old is None else old[1],
                old_note=None if old is None else old[2],
            )
        )
    return tuple(changes)


# --- the import -------------------------------------------------------------------------------


def _read_source(source: bytes | str | os.PathLike[str]) -> tuple[bytes | None, str, int]:
    """The bytes (None when over the size limit), the sha256 and the size. OSError propagates."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        return (
            data if len(data) <= MAX_FILE_BYTES else None,
            hashlib.sha256(data).hexdigest(),
            len(data),
        )
    path = Path(source)
    digest = hashlib.sha256()
    size = 0
    chunks: list[bytes] = []
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            if size <= MAX_FILE_BYTES:
                chunks.append(chunk)
            else:
                chunks.clear()  # keep hashing, stop keeping: the file is refused anyway
    return (b"".join(chunks) if size <= MAX_FILE_BYTES else None), digest.hexdigest(), size


def _clean_file_name(file_name: str | None, source: object) -> str:
    if file_name is None and isinstance(source, str | os.PathLike):
        file_name = Path(source).name
    name = Path((file_name or "").replace("\\", "/")).name.strip()
    return (name or "upload")[:MAX_FILE_NAME_CHARS]


@dataclass(frozen=True)
class _Prepared:
    """A file read and checked on its own: either a rejection, or its rows ready to check."""

    base: ImportResult
    frame: pd.DataFrame | None = None
    table: TextTable | None = None


def _prepare(data: bytes | None, base: ImportResult) -> _Prepared:
    """Read the file into a frame; reject what cannot even be read (size, encoding, columns)."""
    if data is None:
        problem = Problem(
            "file_too_large",
            params=(
                ("size_mb", f"{base.size_bytes / 1024 / 1024:.1f}"),
                ("limit_mb", str(MAX_FILE_BYTES // 1024 // 1024)),
            ),
        )
        return _Prepared(replace(base, problems=(problem,)))
    table, problems = read_table(data, base.file_name)
    if table is None:
        return _Prepared(replace(base, problems=tuple(problems)))
    frame, skipped = _frame(table)
    base = replace(base, rows_read=len(table.rows), rows_skipped=skipped)
    if frame.empty:
        return _Prepared(replace(base, problems=(Problem("no_rows", row=table.header_row),)))
    return _Prepared(base, frame, table)


def _against(
    con: duckdb.DuckDBPyConnection, prepared: _Prepared, *, clock: datetime
) -> ImportResult:
    """Check a read file against the database ``con``; if it passes, what it would change."""
    if prepared.frame is None or prepared.table is None:
        return replace(prepared.base, outcome=REJECTED)
    catalogue = _catalogue(con)
    problems = _validate(prepared.frame, prepared.table, catalogue, latest=current_quarter(clock))
    if problems:
        problems.sort(key=lambda p: p.sort_key)
        return replace(prepared.base, outcome=REJECTED, problems=tuple(problems))
    return replace(prepared.base, outcome=ACCEPTED, changes=_changes(con, prepared.frame))


def import_file(
    source: bytes | str | os.PathLike[str],
    *,
    db_path: Path,
    user: str,
    clock: datetime,
    file_name: str | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate a file and, unless it is a dry run, import it or record its rejection.

    ``source`` is the file's bytes or a path; ``file_name`` (default: the path's name) is what
    the log shows and decides .xlsx vs CSV together with the content. ``clock`` is now: it
    bounds the periods and stamps the versions. Raises OSError when a path cannot be read and
    ``data.store.StoreBusyError`` when another writer holds the database too long; a file's
    content never raises, it is rejected with problems.
    """
    data, sha256, size = _read_source(source)
    base = ImportResult(
        outcome=REJECTED,
        dry_run=dry_run,
        file_name=_clean_file_name(file_name, source),
        sha256=sha256,
        size_bytes=size,
        rows_read=0,
        rows_skipped=0,
        problems=(),
        changes=(),
    )
    prepared = _prepare(data, base)
    reader = open_reader(db_path)
    try:
        result = _against(reader, prepared, clock=clock)
    finally:
        reader.close()
    if dry_run:
        return result
    if not result.accepted:
        return log_rejected(result, db_path=db_path, user=user, clock=clock)
    try:
        with writer(db_path) as con:
            # Checked again under the write lock: another import may have landed since.
            result = _against(con, prepared, clock=clock)
            if not result.accepted:
                raise _RejectedUnderLockError(result)
            return _write(con, result, user=user, clock=clock)
    except _RejectedUnderLockError as rejected:
        return log_rejected(rejected.result, db_path=db_path, user=user, clock=clock)


def preview_file(
    source: bytes | str | os.PathLike[str],
    *,
    db_path: Path,
    user: str,
    clock: datetime,
    file_name: str | None = None,
) -> ImportResult:
    """The Data page's check of an upload: a dry run, but a rejected file is put on record.

    An upload that fails is an attempt the log should show; one that passes writes nothing until
    the user confirms (``import_file``), which checks it again under the write lock.
    """
    result = import_file(
        source, db_path=db_path, user=user, clock=clock, file_name=file_name, dry_run=True
    )
    if result.accepted:
        return result
    return log_rejected(result, db_path=db_path, user=user, clock=clock)


class _RejectedUnderLockError(Exception):
    def __init__(self, result: ImportResult) -> None:
        super().__init__(result.file_name)
        self.result = result


def _next_id(cur: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(cur.execute(sql).fetchall()[0][0]) + 1


def _log_message(result: ImportResult) -> str:
    # Language-neutral, for the log page to translate: counts per change kind or problem code.
    if result.accepted:
        summary: dict[str, object] = dict(result.counts, skipped=result.rows_skipped)
    else:
        codes: dict[str, int] = {}
        for problem in result.problems:
            codes[problem.code] = codes.get(problem.code, 0) + 1
        summary = {"problems": codes}
    return json.dumps(summary, sort_keys=True)


def _insert_log(
    cur: duckdb.DuckDBPyConnection,
    result: ImportResult,
    *,
    user: str,
    clock: datetime,
    finished_at: datetime,
) -> int:
    import_id = _next_id(cur, "SELECT coalesce(max(import_id), 0) FROM imports")
    rejected_rows = 0 if result.accepted else result.rows_with_problems
    accepted_rows = len(result.changes) if result.accepted else 0
    cur.execute(
        """
        INSERT INTO imports (
            import_id, started_at, finished_at, user_name, file_name, sha256,
            rows_accepted, rows_rejected, outcome, message
        )
        VALUES ($import_id, $started_at, $finished_at, $user_name, $file_name, $sha256,
            $rows_accepted, $rows_rejected, $outcome, $message)
        """,
        {
            "import_id": import_id,
            "started_at": clock,
            "finished_at": max(clock, finished_at),
            "user_name": (user.strip() or "unknown")[:100],
            "file_name": result.file_name,
            "sha256": result.sha256,
            "rows_accepted": accepted_rows,
            "rows_rejected": rejected_rows,
            "outcome": result.outcome,
            "message": _log_message(result),
        },
    )
    return import_id


def log_rejected(
    result: ImportResult, *, db_path: Path, user: str, clock: datetime
) -> ImportResult:
    """Record a rejected attempt in the import log, in a transaction that writes only that row."""
    if result.accepted:
        raise ValueError("log_rejected records rejected attempts only")
    with writer(db_path) as con:
        cur = con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION")
            import_id = _insert_log(cur, result, user=user, clock=clock, finished_at=clock)
            cur.execute("COMMIT")
        finally:
            cur.close()
    return replace(result, import_id=import_id, dry_run=False)


_INSERT_VERSIONS_SQL = """
INSERT INTO observations (
    observation_id, indicator_id, part_id, period, value, flag, note, recorded_at, import_id
)
SELECT
    $first_id + row_number() OVER () - 1,
    indicator_id,
    part_id,
    period,
    value,
    flag,
    note,
    $recorded_at,
    $import_id
FROM intake_versions
"""


def _write(
    con: duckdb.DuckDBPyConnection, result: ImportResult, *, user: str, clock: datetime
) -> ImportResult:
    """Add the new and changed versions and the log row, in one transaction."""
    to_add = [change for change in result.changes if change.kind != "unchanged"]
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        newest = cur.execute("SELECT max(recorded_at) FROM observations").fetchall()[0][0]
        recorded_at = clock
        if to_add and newest is not None and newest >= clock:
            recorded_at = newest + _ONE_TICK
        import_id = _insert_log(cur, result, user=user, clock=clock, finished_at=recorded_at)
        if to_add:
            versions = pd.DataFrame(
                {
                    "indicator_id": [c.indicator_id for c in to_add],
                    "part_id": [c.part_id for c in to_add],
                    "period": [c.period for c in to_add],
                    "value": [c.value for c in to_add],
                    "flag": [c.flag for c in to_add],
                    "note": pd.Series([c.note for c in to_add], dtype=object),
                }
            )
            first_id = _next_id(cur, "SELECT coalesce(max(observation_id), 0) FROM observations")
            cur.register("intake_versions", versions)
            cur.execute(
                _INSERT_VERSIONS_SQL,
                {"first_id": first_id, "recorded_at": recorded_at, "import_id": import_id},
            )
            cur.unregister("intake_versions")
        cur.execute("COMMIT")
    except BaseException:
        cur.execute("ROLLBACK")
        raise
    finally:
        cur.close()
    return replace(
        result,
        import_id=import_id,
        recorded_at=recorded_at if to_add else None,
    )


# --- the log, for the Data page ---------------------------------------------------------------

_IMPORT_LOG_SQL = """
SELECT
    import_id,
    started_at,
    user_name,
    file_name,
    sha256,
    rows_accepted,
    rows_rejected,
    outcome,
    message
FROM imports
ORDER BY import_id DESC
LIMIT $limit
"""


def import_log(con: duckdb.DuckDBPyConnection, *, limit: int = 50) -> pd.DataFrame:
    """The newest import attempts first, with the counts from the message unpacked.

    Adds ``new``, ``changed``, ``unchanged`` (accepted imports) and ``problems`` (the number of
    problems of a rejected one); missing counts are 0.
    """
    cur = con.cursor()
    try:
        log = cur.execute(_IMPORT_LOG_SQL, {"limit": limit}).df()
    finally:
        cur.close()

    def counts(message: object) -> dict[str, int]:
        try:
            parsed = json.loads(str(message)) if isinstance(message, str) else {}
        except ValueError:
            parsed = {}
        if not isinstance(parsed, dict):
            parsed = {}
        problems = parsed.get("problems", {})
        return {
            "new": int(parsed.get("new", 0)),
            "changed": int(parsed.get("changed", 0)),
            "unchanged": int(parsed.get("unchanged", 0)),
            "problems": sum(problems.values()) if isinstance(problems, dict) else 0,
        }

    unpacked = pd.DataFrame([counts(m) for m in log["message"]], index=log.index)
    if unpacked.empty:
        unpacked = pd.DataFrame(columns=["new", "changed", "unchanged", "problems"], dtype=int)
    return pd.concat([log.drop(columns=["message"]), unpacked], axis=1)
