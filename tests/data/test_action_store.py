"""Action reports and duiding as stored: who a priority concerns and who reports (the seed's
facts as views), versions at a vintage, and the constraints the database itself enforces."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pytest

from data.action_store import insert_action_reports, insert_narratives
from data.init import initialize
from data.schema import SCHEMA_VERSION, ensure_schema, schema_is_current
from data.sql import frame, scalar, transaction
from data.store import open_reader, writer
from data.versions import LAST_RECORDED_SQL
from tests.conftest import DEMO_CLOCK

_JULY = datetime(2026, 7, 10)
_OCTOBER = datetime(2026, 10, 12)


def _import(con: duckdb.DuckDBPyConnection, at: datetime) -> int:
    """A log row for an accepted file recorded ``at``; its id."""
    rows = con.execute(
        """
        INSERT INTO imports (import_id, started_at, finished_at, user_name, file_name, sha256,
            rows_accepted, rows_rejected, outcome)
        SELECT coalesce(max(import_id), 0) + 1, ?, ?, 'test', 'acties.xlsx', repeat('0', 64),
            1, 0, 'accepted'
        FROM imports
        RETURNING import_id
        """,
        [at, at],
    ).fetchall()
    return int(rows[0][0])


def _report(**overrides: object) -> dict[str, object]:
    return {
        "priority_id": "AL01-A",
        "part_id": "KINGDOM",
        "period": "2026Q2",
        "status": "on_schedule",
        "expected_completion": "2027Q4",
        "responsible": "Defensie",
        "narrative": "Volgens planning.",
        "narrative_en": None,
        "milestones": None,
        **overrides,
    }


def _reports(con: duckdb.DuckDBPyConnection, at: datetime, *rows: dict) -> None:
    with transaction(con) as cur:
        import_id = _import(cur, at)
        insert_action_reports(cur, pd.DataFrame(rows), recorded_at=at, import_id=import_id)


def _parts_of(con: duckdb.DuckDBPyConnection, view: str, priority_id: str) -> set[str]:
    rows = frame(con, f"SELECT part_id FROM {view} WHERE priority_id = ?", [priority_id])
    return set(rows["part_id"])


def test_a_caribbean_nl_priority_concerns_caribbean_netherlands_and_its_islands_only(
    structure_con,
):
    assert _parts_of(structure_con, "priority_parts", "AL10-E") == {
        "CAR_NL",
        "BQ-BO",
        "BQ-SE",
        "BQ-SA",
    }
    assert _parts_of(structure_con, "priority_reporters", "AL10-E") == {"CAR_NL"}


def test_each_caribbean_country_reports_for_itself_and_the_kingdom_for_kingdom_affairs(
    structure_con,
):
    caribbean = frame(structure_con, "SELECT priority_id FROM priorities WHERE scope = 'caribbean'")
    first = caribbean["priority_id"].iloc[0]
    assert _parts_of(structure_con, "priority_reporters", first) == {"AW", "CW", "SX", "CAR_NL"}
    assert "NL" not in _parts_of(structure_con, "priority_parts", first)
    assert _parts_of(structure_con, "priority_reporters", "AL01-A") == {"KINGDOM"}
    assert len(_parts_of(structure_con, "priority_parts", "AL01-A")) == 11  # the whole Kingdom


def test_every_priority_has_someone_who_reports_on_it(structure_con):
    unreported = scalar(
        structure_con,
        """
        SELECT count(*) FROM priorities
        WHERE priority_id NOT IN (SELECT priority_id FROM priority_reporters)
        """,
    )
    assert unreported == 0
    reporters_outside_scope = scalar(
        structure_con,
        """
        SELECT count(*) FROM (
            SELECT priority_id, part_id FROM priority_reporters
            EXCEPT
            SELECT priority_id, part_id FROM priority_parts
        )
        """,
    )
    assert reporters_outside_scope == 0


def test_a_correction_is_a_new_version_and_a_past_vintage_sees_the_old_one(structure_con):
    _reports(structure_con, _JULY, _report())
    milestones = [{"quarter": "2026Q4", "text": "Besluit over de aanschaf"}]
    _reports(
        structure_con,
        _OCTOBER,
        _report(status="delayed", narrative="Levering schuift.", milestones=milestones),
    )
    now = frame(structure_con, "FROM action_reports_at(NULL)")
    then = frame(structure_con, "FROM action_reports_at(?)", [_JULY])
    assert now["status"].tolist() == ["delayed"]
    assert now["milestones"].iloc[0] == milestones
    assert then["status"].tolist() == ["on_schedule"]
    assert pd.isna(then["milestones"].iloc[0])
    assert scalar(structure_con, "SELECT count(*) FROM action_reports") == 2
    assert scalar(structure_con, LAST_RECORDED_SQL) == _OCTOBER


def test_a_duiding_version_at_each_vintage(structure_con):
    with transaction(structure_con) as cur:
        first = _import(cur, _JULY)
        texts = pd.DataFrame(
            [
                {
                    "action_line_id": "AL01",
                    "part_id": "KINGDOM",
                    "period": "2026Q2",
                    "text": "Eerste duiding.",
                    "text_en": None,
                }
            ]
        )
        insert_narratives(cur, texts, recorded_at=_JULY, import_id=first)
    with transaction(structure_con) as cur:
        second = _import(cur, _OCTOBER)
        insert_narratives(
            cur,
            texts.assign(text="Bijgestelde duiding.", text_en="Revised."),
            recorded_at=_OCTOBER,
            import_id=second,
        )
    assert frame(structure_con, "FROM narratives_at(?)", [_JULY])["text"].tolist() == [
        "Eerste duiding."
    ]
    newest = frame(structure_con, "FROM narratives_at(NULL)")
    assert (newest["text"].iloc[0], newest["text_en"].iloc[0]) == (
        "Bijgestelde duiding.",
        "Revised.",
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"status": "on_track"},  # an indicator status is not an action status
        {"period": "2026-Q2"},
        {"expected_completion": "eind 2027"},
        {"narrative": "x" * 2001},
        {"responsible": "x" * 201},
        {"priority_id": "AL01-Z"},
        {"part_id": "XX"},
    ],
)
def test_the_database_refuses_a_bad_report(structure_con, bad):
    with pytest.raises(duckdb.Error):
        _reports(structure_con, _JULY, _report(**bad))
    assert scalar(structure_con, "SELECT count(*) FROM action_reports") == 0


def test_a_report_missing_a_column_is_refused_before_the_database(structure_con):
    with pytest.raises(ValueError, match="missing columns"):
        _reports(structure_con, _JULY, {"priority_id": "AL01-A", "milestones": None})


def test_a_schema_2_file_gains_the_action_tables_in_place(tmp_path):
    path = tmp_path / "monitor.duckdb"
    initialize(path, demo=False, clock=DEMO_CLOCK)
    with writer(path) as con:
        # What the previous main made: no action tables, views or macros; version 2.
        for macro in ("action_reports_at", "narratives_at"):
            con.execute(f"DROP MACRO TABLE {macro}")
        for view in ("priority_parts", "priority_reporters"):
            con.execute(f"DROP VIEW {view}")
        for table in ("action_reports", "narratives"):
            con.execute(f"DROP TABLE {table}")
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with open_reader(path) as reader:
        assert not schema_is_current(reader)
        parts_before = scalar(reader, "SELECT count(*) FROM kingdom_parts")
    assert initialize(path, demo=False, clock=DEMO_CLOCK, if_absent=True) is False
    with open_reader(path) as reader:
        assert schema_is_current(reader)
        assert scalar(reader, "SELECT value FROM meta WHERE key = 'schema_version'") == (
            SCHEMA_VERSION
        )
        assert scalar(reader, "SELECT count(*) FROM kingdom_parts") == parts_before
        assert scalar(reader, "SELECT count(*) FROM priority_reporters") > 0


def test_ensure_schema_keeps_stored_reports(structure_con):
    _reports(structure_con, _JULY, _report())
    ensure_schema(structure_con)
    assert scalar(structure_con, "SELECT count(*) FROM action_reports") == 1
