"""The quarterly exports: the assessment and the raw observations, as CSV or Parquet, by vintage.

The Export page and ``python cli.py export`` both call this module, so both produce the same bytes.
Imports ``data.observations``, ``metrics.constants`` and ``metrics.periods``; never ui/ or
streamlit. Translated status labels are passed in by the caller (``status_labels``); names come
from the database's ``name_nl`` / ``name_en`` columns.

| function | returns |
|---|---|
| ``export(con, *, quarter, ...)`` | the file's bytes |
| ``write_export(con, target, *, quarter, ...)`` | writes ``target`` atomically; rows, vintage |
| ``preview(con, *, quarter, ..., limit)`` | the first rows as the file will have them |
| ``resolve_scope(con, *, quarter, parts, action_lines, vintage)`` | a validated ``Scope`` |
| ``parse_vintage(text)`` | an ISO-8601 moment as the naive UTC ``datetime`` the database stores |
| ``file_name(*, quarter, what, dialect, fmt)`` | ``voortgang_2025Q3_excel-nl.csv`` and the like |

Contract of the files (``ASSESSMENT_COLUMNS`` and ``OBSERVATION_COLUMNS`` fix the columns and
their order; the README's "Exports" section says what each means):

* Dialects: ``standard`` is comma-separated with a decimal point, UTF-8 without BOM;
  ``excel-nl`` is semicolon-separated with a decimal comma, UTF-8 with BOM, so that Dutch Excel
  opens it right. Both: a header line, LF line ends, RFC-4180 quoting (a field is quoted only
  when it holds the separator, a quote or a line break; quotes are doubled).
* Numbers: the shortest text that reads back as exactly the same double (Python's ``repr``,
  e.g. ``0.1``, ``2.0``, ``18.333333333333332``, ``1e-05``), with the dialect's decimal
  separator; no thousands separators; an empty cell where a number is missing or not finite.
  Integers (``import_id``) are plain digits.
* Booleans: ``true`` / ``false``; an empty cell where unknown (``projected_meets`` without trend).
* Moments (``vintage``, ``recorded_at``): ISO 8601 ``2026-11-28T09:00:00``, with ``.ffffff``
  only when there are microseconds; naive UTC, as stored.
* Text: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading apostrophe (CSV injection); number columns are never touched, so ``-0.5`` stays a number.
  Codes (ids, periods, flags, enumerations, status names) are kept by the schema to patterns that
  cannot begin so, and are written as they are. An empty text is ``""``, a missing one empty.
* Parquet: the same columns with their own types (DOUBLE, BOOLEAN, TIMESTAMP, BIGINT, VARCHAR);
  no apostrophes, since nothing evaluates a Parquet cell as a formula.
* Vintage: only observation versions recorded at or before the vintage count. The default vintage
  is the newest ``recorded_at`` in the database (``last_change_at``), never the wall clock, so the
  same quarter exported twice without a change in between gives the same bytes, and an export at
  an old vintage gives the old file again after later corrections.

All formatting is done by DuckDB inside one ``COPY (SELECT ...) TO`` (no pandas ``to_csv``), so a
file of millions of observations costs about what a plain COPY of its rows does.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import duckdb
import pandas as pd

from data.observations import AS_OF_VINTAGE_SQL, last_change_at
from metrics.constants import METHOD_VERSION
from metrics.errors import MetricError
from metrics.periods import parse_period

__all__ = [
    "ASSESSMENT_COLUMNS",
    "DIALECTS",
    "FORMATS",
    "LANGUAGES",
    "OBSERVATION_COLUMNS",
    "UTF8_BOM",
    "WHATS",
    "ExportError",
    "ExportResult",
    "Scope",
    "export",
    "file_name",
    "parse_vintage",
    "preview",
    "resolve_scope",
    "write_export",
]

WHATS: Final = ("assessment", "observations")
DIALECTS: Final = ("standard", "excel-nl")
FORMATS: Final = ("csv", "parquet")
LANGUAGES: Final = ("nl", "en")
UTF8_BOM: Final = b"\xef\xbb\xbf"

# Column kinds: how a column is typed in Parquet and written in CSV. A code is text that the
# schema (a CHECK pattern or an enumeration) or the methodology (a status name) keeps to letters,
# digits, "_" and "-" inside: it never begins with a formula character, so it is written as is.
_CODE = "code"
_TEXT = "text"
_NUMBER = "number"
_INTEGER = "integer"
_BOOLEAN = "boolean"
_MOMENT = "moment"

_ASSESSMENT_SPEC: Final = (
    ("quarter", _CODE),
    ("vintage", _MOMENT),
    ("method_version", _CODE),
    ("objective_id", _CODE),
    ("action_line_id", _CODE),
    ("indicator_id", _CODE),
    ("indicator_name", _TEXT),
    ("unit", _TEXT),
    ("part_id", _CODE),
    ("part_name", _TEXT),
    ("latest_period", _CODE),
    ("latest_value", _NUMBER),
    ("flag", _CODE),
    ("baseline_period", _CODE),
    ("baseline_value", _NUMBER),
    ("target_period", _CODE),
    ("target_value", _NUMBER),
    ("target_type", _CODE),
    ("direction", _CODE),
    ("method", _CODE),
    ("expected_value", _NUMBER),
    ("progress_share", _NUMBER),
    ("time_share", _NUMBER),
    ("ratio", _NUMBER),
    ("status", _CODE),
    ("status_label", _TEXT),
    ("stale", _BOOLEAN),
    ("slope_per_year", _NUMBER),
    ("projected_value", _NUMBER),
    ("projected_meets", _BOOLEAN),
)

# The intake's long format first (indicator_id, part_id, period, value, flag, note: a file the
# import reads back as it is), then where each version came from, then context for a reader.
_OBSERVATION_SPEC: Final = (
    ("quarter", _CODE),
    ("vintage", _MOMENT),
    ("indicator_id", _CODE),
    ("part_id", _CODE),
    ("period", _CODE),
    ("value", _NUMBER),
    ("flag", _CODE),
    ("note", _TEXT),
    ("recorded_at", _MOMENT),
    ("import_id", _INTEGER),
    ("objective_id", _CODE),
    ("action_line_id", _CODE),
    ("indicator_name", _TEXT),
    ("unit", _TEXT),
    ("part_name", _TEXT),
)

# The public column contract: these names, in this order, every quarter.
ASSESSMENT_COLUMNS: Final = tuple(name for name, _ in _ASSESSMENT_SPEC)
OBSERVATION_COLUMNS: Final = tuple(name for name, _ in _OBSERVATION_SPEC)

_SPECS: Final = {"assessment": _ASSESSMENT_SPEC, "observations": _OBSERVATION_SPEC}
_FILE_STEMS: Final = {"assessment": "voortgang", "observations": "waarnemingen"}


@dataclass(frozen=True)
class _Dialect:
    delimiter: str
    decimal_separator: str
    bom: bool


_DIALECT_SETTINGS: Final = {
    "standard": _Dialect(delimiter=",", decimal_separator=".", bom=False),
    "excel-nl": _Dialect(delimiter=";", decimal_separator=",", bom=True),
}


class ExportError(ValueError):
    """An export that cannot be made as asked; the message says which argument and why."""


@dataclass(frozen=True)
class Scope:
    """What one export covers. ``None`` means "all"; ``vintage`` is resolved (None: no data)."""

    quarter: str
    part_ids: tuple[str, ...] | None
    action_line_ids: tuple[str, ...] | None
    vintage: datetime | None


@dataclass(frozen=True)
class ExportResult:
    rows: int
    vintage: datetime | None


# --------------------------------------------------------------------------------------------
# Arguments


def parse_vintage(text: str) -> datetime:
    """An ISO-8601 date or moment as naive UTC; an offset is converted to UTC first."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ExportError(
            f"vintage {text!r} is not an ISO-8601 moment like 2026-11-28T09:00:00"
        ) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _choice(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ExportError(f"{name} {value!r} is not one of {', '.join(allowed)}")
    return value


def _known(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def resolve_scope(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    parts: Collection[str] = (),
    action_lines: Collection[str] = (),
    vintage: datetime | None = None,
) -> Scope:
    """Validate the scope; a part brings itself and everything below it in the hierarchy."""
    try:
        canonical = parse_period(quarter)
    except MetricError as error:
        raise ExportError(f"quarter: {error}") from None

    hierarchy = _known(con, "SELECT part_id, parent_id FROM kingdom_parts ORDER BY sort_order")
    known_parts = [part_id for part_id, _ in hierarchy]
    unknown = sorted(set(parts) - set(known_parts))
    if unknown:
        raise ExportError(
            f"unknown part {', '.join(unknown)}; known parts: {', '.join(known_parts)}"
        )
    part_ids: tuple[str, ...] | None = None
    if parts:
        chosen = set(parts)
        # Add children until nothing changes: any depth, whatever order the table is in.
        while grown := {part for part, parent in hierarchy if parent in chosen} - chosen:
            chosen |= grown
        part_ids = tuple(part_id for part_id in known_parts if part_id in chosen)

    known_lines = [
        row[0] for row in _known(con, "SELECT action_line_id FROM action_lines ORDER BY sort_order")
    ]
    unknown = sorted(set(action_lines) - set(known_lines))
    if unknown:
        raise ExportError(
            f"unknown action line {', '.join(unknown)}; known action lines: "
            f"{', '.join(known_lines)}"
        )
    action_line_ids = tuple(line for line in known_lines if line in set(action_lines)) or None

    return Scope(
        quarter=canonical,
        part_ids=part_ids,
        action_line_ids=action_line_ids,
        vintage=vintage if vintage is not None else last_change_at(con),
    )


def file_name(
    *, quarter: str, what: str = "assessment", dialect: str = "standard", fmt: str = "csv"
) -> str:
    """``voortgang_2025Q3_excel-nl.csv``; Parquet has no dialect: ``voortgang_2025Q3.parquet``."""
    stem = f"{_FILE_STEMS[_choice('what', what, WHATS)]}_{parse_period(quarter)}"
    if _choice("format", fmt, FORMATS) == "parquet":
        return f"{stem}.parquet"
    return f"{stem}_{_choice('dialect', dialect, DIALECTS)}.csv"


# --------------------------------------------------------------------------------------------
# SQL: one typed query per kind of export, then one formatting select per file type.

# Rows of the observations export, typed, with the keys they are sorted by.
_OBSERVATION_ROWS_SQL = f"""
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    a.objective_id,
    i.action_line_id,
    o.indicator_id,
    CASE WHEN $lang = 'en' THEN i.name_en ELSE i.name_nl END AS indicator_name,
    i.unit,
    o.part_id,
    CASE WHEN $lang = 'en' THEN p.name_en ELSE p.name_nl END AS part_name,
    o.period,
    o.value,
    o.flag,
    o.note,
    o.recorded_at,
    o.import_id,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM ({AS_OF_VINTAGE_SQL}) AS o
JOIN indicators AS i USING (indicator_id)
JOIN action_lines AS a ON a.action_line_id = i.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = o.part_id
WHERE o.period <= $quarter
  AND ($parts IS NULL OR list_contains($parts, o.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, i.action_line_id))
"""
_OBSERVATION_ORDER = "sort_objective, sort_action_line, indicator_id, sort_part, period"

# Rows of the assessment export: the engine's rows (``{source}``: the stored table, or the frame
# computed at the vintage, registered as ``assessment_frame``) with the strategy's structure, the
# names in the chosen language and the status labels (``$label_statuses`` zipped with
# ``$label_texts``, one pair per status the rows have).
_ASSESSMENT_ROWS_SQL = """
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    $method_version AS method_version,
    a.objective_id,
    i.action_line_id,
    f.indicator_id,
    CASE WHEN $lang = 'en' THEN i.name_en ELSE i.name_nl END AS indicator_name,
    i.unit,
    f.part_id,
    CASE WHEN $lang = 'en' THEN p.name_en ELSE p.name_nl END AS part_name,
    CAST(f.latest_period AS VARCHAR) AS latest_period,
    CAST(f.latest_value AS DOUBLE) AS latest_value,
    CAST(f.latest_flag AS VARCHAR) AS flag,
    CAST(f.baseline_period AS VARCHAR) AS baseline_period,
    CAST(f.baseline_value AS DOUBLE) AS baseline_value,
    CAST(f.target_period AS VARCHAR) AS target_period,
    CAST(f.target_value AS DOUBLE) AS target_value,
    CAST(f.target_type AS VARCHAR) AS target_type,
    CAST(f.direction AS VARCHAR) AS direction,
    CAST(coalesce(f.method_used, f.method) AS VARCHAR) AS method,
    CAST(f.expected_value AS DOUBLE) AS expected_value,
    CAST(f.progress_share AS DOUBLE) AS progress_share,
    CAST(f.time_share AS DOUBLE) AS time_share,
    CAST(f.ratio AS DOUBLE) AS ratio,
    CAST(f.status AS VARCHAR) AS status,
    CAST(l.label AS VARCHAR) AS status_label,
    CAST(f.stale AS BOOLEAN) AS stale,
    CAST(f.slope_per_year AS DOUBLE) AS slope_per_year,
    CAST(f.projected_value AS DOUBLE) AS projected_value,
    CAST(f.projected_meets AS BOOLEAN) AS projected_meets,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM {source} AS f
JOIN indicators AS i ON i.indicator_id = f.indicator_id
JOIN action_lines AS a ON a.action_line_id = i.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = f.part_id
LEFT JOIN (
    SELECT
        unnest(CAST($label_statuses AS VARCHAR[])) AS status,
        unnest(CAST($label_texts AS VARCHAR[])) AS label
) AS l ON l.status = CAST(f.status AS VARCHAR)
WHERE ($parts IS NULL OR list_contains($parts, f.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, i.action_line_id))
"""
_ASSESSMENT_ORDER = "sort_objective, sort_action_line, indicator_id, sort_part"

# Where the assessment rows come from: the stored table when it holds the quarter at the current
# vintage (no round trip through pandas: most of the cost on a large file), else the frame.
_STORED_SOURCE = "(SELECT * FROM current_assessment WHERE as_of = $quarter)"
_FRAME_SOURCE = "assessment_frame"
_STORED_STATUSES_SQL = (
    "SELECT DISTINCT status FROM current_assessment WHERE as_of = $quarter AND status IS NOT NULL"
)

# What makes a spreadsheet read a cell as a formula. Tested with starts_with() joined by OR: an
# IN list becomes a hash join per column, several times slower on a large file.
_NEUTRALISED_STARTS = ("'='", "'+'", "'-'", "'@'", "chr(9)", "chr(13)")


def _csv_cell(column: str, kind: str, dialect: _Dialect) -> str:
    """The SQL that writes one typed column as CSV text. ``column`` is one of our constants."""
    if kind == _NUMBER:
        text = f"CAST({column} AS VARCHAR)"
        if dialect.decimal_separator != ".":
            text = f"replace({text}, '.', '{dialect.decimal_separator}')"
        return f"CASE WHEN isfinite({column}) THEN {text} END"
    if kind == _INTEGER:
        return f"CAST({column} AS VARCHAR)"
    if kind == _BOOLEAN:
        return f"CASE WHEN {column} THEN 'true' WHEN NOT {column} THEN 'false' END"
    if kind == _CODE:
        return column
    if kind == _MOMENT:
        return (
            f"CASE WHEN epoch_us({column}) % 1000000 = 0"
            f" THEN strftime({column}, '%Y-%m-%dT%H:%M:%S')"
            f" ELSE strftime({column}, '%Y-%m-%dT%H:%M:%S.%f') END"
        )
    formula = " OR ".join(f"starts_with({column}, {start})" for start in _NEUTRALISED_STARTS)
    # Every formula character sorts before 'A', so one comparison settles most cells (a name, a
    # unit) and only the rest are tested one by one: about a third of the cost on a large file.
    return f"CASE WHEN {column} < 'A' AND ({formula}) THEN '''' || {column} ELSE {column} END"


def _parquet_cell(column: str, kind: str) -> str:
    if kind == _NUMBER:
        return f"CASE WHEN isfinite({column}) THEN {column} END"
    return column


def _select(what: str, fmt: str, dialect: _Dialect, source: str = _FRAME_SOURCE) -> str:
    rows_sql, order = (
        (_ASSESSMENT_ROWS_SQL.format(source=source), _ASSESSMENT_ORDER)
        if what == "assessment"
        else (_OBSERVATION_ROWS_SQL, _OBSERVATION_ORDER)
    )
    cells = []
    for position, (column, kind) in enumerate(_SPECS[what]):
        cell = _parquet_cell(column, kind) if fmt == "parquet" else _csv_cell(column, kind, dialect)
        # The BOM goes into the first header name, so DuckDB writes it as the file's first bytes
        # in the same COPY (also when there are no rows): no second pass over a large file.
        name = f"\ufeff{column}" if position == 0 and fmt == "csv" and dialect.bom else column
        cells.append(f'    {cell} AS "{name}"')
    cells_sql = ",\n".join(cells)
    return (
        f"WITH export_rows AS ({rows_sql})\nSELECT\n{cells_sql}\nFROM export_rows\nORDER BY {order}"
    )


def _copy_options(fmt: str, dialect: _Dialect) -> str:
    if fmt == "parquet":
        return "(FORMAT parquet, COMPRESSION zstd)"
    return f"(FORMAT csv, HEADER true, DELIMITER '{dialect.delimiter}', QUOTE '\"', NULL '')"


@dataclass(frozen=True)
class _Request:
    what: str
    fmt: str
    dialect: _Dialect
    lang: str
    scope: Scope
    status_labels: Mapping[str, str] | None


def _request(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    parts: Collection[str],
    action_lines: Collection[str],
    what: str,
    dialect: str,
    fmt: str,
    lang: str,
    vintage: datetime | None,
    status_labels: Mapping[str, str] | None,
) -> _Request:
    return _Request(
        what=_choice("what", what, WHATS),
        fmt=_choice("format", fmt, FORMATS),
        dialect=_DIALECT_SETTINGS[_choice("dialect", dialect, DIALECTS)],
        lang=_choice("language", lang, LANGUAGES),
        scope=resolve_scope(
            con, quarter=quarter, parts=parts, action_lines=action_lines, vintage=vintage
        ),
        status_labels=status_labels,
    )


def _parameters(request: _Request) -> dict[str, object]:
    scope = request.scope
    parameters: dict[str, object] = {
        "quarter": scope.quarter,
        "vintage": scope.vintage,
        "lang": request.lang,
        "parts": list(scope.part_ids) if scope.part_ids is not None else None,
        "action_lines": (
            list(scope.action_line_ids) if scope.action_line_ids is not None else None
        ),
    }
    if request.what == "assessment":
        parameters["method_version"] = METHOD_VERSION
    return parameters


def _status_labels(request: _Request, statuses: Collection[str]) -> dict[str, object]:
    """The label parameters for the statuses the rows have; the label is the status without
    ``status_labels``. Raises ValueError when ``status_labels`` lacks one of them."""
    present = sorted(statuses)
    labels = request.status_labels
    if labels is None:
        texts = present
    else:
        missing = [status for status in present if status not in labels]
        if missing:
            raise ValueError(f"status_labels has no label for {', '.join(missing)}")
        texts = [labels[status] for status in present]
    return {"label_statuses": present, "label_texts": texts}


@contextlib.contextmanager
def _cursor(con: duckdb.DuckDBPyConnection, request: _Request):
    """A cursor with the assessment's rows in reach; yields it, the rows' source and the extra
    parameters the select needs."""
    cur = con.cursor()
    try:
        if request.what != "assessment":
            yield cur, _FRAME_SOURCE, {}
            return
        # Imported here: the engine is only needed for the assessment export.
        from data.current_assessment import current_assessment, is_stored

        scope = request.scope
        if is_stored(con, as_of=scope.quarter, vintage=scope.vintage):
            # The same rows current_assessment() would read into pandas, read in place.
            rows = cur.execute(_STORED_STATUSES_SQL, {"quarter": scope.quarter}).fetchall()
            yield cur, _STORED_SOURCE, _status_labels(request, {row[0] for row in rows})
            return
        # Not stored (another quarter, a past vintage, a stale table): computed at the vintage.
        frame = current_assessment(con, as_of=scope.quarter, vintage=scope.vintage)
        labels = _status_labels(request, set(frame["status"].dropna()))
        cur.register(_FRAME_SOURCE, frame)
        yield cur, _FRAME_SOURCE, labels
    finally:
        cur.close()


def _copy(con: duckdb.DuckDBPyConnection, request: _Request, target: Path) -> int:
    with _cursor(con, request) as (cur, source, extra):
        sql = f"COPY ({_select(request.what, request.fmt, request.dialect, source)}) TO $target "
        sql += _copy_options(request.fmt, request.dialect)
        parameters = _parameters(request) | extra | {"target": str(target)}
        return int(cur.execute(sql, parameters).fetchall()[0][0])


# --------------------------------------------------------------------------------------------
# Public entry points. All take the same keyword arguments.


def write_export(
    con: duckdb.DuckDBPyConnection,
    target: Path | str,
    *,
    quarter: str,
    parts: Collection[str] = (),
    action_lines: Collection[str] = (),
    what: str = "assessment",
    dialect: str = "standard",
    fmt: str = "csv",
    lang: str = "nl",
    vintage: datetime | None = None,
    status_labels: Mapping[str, str] | None = None,
) -> ExportResult:
    """Write the export to ``target`` atomically: a temporary file beside it, then a rename.

    A failure leaves ``target`` as it was. ``status_labels`` maps each status to its label in
    ``lang`` (the caller translates); without it the label is the status name itself.
    """
    request = _request(
        con,
        quarter=quarter,
        parts=parts,
        action_lines=action_lines,
        what=what,
        dialect=dialect,
        fmt=fmt,
        lang=lang,
        vintage=vintage,
        status_labels=status_labels,
    )
    target = Path(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    os.close(handle)
    try:
        rows = _copy(con, request, Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return ExportResult(rows=rows, vintage=request.scope.vintage)


def export(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    parts: Collection[str] = (),
    action_lines: Collection[str] = (),
    what: str = "assessment",
    dialect: str = "standard",
    fmt: str = "csv",
    lang: str = "nl",
    vintage: datetime | None = None,
    status_labels: Mapping[str, str] | None = None,
) -> bytes:
    """The export's bytes (the same as ``write_export`` writes). Arguments as there."""
    with tempfile.TemporaryDirectory(prefix="monitor-export-") as directory:
        target = Path(directory) / "export"
        write_export(
            con,
            target,
            quarter=quarter,
            parts=parts,
            action_lines=action_lines,
            what=what,
            dialect=dialect,
            fmt=fmt,
            lang=lang,
            vintage=vintage,
            status_labels=status_labels,
        )
        return target.read_bytes()


def preview(
    con: duckdb.DuckDBPyConnection,
    *,
    quarter: str,
    parts: Collection[str] = (),
    action_lines: Collection[str] = (),
    what: str = "assessment",
    dialect: str = "standard",
    fmt: str = "csv",
    lang: str = "nl",
    vintage: datetime | None = None,
    status_labels: Mapping[str, str] | None = None,
    limit: int = 20,
) -> pd.DataFrame:
    """The first ``limit`` rows as the file has them: CSV cells as text, Parquet cells typed."""
    request = _request(
        con,
        quarter=quarter,
        parts=parts,
        action_lines=action_lines,
        what=what,
        dialect=dialect,
        fmt=fmt,
        lang=lang,
        vintage=vintage,
        status_labels=status_labels,
    )
    with _cursor(con, request) as (cur, source, extra):
        sql = f"{_select(request.what, request.fmt, request.dialect, source)}\nLIMIT $limit"
        frame = cur.execute(sql, _parameters(request) | extra | {"limit": int(limit)}).df()
    # The BOM belongs to the file, not to the column's name.
    return frame.rename(columns=lambda name: name.lstrip("\ufeff"))
