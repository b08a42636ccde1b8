"""What a checked file's action reports and duiding change, and the rows that write it.

Rules the issue left open, decided here (as for figures, ``data.intake_write``):

* A row states the whole version. An action report is *unchanged* only when status, expected
  completion, responsible organisation, narrative, English narrative and milestones all equal
  the newest stored version of its key (priority, part, period); a duiding when its text and
  English text do. Empty cells are None; a file without the optional columns states none.
* Any difference adds a version, written by ``data.action_store`` inside the import's
  transaction (``data.intake_write``).

| function | does |
|---|---|
| ``action_changes(con, frame)`` | what each action row of a checked frame does, in file order |
| ``narrative_changes(con, frame)`` | what each duiding row does, in file order |
| ``action_report_rows(changes)`` | the versions to add, as ``insert_action_reports`` takes them |
| ``narrative_rows(changes)`` | the versions to add, as ``insert_narratives`` takes them |
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import duckdb
import pandas as pd

from data.action_store import ACTION_REPORT_FIELDS, NARRATIVE_FIELDS
from data.intake_diff import newest_of_keys
from data.intake_result import (
    ActionChange,
    ActionReport,
    NarrativeChange,
    NarrativeText,
    change_kind,
)
from data.schema import ACTION_REPORT_KEY, NARRATIVE_KEY

__all__ = ["action_changes", "action_report_rows", "narrative_changes", "narrative_rows"]

_ACTION_KEY: Final = ACTION_REPORT_KEY
# What a version states after its key (the writer's fields but the key).
_ACTION_COLUMNS: Final = ACTION_REPORT_FIELDS[len(ACTION_REPORT_KEY) :]
_NARRATIVE_KEY: Final = NARRATIVE_KEY
_NARRATIVE_COLUMNS: Final = NARRATIVE_FIELDS[len(NARRATIVE_KEY) :]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _stored_milestones(value: object) -> tuple[tuple[str, str], ...]:
    if value is None or not isinstance(value, Iterable):
        return ()
    return tuple((str(item["quarter"]), str(item["text"])) for item in value)


def _stored_report(stored: dict[str, object]) -> ActionReport:
    return ActionReport(
        status=str(stored["status"]),
        expected_completion=_text(stored["expected_completion"]),
        responsible=_text(stored["responsible"]),
        narrative=_text(stored["narrative"]),
        narrative_en=_text(stored["narrative_en"]),
        milestones=_stored_milestones(stored["milestones"]),
    )


def _keys(frame: pd.DataFrame, key: Sequence[str]) -> pd.DataFrame:
    """The frame's keys as stored: the period as its canonical quarter."""
    return pd.DataFrame(
        {
            column: frame["period_key" if column == "period" else column].astype(str)
            for column in key
        }
    )


def action_changes(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame) -> tuple[ActionChange, ...]:
    """What each row of a checked actions frame (``data.action_intake_rules.rows_frame``) does
    against the newest stored reports, in file order."""
    keys = _keys(frame, _ACTION_KEY)
    newest = newest_of_keys(
        con, "action_reports", key=_ACTION_KEY, columns=_ACTION_COLUMNS, keys=keys
    )
    current = {key: _stored_report(stored) for key, stored in newest.items()}
    found = []
    for row, key, record in zip(
        frame.index, keys.itertuples(index=False, name=None), frame.to_dict("records"), strict=True
    ):
        stated = ActionReport(
            status=record["status_key"],
            expected_completion=_text(record["expected_key"]),
            responsible=_text(record["responsible"]),
            narrative=_text(record["narrative"]),
            narrative_en=_text(record["narrative_en"]),
            milestones=tuple(record["milestone_pairs"]),
        )
        old = current.get(key)
        found.append(ActionChange(int(row), *key, change_kind(old, stated), stated, old))
    return tuple(found)


def narrative_changes(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame
) -> tuple[NarrativeChange, ...]:
    """What each row of a checked duiding frame (``data.narrative_intake_rules.rows_frame``)
    does against the newest stored duiding, in file order."""
    keys = _keys(frame, _NARRATIVE_KEY)
    newest = newest_of_keys(
        con, "narratives", key=_NARRATIVE_KEY, columns=_NARRATIVE_COLUMNS, keys=keys
    )
    current = {
        key: NarrativeText(str(stored["text"]), _text(stored["text_en"]))
        for key, stored in newest.items()
    }
    found = []
    for row, key, text, text_en in zip(
        frame.index,
        keys.itertuples(index=False, name=None),
        frame["text"],
        frame["text_en"],
        strict=True,
    ):
        stated = NarrativeText(str(text), _text(text_en))
        old = current.get(key)
        found.append(NarrativeChange(int(row), *key, change_kind(old, stated), stated, old))
    return tuple(found)


def _to_add(changes: Iterable[ActionChange | NarrativeChange]) -> list:
    return [change for change in changes if change.kind != "unchanged"]


def action_report_rows(changes: Iterable[ActionChange]) -> pd.DataFrame:
    """The new and changed reports as the rows ``data.action_store.insert_action_reports``
    adds (milestones as a list of {quarter, text}, None when there are none)."""
    rows = [
        {
            "priority_id": change.priority_id,
            "part_id": change.part_id,
            "period": change.period,
            "status": change.report.status,
            "expected_completion": change.report.expected_completion,
            "responsible": change.report.responsible,
            "narrative": change.report.narrative,
            "narrative_en": change.report.narrative_en,
            "milestones": [
                {"quarter": quarter, "text": text} for quarter, text in change.report.milestones
            ]
            or None,
        }
        for change in _to_add(changes)
    ]
    return pd.DataFrame(rows, columns=list(ACTION_REPORT_FIELDS), dtype=object)


def narrative_rows(changes: Iterable[NarrativeChange]) -> pd.DataFrame:
    """The new and changed duiding as the rows ``data.action_store.insert_narratives`` adds."""
    rows = [
        {
            "action_line_id": change.action_line_id,
            "part_id": change.part_id,
            "period": change.period,
            "text": change.narrative.text,
            "text_en": change.narrative.text_en,
        }
        for change in _to_add(changes)
    ]
    return pd.DataFrame(rows, columns=list(NARRATIVE_FIELDS), dtype=object)
