"""The Method page's content: METHOD.md in plain words, with every number read from metrics.

Nothing here restates a threshold: the texts have placeholders filled from ``metrics.constants``,
so a new methodology version changes the page by changing the constants. The same goes for the
action rules (v2 item 3): which statuses there are, when one goes stale, which are final and
which count in the share on schedule are read from the constants, never written in a text.

| function | returns |
|---|---|
| ``method_sections(lang)`` | the indicator method, section by section, as Markdown |
| ``thresholds_table(lang)`` | each indicator status with its rule |
| ``action_rules(lang)`` | the action rules as Markdown |
| ``action_status_table(lang)`` | each action status: meaning, share on schedule, staleness |
| ``sources_table(catalogue, lang)`` | every data source with its indicators and owners |
"""

from __future__ import annotations

import pandas as pd

from metrics import constants
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from ui.catalogue_terms import catalogue_term
from ui.format import format_number, format_share
from ui.i18n import t
from ui.palette import action_status_text, status_text

__all__ = [
    "SECTIONS",
    "action_rules",
    "action_status_table",
    "method_sections",
    "sources_table",
    "thresholds_table",
]

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


def _action_labels(statuses: tuple[str, ...], lang: str, *, joiner: str = ", ") -> str:
    return joiner.join(f"*{t(f'action_status.{status}', lang)}*" for status in statuses)


def action_rules(lang: str) -> str:
    """The action rules in plain words: the statuses, carrying forward and staleness, final
    statuses, never reported, the share on schedule and its denominator, never mixed with the
    series. Every status name and number is filled in from ``metrics.constants``."""
    return t(
        "method_actions.text",
        lang,
        statuses=_action_labels(constants.ACTION_STATUSES, lang),
        stale_after=constants.ACTION_STALE_AFTER_QUARTERS,
        stale=t("action_status.stale", lang),
        final=_action_labels(constants.ACTION_FINAL_STATUSES, lang),
        not_reported=t(f"action_status.{constants.NOT_REPORTED}", lang),
        on_schedule=_action_labels(constants.ACTION_ON_SCHEDULE_STATUSES, lang, joiner=" + "),
        uncounted=_action_labels(constants.ACTION_UNCOUNTED_STATUSES, lang),
    )


def action_status_table(lang: str) -> pd.DataFrame:
    """Each action status (symbol and label) with its meaning, its place in the share on
    schedule, and whether and when it goes stale; all read from ``metrics.constants``."""

    def share(status: str) -> str:
        if status in constants.ACTION_ON_SCHEDULE_STATUSES:
            return t("method_actions.share_numerator", lang)
        if status in constants.ACTION_UNCOUNTED_STATUSES:
            return t("method_actions.share_uncounted", lang)
        return t("method_actions.share_denominator", lang)

    def staleness(status: str) -> str:
        if status == constants.NOT_REPORTED:
            return t("method_actions.stale_always", lang)
        if status in constants.ACTION_FINAL_STATUSES:
            return t("method_actions.stale_never", lang)
        return t("method_actions.stale_after", lang, n=constants.ACTION_STALE_AFTER_QUARTERS)

    statuses = ACTION_DISTRIBUTION_STATUSES
    return pd.DataFrame(
        {
            t("method_actions.status", lang): [action_status_text(s, lang) for s in statuses],
            t("method_actions.meaning", lang): [t(f"method_actions.{s}", lang) for s in statuses],
            t("method_actions.share", lang): [share(s) for s in statuses],
            t("method_actions.staleness", lang): [staleness(s) for s in statuses],
        }
    )


def sources_table(catalogue: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every data source, with the indicators it feeds and who owns them, in ``lang``
    (``ui.catalogue_terms``), sorted by the source's name in ``lang``."""
    named = catalogue.assign(
        source=[catalogue_term(s, "source", lang) for s in catalogue["source"]],
        owner=[catalogue_term(o, "owner", lang) for o in catalogue["owner"]],
    )
    rows = []
    for source, group in named.groupby("source", sort=True):
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
