"""A chart's context (``ui.chart_context``): title, subtitle, source line in the figure (so in its
PNG), the download's name, and plotly's own texts in the language."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui.chart_context import (
    distribution_context,
    file_name,
    indicator_context,
    plotly_config,
    with_context,
)
from ui.charts import distribution_figure
from ui.i18n import t

INDICATOR = {
    "indicator_id": "IND-0502",
    "name_nl": "Geregistreerde misdrijven per 1.000 inwoners",
    "name_en": "Recorded crimes per 1,000 inhabitants",
    "unit_nl": "per 1.000 inwoners",
    "unit_en": "per 1,000 inhabitants",
    "source": "Politie; KPCN",
}


def test_an_indicator_chart_is_titled_dated_and_sourced():
    context = indicator_context(INDICATOR, part="Curaçao", quarter="2026Q3", lang="nl")
    shown = with_context(go.Figure().update_layout(height=340), context, "nl")
    assert shown.layout.title.text == "IND-0502 · Geregistreerde misdrijven per 1.000 inwoners"
    subtitle, source = shown.layout.title.subtitle.text.split("<br>")
    assert subtitle == "Curaçao · per 1.000 inwoners · stand 2026Q3"
    assert source.startswith("Bron: Politie; KPCN. Bewerking: Voortgangsmonitor")
    # the plot keeps its height: the figure grows by the room the header takes
    assert shown.layout.height > 340
    assert shown.layout.margin.t - 30 == shown.layout.height - 340


def test_the_figure_given_is_left_as_it_was():
    figure = go.Figure().update_layout(height=340)
    with_context(
        figure, indicator_context(INDICATOR, part="Aruba", quarter="2026Q3", lang="en"), "en"
    )
    assert figure.layout.title.text is None and not figure.layout.annotations


@pytest.mark.parametrize(
    ("lang", "source"),
    [
        ("nl", "Bron: Risico- en crisisbarometer (illustratief item). Bewerking:"),
        ("en", "Source: Risk and crisis barometer (illustrative item). Processed by:"),
    ],
)
def test_the_source_is_in_the_language_as_the_indicators_facts_write_it(lang, source):
    # The catalogue writes its sources in Dutch; the facts beside the chart translate them
    # through the fixed vocabulary (ui.catalogue_terms), and so does the chart (and its PNG).
    indicator = {**INDICATOR, "source": "Risico- en crisisbarometer (illustratief item)"}
    context = indicator_context(indicator, part="Saba", quarter="2026Q3", lang=lang)
    assert context.source.startswith(source)


def test_text_is_shown_as_itself_and_long_lines_wrap():
    indicator = {**INDICATOR, "name_nl": "<b>vet</b> & " + "lang " * 40}
    context = indicator_context(indicator, part="Saba", quarter="2026Q3", lang="nl")
    shown = with_context(go.Figure().update_layout(height=340), context, "nl")
    assert shown.layout.title.text.startswith("IND-0502 · &lt;b&gt;vet&lt;/b&gt; &amp; lang")
    assert "<br>" in shown.layout.title.text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", "IND-0502_Curacao_2026Q3"),
        ("en", "IND-0502_Curacao_2026Q3"),
    ],
)
def test_the_download_is_named_after_indicator_part_and_quarter(lang, expected):
    context = indicator_context(INDICATOR, part="Curaçao", quarter="2026Q3", lang=lang)
    assert file_name(context, lang) == expected
    config = plotly_config(context, lang, height=450)
    assert config["toImageButtonOptions"] == {
        "format": "png",
        "filename": expected,
        "width": 1000,
        "height": 450,
        "scale": 2,
    }


def test_a_distribution_is_named_after_what_it_counts():
    context = distribution_context(
        "Deel", part="Caribisch Nederland", quarter="2026Q3", lang="nl", subject="AL04"
    )
    assert context.title == "AL04 · Status van de reeksen per deel"
    assert file_name(context, "nl") == "status-per-deel_AL04_Caribisch-Nederland_2026Q3"
    overview = distribution_context("Objective", part="Kingdom", quarter="2026Q1", lang="en")
    assert overview.title == "Status of the series per objective"
    assert overview.unit == t("chart.series_count", "en")
    assert file_name(overview, "en") == "status-per-objective_Kingdom_2026Q1"


def test_a_legend_above_the_plot_moves_under_the_subtitle():
    counts = pd.DataFrame({"label": ["O1"], "on_track": [3], "limited": [1]})
    figure = distribution_figure(counts, row_label="Hoofddoel", lang="nl")
    context = distribution_context("Hoofddoel", part="Saba", quarter="2026Q3", lang="nl")
    shown = with_context(figure, context, "nl")
    legend = shown.layout.legend
    assert legend.yref == "container" and legend.yanchor == "top"
    # below the title and subtitle, which take the top of the figure
    assert legend.y * shown.layout.height < shown.layout.height - 58


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plotly_texts_come_from_the_catalog_with_the_number_format(lang):
    context = indicator_context(INDICATOR, part="Saba", quarter="2026Q3", lang=lang)
    config = plotly_config(context, lang, height=400)
    assert config["locale"] == lang and config["displaylogo"] is False
    locale = config["locales"][lang]
    assert locale["dictionary"]["Zoom in"] == t("charts.plotly.zoom_in", lang)
    assert locale["format"] == (
        {"decimal": ",", "thousands": "."} if lang == "nl" else {"decimal": ".", "thousands": ","}
    )
