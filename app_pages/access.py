"""Access (Beheer): the roles in force; granting and revoking roles; the audit trail of every
import and change of a role, filterable, with one import's versions and a CSV download.

For admins only: the menu hides the page from anyone else, and the page itself refuses (and
offers nothing to write) when the session's actor may not manage access, since a URL can be
typed. The data layer refuses too (``data.access_store``). In local mode the local user may.
An entry point like cli.py: it reads the clock here and passes it down.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

import streamlit as st

from data import cache
from data.access import current_grants
from data.access_rules import ROLES, AccessDeniedError, may_manage_access
from data.access_store import AccessInputError, grant_role, revoke_role
from data.audit import AUDIT_OUTCOMES, AUDIT_WHATS, audit_csv, audit_trail, import_versions
from data.dialects import DIALECT_NAMES
from data.store import StoreBusyError, database_path
from ui.access_forms import AccessWrites, render_grant, render_revoke, render_roles, show_done
from ui.audit_view import AuditSource, render_audit
from ui.auth import identity
from ui.i18n import t
from ui.state import view_for
from ui.widgets import page_header

clock = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
token = cache.version()
reference = cache.reference(token)
current = view_for(reference)
page_header("access_admin.title", "access_admin.caption", view=current)
lang, parts = current.lang, reference.kingdom_parts
actor = cache.actor(token, identity())
if actor is None or not may_manage_access(actor):
    refusal = "access_admin.not_signed_in" if actor is None else "access_admin.refused"
    st.error(t(refusal, lang))
    st.stop()

db_path, con = database_path(), cache.connection(token)
grants = current_grants(con)
writes = AccessWrites(
    grant=partial(grant_role, db_path, actor=actor, clock=clock),
    revoke=partial(revoke_role, db_path, actor=actor, clock=clock),
    after=cache.clear,
    input_error=AccessInputError,
    denied=AccessDeniedError,
    busy=StoreBusyError,
)
show_done()

roles_tab, change_tab, audit_tab = st.tabs(
    [t(f"access_admin.tab.{name}", lang) for name in ("roles", "change", "audit")]
)
with roles_tab:
    render_roles(grants, parts, lang=lang)
with change_tab:
    grant_column, revoke_column = st.columns(2, gap="large")
    with grant_column:
        render_grant(writes, roles=ROLES, parts=parts, lang=lang)
    with revoke_column:
        render_revoke(grants, writes, parts=parts, lang=lang)
with audit_tab:
    render_audit(
        AuditSource(
            trail=partial(audit_trail, con, journal_of=db_path),
            versions=partial(import_versions, con),
            csv=audit_csv,
            whats=AUDIT_WHATS,
            outcomes=AUDIT_OUTCOMES,
            dialects=DIALECT_NAMES,
        ),
        parts=parts,
        lang=lang,
    )
