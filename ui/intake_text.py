"""The words of an import problem, for the Data page and the CLI alike (no streamlit here).

``problem_text`` turns a ``data.intake_read.Problem`` into one line in the user's language, with
the row and column as a spreadsheet shows them: ``Rij 5, kolom waarde (D): "x" is geen getal...``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.i18n import t

if TYPE_CHECKING:
    from data.intake_read import Problem

__all__ = ["problem_message", "problem_text", "where"]


def where(problem: Problem, lang: str) -> str:
    """Where a problem is: file, row, or row and column (with the spreadsheet letter)."""
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
    return t(
        f"intake.problem.{problem.code}", lang, value=problem.value or "", **problem.parameters
    )


def problem_text(problem: Problem, lang: str) -> str:
    """One problem as one line: ``Row 5, column waarde (D): "x" is not a number; ...``."""
    return f"{where(problem, lang)}: {problem_message(problem, lang)}"
