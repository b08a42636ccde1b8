"""Sign-in's pieces without the app: the settings from the environment, the check of the oidc
configuration (against Streamlit's own check of what ``st.login`` needs), the roles in words,
the menu and the template for the acting user, a refused write in words."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest
from streamlit.auth_util import validate_auth_credentials
from streamlit.errors import StreamlitAuthError
from streamlit.testing.v1 import AppTest

from data.access_rules import ROLES, Actor
from data.queries import reference_data
from tests.browser.oidc import AUTH_KEYS, write_secrets
from tests.streamlit_secrets import secrets_from
from ui import pages
from ui.access_pages import own_parts_first, permitted_sections
from ui.access_sidebar import code_span, role_words
from ui.auth import (
    AUTH_ENV,
    LOCAL,
    MODES,
    OIDC,
    PUBLIC_READ_ENV,
    REFUSE,
    UNKNOWN_USERS,
    UNKNOWN_USERS_ENV,
    VIEWER,
    AuthSettings,
    SettingError,
    auth_settings,
)
from ui.auth_config import (
    MIN_COOKIE_SECRET_CHARS,
    ConfigProblem,
    oidc_config_problems,
    oidc_problems,
)
from ui.auth_gate import config_lines, settings_lines
from ui.i18n import LANGUAGES, t

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "http://127.0.0.1:9"
COMPLETE = {
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "x" * MIN_COOKIE_SECRET_CHARS,
    "client_id": "monitor",
    "client_secret": "s3cret",
    "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
}


# --- the settings ------------------------------------------------------------------------------


def test_with_nothing_set_the_dashboard_is_local_refuses_unknown_users_and_is_not_public():
    assert auth_settings({}) == AuthSettings(mode=LOCAL, public_read=False, unknown_users=REFUSE)


@pytest.mark.parametrize(("value", "mode"), [("local", LOCAL), (" OIDC ", OIDC), ("", LOCAL)])
def test_the_mode_is_read_whatever_its_case_and_spaces(value, mode):
    settings = auth_settings({AUTH_ENV: value})
    assert (settings.mode, settings.errors) == (mode, ())


@pytest.mark.parametrize("value", ["oauth", "none", "saml", "off"])
def test_an_unknown_mode_is_an_error_naming_it_and_never_local(value):
    settings = auth_settings({AUTH_ENV: value})
    assert settings.mode is None
    assert settings.errors == (SettingError(AUTH_ENV, value, MODES),)


@pytest.mark.parametrize(
    ("value", "public"),
    [("1", True), ("true", True), ("YES", True), ("on", True), ("0", False), ("", False)],
)
def test_public_read_is_a_switch(value, public):
    settings = auth_settings({AUTH_ENV: "oidc", PUBLIC_READ_ENV: value})
    assert (settings.public_read, settings.errors) == (public, ())


def test_public_read_with_another_value_is_an_error_in_oidc_mode_and_stays_off():
    settings = auth_settings({AUTH_ENV: "oidc", PUBLIC_READ_ENV: "maybe"})
    assert settings.public_read is False
    assert settings.errors == (SettingError(PUBLIC_READ_ENV, "maybe", ("1", "0")),)


@pytest.mark.parametrize(("value", "as_viewer"), [("viewer", True), ("Refuse", False), ("", False)])
def test_unknown_users_are_refused_or_viewers(value, as_viewer):
    settings = auth_settings({AUTH_ENV: "oidc", UNKNOWN_USERS_ENV: value})
    assert (settings.unknown_as_viewer, settings.errors) == (as_viewer, ())


def test_with_public_read_an_unknown_user_reads_as_a_viewer_whatever_the_policy():
    settings = auth_settings({AUTH_ENV: "oidc", PUBLIC_READ_ENV: "1", UNKNOWN_USERS_ENV: REFUSE})
    assert settings.unknown_as_viewer


def test_unknown_users_with_another_value_is_an_error_and_they_stay_refused():
    settings = auth_settings({AUTH_ENV: "oidc", UNKNOWN_USERS_ENV: "admin"})
    assert settings.unknown_users == REFUSE
    assert settings.errors == (SettingError(UNKNOWN_USERS_ENV, "admin", UNKNOWN_USERS),)


def test_the_oidc_only_settings_are_not_errors_in_local_mode_where_they_do_nothing():
    settings = auth_settings({PUBLIC_READ_ENV: "maybe", UNKNOWN_USERS_ENV: "admin"})
    assert (settings.mode, settings.errors) == (LOCAL, ())


def test_every_wrong_setting_is_named_at_once():
    environ = {AUTH_ENV: "oidc", PUBLIC_READ_ENV: "2", UNKNOWN_USERS_ENV: VIEWER + "s"}
    assert [error.name for error in auth_settings(environ).errors] == [
        PUBLIC_READ_ENV,
        UNKNOWN_USERS_ENV,
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_settings_error_names_the_variable_its_value_and_what_is_allowed(lang):
    (line,) = settings_lines([SettingError(AUTH_ENV, "oauth", MODES)], lang)
    assert "`MONITOR_AUTH`" in line and "`oauth`" in line
    assert "`local`, `oidc`" in line


# --- the oidc configuration --------------------------------------------------------------------


def test_a_complete_configuration_has_no_problems():
    assert oidc_problems(COMPLETE, authlib=True) == ()


def test_without_an_auth_section_every_setting_is_named():
    problems = oidc_problems(None, authlib=True)
    assert problems[0] == ConfigProblem("no_section")
    assert [p.setting for p in problems[1:]] == [f"[auth] {key}" for key in AUTH_KEYS]


@pytest.mark.parametrize("key", AUTH_KEYS)
def test_a_missing_or_empty_setting_is_named(key):
    missing = {k: v for k, v in COMPLETE.items() if k != key}
    empty = {**COMPLETE, key: "  "}
    for auth in (missing, empty):
        assert oidc_problems(auth, authlib=True) == (ConfigProblem("missing", f"[auth] {key}"),)


def test_a_provider_in_auth_default_is_checked_there():
    provider = {k: COMPLETE[k] for k in ("client_id", "server_metadata_url")}
    auth = {"redirect_uri": COMPLETE["redirect_uri"], "cookie_secret": COMPLETE["cookie_secret"]}
    assert oidc_problems({**auth, "default": provider}, authlib=True) == (
        ConfigProblem("missing", "[auth.default] client_secret"),
    )


def test_a_redirect_uri_off_streamlits_callback_and_a_short_cookie_secret_are_problems():
    auth = {**COMPLETE, "redirect_uri": "http://127.0.0.1:8501/", "cookie_secret": "abc"}
    assert oidc_problems(auth, authlib=True) == (
        ConfigProblem("callback", "[auth] redirect_uri"),
        ConfigProblem("short_secret", "[auth] cookie_secret"),
    )


def test_a_redirect_uri_with_streamlits_port_placeholder_is_fine():
    auth = {**COMPLETE, "redirect_uri": "http://127.0.0.1:{port}/oauth2callback"}
    assert oidc_problems(auth, authlib=True) == ()


def test_the_example_files_placeholders_are_problems_and_its_real_looking_values_not():
    example = ROOT / ".streamlit" / "secrets.example.toml"
    auth = tomllib.loads(example.read_text(encoding="utf-8"))["auth"]
    assert oidc_problems(auth, authlib=True) == tuple(
        ConfigProblem("placeholder", f"[auth] {key}")
        for key in ("cookie_secret", "client_secret", "server_metadata_url")
    )


def test_a_short_placeholder_is_named_once():
    auth = {**COMPLETE, "cookie_secret": "replace-with-x"}
    assert oidc_problems(auth, authlib=True) == (
        ConfigProblem("placeholder", "[auth] cookie_secret"),
    )


def test_without_authlib_the_configuration_is_incomplete():
    assert oidc_problems(COMPLETE, authlib=False) == (ConfigProblem("authlib"),)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_problem_is_said_in_words_naming_its_setting(lang):
    problems = oidc_problems({"cookie_secret": "abc"}, authlib=False)
    lines = config_lines(problems, lang)
    assert len(lines) == len(problems)
    for key in ("redirect_uri", "client_id", "client_secret", "server_metadata_url"):
        assert any(f"`[auth] {key}`" in line for line in lines)
    assert any(str(MIN_COOKIE_SECRET_CHARS) in line for line in lines)
    assert lines[-1] == t("auth.config.problem.authlib", lang)


def test_no_secrets_file_is_no_configuration_and_raises_nothing(tmp_path: Path):
    with secrets_from(tmp_path / "absent" / "secrets.toml"):
        problems = oidc_config_problems()
    assert problems[0] == ConfigProblem("no_section")
    assert {p.setting for p in problems[1:]} == {f"[auth] {key}" for key in AUTH_KEYS}


def test_an_unreadable_secrets_file_is_no_configuration(tmp_path: Path):
    path = tmp_path / "secrets.toml"
    path.write_bytes(b"[auth]\nclient_id = '\xff\xfe'\n")  # not UTF-8
    with secrets_from(path):
        assert oidc_config_problems()[0] == ConfigProblem("no_section")


def _streamlit_accepts() -> bool:
    try:
        validate_auth_credentials("default")
    except StreamlitAuthError:
        return False
    return True


@pytest.mark.parametrize("omit", [(), *((key,) for key in AUTH_KEYS)])
def test_the_check_agrees_with_what_streamlits_login_checks(tmp_path: Path, omit):
    path = write_secrets(tmp_path, ISSUER, omit=omit)
    with secrets_from(path):
        problems, accepted = oidc_config_problems(), _streamlit_accepts()
    assert accepted == (not omit)
    assert [p.setting for p in problems] == [f"[auth] {key}" for key in omit]


# --- the acting user in words, the menu, the template ----------------------------------------


@pytest.fixture
def parts(structure_con):
    return reference_data(structure_con).kingdom_parts


def _signed_in(*roles: str, parts: tuple[str, ...] = ()) -> Actor:
    return Actor(
        "a@example.org",
        OIDC,
        subject="a",
        roles=frozenset(roles),
        parts=frozenset(parts),
        granted_parts=parts,
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ["lezer", "coördinator voor Aruba, Sint Maarten", "beheerder"]),
        ("en", ["viewer", "coordinator for Aruba, Sint Maarten", "admin"]),
    ],
)
def test_the_roles_are_in_words_in_order_with_a_coordinators_parts_named(parts, lang, expected):
    actor = _signed_in("admin", "viewer", "coordinator", parts=("AW", "SX"))
    assert role_words(actor, parts, role_order=ROLES, lang=lang) == expected


def test_an_e_mail_stays_literal_in_markdown():
    assert code_span("first_last@example.org") == "`first_last@example.org`"
    assert code_span("a`b@example.org") == "`` a`b@example.org ``"


def test_the_menu_leaves_out_what_the_user_may_not_use_and_empty_sections():
    needs = {pages.DATA: "upload", pages.CATALOGUE: "edit_catalogue"}
    sections = [
        (key, tuple(dataclasses.replace(e, requires=needs.get(e, e.requires)) for e in entries))
        for key, entries in pages.SECTIONS
    ]
    asked: list[str] = []

    def upload_only(requirement: str) -> bool:
        asked.append(requirement)
        return requirement == "upload"

    kept = permitted_sections(sections, upload_only)
    assert [key for key, _ in kept] == ["nav_section.monitor"]
    assert [e.path for e in kept[0][1]] == [e.path for e in pages.SECTIONS[0][1]]
    assert sorted(asked) == ["edit_catalogue", "manage_access", "upload"]
    assert permitted_sections(sections, lambda _: True) == sections


def test_a_coordinators_template_lists_and_opens_on_their_parts(parts):
    ordered, opened = own_parts_first(parts, {"AW"}, "KINGDOM")
    assert opened == "AW"
    assert ordered["part_id"].iloc[0] == "AW"
    assert sorted(ordered["part_id"]) == sorted(parts["part_id"])


def test_a_coordinator_of_several_parts_opens_on_the_chosen_one_if_it_is_theirs(parts):
    own = {"CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"}
    ordered, opened = own_parts_first(parts, own, "BQ-SE")
    assert opened == "BQ-SE"
    assert list(ordered["part_id"])[:4] == ["CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"]
    assert own_parts_first(parts, own, "NL")[1] == "CAR_NL"


def test_without_parts_of_ones_own_the_template_is_as_it_was(parts):
    ordered, opened = own_parts_first(parts, frozenset(), "CW")
    assert (ordered is parts, opened) == (True, "CW")


# --- a refused write ----------------------------------------------------------------------------


def _refused_write(what: str) -> None:
    import streamlit as st

    from data.access_rules import AccessDeniedError
    from ui.access_pages import refusals

    st.write("before")
    with refusals(AccessDeniedError, "en"):
        raise AccessDeniedError(what)
    st.write("after")


@pytest.mark.parametrize("what", ["upload", "edit_catalogue", "manage_access"])
def test_a_refused_write_is_said_in_words_and_the_page_goes_on(what):
    at = AppTest.from_function(_refused_write, args=(what,), default_timeout=30).run()
    assert not at.exception
    assert [e.value for e in at.error] == [t(f"access.denied.{what}", "en")]
    assert [m.value for m in at.markdown] == ["before", "after"]
