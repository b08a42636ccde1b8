"""Export, then import unchanged: nothing changes (issue 11), in both forms and languages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from data import sql
from data.access_rules import Actor
from data.catalogue_intake import check_catalogue_file, import_catalogue_file
from data.catalogue_store import insert_catalogue_import, insert_indicator_versions
from data.catalogue_workbook import catalogue_csv_zip, catalogue_file_name, catalogue_workbook
from data.seed import seed_indicators
from data.store import open_reader, writer
from tests.catalogue_files import CLOCK, build_catalogue_db
from ui.catalogue_labels import workbook_texts

FORMS = [("nl", "xlsx"), ("en", "xlsx"), ("nl", "csv"), ("en", "csv")]
TRICKY_AT = datetime(2021, 1, 1)
# Text a spreadsheet would run as a formula, or that an XML reader would change, in fields
# the rules accept any text in.
TRICKY = {
    "name_nl": '=HYPERLINK("http://example.org";"klik")',
    "definition_nl": "-5 graden\r\nof kouder",
    "name_en": '@SUM(A1:A2), with a "quote", and a comma',
    "unit_nl": "-",
    "unit_en": "=",
    "source": "regel 1\rregel 2",
    "reference": "-34% in 2023",
    # Apostrophes before a formula start: the CSV form must give these back exactly too.
    "owner": "'=geen formule",
    "definition_en": "''+ twee apostrofs",
}


def _export(path: Path, lang: str, fmt: str) -> bytes:
    con = open_reader(path)
    try:
        if fmt == "xlsx":
            return catalogue_workbook(con, lang=lang, texts=workbook_texts(lang))
        return catalogue_csv_zip(con, lang=lang)
    finally:
        con.close()


def _version_counts(path: Path) -> tuple[int, int]:
    con = open_reader(path)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM indicator_versions),"
            " (SELECT count(*) FROM target_versions)"
        ).fetchall()[0]
    finally:
        con.close()


@pytest.fixture
def catalogue_db(tmp_path: Path) -> Path:
    """The seed catalogue, targets with and without reasons, and one indicator whose texts look
    like formulas or hold line breaks."""
    path = build_catalogue_db(tmp_path / "monitor.duckdb")
    tricky = seed_indicators().iloc[[0]].assign(indicator_id="IND-9990", **TRICKY)
    with writer(path) as con, sql.transaction(con) as cur:
        import_id = insert_catalogue_import(
            cur,
            actor=Actor.local("test"),
            file_name="tricky",
            sha256="2" * 64,
            at=TRICKY_AT,
            rows=1,
        )
        insert_indicator_versions(cur, tricky, recorded_at=TRICKY_AT, import_id=import_id)
    return path


@pytest.mark.parametrize(("lang", "fmt"), FORMS)
def test_an_export_checked_unchanged_is_unchanged_everywhere(catalogue_db, lang, fmt):
    data = _export(catalogue_db, lang, fmt)
    result = check_catalogue_file(
        data, file_name=catalogue_file_name(lang, fmt), db_path=catalogue_db, clock=CLOCK
    )
    assert result.accepted, result.problems
    assert result.warnings == ()
    kinds = pd.Series([change.kind for change in result.changes]).value_counts().to_dict()
    assert kinds == {"unchanged": 33 + 1 + 3}  # indicators, the tricky one, stored targets
    changed = [change for change in result.changes if change.kind != "unchanged"]
    assert changed == []


@pytest.mark.parametrize(("lang", "fmt"), FORMS)
def test_importing_an_export_unchanged_writes_no_version(catalogue_db, lang, fmt):
    before = _version_counts(catalogue_db)
    exported = _export(catalogue_db, lang, fmt)
    result = import_catalogue_file(
        exported,
        file_name=catalogue_file_name(lang, fmt),
        db_path=catalogue_db,
        actor=Actor.local("test"),
        clock=CLOCK,
    )
    assert result.accepted, result.problems
    assert result.to_write == ()
    assert _version_counts(catalogue_db) == before
    # The import is logged, yet the next export is the same file: not even a time stamp moved.
    assert _export(catalogue_db, lang, fmt) == exported
