"""One indicator's chart as the Action lines page draws it, for the report: the same figure
(``ui.charts.indicator_figure`` of ``ui.series_tables.chart_inputs``: the part and the parts
below it, actual values, the path to the target, the target, the projection), its table (the
page's "table one click away", ``ui.series_tables.chart_table``) and its alt text in words.

The page's ``ui.widgets.indicator_panel`` draws this in streamlit; this is its pure part.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from report.content_tables import frame_table
from report.model import Chart
from ui import indicator_chart as page_chart
from ui.format import format_number
from ui.i18n import t
from ui.kingdom import name_column
from ui.texts import latest_text, present

__all__ = ["indicator_chart", "target_text"]

# What the alt text names, in this order, when the figure draws it (``ui.charts.TRACE_KINDS``).
_DRAWN_KINDS = ("actual", "provisional", "path", "target", "projection")


def target_text(row: Mapping[str, object], decimals: int, lang: str) -> str:
    """A series' target with its quarter, ``30 (2029Q4)``; a dash when it has none."""
    if not present(row.get("target_value")):
        return "–"
    return f"{format_number(row['target_value'], decimals, lang)} ({row['target_period']})"


def _fact(
    part_id: str,
    label: str,
    values: pd.DataFrame,
    series: pd.DataFrame,
    *,
    decimals: int,
    lang: str,
) -> str:
    """One drawn part in words: its latest value against its target, and its status."""
    rows = series.loc[series["part_id"] == part_id]
    if len(rows):
        row = rows.iloc[0].to_dict()
        return t(
            "report.chart.alt_series",
            lang,
            part=label,
            latest=latest_text(row, decimals, lang),
            target=target_text(row, decimals, lang),
            status=t(f"status.{row['status']}", lang),
        )
    own = values.loc[values["part_id"] == part_id].sort_values("period")
    last = own.iloc[-1]
    latest = f"{format_number(last['value'], decimals, lang)} ({last['period']})"
    return t("report.chart.alt_values", lang, part=label, latest=latest)


def _alt_text(
    figure: go.Figure,
    values: pd.DataFrame,
    series: pd.DataFrame,
    labels: Mapping[str, str],
    *,
    indicator: str,
    unit: str,
    decimals: int,
    quarter: str,
    lang: str,
) -> str:
    drawn = {trace.meta["kind"] for trace in figure.data}
    shows = ", ".join(t(f"chart.kind_{kind}", lang) for kind in _DRAWN_KINDS if kind in drawn)
    facts = [
        _fact(part_id, label, values, series, decimals=decimals, lang=lang)
        for part_id, label in labels.items()
    ]
    summary = t(
        "report.chart.alt",
        lang,
        indicator=indicator,
        unit=unit,
        quarter=quarter,
        parts=", ".join(labels.values()),
        shows=shows,
    )
    return " ".join([summary, *facts])


def indicator_chart(
    indicator: Mapping[str, object],
    values: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    quarter: str,
    lang: str,
) -> Chart | None:
    """The chart of ``indicator`` (a catalogue row) seen from ``part_id`` as of ``quarter``:
    ``values`` are the series values up to the quarter, ``assessment`` the quarter's. None when
    nothing inside the part has a value up to the quarter (the page says so instead)."""
    drawing = page_chart.indicator_chart(
        indicator, values, assessment, parts, part_id=part_id, lang=lang
    )
    if drawing is None:
        return None
    drawn, series, labels = drawing.values, drawing.series, drawing.labels
    unit, decimals, figure = drawing.unit, drawing.decimals, drawing.figure
    name = f"{indicator['indicator_id']} · {indicator[name_column(lang)]}"
    caption = t("report.chart.caption", lang, indicator=name, unit=unit, quarter=quarter)
    table = drawing.table
    alt = _alt_text(
        figure,
        drawn,
        series,
        labels,
        indicator=name,
        unit=unit,
        decimals=decimals,
        quarter=quarter,
        lang=lang,
    )
    return Chart(
        figure=figure,
        alt=alt,
        caption=caption,
        table=frame_table(table, lang=lang, caption=caption, numeric={t("table.value", lang)}),
    )
