"""What the Overview's heat map and tiles should show, from first principles: the reported (not
derived) series a cell or tile counts, their mean score (METHOD.md's scores), and the counts in the
words a screen reader says; hand-made roll-ups for the unit tests. Used by the tests of the
Overview at a glance."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd

from data.current_assessment import current_assessment
from data.queries import Reference, indicator_catalogue, reference_data
from data.store import open_reader
from metrics.constants import ROLLUP_SCORES, STATUSES
from metrics.rollup import rollup
from ui.i18n import t
from ui.kingdom import ancestors, subtree


def demo_facts(database: Path) -> tuple[Reference, pd.DataFrame, pd.DataFrame]:
    """The reference data, the indicator catalogue and the reported series (as of the latest
    quarter) of ``database``."""
    with contextlib.closing(open_reader(database)) as con:
        reference = reference_data(con)
        assessment = current_assessment(con, as_of=reference.latest_quarter)
        return reference, indicator_catalogue(con), reported(assessment)


def reported(assessment: pd.DataFrame) -> pd.DataFrame:
    """The series as reported: the values derived for a part are left out (never counted)."""
    return assessment.loc[~assessment["is_derived"].astype(bool)]


def cell_statuses(
    series: pd.DataFrame,
    catalogue: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    action_line_id: str,
    part_id: str,
) -> list[str]:
    """The statuses of the reported ``series`` of an action line's indicators in a part's
    subtree."""
    indicators = catalogue.loc[catalogue["action_line_id"] == action_line_id, "indicator_id"]
    inside = series["indicator_id"].isin(indicators) & series["part_id"].isin(
        subtree(parts, part_id)
    )
    return list(series.loc[inside, "status"])


def mean_score(statuses: list[str]) -> float | None:
    scores = [ROLLUP_SCORES[status] for status in statuses if status in ROLLUP_SCORES]
    return sum(scores) / len(scores) if scores else None


def spoken(statuses: list[str], lang: str) -> str:
    """``1 bereikt, 2 matig``; no series, or nothing assessed, said so."""
    if not statuses:
        return t("matrix_counted.none", lang)
    words = ", ".join(
        t(f"glance.count.{status}", lang, n=statuses.count(status))
        for status in STATUSES
        if status in statuses
    )
    if mean_score(statuses) is None:
        words += f"; {t('glance.not_assessed', lang)}"
    return words


def scoped_rollup(
    parts: pd.DataFrame, series: list[tuple[str, str, str]], *, key: str
) -> pd.DataFrame:
    """Hand-made ``series`` (group, reporting part, status) rolled up per part and ``key`` as
    ``data.rollup_scope`` does: each series counted in its part and every part above it."""
    rows = [
        {"scope_part_id": scope, key: group, "status": status}
        for group, part, status in series
        for scope in ancestors(parts, part)
    ]
    return rollup(pd.DataFrame(rows), by=["scope_part_id", key])
