"""Colours and symbols, defined once: the Okabe–Ito colour-blind-safe palette, a symbol per status.

A status is never shown by colour alone: ``status_text`` pairs its symbol with its translated
label, and every chart or cell that uses a status colour also carries that text.
"""

from __future__ import annotations

from typing import Final

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import STATUSES
from ui.i18n import t

__all__ = [
    "ACTION_STATUS_COLOURS",
    "ACTION_STATUS_SYMBOLS",
    "NEUTRAL",
    "OKABE_ITO",
    "PATH_COLOUR",
    "SERIES_COLOURS",
    "STATUS_COLOURS",
    "STATUS_SYMBOLS",
    "TARGET_COLOUR",
    "action_status_text",
    "series_colour",
    "status_text",
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
