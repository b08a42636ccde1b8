"""``python cli.py catalogue export``: the writer's bytes, file names, atomic writes, exit codes."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

import cli
from data.access_rules import Actor
from data.catalogue_store import insert_catalogue_import, insert_target_versions
from data.catalogue_workbook import catalogue_csv_zip, catalogue_workbook
from data.sql import transaction
from data.store import open_reader, writer
from tests.conftest import CATALOGUE_AT
from ui.catalogue_labels import workbook_texts

TARGET_AT = datetime(2024, 6, 1, 12, 0)


@pytest.fixture
def catalogue_db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed catalogue (at CATALOGUE_AT) and one target recorded at TARGET_AT."""
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    with writer(structure_db) as con, transaction(con) as cur:
        import_id = insert_catalogue_import(
            cur,
            actor=Actor.local("test"),
            file_name="doelen.xlsx",
            sha256="0" * 64,
            at=TARGET_AT,
            rows=1,
        )
        insert_target_versions(
            cur,
            pd.DataFrame(
                [
                    {
                        "indicator_id": "IND-0101",
                        "part_id": "KINGDOM",
                        "baseline_period": "2023Q4",
                        "baseline_value": 1.7,
                        "target_period": "2029Q4",
                        "target_value": 2.5,
                    }
                ]
            ),
            recorded_at=TARGET_AT,
            import_id=import_id,
        )
    return structure_db


def _workbook(path: Path, lang: str, vintage: datetime | None = None) -> bytes:
    con = open_reader(path)
    try:
        return catalogue_workbook(con, lang=lang, texts=workbook_texts(lang), vintage=vintage)
    finally:
        con.close()


def _csv_zip(path: Path, lang: str) -> bytes:
    con = open_reader(path)
    try:
        return catalogue_csv_zip(con, lang=lang)
    finally:
        con.close()


@pytest.mark.parametrize(("lang", "name"), [("nl", "catalogus.xlsx"), ("en", "catalogue.xlsx")])
def test_without_out_writes_the_languages_file_in_the_current_directory(
    catalogue_db, tmp_path, monkeypatch, capsys, lang, name
):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert cli.main(["catalogue", "export", f"--lang={lang}"]) == cli.EXIT_OK
    assert (work / name).read_bytes() == _workbook(catalogue_db, lang)
    assert capsys.readouterr().out.strip() == f"catalogue written to {name}"
    assert sorted(p.name for p in work.iterdir()) == [name]  # no temporary file left


def test_csv_format_writes_the_zip_under_its_name(catalogue_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["catalogue", "export", "--format", "csv"]) == cli.EXIT_OK
    assert (tmp_path / "catalogus-csv.zip").read_bytes() == _csv_zip(catalogue_db, "nl")
    assert cli.main(["catalogue", "export", "--format=csv", "--lang=en"]) == cli.EXIT_OK
    assert (tmp_path / "catalogue-csv.zip").read_bytes() == _csv_zip(catalogue_db, "en")


def test_out_and_vintage_write_the_earlier_catalogue(catalogue_db, tmp_path, capsys):
    out = tmp_path / "eerder.xlsx"
    vintage = "2022-01-01T00:00:00+01:00"
    code = cli.main(["catalogue", "export", f"--out={out}", f"--vintage={vintage}"])
    assert code == cli.EXIT_OK
    expected = _workbook(catalogue_db, "nl", vintage=datetime(2021, 12, 31, 23, 0))
    assert out.read_bytes() == expected
    assert out.read_bytes() != _workbook(catalogue_db, "nl")  # the later target is left out
    assert f"catalogue written to {out}" in capsys.readouterr().out


def test_the_file_follows_the_umask_not_mkstemps_private_mode(catalogue_db, tmp_path):
    out = tmp_path / "catalogus.xlsx"
    previous = os.umask(0o022)
    try:
        assert cli.main(["catalogue", "export", f"--out={out}"]) == cli.EXIT_OK
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == 0o644


def test_a_bad_vintage_is_a_usage_error_and_writes_nothing(catalogue_db, tmp_path, capsys):
    out = tmp_path / "catalogus.xlsx"
    code = cli.main(["catalogue", "export", f"--out={out}", "--vintage=gisteren"])
    assert code == cli.EXIT_USAGE
    assert "gisteren" in capsys.readouterr().err
    assert not out.exists()


def test_an_unknown_format_or_language_is_a_usage_error(catalogue_db, capsys):
    assert cli.main(["catalogue", "export", "--format=parquet"]) == cli.EXIT_USAGE
    assert cli.main(["catalogue", "export", "--lang=de"]) == cli.EXIT_USAGE
    assert cli.main(["catalogue"]) == cli.EXIT_USAGE


def test_no_database_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "absent.duckdb"))
    out = tmp_path / "catalogus.xlsx"
    assert cli.main(["catalogue", "export", f"--out={out}"]) == cli.EXIT_USAGE
    assert "catalogue export" in capsys.readouterr().err
    assert not out.exists()


def test_an_unwritable_target_is_a_usage_error(catalogue_db, tmp_path, capsys):
    out = tmp_path / "missing-folder" / "catalogus.xlsx"
    assert cli.main(["catalogue", "export", f"--out={out}"]) == cli.EXIT_USAGE
    assert "cannot write" in capsys.readouterr().err


def test_time_stamps_are_the_catalogues_at_the_vintage(catalogue_db, tmp_path):
    """The export's time stamps come from the catalogue (its newest version), not the clock."""
    out = tmp_path / "c.xlsx"
    assert cli.main(["catalogue", "export", f"--out={out}", "--vintage=2021-01-01"]) == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {CATALOGUE_AT.timetuple()[:6]}
