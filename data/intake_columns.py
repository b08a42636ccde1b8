"""The quarter file's contract: the kinds of rows it may carry, their columns and header spellings.

A quarter file carries one or more kinds of rows, each with its own columns:

* ``observations`` (figures), sheet ``data`` (or ``cijfers`` / ``figures``): indicator_id,
  part_id, period, value; optional flag, note;
* ``actions`` (action reports), sheet ``acties`` / ``actions``: priority_id, part_id, period,
  status, expected_completion, responsible, narrative; optional narrative_en, milestones;
* ``narratives`` (duiding), sheet ``duiding`` / ``narrative``: action_line_id, part_id, period,
  text; optional text_en.

Headers are compared by ``normalise_header`` (case, spaces, hyphens); each column may be spelled
as in ``Columns.aliases`` (English as the exports write it, Dutch as a Dutch template writes it).
A CSV file holds one kind, recognised by its header (``Columns.marker``). A row is *blank* (an
unfilled template row: skipped and counted) when every one of its kind's ``content`` columns is
empty; the other columns (ids, a pre-filled responsible organisation, hints) do not make a row.

The actions' and duiding's columns are the fields ``data.action_store`` stores, so a file says
exactly what a version holds. Imports ``data.action_store`` (the fields) only: the reader, the
rules, the template and the pages share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from data.action_store import ACTION_REPORT_FIELDS, NARRATIVE_FIELDS

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "FIGURES",
    "NARRATIVES",
    "ROW_KINDS",
    "Columns",
    "normalise_header",
]

FIGURES: Final = "observations"
ACTIONS: Final = "actions"
NARRATIVES: Final = "narratives"
# In this order a file's kinds are read, checked, reported and written.
ROW_KINDS: Final = (FIGURES, ACTIONS, NARRATIVES)


def normalise_header(text: str) -> str:
    """Header text compared case-insensitively, trimmed, with spaces and hyphens as ``_``."""
    cleaned = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", cleaned)


@dataclass(frozen=True)
class Columns:
    """One kind of rows: its columns, their header spellings, and where a file holds them.

    ``sheet_names`` are the (lower-case) sheet names of a workbook that hold this kind;
    ``marker`` the column whose header says that a CSV (or an otherwise named sheet) holds it;
    ``content`` the columns of which at least one is filled in a row that is not blank.
    """

    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]]
    sheet_names: tuple[str, ...]
    marker: str
    content: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)

    def column_of(self, header: str) -> str | None:
        """The column a header cell names, or None (a hint or a column of the user's own)."""
        return _ALIAS_TO_COLUMN[self.kind].get(normalise_header(header))


_ACTION_OPTIONAL = ("narrative_en", "milestones")
_NARRATIVE_OPTIONAL = ("text_en",)
_PART = ("part_id", "part", "deel")
_PERIOD = ("period", "periode")

COLUMNS: Final = {
    FIGURES: Columns(
        kind=FIGURES,
        required=("indicator_id", "part_id", "period", "value"),
        optional=("flag", "note"),
        aliases={
            "indicator_id": ("indicator_id", "indicator"),
            "part_id": _PART,
            "period": _PERIOD,
            "value": ("value", "waarde"),
            "flag": ("flag", "vlag"),
            "note": ("note", "toelichting"),
        },
        sheet_names=("data", "cijfers", "figures"),
        marker="indicator_id",
        content=("value", "flag", "note"),
    ),
    ACTIONS: Columns(
        kind=ACTIONS,
        required=tuple(f for f in ACTION_REPORT_FIELDS if f not in _ACTION_OPTIONAL),
        optional=_ACTION_OPTIONAL,
        aliases={
            "priority_id": ("priority_id", "priority", "prioriteit", "prioriteit_id"),
            "part_id": _PART,
            "period": _PERIOD,
            "status": ("status", "stand"),
            "expected_completion": (
                "expected_completion",
                "verwachte_afronding",
                "verwacht_gereed",
                "gereed_verwacht",
                "afronding",
            ),
            "responsible": ("responsible", "verantwoordelijke", "verantwoordelijk", "trekker"),
            "narrative": (
                "narrative",
                "toelichting",
                "narratief",
                "narrative_nl",
                "toelichting_nl",
            ),
            "narrative_en": ("narrative_en", "toelichting_en", "narratief_en"),
            "milestones": ("milestones", "mijlpalen"),
        },
        sheet_names=("acties", "actions"),
        marker="priority_id",
        # Not responsible: a template pre-fills it from the last report.
        content=("status", "expected_completion", "narrative", "narrative_en", "milestones"),
    ),
    NARRATIVES: Columns(
        kind=NARRATIVES,
        required=tuple(f for f in NARRATIVE_FIELDS if f not in _NARRATIVE_OPTIONAL),
        optional=_NARRATIVE_OPTIONAL,
        aliases={
            "action_line_id": ("action_line_id", "action_line", "actielijn"),
            "part_id": _PART,
            "period": _PERIOD,
            "text": ("text", "tekst", "duiding", "text_nl", "tekst_nl", "duiding_nl"),
            "text_en": ("text_en", "tekst_en", "duiding_en"),
        },
        sheet_names=("duiding", "narrative", "narratives"),
        marker="action_line_id",
        content=("text", "text_en"),
    ),
}

_ALIAS_TO_COLUMN: Final = {
    kind: {
        normalise_header(alias): column
        for column, aliases in columns.aliases.items()
        for alias in aliases
    }
    for kind, columns in COLUMNS.items()
}
