"""data.queries.headline_counts: what applies to a part, held to a count made another way
(``tests.data.headline_reference.hand_count``: the assessment's series, derived ones included,
and the observations, filtered in pandas by metrics.hierarchy's subtree)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from data.assessment import assess
from data.catalogue import catalogue_frames
from data.catalogue_store import insert_indicator_versions
from data.queries import headline_counts, reference_data
from data.sql import frame, transaction
from data.store import open_reader, writer
from metrics.periods import period_from_index, quarter_index
from tests.data.headline_reference import hand_count

EVERY_PART = (
    "KINGDOM",
    "EUR_NL",
    "CAR_C",
    "CAR_NL",
    "NL",
    "AW",
    "CW",
    "SX",
    "BQ-BO",
    "BQ-SE",
    "BQ-SA",
)


@pytest.fixture
def latest(demo_con: duckdb.DuckDBPyConnection) -> str:
    return reference_data(demo_con).latest_quarter


@pytest.mark.parametrize("part_id", EVERY_PART)
def test_the_headline_counts_what_applies_to_the_part(demo_con, latest, part_id):
    counts = headline_counts(demo_con, as_of=latest, part_id=part_id)
    assert counts == hand_count(demo_con, part_id=part_id, as_of=latest)


def test_sabas_headline_is_its_own_not_the_kingdoms(demo_con, latest):
    saba = headline_counts(demo_con, as_of=latest, part_id="BQ-SA")
    kingdom = headline_counts(demo_con, as_of=latest, part_id="KINGDOM")
    assert 0 < saba["indicators"] < kingdom["indicators"]
    assert 0 < saba["observations"] < kingdom["observations"]
    # An island reports each of its indicators once: as many indicators as series.
    series = assess(demo_con, as_of=latest)
    assert saba["indicators"] == int((series["part_id"] == "BQ-SA").sum())


def test_the_kingdoms_headline_counts_every_reported_indicator_and_value(demo_con, latest):
    kingdom = headline_counts(demo_con, as_of=latest, part_id="KINGDOM")
    reported = frame(
        demo_con,
        """
        SELECT
            (SELECT count(DISTINCT indicator_id) FROM indicator_scope) AS indicators,
            (SELECT count(*) FROM (
                SELECT DISTINCT indicator_id, part_id, period
                FROM observations
                WHERE period <= $as_of
            )) AS observations
        """,
        {"as_of": latest},
    ).iloc[0]
    assert kingdom["indicators"] == reported["indicators"]
    assert kingdom["observations"] == reported["observations"]


def test_values_count_only_quarters_up_to_the_one_chosen(demo_con, latest):
    earlier = period_from_index(quarter_index(latest) - 4)
    now = headline_counts(demo_con, as_of=latest, part_id="CAR_NL")
    before = headline_counts(demo_con, as_of=earlier, part_id="CAR_NL")
    assert before == hand_count(demo_con, part_id="CAR_NL", as_of=earlier)
    assert before["observations"] < now["observations"]
    assert before["indicators"] == now["indicators"]  # what applies does not depend on time


def test_before_any_value_is_reported_the_indicators_apply_and_no_values_count(structure_con):
    counts = headline_counts(structure_con, as_of="2025Q4", part_id="BQ-SA")
    assert counts["indicators"] > 0 and counts["observations"] == 0
    assert counts == hand_count(structure_con, part_id="BQ-SA", as_of="2025Q4")


def test_a_retired_indicator_leaves_the_headline_from_its_quarter_on(demo_db, tmp_path, latest):
    path = Path(shutil.copyfile(demo_db, tmp_path / "monitor.duckdb"))
    with writer(path) as con:
        before = headline_counts(con, as_of=latest, part_id="KINGDOM")
        current, _ = catalogue_frames(con)
        retired = current[current["indicator_id"] == "IND-0101"].assign(retired_from=latest)
        with transaction(con) as cur:
            insert_indicator_versions(cur, retired, recorded_at=datetime(2026, 11, 1), import_id=1)
    con = open_reader(path)
    try:
        after = headline_counts(con, as_of=latest, part_id="KINGDOM")
        earlier = period_from_index(quarter_index(latest) - 1)
        assert after["indicators"] == before["indicators"] - 1
        assert after == hand_count(con, part_id="KINGDOM", as_of=latest)
        # Before its retirement it still applies.
        assert (
            headline_counts(con, as_of=earlier, part_id="KINGDOM")["indicators"]
            == (before["indicators"])
        )
    finally:
        con.close()
