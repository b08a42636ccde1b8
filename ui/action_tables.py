"""The frames pages show about actions (METHOD.md v2 item 3): which actions a Kingdom part sees,
their order, the filters over them, their counts, and the action tables in words.

An *action* is a lettered priority as reported by one part or entity (``data.actions``). The
actions of a part are those reported by the part or a unit under it: they are *counted* (the
part's action distribution and share on schedule). A priority that concerns the part but is
reported above it (a Kingdom-wide priority, reported by the Kingdom, seen from Saba) is shown
too, with the reporter's status and labelled as the reporter's, but *not counted*: it is not the
part's to report, and counting it would count it again in every part below the reporter.

Pages pass in ``data.cache.action_states`` (one row per action) and the parts frame, and get back
frames with translated columns for ``st.dataframe``. Pure pandas; no streamlit, no SQL.

| function | returns |
|---|---|
| ``actions_in_view(states, parts, part_id=)`` | the actions a part sees, with ``counted`` |
| ``sort_actions(actions)`` | delayed and at risk first (``ATTENTION_ORDER``), else as given |
| ``filter_actions(actions, chosen)`` | the actions passing every filter of an ``ActionFilter`` |
| ``filter_options(actions, parts, action_lines, lang=)`` | the values each filter offers |
| ``action_counts(actions)`` | the distribution of the counted actions and their share |
| ``action_table(actions, parts, lang=, columns=)`` | one row per action, in words |
| ``full_texts(actions, parts, lang=)`` | each action's narrative and milestones in full |
| ``action_history_table(history, parts, ...)`` | priorities' earlier reports, newest first |
| ``status_changes(actions, parts, lang=)`` | actions whose status changed since last quarter |
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from metrics.actions import ACTION_DISTRIBUTION_STATUSES, action_rollup
from metrics.constants import NOT_REPORTED
from ui.i18n import t
from ui.kingdom import ancestors, name_column, subtree
from ui.labels import in_language
from ui.palette import action_status_text
from ui.texts import present

__all__ = [
    "ACTIONS_PAGE_COLUMNS",
    "ATTENTION_ORDER",
    "LINE_COLUMNS",
    "NARRATIVE_CELL_CHARS",
    "ActionCounts",
    "ActionFilter",
    "FilterOptions",
    "action_counts",
    "action_history_table",
    "action_table",
    "actions_in_view",
    "column_label",
    "filter_actions",
    "filter_options",
    "full_texts",
    "milestones_text",
    "sort_actions",
    "status_changes",
    "truncate",
]

# What needs attention first: delayed and at risk, then silence, then the rest by how far along.
ATTENTION_ORDER: Final = (
    "delayed",
    "at_risk",
    NOT_REPORTED,
    "not_started",
    "on_schedule",
    "completed",
    "discontinued",
)
assert sorted(ATTENTION_ORDER) == sorted(ACTION_DISTRIBUTION_STATUSES)

# A narrative longer than this is cut in a table cell; the full text is one click away.
NARRATIVE_CELL_CHARS: Final = 100

# The columns of the Actions page's table and of an action line's table, in this order.
_DETAIL_COLUMNS: Final = ("part", "status", "since", "expected", "responsible", "narrative")
ACTIONS_PAGE_COLUMNS: Final = ("priority", *_DETAIL_COLUMNS, "reported")
LINE_COLUMNS: Final = ("letter", *_DETAIL_COLUMNS, "milestones", "reported")


def column_label(name: str, lang: str) -> str:
    """The header of an action table's column ``name`` in ``lang``."""
    return t(f"actions.column.{name}", lang)


def actions_in_view(states: pd.DataFrame, parts: pd.DataFrame, *, part_id: str) -> pd.DataFrame:
    """The actions ``part_id`` sees, in the order of ``states``, with a ``counted`` column.

    Counted: reported by the part or a unit under it. Shown but not counted: reported by a part
    above it, on a priority whose scope covers the part (a Kingdom-wide priority for Saba).
    """
    inside = set(subtree(parts, part_id))
    chain = ancestors(parts, part_id)
    above = set(chain[1:])
    covers = pd.Series([part_id in covered for covered in states["covers"]], index=states.index)
    counted = states["part_id"].isin(inside)
    shown = counted | (states["part_id"].isin(above) & covers)
    return states.loc[shown].assign(counted=counted.loc[shown]).reset_index(drop=True)


def sort_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """``actions`` by ``ATTENTION_ORDER`` of their status; equal statuses keep their order."""
    rank = actions["status"].map({status: i for i, status in enumerate(ATTENTION_ORDER)})
    order = rank.reset_index(drop=True).sort_values(kind="stable").index
    return actions.reset_index(drop=True).iloc[order].reset_index(drop=True)


@dataclass(frozen=True)
class ActionFilter:
    """What a user chose to see: the values of each filter (empty: no filter)."""

    statuses: tuple[str, ...] = ()
    part_ids: tuple[str, ...] = ()
    action_line_ids: tuple[str, ...] = ()
    responsible: tuple[str, ...] = ()


def filter_actions(actions: pd.DataFrame, chosen: ActionFilter) -> pd.DataFrame:
    """The actions passing every filter of ``chosen``; an empty filter lets everything through."""
    keep = pd.Series(True, index=actions.index)
    for column, wanted in (
        ("status", chosen.statuses),
        ("part_id", chosen.part_ids),
        ("action_line_id", chosen.action_line_ids),
        ("responsible", chosen.responsible),
    ):
        if wanted:
            keep &= actions[column].isin(list(wanted))
    return actions.loc[keep]


@dataclass(frozen=True)
class FilterOptions:
    """What each filter offers: value -> label, in display order."""

    statuses: dict[str, str]
    parts: dict[str, str]
    action_lines: dict[str, str]
    responsible: dict[str, str]


def filter_options(
    actions: pd.DataFrame, parts: pd.DataFrame, action_lines: pd.DataFrame, *, lang: str
) -> FilterOptions:
    """Every status (most urgent first); the reporting parts, action lines and responsible
    organisations that occur in ``actions`` (parts and lines in the strategy's order)."""
    present_parts = set(actions["part_id"])
    part_names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    present_lines = set(actions["action_line_id"])
    organisations = sorted(
        {str(r) for r in actions["responsible"] if present(r) and str(r).strip()},
        key=lambda name: (name.casefold(), name),
    )
    return FilterOptions(
        statuses={status: action_status_text(status, lang) for status in ATTENTION_ORDER},
        parts={p: part_names[p] for p in parts["part_id"] if p in present_parts},
        action_lines={
            line: f"{line} · {name}"
            for line, name in zip(
                action_lines["action_line_id"], action_lines[name_column(lang)], strict=True
            )
            if line in present_lines
        },
        responsible={organisation: organisation for organisation in organisations},
    )


@dataclass(frozen=True)
class ActionCounts:
    """The action distribution of a part: a count per status, the share on schedule."""

    counts: dict[str, int]  # every status of ACTION_DISTRIBUTION_STATUSES
    n_actions: int
    n_stale: int
    share_on_schedule: float | None  # None when no action counts (all discontinued, or none)


def action_counts(actions: pd.DataFrame) -> ActionCounts:
    """The distribution of the counted actions (``actions_in_view``), by ``metrics.actions``."""
    counted = actions.loc[actions["counted"].astype(bool)]
    totals = action_rollup(counted).iloc[0]
    share = totals["share_on_schedule"]
    return ActionCounts(
        counts={status: int(totals[status]) for status in ACTION_DISTRIBUTION_STATUSES},
        n_actions=int(totals["n_actions"]),
        n_stale=int(totals["n_stale"]),
        share_on_schedule=float(share) if present(share) else None,
    )


def truncate(text: object, limit: int) -> object:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis; as given if short."""
    if not isinstance(text, str) or len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,.;:") + " …"


def milestones_text(milestones: object, lang: str) -> str:
    """Milestones as ``2026Q1: text; 2026Q4: text`` (by quarter), marked when read in English
    (they are written in Dutch only); empty when none."""
    if milestones is None or isinstance(milestones, str) or not hasattr(milestones, "__iter__"):
        return ""
    items = sorted(
        (str(item["quarter"]), str(item["text"]))
        for item in milestones
        if isinstance(item, Mapping)
    )
    return in_language("; ".join(f"{quarter}: {text}" for quarter, text in items), None, lang)


def _part_text(part_id: str, counted: bool, names: Mapping[str, str], lang: str) -> str:
    if counted:
        return names[part_id]
    return t("actions.reported_above", lang, part=names[part_id])


def _priority_text(row: Mapping[str, object], lang: str) -> str:
    """``AL10-A · summary`` in ``lang``; the English summary, marked, where no Dutch one exists."""
    own = _text(row.get(f"summary_{lang}"))
    summary = own or f"{_text(row.get('summary_en')) or ''} {t('priority.in_english', lang)}"
    return f"{row['priority_id']} · {summary.strip()}"


def _text(value: object) -> str | None:
    """A stored text cell: None when missing or blank (a table shows its placeholder)."""
    return str(value) if present(value) and str(value).strip() else None


def action_table(
    actions: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    lang: str,
    columns: Sequence[str] = ACTIONS_PAGE_COLUMNS,
) -> pd.DataFrame:
    """One row per action in the given order, the ``columns`` (of ``LINE_COLUMNS`` and
    ``ACTIONS_PAGE_COLUMNS``) headed by ``column_label``. Quarters stay ``YYYYQn`` text (they sort
    as time does); missing values are None (the table's placeholder shows them)."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    rows = actions.to_dict("records")

    def narrative(row: Mapping[str, object]) -> str | None:
        limit = NARRATIVE_CELL_CHARS
        dutch, english = truncate(row["narrative"], limit), truncate(row["narrative_en"], limit)
        return in_language(dutch, english, lang) or None

    values = {
        "priority": lambda r: _priority_text(r, lang),
        "letter": lambda r: str(r["letter"]),
        "part": lambda r: _part_text(str(r["part_id"]), bool(r["counted"]), names, lang),
        "status": lambda r: action_status_text(str(r["status"]), lang, stale=bool(r["stale"])),
        "since": lambda r: _text(r["status_since"]),
        "expected": lambda r: _text(r["expected_completion"]),
        "responsible": lambda r: _text(r["responsible"]),
        "narrative": narrative,
        "milestones": lambda r: milestones_text(r["milestones"], lang) or None,
        "reported": lambda r: _text(r["reported_period"]),
    }
    return pd.DataFrame(
        {column_label(name, lang): [values[name](row) for row in rows] for name in columns},
        dtype=object,
    )


def full_texts(actions: pd.DataFrame, parts: pd.DataFrame, *, lang: str) -> list[tuple[str, str]]:
    """(heading, text) of every action with a narrative or milestones, in the given order: the
    narrative in full (``ui.labels.in_language``) and its milestones."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    entries = []
    for row in actions.to_dict("records"):
        narrative = in_language(row["narrative"], row["narrative_en"], lang)
        milestones = milestones_text(row["milestones"], lang)
        if not (narrative or milestones):
            continue
        part = _part_text(str(row["part_id"]), bool(row["counted"]), names, lang)
        heading = f"{row['priority_id']} · {part} · {row['reported_period']}"
        text = narrative
        if milestones:
            text += ("\n\n" if text else "") + t("actions.milestones", lang, milestones=milestones)
        entries.append((heading, text))
    return entries


def action_history_table(
    history: pd.DataFrame,
    parts: pd.DataFrame,
    *,
    priority_ids: Sequence[str],
    part_ids: Collection[str],
    quarter: str,
    lang: str,
) -> pd.DataFrame:
    """Every report (``data.actions.action_history`` of one or more priorities) on
    ``priority_ids`` by ``part_ids`` for ``quarter`` or earlier: priority by priority in the
    order given, newest quarter first, parts in the hierarchy's order. The status as reported
    (a report is never stale), its details, when it was recorded."""
    keep = (
        history["priority_id"].isin(list(priority_ids))
        & history["part_id"].isin(list(part_ids))
        & (history["period"] <= quarter)
    )
    priority_order = {priority_id: i for i, priority_id in enumerate(priority_ids)}
    part_order = {part_id: i for i, part_id in enumerate(parts["part_id"])}
    rows = history.loc[keep]
    rows = rows.assign(
        _priority=rows["priority_id"].map(priority_order), _part=rows["part_id"].map(part_order)
    ).sort_values(["_priority", "period", "_part"], ascending=[True, False, True], kind="stable")
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return pd.DataFrame(
        {
            column_label("priority", lang): list(rows["priority_id"]),
            column_label("period", lang): list(rows["period"]),
            column_label("part", lang): [names[p] for p in rows["part_id"]],
            column_label("status", lang): [action_status_text(s, lang) for s in rows["status"]],
            column_label("expected", lang): [_text(v) for v in rows["expected_completion"]],
            column_label("responsible", lang): [_text(v) for v in rows["responsible"]],
            column_label("narrative", lang): [
                in_language(text, text_en, lang) or None
                for text, text_en in zip(rows["narrative"], rows["narrative_en"], strict=True)
            ],
            column_label("milestones", lang): [
                milestones_text(m, lang) or None for m in rows["milestones"]
            ],
            column_label("recorded_at", lang): [
                r.strftime("%Y-%m-%d %H:%M") if present(r) else None for r in rows["recorded_at"]
            ],
        },
        dtype=object,
    )


def status_changes(actions: pd.DataFrame, parts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The actions whose status differs from the previous quarter's (at the same vintage),
    most urgent first: priority, part, status then, status now."""
    changed = sort_actions(actions.loc[actions["status"] != actions["previous_status"]])
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    return pd.DataFrame(
        {
            column_label("priority", lang): [
                _priority_text(row, lang) for row in changed.to_dict("records")
            ],
            column_label("part", lang): [
                _part_text(p, bool(c), names, lang)
                for p, c in zip(changed["part_id"], changed["counted"], strict=True)
            ],
            column_label("previous", lang): [
                action_status_text(s, lang) for s in changed["previous_status"]
            ],
            column_label("status", lang): [
                action_status_text(s, lang, stale=bool(stale))
                for s, stale in zip(changed["status"], changed["stale"], strict=True)
            ],
        },
        dtype=object,
    )
