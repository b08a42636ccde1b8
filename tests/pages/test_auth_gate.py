"""The whole app under AppTest as each kind of user meets it: local mode as before; oidc refusing
every page while its configuration is incomplete or wrong; the sign-in screen; a public reader;
signed-in users by role (the menu and the Data and Catalogue pages offer only what they may do);
an e-mail without a role refused, or read as a viewer; sign-out.

AppTest cannot sign in at a provider: a signed-in user is ``at.user`` (what Streamlit reads as
``st.user``: the claims a provider's ID token gives), with Streamlit's secrets read from a file
of the test's (``tests.streamlit_secrets``), as ``streamlit run --secrets.files`` would. The
browser tests sign in for real.
"""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.access_rules import Actor
from data.access_store import grant_role, revoke_role
from data.intake import import_file
from data.queries import reference_data
from data.store import open_reader
from tests.browser.oidc import AUTH_KEYS, write_secrets
from tests.pages.conftest import APP, ROOT
from tests.streamlit_secrets import secrets_from
from ui import pages
from ui.access_sidebar import code_span
from ui.i18n import LANGUAGES, t
from ui.state import part_label

CLOCK = datetime(2026, 11, 30, 9, 0, 0)
ISSUER = "http://127.0.0.1:9"  # never called: AppTest signs nobody in at a provider
OPERATOR = Actor.operator("tests")

COORDINATOR_AW = "coordinator@aruba.example"
VIEWER = "viewer@example.org"
EDITOR = "editor@example.org"
ADMIN = "admin@example.org"
STRANGER = "stranger@example.org"


# --- set-up --------------------------------------------------------------------------------------


@pytest.fixture
def roles_db(app_db: Path) -> Path:
    """The app's database with one user of each role (Aruba's coordinator for AW)."""
    grant_role(
        app_db, actor=OPERATOR, email=COORDINATOR_AW, role="coordinator", parts=["AW"], clock=CLOCK
    )
    for email, role in ((VIEWER, "viewer"), (EDITOR, "editor"), (ADMIN, "admin")):
        grant_role(app_db, actor=OPERATOR, email=email, role=role, clock=CLOCK)
    return app_db


@pytest.fixture
def oidc(roles_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """oidc mode with a complete configuration; the database's path."""
    monkeypatch.setenv("MONITOR_AUTH", "oidc")
    with secrets_from(write_secrets(tmp_path / "secrets", ISSUER)):
        yield roles_db


@pytest.fixture
def stricter_menu(monkeypatch: pytest.MonkeyPatch) -> None:
    """The registry with the Catalogue needing ``edit_catalogue`` and the Method page needing
    ``manage_access``: the menu filter is generic, whatever page needs what."""
    needs = {pages.CATALOGUE: "edit_catalogue", pages.METHOD: "manage_access"}
    sections = tuple(
        (
            key,
            tuple(
                dataclasses.replace(entry, requires=needs.get(entry, entry.requires))
                for entry in entries
            ),
        )
        for key, entries in pages.SECTIONS
    )
    monkeypatch.setattr(pages, "SECTIONS", sections)


def _user(email: str, *, verified: bool = True) -> dict:
    # What st.user holds after a provider signed someone in (tests/browser/oidc.py's provider).
    return {
        "is_logged_in": True,
        "email": email,
        "sub": email.split("@")[0],
        "email_verified": verified,
    }


def _open(user: dict | None = None, page: str | None = None, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.user = user if user is not None else {}
    at.run()
    if page is not None:
        at.switch_page(page).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _menu(at: AppTest) -> list[str]:
    # What st.navigation registered (AppTest keeps it, no public accessor yet; as test_shell).
    return [
        Path(page["script_path"]).relative_to(ROOT).as_posix()
        for page in at._registered_pages.values()
    ]


def _tabs(at: AppTest) -> list[str]:
    return [tab.label for tab in at.tabs]


def _tab_labels(prefix: str, names: tuple[str, ...], lang: str = "nl") -> list[str]:
    return [t(f"{prefix}.{name}", lang) for name in names]


def _captions(at: AppTest) -> list[str]:
    return [caption.value for caption in at.sidebar.caption]


def _shows_nothing_of_the_monitor(at: AppTest) -> None:
    assert not at.tabs and not at.dataframe and not at.metric and not at.sidebar.selectbox
    # No page registered: only app.py itself, as a run without st.navigation leaves it.
    assert _menu(at) in ([], ["app.py"])


# --- local mode ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_local_mode_says_so_in_the_sidebar_with_the_os_user(app_db, lang):
    at = _open(lang=lang)
    assert at.title[0].value == t("overview.title", lang)
    assert t("auth.session.local", lang, user=code_span(getpass.getuser())) in _captions(at)
    assert not at.sidebar.button, "nobody to sign in or out"
    assert _menu(at) == [entry.path for entry in pages.PAGES]


def test_local_mode_offers_every_tab_of_the_data_page(app_db):
    at = _open(page=pages.DATA.path)
    assert _tabs(at) == _tab_labels("intake.tab", ("status", "template", "upload", "log"))


def test_local_mode_ignores_a_stricter_menu_it_may_use_all_of(app_db, stricter_menu):
    assert _menu(_open()) == [entry.path for entry in pages.PAGES]


# --- a configuration that cannot sign anyone in --------------------------------------------------


def test_an_unknown_mode_serves_no_page_and_names_the_setting_in_both_languages(
    app_db, monkeypatch
):
    monkeypatch.setenv("MONITOR_AUTH", "oauth")
    at = _open()
    assert [error.value.split("\n")[0] for error in at.error] == [
        f"**{t('auth.settings.title', lang)}**" for lang in LANGUAGES
    ]
    assert all("`MONITOR_AUTH`" in error.value and "`oauth`" in error.value for error in at.error)
    _shows_nothing_of_the_monitor(at)
    assert not at.title, "never local mode instead"


def test_oidc_without_secrets_serves_no_page_and_names_every_missing_setting(
    app_db, tmp_path, monkeypatch
):
    monkeypatch.setenv("MONITOR_AUTH", "oidc")
    with secrets_from(tmp_path / "absent.toml"):
        at = _open(user=_user(COORDINATOR_AW))
    assert len(at.error) == len(LANGUAGES)
    for error, lang in zip(at.error, LANGUAGES, strict=True):
        assert t("auth.config.title", lang) in error.value
        assert all(f"`[auth] {key}`" in error.value for key in AUTH_KEYS)
    _shows_nothing_of_the_monitor(at)
    assert not at.title and not at.button


@pytest.mark.parametrize("missing", ["client_secret", "redirect_uri"])
def test_oidc_with_one_setting_missing_names_just_that_one(app_db, tmp_path, monkeypatch, missing):
    monkeypatch.setenv("MONITOR_AUTH", "oidc")
    with secrets_from(write_secrets(tmp_path, ISSUER, omit=(missing,))):
        at = _open(user=_user(COORDINATOR_AW))
    named = {key for key in AUTH_KEYS if f"`[auth] {key}`" in at.error[0].value}
    assert named == {missing}
    _shows_nothing_of_the_monitor(at)


def test_a_wrong_oidc_only_setting_serves_no_page(oidc, monkeypatch):
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "sometimes")
    at = _open(user=_user(VIEWER))
    assert "`MONITOR_PUBLIC_READ`" in at.error[0].value
    _shows_nothing_of_the_monitor(at)


# --- nobody signed in ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_nobody_signed_in_gets_the_sign_in_screen_and_no_data(oidc, lang):
    at = _open(lang=lang)
    assert [title.value for title in at.title] == [t("app.title", lang)]
    assert t("auth.sign_in.intro", lang) in [markdown.value for markdown in at.markdown]
    assert [button.label for button in at.button] == [t("auth.sign_in.button", lang)]
    _shows_nothing_of_the_monitor(at)
    # A deep link to a page gets the same screen, not the page.
    at.switch_page(pages.DATA.path).run()
    assert [button.label for button in at.button] == [t("auth.sign_in.button", lang)]
    _shows_nothing_of_the_monitor(at)


def test_the_sign_in_button_hands_over_to_streamlits_login_without_an_error(oidc):
    at = _open()
    at.button(key="auth_gate_sign_in").click().run()
    assert not at.exception
    _shows_nothing_of_the_monitor(at)


def test_the_sign_in_screen_switches_language(oidc):
    at = _open()
    at.radio(key="lang").set_value("en").run()
    assert [button.label for button in at.button] == [t("auth.sign_in.button", "en")]


def test_a_public_reader_reads_every_page_without_anything_to_write(
    oidc, monkeypatch, stricter_menu
):
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    at = _open()
    assert at.title[0].value == t("overview.title", "nl")
    assert t("auth.session.anonymous", "nl") in _captions(at)
    assert [button.label for button in at.sidebar.button] == [t("auth.sign_in.button", "nl")]
    assert not {pages.CATALOGUE.path, pages.METHOD.path, pages.ACCESS.path} & set(_menu(at))
    at.switch_page(pages.DATA.path).run()
    assert not at.exception
    assert _tabs(at) == _tab_labels("intake.tab", ("status", "template"))
    assert not at.file_uploader


def test_a_public_reader_of_the_catalogue_gets_no_import_edit_or_log(oidc, monkeypatch):
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    at = _open(page=pages.CATALOGUE.path)
    assert _tabs(at) == _tab_labels("catalogue.tab", ("indicators", "download"))
    assert not at.data_editor and not at.file_uploader


# --- signed in, by role ----------------------------------------------------------------------------


def test_arubas_coordinator_may_upload_and_the_template_opens_on_aruba(oidc):
    # The provider's e-mail in another case is the same user: grants are by lower-case e-mail.
    at = _open(user=_user(COORDINATOR_AW.upper()), page=pages.DATA.path)
    assert _tabs(at) == _tab_labels("intake.tab", ("status", "template", "upload", "log"))
    assert at.file_uploader(key="intake_file")
    template_part = at.selectbox(key="intake_template_part")
    assert template_part.value == "AW"
    with open_reader(oidc) as con:
        parts = reference_data(con).kingdom_parts
    assert template_part.options[0] == part_label(parts, "AW", "nl", indent=True)
    captions = _captions(at)
    assert t("auth.session.signed_in", "nl", email=code_span(COORDINATOR_AW)) in captions
    assert t("auth.session.role", "nl", roles="coördinator voor Aruba") in captions
    assert [button.label for button in at.sidebar.button] == [t("auth.sign_out.button", "nl")]


def test_a_viewer_gets_no_upload_and_no_page_needing_more(oidc, stricter_menu):
    at = _open(user=_user(VIEWER))
    assert t("auth.session.role", "nl", roles=t("access.role.viewer", "nl")) in _captions(at)
    menu = _menu(at)
    assert pages.CATALOGUE.path not in menu and pages.METHOD.path not in menu
    assert pages.ACCESS.path not in menu
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(pages.METHOD.path)
    at.switch_page(pages.DATA.path).run()
    assert _tabs(at) == _tab_labels("intake.tab", ("status", "template", "log"))
    assert not at.file_uploader


def test_a_viewer_reaching_the_catalogue_gets_no_import_or_edit(oidc):
    at = _open(user=_user(VIEWER), page=pages.CATALOGUE.path)
    assert _tabs(at) == _tab_labels("catalogue.tab", ("indicators", "download", "log"))
    assert not at.data_editor


def test_an_editor_edits_the_catalogue_but_is_not_given_the_admins_pages(oidc, stricter_menu):
    at = _open(user=_user(EDITOR))
    assert pages.CATALOGUE.path in _menu(at)
    assert pages.METHOD.path not in _menu(at) and pages.ACCESS.path not in _menu(at)
    at.switch_page(pages.CATALOGUE.path).run()
    assert not at.exception
    assert _tabs(at) == _tab_labels(
        "catalogue.tab", ("indicators", "download", "import", "edit", "log")
    )
    assert len(at.data_editor) == 2


def test_an_admin_gets_the_pages_needing_manage_access_and_no_others_role(oidc, stricter_menu):
    at = _open(user=_user(ADMIN))
    assert pages.METHOD.path in _menu(at) and pages.CATALOGUE.path not in _menu(at)
    assert pages.ACCESS.path in _menu(at)
    at.switch_page(pages.ACCESS.path).run()
    assert not at.exception and not at.error


def test_a_changed_role_takes_effect_on_the_next_run(oidc):
    at = _open(user=_user(VIEWER), page=pages.DATA.path)
    assert t("intake.tab.upload", "nl") not in _tabs(at)
    grant_role(oidc, actor=OPERATOR, email=VIEWER, role="coordinator", parts=["CW"], clock=CLOCK)
    at.run()
    assert t("intake.tab.upload", "nl") in _tabs(at)
    assert at.selectbox(key="intake_template_part").options[0].endswith("Curaçao")
    revoke_role(oidc, actor=OPERATOR, email=VIEWER, role="coordinator", clock=CLOCK)
    at.run()
    assert t("intake.tab.upload", "nl") not in _tabs(at)


# --- refused, and signing out ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_e_mail_without_a_role_is_refused_naming_it(oidc, lang):
    at = _open(user=_user(STRANGER), lang=lang)
    assert t("auth.refused.no_role", lang, email=code_span(STRANGER)) in [
        m.value for m in at.markdown
    ]
    assert [button.label for button in at.button] == [t("auth.sign_out.button", lang)]
    _shows_nothing_of_the_monitor(at)


def test_an_e_mail_without_a_role_reads_as_a_viewer_when_so_configured(oidc, monkeypatch):
    monkeypatch.setenv("MONITOR_UNKNOWN_USERS", "viewer")
    at = _open(user=_user(STRANGER), page=pages.DATA.path)
    assert t("auth.session.role", "nl", roles=t("access.role.viewer", "nl")) in _captions(at)
    assert _tabs(at) == _tab_labels("intake.tab", ("status", "template", "log"))


def test_with_public_read_an_e_mail_without_a_role_still_reads(oidc, monkeypatch):
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    at = _open(user=_user(STRANGER))
    assert at.title[0].value == t("overview.title", "nl")
    assert t("auth.session.role", "nl", roles=t("access.role.viewer", "nl")) in _captions(at)


def test_an_e_mail_the_provider_has_not_verified_is_refused(oidc):
    at = _open(user=_user(COORDINATOR_AW, verified=False))
    assert t("auth.refused.unverified", "nl") in [m.value for m in at.markdown]
    assert [button.label for button in at.button] == [t("auth.sign_out.button", "nl")]
    _shows_nothing_of_the_monitor(at)


def test_signing_out_ends_access(oidc):
    at = _open(user=_user(COORDINATOR_AW), page=pages.DATA.path)
    at.sidebar.button(key="auth_sidebar_sign_out").click().run()
    assert not at.exception
    assert at.user == {"is_logged_in": False}
    at.run()
    assert [button.label for button in at.button] == [t("auth.sign_in.button", "nl")]
    _shows_nothing_of_the_monitor(at)


def _value_history_columns(user: dict | None) -> list[str]:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "nl", "part": "AW", "ind": "IND-0502"})
    at.user = user if user is not None else {}
    at.run()
    at.switch_page(pages.INDICATOR.path).run()
    assert not at.exception
    columns = list(at.dataframe[-1].value.columns)  # the page's last table: the values' history
    assert t("table.import", "nl") in columns
    return columns


def test_a_public_reader_sees_no_ones_e_mail_in_an_indicators_history(oidc, monkeypatch):
    imported = import_file(
        b"indicator_id,part_id,period,value\nIND-0502,AW,2025Q3,12\n",
        file_name="aw.csv",
        db_path=oidc,
        actor=Actor.local("beheer"),
        clock=CLOCK,
    )
    assert imported.accepted, imported.problems
    monkeypatch.setenv("MONITOR_PUBLIC_READ", "1")
    who = t("table.user", "nl")
    assert who not in _value_history_columns(None)
    assert who in _value_history_columns(_user(VIEWER))
