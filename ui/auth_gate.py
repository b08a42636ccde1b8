"""The gate app.py runs before any page: who may go on, and a screen that says why for the rest.

| function | does |
|---|---|
| ``admit(settings, lang)`` | who goes on (None: an anonymous reader), or a screen and stop |
| ``refuse_without_role(actor, lang)`` | an e-mail without any role: the refused screen, stop |
| ``settings_lines(errors, lang)`` | the settings with an unknown value, in words |
| ``config_lines(problems, lang)`` | what the oidc configuration lacks, in words |

In order: a setting with an unknown value, or (oidc) an incomplete configuration, is a
page-sized error in Dutch and English naming what to fix, and no page is served (never local
mode instead). Local mode goes on as the OS user. In oidc mode a signed-in identity goes on;
somebody the provider signed in without a verified e-mail is refused; nobody signed in reads
as an anonymous reader when public read is on, else gets the sign-in screen. Every stop is
``st.stop()``: the page never runs. Imports ``ui.access_sidebar``, ``ui.auth``,
``ui.auth_config``, ``ui.i18n``, ``ui.state``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

import streamlit as st

from ui.access_sidebar import code_span, sign_in_button, sign_out_button
from ui.auth import LOCAL, AuthSettings, Identity, SettingError, identity, provider_signed_in
from ui.auth_config import MIN_COOKIE_SECRET_CHARS, ConfigProblem, oidc_config_problems
from ui.i18n import LANGUAGES, t
from ui.state import PARAM_LANG

if TYPE_CHECKING:
    from data.access_rules import Actor

__all__ = ["admit", "config_lines", "refuse_without_role", "settings_lines"]


def settings_lines(errors: Sequence[SettingError], lang: str) -> list[str]:
    return [
        t(
            "auth.settings.problem",
            lang,
            name=code_span(error.name),
            value=code_span(error.value),
            allowed=", ".join(code_span(value) for value in error.allowed),
        )
        for error in errors
    ]


def config_lines(problems: Sequence[ConfigProblem], lang: str) -> list[str]:
    return [
        t(
            f"auth.config.problem.{problem.code}",
            lang,
            setting=code_span(problem.setting),
            chars=MIN_COOKIE_SECRET_CHARS,
        )
        for problem in problems
    ]


def _stop_with(kind: str, lines: Callable[[str], list[str]]) -> NoReturn:
    """A page-sized error: in every language, its title, what it means, and each line."""
    for lang in LANGUAGES:
        items = "\n".join(f"- {line}" for line in lines(lang))
        title, intro = t(f"auth.{kind}.title", lang), t(f"auth.{kind}.intro", lang)
        st.error(f"**{title}**\n\n{intro}\n\n{items}")
    st.stop()


def _language_choice(lang: str) -> None:
    # The sidebar is not drawn on these screens: the language is chosen here.
    st.radio(
        t("sidebar.language", lang),
        LANGUAGES,
        key=PARAM_LANG,
        format_func=lambda code: t(f"language.{code}", lang),
        horizontal=True,
    )


def _screen(lang: str, text: str, *, sign_in: bool) -> NoReturn:
    """The app's title, ``text``, and a sign-in or sign-out button; nothing else."""
    st.title(t("app.title", lang))
    _language_choice(lang)
    st.write(text)
    if sign_in:
        sign_in_button(lang, key="auth_gate_sign_in")
    else:
        sign_out_button(lang, key="auth_gate_sign_out")
    st.stop()


def admit(settings: AuthSettings, lang: str) -> Identity | None:
    """The identity this session goes on as: the OS user (local), the signed-in identity
    (oidc), or None for a reader who has not signed in (oidc with public read). Anyone else
    gets a screen that says why, and the run stops."""
    if settings.errors:
        _stop_with("settings", lambda lang: settings_lines(settings.errors, lang))
    if settings.mode == LOCAL:
        return identity()
    problems = oidc_config_problems()
    if problems:
        _stop_with("config", lambda lang: config_lines(problems, lang))
    who = identity()
    if who is not None:
        return who
    if provider_signed_in():
        _screen(lang, t("auth.refused.unverified", lang), sign_in=False)
    if settings.public_read:
        return None
    _screen(lang, t("auth.sign_in.intro", lang), sign_in=True)


def refuse_without_role(actor: Actor | None, lang: str) -> None:
    """Stop with the refused screen when ``actor`` signed in but holds no role at all."""
    if actor is not None and not actor.unrestricted and not actor.roles:
        _screen(lang, t("auth.refused.no_role", lang, email=code_span(actor.name)), sign_in=False)
