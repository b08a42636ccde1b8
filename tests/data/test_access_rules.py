"""The authorisation rules for every role x write, as a table a reader can check by eye."""

from __future__ import annotations

import pytest

from data.access_rules import (
    ADMIN,
    COORDINATOR,
    EDITOR,
    PERMISSIONS,
    ROLES,
    VIEWER,
    AccessDeniedError,
    Actor,
    may_edit_catalogue,
    may_manage_access,
    may_submit,
    may_upload,
    permitted,
    require,
)

FIGURES, ACTIONS, NARRATIVES = "observations", "actions", "narratives"
WRITES = ("figures:AW", "actions:AW", "narratives:AW", "figures:BQ-BO", "narratives:BQ-BO")
_KIND = {"figures": FIGURES, "actions": ACTIONS, "narratives": NARRATIVES}


def _signed_in(*roles: str) -> Actor:
    """A signed-in user holding ``roles``; a coordinator's for Aruba (AW) only."""
    parts = frozenset({"AW"}) if COORDINATOR in roles else frozenset()
    return Actor(
        "user@example.org",
        "oidc",
        subject="sub-1",
        roles=frozenset(roles),
        parts=parts,
        granted_parts=tuple(sorted(parts)),
    )


# role -> (may submit: each of WRITES), upload at all, edit catalogue, manage access
EXPECTED = {
    VIEWER: ((False, False, False, False, False), False, False, False),
    COORDINATOR: ((True, True, True, False, False), True, False, False),
    EDITOR: ((False, False, True, False, True), True, True, False),
    ADMIN: ((False, False, False, False, False), False, False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_may_do_exactly_its_writes(role):
    actor = _signed_in(role)
    submits, upload, catalogue, access = EXPECTED[role]
    for write, expected in zip(WRITES, submits, strict=True):
        kind, part = write.split(":")
        assert may_submit(actor, _KIND[kind], part) is expected, (role, write)
    assert may_upload(actor) is upload
    assert may_edit_catalogue(actor) is catalogue
    assert may_manage_access(actor) is access


def test_roles_add_up_and_admin_implies_none_of_the_others():
    both = _signed_in(COORDINATOR, EDITOR)
    assert may_submit(both, FIGURES, "AW") and may_edit_catalogue(both)
    assert not may_submit(both, FIGURES, "BQ-BO")
    admin = _signed_in(ADMIN)
    assert not may_upload(admin) and not may_edit_catalogue(admin)


@pytest.mark.parametrize("actor", [Actor.local("ana"), Actor.operator("root")])
def test_local_mode_and_the_cli_may_do_everything(actor):
    assert actor.unrestricted
    assert all(may_submit(actor, kind, "BQ-SA") for kind in (FIGURES, ACTIONS, NARRATIVES))
    assert may_upload(actor) and may_edit_catalogue(actor) and may_manage_access(actor)


def test_a_signed_in_user_without_roles_may_do_nothing():
    nobody = _signed_in()
    assert not nobody.unrestricted
    assert not may_upload(nobody) and not may_submit(nobody, NARRATIVES, "AW")


def test_an_unknown_kind_of_row_is_never_allowed_to_a_signed_in_user():
    assert not may_submit(_signed_in(COORDINATOR, EDITOR), "targets", "AW")


def test_require_names_what_was_refused():
    require(True, "upload")
    with pytest.raises(AccessDeniedError) as refused:
        require(False, "edit_catalogue")
    assert refused.value.what == "edit_catalogue"
    assert isinstance(refused.value, PermissionError)


def test_an_actor_refuses_an_unknown_mode_or_role_and_keeps_a_bounded_name():
    with pytest.raises(ValueError, match="mode"):
        Actor("x", "guest")
    with pytest.raises(ValueError, match="roles"):
        Actor("x", "oidc", subject="s", roles=frozenset({"owner"}))
    assert Actor.local("   ").name == "unknown"
    assert len(Actor.local("a" * 500).name) == 100


def test_every_permission_a_page_may_require_is_named_and_nobody_has_any():
    for permission in PERMISSIONS:
        assert permitted(Actor.local("ana"), permission)
        assert not permitted(None, permission)
    assert permitted(_signed_in(ADMIN), "manage_access")
    assert not permitted(_signed_in(VIEWER), "upload")
    with pytest.raises(KeyError):
        permitted(Actor.local("ana"), "launch")


def test_every_page_requires_a_known_permission():
    from ui.pages import PAGES

    required = {entry.requires for entry in PAGES} - {None}
    assert required and required <= set(PERMISSIONS)
