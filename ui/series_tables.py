"""The frames pages show about indicators and their series in a Kingdom part: an action line's
priorities, the indicator rows, every series of one indicator, what changed since an earlier
quarter (the previous one by default), one indicator's chart inputs and table, the parts side
by side, the revision history.

Pages pass in what they read from ``data.cache`` (the parts frame, the indicator catalogue, the
assessment) and get back small frames with translated column names, ready for ``st.dataframe``:
texts as text, values, progress, ratios and targets as ``Float64`` numbers (so a click on a
header sorts them as numbers), laid out by ``series_layout`` / ``history_layout`` /
``comparison_layout`` (``ui.table_layout``) to fit at 1366 px beside the sidebar. Which parts sit
inside a part is ``ui.kingdom`` (``metrics.hierarchy``). Pure pandas; no streamlit, no SQL.

Which columns a series table keeps (the rest is one click away on the Indicator page): the
indicator, the part, the status and what explains it (latest value with unit and quarter,
progress, pace ratio, trend, flags, the statuses below); a derived part's series is marked in
its part's name; the target type is the indicator's (in its facts) and the pace needed per year
goes with the trend.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from metrics.constants import ROLLUP_SCORES
from metrics.periods import period_from_index, quarter_index
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column, part_labels, shown_parts, subtree
from ui.palette import status_text
from ui.table_layout import Column, counts, numbers, shared_widths
from ui.texts import distribution_text, flags_text, is_true, present, trend_text

__all__ = [
    "INDICATOR_ROW_COLUMNS",
    "SERIES_ROW_COLUMNS",
    "action_lines_with_series",
    "applicable_indicators",
    "catalogue_rows",
    "chart_inputs",
    "chart_table",
    "comparison_layout",
    "comparison_table",
    "earlier_quarters",
    "first_applicable_indicator",
    "focus_series",
    "history_layout",
    "history_table",
    "indicator_rows",
    "previous_quarter",
    "priorities_in_view",
    "series_cells",
    "series_layout",
    "series_rows",
    "status_changes",
]

# Each column a series table may have: its width in pixels at 1366 px beside the sidebar, its
# kind and decimals (``ui.table_layout.Column``); a table's columns together stay within
# ``ui.table_format.MAIN_WIDTH``. Texts wrap; headers are short, with help.
_LAYOUT: dict[str, Column] = {
    "indicator": Column(155),
    "part": Column(95),
    "status": Column(115),
    "value": Column(60, "number"),
    "unit": Column(99),
    "quarter": Column(60),
    "progress": Column(68, "share"),
    "ratio": Column(48, "number", 2),
    "trend": Column(110),
    "flags": Column(90),
    "below": Column(90),
    "baseline": Column(65, "number"),
    "target": Column(65, "number"),
    "target_quarter": Column(60),
    "expected": Column(65, "number"),
}
# The columns of ``indicator_rows`` and ``series_rows`` (``tables.col.`` keys), in order.
INDICATOR_ROW_COLUMNS: tuple[str, ...] = (
    *("indicator", "status", "value", "unit", "quarter"),
    *("progress", "ratio", "trend", "flags", "below"),
)
SERIES_ROW_COLUMNS: tuple[str, ...] = (
    *("part", "status", "value", "quarter", "baseline"),
    *("target", "target_quarter", "expected", "trend", "flags"),
)
_COMPARISON_NAME_WIDTH = 180
# Columns whose header explains itself: no help.
_NO_HELP = ("status", "unit")
# Numeric columns of the series frames (``Float64``: a click on the header sorts by value).
_NUMERIC = ("value", "progress", "ratio", "baseline", "target", "expected")


def _label(name: str, lang: str) -> str:
    return t(f"tables.col.{name}", lang)


def series_layout(lang: str, decimals: int | None = None, **widths: int) -> dict[str, Column]:
    """Every series column by its label in ``lang``: width, kind and header help. ``decimals``:
    the values' decimals when the table is one indicator's (None: as each value has them);
    ``widths`` (column name -> pixels) overrides a width for one table."""
    layout = {}
    for name, column in _LAYOUT.items():
        help_text = None if name in _NO_HELP else t(f"tables.help.{name}", lang)
        places = (
            decimals if column.kind == "number" and column.decimals is None else column.decimals
        )
        layout[_label(name, lang)] = Column(
            widths.get(name, column.width), column.kind, places, help_text
        )
    return layout


def _numeric(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` with its numeric series columns as ``Float64`` (missing: NA)."""
    for name in _NUMERIC:
        label = _label(name, lang)
        if label in frame.columns:
            frame[label] = numbers(frame[label]).array
    return frame


def _rounded(value: object, decimals: int) -> float | None:
    return round(float(value), decimals) if present(value) else None


def series_cells(
    row: Mapping[str, object] | None, *, decimals: int, lang: str
) -> dict[str, object]:
    """What a series table shows of one assessed series (``row``; None: no series), by column
    name: status, latest value (a number, rounded to ``decimals``) and its quarter, progress (in
    percentage points), pace ratio, trend and flags."""
    if row is None:
        return {
            "status": "–",
            "value": None,
            "quarter": "",
            "progress": None,
            "ratio": None,
            "trend": "",
            "flags": "",
        }
    share = row.get("progress_share")
    return {
        "status": status_text(row["status"], lang),
        "value": _rounded(row.get("latest_value"), decimals),
        "quarter": str(row["latest_period"]) if present(row.get("latest_period")) else "",
        "progress": round(float(share) * 100) if present(share) else None,
        "ratio": _rounded(row.get("ratio"), 2),
        "trend": trend_text(row, decimals=decimals, lang=lang),
        "flags": flags_text(row, lang),
    }


def priorities_in_view(
    priorities: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_id: str,
    lang: str,
) -> pd.DataFrame:
    """The action line's lettered priorities that concern ``part_id`` (letter, scope, summary).

    A priority concerns a part when its scope covers the part (a Kingdom-wide priority covers
    every island) or something inside it (the Kingdom view shows every priority): one of the
    parts in its ``covers`` (``data.queries.priorities``) is the part or under it. Where no Dutch
    summary exists the English one is shown, marked "(EN)".
    """
    inside = set(subtree(parts, part_id))
    rows = priorities.loc[priorities["action_line_id"] == action_line_id]
    rows = rows.loc[[bool(inside.intersection(covers)) for covers in rows["covers"]]]

    def summary(row: pd.Series) -> str:
        own = row.get(f"summary_{lang}")
        if present(own) and str(own).strip():
            return str(own)
        return f"{row['summary_en']} {t('priority.in_english', lang)}".strip()

    return pd.DataFrame(
        {
            t("priority.letter", lang): list(rows["letter"]),
            t("priority.scope", lang): [t(f"scope.{scope}", lang) for scope in rows["scope"]],
            t("priority.summary", lang): [summary(row) for _, row in rows.iterrows()],
        }
    )


def applicable_indicators(
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    action_line_id: str | None = None,
) -> pd.DataFrame:
    """Indicators reported somewhere inside ``part_id`` (the Kingdom also has Kingdom-wide ones).

    These are exactly the indicators with a series inside the part: every series is a scope
    entity's own or derived at a part above one, so a series inside the part means a scope entity
    inside it.
    """
    inside = set(subtree(parts, part_id))
    rows = catalogue
    if action_line_id is not None:
        rows = rows.loc[rows["action_line_id"] == action_line_id]
    keep = rows["scope"].fillna("").map(lambda scope: bool(inside & set(scope.split(";"))))
    return rows.loc[keep]


def action_lines_with_series(
    catalogue: pd.DataFrame, parts: pd.DataFrame, *, part_id: str
) -> list[str]:
    """The action lines with an indicator that applies to ``part_id`` (a series inside it)."""
    indicators = applicable_indicators(catalogue, parts, part_id=part_id)
    return list(dict.fromkeys(indicators["action_line_id"]))


def first_applicable_indicator(
    catalogue: pd.DataFrame, parts: pd.DataFrame, *, part_id: str
) -> str:
    """The indicator a view of ``part_id`` opens on: the first that applies to it, in catalogue
    order (the first of the catalogue when none does)."""
    indicators = applicable_indicators(catalogue, parts, part_id=part_id)
    chosen = indicators if len(indicators) else catalogue
    return str(chosen["indicator_id"].iloc[0])


def focus_series(
    records: Sequence[Mapping[str, object]], part_id: str
) -> tuple[Mapping[str, object] | None, list[Mapping[str, object]]]:
    """The series that stands for ``part_id`` (its own, else the only one inside it), and the
    non-derived series inside it; ``records`` are one indicator's series inside the part."""
    below = [r for r in records if not is_true(r["is_derived"])]
    own = [r for r in records if r["part_id"] == part_id]
    if own:
        return own[0], below
    if len(below) == 1:
        return below[0], below
    return None, below


def indicator_rows(
    catalogue: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    lang: str,
    action_line_id: str | None = None,
) -> pd.DataFrame:
    """One row per indicator that applies to ``part_id``: status at the part, latest value (a
    number) with its unit and quarter, progress (percentage points), pace ratio, trend, flags,
    and the spread of statuses of the series below it. Without ``action_line_id`` the
    indicator's name starts with its action line. Numbers are ``Float64``; the columns are
    labelled for ``series_layout``; ``indicator_id`` is kept for the caller."""
    inside = subtree(parts, part_id)
    indicators = applicable_indicators(
        catalogue, parts, part_id=part_id, action_line_id=action_line_id
    )
    # Plain records, grouped once: a page shows a few dozen rows, and pandas per row is slow.
    series: dict[str, list[dict]] = {}
    relevant = assessment.loc[
        assessment["indicator_id"].isin(indicators["indicator_id"])
        & assessment["part_id"].isin(inside)
    ]
    for record in relevant.to_dict("records"):
        series.setdefault(record["indicator_id"], []).append(record)
    records = []
    for indicator in indicators.to_dict("records"):
        focus, below = focus_series(series.get(indicator["indicator_id"], []), part_id)
        cells = series_cells(focus, decimals=int(indicator["decimals"]), lang=lang)
        if focus is None and not below:
            cells["status"] = status_text("insufficient_data", lang)
        name = indicator[name_column(lang)]
        if action_line_id is None:
            name = f"{indicator['action_line_id']} · {name}"
        records.append(
            {
                "indicator_id": indicator["indicator_id"],
                "indicator": name,
                **cells,
                "unit": str(indicator[f"unit_{lang}"]),
                "below": distribution_text([r["status"] for r in below]) if len(below) > 1 else "",
            }
        )
    names = INDICATOR_ROW_COLUMNS
    frame = pd.DataFrame.from_records(records, columns=["indicator_id", *names])
    return _numeric(frame.rename(columns={n: _label(n, lang) for n in names}), lang)


def series_rows(
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    indicator_id: str,
    part_id: str,
    decimals: int,
    lang: str,
) -> pd.DataFrame:
    """Every series of one indicator inside ``part_id``: the part (a derived series marked so),
    status, latest value and its quarter, baseline, target and its quarter, the value expected
    now, the trend with the pace needed, flags. Values are ``Float64`` numbers; the target type
    is the indicator's (shown above the table) and a reversed one is a flag."""
    inside = subtree(parts, part_id)
    rows = assessment.loc[
        (assessment["indicator_id"] == indicator_id) & assessment["part_id"].isin(inside)
    ].copy()
    order = {p: i for i, p in enumerate(parts["part_id"])}
    rows = rows.sort_values("part_id", key=lambda column: column.map(order))
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    records = []
    for row in rows.to_dict("records"):
        cells = series_cells(row, decimals=decimals, lang=lang)
        part = names[row["part_id"]]
        pace = row.get("required_pace_per_year")
        trend = cells["trend"]
        if present(pace) and present(row.get("slope_per_year")):
            needed = format_number(pace, decimals + 1, lang)
            trend = t("tables.text.trend_needed", lang, trend=trend, needed=needed)
        records.append(
            {
                "part": t("tables.text.derived", lang, part=part)
                if is_true(row["is_derived"])
                else part,
                "status": cells["status"],
                "value": cells["value"],
                "quarter": cells["quarter"],
                "baseline": _rounded(row.get("baseline_value"), decimals),
                "target": _rounded(row.get("target_value"), decimals),
                "target_quarter": str(row["target_period"])
                if present(row.get("target_period"))
                else "",
                "expected": _rounded(row.get("expected_value"), decimals),
                "trend": trend,
                "flags": cells["flags"],
            }
        )
    columns = SERIES_ROW_COLUMNS
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    return _numeric(frame.rename(columns={n: _label(n, lang) for n in columns}), lang)


def status_changes(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    lang: str,
    previous_label: str | None = None,
) -> pd.DataFrame:
    """Reported series inside ``part_id`` whose status differs from the one in ``previous`` (an
    earlier quarter's assessment), worst first. Derived part series are left out: their change
    is their entities' change. ``previous_label`` heads the earlier status (default: the
    previous quarter)."""
    inside = subtree(parts, part_id)
    keys = ["indicator_id", "part_id"]

    def reported(frame: pd.DataFrame) -> pd.DataFrame:
        keep = frame["part_id"].isin(inside) & ~frame["is_derived"].astype(bool)
        return frame.loc[keep, [*keys, "status"]]

    now, before = reported(current), reported(previous)
    merged = now.merge(before, on=keys, how="left", suffixes=("", "_previous"))
    merged["status_previous"] = merged["status_previous"].fillna("insufficient_data")
    merged = merged.loc[merged["status"] != merged["status_previous"]].copy()
    merged["change"] = [
        ROLLUP_SCORES.get(now_status, 0) - ROLLUP_SCORES.get(before_status, 0)
        for now_status, before_status in zip(
            merged["status"], merged["status_previous"], strict=True
        )
    ]
    merged = merged.sort_values(["change", "indicator_id", "part_id"])
    names = dict(zip(catalogue["indicator_id"], catalogue[name_column(lang)], strict=True))
    part_names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return pd.DataFrame(
        {
            t("table.indicator", lang): [names.get(i, i) for i in merged["indicator_id"]],
            t("table.part", lang): [part_names[p] for p in merged["part_id"]],
            previous_label or t("table.previous_status", lang): [
                status_text(s, lang) for s in merged["status_previous"]
            ],
            t("table.status", lang): [status_text(s, lang) for s in merged["status"]],
            t("table.change", lang): [
                t("change.better" if c > 0 else "change.worse" if c < 0 else "change.other", lang)
                for c in merged["change"]
            ],
        }
    )


def earlier_quarters(quarter: str, quarters: Sequence[str]) -> list[str]:
    """The quarters of ``quarters`` (those with data) before ``quarter``, newest first: what it
    may be compared with."""
    return sorted((q for q in quarters if quarter_index(q) < quarter_index(quarter)), reverse=True)


def previous_quarter(quarter: str, quarters: Sequence[str]) -> str | None:
    """The quarter ``quarter`` is compared with by default: the one before when there is data
    for it, else the latest earlier one with data; None when there is none."""
    earlier = earlier_quarters(quarter, quarters)
    before = period_from_index(quarter_index(quarter) - 1)
    return before if before in earlier else next(iter(earlier), None)


def chart_inputs(
    values: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    indicator_id: str,
    part_id: str,
    lang: str,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """What ``ui.charts.indicator_figure`` needs for one indicator seen from ``part_id``.

    Drawn: the part itself and each part or entity directly below it, those with a value or a
    series only; a part below without values of its own gives way to the parts inside it that
    have values (an indicator only the Netherlands reports, not derived for European
    Netherlands, is drawn for the Netherlands in the Kingdom's view). ``values`` are those up
    to the quarter, so the labels are empty exactly when nothing inside ``part_id`` has a value
    up to the quarter.
    """
    indicator_values = values.loc[values["indicator_id"] == indicator_id]
    indicator_series = assessment.loc[assessment["indicator_id"] == indicator_id]
    with_values = set(indicator_values["part_id"])
    if not with_values & set(subtree(parts, part_id)):
        return indicator_values.iloc[0:0], indicator_series.iloc[0:0], {}
    with_series = set(indicator_series["part_id"])
    own, *below = shown_parts(parts, part_id)
    drawn = [own] if own in with_values | with_series else []
    for child in below:
        inside = [p for p in subtree(parts, child)[1:] if p in with_values]
        if child not in with_values and inside:
            drawn.extend(inside)
        elif child in with_values | with_series:
            drawn.append(child)
    return (
        indicator_values.loc[indicator_values["part_id"].isin(drawn)],
        indicator_series.loc[indicator_series["part_id"].isin(drawn)],
        part_labels(parts, drawn, lang),
    )


def chart_table(
    values: pd.DataFrame,
    series: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    decimals: int,
    lang: str,
    target_changes: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The chart's data as a table: every plotted value, the baselines, targets and projections,
    and the quarters marked "target changed" (``target_changes``: quarter -> part names)."""
    records = []
    for part_id, label in labels.items():
        part_values = values.loc[values["part_id"] == part_id].sort_values("period")
        for period, value, flag in zip(
            part_values["period"], part_values["value"], part_values["flag"], strict=True
        ):
            kind = "provisional" if flag in ("provisional", "estimated") else "actual"
            records.append((label, period, value, kind, flag))
        for row in series.loc[series["part_id"] == part_id].to_dict("records"):
            if present(row.get("baseline_value")):
                records.append(
                    (label, row["baseline_period"], row["baseline_value"], "path", "none")
                )
            if present(row.get("target_value")):
                records.append((label, row["target_period"], row["target_value"], "target", "none"))
            if present(row.get("projected_value")) and present(row.get("target_period")):
                records.append(
                    (label, row["target_period"], row["projected_value"], "projection", "none")
                )
    for quarter, changed_parts in (target_changes or {}).items():
        records.append((changed_parts, quarter, None, "target_changed", "none"))
    return pd.DataFrame(
        {
            t("table.part", lang): [r[0] for r in records],
            t("table.period", lang): [r[1] for r in records],
            # A number, so that a click on the header sorts by it (``chart_table_layout``).
            t("table.value", lang): numbers([r[2] for r in records], decimals).array,
            t("table.kind", lang): [t(f"chart.kind_{r[3]}", lang) for r in records],
            t("table.flag", lang): [t(f"obs_flag.{r[4]}", lang) for r in records],
        }
    )


def chart_table_layout(lang: str, decimals: int) -> dict[str, Column]:
    """``chart_table``'s columns laid out to fit at 1366 px, its values numbers with the
    indicator's ``decimals``."""
    return {
        t("table.part", lang): Column(250),
        t("table.period", lang): Column(110),
        t("table.value", lang): Column(140, "number", decimals),
        t("table.kind", lang): Column(210),
        t("table.flag", lang): Column(190),
    }


def comparison_table(
    catalogue: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_ids: Sequence[str],
    lang: str,
) -> pd.DataFrame:
    """Indicators of one action line (rows) × parts (columns): status symbol and latest value.

    Only indicators with a series in one of ``part_ids``; a part without that series shows "–".
    """
    # One pass over the action line's rows of the assessment into a lookup, then one over the
    # indicators per part: no label lookup per cell (thousands of indicators at M).
    in_line = catalogue.loc[catalogue["action_line_id"] == action_line_id, "indicator_id"]
    shown = assessment.loc[
        assessment["part_id"].isin(part_ids) & assessment["indicator_id"].isin(in_line)
    ]
    cells_of = dict(
        zip(
            zip(shown["indicator_id"], shown["part_id"], strict=True),
            zip(shown["status"], shown["latest_value"], strict=True),
            strict=True,
        )
    )
    indicators = catalogue.loc[
        (catalogue["action_line_id"] == action_line_id)
        & catalogue["indicator_id"].isin(set(shown["indicator_id"]))
    ]
    ids, decimals = list(indicators["indicator_id"]), [int(d) for d in indicators["decimals"]]
    labels = part_labels(parts, part_ids, lang)
    table: dict[str, list[str]] = {t("table.indicator", lang): list(indicators[name_column(lang)])}
    for part_id, label in labels.items():
        cells = []
        for indicator_id, places in zip(ids, decimals, strict=True):
            cell = cells_of.get((indicator_id, part_id))
            if cell is None:
                cells.append("–")
                continue
            status, latest = cell
            cells.append(f"{status_text(status, lang)} · {format_number(latest, places, lang)}")
        table[label] = cells
    return pd.DataFrame(table)


def comparison_layout(table: pd.DataFrame) -> dict[str, Column]:
    """``comparison_table``'s widths: the indicator's name, then the parts sharing the rest of
    the width equally (their cells wrap), so that every part is in view at 1366 px."""
    return shared_widths(list(table.columns), _COMPARISON_NAME_WIDTH)


def history_table(
    history: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    decimals: int,
    lang: str,
    with_users: bool = True,
) -> pd.DataFrame:
    """Every version of every value inside ``part_id`` (the value a ``Float64`` number): when,
    which import, which file, and (``with_users``: not for a reader nobody signed in) who."""
    rows = history.loc[history["part_id"].isin(subtree(parts, part_id))]
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    table = pd.DataFrame(
        {
            t("table.part", lang): [names[p] for p in rows["part_id"]],
            t("table.period", lang): list(rows["period"]),
            t("table.value", lang): numbers(rows["value"], decimals).array,
            t("table.flag", lang): [t(f"obs_flag.{f}", lang) for f in rows["flag"]],
            t("table.note", lang): [n if present(n) else "" for n in rows["note"]],
            t("table.recorded_at", lang): [
                r.strftime("%Y-%m-%d %H:%M") if present(r) else "" for r in rows["recorded_at"]
            ],
            t("table.import", lang): counts(rows["import_id"]).array,
            t("table.file", lang): [f if present(f) else "" for f in rows["file_name"]],
            t("table.user", lang): [u if present(u) else "" for u in rows["user_name"]],
        }
    )
    return table if with_users else table.drop(columns=[t("table.user", lang)])


def history_layout(lang: str, decimals: int) -> dict[str, Column]:
    """The widths and kinds of ``history_table``'s columns: they fit at 1366 px."""
    layout = {
        "part": Column(150),
        "period": Column(65),
        "value": Column(70, "number", decimals),
        "flag": Column(85),
        "note": Column(130),
        "recorded_at": Column(90),
        "import": Column(55, "count"),
        "file": Column(150),
        "user": Column(100),
    }
    return {t(f"table.{name}", lang): column for name, column in layout.items()}


def catalogue_rows(catalogue: pd.DataFrame, indicator_ids: Sequence[str]) -> list[dict]:
    """The catalogue entries of ``indicator_ids``, in that order, as dictionaries."""
    indexed = catalogue.set_index("indicator_id", drop=False)
    return [indexed.loc[i].to_dict() for i in indicator_ids if i in indexed.index]
