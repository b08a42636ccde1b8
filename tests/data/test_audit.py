"""The audit trail on a real database: imports by a local user, an operator's and a signed-in
admin's role changes, a signed-in coordinator's accepted and refused files, a signed-in
editor's catalogue import; each named in the trail with how it was identified, the filters,
the bound, one import's versions, and the CSV (round trip, formula-looking text neutralised).
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from data import sql
from data.access import signed_in_actor
from data.access_rules import Actor
from data.access_store import grant_role, revoke_role
from data.audit import (
    AUDIT_COLUMNS,
    AUDIT_OUTCOMES,
    AUDIT_WHATS,
    audit_csv,
    audit_trail,
    import_versions,
)
from data.catalogue_intake import import_catalogue_file
from data.dialects import UTF8_BOM, unneutralise
from data.intake import import_file
from data.store import open_reader
from tests.catalogue_files import NEW_INDICATOR, NEW_TARGET, workbook_bytes
from tests.intake_files import GOOD_ROWS, csv_bytes, structure_file

COORDINATOR = "Coord.AW@Example.org"
ADMIN = "admin@example.org"
# An e-mail a spreadsheet would take for a formula: the trail names the editor by it.
EDITOR = '=HYPERLINK("http://x")@example.org'
# A lone carriage return: a reader ends the record there unless the field is quoted.
REVOKE_REASON = "vertrokken\rper 1 december"

# When each step happens, in order (naive UTC, as stored).
IMPORTED_LOCALLY = datetime(2026, 11, 28, 10, 0)
GRANTED_BY_OPERATOR = datetime(2026, 11, 29, 9, 0)
ARUBA_IMPORTED = datetime(2026, 11, 30, 9, 0)
CURACAO_REFUSED = datetime(2026, 11, 30, 10, 0)
EDITOR_GRANTED = datetime(2026, 12, 1, 9, 0)
CATALOGUE_IMPORTED = datetime(2026, 12, 1, 10, 0)
REVOKED = datetime(2026, 12, 2, 9, 0)


def _signed_in(db: Path, email: str, subject: str) -> Actor:
    with contextlib.closing(open_reader(db)) as con:
        return signed_in_actor(con, email=email, subject=subject)


@pytest.fixture(scope="module")
def audited_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A structure database after every kind of change, each by someone else."""
    db = structure_file(tmp_path_factory.mktemp("audit") / "monitor.duckdb")
    import_file(
        csv_bytes(GOOD_ROWS),
        file_name="kwartaal.csv",
        db_path=db,
        actor=Actor.local("alice"),
        clock=IMPORTED_LOCALLY,
    )
    operator = Actor.operator("ops")
    grant_role(
        db,
        actor=operator,
        email=COORDINATOR,
        role="coordinator",
        parts=["AW"],
        reason="coördinator Aruba",
        clock=GRANTED_BY_OPERATOR,
    )
    grant_role(db, actor=operator, email=ADMIN, role="admin", clock=GRANTED_BY_OPERATOR)
    coordinator = _signed_in(db, COORDINATOR, "sub-aw")
    for name, part, clock in (
        ("aruba.csv", "AW", ARUBA_IMPORTED),
        ("curacao.csv", "CW", CURACAO_REFUSED),
    ):
        rows = [("IND-0502", part, "2025Q3", "3", "", "")]
        import_file(csv_bytes(rows), file_name=name, db_path=db, actor=coordinator, clock=clock)
    admin = _signed_in(db, ADMIN, "sub-admin")
    grant_role(db, actor=admin, email=EDITOR, role="editor", reason="=1+1", clock=EDITOR_GRANTED)
    import_catalogue_file(
        workbook_bytes([NEW_INDICATOR], [NEW_TARGET]),
        file_name="catalogus.xlsx",
        db_path=db,
        actor=_signed_in(db, EDITOR, "sub-ed"),
        clock=CATALOGUE_IMPORTED,
    )
    revoke_role(db, actor=admin, email=COORDINATOR, reason=REVOKE_REASON, clock=REVOKED)
    return db


@pytest.fixture
def audited(audited_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_reader(audited_db)
    yield con
    con.close()


def _known(value: object) -> object:
    """A cell as Python has it: None where the database has NULL."""
    return None if pd.isna(value) else value


def _who(frame: pd.DataFrame) -> list[tuple]:
    return [
        (r.what, r.who, _known(r.mode), _known(r.subject), r.outcome)
        for r in frame.itertuples(index=False)
    ]


def test_the_trail_names_everyone_who_changed_anything_newest_first(audited):
    found = audit_trail(audited)
    assert not found.more
    assert list(found.frame.columns) == list(AUDIT_COLUMNS)
    editor = EDITOR.lower()
    assert _who(found.frame) == [
        ("access", "admin@example.org", "oidc", "sub-admin", "revoked"),
        ("catalogue", editor, "oidc", "sub-ed", "accepted"),
        ("access", "admin@example.org", "oidc", "sub-admin", "granted"),
        ("observations", "coord.aw@example.org", "oidc", "sub-aw", "rejected"),
        ("observations", "coord.aw@example.org", "oidc", "sub-aw", "accepted"),
        # Two changes in one second: the later change first.
        ("access", "ops", "cli", None, "granted"),
        ("access", "ops", "cli", None, "granted"),
        ("observations", "alice", "local", None, "accepted"),
        ("catalogue", "seed", "cli", None, "seed"),
    ]
    assert list(found.frame["changed_at"]) == sorted(found.frame["changed_at"], reverse=True)


def test_an_import_row_says_which_file_with_its_checksum_and_counts(audited):
    rows = audit_trail(audited, what="observations").frame
    refused = rows[rows["outcome"] == "rejected"].iloc[0]
    assert refused["file_name"] == "curacao.csv"
    assert (refused["rows_accepted"], refused["rows_rejected"]) == (0, 1)
    assert len(refused["sha256"]) == 64
    local = rows[rows["who"] == "alice"].iloc[0]
    assert (local["file_name"], local["rows_accepted"]) == ("kwartaal.csv", len(GOOD_ROWS))
    assert local["changed_at"] == IMPORTED_LOCALLY
    assert rows["change_id"].isna().all() and rows["email"].isna().all()


def test_a_role_change_says_whose_role_which_part_by_whom_when_and_why(audited):
    changes = audit_trail(audited, what="access").frame
    described = [
        (r.changed_at, r.who, r.email, r.role, _known(r.part_id), r.outcome, _known(r.reason))
        for r in changes.itertuples(index=False)
    ]
    coordinator = COORDINATOR.lower()
    assert described == [
        (REVOKED, ADMIN, coordinator, "coordinator", "AW", "revoked", REVOKE_REASON),
        (EDITOR_GRANTED, ADMIN, EDITOR.lower(), "editor", None, "granted", "=1+1"),
        (GRANTED_BY_OPERATOR, "ops", ADMIN, "admin", None, "granted", None),
        (
            GRANTED_BY_OPERATOR,
            "ops",
            coordinator,
            "coordinator",
            "AW",
            "granted",
            "coördinator Aruba",
        ),
    ]
    assert changes["import_id"].isna().all() and changes["file_name"].isna().all()


def test_who_is_any_part_of_the_name_in_any_case(audited):
    assert set(audit_trail(audited, who="COORD.aw").frame["who"]) == {"coord.aw@example.org"}
    assert len(audit_trail(audited, who="  example.ORG ").frame) == 5
    # Not a pattern: "%" and "_" are only themselves.
    assert audit_trail(audited, who="%").frame.empty
    assert audit_trail(audited, who="a_i").frame.empty


def test_what_and_outcome_filter_alone_and_together(audited):
    assert set(audit_trail(audited, what="catalogue").frame["who"]) == {"seed", EDITOR.lower()}
    assert len(audit_trail(audited, outcome="granted").frame) == 3
    refused = audit_trail(audited, what="observations", outcome="rejected").frame
    assert list(refused["file_name"]) == ["curacao.csv"]
    assert audit_trail(audited, what="access", outcome="accepted").frame.empty


def test_a_period_includes_its_start_and_excludes_its_end(audited):
    found = audit_trail(audited, since=ARUBA_IMPORTED, until=CATALOGUE_IMPORTED).frame
    assert list(found["changed_at"]) == [EDITOR_GRANTED, CURACAO_REFUSED, ARUBA_IMPORTED]
    assert list(audit_trail(audited, since=REVOKED).frame["outcome"]) == ["revoked"]
    assert audit_trail(audited, until=datetime(2020, 1, 1)).frame.empty


def test_the_trail_is_bounded_and_says_when_more_exist(audited):
    first = audit_trail(audited, limit=2)
    assert first.more and first.limit == 2
    assert list(first.frame["outcome"]) == ["revoked", "accepted"]
    everything = audit_trail(audited, limit=9)
    assert len(everything.frame) == 9 and not everything.more
    with pytest.raises(ValueError, match="limit"):
        audit_trail(audited, limit=0)


@pytest.mark.parametrize(("name", "value"), [("what", "figures"), ("outcome", "done")])
def test_an_unknown_filter_value_is_refused(audited, name, value):
    with pytest.raises(ValueError, match=value):
        audit_trail(audited, **{name: value})
    assert "access" in AUDIT_WHATS and {"granted", "revoked", "rejected"} <= set(AUDIT_OUTCOMES)


def _import_id(con: duckdb.DuckDBPyConnection, file_name: str) -> int:
    return int(sql.scalar(con, "SELECT import_id FROM imports WHERE file_name = ?", [file_name]))


def test_an_import_lists_every_version_it_wrote_by_key(audited):
    written = import_versions(audited, _import_id(audited, "kwartaal.csv"))
    assert not written.more
    keys = {
        (r.written, r.indicator_id, r.part_id, r.period, r.value)
        for r in written.frame.itertuples(index=False)
    }
    assert keys == {
        ("observation", indicator, part, period, float(value))
        for indicator, part, period, value, _, _ in GOOD_ROWS
    }
    assert set(written.frame["recorded_at"]) == {IMPORTED_LOCALLY}
    stored = sql.rows(
        audited,
        "SELECT observation_id FROM observations WHERE import_id = ? ORDER BY observation_id",
        [_import_id(audited, "kwartaal.csv")],
    )
    assert sorted(written.frame["version_id"]) == [row[0] for row in stored]


def test_a_catalogue_import_lists_its_indicator_and_target_versions(audited):
    written = import_versions(audited, _import_id(audited, "catalogus.xlsx")).frame
    assert [(r.written, r.indicator_id, _known(r.part_id)) for r in written.itertuples()] == [
        ("indicator", "IND-9901", None),
        ("target", "IND-9901", "AW"),
    ]


def test_a_refused_import_wrote_nothing_and_the_listing_is_bounded(audited):
    assert import_versions(audited, _import_id(audited, "curacao.csv")).frame.empty
    first = import_versions(audited, _import_id(audited, "kwartaal.csv"), limit=2)
    assert first.more and len(first.frame) == 2


def _read_csv(data: bytes, delimiter: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=delimiter))


def test_the_csv_round_trips_the_trail(audited):
    frame = audit_trail(audited).frame
    rows = _read_csv(audit_csv(frame), ",")
    assert len(rows) == len(frame)
    assert list(rows[0]) == list(AUDIT_COLUMNS)
    for row, stored in zip(rows, frame.to_dict("records"), strict=True):
        assert datetime.fromisoformat(row["changed_at"]) == stored["changed_at"]
        for column in ("who", "email", "reason", "file_name", "mode", "subject", "part_id"):
            value = _known(stored[column])
            expected = "" if value is None else str(value)
            assert unneutralise(row[column]) == expected, column
        for column in ("import_id", "rows_accepted", "change_id"):
            value = _known(stored[column])
            expected = "" if value is None else str(int(value))
            assert row[column] == expected, column


def test_the_csv_neutralises_formula_looking_text_and_keeps_line_breaks_in_a_field(audited):
    data = audit_csv(audit_trail(audited).frame)
    rows = _read_csv(data, ",")
    editor = EDITOR.lower()
    assert {row["who"] for row in rows} >= {"'" + editor}
    assert editor not in {row["who"] for row in rows}
    assert "'=1+1" in {row["reason"] for row in rows}
    assert REVOKE_REASON in {row["reason"] for row in rows}
    assert f'"{REVOKE_REASON}"'.encode() in data


def test_the_excel_dialect_has_a_bom_and_semicolons(audited):
    frame = audit_trail(audited, what="access").frame
    data = audit_csv(frame, dialect_name="excel-nl")
    assert data.startswith(UTF8_BOM)
    rows = _read_csv(data[len(UTF8_BOM) :], ";")
    assert [unneutralise(row["email"]) for row in rows] == list(frame["email"])
    assert "'" + EDITOR.lower() in {row["email"] for row in rows}
    with pytest.raises(ValueError, match="dialect"):
        audit_csv(frame, dialect_name="tsv")


def test_an_empty_trail_is_a_header_only(audited):
    data = audit_csv(audit_trail(audited, who="nobody").frame)
    assert data.decode() == ",".join(AUDIT_COLUMNS) + "\n"


def test_imports_made_before_access_control_are_in_the_trail_without_a_mode(demo_con):
    trail = audit_trail(demo_con, limit=100_000).frame
    imports = sql.scalar(demo_con, "SELECT count(*) FROM imports")
    unidentified = sql.scalar(
        demo_con,
        "SELECT count(*) FROM imports WHERE import_id NOT IN (SELECT import_id FROM import_identities)",
    )
    assert len(trail) == imports
    assert unidentified > 0
    assert int(trail["mode"].isna().sum()) == unidentified
