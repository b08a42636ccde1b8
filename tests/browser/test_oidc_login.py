"""Streamlit's own st.login / st.user / st.logout in a real Chromium against a real OpenID Connect
provider on 127.0.0.1 (``tests/browser/oidc.py``), on a probe script with nothing of ours: what
the app's sign-in will stand on. Every origin but the two servers' is blocked; the dashboard's
pages must have asked for none.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools import server
from tests.browser import login_probe
from tests.browser.conftest import ROOT, require_browser
from tests.browser.oidc import (
    IDENTITY_COOKIE,
    Provider,
    block_other_origins,
    running_provider,
    secrets_args,
    sign_in,
    sign_out,
    tamper_identity_cookie,
    write_secrets,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROBE = Path(login_probe.__file__)
_STARTUP_TIMEOUT_S = 120.0
SUB = "coordinator-aruba"
EMAIL = "coordinator@aruba.example"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider() as provider:
        provider.register(SUB, email=EMAIL, name="Coördinator Aruba")
        yield provider


def _probe(provider: Provider, workdir: Path, **secrets) -> contextlib.AbstractContextManager[str]:
    path = write_secrets(workdir, provider.issuer, **secrets)
    return server.running_streamlit(
        PROBE,
        None,
        cwd=ROOT,
        timeout_s=_STARTUP_TIMEOUT_S,
        log=workdir / "streamlit.log",
        args=secrets_args(path),
    )


@pytest.fixture(scope="module")
def dashboard(provider: Provider, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    with _probe(provider, tmp_path_factory.mktemp("oidc")) as url:
        yield url


def _signed_in(page, dashboard: str, provider: Provider):
    blocked = block_other_origins(page.context, [dashboard, provider.issuer])
    sign_in(page, dashboard, SUB, button=login_probe.SIGN_IN)
    page.get_by_text(f"Signed in as {EMAIL} ({SUB})").wait_for()
    return blocked


def _signed_out(page) -> None:
    page.get_by_role("button", name=login_probe.SIGN_IN, exact=True).wait_for()
    assert page.get_by_text("Signed in as").count() == 0


def test_sign_in_shows_the_providers_user_and_only_the_two_servers_are_asked(
    browser_page, dashboard, provider
):
    page = browser_page
    blocked = _signed_in(page, dashboard, provider)
    assert any(c["name"] == IDENTITY_COOKIE for c in page.context.cookies(dashboard))
    assert blocked.asked_by(dashboard) == []
    # The provider's pages do ask for their CDN stylesheet: the block is in force.
    provider_asked = blocked.asked_by(provider.issuer)
    assert provider_asked and all("cdn.jsdelivr.net" in url for url in provider_asked)
    assert len(provider_asked) == len(blocked.requests)


def test_sign_out_ends_access(browser_page, dashboard, provider):
    page = browser_page
    blocked = _signed_in(page, dashboard, provider)
    sign_out(page, dashboard, button=login_probe.SIGN_OUT)
    _signed_out(page)
    assert not any(c["name"] == IDENTITY_COOKIE for c in page.context.cookies(dashboard))
    page.reload()
    _signed_out(page)
    assert blocked.asked_by(dashboard) == []


def test_a_tampered_identity_cookie_gets_no_identity(browser_page, dashboard, provider):
    page = browser_page
    _signed_in(page, dashboard, provider)
    page.reload()  # the untouched cookie holds across a reload: a new session reads it
    page.get_by_text(f"Signed in as {EMAIL} ({SUB})").wait_for()
    before = {c["name"]: c["value"] for c in page.context.cookies(dashboard)}[IDENTITY_COOKIE]
    tampered = tamper_identity_cookie(page.context, dashboard)
    assert len(tampered) == len(before)
    assert sum(a != b for a, b in zip(tampered, before, strict=True)) == 1
    page.reload()
    _signed_out(page)


def test_sign_in_with_an_incomplete_auth_section_names_the_missing_key(
    browser_page, provider, tmp_path
):
    require_browser()
    with _probe(provider, tmp_path, omit=("client_secret",)) as url:
        page = browser_page
        page.goto(url)
        page.get_by_role("button", name=login_probe.SIGN_IN, exact=True).click()
        error = page.get_by_test_id("stException")
        error.wait_for()
        assert "StreamlitAuthError" in error.inner_text()
        assert "['client_secret']" in error.inner_text()
