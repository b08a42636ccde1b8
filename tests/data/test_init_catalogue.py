"""``data.init.initialize(..., catalogue=)``: a new database from a workbook, or nothing at all;
and the demo, whose catalogue is the example workbook's import."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest

from data.access_rules import Actor
from data.catalogue_workbook import EXAMPLE_WORKBOOK
from data.demo import CATALOGUE_RECORDED_AT, DEMO_USER
from data.init import CatalogueRefusedError, initialize
from data.seed import seed_indicators
from data.store import data_version, open_reader
from tests.conftest import DEMO_CLOCK


def query(path: Path, sql: str) -> list[tuple]:
    con = open_reader(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def refused_workbook() -> bytes:
    """The example with an unknown direction on its first indicator (sheet row 2)."""
    book = openpyxl.load_workbook(EXAMPLE_WORKBOOK)
    book["indicatoren"]["I2"] = "sideways"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _leftovers(folder: Path) -> list[str]:
    """Database files in ``folder`` (the lock file is the writers' and may stay)."""
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


def test_initialize_from_the_example_workbook_gives_its_33_indicators(tmp_path):
    db = tmp_path / "monitor.duckdb"
    assert initialize(
        db, demo=False, clock=DEMO_CLOCK, catalogue=EXAMPLE_WORKBOOK, actor=Actor.local("ana")
    )
    ids = [row[0] for row in query(db, "SELECT indicator_id FROM indicators ORDER BY 1")]
    assert ids == sorted(seed_indicators()["indicator_id"])
    assert len(ids) == 33
    assert query(db, "SELECT count(*) FROM targets") == [(0,)]
    assert query(db, "SELECT user_name, file_name, outcome, kind, sha256 FROM imports") == [
        (
            "ana",
            "voorbeeldcatalogus.xlsx",
            "accepted",
            "catalogue",
            hashlib.sha256(EXAMPLE_WORKBOOK.read_bytes()).hexdigest(),
        )
    ]
    assert query(db, "SELECT DISTINCT recorded_at FROM indicator_versions") == [(DEMO_CLOCK,)]


def test_a_refused_workbook_leaves_no_database(tmp_path):
    db = tmp_path / "monitor.duckdb"
    with pytest.raises(CatalogueRefusedError) as refused:
        initialize(db, demo=False, clock=DEMO_CLOCK, catalogue=refused_workbook())
    assert [problem.column for problem in refused.value.result.problems] == ["direction"]
    assert not db.exists()
    assert _leftovers(tmp_path) == []


def test_a_refused_workbook_replaces_nothing(tmp_path):
    db = tmp_path / "monitor.duckdb"
    initialize(db, demo=False, clock=DEMO_CLOCK, catalogue=EXAMPLE_WORKBOOK)
    before = (data_version(db), db.read_bytes())
    with pytest.raises(CatalogueRefusedError):
        initialize(db, demo=False, clock=DEMO_CLOCK, catalogue=refused_workbook())
    assert (data_version(db), db.read_bytes()) == before


def test_demo_and_a_catalogue_do_not_go_together(tmp_path):
    with pytest.raises(ValueError, match="not both"):
        initialize(tmp_path / "m.duckdb", demo=True, clock=DEMO_CLOCK, catalogue=EXAMPLE_WORKBOOK)


def test_the_demos_catalogue_is_the_example_workbook_imported(demo_db):
    imports = query(
        demo_db,
        "SELECT user_name, file_name, outcome, kind, sha256, finished_at FROM imports"
        " WHERE kind = 'catalogue' ORDER BY import_id",
    )
    assert imports[0] == (
        DEMO_USER,
        "voorbeeldcatalogus.xlsx",
        "accepted",
        "catalogue",
        hashlib.sha256(EXAMPLE_WORKBOOK.read_bytes()).hexdigest(),
        CATALOGUE_RECORDED_AT,
    )
    assert imports[1][:4] == (DEMO_USER, "demo_doelen", "seed", "catalogue")
    versions = query(
        demo_db,
        "SELECT count(*), min(import_id), max(import_id) FROM indicator_versions",
    )
    assert versions == [(33, 1, 1)]
