"""The export files' contract as SQL: their columns, the rows behind them, how each cell is written.

``data.export`` runs what this module builds; the README's "Exports" section says what each
column means. The rules of the files:

* Columns: ``ASSESSMENT_COLUMNS``, ``OBSERVATION_COLUMNS``, ``ACTION_COLUMNS`` and
  ``NARRATIVE_COLUMNS``, these names in this order, every quarter. A header line, LF line ends,
  RFC-4180 quoting (a field is quoted only when it holds the separator, a quote or a line
  break; quotes are doubled). Dialects are ``data.dialects``.
* Numbers: the shortest text that reads back as exactly the same double (Python's ``repr``,
  e.g. ``0.1``, ``2.0``, ``18.333333``, ``1e-05``), with the dialect's decimal separator; no
  thousands separators; an empty cell where a number is missing or not finite. The engine has
  already rounded the derived figures to six decimals (METHOD.md v2 item 4,
  ``metrics.rounding``), so the stored table, the computed frame, the pages and every file
  write the same numbers; observed values, baselines and targets are written as recorded.
  Integers (``import_id``) are plain digits.
* Booleans: ``true`` / ``false``; an empty cell where unknown (``projected_meets`` without trend).
* Lists (``flags``): codes joined by ``;`` in a fixed order; the CSV quotes the cell where ``;``
  is the separator (``excel-nl``); an empty cell when the list is empty.
* Moments (``vintage``, ``recorded_at``, ``target_changed_at``): ISO 8601
  ``2026-11-28T09:00:00``, with ``.ffffff`` only when there are microseconds; naive UTC, as
  stored.
* Text: formula-neutralised (``data.dialects.neutralise_sql``), free text (a note, a
  narrative, a responsible organisation) included; a line break inside a text is kept, in a
  quoted field. Number columns are never touched, so ``-0.5`` stays a number. Codes (ids,
  periods, flags, enumerations, status names) are kept by the schema to patterns that cannot
  begin with a formula character, and are written as they are. An empty text is ``""``, a
  missing one empty (an action without a narrative: empty).
* Parquet: the same columns with their own types (DOUBLE, BOOLEAN, TIMESTAMP, BIGINT, VARCHAR),
  every one nullable, whatever the rows (so the schema, and the bytes, do not depend on where
  the rows were read from); no apostrophes, since nothing evaluates a Parquet cell as a formula.

All formatting is done by DuckDB inside one ``COPY (SELECT ...) TO`` (no pandas ``to_csv``), so a
file of millions of observations costs about what a plain COPY of its rows does.

| name | what |
|---|---|
| ``export_select(what, fmt, csv_dialect, source)`` | the SELECT of the file's cells, in order |
| ``copy_options(fmt, csv_dialect)`` | the ``COPY ... TO`` options of the file type |
| ``STORED_SOURCE`` / ``FRAME_SOURCE`` | where the assessment rows come from (``source``) |
| ``ACTION_SOURCE`` / ``NARRATIVE_SOURCE`` | the frames the actions and duiding rows are read from |
"""

from __future__ import annotations

from typing import Final

from data.dialects import CsvDialect, neutralise_sql
from data.observations import AS_OF_VINTAGE_SQL
from metrics.constants import FLAG_NAMES

__all__ = [
    "ACTION_COLUMNS",
    "ACTION_SOURCE",
    "ASSESSMENT_COLUMNS",
    "FRAME_SOURCE",
    "NARRATIVE_COLUMNS",
    "NARRATIVE_SOURCE",
    "OBSERVATION_COLUMNS",
    "STORED_SOURCE",
    "STORED_STATUSES_SQL",
    "copy_options",
    "export_select",
]

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
    ("method_used", _CODE),
    ("flags", _CODE),
    ("target_changed_at", _MOMENT),
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

# One row per action (priority x reporting part): its status as of the quarter, carried forward
# from the report it comes from, and that report's fields. Free text: the names, the label, the
# responsible organisation and the narrative.
_ACTION_SPEC: Final = (
    ("quarter", _CODE),
    ("vintage", _MOMENT),
    ("objective_id", _CODE),
    ("action_line_id", _CODE),
    ("priority_id", _CODE),
    ("letter", _CODE),
    ("priority_text", _TEXT),
    ("part_id", _CODE),
    ("part_name", _TEXT),
    ("status", _CODE),
    ("status_label", _TEXT),
    ("expected_completion", _CODE),
    ("responsible", _TEXT),
    ("narrative", _TEXT),
    ("reported_period", _CODE),
    ("recorded_at", _MOMENT),
    ("stale", _BOOLEAN),
)

# One row per action line x part with a duiding: the latest one for the quarter or earlier.
_NARRATIVE_SPEC: Final = (
    ("quarter", _CODE),
    ("vintage", _MOMENT),
    ("objective_id", _CODE),
    ("action_line_id", _CODE),
    ("action_line_name", _TEXT),
    ("part_id", _CODE),
    ("part_name", _TEXT),
    ("period", _CODE),
    ("text", _TEXT),
    ("recorded_at", _MOMENT),
)

# The public column contract: these names, in this order, every quarter.
ASSESSMENT_COLUMNS: Final = tuple(name for name, _ in _ASSESSMENT_SPEC)
OBSERVATION_COLUMNS: Final = tuple(name for name, _ in _OBSERVATION_SPEC)
ACTION_COLUMNS: Final = tuple(name for name, _ in _ACTION_SPEC)
NARRATIVE_COLUMNS: Final = tuple(name for name, _ in _NARRATIVE_SPEC)

_SPECS: Final = {
    "assessment": _ASSESSMENT_SPEC,
    "observations": _OBSERVATION_SPEC,
    "actions": _ACTION_SPEC,
    "narrative": _NARRATIVE_SPEC,
}

# Rows of the observations export, typed, with the keys they are sorted by. Every column of the
# version (``o.*``); the cells select the ones the file has.
_OBSERVATION_ROWS_SQL = f"""
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    a.objective_id,
    i.action_line_id,
    CASE WHEN $lang = 'en' THEN i.name_en ELSE i.name_nl END AS indicator_name,
    CASE WHEN $lang = 'en' THEN i.unit_en ELSE i.unit_nl END AS unit,
    CASE WHEN $lang = 'en' THEN p.name_en ELSE p.name_nl END AS part_name,
    o.*,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM ({AS_OF_VINTAGE_SQL}) AS o
JOIN indicators_at(CAST($vintage AS TIMESTAMP)) AS i USING (indicator_id)
JOIN action_lines AS a ON a.action_line_id = i.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = o.part_id
WHERE o.period <= $quarter
  AND ($parts IS NULL OR list_contains($parts, o.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, i.action_line_id))
"""
_OBSERVATION_ORDER = "sort_objective, sort_action_line, indicator_id, sort_part, period"

# The status labels of the rows: ``$label_statuses`` zipped with ``$label_texts``, one pair per
# status the rows have (the assessment's statuses, or the actions').
_LABELS_SQL = """(
    SELECT
        unnest(CAST($label_statuses AS VARCHAR[])) AS status,
        unnest(CAST($label_texts AS VARCHAR[])) AS label
)"""

# Rows of the assessment export: the engine's rows (``{source}``: the stored table, or the frame
# computed at the vintage, registered as ``assessment_frame``) with the strategy's structure, the
# names in the chosen language and the status labels.
_ASSESSMENT_ROWS_SQL = """
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    $method_version AS method_version,
    a.objective_id,
    i.action_line_id,
    f.indicator_id,
    CASE WHEN $lang = 'en' THEN i.name_en ELSE i.name_nl END AS indicator_name,
    CASE WHEN $lang = 'en' THEN i.unit_en ELSE i.unit_nl END AS unit,
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
    CAST(f.method AS VARCHAR) AS method,
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
    CAST(f.method_used AS VARCHAR) AS method_used,
    {flags} AS flags,
    CAST(f.target_changed_at AS TIMESTAMP) AS target_changed_at,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM {source} AS f
JOIN indicators_at(CAST($vintage AS TIMESTAMP)) AS i ON i.indicator_id = f.indicator_id
JOIN action_lines AS a ON a.action_line_id = i.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = f.part_id
LEFT JOIN {labels} AS l ON l.status = CAST(f.status AS VARCHAR)
WHERE ($parts IS NULL OR list_contains($parts, f.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, i.action_line_id))
"""
_ASSESSMENT_ORDER = "sort_objective, sort_action_line, indicator_id, sort_part"

# The frames data.export registers for the actions and duiding exports (data.export_actions).
ACTION_SOURCE: Final = "action_frame"
NARRATIVE_SOURCE: Final = "narrative_frame"

# Rows of the actions export: the actions as known at the vintage (a registered frame) with the
# strategy's structure, the names in the chosen language and the status labels.
_ACTION_ROWS_SQL = f"""
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    a.objective_id,
    pr.action_line_id,
    f.priority_id,
    pr.letter,
    CASE WHEN $lang = 'en' THEN pr.summary_en ELSE pr.summary_nl END AS priority_text,
    f.part_id,
    CASE WHEN $lang = 'en' THEN p.name_en ELSE p.name_nl END AS part_name,
    CAST(f.status AS VARCHAR) AS status,
    CAST(l.label AS VARCHAR) AS status_label,
    CAST(f.expected_completion AS VARCHAR) AS expected_completion,
    CAST(f.responsible AS VARCHAR) AS responsible,
    CAST(f.narrative AS VARCHAR) AS narrative,
    CAST(f.reported_period AS VARCHAR) AS reported_period,
    CAST(f.recorded_at AS TIMESTAMP) AS recorded_at,
    CAST(f.stale AS BOOLEAN) AS stale,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM {ACTION_SOURCE} AS f
JOIN priorities AS pr ON pr.priority_id = f.priority_id
JOIN action_lines AS a ON a.action_line_id = pr.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = f.part_id
LEFT JOIN {_LABELS_SQL} AS l ON l.status = CAST(f.status AS VARCHAR)
WHERE ($parts IS NULL OR list_contains($parts, f.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, pr.action_line_id))
"""
_ACTION_ORDER = "sort_objective, sort_action_line, letter, priority_id, sort_part"

# Rows of the duiding export: the latest duiding per action line and part (a registered frame).
_NARRATIVE_ROWS_SQL = f"""
SELECT
    $quarter AS quarter,
    CAST($vintage AS TIMESTAMP) AS vintage,
    a.objective_id,
    f.action_line_id,
    CASE WHEN $lang = 'en' THEN a.name_en ELSE a.name_nl END AS action_line_name,
    f.part_id,
    CASE WHEN $lang = 'en' THEN p.name_en ELSE p.name_nl END AS part_name,
    CAST(f.period AS VARCHAR) AS period,
    CAST(f.text AS VARCHAR) AS text,
    CAST(f.recorded_at AS TIMESTAMP) AS recorded_at,
    ob.sort_order AS sort_objective,
    a.sort_order AS sort_action_line,
    p.sort_order AS sort_part
FROM {NARRATIVE_SOURCE} AS f
JOIN action_lines AS a ON a.action_line_id = f.action_line_id
JOIN objectives AS ob ON ob.objective_id = a.objective_id
JOIN kingdom_parts AS p ON p.part_id = f.part_id
WHERE ($parts IS NULL OR list_contains($parts, f.part_id))
  AND ($action_lines IS NULL OR list_contains($action_lines, f.action_line_id))
"""
_NARRATIVE_ORDER = "sort_objective, sort_action_line, sort_part"

# The raised flags by name, ";"-separated in FLAG_NAMES' order; NULL (an empty cell) when none.
# Each flag is a BOOLEAN column of the same name in the engine's rows; names are our constants.
_FLAGS_SQL = (
    "nullif(concat_ws(';', "
    + ", ".join(f"CASE WHEN f.{name} THEN '{name}' END" for name in FLAG_NAMES)
    + "), '')"
)

# Where the assessment rows come from: the stored table when it holds the quarter at the current
# vintage (no round trip through pandas: most of the cost on a large file), else the frame.
STORED_SOURCE: Final = "(SELECT * FROM current_assessment WHERE as_of = $quarter)"
FRAME_SOURCE: Final = "assessment_frame"
STORED_STATUSES_SQL: Final = (
    "SELECT DISTINCT status FROM current_assessment WHERE as_of = $quarter AND status IS NOT NULL"
)


def _csv_cell(column: str, kind: str, csv_dialect: CsvDialect) -> str:
    """The SQL that writes one typed column as CSV text. ``column`` is one of our constants."""
    if kind == _NUMBER:
        text = f"CAST({column} AS VARCHAR)"
        if csv_dialect.decimal_separator != ".":
            text = f"replace({text}, '.', '{csv_dialect.decimal_separator}')"
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
    return neutralise_sql(column)


def _parquet_cell(column: str, kind: str) -> str:
    """The SQL of one Parquet column: always a nullable (OPTIONAL) column.

    DuckDB marks a column REQUIRED when the statistics of the table it comes from say it holds no
    NULL, so without the CASE the file's schema would depend on where the rows were read (the
    stored table or a registered frame) and on rows outside the export (a later NULL note).
    """
    if kind == _NUMBER:
        return f"CASE WHEN isfinite({column}) THEN {column} END"
    return f"CASE WHEN {column} IS NULL THEN NULL ELSE {column} END"


def export_select(what: str, fmt: str, csv_dialect: CsvDialect, source: str = FRAME_SOURCE) -> str:
    """The SELECT of one file's cells in column order, sorted as the file is.

    ``what`` is ``assessment``, ``observations``, ``actions`` or ``narrative``, ``fmt`` ``csv``
    or ``parquet``; ``source`` is where the assessment rows come from (the actions and duiding
    rows come from the frames ``ACTION_SOURCE`` and ``NARRATIVE_SOURCE``). Parameters:
    ``$quarter``, ``$vintage``, ``$lang``, ``$parts``, ``$action_lines``; the assessment also
    ``$method_version``; the assessment and the actions ``$label_statuses`` and ``$label_texts``.
    """
    rows_sql, order = {
        "assessment": (
            _ASSESSMENT_ROWS_SQL.format(source=source, flags=_FLAGS_SQL, labels=_LABELS_SQL),
            _ASSESSMENT_ORDER,
        ),
        "observations": (_OBSERVATION_ROWS_SQL, _OBSERVATION_ORDER),
        "actions": (_ACTION_ROWS_SQL, _ACTION_ORDER),
        "narrative": (_NARRATIVE_ROWS_SQL, _NARRATIVE_ORDER),
    }[what]
    cells = []
    for position, (column, kind) in enumerate(_SPECS[what]):
        csv = fmt == "csv"
        cell = _csv_cell(column, kind, csv_dialect) if csv else _parquet_cell(column, kind)
        # The BOM goes into the first header name, so DuckDB writes it as the file's first bytes
        # in the same COPY (also when there are no rows): no second pass over a large file.
        name = f"\ufeff{column}" if position == 0 and csv and csv_dialect.bom else column
        cells.append(f'    {cell} AS "{name}"')
    cells_sql = ",\n".join(cells)
    return (
        f"WITH export_rows AS ({rows_sql})\nSELECT\n{cells_sql}\nFROM export_rows\nORDER BY {order}"
    )


def copy_options(fmt: str, csv_dialect: CsvDialect) -> str:
    """The options of ``COPY (...) TO $target`` for the file type (and CSV dialect)."""
    if fmt == "parquet":
        return "(FORMAT parquet, COMPRESSION zstd)"
    return f"(FORMAT csv, HEADER true, DELIMITER '{csv_dialect.delimiter}', QUOTE '\"', NULL '')"
