"""The Access page under AppTest: in local mode it lists the roles in force, a grant made in its
form lands in the database and shows on the page and in the audit trail, a bad e-mail gets the
Dutch message and writes nothing, a revoke ends roles; the trail filters, drills down into one
import and offers its CSV. A signed-in admin's change is recorded with the provider's subject;
a signed-in user who is no admin, or nobody signed in, gets a refusal and no form."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.auth
from data.access import current_grants
from data.access_rules import Actor
from data.access_store import grant_role
from data.audit import audit_csv, audit_trail
from data.intake import import_file
from data.store import open_reader
from tests.intake_files import GOOD_ROWS, csv_bytes
from tests.pages.conftest import APP
from tests.pages.test_catalogue_page import deferred_downloads  # noqa: F401 (a fixture)
from ui import pages
from ui.auth import Identity
from ui.i18n import t

PAGE = pages.ACCESS.path
OPERATOR = Actor.operator("ops")
GRANTED_AT = datetime(2026, 11, 28, 9, 30)


def _ok(at: AppTest) -> None:
    assert not at.exception, at.exception[0].value if at.exception else ""


def _open(lang: str = "nl") -> AppTest:
    """The page in local mode, opened through the app as a browser session would."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    _ok(at)
    return at


def _open_alone(lang: str = "nl") -> AppTest:
    """The page run on its own (no app frame), as a typed URL reaches it."""
    at = AppTest.from_file(str(Path(APP).parent / PAGE), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    _ok(at)
    return at


def _table(at: AppTest, column_key: str, lang: str = "nl"):
    column = t(column_key, lang)
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def _grants(db: Path) -> list[tuple]:
    with contextlib.closing(open_reader(db)) as con:
        grants = current_grants(con)
    return [
        (r.email, r.role, None if r.part_id != r.part_id else r.part_id)
        for r in grants.itertuples(index=False)
    ]


def _grant(db: Path, email: str, role: str, parts: tuple[str, ...] = ()) -> None:
    grant_role(
        db, actor=OPERATOR, email=email, role=role, parts=parts, reason="test", clock=GRANTED_AT
    )


def _grant_in_form(
    at: AppTest, email: str, role: str, parts: tuple[str, ...] = (), reason: str = ""
) -> AppTest:
    """Fill in the grant form and submit it."""
    at.selectbox(key="access_grant_role").select(role).run()
    for part in parts:
        at.multiselect(key="access_grant_parts").select(part).run()
    at.text_input(key="access_grant_email").input(email)
    at.text_input(key="access_grant_reason").input(reason)
    at.button(key="access_grant_submit").click().run()
    _ok(at)
    return at


@pytest.mark.parametrize(
    ("lang", "part"), [("nl", "Caribisch Nederland"), ("en", "Caribbean Netherlands")]
)
def test_the_roles_in_force_are_listed_in_words_with_the_parts_named(app_db, lang, part):
    _grant(app_db, "coord@example.org", "coordinator", ("CAR_NL",))
    _grant(app_db, "editor@example.org", "editor")
    at = _open(lang)
    assert at.title[0].value == t("access_admin.title", lang)
    roles = _table(at, "access_admin.roles.role", lang)
    rows = roles.to_dict("records")
    assert [
        (r[t("access_admin.roles.email", lang)], r[t("access_admin.roles.role", lang)])
        for r in rows
    ] == [
        ("coord@example.org", t("access.role.coordinator", lang)),
        ("editor@example.org", t("access.role.editor", lang)),
    ]
    assert rows[0][t("access_admin.roles.part", lang)] == part
    assert rows[0][t("access_admin.roles.since", lang)] == "2026-11-28 09:30"
    assert rows[0][t("access_admin.roles.by", lang)] == "ops"
    assert rows[0][t("access_admin.roles.reason", lang)] == "test"


def test_a_grant_in_the_form_lands_in_the_database_and_shows(app_db):
    at = _open()
    assert t("access_admin.roles.empty", "nl") in [info.value for info in at.info]
    _grant_in_form(
        at, " Anna@Example.org ", "coordinator", ("AW", "SX"), "coördinator Aruba en Sint Maarten"
    )
    assert _grants(app_db) == [
        ("anna@example.org", "coordinator", "AW"),
        ("anna@example.org", "coordinator", "SX"),
    ]
    (done,) = at.success
    assert done.value == t(
        "access_admin.grant.done",
        "nl",
        changes="anna@example.org · coördinator · Aruba; anna@example.org · coördinator · Sint Maarten",
    )
    roles = _table(at, "access_admin.roles.role")
    assert list(roles[t("access_admin.roles.part", "nl")]) == ["Aruba", "Sint Maarten"]
    trail = _table(at, "access_admin.audit.detail")
    assert list(trail[t("access_admin.audit.what", "nl")])[:2] == ["toegang: toegekend"] * 2
    assert set(trail[t("access_admin.audit.how", "nl")][:2]) == {t("access_admin.mode.local", "nl")}
    # The form is empty again for the next grant.
    assert at.text_input(key="access_grant_email").value == ""


def test_granting_a_role_already_held_says_nothing_changed(app_db):
    _grant(app_db, "editor@example.org", "editor")
    at = _open()
    _grant_in_form(at, "editor@example.org", "editor")
    assert [s.value for s in at.success] == [
        t("access_admin.grant.unchanged", "nl", email="editor@example.org")
    ]
    assert _grants(app_db) == [("editor@example.org", "editor", None)]


def test_a_bad_email_gets_the_dutch_message_and_writes_nothing(app_db):
    at = _open()
    _grant_in_form(at, "geen-adres", "viewer")
    assert [e.value for e in at.error] == [
        t("access.error.invalid_email", "nl", email="geen-adres")
    ]
    assert "‘geen-adres’ is geen e-mailadres." in at.error[0].value
    assert _grants(app_db) == []


def test_a_coordinator_without_a_part_is_asked_for_one(app_db):
    at = _open("en")
    _grant_in_form(at, "coord@example.org", "coordinator")
    assert [e.value for e in at.error] == [t("access_admin.grant.parts_required", "en")]
    assert _grants(app_db) == []


def test_the_parts_are_asked_for_a_coordinator_only(app_db):
    at = _open()
    at.selectbox(key="access_grant_role").select("editor").run()
    assert not [m for m in at.multiselect if m.key == "access_grant_parts"]
    at.selectbox(key="access_grant_role").select("coordinator").run()
    assert at.multiselect(key="access_grant_parts").options


def test_revoking_one_role_or_all_of_a_users_roles(app_db):
    _grant(app_db, "coord@example.org", "coordinator", ("AW", "CW"))
    _grant(app_db, "coord@example.org", "viewer")
    at = _open()
    at.selectbox(key="access_revoke_email").select("coord@example.org").run()
    which = at.selectbox(key="access_revoke_which")
    labels = which.options
    assert labels[0] == t("access_admin.revoke.all", "nl")
    which.select_index(labels.index("coördinator · Curaçao")).run()
    at.text_input(key="access_revoke_reason").input("Curaçao rapporteert zelf")
    at.button(key="access_revoke_submit").click().run()
    _ok(at)
    assert _grants(app_db) == [
        ("coord@example.org", "coordinator", "AW"),
        ("coord@example.org", "viewer", None),
    ]
    assert [s.value for s in at.success] == [
        t("access_admin.revoke.done", "nl", changes="coord@example.org · coördinator · Curaçao")
    ]
    at.selectbox(key="access_revoke_which").select_index(0).run()
    at.button(key="access_revoke_submit").click().run()
    _ok(at)
    assert _grants(app_db) == []
    assert t("access_admin.revoke.none", "nl") in [info.value for info in at.info]
    trail = _table(at, "access_admin.audit.detail")
    outcomes = list(trail[t("access_admin.audit.what", "nl")])
    assert outcomes[:3] == ["toegang: ingetrokken"] * 3
    assert "reden: Curaçao rapporteert zelf" in trail[t("access_admin.audit.detail", "nl")][2]


def _import_locally(db: Path) -> None:
    import_file(
        csv_bytes(GOOD_ROWS),
        file_name="kwartaal.csv",
        db_path=db,
        actor=Actor.local("alice"),
        clock=datetime(2026, 11, 28, 10, 0),
    )


def test_the_trail_filters_and_shows_what_one_import_wrote(app_db):
    _import_locally(app_db)
    _grant(app_db, "coord@example.org", "coordinator", ("AW",))
    at = _open()
    trail = _table(at, "access_admin.audit.detail")
    assert list(trail[t("access_admin.audit.by", "nl")]) == ["alice", "ops", "seed"]
    at.text_input(key="audit_who").input("ALI").run()
    assert list(_table(at, "access_admin.audit.detail")[t("access_admin.audit.by", "nl")]) == [
        "alice"
    ]
    at.text_input(key="audit_who").input("").run()
    at.selectbox(key="audit_what").select("access").run()
    assert len(_table(at, "access_admin.audit.detail")) == 1
    at.selectbox(key="audit_what").select(None).run()
    at.date_input(key="audit_period").set_value((date(2026, 11, 28), date(2026, 11, 28))).run()
    _ok(at)
    assert len(_table(at, "access_admin.audit.detail")) == 2
    # The seed catalogue and the quarter file are the imports to drill into; the newest first.
    drill = at.selectbox(key="audit_import")
    assert drill.options[0].endswith("kwartaal.csv · 2026-11-28 10:00")
    versions = _table(at, "access_admin.versions.key")
    assert set(versions[t("access_admin.versions.key", "nl")]) == {row[0] for row in GOOD_ROWS}
    assert set(versions[t("access_admin.versions.written", "nl")]) == {"waarneming"}


def test_nothing_matching_the_filters_says_so(app_db):
    at = _open("en")
    at.text_input(key="audit_who").input("nobody").run()
    _ok(at)
    assert t("access_admin.audit.empty", "en") in [info.value for info in at.info]


@pytest.mark.parametrize(
    ("lang", "dialect", "name"),
    [
        ("nl", "excel-nl", "auditspoor_alles_excel-nl.csv"),
        ("en", "standard", "audit_trail_all_standard.csv"),
    ],
)
def test_the_csv_download_is_the_trail_shown_named_in_the_language(
    app_db,
    deferred_downloads,  # noqa: F811 (the fixture imported above)
    lang,
    dialect,
    name,
):
    _import_locally(app_db)
    at = _open(lang)
    deferred_downloads.clear()
    at.selectbox(key="audit_dialect").select(dialect).run()
    _ok(at)
    (download,) = [d for d in deferred_downloads if d["file_name"] == name]
    with contextlib.closing(open_reader(app_db)) as con:
        expected = audit_csv(audit_trail(con).frame, dialect_name=dialect)
    assert download["data"]() == expected


def _signed_in(monkeypatch: pytest.MonkeyPatch, who: Identity | None) -> None:
    monkeypatch.setenv(ui.auth.AUTH_ENV, ui.auth.OIDC)
    monkeypatch.setattr(ui.auth, "identity", lambda: who)


def test_a_signed_in_user_who_is_no_admin_is_refused_and_offered_no_form(app_db, monkeypatch):
    _grant(app_db, "viewer@example.org", "viewer")
    _grant(app_db, "coord@example.org", "coordinator", ("AW",))
    _signed_in(monkeypatch, Identity("oidc", "coord@example.org", "sub-coord"))
    at = _open_alone()
    assert [e.value for e in at.error] == [t("access_admin.refused", "nl")]
    assert not at.text_input and not at.button and not at.dataframe and not at.tabs


def test_nobody_signed_in_is_asked_to_sign_in_as_an_admin(app_db, monkeypatch):
    _signed_in(monkeypatch, None)
    at = _open_alone("en")
    assert [e.value for e in at.error] == [t("access_admin.not_signed_in", "en")]
    assert not at.text_input and not at.button and not at.dataframe


def test_a_signed_in_admins_grant_is_recorded_with_the_providers_subject(app_db, monkeypatch):
    _grant(app_db, "admin@example.org", "admin")
    _signed_in(monkeypatch, Identity("oidc", "admin@example.org", "sub-admin"))
    at = _open_alone()
    _grant_in_form(at, "editor@example.org", "editor")
    assert ("editor@example.org", "editor", None) in _grants(app_db)
    with contextlib.closing(open_reader(app_db)) as con:
        newest = audit_trail(con, what="access", limit=1).frame.iloc[0]
    assert (newest["who"], newest["mode"], newest["subject"]) == (
        "admin@example.org",
        "oidc",
        "sub-admin",
    )
    how = _table(at, "access_admin.audit.detail")[t("access_admin.audit.how", "nl")][0]
    assert how == t(
        "access_admin.mode.subject",
        "nl",
        mode=t("access_admin.mode.oidc", "nl"),
        subject="sub-admin",
    )
