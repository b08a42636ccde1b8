"""The Access page's roles: the table of roles in force, and the forms that grant and revoke them.

The page hands in what it read (``data.access.current_grants``, the parts frame) and the writes
to call (``AccessWrites``: ``data.access_store.grant_role`` / ``revoke_role`` with the session's
actor, and the errors they raise; data is imported for typing only). A refused write says why
in the user's language (``access.error.<code>``, ``access.denied.<what>``) and changes nothing;
a done one is reported after the caches are cleared and the page is drawn again, so every table
on it shows the change.

| function | draws |
|---|---|
| ``render_roles(grants, parts, *, lang)`` | the roles in force |
| ``render_grant(writes, *, roles, parts, lang)`` | e-mail, role, parts (a coordinator's), reason |
| ``render_revoke(grants, writes, *, parts, lang)`` | a user, one role or all, reason |
| ``show_done()`` | what the last write did, once, after the page was drawn again |
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from ui.access_tables import changes_text, role_text, roles_table
from ui.i18n import t
from ui.state import part_label

if TYPE_CHECKING:
    from data.access_store import AccessChange

__all__ = ["AccessWrites", "render_grant", "render_revoke", "render_roles", "show_done"]

_DONE: Final = "access_done"
# Set after a grant: the next run empties the grant form before drawing it.
_RESET: Final = "access_grant_reset"
_GRANT_KEYS: Final = ("access_grant_email", "access_grant_parts", "access_grant_reason")
_COORDINATOR: Final = "coordinator"


@dataclass(frozen=True)
class AccessWrites:
    """The writes and what they raise: ``grant(email=, role=, parts=, reason=)`` and
    ``revoke(email=, role=, parts=, reason=)`` return the changes made; ``after()`` runs after
    a change (clear the caches). ``input_error`` has ``code`` and ``params``, ``denied`` has
    ``what``; ``busy`` is raised when another writer holds the database."""

    grant: Callable[..., tuple[AccessChange, ...]]
    revoke: Callable[..., tuple[AccessChange, ...]]
    after: Callable[[], None]
    input_error: type[Exception]
    denied: type[Exception]
    busy: type[Exception]


def render_roles(grants: pd.DataFrame, parts: pd.DataFrame, *, lang: str) -> None:
    if grants.empty:
        st.info(t("access_admin.roles.empty", lang))
        return
    st.caption(t("access_admin.roles.count", lang, count=len(grants)))
    st.dataframe(roles_table(grants, parts, lang), hide_index=True, key="access_roles")


def show_done() -> None:
    """What the write the previous run made did (in the language it was made in), once."""
    done = st.session_state.pop(_DONE, None)
    if done is not None:
        st.success(done)


def _write(
    writes: AccessWrites, call: Callable[[], tuple[AccessChange, ...]], lang: str
) -> tuple[AccessChange, ...] | None:
    """``call()``'s changes, or None after saying in ``lang`` why nothing was written."""
    try:
        return call()
    except writes.input_error as error:
        st.error(t(f"access.error.{error.code}", lang, **error.params))
    except writes.denied as error:
        st.error(t(f"access.denied.{error.what}", lang))
    except writes.busy:
        st.warning(t("access_admin.busy", lang))
    return None


def _done(writes: AccessWrites, message: str) -> None:
    """Keep ``message`` for the next run, clear the caches and draw the page again."""
    st.session_state[_DONE] = message
    writes.after()
    st.rerun()


def render_grant(
    writes: AccessWrites, *, roles: Sequence[str], parts: pd.DataFrame, lang: str
) -> None:
    """Grant a role: the parts are asked for (and required) only for a coordinator."""
    st.header(t("access_admin.grant.heading", lang))
    if st.session_state.pop(_RESET, False):
        for key in _GRANT_KEYS:
            st.session_state.pop(key, None)
    email = st.text_input(t("access_admin.grant.email", lang), key="access_grant_email")
    role = st.selectbox(
        t("access_admin.grant.role", lang),
        list(roles),
        format_func=lambda r: t(f"access.role.{r}", lang),
        key="access_grant_role",
    )
    chosen: list[str] = []
    if role == _COORDINATOR:
        chosen = st.multiselect(
            t("access_admin.grant.parts", lang),
            list(parts["part_id"]),
            format_func=lambda p: part_label(parts, p, lang),
            help=t("access_admin.grant.parts_help", lang),
            placeholder=t("placeholder.choose_parts", lang),
            key="access_grant_parts",
        )
    reason = st.text_input(
        t("access_admin.grant.reason", lang),
        help=t("access_admin.grant.reason_help", lang),
        key="access_grant_reason",
    )
    if not st.button(
        t("access_admin.grant.submit", lang),
        type="primary",
        key="access_grant_submit",
    ):
        return
    if role == _COORDINATOR and not chosen:
        st.error(t("access_admin.grant.parts_required", lang))
        return
    changes = _write(
        writes,
        lambda: writes.grant(email=email, role=role, parts=chosen, reason=reason),
        lang,
    )
    if changes is None:
        return
    st.session_state[_RESET] = True
    if changes:
        message = t("access_admin.grant.done", lang, changes=changes_text(changes, parts, lang))
    else:
        message = t("access_admin.grant.unchanged", lang, email=email.strip().lower())
    _done(writes, message)


def render_revoke(
    grants: pd.DataFrame, writes: AccessWrites, *, parts: pd.DataFrame, lang: str
) -> None:
    """Revoke one role in force, or every role of one user."""
    st.header(t("access_admin.revoke.heading", lang))
    if grants.empty:
        st.info(t("access_admin.revoke.none", lang))
        return
    email = st.selectbox(
        t("access_admin.revoke.email", lang),
        list(dict.fromkeys(grants["email"])),
        key="access_revoke_email",
    )
    held = grants[grants["email"] == email]
    # None: all of the user's roles; else a position in ``held``.
    options: list[int | None] = [None, *range(len(held))]
    records = held.to_dict("records")
    which = st.selectbox(
        t("access_admin.revoke.which", lang),
        options,
        format_func=lambda i: (
            t("access_admin.revoke.all", lang)
            if i is None
            else role_text(records[i]["role"], records[i]["part_id"], parts, lang)
        ),
        key="access_revoke_which",
    )
    reason = st.text_input(t("access_admin.revoke.reason", lang), key="access_revoke_reason")
    if not st.button(
        t("access_admin.revoke.submit", lang),
        key="access_revoke_submit",
    ):
        return
    role, part = (None, None) if which is None else _role_and_part(records[which])
    changes = _write(
        writes,
        lambda: writes.revoke(
            email=email, role=role, parts=() if part is None else (part,), reason=reason
        ),
        lang,
    )
    if changes is not None:
        _done(
            writes, t("access_admin.revoke.done", lang, changes=changes_text(changes, parts, lang))
        )


def _role_and_part(record: dict) -> tuple[str, str | None]:
    part = record["part_id"]
    return str(record["role"]), str(part) if isinstance(part, str) else None
