"""The words of a quarter-file import, for the Data page and the CLI alike (no streamlit here).

``problem_text`` turns a ``data.intake_read.Problem`` into one line in the user's language, with
the sheet, row and column as a spreadsheet shows them: ``Blad acties, rij 5, kolom status (D):
onbekende status ...``, or ``Rij 5, kolom waarde (D): "x" is geen getal...`` for a CSV file.
A problem told once for many rows (``data.intake_problems``: params ``repeated`` and
``first_rows``) names its first rows, how many more, and its count: ``Rijen 5, 9, 12, 17, 20 en
7.995 andere rijen, kolom waarde (D): 8.000 keer, zo in rij 5: "x" is geen getal ...``.
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

from ui.format import format_number
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
    if _repeated(problem) is not None:
        return _rows_place(problem, lang)
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


def _repeated(problem: Problem) -> int | None:
    """How many times a problem told once for many rows occurred (None: told as it is)."""
    repeated = problem.parameters.get("repeated")
    return int(repeated) if repeated and repeated.isdigit() else None


def _rows_place(problem: Problem, lang: str) -> str:
    """Where a repeated problem is: ``Rijen 5, 9, 12, 17, 20 en 7.995 andere rijen, kolom
    waarde (D)``: its first rows, how many more, and its column."""
    first = [row for row in problem.parameters.get("first_rows", "").split(", ") if row]
    more = (_repeated(problem) or 0) - len(first)
    if not first:
        return t("intake.where.file", lang)
    rows = (
        t("intake.where.rows_more", lang, rows=", ".join(first), more=_count(more, lang))
        if more > 0
        else t("intake.where.rows", lang, rows=", ".join(first))
    )
    if problem.column is not None and problem.letter:
        return t(
            "intake.where.rows_with_column",
            lang,
            rows=rows,
            column=problem.column,
            letter=problem.letter,
        )
    if problem.column is not None:
        return t("intake.where.rows_with_column_name", lang, rows=rows, column=problem.column)
    return rows


def _count(number: int, lang: str) -> str:
    return format_number(number, 0, lang)


def problem_message(problem: Problem, lang: str) -> str:
    """The problem's message in ``lang``. A parameter given per language (``words_nl``,
    ``words_en``: the status words a file may use) is offered as ``words`` in ``lang``'s.
    A problem told once for many rows says so: the message of its first row, where that is,
    and how many times it occurred."""
    params = problem.parameters
    suffix = f"_{lang}"
    in_lang = {
        name.removesuffix(suffix): text for name, text in params.items() if name.endswith(suffix)
    }
    message = t(
        f"intake.problem.{problem.code}", lang, value=problem.value or "", **params, **in_lang
    )
    repeated = _repeated(problem)
    if repeated is None:
        return message
    count = _count(repeated, lang)
    if problem.row is None:
        return t("intake.repeated.total", lang, message=message, count=count)
    return t("intake.repeated.at_row", lang, message=message, row=problem.row, count=count)


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
