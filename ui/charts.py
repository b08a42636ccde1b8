"""Plotly figure builders. Each takes small, already-filtered frames and returns a Figure.

Pages never build traces themselves. Colours and symbols come from ``ui.palette``; axis titles
carry the unit; numbers follow the language (``separators``: decimal comma in Dutch); hover
labels name quarters as the tables do (``2026Q3``, ``ui.format.format_quarter``). Every trace
carries ``meta = {"kind": ..., "part_id": ...}`` so tests (and the data table beside the chart)
can tell the actual series from the path, the target and the projection. A quarter in which a
shown part's target changed gets a dotted vertical line and a label (shape and annotation named
``target_changed``). The distribution's count axis has a bounded number of whole-number ticks
(``count_step``), however many series it counts. Title, source line, download name and plotly's
texts in the language are added where the figure is shown (``ui.chart_context``).

| function | returns |
|---|---|
| ``indicator_figure(values, series, *, labels, unit, decimals, lang, ...)`` | one indicator |
| ``distribution_figure(counts, *, row_label, lang)`` | status counts per row, stacked |
| ``separators(lang)`` | plotly's decimal and thousands separators |
| ``count_step(largest)`` | the tick step of a count axis running to ``largest`` |
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from metrics.constants import DEFAULT_BASELINE_PERIOD, DEFAULT_TARGET_PERIOD, STATUSES
from metrics.periods import period_range, years_between
from ui.format import format_quarter
from ui.i18n import t
from ui.palette import (
    PATH_COLOUR,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
    TARGET_COLOUR,
    series_colour,
)

__all__ = [
    "TARGET_CHANGED",
    "TRACE_KINDS",
    "count_step",
    "distribution_figure",
    "indicator_figure",
    "separators",
]

TRACE_KINDS = ("actual", "provisional", "path", "target", "projection")
TARGET_CHANGED = "target_changed"
_PROVISIONAL_FLAGS = ("provisional", "estimated")
_HEIGHT = 340
# At most this many steps on a count axis (so at most one tick more).
_COUNT_TICKS = 8


def separators(lang: str) -> str:
    """Plotly's decimal and thousands separators for ``lang``."""
    return ",." if lang == "nl" else ".,"


def _quarter_axis(periods: Sequence[str]) -> dict:
    first = min([DEFAULT_BASELINE_PERIOD, *periods])
    last = max([DEFAULT_TARGET_PERIOD, *periods])
    quarters = period_range(first, last)
    years = [quarter for quarter in quarters if quarter.endswith("Q1")]
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": quarters,
        "range": [-0.5, len(quarters) - 0.5],
        "tickvals": years,
        "ticktext": [quarter[:4] for quarter in years],
        "showgrid": True,
    }


def _quarters(periods: Sequence[str], lang: str) -> list[str]:
    """The hover labels' quarters (``customdata``), as ``lang`` writes them."""
    return [format_quarter(str(period), lang) for period in periods]


def _number(decimals: int) -> str:
    return f"%{{y:,.{decimals}f}}"


@dataclass
class _Draft:
    """A figure's traces, shapes and annotations as plain dicts, with go.Figure's methods for
    adding them: ``figure()`` validates everything once. A go.Figure grown trace by trace
    validates on every addition (at M, a page of 12 charts of 20 traces spent about a second
    on it)."""

    data: list[dict] = field(default_factory=list)
    shapes: list[dict] = field(default_factory=list)
    annotations: list[dict] = field(default_factory=list)

    def add_scatter(self, **trace: object) -> None:
        self.data.append({"type": "scatter", **trace})

    def add_shape(self, **shape: object) -> None:
        self.shapes.append(shape)

    def add_annotation(self, **annotation: object) -> None:
        self.annotations.append(annotation)

    def figure(self, **layout: object) -> go.Figure:
        marks = {"shapes": self.shapes, "annotations": self.annotations}
        return go.Figure(data=self.data, layout={**layout, **{k: v for k, v in marks.items() if v}})


def indicator_figure(
    values: pd.DataFrame,
    series: pd.DataFrame,
    *,
    labels: Mapping[str, str],
    unit: str,
    decimals: int,
    lang: str,
    target_changes: Mapping[str, str] | None = None,
) -> go.Figure:
    """Actual values per part, the straight path baseline -> target, the target, the projection.

    ``values``: part_id, period, value, flag (one row per observed quarter).
    ``series``: one row per part with the assessment's columns (baseline_period, baseline_value,
    target_period, target_value, target_type, latest_period, slope_per_year, projected_value).
    ``labels``: part_id -> display name, in the order the parts are drawn.
    ``target_changes``: quarter -> the names of the parts whose target changed in it (marked).
    """
    figure = _Draft()
    hover = f"%{{fullData.name}}<br>%{{customdata}}: {_number(decimals)} {unit}<extra></extra>"
    periods: list[str] = list(values["period"]) if len(values) else []
    by_part = series.set_index("part_id") if len(series) else pd.DataFrame()
    for position, (part_id, label) in enumerate(labels.items()):
        colour = series_colour(position)
        group = {"legendgroup": part_id}
        part_values = values.loc[values["part_id"] == part_id].sort_values("period")
        if len(part_values):
            figure.add_scatter(
                x=list(part_values["period"]),
                y=list(part_values["value"]),
                customdata=_quarters(part_values["period"], lang),
                mode="lines+markers",
                name=label,
                line={"color": colour, "width": 2},
                marker={"size": 6, "symbol": "circle"},
                hovertemplate=hover,
                meta={"kind": "actual", "part_id": part_id},
                **group,
            )
            marked = part_values.loc[part_values["flag"].isin(_PROVISIONAL_FLAGS)]
            if len(marked):
                figure.add_scatter(
                    x=list(marked["period"]),
                    y=list(marked["value"]),
                    customdata=_quarters(marked["period"], lang),
                    mode="markers",
                    name=t("chart.provisional", lang, part=label),
                    marker={
                        "size": 11,
                        "symbol": "circle-open",
                        "color": colour,
                        "line": {"width": 2},
                    },
                    hovertemplate=hover,
                    meta={"kind": "provisional", "part_id": part_id},
                    showlegend=False,
                    **group,
                )
        if part_id not in by_part.index:
            continue
        row = by_part.loc[part_id]
        target_type = row.get("target_type")
        has_target = pd.notna(row.get("target_value")) and target_type != "none"
        has_baseline = pd.notna(row.get("baseline_value"))
        if has_target and has_baseline:
            flat = target_type in ("maintain_min", "maintain_max")
            start = row["target_value"] if flat else row["baseline_value"]
            figure.add_scatter(
                x=[row["baseline_period"], row["target_period"]],
                y=[start, row["target_value"]],
                customdata=_quarters([row["baseline_period"], row["target_period"]], lang),
                mode="lines",
                name=t("chart.path" if not flat else "chart.threshold", lang, part=label),
                line={"color": colour, "width": 1.5, "dash": "dot"},
                hovertemplate=hover,
                meta={"kind": "path", "part_id": part_id},
                showlegend=False,
                **group,
            )
            periods += [row["baseline_period"], row["target_period"]]
        if has_target:
            figure.add_scatter(
                x=[row["target_period"]],
                y=[row["target_value"]],
                customdata=_quarters([row["target_period"]], lang),
                mode="markers",
                name=t("chart.target", lang, part=label, period=row["target_period"]),
                marker={
                    "size": 14,
                    "symbol": "star",
                    "color": colour,
                    "line": {"color": TARGET_COLOUR, "width": 1},
                },
                hovertemplate=hover,
                meta={"kind": "target", "part_id": part_id},
                showlegend=False,
                **group,
            )
        projected = row.get("projected_value")
        slope = row.get("slope_per_year")
        latest = row.get("latest_period")
        end = row.get("target_period") if pd.notna(row.get("target_period")) else None
        if pd.notna(projected) and pd.notna(slope) and pd.notna(latest) and end:
            start_value = projected - slope * years_between(latest, end)
            figure.add_scatter(
                x=[latest, end],
                y=[start_value, projected],
                customdata=_quarters([latest, end], lang),
                mode="lines",
                name=t("chart.projection", lang, part=label),
                line={"color": colour, "width": 1.5, "dash": "dash"},
                hovertemplate=hover,
                meta={"kind": "projection", "part_id": part_id},
                showlegend=False,
                **group,
            )
    for quarter, changed_parts in (target_changes or {}).items():
        _mark_target_change(figure, quarter, changed_parts, lang)
        periods.append(quarter)
    _add_key(figure, lang)
    return figure.figure(
        height=_HEIGHT,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        separators=separators(lang),
        legend={"orientation": "v", "yanchor": "top", "y": 1, "x": 1.02},
        xaxis={**_quarter_axis(periods), "title": {"text": t("chart.quarter", lang)}},
        yaxis={"title": {"text": unit}, "separatethousands": True},
        hovermode="closest",
    )


def _mark_target_change(figure: _Draft, quarter: str, changed_parts: str, lang: str) -> None:
    """A dotted vertical line at ``quarter`` with "target changed" above it; hovering the label
    names the parts."""
    figure.add_shape(
        type="line",
        xref="x",
        yref="paper",
        x0=quarter,
        x1=quarter,
        y0=0,
        y1=1,
        line={"color": PATH_COLOUR, "width": 1.5, "dash": "dot"},
        name=TARGET_CHANGED,
    )
    figure.add_annotation(
        x=quarter,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        xanchor="left",
        showarrow=False,
        text=t("target_change.label", lang),
        hovertext=t(
            "target_change.hover", lang, quarter=format_quarter(quarter, lang), parts=changed_parts
        ),
        font={"color": PATH_COLOUR, "size": 11},
        name=TARGET_CHANGED,
    )


def _add_key(figure: _Draft, lang: str) -> None:
    """Legend entries that explain the line styles and markers once, in a neutral colour.

    The parts' own legend entries toggle each part's traces together (``legendgroup``).
    """
    kinds = {trace["meta"]["kind"] for trace in figure.data}
    styles = {
        "provisional": {"mode": "markers", "marker": {"symbol": "circle-open", "size": 10}},
        "path": {"mode": "lines", "line": {"dash": "dot"}},
        "target": {"mode": "markers", "marker": {"symbol": "star", "size": 12}},
        "projection": {"mode": "lines", "line": {"dash": "dash"}},
    }
    for kind, style in styles.items():
        if kind not in kinds:
            continue
        figure.add_scatter(
            x=[None],
            y=[None],
            name=t(f"chart.key_{kind}", lang),
            legendgroup=f"key_{kind}",
            hoverinfo="skip",
            meta={"kind": "key", "part_id": None},
            **{k: {**v, "color": PATH_COLOUR} for k, v in style.items() if k != "mode"},
            mode=style["mode"],
        )


def distribution_figure(counts: pd.DataFrame, *, row_label: str, lang: str) -> go.Figure:
    """Horizontal stacked bars: status counts per row, each segment labelled with its count.

    ``counts``: a ``label`` column (the row's name) and one integer column per status. The legend
    carries each status's symbol and label, so the colour is never the only cue.
    """
    figure = go.Figure()
    rows = list(counts["label"])
    for status in STATUSES:
        if status not in counts.columns:
            continue
        numbers = [int(n) for n in counts[status]]
        if not any(numbers):
            continue
        figure.add_bar(
            y=rows,
            x=numbers,
            orientation="h",
            name=f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}",
            marker={"color": STATUS_COLOURS[status], "line": {"color": "#FFFFFF", "width": 1}},
            text=[f"{STATUS_SYMBOLS[status]} {n}" if n else "" for n in numbers],
            textposition="inside",
            textangle=0,
            insidetextanchor="middle",
            textfont={"color": "#000000"},
            hovertemplate=f"%{{y}}<br>{t(f'status.{status}', lang)}: %{{x}}<extra></extra>",
            meta={"kind": "status", "status": status},
        )
    present = [status for status in STATUSES if status in counts.columns]
    for label, total in zip(rows, counts[present].sum(axis=1), strict=True):
        if int(total) == 0:
            figure.add_annotation(
                x=0,
                y=label,
                text=t("overview.matrix_empty_cell", lang),
                showarrow=False,
                xanchor="left",
                font={"color": "#595959"},
            )
    figure.update_layout(
        barmode="stack",
        height=110 + 38 * max(1, len(rows)),
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        separators=separators(lang),
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "traceorder": "normal"},
        xaxis={
            "title": {"text": t("chart.series_count", lang)},
            "tick0": 0,
            "dtick": count_step(int(counts[present].sum(axis=1).max()) if len(counts) else 0),
            "tickformat": ",d",
        },
        yaxis={"title": {"text": row_label}, "autorange": "reversed"},
    )
    return figure


def count_step(largest: int) -> int:
    """A whole-number tick step (1, 2, 5, 10, 20, 50, ...) that puts at most ``_COUNT_TICKS``
    steps between 0 and ``largest``: a fixed step would have the browser build a tick label
    for every few series, thousands of them for a large count."""
    needed = max(1, math.ceil(largest / _COUNT_TICKS))
    magnitude = 10 ** (len(str(needed)) - 1)
    return next(step * magnitude for step in (1, 2, 5, 10) if step * magnitude >= needed)
