"""The example catalogue workbook, made from the seed so that it never drifts from it.

``data/examples/voorbeeldcatalogus.xlsx`` is the illustrative catalogue of
``data/seed/indicators.csv`` written by the real writer (``data.catalogue_workbook``) in Dutch,
with an empty targets sheet: the targets are a ministry's own commitments, so the example
invents none (the demo generates its own). Regenerate it after changing the seed, the writer or
the help texts, and commit the result; a test compares the committed file with a fresh one::

    make example-workbook        # = python -m devtools.example_workbook

Imports data/ and ui/ (for the help texts); nothing imports this but the tests.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Final

import duckdb

from data.catalogue_workbook import EXAMPLE_WORKBOOK, catalogue_workbook
from data.schema import ensure_schema
from data.seed import load_seed_catalogue, load_structure
from ui.catalogue_labels import workbook_texts

__all__ = ["EXAMPLE_LANG", "EXAMPLE_RECORDED_AT", "example_workbook_bytes", "main"]

EXAMPLE_LANG: Final = "nl"
# The workbook's time stamps: the strategy's start, as the demo records its catalogue.
EXAMPLE_RECORDED_AT: Final = datetime(2023, 1, 1)


def example_workbook_bytes() -> bytes:
    """The example workbook as the writer makes it from the seed catalogue now."""
    con = duckdb.connect(":memory:")
    try:
        ensure_schema(con)
        load_structure(con)
        load_seed_catalogue(con, at=EXAMPLE_RECORDED_AT)
        return catalogue_workbook(con, lang=EXAMPLE_LANG, texts=workbook_texts(EXAMPLE_LANG))
    finally:
        con.close()


def main() -> int:
    EXAMPLE_WORKBOOK.parent.mkdir(parents=True, exist_ok=True)
    EXAMPLE_WORKBOOK.write_bytes(example_workbook_bytes())
    print(f"example workbook written to {EXAMPLE_WORKBOOK}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
