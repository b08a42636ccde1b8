"""Sign-in and roles in the real dashboard, in a real Chromium, against a real OpenID Connect
provider on 127.0.0.1 (``tests/browser/oidc.py``; ``MONITOR_AUTH=oidc``).

The Aruba coordinator downloads Aruba's template, fills it in and uploads it (accepted, recorded
under their identity); a file with one Bonaire row is refused whole and writes nothing; a viewer
sees no upload and no administration; an e-mail without a role is refused; signing out ends
access, and so does a tampered identity cookie. Every origin but the dashboard's and the
provider's is blocked, and the dashboard's pages must have asked for none.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from data import sql
from data.access_rules import Actor
from data.access_store import grant_role
from data.attempt_journal import pending_attempts
from data.store import open_reader
from devtools import server
from tests.browser.conftest import ROOT, require_browser
from tests.browser.oidc import (
    Provider,
    block_other_origins,
    running_provider,
    secrets_args,
    sign_in,
    sign_out,
    tamper_identity_cookie,
    write_secrets,
)
from tests.browser.templates import download_template, fill_excel_nl, valid_values
from tests.intake_files import current_values
from ui.i18n import t

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_STARTUP_TIMEOUT_S = 180.0
SIGN_IN = t("auth.sign_in.button", "nl")
SIGN_OUT = t("auth.sign_out.button", "nl")
# The provider's subject -> the e-mail it signs in with, and the role granted to that e-mail.
USERS = {
    "aruba": ("coordinator@aruba.example", "coordinator", ("AW",)),
    "lezer": ("lezer@ministerie.example", "viewer", ()),
    "onbekend": ("onbekend@elders.example", None, ()),
}


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider() as provider:
        for sub, (email, _role, _parts) in USERS.items():
            provider.register(sub, email=email, name=sub.title())
        yield provider


@pytest.fixture(scope="module")
def database(browser_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database with each user's role granted by an operator."""
    path = tmp_path_factory.mktemp("signin-db") / "monitor.duckdb"
    shutil.copy(browser_db, path)
    for email, role, parts in USERS.values():
        if role is not None:
            grant_role(
                path,
                actor=Actor.operator("beheer"),
                email=email,
                role=role,
                parts=parts,
                clock=datetime(2026, 11, 1, 9, 0),
            )
    return path


@pytest.fixture(scope="module")
def dashboard(
    provider: Provider, database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    require_browser()
    workdir = tmp_path_factory.mktemp("signin")
    secrets = write_secrets(workdir, provider.issuer)
    with server.running_streamlit(
        ROOT / "app.py",
        database,
        cwd=ROOT,
        timeout_s=_STARTUP_TIMEOUT_S,
        log=workdir / "streamlit.log",
        env={"MONITOR_AUTH": "oidc"},
        args=secrets_args(secrets),
    ) as url:
        yield url


def _signed_in(page, dashboard: str, provider: Provider, sub: str):
    blocked = block_other_origins(page.context, [dashboard, provider.issuer])
    sign_in(page, dashboard, sub, button=SIGN_IN)
    return blocked


def _sign_in_screen(page) -> None:
    page.get_by_role("button", name=SIGN_IN, exact=True).wait_for()
    assert page.get_by_text(t("overview.title", "nl", part="")).count() == 0


def _import_rows(database: Path) -> list[tuple]:
    """(user, outcome, mode, subject) per attempt: the log's rows, then the rejected attempts
    still in the attempt journal."""
    with open_reader(database) as con:
        rows = sql.rows(
            con,
            "SELECT i.user_name, i.outcome, d.mode, d.subject FROM imports i "
            "LEFT JOIN import_identities d USING (import_id) ORDER BY import_id",
        )
        pending = pending_attempts(con, database)
    return rows + [(a.user_name, a.outcome, a.mode, a.subject) for a in pending]


def test_the_aruba_coordinator_submits_aruba_and_a_bonaire_row_refuses_the_file(
    browser_page, dashboard, provider, database, tmp_path
):
    page = browser_page
    blocked = _signed_in(page, dashboard, provider, "aruba")
    page.get_by_text("Ingelogd als coordinator@aruba.example").wait_for()

    page.goto(f"{dashboard}/data_intake?lang=nl")
    download = download_template(page)
    assert download.suggested_filename.startswith("sjabloon-AW-")
    filled, expected = fill_excel_nl(Path(download.path()).read_bytes(), valid_values(database))
    assert expected and {part for _, part, _ in expected} == {"AW"}
    upload = tmp_path / "aruba.csv"
    upload.write_bytes(filled)

    page.get_by_role("tab", name="Uploaden").click()
    page.locator("input[type=file]").set_input_files(str(upload))
    page.get_by_role("button", name=f"{len(expected)} waarden inlezen").click()
    page.get_by_text(re.compile(r"aruba\.csv ingelezen: \d+ nieuw")).wait_for()
    stored = current_values(database)
    assert {key: stored[key][0] for key in expected} == expected
    assert _import_rows(database)[-1] == ("coordinator@aruba.example", "accepted", "oidc", "aruba")

    # The same file with one row for Bonaire: refused whole, nothing written.
    before = current_values(database)
    bonaire = filled + b"IND-0502;BQ-BO;2026Q3;5;;\r\n"
    refused = tmp_path / "met-bonaire.csv"
    refused.write_bytes(bonaire)
    page.locator("input[type=file]").set_input_files(str(refused))
    # The problems table is a data grid: its cells are in the page, drawn on a canvas.
    page.get_by_text(re.compile(r'u mag niet indienen voor deel "BQ-BO"')).wait_for(
        state="attached"
    )
    assert page.get_by_role("button", name=re.compile(r"waarden inlezen")).count() == 0
    assert current_values(database) == before
    assert _import_rows(database)[-1] == ("coordinator@aruba.example", "rejected", "oidc", "aruba")
    assert blocked.asked_by(dashboard) == []


def test_a_viewer_reads_but_sees_no_upload_and_no_administration(browser_page, dashboard, provider):
    page = browser_page
    blocked = _signed_in(page, dashboard, provider, "lezer")
    page.get_by_text("Ingelogd als lezer@ministerie.example").wait_for()
    page.goto(f"{dashboard}/data_intake?lang=nl")
    page.get_by_role("tab", name="Sjabloon").wait_for()
    assert page.get_by_role("tab", name="Uploaden").count() == 0
    assert page.locator("input[type=file]").count() == 0
    navigation = page.get_by_test_id("stSidebarNav")
    assert navigation.get_by_text("Gegevens").count() == 1
    assert navigation.get_by_text(t("nav.access", "nl")).count() == 0
    assert blocked.asked_by(dashboard) == []


def test_an_email_without_a_role_is_refused(browser_page, dashboard, provider):
    page = browser_page
    _signed_in(page, dashboard, provider, "onbekend")
    page.get_by_text(
        re.compile("onbekend@elders.example, maar dat adres heeft geen rol")
    ).wait_for()
    assert page.get_by_test_id("stSidebarNav").count() == 0


def test_sign_out_ends_access(browser_page, dashboard, provider):
    page = browser_page
    _signed_in(page, dashboard, provider, "aruba")
    page.get_by_text("Ingelogd als coordinator@aruba.example").wait_for()
    sign_out(page, dashboard, button=SIGN_OUT)
    _sign_in_screen(page)
    page.goto(f"{dashboard}/data_intake?lang=nl")
    _sign_in_screen(page)
    assert page.locator("input[type=file]").count() == 0


def test_a_tampered_session_cookie_gets_no_access(browser_page, dashboard, provider):
    page = browser_page
    _signed_in(page, dashboard, provider, "aruba")
    page.get_by_text("Ingelogd als coordinator@aruba.example").wait_for()
    tamper_identity_cookie(page.context, dashboard)
    page.goto(f"{dashboard}/data_intake?lang=nl")
    _sign_in_screen(page)
    assert page.get_by_text("Ingelogd als").count() == 0
