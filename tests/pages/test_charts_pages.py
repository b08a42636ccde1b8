"""Every chart on the pages carries its context and its point in words (issue #17):

* the figure itself has a title, a subtitle with the part, the unit and the quarter, and the
  source under it, so a downloaded PNG says what it shows, where it came from and as of when;
* the download (plotly's camera button) is named after what is shown, the part and the quarter,
  not ``plot-image.png``;
* plotly's own controls speak the page's language (``config.locale`` with the texts in
  ``config.locales``: Streamlit's plotly.js registers no locale but English) and numbers use
  the language's separators;
* a short text summary stands right above the chart-and-table tabs.
"""

from __future__ import annotations

import contextlib
import json
import re

import pytest

from data.queries import reference_data
from data.store import open_reader
from metrics.constants import STATUSES
from tests.pages.test_default_views import _open, _param
from ui import pages
from ui.i18n import t
from ui.state import part_label

# (page, extra URL parameters): every page that draws a chart, on a view where it draws one.
CHART_VIEWS = {
    "overview": (pages.OVERVIEW.path, {"part": "KINGDOM"}),
    "action_lines": (pages.ACTION_LINES.path, {"part": "CAR_NL", "al": "AL05"}),
    "indicator": (pages.INDICATOR.path, {"part": "CAR_NL", "ind": "IND-0502"}),
    "parts": (pages.PARTS.path, {"part": "CAR_C"}),
}


def _part_name(database, part: str, lang: str) -> str:
    with contextlib.closing(open_reader(database)) as con:
        return part_label(reference_data(con).kingdom_parts, part, lang)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("view", list(CHART_VIEWS))
def test_every_chart_carries_title_unit_source_and_quarter_and_a_named_download(
    demo_app_db, view, lang
):
    page, params = CHART_VIEWS[view]
    at = _open(page, lang=lang, **params)
    charts = at.get("plotly_chart")
    assert charts, "the view draws a chart"
    part = _part_name(demo_app_db, params["part"], lang)
    # The quarter as the sidebar and the tables write it, in either language (2026Q3).
    quarter = _param(at, "q")
    for chart in charts:
        layout = json.loads(chart.proto.spec)["layout"]
        title = layout["title"]
        assert title["text"].strip(), "a title in the figure"
        subtitle, source = title["subtitle"]["text"].split("<br>")[:2]
        assert part in subtitle and quarter in subtitle
        assert source.startswith(t("charts.source_word", lang) + ": ")
        assert layout["separators"] == (",." if lang == "nl" else ".,")

        config = json.loads(chart.proto.config)
        download = config["toImageButtonOptions"]
        assert download["format"] == "png" and download["scale"] >= 2
        name = download["filename"]
        assert name != "plot-image" and re.fullmatch(r"[A-Za-z0-9_-]+", name), name
        assert name.endswith(f"_{_slug(part)}_{_slug(quarter)}"), name
        if view in ("indicator", "action_lines"):
            # named after the indicator shown, which is also in the title
            indicator_id = name.split("_")[0]
            assert indicator_id.startswith("IND-") and indicator_id in title["text"]


def test_the_indicator_download_is_named_after_indicator_part_and_quarter(demo_app_db):
    page, params = CHART_VIEWS["indicator"]
    at = _open(page, lang="nl", **params)
    (chart,) = at.get("plotly_chart")
    name = json.loads(chart.proto.config)["toImageButtonOptions"]["filename"]
    assert name == f"IND-0502_Caribisch-Nederland_{_param(at, 'q')}"
    layout = json.loads(chart.proto.spec)["layout"]
    assert layout["yaxis"]["title"]["text"] in layout["title"]["subtitle"]["text"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plotly_controls_get_the_language_through_the_config(demo_app_db, lang):
    page, params = CHART_VIEWS["indicator"]
    (chart,) = _open(page, lang=lang, **params).get("plotly_chart")
    config = json.loads(chart.proto.config)
    assert config["locale"] == lang
    dictionary = config["locales"][lang]["dictionary"]
    assert dictionary["Download plot as a PNG"] == t("charts.plotly.download_png", lang)
    assert dictionary["Reset axes"] == t("charts.plotly.reset_axes", lang)
    assert config["displaylogo"] is False


def _summaries_before_charts(node, found: list[tuple[str, str]]) -> None:
    """(summary text, chart id) for every tab container holding a chart: the summary is the
    Markdown element right before the tabs ("" when there is none)."""
    children = list(getattr(node, "children", {}).values())
    for position, child in enumerate(children):
        if getattr(child, "type", "") == "tab_container":
            charts = [
                element
                for tab in child.children.values()
                for element in tab.children.values()
                if getattr(element, "type", "") == "plotly_chart"
            ]
            if charts:
                before = children[position - 1] if position else None
                text = before.value if getattr(before, "type", "") == "markdown" else ""
                found.append((text, charts[0].proto.id))
        _summaries_before_charts(child, found)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("view", list(CHART_VIEWS))
def test_every_chart_has_a_text_summary_above_its_tabs(demo_app_db, view, lang):
    page, params = CHART_VIEWS[view]
    at = _open(page, lang=lang, **params)
    found: list[tuple[str, str]] = []
    _summaries_before_charts(at.main, found)
    assert len(found) == len(at.get("plotly_chart")) > 0
    series_word = t("charts.summary.series", lang, n=2).split()[-1]
    for text, chart_id in found:
        assert text, f"no summary above {chart_id}"
        if view in ("overview", "parts"):
            # a distribution: how many series, then the counts per status in words
            assert series_word in text
            assert any(t(f"status.{s}", lang).lower() in text for s in STATUSES)
        else:
            # an indicator: each drawn part's latest value and status in words
            status_word = t("charts.summary.status", lang, status="").rstrip(": ")
            assert status_word in text
            assert any(t(f"status.{s}", lang).lower() in text for s in STATUSES)
