"""Roles as versioned data, and the data functions refusing what a signed-in user may not do.

Everything here calls the data layer directly (no page in between): a coordinator of another
part and a viewer are refused by the functions themselves, and nothing is written.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from data import sql
from data.access import current_grants, grant_changes, signed_in_actor
from data.access_rules import AccessDeniedError, Actor
from data.access_store import AccessInputError, grant_role, revoke_role
from data.audit import audit_trail
from data.catalogue_intake import import_catalogue_file, import_catalogue_frames
from data.catalogue_workbook import catalogue_workbook
from data.init import initialize
from data.intake import import_file, log_rejected, preview_file
from data.intake_access import NOT_YOUR_PART
from data.schema import schema_is_current
from data.store import open_reader, writer
from tests.conftest import DEMO_CLOCK
from tests.intake_files import (
    CLOCK,
    NARRATIVE_HEADER,
    csv_bytes,
    narrative_texts,
    observations,
)
from ui.catalogue_labels import workbook_texts

OPERATOR = Actor.operator("beheer")
GRANTED_AT = datetime(2026, 11, 1, 9, 0, 0)
ARUBA = "coordinator.aruba@example.aw"
CARIBBEAN_NL = "coordinator.cn@example.nl"
EDITOR = "redactie@example.nl"
VIEWER = "lezer@example.nl"
ADMIN = "beheerder@example.nl"
# IND-0502 is reported by all seven entities, quarterly, 0..1000.
ARUBA_ROW = ("IND-0502", "AW", "2025Q3", "12", "", "")
BONAIRE_ROW = ("IND-0502", "BQ-BO", "2025Q3", "7", "", "")
SABA_ROW = ("IND-0502", "BQ-SA", "2025Q3", "3", "", "")


@pytest.fixture
def roles_db(structure_db: Path) -> Path:
    """The structure database with a role for each kind of user, granted by an operator."""
    for email, role, parts in (
        (ARUBA, "coordinator", ("AW",)),
        (CARIBBEAN_NL, "coordinator", ("CAR_NL",)),
        (EDITOR, "editor", ()),
        (VIEWER, "viewer", ()),
        (ADMIN, "admin", ()),
    ):
        grant_role(
            structure_db, actor=OPERATOR, email=email, role=role, parts=parts, clock=GRANTED_AT
        )
    return structure_db


def _actor(db: Path, email: str) -> Actor:
    with open_reader(db) as con:
        return signed_in_actor(con, email=email, subject=f"sub-{email}")


def _count(db: Path, table: str) -> int:
    with open_reader(db) as con:
        return int(sql.scalar(con, f"SELECT count(*) FROM {table}"))  # table: a test constant


def _import(db: Path, actor: Actor, rows, **kwargs):
    return import_file(
        csv_bytes(rows), file_name="kwartaal.csv", db_path=db, actor=actor, clock=CLOCK, **kwargs
    )


# -- roles as data ---------------------------------------------------------------------------


def test_a_coordinators_parts_cover_every_part_below_them(roles_db):
    assert _actor(roles_db, ARUBA).parts == {"AW"}
    assert _actor(roles_db, CARIBBEAN_NL).parts == {"CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"}
    assert _actor(roles_db, CARIBBEAN_NL).granted_parts == ("CAR_NL",)


def test_an_email_is_matched_whatever_its_case_and_an_unknown_one_holds_no_role(roles_db):
    assert _actor(roles_db, ARUBA.upper()).roles == {"coordinator"}
    assert _actor(roles_db, "someone@else.org").roles == frozenset()


def test_every_change_is_kept_with_who_when_and_why(roles_db):
    later = datetime(2026, 11, 20, 8, 0, 0)
    admin = _actor(roles_db, ADMIN)
    revoked = revoke_role(
        roles_db, actor=admin, email=ARUBA, role="coordinator", reason="vertrokken", clock=later
    )
    assert [(c.email, c.role, c.part_id, c.granted) for c in revoked] == [
        (ARUBA, "coordinator", "AW", False)
    ]
    with open_reader(roles_db) as con:
        history = grant_changes(con)
        grants = current_grants(con)
        assert signed_in_actor(con, email=ARUBA, subject="s").roles == frozenset()
    newest = history.iloc[0]
    assert (newest["email"], bool(newest["granted"]), newest["reason"]) == (
        ARUBA,
        False,
        "vertrokken",
    )
    assert (newest["recorded_by"], newest["recorded_by_mode"]) == (ADMIN, "oidc")
    assert newest["recorded_by_subject"] == f"sub-{ADMIN}"
    assert newest["recorded_at"] == pd.Timestamp(later)
    assert (history["email"] == ARUBA).sum() == 2  # the grant is kept, not overwritten
    assert ARUBA not in set(grants["email"])
    assert set(history.loc[history["email"] == VIEWER, "recorded_by"]) == {"beheer"}


def test_granting_what_is_held_changes_nothing(roles_db):
    again = grant_role(
        roles_db, actor=OPERATOR, email=ARUBA, role="coordinator", parts=["AW"], clock=CLOCK
    )
    assert again == ()
    wider = grant_role(
        roles_db, actor=OPERATOR, email=ARUBA, role="coordinator", parts=["aw", "CW"], clock=CLOCK
    )
    assert [(c.part_id, c.granted) for c in wider] == [("CW", True)]


def test_revoking_one_part_keeps_the_others(roles_db):
    grant_role(roles_db, actor=OPERATOR, email=ARUBA, role="coordinator", parts=["CW"], clock=CLOCK)
    revoke_role(roles_db, actor=OPERATOR, email=ARUBA, parts=["AW"], clock=CLOCK)
    assert _actor(roles_db, ARUBA).parts == {"CW"}
    revoke_role(roles_db, actor=OPERATOR, email=ARUBA, clock=CLOCK)
    assert _actor(roles_db, ARUBA).roles == frozenset()


@pytest.mark.parametrize(
    ("change", "arguments", "code"),
    [
        (grant_role, {"email": "not-an-address", "role": "viewer"}, "invalid_email"),
        (grant_role, {"email": "a b@example.org", "role": "viewer"}, "invalid_email"),
        (grant_role, {"email": "x@example.org", "role": "owner"}, "unknown_role"),
        (grant_role, {"email": "x@x.org", "role": "coordinator", "parts": ["XX"]}, "unknown_part"),
        (
            grant_role,
            {"email": "x@x.org", "role": "editor", "parts": ["AW"]},
            "part_without_coordinator",
        ),
        (grant_role, {"email": "x@x.org", "role": "coordinator"}, "coordinator_without_part"),
        (revoke_role, {"email": "nobody@example.org"}, "nothing_to_revoke"),
        (revoke_role, {"email": VIEWER, "role": "editor"}, "nothing_to_revoke"),
    ],
)
def test_a_request_that_cannot_be_right_is_refused_and_writes_nothing(
    roles_db, change, arguments, code
):
    before = _count(roles_db, "access_grants")
    with pytest.raises(AccessInputError) as refused:
        change(roles_db, actor=OPERATOR, clock=CLOCK, **arguments)
    assert refused.value.code == code
    assert _count(roles_db, "access_grants") == before


@pytest.mark.parametrize("email", [ARUBA, EDITOR, VIEWER])
def test_only_an_admin_changes_roles(roles_db, email):
    before = _count(roles_db, "access_grants")
    with pytest.raises(AccessDeniedError):
        grant_role(roles_db, actor=_actor(roles_db, email), email=email, role="admin", clock=CLOCK)
    with pytest.raises(AccessDeniedError):
        revoke_role(roles_db, actor=_actor(roles_db, email), email=VIEWER, clock=CLOCK)
    assert _count(roles_db, "access_grants") == before


# -- quarter files -----------------------------------------------------------------------------


def test_the_aruba_coordinator_submits_arubas_figures_under_their_identity(roles_db):
    result = _import(roles_db, _actor(roles_db, ARUBA), [ARUBA_ROW])
    assert result.accepted, result.problems
    with open_reader(roles_db) as con:
        logged = sql.rows(
            con,
            "SELECT i.user_name, d.mode, d.subject FROM imports i "
            "JOIN import_identities d USING (import_id) WHERE import_id = ?",
            [result.import_id],
        )
    assert logged == [(ARUBA, "oidc", f"sub-{ARUBA}")]


def test_one_row_of_another_part_refuses_the_whole_file_and_names_the_part(roles_db):
    before = observations(roles_db)
    result = _import(roles_db, _actor(roles_db, ARUBA), [ARUBA_ROW, BONAIRE_ROW])
    assert not result.accepted
    assert [(p.code, p.row, p.column, p.letter, p.value) for p in result.problems] == [
        (NOT_YOUR_PART, 3, "part_id", "B", "BQ-BO")
    ]
    assert result.problems[0].parameters == {"part": "BQ-BO", "yours": "AW"}
    assert observations(roles_db) == before
    assert result.import_id is None  # on record in the attempt journal until the next writer
    with open_reader(roles_db) as con:
        logged = audit_trail(con, outcome="rejected", journal_of=roles_db).frame
    assert logged[["who", "mode", "subject"]].values.tolist() == [[ARUBA, "oidc", f"sub-{ARUBA}"]]


def test_a_coordinator_of_a_part_submits_for_the_islands_under_it(roles_db):
    result = _import(roles_db, _actor(roles_db, CARIBBEAN_NL), [BONAIRE_ROW, SABA_ROW])
    assert result.accepted, result.problems
    refused = _import(roles_db, _actor(roles_db, CARIBBEAN_NL), [ARUBA_ROW], dry_run=True)
    assert [p.code for p in refused.problems] == [NOT_YOUR_PART]


def test_an_editor_writes_duiding_for_any_part_but_no_figures(roles_db):
    editor = _actor(roles_db, EDITOR)
    duiding = csv_bytes(
        [("AL03", "BQ-SA", "2025Q3", "Het team op Saba is op sterkte.", "")],
        header=NARRATIVE_HEADER,
    )
    result = import_file(
        duiding, file_name="duiding.csv", db_path=roles_db, actor=editor, clock=CLOCK
    )
    assert result.accepted, result.problems
    assert len(narrative_texts(roles_db)) == 1
    figures = _import(roles_db, editor, [ARUBA_ROW])
    assert [p.code for p in figures.problems] == [NOT_YOUR_PART]


def test_a_coordinator_writes_duiding_for_their_own_part_only(roles_db):
    aruba = _actor(roles_db, ARUBA)
    rows = [
        ("AL03", "AW", "2025Q3", "Samenwerking loopt.", ""),
        ("AL03", "CW", "2025Q3", "Niet van Aruba.", ""),
    ]
    result = import_file(
        csv_bytes(rows, header=NARRATIVE_HEADER),
        file_name="d.csv",
        db_path=roles_db,
        actor=aruba,
        clock=CLOCK,
    )
    assert [(p.code, p.row) for p in result.problems] == [(NOT_YOUR_PART, 3)]
    assert narrative_texts(roles_db) == []


@pytest.mark.parametrize("email", [VIEWER, ADMIN, "unknown@example.org"])
def test_a_user_who_may_not_submit_is_refused_before_anything_is_read_or_written(roles_db, email):
    actor = _actor(roles_db, email)
    imports, values = _count(roles_db, "imports"), observations(roles_db)
    where = {"db_path": roles_db, "actor": actor, "clock": CLOCK}
    with pytest.raises(AccessDeniedError) as refused:
        import_file(csv_bytes([ARUBA_ROW]), file_name="x.csv", **where)
    assert refused.value.what == "upload"
    with pytest.raises(AccessDeniedError):
        preview_file(csv_bytes([ARUBA_ROW]), file_name="x.csv", **where)
    accepted = import_file(
        csv_bytes([ARUBA_ROW]),
        file_name="x.csv",
        db_path=roles_db,
        actor=OPERATOR,
        clock=CLOCK,
        dry_run=True,
    )
    with pytest.raises(AccessDeniedError):
        log_rejected(accepted, **where)
    assert _count(roles_db, "imports") == imports
    assert observations(roles_db) == values


# -- the catalogue -------------------------------------------------------------------------


def _workbook(db: Path) -> bytes:
    with open_reader(db) as con:
        return catalogue_workbook(con, lang="nl", texts=workbook_texts("nl"))


@pytest.mark.parametrize("email", [ARUBA, VIEWER, ADMIN])
def test_only_an_editor_changes_the_catalogue(roles_db, email):
    workbook = _workbook(roles_db)
    versions = _count(roles_db, "indicator_versions"), _count(roles_db, "imports")
    with pytest.raises(AccessDeniedError) as refused:
        import_catalogue_file(
            workbook,
            file_name="c.xlsx",
            db_path=roles_db,
            actor=_actor(roles_db, email),
            clock=CLOCK,
        )
    assert refused.value.what == "edit_catalogue"
    empty = pd.DataFrame()
    with pytest.raises(AccessDeniedError):
        import_catalogue_frames(
            empty, empty, db_path=roles_db, actor=_actor(roles_db, email), clock=CLOCK
        )
    assert (_count(roles_db, "indicator_versions"), _count(roles_db, "imports")) == versions


def test_an_editors_catalogue_import_is_recorded_under_their_identity(roles_db):
    result = import_catalogue_file(
        _workbook(roles_db),
        file_name="c.xlsx",
        db_path=roles_db,
        actor=_actor(roles_db, EDITOR),
        clock=CLOCK,
    )
    assert result.accepted, result.problems
    with open_reader(roles_db) as con:
        assert sql.rows(
            con,
            "SELECT i.user_name, i.kind, d.mode FROM imports i "
            "JOIN import_identities d USING (import_id) WHERE import_id = ?",
            [result.import_id],
        ) == [(EDITOR, "catalogue", "oidc")]


def test_a_schema_3_file_gains_the_access_tables_in_place(tmp_path):
    path = tmp_path / "monitor.duckdb"
    initialize(path, demo=False, clock=DEMO_CLOCK)
    with writer(path) as con:
        # What the previous main made: no access tables or view; version 3.
        con.execute("DROP VIEW current_access")
        con.execute("DROP TABLE import_identities")
        con.execute("DROP TABLE access_grants")
        con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with open_reader(path) as reader:
        assert not schema_is_current(reader)
        imports_before = sql.scalar(reader, "SELECT count(*) FROM imports")
    assert initialize(path, demo=False, clock=DEMO_CLOCK, if_absent=True) is False
    with open_reader(path) as reader:
        assert schema_is_current(reader)
        assert sql.scalar(reader, "SELECT value FROM meta WHERE key = 'schema_version'") == "4"
        assert sql.scalar(reader, "SELECT count(*) FROM imports") == imports_before
    grant_role(path, actor=OPERATOR, email=VIEWER, role="viewer", clock=CLOCK)
    assert _actor(path, VIEWER).roles == {"viewer"}
