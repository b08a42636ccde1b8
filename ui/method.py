"""The Method page's content: METHOD.md in plain words, with every number read from metrics.

Nothing here restates a threshold: the texts have placeholders filled from ``metrics.constants``,
so a new methodology version changes the page by changing the constants.
"""

from __future__ import annotations

import pandas as pd

from metrics import constants
from ui.format import format_number, format_share
from ui.i18n import t
from ui.palette import status_text

__all__ = ["SECTIONS", "method_sections", "sources_table", "thresholds_table"]

SECTIONS = (
    "intro",
    "pace",
    "maintain",
    "trend",
    "flags",
    "rounding",
    "rollup",
    "parts",
    "vintage",
)


def method_sections(lang: str) -> list[str]:
    """The explanation, section by section, as Markdown."""
    stale = constants.STALE_AFTER_QUARTERS
    scores = {f"score_{name}": f"{value:+d}" for name, value in constants.ROLLUP_SCORES.items()}
    params = {
        "baseline": constants.DEFAULT_BASELINE_PERIOD,
        "target": constants.DEFAULT_TARGET_PERIOD,
        "min_points": constants.MIN_TREND_POINTS,
        "band": format_share(constants.TREND_STABLE_BAND, lang),
        "threshold_decimals": constants.THRESHOLD_DECIMALS,
        "derived_decimals": constants.DERIVED_DECIMALS,
        **{f"stale_{frequency}": quarters for frequency, quarters in stale.items()},
        **scores,
    }
    return [t(f"method_text.{section}", lang, **params) for section in SECTIONS]


def thresholds_table(lang: str) -> pd.DataFrame:
    """Each status with its rule, the cut-offs read from metrics.constants."""

    def number(value: float) -> str:
        return format_number(value, 2, lang)

    on_track, moderate = constants.ON_TRACK_THRESHOLD, constants.MODERATE_THRESHOLD
    rules = {
        "achieved": t("method_table.achieved", lang),
        "on_track": t("method_table.ratio_at_least", lang, value=number(on_track)),
        "moderate": t(
            "method_table.ratio_between", lang, low=number(moderate), high=number(on_track)
        ),
        "limited": t("method_table.ratio_below", lang, value=number(moderate)),
        "deterioration": t("method_table.ratio_negative", lang),
        "insufficient_data": t("method_table.insufficient_data", lang),
        "no_target": t("method_table.no_target", lang),
    }
    return pd.DataFrame(
        {
            t("method_table.status", lang): [status_text(s, lang) for s in constants.STATUSES],
            t("method_table.rule", lang): [rules[s] for s in constants.STATUSES],
        }
    )


def sources_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every data source, with the indicators it feeds and who owns them."""
    rows = []
    for source, group in catalogue.groupby("source", sort=True):
        rows.append(
            {
                t("method_table.source", lang): source,
                t("method_table.indicators", lang): ", ".join(
                    f"{i} {n}"
                    for i, n in zip(group["indicator_id"], group[f"name_{lang}"], strict=True)
                ),
                t("method_table.owner", lang): ", ".join(sorted(set(group["owner"]))),
            }
        )
    return pd.DataFrame.from_records(rows)
