"""Who may do what: the acting user and the rules every write function applies.

Pure: no SQL, no streamlit, imports nothing of ours. ``data.access`` builds an ``Actor`` from the
database's grants; the write functions (``data.intake``, ``data.catalogue_intake``,
``data.access_store``) take one and refuse what it may not do, so the rules hold whoever calls
them, not only in what the pages show.

Modes (how the actor was identified):

* ``local``: the dashboard without sign-in (``MONITOR_AUTH=local``, the default): the OS user,
  every action allowed;
* ``cli``: ``cli.py``, run on the server by operators: a local admin, every action allowed;
* ``oidc``: signed in with OpenID Connect: the provider's subject and e-mail, and only what the
  e-mail's roles allow.

Roles (granted per e-mail, versioned in ``access_grants``):

| role | may |
|---|---|
| ``viewer`` | read every page |
| ``coordinator`` (per part) | submit figures, action reports, duiding: its parts and below |
| ``editor`` | edit the catalogue (indicators, baselines, targets); submit duiding for any part |
| ``admin`` | grant and revoke roles; read the audit trail |

Every role reads. Roles add up; ``admin`` implies none of the others (an admin who also edits
grants itself ``editor``): least privilege, and every grant on the record.

| function | True when the actor may |
|---|---|
| ``may_submit(actor, kind, part_id)`` | write a quarter-file row of ``kind`` for ``part_id`` |
| ``may_upload(actor)`` | upload a quarter file at all (some kind for some part) |
| ``may_edit_catalogue(actor)`` | import or edit the catalogue and targets |
| ``may_manage_access(actor)`` | grant and revoke roles, read the audit trail |
| ``permitted(actor, permission)`` | the permission named so (``PERMISSIONS``); False for nobody |
| ``require(allowed, what)`` | raises ``AccessDeniedError(what)`` unless ``allowed`` |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

__all__ = [
    "ADMIN",
    "COORDINATOR",
    "EDITOR",
    "MODES",
    "PERMISSIONS",
    "ROLES",
    "VIEWER",
    "AccessDeniedError",
    "Actor",
    "may_edit_catalogue",
    "may_manage_access",
    "may_submit",
    "may_upload",
    "permitted",
    "require",
]

VIEWER: Final = "viewer"
COORDINATOR: Final = "coordinator"
EDITOR: Final = "editor"
ADMIN: Final = "admin"
ROLES: Final = (VIEWER, COORDINATOR, EDITOR, ADMIN)

LOCAL: Final = "local"
CLI: Final = "cli"
OIDC: Final = "oidc"
MODES: Final = (LOCAL, CLI, OIDC)

# The quarter file's kinds of row (data.intake_columns), named here so the rules stay pure.
_FIGURES, _ACTIONS, _NARRATIVES = "observations", "actions", "narratives"
# The most characters of a name the log keeps.
_MAX_NAME_CHARS: Final = 100


class AccessDeniedError(PermissionError):
    """The acting user may not do ``what`` (a key under ``access.denied`` in the catalogs)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"not allowed: {what}")
        self.what = what


@dataclass(frozen=True)
class Actor:
    """Who acts: ``name`` is what the log shows (the e-mail when signed in, else the OS user).

    ``parts`` are the parts a coordinator may submit for, each granted part with every part
    below it; ``granted_parts`` the parts as granted, for display.
    """

    name: str
    mode: str
    subject: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    parts: frozenset[str] = field(default_factory=frozenset)
    granted_parts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r}")
        unknown = set(self.roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}")
        object.__setattr__(self, "name", (self.name.strip() or "unknown")[:_MAX_NAME_CHARS])

    @classmethod
    def local(cls, name: str) -> Actor:
        """The dashboard without sign-in: the OS user ``name``, every action allowed."""
        return cls(name, LOCAL)

    @classmethod
    def operator(cls, name: str) -> Actor:
        """``cli.py`` on the server: the OS user ``name`` as a local admin."""
        return cls(name, CLI)

    @property
    def unrestricted(self) -> bool:
        """Not signed in through a provider (local mode, the CLI): every action is allowed."""
        return self.mode in (LOCAL, CLI)

    def has(self, role: str) -> bool:
        return self.unrestricted or role in self.roles


def may_submit(actor: Actor, kind: str, part_id: str) -> bool:
    if actor.unrestricted:
        return True
    coordinates = COORDINATOR in actor.roles and part_id in actor.parts
    if kind == _NARRATIVES:
        return coordinates or EDITOR in actor.roles
    if kind in (_FIGURES, _ACTIONS):
        return coordinates
    return False


def may_upload(actor: Actor) -> bool:
    return actor.unrestricted or bool({COORDINATOR, EDITOR} & actor.roles)


def may_edit_catalogue(actor: Actor) -> bool:
    return actor.has(EDITOR)


def may_manage_access(actor: Actor) -> bool:
    return actor.has(ADMIN)


# The permissions a page may require (``ui.pages.PageEntry.requires``), by name.
PERMISSIONS: Final = {
    "manage_access": may_manage_access,
    "edit_catalogue": may_edit_catalogue,
    "upload": may_upload,
}


def permitted(actor: Actor | None, permission: str) -> bool:
    """Whether ``actor`` (None: nobody signed in) has the permission named ``permission``;
    an unknown name raises KeyError."""
    return actor is not None and PERMISSIONS[permission](actor)


def require(allowed: bool, what: str) -> None:
    """Raise ``AccessDeniedError(what)`` unless ``allowed``."""
    if not allowed:
        raise AccessDeniedError(what)
