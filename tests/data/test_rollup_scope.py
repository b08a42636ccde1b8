"""Roll-ups inside a part's subtree through a real DuckDB: each reported series counted once,
in every part above it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from data.assessment import assess
from data.rollup_scope import rollup_scope
from metrics.errors import MetricError
from tests.data.series_db import SeriesDB


@pytest.fixture
def db() -> Iterator[SeriesDB]:
    with SeriesDB.fresh() as database:
        yield database


IND = "IND-9001"


def test_rollup_scope_counts_each_reported_series_once_inside_the_part(db):
    db.indicator(IND, aggregation="sum", scope=("NL", "AW", "CW"))
    for part_id, latest in (("NL", 80.0), ("AW", 40.0), ("CW", 10.0)):
        db.target(IND, part_id, target_value=50.0)
        db.series(IND, part_id, "2023Q1", [20.0, None, None, None, latest])
    frame = assess(db.con, as_of="2024Q1")
    kingdom = rollup_scope(db.con, frame, part_id="KINGDOM", by=["action_line_id"])
    al01 = kingdom.set_index("action_line_id").loc["AL01"]
    ours = frame[(frame["indicator_id"] == IND) & ~frame["is_derived"]]
    catalogue = frame[(frame["indicator_id"] != IND) & ~frame["is_derived"]]
    catalogue_al01 = catalogue["indicator_id"].isin(
        db.con.execute("SELECT indicator_id FROM indicators WHERE action_line_id = 'AL01'").df()[
            "indicator_id"
        ]
    )
    assert al01["n_series"] == len(ours) + catalogue_al01.sum()
    assert al01["achieved"] == 1 and al01["on_track"] == 1 and al01["deterioration"] == 1

    caribbean = rollup_scope(db.con, frame, part_id="CAR_C", by=["indicator_id"])
    mine = caribbean.set_index("indicator_id").loc[IND]
    assert (mine["n_series"], mine["on_track"], mine["deterioration"]) == (2, 1, 1)
    assert mine["share_on_track"] == 0.5 and mine["mean_score"] == -0.5


def test_rollup_scope_without_a_part_gives_every_part_and_entity(db):
    db.indicator(IND, aggregation="sum", scope=("NL", "AW"))
    frame = assess(db.con, as_of="2024Q1")
    matrix = rollup_scope(db.con, frame, by=["indicator_id"])
    mine = matrix[matrix["indicator_id"] == IND].set_index("scope_part_id")["n_series"]
    assert mine.to_dict() == {"AW": 1, "CAR_C": 1, "EUR_NL": 1, "KINGDOM": 2, "NL": 1}


def test_rollup_scope_refuses_an_unknown_grouping_or_part(db):
    frame = assess(db.con, as_of="2024Q1")
    with pytest.raises(MetricError, match="cannot group by"):
        rollup_scope(db.con, frame, by=["name_en"])
    with pytest.raises(MetricError, match="not a Kingdom part"):
        rollup_scope(db.con, frame, part_id="ATLANTIS")
