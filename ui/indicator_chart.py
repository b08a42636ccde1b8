"""One indicator's chart as the Action lines page draws it, without streamlit: the figure, its
table, and what they were drawn from, for the page (``ui.widgets.indicator_panel``) and the
report (``report.content_charts``) alike.

| function | returns |
|---|---|
| ``indicator_chart(indicator, values, assessment, parts, *, part_id, lang, ...)`` | or None |

Imports ``ui.charts``, ``ui.series_tables``, ``ui.target_history``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from ui.charts import indicator_figure
from ui.series_tables import chart_inputs, chart_table
from ui.target_history import change_quarters

__all__ = ["IndicatorChart", "indicator_chart"]


@dataclass(frozen=True)
class IndicatorChart:
    """The figure and its table; ``values``, ``series`` and ``labels`` as drawn
    (``ui.series_tables.chart_inputs``); the indicator's ``unit`` in the language and
    ``decimals``."""

    figure: go.Figure
    table: pd.DataFrame
    values: pd.DataFrame
    series: pd.DataFrame
    labels: dict[str, str]
    unit: str
    decimals: int


def indicator_chart(
    indicator: Mapping[str, object],
    values: pd.DataFrame,
    assessment: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    part_id: str,
    lang: str,
    target_history: pd.DataFrame | None = None,
) -> IndicatorChart | None:
    """``indicator`` (a catalogue row) seen from ``part_id``: ``values`` its values up to the
    quarter, ``assessment`` the quarter's. With ``target_history``
    (``data.catalogue.target_history``), the quarters in which a drawn part's target changed
    are marked on the chart and listed in its table."""
    indicator_id = str(indicator["indicator_id"])
    decimals = int(indicator["decimals"])
    drawn, series, labels = chart_inputs(
        values, assessment, parts, indicator_id=indicator_id, part_id=part_id, lang=lang
    )
    if not labels:
        return None
    unit = str(indicator[f"unit_{lang}"])
    changes = {
        quarter: ", ".join(labels[p] for p in changed)
        for quarter, changed in (
            change_quarters(target_history, list(labels)) if target_history is not None else {}
        ).items()
    }
    shown = {"decimals": decimals, "lang": lang, "target_changes": changes}
    figure = indicator_figure(drawn, series, labels=labels, unit=unit, **shown)
    table = chart_table(drawn, series, labels, **shown)
    return IndicatorChart(figure, table, drawn, series, labels, unit, decimals)
