"""The Data page's submission status and quarter template: what each unit owes, and the file
to fill in.

| function | does |
|---|---|
| ``status_grid(status, parts, lang=)`` | units x quarters: the unit's status, figures, actions |
| ``render_status(status, parts, clock=, due_days=, lang=)`` | the status tab |
| ``hint_headers(columns_by_kind, lang)`` | the template's hint columns, named in ``lang`` |
| ``worded(template, lang)`` | a template's hints in words: an action's last status, a duiding |
| ``render_template(parts, ...)`` | the template tab: choices, the rows expected, downloads |

The page hands in frames, the template's kinds and dialects, and the functions to call (data is
imported for typing only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.labels import in_language
from ui.palette import action_status_text
from ui.state import part_label

if TYPE_CHECKING:
    from data.template import QuarterTemplate

__all__ = [
    "TemplateChoice",
    "hint_headers",
    "render_status",
    "render_template",
    "status_grid",
    "worded",
]

_MIME: Final = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
# Where each kind's hint column names are translated; the figures' predate the other kinds.
_HINT_KEYS: Final = {"figures": "intake.template.col"}
_ACTION_HINT_KEY: Final = "template_actions.col"


# --- submission status -------------------------------------------------------------------------


def _count(expected: int, received: int, late: int, lang: str) -> str:
    if not expected:
        return t("intake.status.none", lang)
    key = "template_actions.status.count_late" if late else "template_actions.status.count"
    return t(key, lang, received=received, expected=expected, late=late)


def status_grid(status: pd.DataFrame, parts: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """The frame of ``data.submission_status.unit_submission_status`` as a grid: one row per
    unit, and per quarter three columns: the unit's status, figures received of expected, and
    actions received of expected (each kind its own count, never one merged number)."""
    records = []
    for row in status.itertuples(index=False):
        label = (
            t("intake.status.none", lang)
            if row.status == "not_expected"
            else t(f"intake.status.{row.status}", lang)
        )
        due = row.due_date.isoformat()
        figures = (row.figures_expected, row.figures_received, row.figures_received_late)
        actions = (row.actions_expected, row.actions_received, row.actions_received_late)
        records += [
            (row.part_id, t("intake.status.column", lang, period=row.period, due=due), label),
            (
                row.part_id,
                t("template_actions.status.figures", lang, period=row.period),
                _count(*figures, lang),
            ),
            (
                row.part_id,
                t("template_actions.status.actions", lang, period=row.period),
                _count(*actions, lang),
            ),
        ]
    cells = pd.DataFrame(records, columns=["part_id", "column", "text"])
    grid = cells.pivot(index="part_id", columns="column", values="text").reindex(
        index=list(dict.fromkeys(cells["part_id"])), columns=list(dict.fromkeys(cells["column"]))
    )
    grid.index = [part_label(parts, unit, lang) for unit in grid.index]
    grid.index.name = t("intake.status.unit", lang)
    grid.columns.name = None
    return grid


def render_status(
    status: pd.DataFrame, parts: pd.DataFrame, *, clock: datetime, due_days: int, lang: str
) -> None:
    """The status tab: the grid of ``status_grid`` with its legend."""
    st.caption(
        t("template_actions.status.intro", lang, today=clock.date().isoformat(), days=due_days)
    )
    if status.empty:
        st.info(t("intake.template.empty", lang))
        return
    st.dataframe(status_grid(status, parts, lang=lang), width="stretch")
    st.caption(t("template_actions.status.legend", lang))


# --- the template ------------------------------------------------------------------------------


def hint_headers(columns_by_kind: Mapping[str, Sequence[str]], lang: str) -> dict[str, str]:
    """Every kind's hint columns, named in ``lang``; a column two kinds share (the part's name)
    has one name."""
    headers: dict[str, str] = {}
    for kind, columns in columns_by_kind.items():
        prefix = _HINT_KEYS.get(kind, _ACTION_HINT_KEY)
        for column in columns:
            headers.setdefault(column, t(f"{prefix}.{column}", lang))
    return headers


def worded(template: QuarterTemplate, lang: str) -> QuarterTemplate:
    """``template`` with its hints in words: each action's last status as its symbol and label
    (marked stale where it was; an action never reported says so, without the mark), each last
    duiding in ``lang`` (the Dutch text marked as untranslated where no English was written)."""
    actions = template.actions.copy()
    actions["last_status"] = [
        action_status_text(status, lang, stale=bool(stale) and bool(period))
        for status, stale, period in zip(
            actions["last_status"],
            actions["last_stale"],
            actions["last_report_period"],
            strict=True,
        )
    ]
    narratives = template.narratives.copy()
    narratives["last_narrative"] = [
        in_language(text, text_en, lang)
        for text, text_en in zip(
            narratives["last_narrative"], narratives["last_narrative_en"], strict=True
        )
    ]
    return replace(template, actions=actions, narratives=narratives)


@dataclass(frozen=True)
class TemplateChoice:
    part_id: str
    quarter: str
    kind: str
    dialect: str


def render_template(
    parts: pd.DataFrame,
    *,
    part_id: str,
    quarters: list[str],
    kinds: Sequence[str],
    dialects: Sequence[str],
    lang: str,
    rows_for: Callable[[TemplateChoice], QuarterTemplate],
    file_for: Callable[[QuarterTemplate, TemplateChoice, str], bytes],
) -> None:
    """Part and quarter, the CSV's kind and dialect; then the expected rows and two downloads.

    ``kinds`` are the template's kinds, the figures first (a CSV holds one; the .xlsx all).
    ``dialects`` are the CSV dialects' names, the standard one first: offered by default in
    English, the other (Excel's Dutch one) in Dutch. ``rows_for(choice)`` gives the template,
    ``file_for(template, choice, "xlsx"|"csv")`` its bytes; the hints are worded here.
    """
    st.caption(t("template_actions.template.intro", lang))
    top_left, top_right = st.columns(2)
    bottom_left, bottom_right = st.columns(2)
    choice = TemplateChoice(
        part_id=top_left.selectbox(
            t("intake.template.part", lang),
            list(parts["part_id"]),
            index=list(parts["part_id"]).index(part_id),
            format_func=lambda unit: part_label(parts, unit, lang, indent=True),
            key="intake_template_part",
        ),
        quarter=top_right.selectbox(
            t("intake.template.quarter", lang),
            list(reversed(quarters)),
            key="intake_template_quarter",
        ),
        kind=bottom_left.radio(
            t("template_actions.template.kind", lang),
            kinds,
            format_func=lambda kind: t(f"template_actions.kind.{kind}", lang),
            key="intake_template_kind",
        ),
        dialect=bottom_right.radio(
            t("intake.template.dialect", lang),
            dialects,
            format_func=lambda d: t(f"intake.template.dialect_{d.replace('-', '_')}", lang),
            index=0 if lang == "en" else 1,
            key="intake_template_dialect",
        ),
    )
    template = rows_for(choice)
    if template.empty:
        st.info(t("intake.template.empty", lang))
        return
    counts = template.counts
    st.caption(t("template_actions.template.rows", lang, total=sum(counts.values()), **counts))
    template = worded(template, lang)
    stem = t("intake.template.file_stem", lang)
    where = f"{choice.part_id}-{choice.quarter}"
    names = {
        "xlsx": f"{stem}-{where}.xlsx",
        "csv": f"{stem}-{where}.csv"
        if choice.kind == kinds[0]
        else f"{stem}-{t(f'template_actions.file.{choice.kind}', lang)}-{where}.csv",
    }
    buttons = st.columns(2)
    for column, file_format in zip(buttons, ("xlsx", "csv"), strict=True):
        column.download_button(
            t(f"intake.template.download_{file_format}", lang),
            data=file_for(template, choice, file_format),
            file_name=names[file_format],
            mime=_MIME[file_format],
            key=f"intake_template_{file_format}",
            on_click="ignore",
        )
