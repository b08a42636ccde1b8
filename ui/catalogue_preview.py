"""A catalogue import as the Catalogue page shows it: the problems by sheet, row and column, what
the attempt changes (per indicator and per target: new, changed field by field old -> new,
removed), what it leaves unchanged, and the catalogue's change log.

Frames with translated column names, ready for ``st.dataframe``; the words of a problem, a
warning and a cell are ``ui.catalogue_text``'s (shared with the CLI). ``data`` is imported for
typing only. Pure pandas; no streamlit.

| function | returns |
|---|---|
| ``problems_table(problems, lang)`` | sheet, row, column, problem: one row per problem |
| ``changes_table(changes, lang, names=None)`` | what a change set writes, field by field |
| ``unchanged_table(changes, lang)`` | the items a change set leaves as they are |
| ``counts_text(result, lang)`` | "1 new indicator, 1 changed target" |
| ``log_table(log, parts, lang)`` | the change log of ``data.catalogue_log.catalogue_log`` |
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from ui.catalogue_text import problem_message, sheet_name, value_text
from ui.i18n import t
from ui.intake_preview import UploadNames
from ui.kingdom import name_column
from ui.texts import present

if TYPE_CHECKING:
    from data.catalogue_intake import CatalogueChange, CatalogueResult, Problem

__all__ = ["changes_table", "counts_text", "log_table", "problems_table", "unchanged_table"]


def problems_table(problems: Iterable[Problem], lang: str) -> pd.DataFrame:
    """Where each problem is (sheet in ``lang``, the row and column a spreadsheet shows) and
    what is wrong there."""
    problems = list(problems)
    return pd.DataFrame(
        {
            t("catalogue.problems.sheet", lang): [
                sheet_name(p.sheet, lang) if p.sheet else "" for p in problems
            ],
            t("catalogue.problems.row", lang): [p.row for p in problems],
            t("catalogue.problems.column", lang): [
                f"{p.column} ({p.letter})" if p.column and p.letter else (p.column or "")
                for p in problems
            ],
            t("catalogue.problems.problem", lang): [problem_message(p, lang) for p in problems],
        }
    ).astype({t("catalogue.problems.row", lang): "Int64"})


def _field_value(change: CatalogueChange, field: str, *, old: bool) -> object:
    for item in change.fields:
        if item.field == field:
            return item.old if old else item.new
    return None


def _summary(change: CatalogueChange, lang: str, *, old: bool) -> str:
    """A new or removed item in one cell: an indicator's name, a target's baseline and target."""
    if change.what == "indicator":
        return value_text(_field_value(change, f"name_{lang}", old=old), lang)

    def number(what: str) -> str:
        value = _field_value(change, f"{what}_value", old=old)
        period = _field_value(change, f"{what}_period", old=old)
        return f"{value_text(value, lang)} ({value_text(period, lang)})"

    return t(
        "catalogue.preview.target_summary",
        lang,
        baseline=number("baseline"),
        target=number("target"),
    )


def changes_table(
    changes: Iterable[CatalogueChange], lang: str, names: UploadNames | None = None
) -> pd.DataFrame:
    """Every change that adds a version: a changed item one row per field (old -> new), a new
    item one row (its name, or its baseline and target), a removed target one row (what it
    was). Indicators first, in the file's order. With ``names``, an indicator in the catalogue
    and a part are shown by name beside their id."""
    names = names or UploadNames()
    records = []
    for change in changes:
        if change.kind == "unchanged":
            continue
        base = {
            "what": t(f"catalogue.preview.what_{change.what}", lang),
            "indicator": names.indicator(change.indicator_id, lang),
            "part": names.part(change.part_id, lang) if change.part_id else "",
            "kind": t(f"catalogue.preview.kind_{change.kind}", lang),
            "reason": change.reason or "",
        }
        if change.kind == "changed":
            for item in change.fields:
                records.append(
                    {
                        **base,
                        "field": item.field,
                        "old": value_text(item.old, lang),
                        "new": value_text(item.new, lang),
                    }
                )
        elif change.kind == "new":
            records.append(
                {**base, "field": "", "old": "", "new": _summary(change, lang, old=False)}
            )
        else:  # removed
            records.append(
                {**base, "field": "", "old": _summary(change, lang, old=True), "new": "–"}
            )
    columns = ("what", "indicator", "part", "kind", "field", "old", "new", "reason")
    return pd.DataFrame(
        {t(f"catalogue.preview.{c}", lang): [r[c] for r in records] for c in columns}
    )


def unchanged_table(changes: Iterable[CatalogueChange], lang: str) -> pd.DataFrame:
    """The items a change set leaves as they are: what, indicator, part."""
    same = [c for c in changes if c.kind == "unchanged"]
    return pd.DataFrame(
        {
            t("catalogue.preview.what", lang): [
                t(f"catalogue.preview.what_{c.what}", lang) for c in same
            ],
            t("catalogue.preview.indicator", lang): [c.indicator_id for c in same],
            t("catalogue.preview.part", lang): [c.part_id or "" for c in same],
        }
    )


def counts_text(result: CatalogueResult, lang: str) -> str:
    """What an accepted attempt writes, in words: only the kinds that occur."""
    counts: Mapping[str, Mapping[str, int]] = result.counts
    phrases = [
        t(f"catalogue.counts.{what}_{kind}", lang, n=n)
        for what in ("indicator", "target")
        for kind, n in counts[what].items()
        if n and kind != "unchanged"
    ]
    return ", ".join(phrases) if phrases else t("catalogue.counts.nothing", lang)


# The log's numbers are language-neutral text; shown with the language's decimal mark.
_NUMBER_FIELDS = frozenset({"valid_min", "valid_max", "baseline_value", "target_value"})


def _logged(field: str, value: object, lang: str) -> str:
    if not present(value):
        return "–"
    if field in _NUMBER_FIELDS:
        try:
            return value_text(float(str(value)), lang)
        except ValueError:
            return str(value)
    return str(value)


def log_table(log: pd.DataFrame, parts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The change log: when, who, which file, what (indicator or target, its part), the change,
    the field old -> new, and why."""
    names = dict(zip(parts["part_id"], parts[name_column(lang)], strict=True))
    rows = log.to_dict("records")

    def text(value: object) -> str:
        return str(value) if present(value) else ""

    return pd.DataFrame(
        {
            t("catalogue.log.when", lang): [
                r["recorded_at"].strftime("%Y-%m-%d %H:%M") for r in rows
            ],
            t("catalogue.log.user", lang): [text(r["user_name"]) for r in rows],
            t("catalogue.log.file", lang): [text(r["file_name"]) for r in rows],
            t("catalogue.log.what", lang): [
                t(f"catalogue.preview.what_{r['what']}", lang) for r in rows
            ],
            t("catalogue.log.indicator", lang): [r["indicator_id"] for r in rows],
            t("catalogue.log.part", lang): [
                names.get(r["part_id"], r["part_id"]) if present(r["part_id"]) else "" for r in rows
            ],
            t("catalogue.log.change", lang): [
                t(f"catalogue.preview.kind_{r['change']}", lang) for r in rows
            ],
            t("catalogue.log.field", lang): [text(r["field"]) for r in rows],
            t("catalogue.log.old_new", lang): [
                f"{_logged(r['field'], r['old'], lang)} → {_logged(r['field'], r['new'], lang)}"
                if present(r["field"])
                else ""
                for r in rows
            ],
            t("catalogue.log.reason", lang): [text(r["reason"]) for r in rows],
        }
    )
