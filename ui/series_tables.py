"""The frames pages show about indicators and their series in a Kingdom part: an action line's
priorities, the indicator rows, every series of one indicator, what changed since an earlier
quarter (the previous one by default), one indicator's chart inputs and table, the parts side
by side, the revision history.

Pages pass in what they read from ``data.cache`` (the parts frame, the indicator catalogue, the
assessment) and get back small frames with translated, formatted text columns, ready for
``st.dataframe``. Which parts sit inside a part is ``ui.kingdom`` (``metrics.hierarchy``).
Pure pandas; no streamlit, no SQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from metrics.constants import ROLLUP_SCORES
from metrics.periods import period_from_index, quarter_index
from ui.format import format_number, format_share
from ui.i18n import t
from ui.kingdom import name_column, part_labels, shown_parts, subtree
from ui.palette import status_text
from ui.texts import distribution_text, flags_text, is_true, latest_text, present, trend_text

__all__ = [
    "action_lines_with_series",
    "applicable_indicators",
    "catalogue_rows",
    "chart_inputs",
    "chart_table",
    "comparison_table",
    "earlier_quarters",
    "first_applicable_indicator",
    "focus_series",
    "history_table",
    "indicator_rows",
    "previous_quarter",
    "priorities_in_view",
    "series_rows",
    "status_changes",
]


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
    """One row per indicator that applies to ``part_id``: status at the part, latest value,
    progress share, ratio, trend, flags, and the spread of statuses of the series below it."""
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
        decimals = int(indicator["decimals"])
        record = {
            "indicator_id": indicator["indicator_id"],
            t("table.action_line", lang): indicator["action_line_id"],
            t("table.indicator", lang): indicator[name_column(lang)],
            t("table.status", lang): "–",
            t("table.latest", lang): "–",
            t("table.unit", lang): str(indicator[f"unit_{lang}"]),
            t("table.progress", lang): "–",
            t("table.ratio", lang): "–",
            t("table.trend", lang): "–",
            t("table.flags", lang): "",
            t("table.series_below", lang): distribution_text([r["status"] for r in below])
            if len(below) > 1
            else "",
        }
        if focus is not None:
            record.update(
                {
                    t("table.status", lang): status_text(focus["status"], lang),
                    t("table.latest", lang): latest_text(focus, decimals, lang),
                    t("table.progress", lang): format_share(focus.get("progress_share"), lang),
                    t("table.ratio", lang): format_number(focus.get("ratio"), 2, lang),
                    t("table.trend", lang): trend_text(focus, decimals=decimals, lang=lang),
                    t("table.flags", lang): flags_text(focus, lang),
                }
            )
        elif len(below) == 0:
            record[t("table.status", lang)] = status_text("insufficient_data", lang)
        records.append(record)
    columns = [
        "indicator_id",
        *(
            t(f"table.{name}", lang)
            for name in (
                *(("action_line",) if action_line_id is None else ()),
                "indicator",
                "status",
                "latest",
                "unit",
                "progress",
                "ratio",
                "trend",
                "flags",
                "series_below",
            )
        ),
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def series_rows(
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    indicator_id: str,
    part_id: str,
    decimals: int,
    lang: str,
) -> pd.DataFrame:
    """Every series of one indicator inside ``part_id``: baseline, target, latest, status, flags."""
    inside = subtree(parts, part_id)
    rows = assessment.loc[
        (assessment["indicator_id"] == indicator_id) & assessment["part_id"].isin(inside)
    ].copy()
    order = {p: i for i, p in enumerate(parts["part_id"])}
    rows = rows.sort_values("part_id", key=lambda column: column.map(order))
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))

    def value(row: pd.Series, column: str) -> str:
        return format_number(row.get(column), decimals, lang)

    return pd.DataFrame(
        {
            t("table.part", lang): [names[p] for p in rows["part_id"]],
            t("table.status", lang): [status_text(s, lang) for s in rows["status"]],
            t("table.latest", lang): [latest_text(r, decimals, lang) for _, r in rows.iterrows()],
            t("table.derived", lang): [
                t("table.derived_yes" if is_true(d) else "table.derived_no", lang)
                for d in rows["is_derived"]
            ],
            t("table.baseline", lang): [
                f"{value(r, 'baseline_value')} ({r['baseline_period']})"
                if present(r.get("baseline_value"))
                else "–"
                for _, r in rows.iterrows()
            ],
            t("table.target", lang): [
                f"{value(r, 'target_value')} ({r['target_period']})"
                if present(r.get("target_value"))
                else "–"
                for _, r in rows.iterrows()
            ],
            t("table.target_type", lang): [
                t(f"target_type.{tt}", lang) if present(tt) else "–" for tt in rows["target_type"]
            ],
            t("table.expected", lang): [value(r, "expected_value") for _, r in rows.iterrows()],
            t("table.required_pace", lang): [
                format_number(r.get("required_pace_per_year"), decimals + 1, lang)
                for _, r in rows.iterrows()
            ],
            t("table.trend", lang): [
                trend_text(r, decimals=decimals, lang=lang) for _, r in rows.iterrows()
            ],
            t("table.flags", lang): [flags_text(r, lang) for _, r in rows.iterrows()],
        }
    )


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
        for _, row in values.loc[values["part_id"] == part_id].sort_values("period").iterrows():
            kind = "provisional" if row["flag"] in ("provisional", "estimated") else "actual"
            records.append((label, row["period"], row["value"], kind, row["flag"]))
        for _, row in series.loc[series["part_id"] == part_id].iterrows():
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
            t("table.value", lang): [
                format_number(r[2], decimals, lang) if r[2] is not None else "" for r in records
            ],
            t("table.kind", lang): [t(f"chart.kind_{r[3]}", lang) for r in records],
            t("table.flag", lang): [t(f"obs_flag.{r[4]}", lang) for r in records],
        }
    )


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
    indexed = assessment.loc[assessment["part_id"].isin(part_ids)].set_index(
        ["indicator_id", "part_id"]
    )
    with_series = set(indexed.index.get_level_values("indicator_id"))
    indicators = catalogue.loc[
        (catalogue["action_line_id"] == action_line_id)
        & catalogue["indicator_id"].isin(with_series)
    ]
    labels = part_labels(parts, part_ids, lang)
    table: dict[str, list[str]] = {t("table.indicator", lang): list(indicators[name_column(lang)])}
    for part_id, label in labels.items():
        cells = []
        for _, indicator in indicators.iterrows():
            key = (indicator["indicator_id"], part_id)
            if key not in indexed.index:
                cells.append("–")
                continue
            row = indexed.loc[key]
            value = format_number(row["latest_value"], int(indicator["decimals"]), lang)
            cells.append(f"{status_text(row['status'], lang)} · {value}")
        table[label] = cells
    return pd.DataFrame(table)


def history_table(
    history: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    decimals: int,
    lang: str,
    with_users: bool = True,
) -> pd.DataFrame:
    """Every version of every value inside ``part_id``: when, which import, which file, and
    (``with_users``: not for a reader nobody signed in) who."""
    rows = history.loc[history["part_id"].isin(subtree(parts, part_id))]
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    table = pd.DataFrame(
        {
            t("table.part", lang): [names[p] for p in rows["part_id"]],
            t("table.period", lang): list(rows["period"]),
            t("table.value", lang): [format_number(v, decimals, lang) for v in rows["value"]],
            t("table.flag", lang): [t(f"obs_flag.{f}", lang) for f in rows["flag"]],
            t("table.note", lang): [n if present(n) else "" for n in rows["note"]],
            t("table.recorded_at", lang): [
                r.strftime("%Y-%m-%d %H:%M") if present(r) else "" for r in rows["recorded_at"]
            ],
            t("table.import", lang): [str(i) for i in rows["import_id"]],
            t("table.file", lang): [f if present(f) else "" for f in rows["file_name"]],
            t("table.user", lang): [u if present(u) else "" for u in rows["user_name"]],
        }
    )
    return table if with_users else table.drop(columns=[t("table.user", lang)])


def catalogue_rows(catalogue: pd.DataFrame, indicator_ids: Sequence[str]) -> list[dict]:
    """The catalogue entries of ``indicator_ids``, in that order, as dictionaries."""
    indexed = catalogue.set_index("indicator_id", drop=False)
    return [indexed.loc[i].to_dict() for i in indicator_ids if i in indexed.index]
