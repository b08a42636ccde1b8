"""The Data page's submission status and quarter template: what each unit owes, and the file
to fill in.

| function | does |
|---|---|
| ``quarter_status(status, parts, quarter=, lang=)`` | one quarter: a row per unit, its counts |
| ``render_status(status, parts, clock=, due_days=, lang=)`` | the status tab: quarter, table |
| ``hint_headers(columns_by_kind, lang)`` | the template's hint columns, named in ``lang`` |
| ``worded(template, lang)`` | a template's hints in words: an action's last status, a duiding |
| ``render_template(parts, ...)`` | the template tab: choices, the rows expected, downloads
  built on the click |

The page hands in frames, the template's kinds and dialects, and the functions to call (data is
imported for typing only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Final

import pandas as pd
import streamlit as st

from ui.i18n import t
from ui.labels import in_language
from ui.palette import action_status_text
from ui.state import part_label
from ui.table_format import Column, counts, show_table

if TYPE_CHECKING:
    from data.template import QuarterTemplate

__all__ = [
    "TemplateChoice",
    "hint_headers",
    "quarter_status",
    "render_status",
    "render_template",
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


# The status table's columns: (catalog key under ``tables.status.``, width in pixels, kind).
_STATUS_COLUMNS: Final = (
    ("unit", 180, "text"),
    ("status", 110, "text"),
    ("figures_received", 95, "count"),
    ("figures_expected", 95, "count"),
    ("figures_received_late", 95, "count"),
    ("actions_received", 95, "count"),
    ("actions_expected", 95, "count"),
    ("actions_received_late", 95, "count"),
)


def _status_label(status: str, lang: str) -> str:
    if status == "not_expected":
        return t("intake.status.none", lang)
    return t(f"intake.status.{status}", lang)


def quarter_status(
    status: pd.DataFrame, parts: pd.DataFrame, *, quarter: str, lang: str
) -> pd.DataFrame:
    """One quarter of ``data.submission_status.unit_submission_status``: a row per unit, its
    status over figures and actions, and per kind how many were received, expected and received
    late, as whole numbers (``Int64``; missing where the unit owes none of the kind, never one
    merged number)."""
    rows = status.loc[status["period"] == quarter]
    table: dict[str, object] = {
        "unit": [part_label(parts, unit, lang) for unit in rows["part_id"]],
        "status": [_status_label(s, lang) for s in rows["status"]],
    }
    for kind in ("figures", "actions"):
        owed = rows[f"{kind}_expected"].astype(int) > 0
        for count in ("received", "expected", "received_late"):
            column = rows[f"{kind}_{count}"].where(owed)
            table[f"{kind}_{count}"] = counts(column).array
    frame = pd.DataFrame(table)
    return frame.rename(columns={key: t(f"tables.status.{key}", lang) for key in frame.columns})


def _status_layout(lang: str) -> dict[str, Column]:
    return {
        t(f"tables.status.{key}", lang): Column(
            width,
            kind,
            help=t(f"tables.status_help.{key}", lang) if kind == "count" else None,
        )
        for key, width, kind in _STATUS_COLUMNS
    }


def render_status(
    status: pd.DataFrame, parts: pd.DataFrame, *, clock: datetime, due_days: int, lang: str
) -> None:
    """The status tab: a choice of quarter (the latest first chosen, each with its due date),
    then that quarter's table (``quarter_status``) with its legend."""
    st.caption(
        t("template_actions.status.intro", lang, today=clock.date().isoformat(), days=due_days)
    )
    if status.empty:
        st.info(t("intake.template.empty", lang))
        return
    due = dict(zip(status["period"], status["due_date"], strict=False))
    quarters = list(dict.fromkeys(status["period"]))
    quarter = st.radio(
        t("tables.status.quarter", lang),
        quarters,
        index=len(quarters) - 1,
        horizontal=True,
        key="intake_status_quarter",
        format_func=lambda q: t("intake.status.column", lang, period=q, due=due[q].isoformat()),
    )
    show_table(
        quarter_status(status, parts, quarter=quarter or quarters[-1], lang=lang),
        _status_layout(lang),
        key="intake_status",
        lang=lang,
    )
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
    ``file_for(template, choice, "xlsx"|"csv")`` its bytes, called only when the reader clicks a
    download (Streamlit's deferred download); the hints are worded here.
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
            # Built when the reader clicks, not on every visit (the workbook takes seconds for
            # a large part): Streamlit calls it to serve the download.
            data=partial(file_for, template, choice, file_format),
            file_name=names[file_format],
            mime=_MIME[file_format],
            key=f"intake_template_{file_format}",
            on_click="ignore",
        )
