"""The words of a catalogue import, for the Catalogue page and the CLI alike (no streamlit here).

``problem_text`` turns a ``data.intake_read.Problem`` of the catalogue import into one line in
the user's language, naming sheet, row and column as a spreadsheet shows them:
``Blad doelen, rij 5, kolom target_value (F): ...``. A problem's ``sheet`` is the sheet's role
(``indicators`` / ``targets``), named here in the reader's language. Warnings (a column ignored)
read the same way. ``change_lines`` says what an accepted import changes, field by field.

| function | returns |
|---|---|
| ``sheet_name(sheet, lang)`` | the sheet's name in ``lang`` |
| ``where(problem, lang)`` | sheet, row and column, or the file |
| ``problem_message(problem, lang)``, ``problem_text(problem, lang)`` | a problem in words |
| ``warning_text(warning, lang)`` | a warning in words |
| ``value_text(value, lang)`` | a catalogue cell (number, text, scope, empty) as shown |
| ``change_lines(change, lang)`` | an item's change as lines (one per field changed) |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui.i18n import t

if TYPE_CHECKING:
    from data.catalogue_changes import CatalogueChange
    from data.intake_read import Problem

__all__ = [
    "change_lines",
    "problem_message",
    "problem_text",
    "sheet_name",
    "value_text",
    "warning_text",
    "where",
]

_MISSING = "–"


def sheet_name(sheet: str, lang: str) -> str:
    return t(f"catalogue_intake.sheet.{sheet}", lang)


def where(problem: Problem, lang: str) -> str:
    """Where a problem is: ``Blad doelen, rij 5, kolom target_value (F)``, or less."""
    parts = []
    if problem.sheet is not None:
        parts.append(t("catalogue_intake.where.sheet", lang, sheet=sheet_name(problem.sheet, lang)))
    if problem.row is not None:
        parts.append(t("catalogue_intake.where.row", lang, row=problem.row))
    if problem.column is not None and problem.letter:
        parts.append(
            t(
                "catalogue_intake.where.column",
                lang,
                column=problem.column,
                letter=problem.letter,
            )
        )
    elif problem.column is not None:
        parts.append(t("catalogue_intake.where.column_name", lang, column=problem.column))
    if not parts:
        return t("catalogue_intake.where.file", lang)
    text = ", ".join(parts)
    return text[0].upper() + text[1:]


def problem_message(problem: Problem, lang: str) -> str:
    return t(
        f"catalogue_intake.problem.{problem.code}",
        lang,
        value=problem.value or "",
        **problem.parameters,
    )


def problem_text(problem: Problem, lang: str) -> str:
    """One problem as one line: ``Sheet targets, row 5, column target_value (F): ...``."""
    return f"{where(problem, lang)}: {problem_message(problem, lang)}"


def warning_text(warning: Problem, lang: str) -> str:
    """One warning as one line, located like a problem."""
    message = t(
        f"catalogue_intake.warning.{warning.code}",
        lang,
        value=warning.value or "",
        **warning.parameters,
    )
    return f"{where(warning, lang)}: {message}"


def value_text(value: object, lang: str) -> str:
    """A catalogue cell as the preview shows it: numbers in full with the language's decimal
    mark, scope joined with ``;``, a dash for empty."""
    if value is None or (isinstance(value, float) and value != value):
        return _MISSING
    if isinstance(value, tuple | list):
        return ";".join(str(part) for part in value)
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return text.replace(".", ",") if lang == "nl" else text
    return str(value)


def change_lines(change: CatalogueChange, lang: str) -> list[str]:
    """An item's change in words: a heading line, then one line per changed field."""
    key = (
        change.indicator_id if change.part_id is None else f"{change.indicator_id} {change.part_id}"
    )
    heading = t(
        "catalogue_intake.change.heading",
        lang,
        kind=t(f"catalogue_intake.kind.{change.kind}", lang),
        what=t(f"catalogue_intake.what.{change.what}", lang),
        key=key,
    )
    if change.reason and change.kind in ("changed", "removed"):
        heading += t("catalogue_intake.change.reason", lang, reason=change.reason)
    lines = [heading]
    if change.kind == "changed":
        lines += [
            t(
                "catalogue_intake.change.field",
                lang,
                field=field.field,
                old=value_text(field.old, lang),
                new=value_text(field.new, lang),
            )
            for field in change.fields
        ]
    return lines
