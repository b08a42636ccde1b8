"""The frames pages show: the assessment filtered to a Kingdom part and shaped for reading.

Pages pass in what they read from ``data.cache`` (the Kingdom hierarchy, the indicator catalogue,
the assessment) and get back small frames with translated, formatted text columns, ready for
``st.dataframe``. Pure pandas; no streamlit, no SQL. Imports ``metrics`` and ``ui`` helpers only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from metrics.constants import FLAG_NAMES, ROLLUP_SCORES, STATUSES
from ui.format import format_number, format_share, unit_label
from ui.i18n import t
from ui.palette import STATUS_SYMBOLS, status_text

__all__ = [
    "KINGDOM",
    "PRIORITY_SCOPE_ROOTS",
    "applicable_indicators",
    "distribution_text",
    "flags_text",
    "indicator_rows",
    "name_column",
    "part_labels",
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
    counts = pd.Series(list(statuses), dtype="object").value_counts()
    return " · ".join(
        f"{STATUS_SYMBOLS[status]} {int(counts[status])}"
        for status in STATUSES
        if status in counts.index
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
    assessment: pd.DataFrame, indicator_id: str, part_id: str, inside: Sequence[str]
) -> tuple[pd.Series | None, pd.DataFrame]:
    """The series that stands for ``part_id`` (its own, else the only one inside), and the
    non-derived series inside it."""
    rows = assessment.loc[assessment["indicator_id"] == indicator_id]
    below = rows.loc[rows["part_id"].isin(inside) & ~rows["is_derived"].astype(bool)]
    own = rows.loc[rows["part_id"] == part_id]
    if len(own):
        return own.iloc[0], below
    if len(below) == 1:
        return below.iloc[0], below
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
    records = []
    for _, indicator in indicators.iterrows():
        focus, below = _focus_series(assessment, indicator["indicator_id"], part_id, inside)
        decimals = int(indicator["decimals"])
        record = {
            "indicator_id": indicator["indicator_id"],
            t("table.indicator", lang): indicator[name_column(lang)],
            t("table.status", lang): "–",
            t("table.latest", lang): "–",
            t("table.unit", lang): unit_label(indicator["unit"], lang),
            t("table.progress", lang): "–",
            t("table.ratio", lang): "–",
            t("table.trend", lang): "–",
            t("table.flags", lang): "",
            t("table.series_below", lang): distribution_text(list(below["status"]))
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


def _latest_text(row: pd.Series, decimals: int, lang: str) -> str:
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
            t("table.latest", lang): [_latest_text(r, decimals, lang) for _, r in rows.iterrows()],
            t("table.expected", lang): [value(r, "expected_value") for _, r in rows.iterrows()],
            t("table.status", lang): [status_text(s, lang) for s in rows["status"]],
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
    """Series inside ``part_id`` whose status differs from the previous quarter's, worst first."""
    inside = subtree(parts, part_id)
    keys = ["indicator_id", "part_id"]
    now = current.loc[current["part_id"].isin(inside), [*keys, "status"]]
    before = previous.loc[previous["part_id"].isin(inside), [*keys, "status"]]
    merged = now.merge(before, on=keys, how="left", suffixes=("", "_previous"))
    merged["status_previous"] = merged["status_previous"].fillna("insufficient_data")
    merged = merged.loc[merged["status"] != merged["status_previous"]].copy()
    merged["change"] = merged["status"].map(lambda s: ROLLUP_SCORES.get(s, 0)) - merged[
        "status_previous"
    ].map(lambda s: ROLLUP_SCORES.get(s, 0))
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
