"""The catalogue as pages show it: which indicators are in force, retired ones in words, the
Catalogue page's indicator table and one indicator's baselines and targets per part.

Pages pass in what they read from ``data.cache`` (``indicator_catalogue``: scope as a
``;``-separated list of part ids, ``retired_from`` a quarter or empty; the targets frame of
``catalogue_frames``) and get back frames with translated column names, ready for
``st.dataframe``. Which indicators apply to a part (the Catalogue page's filter) is
``ui.series_tables.applicable_indicators``.
Pure pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``retired_from(indicator)`` | the quarter an indicator is retired from, or None |
| ``retired_text(indicator, lang)`` | "Vervallen vanaf 2026Q1" / "Retired from 2026Q1", or "" |
| ``option_label(indicator, lang)`` | a picker's label: id · name, marked when retired |
| ``option_labels(catalogue, lang)`` | every indicator's ``option_label``, by id, in order |
| ``in_force(catalogue, quarter)`` | the indicators not retired as of ``quarter`` |
| ``retired_by(catalogue, quarter)`` | the indicators retired as of ``quarter`` |
| ``assessed_quarter(indicator, quarter)`` | ``quarter``, or the last one before its retirement |
| ``catalogue_table(catalogue, parts, *, lang)`` | one readable row per indicator |
| ``targets_table(targets, parts, *, indicator_id, decimals, lang)`` | its targets per part |
| ``editable_indicators(indicators)``, ``editable_targets(targets)`` | what an editor edits |
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from metrics.periods import quarter_index, shift_period
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import KINGDOM, name_column
from ui.texts import present

__all__ = [
    "assessed_quarter",
    "catalogue_table",
    "editable_indicators",
    "editable_targets",
    "in_force",
    "option_label",
    "option_labels",
    "retired_by",
    "retired_from",
    "retired_text",
    "targets_table",
]


def retired_from(indicator: Mapping[str, object]) -> str | None:
    """The quarter ``indicator`` is retired from (its ``retired_from``), or None."""
    return _quarter(indicator.get("retired_from"))


def _quarter(value: object) -> str | None:
    return str(value) if present(value) and str(value).strip() else None


def retired_text(indicator: Mapping[str, object], lang: str) -> str:
    quarter = retired_from(indicator)
    return t("retired.label", lang, quarter=quarter) if quarter else ""


def option_label(indicator: Mapping[str, object], lang: str) -> str:
    """``IND-0101 · name`` as pickers show it, with "(vervallen vanaf q)" when retired."""
    return _labelled(
        indicator["indicator_id"], indicator[name_column(lang)], retired_from(indicator), lang
    )


def option_labels(catalogue: pd.DataFrame, lang: str) -> dict[str, str]:
    """``option_label`` of every indicator of ``catalogue``, by id, in its order: column by
    column, as a picker over thousands of indicators needs it on every rerun."""
    return {
        indicator_id: _labelled(indicator_id, name, quarter, lang)
        for indicator_id, name, quarter in zip(
            catalogue["indicator_id"],
            catalogue[name_column(lang)],
            _retired_quarters(catalogue),
            strict=True,
        )
    }


def _labelled(indicator_id: object, name: object, quarter: str | None, lang: str) -> str:
    label = f"{indicator_id} · {name}"
    return f"{label} ({t('retired.option', lang, quarter=quarter)})" if quarter else label


def _retired_quarters(catalogue: pd.DataFrame) -> list[str | None]:
    """``retired_from`` of each row of ``catalogue``, in order (None when it has no column)."""
    if "retired_from" not in catalogue.columns:
        return [None] * len(catalogue)
    return [_quarter(value) for value in catalogue["retired_from"]]


def _retired_as_of(catalogue: pd.DataFrame, quarter: str) -> pd.Series:
    # The engine's rule (data.series_sql): retired as of q when retired_from <= q.
    as_of = quarter_index(quarter)
    return pd.Series(
        [bool(q) and quarter_index(q) <= as_of for q in _retired_quarters(catalogue)],
        index=catalogue.index,
        dtype=bool,
    )


def in_force(catalogue: pd.DataFrame, quarter: str) -> pd.DataFrame:
    """The indicators the assessment as of ``quarter`` covers: those not retired by then."""
    return catalogue.loc[~_retired_as_of(catalogue, quarter)]


def retired_by(catalogue: pd.DataFrame, quarter: str) -> pd.DataFrame:
    """The indicators retired as of ``quarter`` (``retired_from`` at or before it)."""
    return catalogue.loc[_retired_as_of(catalogue, quarter)]


def assessed_quarter(indicator: Mapping[str, object], quarter: str) -> str:
    """The quarter to show ``indicator``'s assessment as of: ``quarter``, or for an indicator
    retired by then the last quarter before its retirement (its history stays visible)."""
    retired = retired_from(indicator)
    if retired and quarter_index(retired) <= quarter_index(quarter):
        return shift_period(retired, -1)
    return quarter


def _scope_names(scope: object, names: Mapping[str, str]) -> str:
    if not present(scope) or not str(scope).strip():
        return "–"
    ids = [part_id for part_id in str(scope).split(";") if part_id]
    ordered = [part_id for part_id in names if part_id in ids]
    return ", ".join(names[part_id] for part_id in ordered)


def catalogue_table(catalogue: pd.DataFrame, parts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """One row per indicator: id, name, action line, unit, direction, target type, the parts and
    entities it is reported for, and since when it is retired."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    rows = catalogue.to_dict("records")
    return pd.DataFrame(
        {
            t("catalogue.col.indicator_id", lang): [r["indicator_id"] for r in rows],
            t("catalogue.col.name", lang): [r[name_column(lang)] for r in rows],
            t("catalogue.col.action_line", lang): [r["action_line_id"] for r in rows],
            t("catalogue.col.unit", lang): [str(r[f"unit_{lang}"]) for r in rows],
            t("catalogue.col.direction", lang): [
                t(f"direction.{r['direction']}", lang) for r in rows
            ],
            t("catalogue.col.target_type", lang): [
                t(f"target_type.{r['target_type']}", lang) for r in rows
            ],
            t("catalogue.col.scope", lang): [_scope_names(r["scope"], names) for r in rows],
            t("catalogue.col.retired", lang): [retired_from(r) or "" for r in rows],
        }
    )


def targets_table(
    targets: pd.DataFrame, parts: pd.DataFrame, *, indicator_id: str, decimals: int, lang: str
) -> pd.DataFrame:
    """``indicator_id``'s baselines and targets in force, one row per part in the hierarchy's
    order; the Kingdom row is marked as the default for every part without a row of its own."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    order = {part_id: index for index, part_id in enumerate(parts["part_id"])}
    rows = targets.loc[targets["indicator_id"] == indicator_id]
    rows = rows.sort_values("part_id", key=lambda column: column.map(order)).to_dict("records")

    def part(row: Mapping[str, object]) -> str:
        name = names.get(str(row["part_id"]), str(row["part_id"]))
        if row["part_id"] == KINGDOM:
            return f"{name} ({t('catalogue.kingdom_default', lang)})"
        return name

    def text(value: object) -> str:
        return str(value) if present(value) and str(value).strip() else ""

    return pd.DataFrame(
        {
            t("catalogue.target.part", lang): [part(r) for r in rows],
            t("catalogue.target.baseline_period", lang): [text(r["baseline_period"]) for r in rows],
            t("catalogue.target.baseline_value", lang): [
                format_number(r["baseline_value"], decimals, lang) for r in rows
            ],
            t("catalogue.target.target_period", lang): [text(r["target_period"]) for r in rows],
            t("catalogue.target.target_value", lang): [
                format_number(r["target_value"], decimals, lang) for r in rows
            ],
            t("catalogue.target.reason", lang): [text(r["reason"]) for r in rows],
        }
    )


_NUMBER_COLUMNS = frozenset({"valid_min", "valid_max", "baseline_value", "target_value"})


def _editable(frame: pd.DataFrame) -> pd.DataFrame:
    """Each column one type a table editor can edit, also when there are no rows: numbers as
    floats, ``decimals`` as whole numbers, everything else as text (empty: missing)."""
    types = {
        column: "Float64"
        if column in _NUMBER_COLUMNS
        else "Int64"
        if column == "decimals"
        else "string"
        for column in frame.columns
    }
    return frame.astype(types)


def editable_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators in the workbook's columns for a table editor: ``scope`` written as in the
    workbook (part ids joined by ``;``) so that it is edited as text."""
    scope = [
        ";".join(str(part) for part in value)
        if isinstance(value, list | tuple) or hasattr(value, "tolist")
        else ""
        for value in indicators["scope"]
    ]
    return _editable(indicators.assign(scope=scope))


def editable_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """The targets in the workbook's columns for a table editor, with ``reason`` empty: a reason
    says why a target changes now, so the stored one is not offered again."""
    return _editable(targets.assign(reason=None))
