"""Numbers, shares and quarters as each language writes them: Dutch ``1.234,5``, English
``1,234.5``; a quarter ``2026Q3`` in both (the sidebar's, the tables', the template's).

Only for what the screen shows; exports have their own dialects (no thousands separators).
"""

from __future__ import annotations

import math
import re

from ui.i18n import t

__all__ = ["format_number", "format_quarter", "format_share"]

_MISSING = "–"


def format_number(value: float | None, decimals: int, lang: str) -> str:
    """``value`` rounded to ``decimals`` with the language's separators; a dash when missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return _MISSING
    try:
        if value != value:  # pandas NA and numpy NaN both fail equality with themselves
            return _MISSING
    except TypeError:
        return _MISSING
    text = f"{float(value):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_share(value: float | None, lang: str, decimals: int = 0) -> str:
    """A share (0.42) as a percentage (``42 %`` in Dutch, ``42%`` in English)."""
    number = format_number(None if value is None else value * 100, decimals, lang)
    if number == _MISSING:
        return number
    return f"{number} %" if lang == "nl" else f"{number}%"


def format_quarter(period: str, lang: str) -> str:
    """A quarter (``2026Q3``) as the dashboard writes it in ``lang`` (``charts.quarter``):
    ``2026Q3`` in both, the notation of the sidebar, the tables, the template and the exports,
    so that a chart, its summary and the table beside it name a quarter alike; anything else as
    it is."""
    match = re.fullmatch(r"(\d{4})Q([1-4])", period)
    if match is None:
        return period
    return t("charts.quarter", lang, year=match.group(1), number=match.group(2))
