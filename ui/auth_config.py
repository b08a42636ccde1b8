"""Whether oidc mode can sign anyone in: Streamlit's ``[auth]`` secrets and Authlib, checked up
front, so the app refuses to serve a page instead of failing when someone presses "Sign in".

| name | what |
|---|---|
| ``oidc_problems(auth, *, authlib)`` | what is missing or wrong in an ``[auth]`` section |
| ``oidc_config_problems()`` | the same for this process: its secrets and its Authlib |
| ``ConfigProblem(code, setting)`` | one problem; ``code`` is a key under ``auth.config.problem`` |

What ``st.login()`` (no provider named: Streamlit's ``default``) needs, as Streamlit checks it
when it is called (``streamlit/auth_util.py``, ``validate_auth_credentials``): ``[auth]`` with
``redirect_uri`` and ``cookie_secret``; the provider's ``client_id``, ``client_secret`` and
``server_metadata_url``, in ``[auth.default]`` when there is one, else in ``[auth]`` itself; and
Authlib. Stricter than Streamlit where a value would fail later or quietly: an empty value
counts as missing, ``redirect_uri`` must end in ``/oauth2callback`` (Streamlit's callback route),
``cookie_secret`` must be long enough that nobody can guess it (it signs the identity cookie:
whoever knows it can be anyone), and no value may still be a placeholder of the example file
(``.streamlit/secrets.example.toml``: ``replace-with-...``, ``<tenant-id>``), which is public.
Imports nothing of ours.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import streamlit as st
from streamlit.auth_util import is_authlib_installed

__all__ = [
    "AUTH_KEYS",
    "CALLBACK_PATH",
    "MIN_COOKIE_SECRET_CHARS",
    "PROVIDER_KEYS",
    "ConfigProblem",
    "oidc_config_problems",
    "oidc_problems",
]

AUTH_SECTION: Final = "auth"
DEFAULT_PROVIDER: Final = "default"
# Keys of [auth] itself, and of the provider (in [auth.default], or else in [auth]).
AUTH_KEYS: Final = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS: Final = ("client_id", "client_secret", "server_metadata_url")
CALLBACK_PATH: Final = "/oauth2callback"
# 32 characters: `openssl rand -hex 32` gives 64. Streamlit only warns below 14 bytes.
MIN_COOKIE_SECRET_CHARS: Final = 32

# The example file's placeholders: "replace-with-a-long-random-secret", "<tenant-id>".
_PLACEHOLDER: Final = re.compile(r"replace-with|<[^<>]+>", re.IGNORECASE)

# Problem codes (keys under ``auth.config.problem`` in the catalogs).
NO_SECTION: Final = "no_section"
MISSING: Final = "missing"
CALLBACK: Final = "callback"
SHORT_SECRET: Final = "short_secret"
PLACEHOLDER: Final = "placeholder"
AUTHLIB: Final = "authlib"


@dataclass(frozen=True)
class ConfigProblem:
    """``code`` says what is wrong; ``setting`` names where (``[auth] client_id``), if anywhere."""

    code: str
    setting: str = ""


def _text(section: Mapping[str, object], key: str) -> str:
    value = section.get(key)
    return value.strip() if isinstance(value, str) else ""


def _unset(section: Mapping[str, object], keys: tuple[str, ...], name: str) -> list[ConfigProblem]:
    """The ``keys`` of ``[name]`` missing or empty, or still the example's placeholder."""
    problems = []
    for key in keys:
        value = _text(section, key)
        if not value or _PLACEHOLDER.search(value):
            problems.append(ConfigProblem(PLACEHOLDER if value else MISSING, f"[{name}] {key}"))
    return problems


def oidc_problems(auth: Mapping[str, object] | None, *, authlib: bool) -> tuple[ConfigProblem, ...]:
    """Everything that keeps ``st.login()`` from working with the ``[auth]`` section ``auth``
    (None: there is none) and Authlib installed or not; empty when nothing does."""
    problems: list[ConfigProblem] = []
    if auth is None:
        problems.append(ConfigProblem(NO_SECTION))
        auth = {}
    problems += _unset(auth, AUTH_KEYS, AUTH_SECTION)
    provider = auth.get(DEFAULT_PROVIDER)
    if isinstance(provider, Mapping):
        problems += _unset(provider, PROVIDER_KEYS, f"{AUTH_SECTION}.{DEFAULT_PROVIDER}")
    else:
        problems += _unset(auth, PROVIDER_KEYS, AUTH_SECTION)
    named = {problem.setting for problem in problems}
    redirect_uri, cookie_secret = _text(auth, "redirect_uri"), _text(auth, "cookie_secret")
    setting = f"[{AUTH_SECTION}] redirect_uri"
    if setting not in named and not redirect_uri.endswith(CALLBACK_PATH):
        problems.append(ConfigProblem(CALLBACK, setting))
    setting = f"[{AUTH_SECTION}] cookie_secret"
    if setting not in named and len(cookie_secret) < MIN_COOKIE_SECRET_CHARS:
        problems.append(ConfigProblem(SHORT_SECRET, setting))
    if not authlib:
        problems.append(ConfigProblem(AUTHLIB))
    return tuple(problems)


def _auth_section() -> Mapping[str, object] | None:
    """Streamlit's ``[auth]`` secrets, or None when there are none or they cannot be read.

    Read through ``st.secrets`` (AppTest's ``at.secrets`` replaces it), never as an attribute:
    a missing secrets file must not raise to the user."""
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get(AUTH_SECTION)
    except (OSError, ValueError):
        # An unreadable file or folder, a file that is not UTF-8: no configuration.
        return None
    return section if isinstance(section, Mapping) else None


def oidc_config_problems() -> tuple[ConfigProblem, ...]:
    """``oidc_problems`` of this process's secrets and Authlib."""
    return oidc_problems(_auth_section(), authlib=is_authlib_installed())
