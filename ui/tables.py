"""The frames pages show: the assessment filtered to a Kingdom part and shaped for reading.

Pages pass in what they read from ``data.cache`` (the Kingdom hierarchy, the indicator catalogue,
the assessment) and get back small frames with translated, formatted text columns, ready for
``st.dataframe``. Pure pandas; no streamlit, no SQL. Imports ``metrics`` and ``ui`` helpers only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from metrics.constants import FLAG_NAMES, ROLLUP_SCORES, STATUSES
from metrics.periods import period_from_index, quarter_index
from ui.format import format_number, format_share, unit_label
from ui.i18n import t
from ui.palette import STATUS_SYMBOLS, status_text

__all__ = [
    "KINGDOM",
    "PRIORITY_SCOPE_ROOTS",
    "MatrixRow",
    "applicable_indicators",
    "catalogue_rows",
    "chart_inputs",
    "chart_table",
    "comparison_parts",
    "comparison_table",
    "counts_text",
    "distribution_rows",
    "distribution_text",
    "flags_text",
    "headline",
    "history_table",
    "indicator_rows",
    "matrix_rows",
    "name_column",
    "part_distribution_rows",
    "part_labels",
    "previous_quarter",
    "priorities_in_view",
    "series_rows",
    "shown_parts",
    "status_changes",
    "subtree",
    "trend_text",
]

KINGDOM = "KINGDOM"

# The part(s) of the hierarchy each priority scope covers.
PRIORITY_SCOPE_ROOTS: Mapping[str, tuple[str, ...]] = {
    "kingdom": (KINGDOM,),
    "eur_nl": ("EUR_NL",),
    "caribbean": ("CAR_C", "CAR_NL"),
    "caribbean_countries": ("CAR_C",),
    "caribbean_nl": ("CAR_NL",),
}


def name_column(lang: str) -> str:
    return f"name_{lang}"


# ---- the Kingdom hierarchy --------------------------------------------------------------------


def subtree(parts: pd.DataFrame, part_id: str) -> list[str]:
    """``part_id`` and every part and entity below it, in the hierarchy's order."""
    parents = dict(zip(parts["part_id"], parts["parent_id"], strict=True))
    found = {part_id}
    for candidate in parts["part_id"]:
        node = candidate
        while node is not None and pd.notna(node):
            if node == part_id:
                found.add(candidate)
                break
            node = parents.get(node)
    return [p for p in parts["part_id"] if p in found]


def ancestors(parts: pd.DataFrame, part_id: str) -> list[str]:
    """``part_id`` and every part above it, up to the Kingdom."""
    parents = dict(zip(parts["part_id"], parts["parent_id"], strict=True))
    chain = [part_id]
    while pd.notna(parents.get(chain[-1])) and parents.get(chain[-1]) is not None:
        chain.append(parents[chain[-1]])
    return chain


def shown_parts(parts: pd.DataFrame, part_id: str) -> list[str]:
    """The part and the parts or entities directly below it (a chart's or matrix's columns)."""
    below = parts.loc[parts["parent_id"] == part_id, "part_id"]
    return [part_id, *below]


def part_labels(parts: pd.DataFrame, part_ids: Sequence[str], lang: str) -> dict[str, str]:
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return {part_id: names[part_id] for part_id in part_ids}


# ---- texts for one series -------------------------------------------------------------------


def flags_text(row: Mapping[str, object], lang: str) -> str:
    """The flags raised on a series, translated and joined; empty when none."""
    raised = [t(f"flag.{name}", lang) for name in FLAG_NAMES if _true(row.get(name))]
    return ", ".join(raised)


def trend_text(row: Mapping[str, object], *, decimals: int, lang: str) -> str:
    """The trend lens in words: slope per year and whether the projection meets the target."""
    slope = row.get("slope_per_year")
    if not _present(slope):
        return t("trend.none", lang)
    text = t("trend.slope", lang, slope=format_number(slope, decimals + 1, lang))
    if _present(row.get("trend_class")) and not _present(row.get("target_value")):
        return f"{text} · {t('trend.class.' + str(row['trend_class']), lang)}"
    meets = row.get("projected_meets")
    if _present(meets):
        return f"{text} · {t('trend.meets' if _true(meets) else 'trend.misses', lang)}"
    return text


def distribution_text(statuses: Sequence[str]) -> str:
    """Counts per status with the status's symbol, best first: ``✔ 2 · ▲ 1 · ✖ 1``."""
    listed = list(statuses)
    return counts_text({status: listed.count(status) for status in STATUSES})


def counts_text(counts: Mapping[str, object]) -> str:
    """The same, from a roll-up row (one count column per status); zero counts left out."""
    return " · ".join(
        f"{STATUS_SYMBOLS[status]} {int(counts[status])}"
        for status in STATUSES
        if _present(counts.get(status)) and int(counts[status]) > 0
    )


def _present(value: object) -> bool:
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def _true(value: object) -> bool:
    return _present(value) and bool(value)


# ---- priorities -------------------------------------------------------------------------------


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
    every island) or covers something inside it (the Kingdom view shows every priority). Where no
    Dutch summary exists the English one is shown, marked "(EN)".
    """
    relevant = set(ancestors(parts, part_id)) | set(subtree(parts, part_id))
    rows = priorities.loc[priorities["action_line_id"] == action_line_id]
    keep = rows["scope"].map(lambda scope: bool(relevant & set(PRIORITY_SCOPE_ROOTS[scope])))
    rows = rows.loc[keep]

    def summary(row: pd.Series) -> str:
        own = row.get(f"summary_{lang}")
        if _present(own) and str(own).strip():
            return str(own)
        return f"{row['summary_en']} {t('priority.in_english', lang)}".strip()

    return pd.DataFrame(
        {
            t("priority.letter", lang): list(rows["letter"]),
            t("priority.scope", lang): [t(f"scope.{scope}", lang) for scope in rows["scope"]],
            t("priority.summary", lang): [summary(row) for _, row in rows.iterrows()],
        }
    )


# ---- indicators and series in a part ---------------------------------------------------------


def applicable_indicators(
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    action_line_id: str | None = None,
) -> pd.DataFrame:
    """Indicators reported somewhere inside ``part_id`` (the Kingdom also has Kingdom-wide ones)."""
    inside = set(subtree(parts, part_id))
    rows = catalogue
    if action_line_id is not None:
        rows = rows.loc[rows["action_line_id"] == action_line_id]
    keep = rows["scope"].fillna("").map(lambda scope: bool(inside & set(scope.split(";"))))
    return rows.loc[keep]


def _focus_series(
    records: Sequence[Mapping[str, object]], part_id: str
) -> tuple[Mapping[str, object] | None, list[Mapping[str, object]]]:
    """The series that stands for ``part_id`` (its own, else the only one inside it), and the
    non-derived series inside it; ``records`` are one indicator's series inside the part."""
    below = [r for r in records if not _true(r["is_derived"])]
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
        focus, below = _focus_series(series.get(indicator["indicator_id"], []), part_id)
        decimals = int(indicator["decimals"])
        record = {
            "indicator_id": indicator["indicator_id"],
            t("table.action_line", lang): indicator["action_line_id"],
            t("table.indicator", lang): indicator[name_column(lang)],
            t("table.status", lang): "–",
            t("table.latest", lang): "–",
            t("table.unit", lang): unit_label(indicator["unit"], lang),
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
                    t("table.latest", lang): _latest_text(focus, decimals, lang),
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


def _latest_text(row: Mapping[str, object], decimals: int, lang: str) -> str:
    if not _present(row.get("latest_value")):
        return "–"
    return f"{format_number(row['latest_value'], decimals, lang)} ({row['latest_period']})"


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
            t("table.latest", lang): [_latest_text(r, decimals, lang) for _, r in rows.iterrows()],
            t("table.derived", lang): [
                t("table.derived_yes" if _true(d) else "table.derived_no", lang)
                for d in rows["is_derived"]
            ],
            t("table.baseline", lang): [
                f"{value(r, 'baseline_value')} ({r['baseline_period']})"
                if _present(r.get("baseline_value"))
                else "–"
                for _, r in rows.iterrows()
            ],
            t("table.target", lang): [
                f"{value(r, 'target_value')} ({r['target_period']})"
                if _present(r.get("target_value"))
                else "–"
                for _, r in rows.iterrows()
            ],
            t("table.target_type", lang): [
                t(f"target_type.{tt}", lang) if _present(tt) else "–" for tt in rows["target_type"]
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


# ---- what changed ------------------------------------------------------------------------------


def status_changes(
    current: pd.DataFrame,
    previous: pd.DataFrame,
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    lang: str,
) -> pd.DataFrame:
    """Reported series inside ``part_id`` whose status differs from the previous quarter's, worst
    first. Derived part series are left out: their change is their entities' change."""
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
            t("table.previous_status", lang): [
                status_text(s, lang) for s in merged["status_previous"]
            ],
            t("table.status", lang): [status_text(s, lang) for s in merged["status"]],
            t("table.change", lang): [
                t("change.better" if c > 0 else "change.worse" if c < 0 else "change.other", lang)
                for c in merged["change"]
            ],
        }
    )


def previous_quarter(quarter: str, quarters: Sequence[str]) -> str | None:
    """The quarter before ``quarter`` when there is data for it, else None."""
    before = period_from_index(quarter_index(quarter) - 1)
    return before if before in quarters else None


# ---- roll-ups: headline, per objective, the matrix -------------------------------------------


def _scope_rollup(rollups: pd.DataFrame, part_id: str) -> pd.DataFrame:
    return rollups.loc[rollups["scope_part_id"] == part_id]


def headline(rollups: pd.DataFrame, part_id: str) -> dict[str, float]:
    """The whole part's roll-up (status counts, n_series, n_assessed, share_on_track) as a dict.

    ``rollups`` is keyed by scope_part_id and objective_id; summed here over objectives.
    """
    rows = _scope_rollup(rollups, part_id)
    totals = {name: int(rows[name].sum()) for name in (*STATUSES, "n_series", "n_assessed")}
    on_track = totals["achieved"] + totals["on_track"]
    totals["share_on_track"] = on_track / totals["n_assessed"] if totals["n_assessed"] else None
    return totals


def distribution_rows(
    rollups: pd.DataFrame, names: pd.DataFrame, *, key: str, part_id: str, lang: str
) -> pd.DataFrame:
    """Status counts per ``key`` (objective_id, action_line_id) inside ``part_id``, labelled,
    in the order of ``names`` (which has ``key`` and name columns); groups without series too."""
    rows = _scope_rollup(rollups, part_id)
    frame = names[[key, name_column(lang)]].merge(rows, on=key, how="left")
    for column in (*STATUSES, "n_series", "n_assessed"):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["label"] = frame[key] + " · " + frame[name_column(lang)]
    return frame[["label", key, *STATUSES, "n_series", "n_assessed", "share_on_track"]]


def distribution_table(rows: pd.DataFrame, *, key_label: str, lang: str) -> pd.DataFrame:
    """The table beside a distribution chart: one column per status, labelled with its symbol."""
    table = {key_label: list(rows["label"])}
    for status in STATUSES:
        table[status_text(status, lang)] = list(rows[status])
    table[t("table.n_series", lang)] = list(rows["n_series"])
    table[t("table.share_on_track", lang)] = [
        format_share(v if _present(v) else None, lang) for v in rows["share_on_track"]
    ]
    return pd.DataFrame(table)


@dataclass(frozen=True)
class MatrixCell:
    part_id: str
    text: str
    help: str
    n_series: int


@dataclass(frozen=True)
class MatrixRow:
    action_line_id: str
    label: str
    cells: tuple[MatrixCell, ...]


def matrix_rows(
    rollups: pd.DataFrame,
    action_lines: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_ids: Sequence[str],
    lang: str,
) -> list[MatrixRow]:
    """One row per action line, one cell per part: the roll-up as symbols and counts.

    ``rollups`` is keyed by scope_part_id and action_line_id. A cell's text is its distribution
    (``▲ 3 · ✖ 1``) and its share on track; its help spells the statuses out in words.
    """
    indexed = rollups.set_index(["scope_part_id", "action_line_id"])
    names = part_labels(parts, part_ids, lang)
    result = []
    for _, line in action_lines.iterrows():
        cells = []
        for part_id in part_ids:
            key = (part_id, line["action_line_id"])
            row = indexed.loc[key] if key in indexed.index else None
            n_series = int(row["n_series"]) if row is not None else 0
            if n_series == 0:
                text = t("overview.matrix_empty_cell", lang)
                help_text = t("empty.no_series", lang, part=names[part_id])
            else:
                share = row["share_on_track"]
                text = counts_text(row)
                if _present(share):
                    text += f" ({format_share(share, lang)})"
                help_text = "; ".join(
                    f"{t(f'status.{status}', lang)}: {int(row[status])}"
                    for status in STATUSES
                    if int(row[status]) > 0
                )
            cells.append(MatrixCell(part_id, text, help_text, n_series))
        label = f"{line['action_line_id']} · {line[name_column(lang)]}"
        result.append(MatrixRow(line["action_line_id"], label, tuple(cells)))
    return result


def matrix_table(rows: Sequence[MatrixRow], labels: Mapping[str, str], lang: str) -> pd.DataFrame:
    """The matrix as a plain table (for copying into a spreadsheet, and for screen readers)."""
    table: dict[str, list[str]] = {t("table.action_line", lang): [row.label for row in rows]}
    for position, part_id in enumerate(labels):
        table[labels[part_id]] = [row.cells[position].text for row in rows]
    return pd.DataFrame(table)


# ---- one indicator's chart ---------------------------------------------------------------------


def chart_inputs(
    values: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    indicator_id: str,
    part_id: str,
    lang: str,
) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """What ``ui.charts.indicator_figure`` needs for one indicator seen from ``part_id``: the part
    itself and the parts or entities directly below it, those with a value or a series only."""
    candidates = shown_parts(parts, part_id)
    own_values = values.loc[
        (values["indicator_id"] == indicator_id) & values["part_id"].isin(candidates)
    ]
    series = assessment.loc[
        (assessment["indicator_id"] == indicator_id) & assessment["part_id"].isin(candidates)
    ]
    present = set(own_values["part_id"]) | set(series["part_id"])
    labels = part_labels(parts, [p for p in candidates if p in present], lang)
    return own_values, series, labels


def chart_table(
    values: pd.DataFrame,
    series: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    decimals: int,
    lang: str,
) -> pd.DataFrame:
    """The chart's data as a table: every plotted value, the baselines, targets and projections."""
    records = []
    for part_id, label in labels.items():
        for _, row in values.loc[values["part_id"] == part_id].sort_values("period").iterrows():
            kind = "provisional" if row["flag"] in ("provisional", "estimated") else "actual"
            records.append((label, row["period"], row["value"], kind, row["flag"]))
        for _, row in series.loc[series["part_id"] == part_id].iterrows():
            if _present(row.get("baseline_value")):
                records.append(
                    (label, row["baseline_period"], row["baseline_value"], "path", "none")
                )
            if _present(row.get("target_value")):
                records.append((label, row["target_period"], row["target_value"], "target", "none"))
            if _present(row.get("projected_value")) and _present(row.get("target_period")):
                records.append(
                    (label, row["target_period"], row["projected_value"], "projection", "none")
                )
    return pd.DataFrame(
        {
            t("table.part", lang): [r[0] for r in records],
            t("table.period", lang): [r[1] for r in records],
            t("table.value", lang): [format_number(r[2], decimals, lang) for r in records],
            t("table.kind", lang): [t(f"chart.kind_{r[3]}", lang) for r in records],
            t("table.flag", lang): [t(f"obs_flag.{r[4]}", lang) for r in records],
        }
    )


# ---- comparison of parts, revision history ---------------------------------------------------


def comparison_parts(parts: pd.DataFrame, part_id: str) -> list[str]:
    """The parts compared side by side: the part's whole subtree; an entity with its siblings."""
    row = parts.loc[parts["part_id"] == part_id].iloc[0]
    anchor = row["parent_id"] if row["level"] == "entity" else part_id
    return subtree(parts, anchor)


def comparison_table(
    catalogue: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_ids: Sequence[str],
    lang: str,
) -> pd.DataFrame:
    """Indicators of one action line (rows) × parts (columns): status symbol and latest value."""
    indicators = catalogue.loc[catalogue["action_line_id"] == action_line_id]
    labels = part_labels(parts, part_ids, lang)
    indexed = assessment.set_index(["indicator_id", "part_id"])
    table: dict[str, list[str]] = {t("table.indicator", lang): list(indicators[name_column(lang)])}
    for part_id, label in labels.items():
        cells = []
        for _, indicator in indicators.iterrows():
            key = (indicator["indicator_id"], part_id)
            if key not in indexed.index:
                cells.append("")
                continue
            row = indexed.loc[key]
            value = format_number(row["latest_value"], int(indicator["decimals"]), lang)
            cells.append(f"{status_text(row['status'], lang)} · {value}")
        table[label] = cells
    return pd.DataFrame(table)


def history_table(
    history: pd.DataFrame, parts: pd.DataFrame, *, part_id: str, decimals: int, lang: str
) -> pd.DataFrame:
    """Every version of every value inside ``part_id``: when, which import, which file."""
    rows = history.loc[history["part_id"].isin(subtree(parts, part_id))]
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return pd.DataFrame(
        {
            t("table.part", lang): [names[p] for p in rows["part_id"]],
            t("table.period", lang): list(rows["period"]),
            t("table.value", lang): [format_number(v, decimals, lang) for v in rows["value"]],
            t("table.flag", lang): [t(f"obs_flag.{f}", lang) for f in rows["flag"]],
            t("table.note", lang): [n if _present(n) else "" for n in rows["note"]],
            t("table.recorded_at", lang): [
                r.strftime("%Y-%m-%d %H:%M") if _present(r) else "" for r in rows["recorded_at"]
            ],
            t("table.import", lang): [str(i) for i in rows["import_id"]],
            t("table.file", lang): [f if _present(f) else "" for f in rows["file_name"]],
            t("table.user", lang): [u if _present(u) else "" for u in rows["user_name"]],
        }
    )


def catalogue_rows(catalogue: pd.DataFrame, indicator_ids: Sequence[str]) -> list[dict]:
    """The catalogue entries of ``indicator_ids``, in that order, as dictionaries."""
    indexed = catalogue.set_index("indicator_id", drop=False)
    return [indexed.loc[i].to_dict() for i in indicator_ids if i in indexed.index]


def part_distribution_rows(
    rollups: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_ids: Sequence[str],
    lang: str,
) -> pd.DataFrame:
    """Status counts of one action line per part in ``part_ids`` (rollups keyed by scope_part_id
    and action_line_id), labelled with the parts' names; parts without series get zeros."""
    rows = rollups.loc[rollups["action_line_id"] == action_line_id]
    names = pd.DataFrame(
        {
            "scope_part_id": list(part_ids),
            "label": list(part_labels(parts, part_ids, lang).values()),
        }
    )
    frame = names.merge(rows, on="scope_part_id", how="left")
    for column in (*STATUSES, "n_series", "n_assessed"):
        frame[column] = frame[column].fillna(0).astype("int64")
    return frame[["label", "scope_part_id", *STATUSES, "n_series", "n_assessed", "share_on_track"]]
