"""The theme (.streamlit/config.toml) in the Dutch government's colours, each readable where it
is drawn (WCAG 2.1 AA: 4.5:1 for text, 3:1 for a focus outline), and never Streamlit's red; the
stylesheet's own colours (ui/style.py) measured the same way."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from ui import style

ROOT = Path(__file__).resolve().parents[2]
STREAMLIT_RED = "#FF4B4B"
WHITE = "#FFFFFF"
# Rijkshuisstijl blues (lintblauw, donkerblauw, hemelblauw).
RIJKSHUISSTIJL = {"#01689B", "#154273", "#007BC7"}


def _theme() -> dict[str, object]:
    with (ROOT / ".streamlit" / "config.toml").open("rb") as handle:
        return tomllib.load(handle)["theme"]


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    darker, lighter = sorted((_luminance(first), _luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_matches_known_ratios():
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)
    assert contrast(STREAMLIT_RED, WHITE) < 4.5  # 3.3:1: why Streamlit's red cannot carry text


def test_the_primary_colour_is_a_government_blue_readable_on_every_background():
    theme = _theme()
    primary = str(theme["primaryColor"]).upper()
    assert primary in RIJKSHUISSTIJL and primary != STREAMLIT_RED
    background = str(theme.get("backgroundColor", WHITE))
    assert contrast(primary, background) >= 4.5
    # Links and the active tab on the sidebar's background; white text on a primary button.
    assert contrast(primary, str(theme["secondaryBackgroundColor"])) >= 4.5
    assert contrast(primary, WHITE) >= 4.5


def test_links_text_and_errors_are_readable_and_not_streamlit_red():
    theme = _theme()
    for key in ("linkColor", "textColor", "redColor"):
        colour = str(theme[key])
        assert colour.upper() != STREAMLIT_RED, key
        for background in (str(theme["backgroundColor"]), str(theme["secondaryBackgroundColor"])):
            assert contrast(colour, background) >= 4.5, (key, background)


def test_the_stylesheet_colours_are_readable_on_the_page_and_the_sidebar():
    theme = _theme()
    for background in (str(theme["backgroundColor"]), str(theme["secondaryBackgroundColor"])):
        assert contrast(style.CAPTION_COLOR, background) >= 4.5
        # A focus outline is a graphical object (WCAG 1.4.11): 3:1; it is donkerblauw, far above.
        assert contrast(style.FOCUS_COLOR, background) >= 4.5
    # Around a primary (lintblauw) button the outline still stands out from the button.
    assert contrast(style.FOCUS_COLOR, str(theme["primaryColor"])) >= 1.5
    assert style.FOCUS_COLOR.upper() in RIJKSHUISSTIJL


def test_headings_get_a_size_per_level_that_decreases():
    sizes = [float(size.removesuffix("rem")) for size in _theme()["headingFontSizes"]]
    assert sizes == sorted(sizes, reverse=True) and len(sizes) == 6
