"""Roll-ups of series statuses for an action line, objective, theme or Kingdom part (METHOD.md).

The distribution comes first: a count per status. Then the share on track, (achieved + on_track)
divided by the assessed series (all but insufficient_data and no_target), and a mean score for
sorting and colour only. Pure: imports pandas and ``metrics`` only. Which series belong in a
roll-up (no series counted twice) is the caller's choice; see ``data.assessment.rollup_scope``.

| function | returns |
|---|---|
| ``rollup(assessment, by=[...])`` | per group: status counts, n_series, n_assessed, share, score |
| ``series_scores(status)`` | each status's roll-up score, NaN for the unassessed |

>>> frame = pd.DataFrame({"action_line_id": ["AL01", "AL01", "AL01", "AL02"],
...                       "status": ["achieved", "limited", "no_target", "insufficient_data"]})
>>> r = rollup(frame, by=["action_line_id"])
>>> r[["action_line_id", "achieved", "limited", "n_series", "n_assessed"]].to_dict("records")
[{'action_line_id': 'AL01', 'achieved': 1, 'limited': 1, 'n_series': 3, 'n_assessed': 2}, \
{'action_line_id': 'AL02', 'achieved': 0, 'limited': 0, 'n_series': 1, 'n_assessed': 0}]
>>> r["share_on_track"].tolist(), r["mean_score"].tolist()
([0.5, nan], [0.5, nan])
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.constants import ASSESSED_STATUSES, ROLLUP_SCORES, STATUSES
from metrics.errors import MetricError

__all__ = ["ROLLUP_COLUMNS", "rollup", "series_scores"]

# Columns after the group keys, in this order.
ROLLUP_COLUMNS: tuple[str, ...] = (
    *STATUSES,
    "n_series",
    "n_assessed",
    "share_on_track",
    "mean_score",
)

_ON_TRACK = ("achieved", "on_track")


def series_scores(status: pd.Series) -> pd.Series:
    """The roll-up score of each series' status; NaN for insufficient_data and no_target."""
    unknown = sorted(set(pd.unique(status.dropna())) - set(STATUSES))
    if unknown or status.isna().any():
        named = ", ".join(map(str, unknown)) or "a missing status"
        raise MetricError(f"rollup: {named} is not a status ({', '.join(STATUSES)})")
    return status.map(ROLLUP_SCORES).astype(float)


def rollup(assessment: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per group of ``by`` columns: the count of each status and the summary figures.

    One row per group present in ``assessment`` (sorted by the keys), or one row for the whole
    frame when ``by`` is empty. ``share_on_track`` and ``mean_score`` are NaN for a group with no
    assessed series.
    """
    keys = list(by)
    missing = [c for c in [*keys, "status"] if c not in assessment.columns]
    if missing:
        raise MetricError(f"rollup: the assessment lacks the columns {', '.join(missing)}")
    status = assessment["status"]
    scores = series_scores(status)

    # One indicator column per status, so a groupby sum gives every count at once.
    parts = {name: (status == name).astype("int64") for name in STATUSES}
    parts["n_series"] = pd.Series(1, index=assessment.index, dtype="int64")
    parts["n_assessed"] = status.isin(ASSESSED_STATUSES).astype("int64")
    parts["score"] = scores
    frame = pd.DataFrame(parts, index=assessment.index)

    if keys:
        grouped = frame.groupby([assessment[k] for k in keys], sort=True, dropna=False)
        totals = grouped[[*STATUSES, "n_series", "n_assessed"]].sum()
        score_sum = grouped["score"].sum(min_count=1)
        result = totals.reset_index()
        score_sum = score_sum.to_numpy()
    else:
        result = frame[[*STATUSES, "n_series", "n_assessed"]].sum().to_frame().T
        result = result.astype("int64")
        score_sum = np.array([scores.sum(min_count=1)], dtype=float)

    assessed = result["n_assessed"].to_numpy(dtype=float)
    on_track = result[list(_ON_TRACK)].sum(axis=1).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share_on_track"] = np.where(assessed > 0, on_track / assessed, np.nan)
        result["mean_score"] = np.where(assessed > 0, score_sum / assessed, np.nan)
    return result[[*keys, *ROLLUP_COLUMNS]].reset_index(drop=True)
