"""The catalogue workbook's help texts, translated here and handed down to data/ (which never
translates), without streamlit.

The Catalogue page and ``python cli.py catalogue export`` both take them from ``workbook_texts``,
so a workbook says the same whichever wrote it. The texts live in
``ui/locales/{nl,en}/catalogue_workbook.toml``; data/ is imported for typing only (the layers),
so the texts are built as the plain dict that ``data.catalogue_workbook.WorkbookTexts`` types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from metrics.constants import AGGREGATIONS, DIRECTIONS, FREQUENCIES, METHODS, TARGET_TYPES
from ui.i18n import catalog, t

if TYPE_CHECKING:
    from data.catalogue_workbook import WorkbookTexts

__all__ = ["workbook_texts"]

_PREFIX: Final = "catalogue_workbook"
# The help sheet's paragraphs, in the order they are shown.
_INTRO: Final = ("sheets", "absent", "new_indicator", "targets", "remove", "check")
# The enumerated columns and their codes (the same as data.catalogue_columns.ALLOWED_VALUES,
# which ui may not import at run time; the writer refuses texts that miss one).
_VALUES: Final = {
    "direction": DIRECTIONS,
    "target_type": TARGET_TYPES,
    "method": METHODS,
    "frequency": FREQUENCIES,
    "aggregation": AGGREGATIONS,
}


def _table(key: str, lang: str) -> dict[str, str]:
    """Every entry under ``catalogue_workbook.<key>.`` in ``lang``, by its last name part."""
    start = f"{_PREFIX}.{key}."
    return {
        key.removeprefix(start): value
        for key, value in catalog(lang).items()
        if key.startswith(start) and "." not in key.removeprefix(start)
    }


def workbook_texts(lang: str) -> WorkbookTexts:
    """Everything the workbook's help sheet and drop-downs say, in ``lang``."""

    def text(key: str) -> str:
        return t(f"{_PREFIX}.{key}", lang)

    return {
        "title": text("title"),
        "intro": tuple(text(f"intro.{name}") for name in _INTRO),
        "columns_heading": text("columns_heading"),
        "column_headers": tuple(
            text(f"column_headers.{name}") for name in ("sheet", "column", "meaning")
        ),
        "indicator_columns": _table("indicator_columns", lang),
        "target_columns": _table("target_columns", lang),
        "values_heading": text("values_heading"),
        "value_headers": tuple(
            text(f"value_headers.{name}") for name in ("column", "value", "meaning")
        ),
        "values": {
            column: {code: text(f"values.{column}.{code}") for code in codes}
            for column, codes in _VALUES.items()
        },
        "ids_heading": text("ids_heading"),
        "id_headers": tuple(text(f"id_headers.{name}") for name in ("column", "id", "name")),
        "invalid_title": text("invalid_title"),
        "invalid_message": text("invalid_message"),
    }
