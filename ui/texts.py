"""One series or roll-up in words: its flags, its trend, its spread of statuses.

Short translated texts the tables and the matrix put in a cell. Pure; no pandas frames in, only
a row's values (a mapping) or a list of statuses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from metrics.constants import FLAG_NAMES, STATUSES
from ui.format import format_number
from ui.i18n import t
from ui.palette import STATUS_SYMBOLS

__all__ = [
    "counts_text",
    "distribution_text",
    "flags_text",
    "is_true",
    "latest_text",
    "present",
    "trend_text",
]


def present(value: object) -> bool:
    """False for None, NaN, NA and NaT; True for any other value."""
    if value is None:
        return False
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):
        return True


def is_true(value: object) -> bool:
    """A present, truthy value (a missing flag counts as not raised)."""
    return present(value) and bool(value)


def latest_text(row: Mapping[str, object], decimals: int, lang: str) -> str:
    """The latest value with its quarter, ``12,5 (2026Q2)``; a dash when there is none."""
    if not present(row.get("latest_value")):
        return "–"
    return f"{format_number(row['latest_value'], decimals, lang)} ({row['latest_period']})"


def flags_text(row: Mapping[str, object], lang: str) -> str:
    """The flags raised on a series, translated and joined; empty when none."""
    raised = [t(f"flag.{name}", lang) for name in FLAG_NAMES if is_true(row.get(name))]
    return ", ".join(raised)


def trend_text(row: Mapping[str, object], *, decimals: int, lang: str) -> str:
    """The trend lens in words: slope per year and whether the projection meets the target."""
    slope = row.get("slope_per_year")
    if not present(slope):
        return t("trend.none", lang)
    text = t("trend.slope", lang, slope=format_number(slope, decimals + 1, lang))
    if present(row.get("trend_class")) and not present(row.get("target_value")):
        return f"{text} · {t('trend.class.' + str(row['trend_class']), lang)}"
    meets = row.get("projected_meets")
    if present(meets):
        return f"{text} · {t('trend.meets' if is_true(meets) else 'trend.misses', lang)}"
    return text


def distribution_text(statuses: Sequence[str]) -> str:
    """Counts per status with the status's symbol, best first: ``✔ 2 · ▲ 1 · ✖ 1``."""
    listed = list(statuses)
    return counts_text({status: listed.count(status) for status in STATUSES})


def counts_text(counts: Mapping[str, object]) -> str:
    """The same, from a roll-up row (one count column per status); zero counts left out."""
    return " · ".join(
        f"{STATUS_SYMBOLS[status]} {int(counts[status])}"
        for status in STATUSES
        if present(counts.get(status)) and int(counts[status]) > 0
    )
