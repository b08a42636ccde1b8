"""In a real browser, a chart speaks the page's language and its PNG download says what it shows
(issue #17): plotly's modebar buttons are titled in Dutch on a Dutch page (through
``config.locales``: the plotly.js bundled with Streamlit registers English only), numbers and
hover labels use the Dutch decimal comma and quarters as the tables write them (``2025Q4``), and
the camera button
downloads a PNG named after the indicator, the part and the quarter, not ``plot-image.png``."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from ui.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The Kingdom's defence spending, a share of GDP drawn with decimals (ticks 2, 2,5, 3 ...).
INDICATOR = "IND-0101"
PART_NAMES = {"nl": "Koninkrijk-der-Nederlanden", "en": "Kingdom-of-the-Netherlands"}


def _open_chart(page, url: str, lang: str):
    page.goto(f"{url}/indicator?lang={lang}&part=KINGDOM&ind={INDICATOR}")
    chart = page.locator(".js-plotly-plot").first
    chart.locator(".scatterlayer .points path").first.wait_for(timeout=120_000)
    chart.scroll_into_view_if_needed()
    chart.hover()
    return chart


def _quarter(page) -> str:
    return parse_qs(urlparse(page.url).query)["q"][0]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_png_download_is_named_after_indicator_part_and_quarter(
    streamlit_server, browser_page, tmp_path, lang
):
    page = browser_page
    chart = _open_chart(page, streamlit_server, lang)
    camera = chart.locator(".modebar-btn").first  # plotly puts the camera first
    assert camera.get_attribute("data-title") == t("charts.plotly.download_png", lang)
    with page.expect_download(timeout=60_000) as download_info:
        camera.click()
    download = download_info.value
    quarter = _quarter(page)
    expected = f"{INDICATOR}_{PART_NAMES[lang]}_{quarter}"
    assert download.suggested_filename == f"{expected}.png"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert Path(saved).read_bytes()[:8] == PNG_SIGNATURE


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_plotly_controls_numbers_and_quarters_follow_the_language(
    streamlit_server, browser_page, lang
):
    page = browser_page
    chart = _open_chart(page, streamlit_server, lang)
    titles = chart.locator(".modebar-btn").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('data-title'))"
    )
    for key in ("download_png", "zoom_in", "zoom_out", "reset_axes"):
        assert t(f"charts.plotly.{key}", lang) in titles
    if lang == "nl":
        assert "Download plot as a PNG" not in titles and "Zoom in" not in titles
    ticks = chart.locator(".ytick text").all_text_contents()
    decimal, other = (",", ".") if lang == "nl" else (".", ",")
    assert any(decimal in tick for tick in ticks), ticks
    assert not any(other in tick for tick in ticks), ticks

    chart.locator(".scatterlayer .trace .points path").first.hover(force=True)
    hover = page.locator(".hoverlayer text").first
    hover.wait_for(timeout=10_000)
    text = hover.text_content() or ""
    # the quarter as the table beside the chart writes it (2025Q4), not a date plotly made up
    assert re.search(r"\d{4}Q[1-4]:", text), text
    # the hovered value is written with the language's decimal mark: 1,70 or 1.70
    assert decimal in text.split(":")[-1], text
