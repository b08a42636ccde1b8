"""What a chart says about itself, on the page and in the PNG a user downloads from it: the
title, a subtitle with the part, the unit and the quarter, and the source under it; the
download's file name; and plotly's own controls in the user's language.

A PNG from plotly's camera button is drawn from the figure as it is, so the context has to be in
the figure: ``with_context`` adds it (a copy; the builders in ``ui.charts`` and the report's
images stay without it). ``plotly_config`` is the ``config`` for ``st.plotly_chart``: the
download's name, size and scale (``toImageButtonOptions``), and plotly's texts in the language
(``locale`` with ``locales``: the plotly.js that Streamlit bundles registers no locale but
English, so the Dutch texts travel in the config; Streamlit's own Fullscreen button, which it
adds to the modebar, has a fixed English label).

| function | returns |
|---|---|
| ``ChartContext`` | title, part, unit, source, quarter and the file name's first pieces |
| ``indicator_context(indicator, *, part, quarter, lang)`` | an indicator chart's context |
| ``distribution_context(rows, *, part, quarter, lang, subject=None)`` | a distribution's |
| ``with_context(figure, context, lang)`` | a copy of ``figure`` under its title, subtitle, source |
| ``file_name(context, lang)`` | ``IND-0502_Caribisch-Nederland_2026Q3`` (plotly adds .png) |
| ``plotly_config(context, lang, *, height)`` | the ``config`` for ``st.plotly_chart`` |
| ``plotly_locale(lang)`` | plotly's texts and number format in ``lang`` |

Imports ``ui.charts`` (separators), ``ui.format``, ``ui.i18n``.
"""

from __future__ import annotations

import html
import re
import textwrap
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import plotly.graph_objects as go

from ui.catalogue_terms import catalogue_term
from ui.charts import separators
from ui.format import format_quarter
from ui.i18n import t
from ui.texts import present

__all__ = [
    "ChartContext",
    "distribution_context",
    "file_name",
    "indicator_context",
    "plotly_config",
    "plotly_locale",
    "with_context",
]

# The download: as wide as a report page's chart, twice the pixels for print and slides.
_IMAGE_WIDTH: Final = 1000
_IMAGE_SCALE: Final = 2
# Room for the title and one line of small print above the plot (pixels).
_TITLE_SPACE: Final = 58
_WRAP: Final = 95
# Each further line of the header: the source, a wrapped title or line (pixels).
_LINE: Final = 16
_FONT: Final = "Arial, 'Liberation Sans', Helvetica, sans-serif"

# Plotly's English texts that our charts can show (the modebar of a 2-D chart, its messages)
# -> their catalog keys. The English keys are plotly.js 3's own strings, matched exactly.
_PLOTLY_TEXTS: Final = {
    "Download plot as a PNG": "download_png",
    "Download plot": "download",
    "Zoom": "zoom",
    "Pan": "pan",
    "Zoom in": "zoom_in",
    "Zoom out": "zoom_out",
    "Autoscale": "autoscale",
    "Reset axes": "reset_axes",
    "Box Select": "box_select",
    "Lasso Select": "lasso_select",
    "Toggle Spike Lines": "spike_lines",
    "Show closest data on hover": "hover_closest",
    "Compare data on hover": "hover_compare",
    "Preparing image - this may take a few seconds": "preparing",
    "Image download succeeded": "downloaded",
    "Sorry, there was a problem downloading your image!": "download_failed",
    "Double-click to zoom back out": "double_click_zoom",
    "Double-click on legend to isolate one trace": "double_click_legend",
}


@dataclass(frozen=True)
class ChartContext:
    """``quarter`` is the period assessed (``2026Q3``); ``file_parts`` start the file name
    (the indicator's id; or what a distribution counts, and of which action line)."""

    title: str
    part: str
    unit: str
    source: str
    quarter: str
    file_parts: tuple[str, ...]


def indicator_context(
    indicator: Mapping[str, object], *, part: str, quarter: str, lang: str
) -> ChartContext:
    """An indicator's chart as seen from ``part`` (its name) as of ``quarter``: titled with its
    id and name, the unit in ``lang``, the source in ``lang`` as the indicator's facts write it
    (``ui.catalogue_terms``: the catalogue's fixed vocabulary, other texts as written)."""
    indicator_id = str(indicator["indicator_id"])
    written = indicator.get("source")
    source = catalogue_term(written, "source", lang) if present(written) else ""
    return ChartContext(
        title=f"{indicator_id} · {indicator[f'name_{lang}']}",
        part=part,
        unit=str(indicator[f"unit_{lang}"]),
        source=t("charts.source_line", lang, source=source, app=t("app.title", lang))
        if str(source).strip()
        else t("charts.source_own", lang, app=t("app.title", lang)),
        quarter=quarter,
        file_parts=(indicator_id,),
    )


def distribution_context(
    rows: str, *, part: str, quarter: str, lang: str, subject: str | None = None
) -> ChartContext:
    """A distribution of the series per ``rows`` (the rows' column label: ``Hoofddoel``),
    of ``subject`` when given (``AL04``: an action line's series per part)."""
    rows_word = rows[:1].lower() + rows[1:]
    title = t("charts.distribution_title", lang, rows=rows_word)
    name = t("charts.distribution_file", lang, rows=rows_word)
    return ChartContext(
        title=f"{subject} · {title}" if subject else title,
        part=part,
        unit=t("chart.series_count", lang),
        source=t("charts.source_own", lang, app=t("app.title", lang)),
        quarter=quarter,
        file_parts=(name, subject) if subject else (name,),
    )


def _text(text: str) -> str:
    """Catalogue or user text for a plotly label: shown as itself, long lines wrapped."""
    return "<br>".join(textwrap.wrap(html.escape(text, quote=False), _WRAP)) or " "


def _subtitle(context: ChartContext, lang: str) -> str:
    return t(
        "charts.subtitle",
        lang,
        part=context.part,
        unit=context.unit,
        quarter=format_quarter(context.quarter, lang),
    )


def with_context(figure: go.Figure, context: ChartContext, lang: str) -> go.Figure:
    """A copy of ``figure`` under a header: the title, then in small print the part, unit and
    quarter and, on the next line, the source. The figure grows by the header's height, so the
    plot keeps its size. The source sits in the header, not under the x-axis, where tick labels
    that turn on a narrow screen would run into it. Text is set in a font every computer has
    (Arial or its metric twin Liberation Sans): a PNG is drawn without the page's web fonts, and
    text measured in one font but drawn in a wider one runs out of the picture."""
    shown = go.Figure(figure)
    title = _text(context.title)
    subtitle = f"{_text(_subtitle(context, lang))}<br>{_text(context.source)}"
    above = _TITLE_SPACE + _LINE * (title.count("<br>") + subtitle.count("<br>"))
    margin = shown.layout.margin
    shown.update_layout(
        height=(shown.layout.height or 340) + above,
        margin={"t": (margin.t if margin.t is not None else 30) + above},
        font={"family": _FONT},
        title={
            "text": title,
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 8, "l": 8},
            "font": {"size": 16, "family": _FONT},
            "subtitle": {"text": subtitle, "font": {"size": 12, "family": _FONT}},
        },
    )
    if shown.layout.legend.orientation == "h":
        # A legend in a row above the plot goes under the header, not over it.
        shown.update_layout(
            legend={
                "yref": "container",
                "y": 1 - (above + 4) / shown.layout.height,
                "yanchor": "top",
            }
        )
    return shown


def _slug(text: str) -> str:
    """Letters, digits and hyphens only: ``Curaçao`` -> ``Curacao``, spaces -> ``-``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", plain).strip("-")


def file_name(context: ChartContext, lang: str) -> str:
    """The PNG's name without extension: what is shown, the part, the quarter, by ``_``."""
    pieces = (*context.file_parts, context.part, format_quarter(context.quarter, lang))
    return "_".join(slug for slug in (_slug(piece) for piece in pieces) if slug)


def plotly_locale(lang: str) -> dict:
    """Plotly's texts and number format in ``lang``, for ``config.locales``."""
    decimal, thousands = separators(lang)
    return {
        "dictionary": {
            english: t(f"charts.plotly.{key}", lang) for english, key in _PLOTLY_TEXTS.items()
        },
        "format": {"decimal": decimal, "thousands": thousands},
    }


def plotly_config(context: ChartContext, lang: str, *, height: int) -> dict:
    """``st.plotly_chart``'s config: no plotly logo, plotly's texts in ``lang``, and a camera
    button that downloads a ``height`` px high PNG named by ``file_name``."""
    return {
        "displaylogo": False,
        "locale": lang,
        "locales": {lang: plotly_locale(lang)},
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_name(context, lang),
            "width": _IMAGE_WIDTH,
            "height": height,
            "scale": _IMAGE_SCALE,
        },
    }
