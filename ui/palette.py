"""Colours and symbols, defined once: the Okabe–Ito colour-blind-safe palette, a symbol per status.

A status is never shown by colour alone: ``status_text`` pairs its symbol with its translated
label, and every chart or cell that uses a status colour also carries that text.

A roll-up's mean score (METHOD.md: achieved 2 … deterioration −2) is coloured in the same
palette, binned rather than blended: ``score_status`` names the status whose score is nearest
(exactly half-way: the lower one, so a colour never flatters), ``score_colour`` gives its colour,
or ``NO_SCORE_COLOUR`` when nothing is assessed. Text on any of these backgrounds is black or
white, whichever contrasts more (``text_colour``; WCAG 2 ``contrast_ratio``): at least 4.5:1 on
every one of them, which a test checks.

| function | returns |
|---|---|
| ``status_text(status, lang)`` | ``▲ Op koers``: symbol and label |
| ``action_status_text(status, lang, *, stale)`` | the same for an action status |
| ``series_colour(position)`` | the colour of the n-th series on a chart |
| ``score_status(score)`` | the status a mean score is coloured as (None: nothing assessed) |
| ``score_colour(score)`` | that status's colour, or ``NO_SCORE_COLOUR`` |
| ``contrast_ratio(foreground, background)`` | WCAG 2 contrast ratio of two ``#RRGGBB`` colours |
| ``text_colour(background)`` | black or white, whichever contrasts more with ``background`` |
"""

from __future__ import annotations

from typing import Final

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import ROLLUP_SCORES, STATUSES
from ui.i18n import t

__all__ = [
    "ACTION_STATUS_COLOURS",
    "ACTION_STATUS_SYMBOLS",
    "DARK_TEXT",
    "LIGHT_TEXT",
    "NEUTRAL",
    "NO_SCORE_COLOUR",
    "OKABE_ITO",
    "PATH_COLOUR",
    "SERIES_COLOURS",
    "STATUS_COLOURS",
    "STATUS_SYMBOLS",
    "TARGET_COLOUR",
    "action_status_text",
    "contrast_ratio",
    "score_colour",
    "score_status",
    "series_colour",
    "status_text",
    "text_colour",
]

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency.
OKABE_ITO: Final = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
NEUTRAL: Final = "#8C8C8C"

STATUS_COLOURS: Final = {
    "achieved": OKABE_ITO["blue"],
    "on_track": OKABE_ITO["bluish_green"],
    "moderate": OKABE_ITO["yellow"],
    "limited": OKABE_ITO["orange"],
    "deterioration": OKABE_ITO["vermillion"],
    "insufficient_data": NEUTRAL,
    "no_target": "#C8C8C8",
}
# Distinct shapes, readable in print and by screen readers as characters.
STATUS_SYMBOLS: Final = {
    "achieved": "✔",
    "on_track": "▲",
    "moderate": "◆",
    "limited": "▼",
    "deterioration": "✖",
    "insufficient_data": "?",
    "no_target": "–",
}
assert set(STATUS_COLOURS) == set(STATUSES) == set(STATUS_SYMBOLS)

# Actions have statuses of their own (never the indicators' colours with another meaning: the
# two distributions stand side by side). Same palette, own shapes.
ACTION_STATUS_COLOURS: Final = {
    "completed": OKABE_ITO["blue"],
    "on_schedule": OKABE_ITO["bluish_green"],
    "at_risk": OKABE_ITO["yellow"],
    "delayed": OKABE_ITO["vermillion"],
    "not_started": OKABE_ITO["sky_blue"],
    "discontinued": "#C8C8C8",
    "not_reported": NEUTRAL,
}
ACTION_STATUS_SYMBOLS: Final = {
    "completed": "●",
    "on_schedule": "►",
    "at_risk": "◐",
    "delayed": "■",
    "not_started": "○",
    "discontinued": "⊘",
    "not_reported": "?",
}
assert set(ACTION_STATUS_COLOURS) == set(ACTION_DISTRIBUTION_STATUSES) == set(ACTION_STATUS_SYMBOLS)

# Series colours in a fixed order, so a part keeps its colour on every chart of a page.
SERIES_COLOURS: Final = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["black"],
    OKABE_ITO["yellow"],
)
PATH_COLOUR: Final = NEUTRAL
TARGET_COLOUR: Final = OKABE_ITO["black"]

# A roll-up with nothing assessed: a pale grey no status uses (the cell also says so in words).
NO_SCORE_COLOUR: Final = "#F2F2F2"
DARK_TEXT: Final = "#000000"
LIGHT_TEXT: Final = "#FFFFFF"
# A mean of integer scores is exact, but one recomputed from summed rows may be off by 1e-15:
# round before binning so a half-way score is recognised as such.
_SCORE_DECIMALS = 9


def series_colour(position: int) -> str:
    return SERIES_COLOURS[position % len(SERIES_COLOURS)]


def status_text(status: str | None, lang: str) -> str:
    """The status's symbol and label, e.g. ``▲ Op koers``; unknown or missing: a dash."""
    if status not in STATUS_SYMBOLS:
        return "–"
    return f"{STATUS_SYMBOLS[status]} {t(f'status.{status}', lang)}"


def action_status_text(status: str | None, lang: str, *, stale: bool = False) -> str:
    """An action status's symbol and label, e.g. ``■ Vertraagd``, with "(verouderd)" when the
    status is carried forward past its staleness; unknown or missing: a dash."""
    if status not in ACTION_STATUS_SYMBOLS:
        return "–"
    text = f"{ACTION_STATUS_SYMBOLS[status]} {t(f'action_status.{status}', lang)}"
    return f"{text} ({t('action_status.stale', lang)})" if stale else text


def score_status(score: float | None) -> str | None:
    """The status a roll-up's mean score is coloured as: the one whose score (``ROLLUP_SCORES``)
    is nearest; exactly half-way between two, the lower. None or NaN (nothing assessed): None.

    >>> [score_status(s) for s in (2.0, 1.5, 1.4, 0.5, 0.0, -0.5, -1.6, None)]
    ['achieved', 'on_track', 'on_track', 'moderate', 'moderate', 'limited', 'deterioration', None]
    """
    if score is None or score != score:
        return None
    value = round(float(score), _SCORE_DECIMALS)
    ranked = sorted(ROLLUP_SCORES.items(), key=lambda item: item[1], reverse=True)
    for status, status_score in ranked:
        if value > status_score - 0.5:
            return status
    return ranked[-1][0]


def score_colour(score: float | None) -> str:
    """The background for a roll-up's mean score: its status's colour, or ``NO_SCORE_COLOUR``."""
    status = score_status(score)
    return NO_SCORE_COLOUR if status is None else STATUS_COLOURS[status]


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two ``#RRGGBB`` colours, 1 to 21 (AA text: at least 4.5)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(background: str) -> str:
    """Black or white text, whichever contrasts more with ``background``."""
    dark, light = contrast_ratio(DARK_TEXT, background), contrast_ratio(LIGHT_TEXT, background)
    return DARK_TEXT if dark >= light else LIGHT_TEXT
