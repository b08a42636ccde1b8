"""Who this session is, in the sidebar: the signed-in e-mail and its roles in words, local mode
and its OS user, or an anonymous reader; and the buttons that sign in and out.

| function | draws |
|---|---|
| ``render_session(actor, parts, *, role_order, lang)`` | the sidebar's block about the session |
| ``role_words(actor, parts, *, role_order, lang)`` | the actor's roles in words, parts named |
| ``sign_in_button(lang, *, key)`` | "Inloggen" / "Sign in": Streamlit's ``st.login()`` |
| ``sign_out_button(lang, *, key)`` | "Uitloggen" / "Sign out": Streamlit's ``st.logout()`` |
| ``code_span(text)`` | ``text`` as inline code in Markdown (an e-mail's ``_`` stays) |

The actor is ``data.cache.actor``'s (data is imported for typing only); None is a reader who has
not signed in (``MONITOR_PUBLIC_READ=1``). Imports ``ui.i18n``, ``ui.state``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.state import part_label

if TYPE_CHECKING:
    from data.access_rules import Actor

__all__ = ["code_span", "render_session", "role_words", "sign_in_button", "sign_out_button"]

_COORDINATOR = "coordinator"


def code_span(text: str) -> str:
    if "`" not in text:
        return f"`{text}`"
    return f"`` {text} ``"  # CommonMark: the spaces inside a fence are dropped


def role_words(
    actor: Actor, parts: pd.DataFrame, *, role_order: Sequence[str], lang: str
) -> list[str]:
    """``actor``'s roles in ``role_order``, in words; a coordinator's with its parts' names."""
    words = []
    for role in role_order:
        if role not in actor.roles:
            continue
        word = t(f"access.role.{role}", lang)
        if role == _COORDINATOR and actor.granted_parts:
            names = ", ".join(part_label(parts, part, lang) for part in actor.granted_parts)
            word = t("auth.session.coordinator_of", lang, role=word, parts=names)
        words.append(word)
    return words


def sign_in_button(lang: str, *, key: str) -> None:
    """Pressed: to the provider (this run draws nothing more)."""
    if st.button(t("auth.sign_in.button", lang), type="primary", key=key):
        st.login()
        st.stop()


def sign_out_button(lang: str, *, key: str) -> None:
    """Pressed: ``st.user`` is emptied, the browser goes to the provider's sign-out (this run
    draws nothing more)."""
    if st.button(t("auth.sign_out.button", lang), key=key):
        st.logout()
        st.stop()


def render_session(
    actor: Actor | None, parts: pd.DataFrame, *, role_order: Sequence[str], lang: str
) -> None:
    """Local mode and its OS user; or the signed-in e-mail, its roles and "Sign out"; or, for
    a reader who has not signed in, that they read only and "Sign in"."""
    with st.sidebar:
        st.divider()
        if actor is None:
            st.caption(t("auth.session.anonymous", lang))
            sign_in_button(lang, key="auth_sidebar_sign_in")
        elif actor.unrestricted:
            st.caption(t("auth.session.local", lang, user=code_span(actor.name)))
        else:
            st.caption(t("auth.session.signed_in", lang, email=code_span(actor.name)))
            words = role_words(actor, parts, role_order=role_order, lang=lang)
            key = "auth.session.role" if len(words) == 1 else "auth.session.roles"
            st.caption(t(key, lang, roles=", ".join(words)))
            sign_out_button(lang, key="auth_sidebar_sign_out")
