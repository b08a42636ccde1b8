"""Every chart in words: one or two sentences that give a screen-reader user, or a reader in a
hurry, the chart's point in the user's language. ``ui.widgets.chart_with_table`` shows the
summary as visible text right above the chart and its table.

| function | says |
|---|---|
| ``indicator_summary(values, series, labels, *, unit, decimals, lang)`` | each part drawn |
| ``distribution_summary(counts, *, lang)`` | the counts per status, the row most behind |
| ``comparison_summary(counts, *, lang)`` | each row's counts (rows that overlap) |
| ``BEHIND`` | the statuses counted as behind: moderate, limited, deterioration |

The indicator's first part drawn gets its first and latest value, its target and status; each
other part its latest value and status. A distribution says how many series there are, how many
in each status, and which row has most series behind; a comparison of parts, whose rows overlap
(a part and the islands in it), each row on its own, never a total that counts a series twice.

Quarters read as the tables beside them write them (``2026Q3``; ``ui.format.format_quarter``),
numbers with its separators. Statuses are named in words, never by colour or symbol alone.
Pure: no streamlit. Imports ``ui.format``, ``ui.i18n``, ``ui.texts``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import pandas as pd

from metrics.constants import STATUSES
from ui.format import format_number, format_quarter
from ui.i18n import t
from ui.texts import present

__all__ = ["BEHIND", "comparison_summary", "distribution_summary", "indicator_summary"]

BEHIND: Final = ("moderate", "limited", "deterioration")
_PROVISIONAL_FLAGS: Final = ("provisional", "estimated")
# Units up to this long go with every number (``%``, ``€``); longer ones are named once.
_SHORT_UNIT: Final = 3


def _status_word(status: object, lang: str) -> str:
    """A status in running text: its label with a lower-case first letter."""
    label = t(f"status.{status}", lang)
    return label[:1].lower() + label[1:]


def _amount(value: float, unit: str, decimals: int, lang: str) -> str:
    """A number, with the unit when it is a short sign (``12 %``); a longer unit is named once
    per summary instead (``_SHORT_UNIT``)."""
    number = format_number(value, decimals, lang)
    return f"{number} {unit}" if 0 < len(unit) <= _SHORT_UNIT else number


def _when(period: str, lang: str) -> str:
    """A target's moment: the year for a year's last quarter (``2029``), else the quarter."""
    return period[:4] if period.endswith("Q4") else format_quarter(period, lang)


def _target(row: Mapping[str, object] | None, unit: str, decimals: int, lang: str) -> str | None:
    if row is None:
        return None
    target_type = row.get("target_type")
    if not present(row.get("target_value")) or target_type in (None, "none"):
        return t("charts.summary.no_target", lang)
    return t(
        f"charts.summary.target_{target_type}",
        lang,
        value=_amount(float(row["target_value"]), unit, decimals, lang),  # type: ignore[arg-type]
        when=_when(str(row["target_period"]), lang),
    )


def _latest(
    part_values: pd.DataFrame, unit: str, decimals: int, lang: str, *, quarter: bool
) -> str:
    """The latest value, with its quarter when ``quarter``, marked when provisional or
    estimated."""
    last = part_values.iloc[-1]
    amount = _amount(last["value"], unit, decimals, lang)
    provisional = last["flag"] in _PROVISIONAL_FLAGS
    when = format_quarter(str(last["period"]), lang) if quarter else None
    if provisional and when:
        when = t("charts.summary.provisional", lang, quarter=when)
    elif provisional:
        when = t("charts.summary.provisional_only", lang)
    return f"{amount} ({when})" if when else amount


def indicator_summary(
    values: pd.DataFrame,
    series: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    unit: str,
    decimals: int,
    lang: str,
) -> str:
    """An indicator chart in words (the frames of ``ui.indicator_chart.IndicatorChart``).

    The first part drawn gets a sentence: ``Aruba: van 12 % (2023Q1) naar 18 % (2026Q3);
    doel 2029: 25 %; status: beperkt.`` (a long unit is named once, after the part); the other
    parts one sentence per status, each part with its latest value (its quarter only when it is
    not the first part's): ``Daaronder met status op koers: Bonaire 5; Saba 6 (2026Q2).``
    """
    if not labels:
        return t("charts.summary.no_values", lang)
    rows = {row["part_id"]: row for row in series.to_dict("records")} if len(series) else {}
    (head_id, head_label), *rest = labels.items()
    head_values = values.loc[values["part_id"] == head_id].sort_values("period")
    head_row = rows.get(head_id)
    named = head_label if len(unit) <= _SHORT_UNIT else f"{head_label}, {unit}"
    if head_values.empty:
        course = t("charts.summary.no_values", lang)
        head_quarter = None
    else:
        head_quarter = head_values["period"].iloc[-1]
        course = _latest(head_values, unit, decimals, lang, quarter=True)
        if len(head_values) > 1:
            first = head_values.iloc[0]
            course = t(
                "charts.summary.from_to",
                lang,
                first=_amount(first["value"], unit, decimals, lang),
                first_quarter=format_quarter(str(first["period"]), lang),
                latest=course,
            )
    head_status = head_row.get("status") if head_row is not None else None
    pieces = [
        course,
        _target(head_row, unit, decimals, lang),
        t("charts.summary.status", lang, status=_status_word(head_status, lang))
        if present(head_status)
        else None,
    ]
    sentences = [f"{named}: " + "; ".join(p for p in pieces if p) + "."]
    groups: dict[object, list[str]] = {}
    for part_id, label in rest:
        part_values = values.loc[values["part_id"] == part_id].sort_values("period")
        if part_values.empty:
            latest = t("charts.summary.no_values", lang)
        else:
            other_quarter = part_values["period"].iloc[-1] != head_quarter
            latest = _latest(part_values, unit, decimals, lang, quarter=other_quarter)
        row = rows.get(part_id)
        status = row.get("status") if row is not None else None
        groups.setdefault(status if present(status) else None, []).append(f"{label} {latest}")
    for status in (*STATUSES, None):
        if status not in groups:
            continue
        parts = "; ".join(groups[status])
        if status is None:
            sentences.append(t("charts.summary.others_unassessed", lang, parts=parts))
        else:
            word = _status_word(status, lang)
            sentences.append(t("charts.summary.others", lang, status=word, parts=parts))
    return " ".join(sentences)


def _status_counts(row: Mapping[str, Any], statuses: list[str], lang: str) -> list[str]:
    """``10 bereikt``, ``5 op koers``, ...: the statuses counted at least once, best first."""
    return [
        f"{format_number(int(row[status]), 0, lang)} {_status_word(status, lang)}"
        for status in statuses
        if int(row[status])
    ]


def comparison_summary(counts: pd.DataFrame, *, lang: str) -> str:
    """Rows compared side by side whose series overlap (a part, then the parts and islands in
    it), each in its own sentence: ``Caribische landen: 3 reeksen (1 beperkt; 2 op koers).``"""
    statuses = [status for status in STATUSES if status in counts.columns]
    sentences = []
    for row in counts.to_dict("records"):
        total = sum(int(row[status]) for status in statuses)
        if total == 0:
            sentences.append(t("charts.summary.row_empty", lang, label=row["label"]))
            continue
        sentences.append(
            t(
                "charts.summary.row",
                lang,
                label=row["label"],
                series=_series(total, lang),
                statuses="; ".join(_status_counts(row, statuses, lang)),
            )
        )
    return " ".join(sentences)


def distribution_summary(counts: pd.DataFrame, *, lang: str) -> str:
    """A distribution chart in words (the frame ``ui.charts.distribution_figure`` draws: a
    ``label`` column and one count column per status).

    ``33 reeksen: 10 bereikt; 5 op koers; 3 matig, versnelling nodig. Meeste achterstand: O3
    (4 van 9 reeksen matig, beperkt of verslechterd).``
    """
    present_statuses = [status for status in STATUSES if status in counts.columns]
    per_status = {status: int(counts[status].sum()) for status in present_statuses}
    total = sum(per_status.values())
    if total == 0:
        return t("charts.summary.no_series", lang)
    shown = _status_counts(per_status, present_statuses, lang)
    sentences = [
        t(
            "charts.summary.distribution",
            lang,
            series=_series(total, lang),
            statuses="; ".join(shown),
        )
    ]
    behind_columns = [status for status in BEHIND if status in counts.columns]
    if behind_columns and len(counts) > 1:
        behind = counts[behind_columns].sum(axis=1).astype(int)
        if behind.max() > 0:
            worst = int(behind.to_numpy().argmax())
            row_total = int(counts[present_statuses].iloc[worst].sum())
            sentences.append(
                t(
                    "charts.summary.most_behind",
                    lang,
                    label=counts["label"].iloc[worst],
                    behind=format_number(int(behind.iloc[worst]), 0, lang),
                    series=_series(row_total, lang),
                )
            )
    return " ".join(sentences)


def _series(n: int, lang: str) -> str:
    """``1 reeks``, ``33 reeksen``."""
    key = "charts.summary.series_one" if n == 1 else "charts.summary.series"
    return t(key, lang, n=format_number(n, 0, lang))
