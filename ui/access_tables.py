"""Roles in words: the table of roles in force and one change of a role as a line, for the
Access page.

Pure pandas; the frames are ``data.access.current_grants`` and the parts frame
(``data.queries.Reference.kingdom_parts``); a change is anything with ``email``, ``role`` and
``part_id`` (``data.access_store.AccessChange``). Role names are the catalog's ``access.role``,
part names the parts frame's in the language asked.

| function | returns |
|---|---|
| ``roles_table(grants, parts, lang)`` | e-mail, role, part, since, by, reason: labelled |
| ``role_text(role, part_id, parts, lang)`` | ``coördinator · Aruba``, ``redacteur`` |
| ``changes_text(changes, parts, lang)`` | changes as ``a@b.nl · coördinator · Aruba; ...`` |
| ``moment_text(value)`` | a stored moment as ``2026-11-28 09:00``; "" when missing |
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import pandas as pd

from ui.i18n import t
from ui.kingdom import part_labels
from ui.texts import present

__all__ = ["changes_text", "moment_text", "role_text", "roles_table"]


class RoleChange(Protocol):
    email: str
    role: str
    part_id: str | None


def _part_names(parts: pd.DataFrame, lang: str) -> dict[str, str]:
    return part_labels(parts, list(parts["part_id"]), lang)


def moment_text(value: object) -> str:
    """A stored moment (naive UTC) to the minute; "" when there is none."""
    return value.strftime("%Y-%m-%d %H:%M") if present(value) else ""


def _text(value: object) -> str:
    return str(value) if present(value) else ""


def role_text(role: str, part_id: object, parts: pd.DataFrame, lang: str) -> str:
    """A role in words, with its part's name when it has one (a coordinator's)."""
    words = t(f"access.role.{role}", lang)
    if not present(part_id):
        return words
    return words + t("access_admin.change.part", lang, part=_part_names(parts, lang)[part_id])


def changes_text(changes: Iterable[RoleChange], parts: pd.DataFrame, lang: str) -> str:
    """Each change as ``e-mail · role · part``, joined by ``; ``."""
    return "; ".join(
        t(
            "access_admin.change.line",
            lang,
            email=change.email,
            role=role_text(change.role, change.part_id, parts, lang),
        )
        for change in changes
    )


def roles_table(grants: pd.DataFrame, parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The roles in force (``current_grants``), one a row, in words and the part's name."""
    names = _part_names(parts, lang)
    rows = grants.to_dict("records")
    return pd.DataFrame(
        {
            t("access_admin.roles.email", lang): [r["email"] for r in rows],
            t("access_admin.roles.role", lang): [t(f"access.role.{r['role']}", lang) for r in rows],
            t("access_admin.roles.part", lang): [
                names[r["part_id"]] if present(r["part_id"]) else "" for r in rows
            ],
            t("access_admin.roles.since", lang): [moment_text(r["granted_at"]) for r in rows],
            t("access_admin.roles.by", lang): [_text(r["granted_by"]) for r in rows],
            t("access_admin.roles.reason", lang): [_text(r["reason"]) for r in rows],
        },
        dtype=object,
    )
