"""The audit trail in words: its rows and one import's versions as tables, the period a date
range covers, the download's name.

Pure pandas; the frames are ``data.audit.audit_trail`` and ``data.audit.import_versions`` (codes
only), the parts frame is ``data.queries.Reference.kingdom_parts``. Words for an import's kind
and outcome are the Data page's (``intake.log_kind``, ``intake.outcome``), a role's the access
catalog's; the rest are ``access_admin``.

| function | returns |
|---|---|
| ``audit_table(trail, parts, lang)`` | when, by, how signed in, what and outcome, details |
| ``versions_table(versions, parts, lang)`` | kind, key, part, period, value or status, ... |
| ``what_label(what, lang)`` / ``outcome_label(outcome, lang)`` | a filter value in words |
| ``import_options(trail, lang)`` | the imports among the rows: id -> a line to pick it by |
| ``period_bounds(dates)`` | a date range as ``(since, until)``: ``since <= moment < until`` |
| ``audit_file_name(dates, dialect, lang)`` | ``auditspoor_2026-01-01_2026-11-28_excel-nl.csv`` |
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Final

import pandas as pd

from ui.access_tables import moment_text, role_text
from ui.catalogue_text import value_text
from ui.i18n import t
from ui.kingdom import part_labels
from ui.labels import action_status_labels
from ui.texts import present

__all__ = [
    "audit_file_name",
    "audit_table",
    "import_options",
    "outcome_label",
    "period_bounds",
    "versions_table",
    "what_label",
]

# The trail's own words; every other kind and outcome is an import's (the Data page's words).
_ACCESS_WHAT: Final = "access"
_ACCESS_OUTCOMES: Final = ("granted", "revoked")


def what_label(what: str, lang: str) -> str:
    if what == _ACCESS_WHAT:
        return t("access_admin.what.access", lang)
    return t(f"intake.log_kind.{what}", lang)


def outcome_label(outcome: str, lang: str) -> str:
    if outcome in _ACCESS_OUTCOMES:
        return t(f"access_admin.outcome.{outcome}", lang)
    return t(f"intake.outcome.{outcome}", lang)


def _how(row: Mapping[str, object], lang: str) -> str:
    """How the user was identified; the provider's subject with it when signed in."""
    if not present(row["mode"]):
        return t("access_admin.mode.unknown", lang)
    mode = t(f"access_admin.mode.{row['mode']}", lang)
    if not present(row["subject"]):
        return mode
    return t("access_admin.mode.subject", lang, mode=mode, subject=row["subject"])


def _detail(row: Mapping[str, object], parts: pd.DataFrame, lang: str) -> str:
    """What changed: an import's file and counts, or the e-mail and role with the reason."""
    if row["what"] != _ACCESS_WHAT:
        return t(
            "access_admin.audit.import_detail",
            lang,
            file=row["file_name"],
            accepted=int(row["rows_accepted"]),
            rejected=int(row["rows_rejected"]),
        )
    text = t(
        "access_admin.change.line",
        lang,
        email=row["email"],
        role=role_text(str(row["role"]), row["part_id"], parts, lang),
    )
    if present(row["reason"]):
        text += t("access_admin.audit.reason", lang, reason=row["reason"])
    return text


def audit_table(trail: pd.DataFrame, parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The trail as the page shows it: when, by, how signed in, what with its outcome, and the
    details; five columns, so that they fit beside the sidebar at 1366 px."""
    rows = trail.to_dict("records")
    return pd.DataFrame(
        {
            t("access_admin.audit.when", lang): [moment_text(r["changed_at"]) for r in rows],
            t("access_admin.audit.by", lang): [r["who"] for r in rows],
            t("access_admin.audit.how", lang): [_how(r, lang) for r in rows],
            t("access_admin.audit.what", lang): [
                t(
                    "access_admin.audit.what_outcome",
                    lang,
                    what=what_label(r["what"], lang),
                    outcome=outcome_label(r["outcome"], lang),
                )
                for r in rows
            ],
            t("access_admin.audit.detail", lang): [_detail(r, parts, lang) for r in rows],
        },
        dtype=object,
    )


def _key(row: Mapping[str, object]) -> str:
    # Each kind of version has exactly one of these as its key (with the part and period).
    for column in ("indicator_id", "priority_id", "action_line_id"):
        if present(row[column]):
            return str(row[column])
    return ""


def _value(row: Mapping[str, object], statuses: Mapping[str, str], lang: str) -> str:
    if present(row["value"]):
        return value_text(float(row["value"]), lang)
    if present(row["status"]):
        return statuses.get(str(row["status"]), str(row["status"]))
    return ""


def versions_table(versions: pd.DataFrame, parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What one import wrote, a version a row: its kind, key, part, period, value or status,
    reason, version id and moment."""
    names = part_labels(parts, list(parts["part_id"]), lang)
    statuses = action_status_labels(lang)
    rows = versions.to_dict("records")
    return pd.DataFrame(
        {
            t("access_admin.versions.written", lang): [
                t(f"access_admin.written.{r['written']}", lang) for r in rows
            ],
            t("access_admin.versions.key", lang): [_key(r) for r in rows],
            t("access_admin.versions.part", lang): [
                names.get(r["part_id"], r["part_id"]) if present(r["part_id"]) else "" for r in rows
            ],
            t("access_admin.versions.period", lang): [
                r["period"] if present(r["period"]) else "" for r in rows
            ],
            t("access_admin.versions.value", lang): [_value(r, statuses, lang) for r in rows],
            t("access_admin.versions.reason", lang): [
                str(r["reason"]) if present(r["reason"]) else "" for r in rows
            ],
            t("access_admin.versions.version", lang): [int(r["version_id"]) for r in rows],
            t("access_admin.versions.recorded", lang): [
                moment_text(r["recorded_at"]) for r in rows
            ],
        },
        dtype=object,
    )


def import_options(trail: pd.DataFrame, lang: str) -> dict[int, str]:
    """The imports among the trail's rows, newest first: id -> ``12 · file.xlsx · when``. A
    rejected attempt not yet folded into the log has no id, and wrote nothing: not among them."""
    imports = trail[(trail["what"] != _ACCESS_WHAT) & trail["import_id"].notna()]
    return {
        int(r["import_id"]): t(
            "access_admin.audit.drill_option",
            lang,
            import_id=int(r["import_id"]),
            file=r["file_name"],
            when=moment_text(r["changed_at"]),
        )
        for r in imports.to_dict("records")
    }


def period_bounds(dates: Sequence[date]) -> tuple[datetime | None, datetime | None]:
    """A date range as picked (none, a first day only, or first and last day) as the moments
    ``since <= moment < until``: the last day is included whole."""
    since = datetime.combine(dates[0], time()) if dates else None
    until = datetime.combine(dates[1] + timedelta(days=1), time()) if len(dates) > 1 else None
    return since, until


def audit_file_name(dates: Sequence[date], dialect: str, lang: str) -> str:
    """The download's name in ``lang``, with the period it covers and the CSV dialect."""
    period = "_".join(day.isoformat() for day in dates) or t("access_admin.audit.all_time", lang)
    return t("access_admin.audit.file_name", lang, period=period, dialect=dialect)
