"""The words of a quarter-file import, for the Data page and the CLI alike (no streamlit here).

``problem_text`` turns a ``data.intake_read.Problem`` into one line in the user's language, with
the sheet, row and column as a spreadsheet shows them: ``Blad acties, rij 5, kolom status (D):
onbekende status ...``, or ``Rij 5, kolom waarde (D): "x" is geen getal...`` for a CSV file.
``row_kinds_summary`` says what a file did per kind of row (figures, actions, duiding), as the
import log, the upload and the CLI show it.

| function | returns |
|---|---|
| ``where(problem, lang)`` | sheet, row and column, or the file |
| ``problem_message(problem, lang)``, ``problem_text(problem, lang)`` | a problem in words |
| ``change_counts(counts, lang)`` | ``3 nieuw, 9 ongewijzigd`` (the counts that are not 0) |
| ``row_kinds_summary(counts_by_row_kind, lang)`` | ``cijfers: 12 (3 nieuw, ...) · acties: 8`` |
| ``row_kind_name(row_kind, lang)`` | ``cijfers``, ``acties``, ``duidingen`` |
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ui.i18n import t

if TYPE_CHECKING:
    from data.intake_read import Problem

__all__ = [
    "change_counts",
    "problem_message",
    "problem_text",
    "row_kind_name",
    "row_kinds_summary",
    "where",
]

# The change kinds in the order they are told (data.intake_result.CHANGE_KINDS).
_CHANGE_KINDS = ("new", "changed", "unchanged")


def where(problem: Problem, lang: str) -> str:
    """Where a problem is: ``Blad acties, rij 5, kolom status (D)``, or less."""
    place = _place(problem, lang)
    if problem.sheet is None:
        return place
    if problem.row is None and problem.column is None:
        return t("intake.where.sheet", lang, sheet=problem.sheet)
    return t("intake.where.in_sheet", lang, sheet=problem.sheet, where=place[0].lower() + place[1:])


def _place(problem: Problem, lang: str) -> str:
    """Where a problem is in its table: file, row, or row and column (with the letter)."""
    if problem.row is not None and problem.column is not None and problem.letter:
        return t(
            "intake.where.row_column",
            lang,
            row=problem.row,
            column=problem.column,
            letter=problem.letter,
        )
    if problem.row is not None and problem.column is not None:
        return t("intake.where.row_column_name", lang, row=problem.row, column=problem.column)
    if problem.row is not None:
        return t("intake.where.row", lang, row=problem.row)
    return t("intake.where.file", lang)


def problem_message(problem: Problem, lang: str) -> str:
    """The problem's message in ``lang``. A parameter given per language (``words_nl``,
    ``words_en``: the status words a file may use) is offered as ``words`` in ``lang``'s."""
    params = problem.parameters
    suffix = f"_{lang}"
    in_lang = {
        name.removesuffix(suffix): text for name, text in params.items() if name.endswith(suffix)
    }
    return t(f"intake.problem.{problem.code}", lang, value=problem.value or "", **params, **in_lang)


def problem_text(problem: Problem, lang: str) -> str:
    """One problem as one line: ``Row 5, column waarde (D): "x" is not a number; ...``."""
    return f"{where(problem, lang)}: {problem_message(problem, lang)}"


def change_counts(counts: Mapping[str, int], lang: str) -> str:
    """``3 nieuw, 9 ongewijzigd``: each change kind's count that is not 0; "–" when none is."""
    told = [
        t(f"intake.count.{kind}", lang, count=counts.get(kind, 0))
        for kind in _CHANGE_KINDS
        if counts.get(kind, 0)
    ]
    return ", ".join(told) or "–"


def row_kind_name(row_kind: str, lang: str) -> str:
    return t(f"intake.row_kind.{row_kind}", lang)


def row_kinds_summary(counts_by_row_kind: Mapping[str, Mapping[str, int]], lang: str) -> str:
    """Per kind of row a file held: ``cijfers: 12 (3 nieuw, 9 ongewijzigd) · acties: 8 (8
    nieuw)``; kinds without rows are left out."""
    told = []
    for row_kind, counts in counts_by_row_kind.items():
        rows = sum(counts.get(kind, 0) for kind in _CHANGE_KINDS)
        if rows:
            told.append(
                t(
                    "intake.row_kind.summary",
                    lang,
                    name=row_kind_name(row_kind, lang),
                    rows=rows,
                    changes=change_counts(counts, lang),
                )
            )
    return " · ".join(told)
