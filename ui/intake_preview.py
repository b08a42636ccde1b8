"""What an upload's action reports and duiding would change, as the Data page's preview shows it:
names beside the ids (priority letter and text, part, action line), statuses as labels.

| name | what |
|---|---|
| ``UploadNames`` | the frames names are looked up in; ``part``, ``indicator``, ``priority``... |
| ``action_changes_table(changes, names, lang)`` | new and changed action reports |
| ``narrative_changes_table(changes, names, lang)`` | new and changed duiding |
| ``leading_columns(changes, subject, names, lang)`` | the columns every preview starts with |

No streamlit; data is imported for typing only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from ui.i18n import t
from ui.labels import action_status_labels, in_language

if TYPE_CHECKING:
    from data.intake_result import ActionChange, Change, NarrativeChange

__all__ = ["UploadNames", "action_changes_table", "leading_columns", "narrative_changes_table"]


# Names longer than this are shortened in the preview, so that the status stays in view.
_NAME_CHARS = 60


def _short(text: str) -> str:
    return text if len(text) <= _NAME_CHARS else text[: _NAME_CHARS - 1].rstrip() + "…"


def _names(frame: pd.DataFrame, key: str, lang: str) -> dict[str, str]:
    if frame.empty or key not in frame.columns:
        return {}
    column = f"name_{lang}" if f"name_{lang}" in frame.columns else "name_nl"
    return {str(k): str(name) for k, name in zip(frame[key], frame[column], strict=True)}


@dataclass(frozen=True)
class UploadNames:
    """Where the preview finds names: ``parts`` (part_id, name_nl, name_en), ``indicators``
    (indicator_id, name_nl, name_en), ``priorities`` (priority_id, summary_nl, summary_en) and
    ``action_lines`` (action_line_id, name_nl, name_en). Long names are shortened to 60
    characters; an id not found is shown as it is."""

    parts: pd.DataFrame = field(default_factory=pd.DataFrame)
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame)
    priorities: pd.DataFrame = field(default_factory=pd.DataFrame)
    action_lines: pd.DataFrame = field(default_factory=pd.DataFrame)

    def part(self, part_id: str, lang: str) -> str:
        return _names(self.parts, "part_id", lang).get(part_id, part_id)

    def indicator(self, indicator_id: str, lang: str) -> str:
        name = _names(self.indicators, "indicator_id", lang).get(indicator_id)
        return f"{indicator_id} · {_short(name)}" if name else indicator_id

    def action_line(self, action_line_id: str, lang: str) -> str:
        name = _names(self.action_lines, "action_line_id", lang).get(action_line_id)
        return f"{action_line_id} · {_short(name)}" if name else action_line_id

    def priority(self, priority_id: str, lang: str) -> str:
        """``AL01-A · Structureel investeren in de NAVO; ...`` (the English text where there is
        one, else the Dutch marked untranslated)."""
        rows = self.priorities
        if rows.empty or priority_id not in set(rows["priority_id"]):
            return priority_id
        row = rows.loc[rows["priority_id"] == priority_id].iloc[0]
        english = row.get("summary_en")
        summary = in_language(row.get("summary_nl"), english, lang) or str(english or "")
        return f"{priority_id} · {_short(summary)}"


def _text(value: str | None) -> str:
    return value or ""


def _column(key: str, lang: str) -> str:
    return t(f"intake_actions.preview.{key}", lang)


def leading_columns(
    changes: Sequence[Change | ActionChange | NarrativeChange],
    subject: tuple[str, list[str]],
    names: UploadNames,
    lang: str,
) -> dict[str, list]:
    """The columns every preview row starts with: row, ``subject`` (header, names), part,
    period and the change."""
    header, named = subject
    return {
        t("intake.preview.row", lang): [c.row for c in changes],
        header: named,
        t("intake.preview.part", lang): [names.part(c.part_id, lang) for c in changes],
        t("intake.preview.period", lang): [c.period for c in changes],
        t("intake.preview.kind", lang): [t(f"intake.kind.{c.kind}", lang) for c in changes],
    }


def action_changes_table(
    changes: Sequence[ActionChange], names: UploadNames, lang: str
) -> pd.DataFrame:
    """New and changed action reports: the priority and part by name, the status as a label
    (the previous one beside it), expected completion, responsible, narrative, milestones."""
    labels = action_status_labels(lang)
    priorities = [names.priority(c.priority_id, lang) for c in changes]
    return pd.DataFrame(
        {
            **leading_columns(changes, (_column("priority", lang), priorities), names, lang),
            _column("old_status", lang): [labels[c.old.status] if c.old else "" for c in changes],
            _column("status", lang): [labels[c.report.status] for c in changes],
            _column("expected_completion", lang): [
                _text(c.report.expected_completion) for c in changes
            ],
            _column("responsible", lang): [_text(c.report.responsible) for c in changes],
            _column("narrative", lang): [_text(c.report.narrative) for c in changes],
            _column("narrative_en", lang): [_text(c.report.narrative_en) for c in changes],
            _column("milestones", lang): [
                "; ".join(f"{quarter}: {text}" for quarter, text in c.report.milestones)
                for c in changes
            ],
        }
    )


def narrative_changes_table(
    changes: Sequence[NarrativeChange], names: UploadNames, lang: str
) -> pd.DataFrame:
    """New and changed duiding: the action line and part by name, the texts."""
    lines = [names.action_line(c.action_line_id, lang) for c in changes]
    return pd.DataFrame(
        {
            **leading_columns(changes, (_column("action_line", lang), lines), names, lang),
            _column("text", lang): [c.narrative.text for c in changes],
            _column("text_en", lang): [_text(c.narrative.text_en) for c in changes],
        }
    )
