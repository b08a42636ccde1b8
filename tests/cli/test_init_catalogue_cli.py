"""``python cli.py init --catalogue FILE``: a new database from a workbook, or nothing at all."""

from __future__ import annotations

import zipfile

import pytest

import cli
from data.catalogue_workbook import EXAMPLE_WORKBOOK
from data.init import CatalogueRefusedError, initialize
from tests.conftest import DEMO_CLOCK
from tests.data.test_init_catalogue import query, refused_workbook
from ui.catalogue_text import problem_text
from ui.i18n import t


def test_cli_init_catalogue_creates_the_database_and_says_so(tmp_path, monkeypatch, capsys):
    db = tmp_path / "monitor.duckdb"
    monkeypatch.setenv("MONITOR_DB", str(db))
    assert cli.main(["init", "--catalogue", str(EXAMPLE_WORKBOOK)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert (
        out.strip() == f"database created (structure and catalogue voorbeeldcatalogus.xlsx): {db}"
    )
    assert query(db, "SELECT count(*) FROM indicators") == [(33,)]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cli_init_with_a_refused_workbook_prints_its_problems_and_makes_nothing(
    tmp_path, monkeypatch, capsys, lang
):
    db = tmp_path / "data" / "monitor.duckdb"
    workbook = tmp_path / "catalogus.xlsx"
    workbook.write_bytes(refused_workbook())
    monkeypatch.setenv("MONITOR_DB", str(db))
    code = cli.main(["init", "--catalogue", str(workbook), "--lang", lang])
    assert code == cli.EXIT_REJECTED
    err = capsys.readouterr().err.splitlines()
    assert err[0] == t("catalogue_workbook.init.rejected", lang, file="catalogus.xlsx")
    with pytest.raises(CatalogueRefusedError) as refused:
        initialize(tmp_path / "other.duckdb", demo=False, clock=DEMO_CLOCK, catalogue=workbook)
    assert err[1:] == [problem_text(p, lang) for p in refused.value.result.problems]
    assert "sideways" in err[1]
    assert not db.exists()


def test_cli_init_with_an_unreadable_workbook_is_a_usage_error(tmp_path, monkeypatch, capsys):
    db = tmp_path / "monitor.duckdb"
    monkeypatch.setenv("MONITOR_DB", str(db))
    code = cli.main(["init", "--catalogue", str(tmp_path / "absent.xlsx"), "--lang", "en"])
    assert code == cli.EXIT_USAGE
    assert "absent.xlsx" in capsys.readouterr().err
    assert not db.exists()


def test_cli_init_does_not_take_demo_and_catalogue_together(tmp_path, monkeypatch):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "monitor.duckdb"))
    code = cli.main(["init", "--demo", "--catalogue", str(EXAMPLE_WORKBOOK)])
    assert code == cli.EXIT_USAGE
    assert not (tmp_path / "monitor.duckdb").exists()


def test_cli_init_catalogue_accepts_the_csv_zip_form(tmp_path, monkeypatch):
    """The example as the CSV .zip (written from the example database) starts a database too."""
    source = tmp_path / "source.duckdb"
    initialize(source, demo=False, clock=DEMO_CLOCK, catalogue=EXAMPLE_WORKBOOK)
    archive = tmp_path / "catalogue-csv.zip"
    monkeypatch.setenv("MONITOR_DB", str(source))
    assert cli.main(["catalogue", "export", "--format=csv", f"--out={archive}"]) == 0
    with zipfile.ZipFile(archive) as members:
        assert sorted(members.namelist()) == ["doelen.csv", "indicatoren.csv"]
    db = tmp_path / "monitor.duckdb"
    monkeypatch.setenv("MONITOR_DB", str(db))
    assert cli.main(["init", "--catalogue", str(archive)]) == cli.EXIT_OK
    versions = (
        "SELECT * EXCLUDE (version_id, recorded_at, import_id) FROM indicator_versions ORDER BY 1"
    )
    assert query(db, versions) == query(source, versions)
