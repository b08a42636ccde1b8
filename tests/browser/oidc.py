"""Sign-in test support: a real OpenID Connect provider on 127.0.0.1, the ``[auth]`` secrets that
point Streamlit's ``st.login`` at it, and the browser's side of signing in and out.

The provider is oidc-provider-mock (Flask + Authlib): any client id and secret are accepted, a
user's claims are set with ``PUT /users/<sub>``, and its authorize page is a form where one
types the ``sub`` and presses Authorize. Its pages pull a stylesheet from cdn.jsdelivr.net, so a
browser test blocks every origin but the dashboard's and the provider's (``block_other_origins``)
and checks that the dashboard's own pages asked for nothing else.

| name | what |
|---|---|
| ``running_provider()`` | a provider on a free 127.0.0.1 port, stopped after; yields a ``Provider`` |
| ``Provider.issuer``, ``.register(sub, email=, name=)`` | its URL; a user it signs in with those claims |
| ``write_secrets(directory, issuer, ...)`` | a ``secrets.toml`` with Streamlit's ``[auth]`` section |
| ``secrets_args(path)`` | the ``streamlit run`` arguments that read only that file |
| ``block_other_origins(context, allowed)`` | aborts and records every request to another origin |
| ``sign_in(page, base_url, sub, button=)`` | the whole sign-in from the dashboard's button |
| ``sign_out(page, base_url, button=)`` | the whole sign-out, through the provider's end-session page |
| ``tamper_identity_cookie(context, base_url)`` | one character of the signed identity cookie changed |

Nothing here is a fixture: tests compose these in plain ``with`` blocks.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import threading
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

__all__ = [
    "AUTH_KEYS",
    "IDENTITY_COOKIE",
    "BlockedRequests",
    "Provider",
    "block_other_origins",
    "running_provider",
    "secrets_args",
    "sign_in",
    "sign_out",
    "tamper_identity_cookie",
    "write_secrets",
]

LOOPBACK = "127.0.0.1"
# Streamlit's signed identity cookie (itsdangerous, keyed by [auth] cookie_secret); its tokens
# cookie is "_streamlit_user_tokens". Both HttpOnly, SameSite=Lax, not Secure, 30 days.
IDENTITY_COOKIE = "_streamlit_user"
# The [auth] keys Streamlit requires for its default provider (streamlit/auth_util.py).
AUTH_KEYS = ("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url")
# The provider's authorize form (oidc_provider_mock/templates/authorization_form.html) and its
# end-session form (end_session_form.html).
_SUB_FIELD = "sub"
_AUTHORIZE = "Authorize"
_END_SESSION = "End session"
_SERVE_POLL_S = 0.1
_STOP_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Provider:
    """A running provider: its issuer URL (also its base URL)."""

    issuer: str

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def register(self, sub: str, *, email: str, name: str) -> None:
        """Sign ``sub`` in with these claims from now on (a sub never registered gets email=sub)."""
        body = json.dumps({"email": email, "email_verified": True, "name": name}).encode()
        request = urllib.request.Request(
            f"{self.issuer}/users/{sub}",
            data=body,
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            if response.status != 204:
                raise RuntimeError(f"provider refused user {sub!r}: HTTP {response.status}")


@contextlib.contextmanager
def running_provider() -> Iterator[Provider]:
    """oidc-provider-mock on a free 127.0.0.1 port in a thread, requiring a nonce; stopped after.

    Not ``oidc_provider_mock.run_server_in_thread``: that binds "localhost", which may be ::1,
    and the issuer must be the exact origin the browser and Streamlit both use.
    """
    import oidc_provider_mock
    from werkzeug.serving import make_server

    server = make_server(LOOPBACK, 0, oidc_provider_mock.app(require_nonce=True), threaded=True)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": _SERVE_POLL_S}, daemon=True
    )
    thread.start()
    try:
        yield Provider(f"http://{LOOPBACK}:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(_STOP_TIMEOUT_S)
        server.server_close()


def write_secrets(
    directory: Path,
    issuer: str,
    *,
    port: int | None = None,
    omit: Sequence[str] = (),
    client_id: str = "monitor-tests",
) -> Path:
    """``directory/secrets.toml`` with an ``[auth]`` section for ``issuer``; its path.

    The redirect URI is the dashboard's ``/oauth2callback`` on 127.0.0.1 at ``port``, or at
    Streamlit's ``{port}`` placeholder (the server's own port) without one. The cookie secret
    is fresh random. ``omit`` leaves keys out, to test an incomplete configuration.
    """
    unknown = set(omit) - set(AUTH_KEYS)
    if unknown:
        raise ValueError(f"not an [auth] key: {sorted(unknown)}")
    values = {
        "redirect_uri": f"http://{LOOPBACK}:{'{port}' if port is None else port}/oauth2callback",
        "cookie_secret": secrets.token_hex(32),
        "client_id": client_id,
        "client_secret": secrets.token_hex(16),
        "server_metadata_url": f"{issuer}/.well-known/openid-configuration",
    }
    # A JSON string is a valid TOML basic string for these ASCII values.
    lines = ["[auth]", *(f"{k} = {json.dumps(v)}" for k, v in values.items() if k not in omit)]
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "secrets.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def secrets_args(path: Path) -> tuple[str, ...]:
    """``streamlit run`` arguments that read secrets from ``path`` only (not ``.streamlit/``)."""
    return (f"--secrets.files={path}",)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class BlockedRequests:
    """Requests aborted by ``block_other_origins``: (URL, origin of the page that asked)."""

    requests: list[tuple[str, str]] = field(default_factory=list)

    def asked_by(self, origin: str) -> list[str]:
        """The blocked URLs that pages of ``origin`` asked for."""
        return [url for url, page in self.requests if page == origin]


def block_other_origins(context, allowed: Sequence[str]) -> BlockedRequests:
    """Abort every request of ``context`` (a Playwright BrowserContext) to an origin not in
    ``allowed`` (e.g. the dashboard's and the provider's base URLs), recording each one."""
    origins = {_origin(url) for url in allowed}
    blocked = BlockedRequests()

    def route(route) -> None:
        request = route.request
        if _origin(request.url) in origins:
            route.continue_()
            return
        try:
            page = _origin(request.frame.url)
        except Exception:  # a service worker's request has no frame
            page = ""
        blocked.requests.append((request.url, page))
        route.abort("blockedbyclient")

    context.route("**/*", route)
    return blocked


def sign_in(page, base_url: str, sub: str, *, button: str) -> None:
    """From the dashboard at ``base_url``, press the sign-in ``button`` (its accessible name),
    authorize as ``sub`` at the provider, and wait until the dashboard is back."""
    page.goto(base_url)
    page.get_by_role("button", name=button, exact=True).click()
    page.get_by_placeholder(_SUB_FIELD).fill(sub)
    page.get_by_role("button", name=_AUTHORIZE, exact=True).click()
    page.wait_for_url(f"{base_url}/")


def sign_out(page, base_url: str, *, button: str) -> None:
    """Press the dashboard's sign-out ``button``; Streamlit clears its cookies and sends the
    browser to the provider's end-session page, whose confirmation leads back to the dashboard."""
    page.get_by_role("button", name=button, exact=True).click()
    page.get_by_role("button", name=_END_SESSION, exact=True).click()
    page.wait_for_url(f"{base_url}/")


def tamper_identity_cookie(context, base_url: str) -> str:
    """Change one character of the signed payload of the identity cookie in ``context``;
    the tampered value. The signature is left as it was, so it no longer matches."""
    cookies = [c for c in context.cookies(base_url) if c["name"] == IDENTITY_COOKIE]
    if not cookies:
        raise LookupError(f"no {IDENTITY_COOKIE} cookie for {base_url}: not signed in")
    cookie = cookies[0]
    value = cookie["value"]
    # itsdangerous: <payload>.<timestamp>.<signature>; change a character mid-payload.
    index = len(value.rsplit(".", 2)[0]) // 2
    replacement = "A" if value[index] != "A" else "B"
    tampered = value[:index] + replacement + value[index + 1 :]
    context.add_cookies([{**cookie, "value": tampered}])
    return tampered
