"""The straightforward way: METHOD.md v1 as a pandas groupby-apply, one Python call per series.

This is the floor the engine is compared against in the benchmark, not production code: it
assesses directly reported series only (no derived parts) with the linear method, and reads the
thresholds from metrics.constants like everything else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.observations import observations_at_vintage
from data.sql import frame
from metrics.constants import MODERATE_THRESHOLD, ON_TRACK_THRESHOLD

__all__ = ["assess_reference"]

_TARGETS_SQL = """
SELECT
    s.indicator_id,
    s.part_id,
    i.direction,
    i.target_type,
    coalesce(own.baseline_period, kingdom.baseline_period, '2023Q1') AS baseline_period,
    own.baseline_value AS own_baseline_value,
    coalesce(own.target_period, kingdom.target_period, '2029Q4') AS target_period,
    coalesce(own.target_value, kingdom.target_value) AS target_value
FROM indicator_scope AS s
JOIN indicators AS i USING (indicator_id)
LEFT JOIN targets AS own ON own.indicator_id = s.indicator_id AND own.part_id = s.part_id
LEFT JOIN targets AS kingdom
    ON kingdom.indicator_id = s.indicator_id AND kingdom.part_id = 'KINGDOM'
WHERE i.retired_from IS NULL OR i.retired_from > $as_of
"""


def _qi(period: pd.Series) -> pd.Series:
    # metrics.periods.quarter_index, vectorised as a pandas user would write it.
    return period.str.slice(0, 4).astype(int) * 4 + period.str.slice(5, 6).astype(int) - 1


def _status(group: pd.DataFrame) -> pd.Series:
    first = group.iloc[0]
    d = 1.0 if first["direction"] == "up" else -1.0
    p0 = first["bq"]
    pt = first["tq"]
    target = first["target_value"]
    group = group.sort_values("q")
    at_base = group.loc[group["q"] == p0, "value"]
    baseline = (
        first["own_baseline_value"]
        if pd.notna(first["own_baseline_value"])
        else (at_base.iloc[0] if len(at_base) else np.nan)
    )
    latest = group.iloc[-1]
    y = latest["value"]
    if first["target_type"] == "none":
        status = "no_target"
    elif pd.isna(target) or pd.isna(baseline):
        status = "insufficient_data"
    elif first["target_type"] == "maintain_min":
        status = "achieved" if y >= target else "deterioration"
    elif first["target_type"] == "maintain_max":
        status = "achieved" if y <= target else "deterioration"
    elif d * (y - target) >= 0:
        status = "achieved"
    else:
        tau = (latest["q"] - p0) / (pt - p0)
        if tau <= 0 or target == baseline:
            status = "insufficient_data"
        else:
            ratio = ((y - baseline) / (target - baseline)) / tau
            if ratio >= ON_TRACK_THRESHOLD:
                status = "on_track"
            elif ratio >= MODERATE_THRESHOLD:
                status = "moderate"
            elif ratio >= 0:
                status = "limited"
            else:
                status = "deterioration"
    return pd.Series({"status": status, "latest_value": y})


def assess_reference(con, *, as_of: str) -> pd.DataFrame:
    """Status of every directly reported series as of ``as_of`` (current vintage)."""
    observations = observations_at_vintage(con)
    observations = observations.loc[observations["period"] <= as_of]
    # A retired indicator leaves the assessment from its quarter on, as in the engine.
    targets = frame(con, _TARGETS_SQL, {"as_of": as_of})
    series = observations.merge(targets, on=["indicator_id", "part_id"], how="inner")
    series["q"] = _qi(series["period"])
    series["bq"] = _qi(series["baseline_period"])
    series["tq"] = _qi(series["target_period"])
    return (
        series.groupby(["indicator_id", "part_id"], sort=True)[list(series.columns)]
        .apply(_status)
        .reset_index()
    )
