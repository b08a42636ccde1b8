"""Who is using the dashboard: the sign-in mode and the identity of this session.

| name | what |
|---|---|
| ``auth_mode()`` | ``local`` (default) or ``oidc`` from ``$MONITOR_AUTH``; None for other values |
| ``identity()`` | this session's ``Identity``, or None when oidc mode has nobody signed in |

Local mode (``MONITOR_AUTH`` unset or ``local``) signs nobody in: the identity is the OS user
running the dashboard. OIDC mode (``MONITOR_AUTH=oidc``) is Streamlit's own ``st.login`` /
``st.user`` against the provider in ``.streamlit/secrets.toml``: the identity is the provider's
subject and e-mail. What an identity may do is the data layer's (``data.cache.actor``, built on
``data.access``). Imports nothing of ours.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from typing import Final

import streamlit as st

__all__ = ["AUTH_ENV", "LOCAL", "MODES", "OIDC", "Identity", "auth_mode", "identity"]

AUTH_ENV: Final = "MONITOR_AUTH"
LOCAL: Final = "local"
OIDC: Final = "oidc"
MODES: Final = (LOCAL, OIDC)


@dataclass(frozen=True)
class Identity:
    """``mode`` as ``auth_mode``; ``name`` the e-mail (oidc) or the OS user (local);
    ``subject`` the provider's subject (oidc only)."""

    mode: str
    name: str
    subject: str | None = None


def auth_mode() -> str | None:
    value = os.environ.get(AUTH_ENV, "").strip().lower() or LOCAL
    return value if value in MODES else None


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "local"


def identity() -> Identity | None:
    if auth_mode() != OIDC:
        return Identity(LOCAL, _os_user())
    if not st.user.get("is_logged_in") or st.user.get("email_verified") is False:
        # An e-mail the provider has not verified could be anyone's: not an identity here.
        return None
    email, subject = st.user.get("email"), st.user.get("sub")
    if not isinstance(email, str) or not isinstance(subject, str) or not email or not subject:
        return None
    return Identity(OIDC, email, subject)
