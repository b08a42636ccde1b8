"""The rules a catalogue file must pass (issue 11), each refusal naming sheet, row and column.

Every cell is read into its typed value or a problem code first (``parse``); pandera then
collects the cell problems of both sheets (one check per column: no cell has a problem), and the
rules that need several cells, other rows or the database follow in plain Python. Every problem
is collected, not only the first; one mistake is reported once (a target of an unknown indicator
is not also out of scope).

Rules the issue left open, decided here:

* Ids are compared in upper case and codes (direction ...) in lower case, after trimming.
* Required: every indicator cell the schema needs (ids, both names, both units, the five codes,
  decimals, scope, source, owner); definitions, valid range, reference and ``retired_from`` may
  be empty. A target row needs both periods unless its four baseline/target cells are all empty
  (a removal, ``data.catalogue_changes``); its values may be empty.
* ``scope`` is entity ids or ``KINGDOM``, ``;``-separated (repeats ignored). A target row may be
  for ``KINGDOM`` (the default row), for a part in the scope, or for any part above one (a
  derived part series exists there); the indicator's scope is the file's when the file states
  the indicator, else the stored one.
* A baseline period may lie before 2023Q1; the target period must lie in 2023Q1–2035Q4.
* The valid range is that of a reported value: it bounds a target row's values, except on a
  part outside the scope of an indicator aggregated by ``sum`` (a derived total: three
  countries with a strategy (0/1 each) make a Kingdom target of 3).
* ``retired_from`` is checked against the stored observations only when the file sets or moves
  it (a retirement already in force is a recorded fact, and re-importing it changes nothing).
* A changed or removed target needs a reason that is not the stored version's reason (an
  exported file carries the old one, so leaving it would not say why this change was made).

| function | does |
|---|---|
| ``catalogue_context(con)`` | what a file is checked against, read once |
| ``check(tables, context)`` | every problem, and the rows in the comparable form |

Imports ``data.catalogue_read``, ``data.catalogue_changes``, ``data.intake_rules``
(``parse_number``) and ``data.sql``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import duckdb
import pandas as pd
import pandera.pandas as pa

from data import sql
from data.catalogue import catalogue_frames
from data.catalogue_changes import (
    TARGET_FIELDS,
    Record,
    indicator_record,
    same,
    stored_indicators,
    stored_targets,
    target_change,
    target_record,
)
from data.catalogue_columns import (
    ALLOWED_VALUES,
    KINGDOM_SCOPE,
    SCOPE_SEPARATOR,
    WORKBOOK_INDICATOR_COLUMNS,
    WORKBOOK_TARGET_COLUMNS,
)
from data.catalogue_read import INDICATORS, TARGETS, CatalogueTables
from data.intake_read import Problem, TextTable, shorten
from data.intake_rules import parse_number
from metrics.constants import DIRECTION_SIGNS
from metrics.errors import MetricError
from metrics.periods import parse_period

__all__ = [
    "EARLIEST_TARGET_PERIOD",
    "INDICATOR_ID_PATTERN",
    "LATEST_TARGET_PERIOD",
    "CatalogueContext",
    "Checked",
    "catalogue_context",
    "check",
]

EARLIEST_TARGET_PERIOD: Final = "2023Q1"
LATEST_TARGET_PERIOD: Final = "2035Q4"
INDICATOR_ID_PATTERN: Final = re.compile(r"IND-[0-9]{4}")
MAX_DECIMALS: Final = 6

_REQUIRED_INDICATOR_CELLS: Final = (
    "indicator_id",
    "action_line_id",
    "name_nl",
    "name_en",
    "unit_nl",
    "unit_en",
    *ALLOWED_VALUES,
    "decimals",
    "scope",
    "source",
    "owner",
)
# What a reach target should be instead, per direction, when it lies on the wrong side.
_HOLD_INSTEAD: Final = {"up": "maintain_min", "down": "maintain_max"}


@dataclass(frozen=True)
class CatalogueContext:
    """What a catalogue file is checked against, read from the database once per check."""

    action_lines: tuple[str, ...]
    parts: tuple[str, ...]  # every Kingdom part and entity, in the Kingdom's order
    entities: frozenset[str]
    above: dict[str, frozenset[str]]  # part -> itself and every part above it (part_tree)
    indicators: dict[str, Record]  # the catalogue in force
    targets: dict[tuple[str, str], Record]
    last_periods: dict[str, str]  # indicator -> the latest period with a stored observation

    @property
    def scope_parts(self) -> tuple[str, ...]:
        """What ``scope`` may name: the entities, and the Kingdom itself."""
        return (KINGDOM_SCOPE, *(part for part in self.parts if part in self.entities))


def catalogue_context(con: duckdb.DuckDBPyConnection) -> CatalogueContext:
    """The action lines, the parts, the catalogue in force and the observations' last periods."""
    parts = sql.rows(con, "SELECT part_id, level FROM kingdom_parts ORDER BY sort_order")
    above: dict[str, set[str]] = {}
    for part_id, ancestor_id in sql.rows(con, "SELECT part_id, ancestor_id FROM part_tree"):
        above.setdefault(part_id, set()).add(ancestor_id)
    indicators, targets = catalogue_frames(con)
    last = sql.rows(con, "SELECT indicator_id, max(period) FROM observations GROUP BY indicator_id")
    return CatalogueContext(
        action_lines=tuple(
            row[0] for row in sql.rows(con, "SELECT action_line_id FROM action_lines ORDER BY 1")
        ),
        parts=tuple(part_id for part_id, _ in parts),
        entities=frozenset(part_id for part_id, level in parts if level == "entity"),
        above={part: frozenset(ancestors) for part, ancestors in above.items()},
        indicators=stored_indicators(indicators),
        targets=stored_targets(targets),
        last_periods=dict(last),
    )


@dataclass(frozen=True)
class Checked:
    """The problems of a file, and its rows in the comparable form (``data.catalogue_changes``)
    in file order; the rows mean something only when there are no problems."""

    problems: tuple[Problem, ...]
    indicators: tuple[Record, ...]
    targets: tuple[Record, ...]


# --- cells ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One row of a sheet: spreadsheet row, the cells as text, typed values, problem codes."""

    row: int
    text: dict[str, str]
    value: dict[str, object]
    issue: dict[str, str]  # column -> problem code ("" none)
    params: dict[str, dict[str, str]]  # column -> what the code's message needs


def _period(text: str) -> tuple[str | None, str]:
    if not text.strip():
        return None, ""
    try:
        return parse_period(text), ""
    except MetricError:
        return None, "period_malformed"


def _optional_number(text: str) -> tuple[float | None, str]:
    number, issue = parse_number(text)
    return (None, "") if issue == "required_empty" else (number, issue or "")


def _indicator_cell(
    column: str, text: str, context: CatalogueContext
) -> tuple[object, str, dict[str, str]]:
    """A cell of the indicators sheet: its value, problem code and the message's parameters."""
    cleaned = text.strip()
    if not cleaned and column in _REQUIRED_INDICATOR_CELLS:
        return None, "required_empty", {}
    if column == "indicator_id":
        upper = cleaned.upper()
        return upper, "" if INDICATOR_ID_PATTERN.fullmatch(upper) else "indicator_id_malformed", {}
    if column == "action_line_id":
        upper = cleaned.upper()
        if upper in context.action_lines:
            return upper, "", {}
        return None, "unknown_action_line", {"allowed": ", ".join(context.action_lines)}
    if column in ALLOWED_VALUES:
        code = cleaned.lower()
        if code in ALLOWED_VALUES[column]:
            return code, "", {}
        return None, "unknown_value", {"allowed": ", ".join(ALLOWED_VALUES[column])}
    if column == "decimals":
        number, issue = parse_number(cleaned)
        if issue or number is None or not number.is_integer() or not 0 <= number <= MAX_DECIMALS:
            return None, "decimals_invalid", {"max": str(MAX_DECIMALS)}
        return int(number), "", {}
    if column in ("valid_min", "valid_max"):
        number, issue = _optional_number(cleaned)
        return number, issue, {}
    if column == "scope":
        named = [p.strip().upper() for p in cleaned.split(SCOPE_SEPARATOR) if p.strip()]
        allowed = context.scope_parts
        unknown = [part for part in dict.fromkeys(named) if part not in allowed]
        if not named:
            return None, "required_empty", {}
        if unknown:
            params = {"unknown": ", ".join(unknown), "allowed": ", ".join(allowed)}
            return None, "scope_unknown_part", params
        return tuple(part for part in allowed if part in named), "", {}
    if column == "retired_from":
        period, issue = _period(cleaned)
        return period, issue, {}
    return cleaned or None, "", {}


def _target_cell(
    column: str, text: str, removal: bool, known: set[str], context: CatalogueContext
) -> tuple[object, str, dict[str, str]]:
    """A cell of the targets sheet: its value, problem code and the message's parameters."""
    cleaned = text.strip()
    if column == "indicator_id":
        upper = cleaned.upper()
        if not upper:
            return None, "required_empty", {}
        return upper, "" if upper in known else "target_unknown_indicator", {}
    if column == "part_id":
        upper = cleaned.upper()
        if not upper:
            return None, "required_empty", {}
        if upper in context.parts:
            return upper, "", {}
        return None, "unknown_part", {"allowed": ", ".join(context.parts)}
    if column in ("baseline_period", "target_period"):
        if not cleaned:
            return None, "" if removal else "required_empty", {}
        period, issue = _period(cleaned)
        in_bounds = period is None or EARLIEST_TARGET_PERIOD <= period <= LATEST_TARGET_PERIOD
        if column == "target_period" and not in_bounds:
            bounds = {"earliest": EARLIEST_TARGET_PERIOD, "latest": LATEST_TARGET_PERIOD}
            return period, "target_period_out_of_bounds", bounds
        return period, issue, {}
    if column in ("baseline_value", "target_value"):
        number, issue = _optional_number(cleaned)
        return number, issue, {}
    return cleaned or None, "", {}


def _rows(table: TextTable, columns: Iterable[str]) -> list[dict[str, str]]:
    return [
        {
            "row": str(number),
            **{
                column: cells[table.columns[column]] if column in table.columns else ""
                for column in columns
            },
        }
        for number, cells in table.rows
    ]


def _indicator_rows(table: TextTable, context: CatalogueContext) -> list[_Row]:
    rows = []
    for text in _rows(table, WORKBOOK_INDICATOR_COLUMNS):
        number = int(text.pop("row"))
        parsed = {column: _indicator_cell(column, text[column], context) for column in text}
        rows.append(_row(number, text, parsed))
    return rows


def _target_rows(table: TextTable, known: set[str], context: CatalogueContext) -> list[_Row]:
    rows = []
    for text in _rows(table, WORKBOOK_TARGET_COLUMNS):
        number = int(text.pop("row"))
        removal = all(not text[column].strip() for column in TARGET_FIELDS)
        parsed = {
            column: _target_cell(column, text[column], removal, known, context) for column in text
        }
        rows.append(_row(number, text, parsed))
    return rows


def _row(number: int, text: dict[str, str], parsed: dict[str, tuple]) -> _Row:
    return _Row(
        number,
        text,
        {column: value for column, (value, _, _) in parsed.items()},
        {column: issue for column, (_, issue, _) in parsed.items()},
        {column: params for column, (_, _, params) in parsed.items()},
    )


def _cell_problems(sheet: str, table: TextTable, rows: list[_Row]) -> list[Problem]:
    """The problems of single cells: a pandera check per column that no cell has one."""
    columns = tuple(rows[0].issue) if rows else ()
    issues = pd.DataFrame(
        [row.issue for row in rows], index=[row.row for row in rows], columns=list(columns)
    )
    schema = pa.DataFrameSchema(
        {
            column: pa.Column(
                nullable=False,
                checks=pa.Check(lambda cells: cells == "", name=f"cell_has_no_problem:{column}"),
            )
            for column in columns
        }
    )
    try:
        schema.validate(issues, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    if failures["index"].isna().any():
        # A check itself failed (a bug, not a problem of the file): never let it pass as valid.
        raise RuntimeError(f"catalogue rules could not be applied:\n{failures.to_string()}")
    by_row = {row.row: row for row in rows}
    return [
        _problem(
            sheet,
            table,
            str(code),
            (str(column),),
            int(index),
            text=by_row[int(index)].text[str(column)],
            **by_row[int(index)].params[str(column)],
        )
        for column, code, index in zip(
            failures["column"], failures["failure_case"], failures["index"], strict=True
        )
    ]


def _problem(
    sheet: str,
    table: TextTable,
    code: str,
    columns: tuple[str, ...],
    row: int,
    *,
    text: str | None = None,
    **params: str,
) -> Problem:
    """A problem at ``row``, pointed at ``columns`` as the file heads and letters them."""
    present = [column for column in columns if column in table.columns]
    return Problem(
        code,
        sheet=sheet,
        row=row,
        column=", ".join(
            table.header_of(column) if column in table.columns else column for column in columns
        ),
        letter=", ".join(table.letter_of(column) for column in present) or None,
        value=None if text is None else shorten(text.strip()),
        params=tuple(params.items()),
    )


# --- rules across cells, rows and the database -------------------------------------------------


def _duplicates(rows: list[_Row], key: tuple[str, ...]) -> dict[int, list[int]]:
    """For every row whose key (all filled) another row repeats: the other rows."""
    groups: dict[tuple[object, ...], list[int]] = {}
    for row in rows:
        values = tuple(row.value[column] for column in key)
        if all(value is not None for value in values):
            groups.setdefault(values, []).append(row.row)
    return {
        number: [other for other in group if other != number]
        for group in groups.values()
        if len(group) > 1
        for number in group
    }


def _indicator_rules(
    table: TextTable, rows: list[_Row], context: CatalogueContext
) -> list[Problem]:
    problems = []
    for number, others in _duplicates(rows, ("indicator_id",)).items():
        row = next(r for r in rows if r.row == number)
        problems.append(
            _problem(
                INDICATORS,
                table,
                "duplicate_indicator",
                ("indicator_id",),
                number,
                text=row.text["indicator_id"],
                rows=", ".join(map(str, others)),
            )
        )
    for row in rows:
        low, high = row.value["valid_min"], row.value["valid_max"]
        if low is not None and high is not None and low >= high:
            problems.append(
                _problem(
                    INDICATORS,
                    table,
                    "range_empty",
                    ("valid_min", "valid_max"),
                    row.row,
                    min=f"{low:g}",
                    max=f"{high:g}",
                )
            )
        retired, indicator_id = row.value["retired_from"], row.value["indicator_id"]
        stored = context.indicators.get(str(indicator_id))
        last = context.last_periods.get(str(indicator_id))
        moved = stored is None or not same(stored["retired_from"], retired)
        if retired is not None and moved and last is not None and retired <= last:
            problems.append(
                _problem(
                    INDICATORS,
                    table,
                    "retired_too_early",
                    ("retired_from",),
                    row.row,
                    text=row.text["retired_from"],
                    last=last,
                )
            )
    return problems


@dataclass(frozen=True)
class _Settings:
    """What a target row is checked against: its indicator's, from the file or stored."""

    direction: object
    target_type: object
    aggregation: object
    valid_min: object
    valid_max: object
    scope: tuple[str, ...] | None  # None: not known well enough to judge a row by it


def _settings(rows: list[_Row], context: CatalogueContext) -> dict[str, _Settings]:
    """Per indicator: the file's settings where the file states it (its first row), else the
    stored ones; a cell with a problem counts as unknown, so nothing is judged by it."""
    settings = {
        indicator_id: _Settings(
            stored["direction"],
            stored["target_type"],
            stored["aggregation"],
            stored["valid_min"],
            stored["valid_max"],
            stored["scope"],
        )
        for indicator_id, stored in context.indicators.items()
    }
    seen: set[str] = set()
    for row in rows:
        indicator_id = row.value["indicator_id"]
        if indicator_id is None or row.issue["indicator_id"] or indicator_id in seen:
            continue
        seen.add(str(indicator_id))
        low, high = row.value["valid_min"], row.value["valid_max"]
        range_ok = not (row.issue["valid_min"] or row.issue["valid_max"]) and (
            low is None or high is None or low < high
        )
        settings[str(indicator_id)] = _Settings(
            row.value["direction"],
            row.value["target_type"],
            row.value["aggregation"],
            low if range_ok else None,
            high if range_ok else None,
            None if row.issue["scope"] else row.value["scope"],
        )
    return settings


def _allowed_parts(scope: tuple[str, ...], context: CatalogueContext) -> tuple[str, ...]:
    """Where a target row may be: the Kingdom default, the scope and every part above it."""
    allowed = {KINGDOM_SCOPE}
    for part in scope:
        allowed |= context.above.get(part, frozenset({part}))
    return tuple(part for part in context.parts if part in allowed)


def _target_rules(
    table: TextTable,
    rows: list[_Row],
    settings: dict[str, _Settings],
    context: CatalogueContext,
) -> list[Problem]:
    problems = []
    duplicates = _duplicates(rows, ("indicator_id", "part_id"))
    for row in rows:
        found = _target_row_rules(table, row, settings, context, duplicates.get(row.row))
        problems += found
    return problems


def _target_row_rules(
    table: TextTable,
    row: _Row,
    settings: dict[str, _Settings],
    context: CatalogueContext,
    duplicate_of: list[int] | None,
) -> list[Problem]:
    value, issue = row.value, row.issue

    def problem(code: str, columns: tuple[str, ...], text: str | None = None, **params: str):
        return _problem(TARGETS, table, code, columns, row.row, text=text, **params)

    indicator_id, part_id = value["indicator_id"], value["part_id"]
    if issue["indicator_id"] or issue["part_id"]:
        return []
    key = (str(indicator_id), str(part_id))
    if duplicate_of:
        return [
            problem(
                "duplicate_target",
                ("indicator_id", "part_id"),
                rows=", ".join(map(str, duplicate_of)),
                key=" · ".join(key),
            )
        ]
    found = []
    setting = settings[key[0]]
    record = target_record(value)
    # Removing a row is allowed wherever it is (the scope may just have been narrowed).
    if setting.scope is not None and not record["removal"]:
        allowed = _allowed_parts(setting.scope, context)
        if part_id not in allowed:
            found.append(
                problem(
                    "target_out_of_scope",
                    ("part_id",),
                    text=row.text["part_id"],
                    indicator=key[0],
                    parts=", ".join(allowed),
                )
            )
    if record["removal"]:
        stored = context.targets.get(key)
        if stored is None:
            found.append(problem("remove_nothing", ("part_id",), indicator=key[0], part=key[1]))
            return found
    elif not any(issue[column] for column in TARGET_FIELDS):
        found += _target_value_rules(row, setting, problem)
    if found or any(issue[column] for column in TARGET_FIELDS):
        return found
    change = target_change(record, context.targets.get(key))
    if change.kind in ("changed", "removed"):
        stored_reason = context.targets[key]["reason"]
        reason = record["reason"]
        if reason is None:
            found.append(problem("reason_missing", ("reason",)))
        elif same(reason, stored_reason):
            found.append(problem("reason_not_new", ("reason",), text=row.text["reason"]))
    return found


def _target_value_rules(row: _Row, setting: _Settings, problem) -> list[Problem]:
    """Periods in order, values in the valid range, a reach target on the better side."""
    value = row.value
    found = []
    baseline_period, target_period = value["baseline_period"], value["target_period"]
    if baseline_period >= target_period:
        found.append(
            problem(
                "baseline_not_before_target",
                ("baseline_period", "target_period"),
                baseline=str(baseline_period),
                target=str(target_period),
            )
        )
    low, high = setting.valid_min, setting.valid_max
    if setting.aggregation == "sum" and value["part_id"] not in (setting.scope or ()):
        low = high = None  # a sum over several entities: the range is each entity's
    for column in ("baseline_value", "target_value"):
        number = value[column]
        if number is None:
            continue
        if (low is not None and number < low) or (high is not None and number > high):
            found.append(
                problem(
                    "value_out_of_range",
                    (column,),
                    text=row.text[column],
                    min="–" if low is None else f"{low:g}",
                    max="–" if high is None else f"{high:g}",
                    indicator=str(value["indicator_id"]),
                )
            )
    baseline, target = value["baseline_value"], value["target_value"]
    sign = DIRECTION_SIGNS.get(str(setting.direction))
    if (
        setting.target_type == "reach"
        and sign is not None
        and baseline is not None
        and target is not None
        and not sign * (target - baseline) > 0
    ):
        found.append(
            problem(
                "reach_wrong_side",
                ("target_value",),
                text=row.text["target_value"],
                direction=str(setting.direction),
                baseline=f"{baseline:g}",
                target=f"{target:g}",
                instead=_HOLD_INSTEAD[str(setting.direction)],
            )
        )
    return found


# --- the whole file ---------------------------------------------------------------------------


def check(tables: CatalogueTables, context: CatalogueContext) -> Checked:
    """Every problem of the file's two sheets, sorted as a reader scans them, and its rows."""
    indicator_rows = _indicator_rows(tables.indicators, context)
    if not indicator_rows and not tables.targets.rows:
        return Checked((Problem("no_rows"),), (), ())
    named = {
        str(row.value["indicator_id"])
        for row in indicator_rows
        if row.value["indicator_id"] and not row.issue["indicator_id"]
    }
    target_rows = _target_rows(tables.targets, named | set(context.indicators), context)
    settings = _settings(indicator_rows, context)
    problems = [
        *_cell_problems(INDICATORS, tables.indicators, indicator_rows),
        *_indicator_rules(tables.indicators, indicator_rows, context),
        *_cell_problems(TARGETS, tables.targets, target_rows),
        *_target_rules(tables.targets, target_rows, settings, context),
    ]
    sheet_order = {INDICATORS: 0, TARGETS: 1}
    problems.sort(key=lambda p: (sheet_order[p.sheet or INDICATORS], *p.sort_key))
    return Checked(
        tuple(problems),
        tuple(indicator_record(row.value) for row in indicator_rows),
        tuple(target_record(row.value) for row in target_rows),
    )
