"""Roll-ups of series statuses for an action line, objective, theme or Kingdom part (METHOD.md).

The distribution comes first: a count per status. Then the share on track, (achieved + on_track)
divided by the assessed series (all but insufficient_data and no_target), and a mean score for
sorting and colour only. Pure. Which series belong in a roll-up (no series counted twice) is the
caller's choice; see ``data.rollup_scope.rollup_scope``. Totals over several roll-up rows (a part's
rows per objective, say) come from ``rollup_totals``, never from averaging the rows' shares.

| function | returns |
|---|---|
| ``rollup(assessment, by=[...])`` | per group: status counts, n_series, n_assessed, share, score |
| ``rollup_totals(rollups, by=[...])`` | roll-up rows summed per group; share, score anew |
| ``series_scores(status)`` | each status's roll-up score, NaN for the unassessed |

>>> frame = pd.DataFrame({"action_line_id": ["AL01", "AL01", "AL01", "AL02"],
...                       "status": ["achieved", "limited", "no_target", "insufficient_data"]})
>>> r = rollup(frame, by=["action_line_id"])
>>> r[["action_line_id", "achieved", "limited", "n_series", "n_assessed"]].to_dict("records")
[{'action_line_id': 'AL01', 'achieved': 1, 'limited': 1, 'n_series': 3, 'n_assessed': 2}, \
{'action_line_id': 'AL02', 'achieved': 0, 'limited': 0, 'n_series': 1, 'n_assessed': 0}]
>>> r["share_on_track"].tolist(), r["mean_score"].tolist()
([0.5, nan], [0.5, nan])
>>> totals = rollup_totals(r)
>>> totals[["n_series", "n_assessed", "share_on_track", "mean_score"]].to_dict("records")
[{'n_series': 4, 'n_assessed': 2, 'share_on_track': 0.5, 'mean_score': 0.5}]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from metrics.constants import ASSESSED_STATUSES, ROLLUP_SCORES, STATUSES
from metrics.errors import MetricError

__all__ = ["ROLLUP_COLUMNS", "rollup", "rollup_totals", "series_scores"]

# Columns after the group keys, in this order.
ROLLUP_COLUMNS: tuple[str, ...] = (
    *STATUSES,
    "n_series",
    "n_assessed",
    "share_on_track",
    "mean_score",
)

_ON_TRACK = ("achieved", "on_track")
_COUNTS = (*STATUSES, "n_series", "n_assessed")


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
        totals = grouped[list(_COUNTS)].sum()
        score_sum = grouped["score"].sum(min_count=1)
        result = totals.reset_index()
        score_sum = score_sum.to_numpy()
    else:
        result = frame[list(_COUNTS)].sum().to_frame().T
        result = result.astype("int64")
        score_sum = np.array([scores.sum(min_count=1)], dtype=float)

    return _summarised(result, score_sum, keys)


def rollup_totals(rollups: pd.DataFrame, by: Sequence[str] = ()) -> pd.DataFrame:
    """Rows of a ``rollup`` result summed per group of ``by`` (the whole frame when empty).

    The counts add up; ``share_on_track`` and ``mean_score`` are computed again from the summed
    counts and scores exactly as ``rollup`` computes them, never averaged from the rows' shares.
    An empty ``rollups`` gives zero counts and NaN share and score (no ``by``) or no rows.
    """
    keys = list(by)
    missing = [c for c in [*keys, *_COUNTS, "mean_score"] if c not in rollups.columns]
    if missing:
        raise MetricError(f"rollup_totals: the roll-ups lack the columns {', '.join(missing)}")
    frame = rollups[list(_COUNTS)].astype("int64")
    # A row's score sum is its mean times its assessed series; NaN (none assessed) adds nothing.
    scores = (rollups["mean_score"] * rollups["n_assessed"]).astype(float)
    if keys:
        grouped = frame.groupby([rollups[k] for k in keys], sort=True, dropna=False)
        result = grouped.sum().reset_index()
        score_sum = scores.groupby([rollups[k] for k in keys], sort=True, dropna=False)
        score_sum = score_sum.sum(min_count=1).to_numpy()
    else:
        result = frame.sum().to_frame().T.astype("int64")
        score_sum = np.array([scores.sum(min_count=1)], dtype=float)
    return _summarised(result, score_sum, keys)


def _summarised(result: pd.DataFrame, score_sum: np.ndarray, keys: list[str]) -> pd.DataFrame:
    """``result`` (keys and counts) with the share on track and the mean score added."""
    assessed = result["n_assessed"].to_numpy(dtype=float)
    on_track = result[list(_ON_TRACK)].sum(axis=1).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share_on_track"] = np.where(assessed > 0, on_track / assessed, np.nan)
        result["mean_score"] = np.where(assessed > 0, score_sum / assessed, np.nan)
    return result[[*keys, *ROLLUP_COLUMNS]].reset_index(drop=True)
