"""The demo data set: deterministic, in scope, never from the future, and as untidy as real data."""

from __future__ import annotations

import fcntl
import functools
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import cli
import data.demo
import data.init
import data.store
from data.assessment import assess
from data.demo import build_demo, load_demo
from data.init import initialize
from data.observations import observations_at_vintage
from data.schema import TABLES
from data.seed import load_structure
from data.sql import frame
from data.store import data_version, open_reader
from metrics.periods import last_full_quarter, quarter_end, quarter_index, years_between
from tests.conftest import DEMO_CLOCK, DEMO_SEED

ROOT = Path(__file__).resolve().parents[2]
CARIBBEAN_PARTS = ("CAR_C", "CAR_NL")


def _clock(con: duckdb.DuckDBPyConnection) -> datetime:
    (value,) = frame(con, "SELECT value FROM meta WHERE key = 'demo_clock'")["value"]
    return datetime.fromisoformat(value)


def _caribbean_entities(con: duckdb.DuckDBPyConnection) -> set[str]:
    return set(
        frame(
            con,
            "SELECT part_id FROM kingdom_parts WHERE level = 'entity' AND parent_id IN (?, ?)",
            list(CARIBBEAN_PARTS),
        )["part_id"]
    )


def _table_rows(path: Path) -> dict[str, list[tuple]]:
    reader = open_reader(path)
    try:
        return {
            table: reader.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
            for table in TABLES
        }
    finally:
        reader.close()


def _series_with_targets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every series with its latest current value and the target that applies (own or default)."""
    return frame(
        con,
        """
        WITH current_values AS (
            SELECT indicator_id, part_id, period, value
            FROM observations
            QUALIFY row_number() OVER (
                PARTITION BY indicator_id, part_id, period ORDER BY recorded_at DESC
            ) = 1
        ),

        latest AS (
            SELECT indicator_id, part_id, arg_max(period, period) AS latest_period,
                   arg_max(value, period) AS latest_value, count(*) AS n_values
            FROM current_values
            GROUP BY ALL
        )

        SELECT
            s.indicator_id,
            s.part_id,
            i.direction,
            i.target_type,
            coalesce(own.baseline_period, dflt.baseline_period) AS baseline_period,
            coalesce(own.baseline_value, dflt.baseline_value) AS baseline_value,
            coalesce(own.target_period, dflt.target_period) AS target_period,
            CASE WHEN own.part_id IS NULL THEN dflt.target_value ELSE own.target_value END
                AS target_value,
            latest.latest_period,
            latest.latest_value,
            latest.n_values
        FROM indicator_scope AS s
        JOIN indicators AS i USING (indicator_id)
        LEFT JOIN targets AS own ON own.indicator_id = s.indicator_id AND own.part_id = s.part_id
        LEFT JOIN targets AS dflt ON dflt.indicator_id = s.indicator_id AND dflt.part_id = 'KINGDOM'
        LEFT JOIN latest ON latest.indicator_id = s.indicator_id AND latest.part_id = s.part_id
        ORDER BY s.indicator_id, s.part_id
        """,
    )


# --- determinism ---------------------------------------------------------------------------


def test_same_seed_and_clock_give_identical_tables(demo_db, tmp_path):
    again = tmp_path / "again.duckdb"
    initialize(again, demo=True, clock=DEMO_CLOCK, seed=DEMO_SEED)
    first, second = _table_rows(demo_db), _table_rows(again)
    for table in TABLES:
        assert first[table] == second[table], f"{table} differs between two identical builds"
    assert len(first["observations"]) > 0


def test_another_seed_gives_other_values(demo_db, tmp_path):
    other = tmp_path / "other.duckdb"
    initialize(other, demo=True, clock=DEMO_CLOCK, seed=DEMO_SEED + 1)
    assert _table_rows(demo_db)["observations"] != _table_rows(other)["observations"]


def test_build_demo_is_pure_given_seed_and_clock():
    first = build_demo(seed=7, clock=DEMO_CLOCK)
    second = build_demo(seed=7, clock=DEMO_CLOCK)
    for name in ("targets", "imports", "observations"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def _values_by_key(observations: pd.DataFrame) -> dict[tuple[str, str, str, datetime], float]:
    return {
        (row.indicator_id, row.part_id, row.period, row.recorded_at): row.value
        for row in observations.itertuples(index=False)
    }


def test_removing_an_indicator_leaves_every_other_series_unchanged(monkeypatch):
    full = build_demo(seed=DEMO_SEED, clock=DEMO_CLOCK).observations
    catalogue = data.demo._read_catalogue()
    dropped = catalogue[3].indicator_id
    monkeypatch.setattr(
        data.demo, "_read_catalogue", lambda: [i for i in catalogue if i.indicator_id != dropped]
    )
    reduced = build_demo(seed=DEMO_SEED, clock=DEMO_CLOCK).observations
    expected = _values_by_key(full[full["indicator_id"] != dropped])
    assert _values_by_key(reduced) == expected
    assert expected


def test_an_indicator_without_a_profile_still_gets_valid_data(monkeypatch):
    catalogue = {i.indicator_id: i for i in data.demo._read_catalogue()}
    unprofiled = "IND-0704"
    monkeypatch.delitem(data.demo._PROFILES, unprofiled)
    observations = build_demo(seed=DEMO_SEED, clock=DEMO_CLOCK).observations
    values = observations.loc[observations["indicator_id"] == unprofiled]
    indicator = catalogue[unprofiled]
    assert set(values["part_id"]) == set(indicator.scope)
    assert values["value"].between(indicator.valid_min, indicator.valid_max).all()


def test_the_database_is_labelled_as_demo_with_its_seed_and_clock(demo_con):
    meta = dict(frame(demo_con, "SELECT key, value FROM meta").itertuples(index=False))
    assert meta["is_demo"] == "true"
    assert meta["demo_seed"] == str(DEMO_SEED)
    assert datetime.fromisoformat(meta["demo_clock"]) == DEMO_CLOCK


def test_load_demo_writes_nothing_when_any_insert_fails(con):
    # An observation id the demo also uses: its last insert fails after the catalogue, its
    # targets, the catalogue's import and the deliveries went in.
    load_structure(con)
    con.execute(
        """
        INSERT INTO imports BY NAME
        SELECT 5 AS import_id, TIMESTAMP '2023-01-01' AS started_at,
            TIMESTAMP '2023-01-01' AS finished_at, 'x' AS user_name, 'x.csv' AS file_name,
            repeat('0', 64) AS sha256, 1 AS rows_accepted, 0 AS rows_rejected,
            'accepted' AS outcome
        """
    )
    con.execute("INSERT INTO indicator_registry VALUES ('IND-0101')")
    con.execute(
        "INSERT INTO observations VALUES (1, 'IND-0101', 'KINGDOM', '2023Q1', 1, 'none', NULL,"
        " TIMESTAMP '2023-01-01', 5)"
    )
    with pytest.raises(duckdb.ConstraintException):
        load_demo(con, seed=DEMO_SEED, clock=DEMO_CLOCK)
    counts = con.execute(
        """
        SELECT (SELECT count(*) FROM indicator_versions), (SELECT count(*) FROM target_versions),
               (SELECT count(*) FROM observations), (SELECT count(*) FROM imports),
               (SELECT count(*) FROM meta WHERE key LIKE 'demo_%')
        """
    ).fetchall()
    assert counts == [(0, 0, 1, 1, 0)]


def test_load_structure_writes_nothing_and_reports_the_real_error_when_an_insert_fails(con):
    # The structure loads before the demo, in its own transaction: a Kingdom already present makes
    # the kingdom_parts insert fail after objectives, action lines and themes went in.
    con.execute(
        "INSERT INTO kingdom_parts VALUES ('KINGDOM', NULL, 'kingdom', 'a', 'b', 'r', NULL, 1)"
    )
    with pytest.raises(duckdb.ConstraintException, match="KINGDOM"):
        load_structure(con)
    counts = con.execute(
        "SELECT (SELECT count(*) FROM objectives), (SELECT count(*) FROM action_lines),"
        " (SELECT count(*) FROM kingdom_parts)"
    ).fetchall()
    assert counts == [(0, 0, 1)]


# --- scope, time and valid values ----------------------------------------------------------


def test_every_applicable_indicator_and_part_has_data(demo_con):
    without_data = frame(
        demo_con,
        """
        SELECT indicator_id, part_id FROM indicator_scope
        EXCEPT
        SELECT DISTINCT indicator_id, part_id FROM observations
        """,
    )
    assert without_data.empty, without_data.to_string()


def test_no_observation_outside_the_indicators_scope(demo_con):
    outside = frame(
        demo_con,
        """
        SELECT DISTINCT indicator_id, part_id FROM observations
        EXCEPT
        SELECT indicator_id, part_id FROM indicator_scope
        """,
    )
    assert outside.empty, outside.to_string()


def test_nothing_is_recorded_after_the_clock(demo_con):
    clock = _clock(demo_con)
    latest = frame(
        demo_con,
        """
        SELECT
            (SELECT max(recorded_at) FROM observations) AS observation,
            (SELECT max(finished_at) FROM imports) AS import_finished
        """,
    ).iloc[0]
    assert latest["observation"] <= clock
    assert latest["import_finished"] <= clock


def test_periods_run_from_2023q1_to_the_last_full_quarter(demo_con):
    last = last_full_quarter(_clock(demo_con).date())
    periods = frame(demo_con, "SELECT min(period) AS first, max(period) AS last FROM observations")
    assert periods["first"].item() == "2023Q1"
    assert periods["last"].item() == last


def test_each_indicator_reports_at_its_frequency(demo_con):
    rows = frame(
        demo_con,
        "SELECT DISTINCT i.frequency, o.period FROM observations o JOIN indicators i USING (indicator_id)",
    )
    allowed = {
        "quarterly": lambda p: True,
        "biannual": lambda p: p[-1] in "24",
        "annual": lambda p: p[-1] == "4",
        "biennial": lambda p: p[-1] == "4" and int(p[:4]) % 2 == 1,
    }
    wrong = [(f, p) for f, p in rows.itertuples(index=False) if not allowed[f](p)]
    assert wrong == []
    assert set(rows["frequency"]) == set(allowed), "every frequency occurs in the catalogue"


def test_values_lie_inside_the_valid_range_and_have_the_indicators_decimals(demo_con):
    rows = frame(
        demo_con,
        """
        SELECT o.indicator_id, o.value, i.decimals, i.valid_min, i.valid_max, i.unit_en AS unit
        FROM observations o JOIN indicators i USING (indicator_id)
        """,
    )
    below = rows[rows["valid_min"].notna() & (rows["value"] < rows["valid_min"])]
    above = rows[rows["valid_max"].notna() & (rows["value"] > rows["valid_max"])]
    assert below.empty and above.empty
    rounded = rows.apply(lambda r: round(r["value"], int(r["decimals"])), axis=1)
    assert (rounded - rows["value"]).abs().max() < 1e-9
    counts = rows[rows["unit"] == "count"]
    assert not counts.empty
    assert (counts["value"] == counts["value"].round()).all(), "counts are whole numbers"


# --- targets -------------------------------------------------------------------------------


def test_every_series_has_a_target_row_of_its_own_or_the_kingdom_default(demo_con):
    series = _series_with_targets(demo_con)
    assert series["baseline_period"].notna().all()
    revised = (series["indicator_id"] == data.demo.REVISED_TARGET[0]) & (
        series["part_id"] == data.demo.REVISED_TARGET[1]
    )
    assert series.loc[~revised, "target_period"].eq("2029Q4").all()
    assert series.loc[revised, "target_period"].eq("2035Q4").all()  # the revised one
    kingdom_rows = frame(
        demo_con, "SELECT DISTINCT indicator_id FROM targets WHERE part_id = 'KINGDOM'"
    )
    indicators = frame(demo_con, "SELECT indicator_id FROM indicators")
    assert set(kingdom_rows["indicator_id"]) == set(indicators["indicator_id"])


def test_target_values_are_null_exactly_for_indicators_without_a_target(demo_con):
    rows = frame(
        demo_con,
        "SELECT i.target_type, t.target_value FROM targets t JOIN indicators i USING (indicator_id)",
    )
    none_rows = rows[rows["target_type"] == "none"]
    assert not none_rows.empty
    assert none_rows["target_value"].isna().all()
    assert rows.loc[rows["target_type"] != "none", "target_value"].notna().all()


def test_baseline_period_follows_the_frequency(demo_con):
    rows = frame(
        demo_con,
        "SELECT DISTINCT i.frequency, t.baseline_period FROM targets t JOIN indicators i USING (indicator_id)",
    )
    assert dict(rows.itertuples(index=False)) == {
        "quarterly": "2023Q1",
        "biannual": "2023Q2",
        "annual": "2023Q4",
        "biennial": "2023Q4",
    }


def test_every_series_baseline_is_its_first_observation(demo_con):
    series = _series_with_targets(demo_con)
    first = frame(
        demo_con,
        """
        SELECT indicator_id, part_id, period AS baseline_period, value AS first_value
        FROM observations
        QUALIFY row_number() OVER (PARTITION BY indicator_id, part_id ORDER BY period, recorded_at) = 1
        """,
    )
    joined = series.merge(first, on=["indicator_id", "part_id", "baseline_period"], how="left")
    assert joined["first_value"].notna().all(), "every series starts at its baseline period"
    assert (joined["first_value"] - joined["baseline_value"]).abs().max() < 1e-9


def test_kingdom_targets_of_summed_indicators_add_up_their_entities(demo_con):
    series = _series_with_targets(demo_con)
    kingdom = frame(
        demo_con,
        """
        SELECT t.indicator_id, t.baseline_value, t.target_value
        FROM targets t JOIN indicators i USING (indicator_id)
        WHERE t.part_id = 'KINGDOM' AND i.aggregation = 'sum' AND i.target_type <> 'none'
          AND i.indicator_id NOT IN (SELECT indicator_id FROM indicator_scope WHERE part_id = 'KINGDOM')
        """,
    )
    assert len(kingdom) >= 3
    for row in kingdom.itertuples(index=False):
        entities = series[series["indicator_id"] == row.indicator_id]
        assert entities["baseline_value"].sum() == pytest.approx(row.baseline_value)
        assert entities["target_value"].sum() == pytest.approx(row.target_value)


def test_entities_have_their_own_levels_where_they_differ(demo_con):
    own = frame(
        demo_con,
        """
        SELECT t.indicator_id, count(DISTINCT t.baseline_value) AS distinct_baselines
        FROM targets t JOIN kingdom_parts p USING (part_id)
        WHERE p.level = 'entity'
        GROUP BY ALL
        """,
    )
    assert (own["distinct_baselines"] >= 3).sum() >= 5


# --- the untidiness of real deliveries ------------------------------------------------------


def test_a_revised_value_has_two_versions_and_the_vintage_query_returns_the_old_one(demo_con):
    versions = frame(
        demo_con,
        """
        SELECT indicator_id, part_id, period, value, note, recorded_at
        FROM observations
        QUALIFY count(*) OVER (PARTITION BY indicator_id, part_id, period) > 1
        ORDER BY indicator_id, part_id, period, recorded_at
        """,
    )
    assert len(versions) >= 2
    key = tuple(versions.iloc[0][["indicator_id", "part_id", "period"]])
    old, new = (versions.iloc[i] for i in (0, 1))
    assert tuple(new[["indicator_id", "part_id", "period"]]) == key
    assert old["value"] != new["value"]
    assert "correctie" in new["note"]
    assert new["recorded_at"] <= _clock(demo_con)

    def value_at(vintage: datetime | None) -> float:
        current = observations_at_vintage(demo_con, vintage=vintage)
        match = current[
            (current["indicator_id"] == key[0])
            & (current["part_id"] == key[1])
            & (current["period"] == key[2])
        ]
        return match["value"].item()

    just_before = new["recorded_at"].to_pydatetime() - timedelta(seconds=1)
    assert value_at(just_before) == old["value"]
    assert value_at(None) == new["value"]


def test_a_caribbean_entity_delivered_a_quarter_more_than_45_days_late(demo_con):
    deliveries = frame(
        demo_con,
        """
        SELECT part_id, period, min(recorded_at) AS first_recorded
        FROM observations
        GROUP BY ALL
        """,
    )
    deliveries["days_late"] = [
        (recorded.date() - quarter_end(period)).days
        for period, recorded in zip(deliveries["period"], deliveries["first_recorded"], strict=True)
    ]
    late = deliveries[deliveries["days_late"] > 45]
    assert not late.empty
    assert set(late["part_id"]) <= _caribbean_entities(demo_con)
    assert (deliveries["days_late"] >= 10).all(), "nothing arrives before the quarter is counted"


def test_one_caribbean_entity_still_misses_the_latest_quarter(demo_con):
    latest = last_full_quarter(_clock(demo_con).date())
    delivered = frame(
        demo_con,
        """
        SELECT s.part_id, count(o.observation_id) AS n_latest
        FROM indicator_scope s
        JOIN indicators i USING (indicator_id)
        LEFT JOIN observations o
            ON o.indicator_id = s.indicator_id AND o.part_id = s.part_id AND o.period = ?
        WHERE i.frequency = 'quarterly'
        GROUP BY ALL
        """,
        [latest],
    )
    missing = set(delivered.loc[delivered["n_latest"] == 0, "part_id"])
    assert missing & _caribbean_entities(demo_con)
    assert len(missing) < len(delivered), "the other parts did deliver the latest quarter"


def test_some_latest_values_are_provisional_or_estimated(demo_con):
    latest = frame(
        demo_con,
        """
        SELECT indicator_id, part_id, arg_max(flag, (period, recorded_at)) AS flag
        FROM observations
        GROUP BY ALL
        """,
    )
    assert (latest["flag"] == "provisional").sum() >= 3
    assert (latest["flag"] == "estimated").sum() >= 1


def test_one_series_has_a_break(demo_con):
    breaks = frame(demo_con, "SELECT note FROM observations WHERE flag = 'break'")
    assert len(breaks) >= 1
    assert breaks["note"].notna().all(), "a break says why"


def test_some_series_have_gaps_in_the_middle(demo_con):
    rows = frame(
        demo_con,
        """
        SELECT o.indicator_id, o.part_id, list(DISTINCT o.period) AS periods
        FROM observations o JOIN indicators i USING (indicator_id)
        WHERE i.frequency = 'quarterly'
        GROUP BY ALL
        """,
    )
    with_gaps = 0
    for periods in rows["periods"]:
        indices = sorted(quarter_index(p) for p in periods)
        with_gaps += (indices[-1] - indices[0] + 1) > len(indices)
    assert with_gaps >= 2


def test_the_imports_counts_match_the_rows_they_carry(demo_con):
    # A quarter file carries figures, or action reports and duiding (data.demo_actions).
    imports = frame(
        demo_con,
        """
        WITH carried AS (
            SELECT import_id, recorded_at FROM observations
            UNION ALL
            SELECT import_id, recorded_at FROM action_reports
            UNION ALL
            SELECT import_id, recorded_at FROM narratives
        )

        SELECT
            i.import_id,
            i.outcome,
            i.rows_accepted,
            i.rows_rejected,
            i.finished_at,
            count(c.import_id) AS carried,
            count(DISTINCT c.recorded_at) AS moments,
            min(c.recorded_at) AS recorded_at
        FROM imports i LEFT JOIN carried c USING (import_id)
        WHERE i.kind = 'observations'
        GROUP BY ALL
        """,
    )
    assert (imports["rows_accepted"] == imports["carried"]).all()
    accepted = imports[imports["outcome"] == "accepted"]
    assert (accepted["rows_rejected"] == 0).all()
    assert (accepted["moments"] == 1).all()
    assert (accepted["recorded_at"] == accepted["finished_at"]).all()
    rejected = imports[imports["outcome"] == "rejected"]
    assert (rejected["carried"] == 0).all() and (rejected["rows_rejected"] > 0).all()


def test_imports_are_one_file_per_part_per_quarter_by_the_demo_user(demo_con):
    imports = frame(
        demo_con, "SELECT user_name, file_name, sha256 FROM imports WHERE kind = 'observations'"
    )
    assert imports["user_name"].eq("demo").all()
    # Figures per entity (.csv); action reports and duiding per reporting unit (.xlsx).
    assert (
        imports["file_name"]
        .str.fullmatch(r"demo_[0-9]{4}Q[1-4]_[A-Z-]+\.csv|demo_acties_[0-9]{4}Q[1-4]_[A-Z_]+\.xlsx")
        .all()
    )
    assert imports["sha256"].is_unique


# --- a realistic spread of progress ---------------------------------------------------------


def test_series_spread_over_ahead_behind_moving_away_and_past_the_target(demo_con):
    # The simple linear lens of METHOD.md, computed here, independent of the engine.
    series = _series_with_targets(demo_con)
    reach = series[
        (series["target_type"] == "reach") & (series["latest_period"] > series["baseline_period"])
    ]
    kinds: dict[str, int] = {"past target": 0, "ahead": 0, "behind": 0, "moving away": 0}
    for row in reach.itertuples(index=False):
        d = 1 if row.direction == "up" else -1
        if d * (row.latest_value - row.target_value) >= 0:
            kinds["past target"] += 1
            continue
        tau = years_between(row.baseline_period, row.latest_period) / years_between(
            row.baseline_period, row.target_period
        )
        share = (row.latest_value - row.baseline_value) / (row.target_value - row.baseline_value)
        ratio = share / tau
        kinds["ahead" if ratio >= 1 else "behind" if ratio >= 0 else "moving away"] += 1
    assert all(count >= 3 for count in kinds.values()), kinds
    assert max(kinds.values()) < 0.6 * len(reach), kinds


def test_some_series_cannot_be_assessed_yet(demo_con):
    series = _series_with_targets(demo_con)
    only_baseline = series[series["latest_period"] == series["baseline_period"]]
    assert len(only_baseline) >= 1
    assert (series["target_type"] == "none").sum() >= 1


# --- the command line -----------------------------------------------------------------------


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DB": str(db)}
    return subprocess.run(
        [sys.executable, "cli.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_cli_init_demo_creates_a_readable_demo_database(tmp_path):
    db = tmp_path / "monitor.duckdb"
    result = _cli("init", "--demo", db=db)
    assert result.returncode == 0, result.stderr
    reader = open_reader(db)
    try:
        (n_observations,) = reader.execute("SELECT count(*) FROM observations").fetchall()[0]
        is_demo = reader.execute("SELECT value FROM meta WHERE key = 'is_demo'").fetchall()
    finally:
        reader.close()
    assert n_observations > 0
    assert is_demo == [("true",)]


@pytest.mark.slow
def test_cli_init_without_demo_gives_the_structure_and_an_empty_catalogue(tmp_path):
    db = tmp_path / "monitor.duckdb"
    result = _cli("init", db=db)
    assert result.returncode == 0, result.stderr
    reader = open_reader(db)
    try:
        counts = reader.execute(
            """
            SELECT (SELECT count(*) FROM observations), (SELECT count(*) FROM targets),
                   (SELECT count(*) FROM indicators), (SELECT value FROM meta WHERE key = 'is_demo')
            """
        ).fetchall()
    finally:
        reader.close()
    assert counts == [(0, 0, 0, "false")]


@pytest.mark.slow
def test_cli_init_if_absent_leaves_an_existing_database_alone(tmp_path):
    db = tmp_path / "monitor.duckdb"
    assert _cli("init", db=db).returncode == 0
    before = data_version(db)
    result = _cli("init", "--demo", "--if-absent", db=db)
    assert result.returncode == 0, result.stderr
    assert data_version(db) == before


def test_cli_init_reports_a_busy_database_and_exits_2(tmp_path, monkeypatch, capsys):
    db = tmp_path / "monitor.duckdb"
    monkeypatch.setenv("MONITOR_DB", str(db))
    # Wait a fraction of a second instead of minutes for the real lock another writer holds.
    monkeypatch.setattr(data.init, "writer", functools.partial(data.store.writer, timeout_s=0.2))
    lock_path = db.with_name(f"{db.name}.lock")
    with open(lock_path, "a+b") as other_writer:
        fcntl.flock(other_writer.fileno(), fcntl.LOCK_EX)
        status = cli.main(["init", "--demo"])
    assert status == 2
    assert "busy" in capsys.readouterr().err
    assert not db.exists()


def test_one_target_is_revised_with_its_reason_and_a_past_vintage_keeps_the_old_one(demo_con):
    indicator_id, part_id = data.demo.REVISED_TARGET
    history = frame(
        demo_con,
        "SELECT target_value, reason, recorded_at FROM target_versions"
        " WHERE indicator_id = ? AND part_id = ? ORDER BY recorded_at",
        [indicator_id, part_id],
    )
    assert len(history) == 2
    assert history["reason"].iloc[0] is None or pd.isna(history["reason"].iloc[0])
    assert history["reason"].iloc[1].startswith("NAVO-top")
    assert history["recorded_at"].iloc[1] == data.demo.REVISED_TARGET_AT
    latest = frame(demo_con, "SELECT max(period) AS p FROM observations")["p"].iloc[0]
    now = assess(demo_con, as_of=latest, indicator_id=indicator_id)
    now = now[now["part_id"] == part_id].iloc[0]
    assert now["target_value"] == history["target_value"].iloc[1]
    assert now["target_changed_at"] == data.demo.REVISED_TARGET_AT
    before = assess(
        demo_con,
        as_of=latest,
        indicator_id=indicator_id,
        vintage=data.demo.REVISED_TARGET_AT - timedelta(seconds=1),
    )
    before = before[before["part_id"] == part_id].iloc[0]
    assert before["target_value"] == history["target_value"].iloc[0]
    assert pd.isna(before["target_changed_at"])
