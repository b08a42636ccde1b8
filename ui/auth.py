"""Who is using the dashboard: the sign-in settings and the identity of this session.

| name | what |
|---|---|
| ``auth_mode()`` | ``local`` (default) or ``oidc`` from ``$MONITOR_AUTH``; None for other values |
| ``auth_settings(environ)`` | every sign-in setting from the environment, with what is wrong |
| ``identity()`` | this session's ``Identity``, or None when nobody (usable) is signed in |
| ``provider_signed_in()`` | the provider signed someone in (oidc), usable identity or not |

Local mode (``MONITOR_AUTH`` unset or ``local``) signs nobody in: the identity is the OS user
running the dashboard. OIDC mode (``MONITOR_AUTH=oidc``) is Streamlit's own ``st.login`` /
``st.user`` against the provider in Streamlit's secrets (``ui.auth_config`` checks them): the
identity is the provider's subject and e-mail. Two settings apply to oidc mode only:
``MONITOR_PUBLIC_READ`` (``1``: reading without sign-in is allowed; default off) and
``MONITOR_UNKNOWN_USERS`` (what a signed-in e-mail without any role gets: ``refuse``, the
default, or ``viewer``; with public read always ``viewer``). Any other value of a setting is
an error the app shows instead of a page (``ui.auth_gate``); an unknown mode never falls back
to local. What an identity may do is the data layer's (``data.cache.actor``, built on
``data.access``). Imports nothing of ours.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import streamlit as st

__all__ = [
    "AUTH_ENV",
    "LOCAL",
    "MODES",
    "OIDC",
    "PUBLIC_READ_ENV",
    "REFUSE",
    "UNKNOWN_USERS",
    "UNKNOWN_USERS_ENV",
    "VIEWER",
    "AuthSettings",
    "Identity",
    "SettingError",
    "auth_mode",
    "auth_settings",
    "identity",
    "provider_signed_in",
]

AUTH_ENV: Final = "MONITOR_AUTH"
PUBLIC_READ_ENV: Final = "MONITOR_PUBLIC_READ"
UNKNOWN_USERS_ENV: Final = "MONITOR_UNKNOWN_USERS"

LOCAL: Final = "local"
OIDC: Final = "oidc"
MODES: Final = (LOCAL, OIDC)

# What a signed-in e-mail without any role gets.
REFUSE: Final = "refuse"
VIEWER: Final = "viewer"
UNKNOWN_USERS: Final = (REFUSE, VIEWER)

# The spellings of a switch; the first of each is the one an error message suggests.
_ON: Final = ("1", "true", "yes", "on")
_OFF: Final = ("0", "false", "no", "off")


@dataclass(frozen=True)
class Identity:
    """``mode`` as ``auth_mode``; ``name`` the e-mail (oidc) or the OS user (local);
    ``subject`` the provider's subject (oidc only); ``unknown_as_viewer`` whether an e-mail
    without any role reads as a viewer (``AuthSettings.unknown_as_viewer``), so that app.py and
    every page resolve the same identity to the same actor."""

    mode: str
    name: str
    subject: str | None = None
    unknown_as_viewer: bool = False


@dataclass(frozen=True)
class SettingError:
    """The environment variable ``name`` holds ``value``, which is none of ``allowed``."""

    name: str
    value: str
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class AuthSettings:
    """The sign-in settings. ``mode`` is None when ``MONITOR_AUTH`` holds an unknown value;
    ``errors`` are the settings that hold an unknown value (the oidc-only ones counted in oidc
    mode only, where they apply)."""

    mode: str | None
    public_read: bool = False
    unknown_users: str = REFUSE
    errors: tuple[SettingError, ...] = ()

    @property
    def unknown_as_viewer(self) -> bool:
        """Whether a signed-in e-mail without any role reads as a viewer: when so configured,
        and whenever reading is public (signing in must not lose what anyone may read)."""
        return self.unknown_users == VIEWER or self.public_read


def _value(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip().lower()


def auth_mode() -> str | None:
    value = _value(os.environ, AUTH_ENV) or LOCAL
    return value if value in MODES else None


def auth_settings(environ: Mapping[str, str] | None = None) -> AuthSettings:
    """The settings in ``environ`` (default: this process's environment)."""
    environ = os.environ if environ is None else environ
    errors: list[SettingError] = []
    mode = _value(environ, AUTH_ENV) or LOCAL
    if mode not in MODES:
        errors.append(SettingError(AUTH_ENV, environ[AUTH_ENV].strip(), MODES))
    public_read = _value(environ, PUBLIC_READ_ENV)
    if public_read and public_read not in _ON + _OFF:
        errors.append(SettingError(PUBLIC_READ_ENV, public_read, (_ON[0], _OFF[0])))
    unknown_users = _value(environ, UNKNOWN_USERS_ENV) or REFUSE
    if unknown_users not in UNKNOWN_USERS:
        errors.append(SettingError(UNKNOWN_USERS_ENV, unknown_users, UNKNOWN_USERS))
    if mode == LOCAL:
        # The oidc-only settings do nothing in local mode, right or wrong.
        errors = [error for error in errors if error.name == AUTH_ENV]
    return AuthSettings(
        mode=mode if mode in MODES else None,
        public_read=public_read in _ON,
        unknown_users=unknown_users if unknown_users in UNKNOWN_USERS else REFUSE,
        errors=tuple(errors),
    )


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


def provider_signed_in() -> bool:
    """Whether the provider has signed someone in to this session (oidc mode).

    ``st.user`` has no ``is_logged_in`` at all without an ``[auth]`` section: read it with
    ``get``, never as an attribute."""
    return auth_mode() == OIDC and st.user.get("is_logged_in") is True


def identity() -> Identity | None:
    mode = auth_mode()
    if mode == LOCAL:
        return Identity(LOCAL, _os_user())
    if mode != OIDC or not provider_signed_in() or st.user.get("email_verified") is False:
        # An unknown mode is nobody (never the local user); an e-mail the provider has not
        # verified could be anyone's: not an identity here.
        return None
    email, subject = st.user.get("email"), st.user.get("sub")
    if not isinstance(email, str) or not isinstance(subject, str) or not email or not subject:
        return None
    return Identity(OIDC, email, subject, auth_settings().unknown_as_viewer)
