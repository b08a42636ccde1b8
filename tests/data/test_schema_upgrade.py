"""A database file made by schema version 1 is upgraded in place by ``init --if-absent`` (and by
every writer), keeping every row and every figure.

The version 1 file is built here, with version 1's own statements (``tests/data/schema_v1.py``)
filled with the demo's rows as version 1 stored them, not copied in as a binary fixture.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from data.assessment import assess
from data.init import initialize
from data.schema import SCHEMA_VERSION, schema_is_current
from data.schema_upgrade import UPGRADE_FILE_NAME, UPGRADE_USER
from data.sql import frame
from data.store import open_reader, writer
from tests.conftest import DEMO_CLOCK
from tests.data.schema_v1 import V1_STATEMENTS

_STRUCTURE = (
    "objectives",
    "action_lines",
    "themes",
    "theme_action_lines",
    "priorities",
    "interests",
    "kingdom_parts",
)


def _copy(target: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> None:
    target.register("rows_in", rows)
    target.execute(f"INSERT INTO {table} BY NAME SELECT * FROM rows_in")
    target.unregister("rows_in")


def _build_v1(path: Path, source: duckdb.DuckDBPyConnection) -> None:
    """A version 1 file holding what version 1 would have held for the demo's data."""
    v1 = duckdb.connect(str(path))
    try:
        for statement in V1_STATEMENTS:
            v1.execute(statement)
        for table in _STRUCTURE:
            _copy(v1, table, frame(source, f"SELECT * FROM {table}"))
        indicators = frame(source, "SELECT * FROM indicators").rename(columns={"unit_en": "unit"})
        columns = [
            "indicator_id", "action_line_id", "name_nl", "name_en", "definition_nl",
            "definition_en", "unit", "direction", "target_type", "method", "frequency", "source",
            "owner", "aggregation", "decimals", "valid_min", "valid_max", "reference",
        ]  # fmt: skip
        _copy(v1, "indicators", indicators[columns])
        _copy(v1, "indicator_scope", frame(source, "SELECT * FROM indicator_scope"))
        _copy(
            v1,
            "targets",
            frame(
                source,
                "SELECT indicator_id, part_id, baseline_period, baseline_value, target_period,"
                " target_value FROM targets",
            ),
        )
        imports = frame(source, "SELECT * EXCLUDE (kind) FROM imports WHERE kind = 'observations'")
        _copy(v1, "imports", imports)
        _copy(v1, "observations", frame(source, "SELECT * FROM observations"))
        v1.execute(
            "INSERT INTO meta VALUES ('schema_version', '1'), ('is_demo', 'true'),"
            " ('created_at', ?)",
            [DEMO_CLOCK.isoformat(timespec="seconds")],
        )
        v1.execute("CHECKPOINT")
    finally:
        v1.close()


@pytest.fixture
def upgraded(tmp_path: Path, demo_con: duckdb.DuckDBPyConnection) -> Path:
    path = tmp_path / "v1.duckdb"
    _build_v1(path, demo_con)
    reader = open_reader(path)
    try:
        assert not schema_is_current(reader)
    finally:
        reader.close()
    # What `python cli.py init --if-absent` (and so `make run`) does with an existing file.
    assert initialize(path, demo=True, clock=DEMO_CLOCK, if_absent=True) is False
    return path


def test_an_upgraded_file_keeps_every_row(upgraded, demo_con):
    con = open_reader(upgraded)
    try:
        assert schema_is_current(con)
        assert frame(con, "SELECT value FROM meta WHERE key = 'schema_version'")[
            "value"
        ].tolist() == [SCHEMA_VERSION]
        for query in (
            "SELECT * FROM observations ORDER BY observation_id",
            "SELECT * EXCLUDE (kind) FROM imports WHERE kind = 'observations' ORDER BY import_id",
            "SELECT * FROM indicator_scope ORDER BY indicator_id, part_id",
            "SELECT indicator_id, part_id, baseline_period, baseline_value, target_period,"
            " target_value FROM targets ORDER BY indicator_id, part_id",
        ):
            assert_frame_equal(frame(con, query), frame(demo_con, query))
        kept = frame(con, "SELECT * FROM indicators ORDER BY indicator_id")
        demo = frame(demo_con, "SELECT * FROM indicators ORDER BY indicator_id")
        assert kept["indicator_id"].tolist() == demo["indicator_id"].tolist()
        # Version 1 had one (English) unit: it becomes both until the team writes a Dutch one.
        assert kept["unit_nl"].tolist() == demo["unit_en"].tolist()
        assert kept["unit_en"].tolist() == demo["unit_en"].tolist()
        same = ["name_nl", "name_en", "direction", "target_type", "method", "decimals"]
        assert_frame_equal(kept[same], demo[same])
        # The scope as a set (version 1 had rows; version 2 lists them in the Kingdom's order).
        assert [sorted(s) for s in kept["scope"]] == [sorted(s) for s in demo["scope"]]
        upgrade = frame(
            con, "SELECT user_name, file_name, outcome, kind FROM imports WHERE kind = 'catalogue'"
        )
        assert upgrade.values.tolist() == [[UPGRADE_USER, UPGRADE_FILE_NAME, "seed", "catalogue"]]
    finally:
        con.close()


@pytest.mark.parametrize("vintage", [None, datetime(2025, 1, 1)])
def test_an_upgraded_file_assesses_as_before_now_and_at_a_past_vintage(upgraded, demo_con, vintage):
    con = open_reader(upgraded)
    try:
        latest = frame(con, "SELECT max(period) AS p FROM observations")["p"].iloc[0]
        before = assess(demo_con, as_of=latest, vintage=vintage)
        after = assess(con, as_of=latest, vintage=vintage)
    finally:
        con.close()
    assert_frame_equal(after, before)
    assert before["status"].ne("insufficient_data").any()


def test_the_upgrade_runs_once(upgraded):
    with writer(upgraded) as con:
        counts = frame(
            con,
            "SELECT (SELECT count(*) FROM indicator_versions) AS i,"
            " (SELECT count(*) FROM target_versions) AS t, (SELECT count(*) FROM imports) AS n",
        )
    with writer(upgraded) as con:
        assert_frame_equal(
            frame(
                con,
                "SELECT (SELECT count(*) FROM indicator_versions) AS i,"
                " (SELECT count(*) FROM target_versions) AS t, (SELECT count(*) FROM imports) AS n",
            ),
            counts,
        )
