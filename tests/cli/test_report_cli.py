"""``python cli.py report``: write_report's bytes under the report's name, written atomically;
exit 2 with the message in the user's language for what cannot be made."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

import cli
from data.store import open_reader
from report import images
from report.document import ReportError, ReportFile, ReportRequest, write_report
from ui.i18n import t

ROOT = Path(__file__).resolve().parents[2]
QUARTER = "2026Q3"


@pytest.fixture
def report_db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared demo database behind MONITOR_DB, and no Chromium: charts become tables, so a
    report takes a moment (the charts' own tests are the report's; one slow test draws them)."""
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    monkeypatch.setattr(images, "find_chromium", lambda: None)
    return demo_db


def _made(path: Path, request: ReportRequest, *, browser: Path | None = None) -> ReportFile:
    with contextlib.closing(open_reader(path)) as con:
        return write_report(con, request, browser=browser)


def _refused(path: Path, request: ReportRequest) -> ReportError:
    with pytest.raises(ReportError) as refused:
        _made(path, request)
    return refused.value


def test_out_file_gets_write_reports_bytes_and_the_cli_says_so(report_db, tmp_path, capsys):
    out = tmp_path / "verslag.docx"
    assert cli.main(["report", f"--quarter={QUARTER}", f"--out={out}"]) == cli.EXIT_OK
    expected = _made(report_db, ReportRequest(QUARTER, "KINGDOM", "nl", None, "docx"))
    assert out.read_bytes() == expected.data
    captured = capsys.readouterr()
    assert captured.out.strip() == t("report_cli.written", "nl", file=out)
    assert captured.err == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["verslag.docx"]  # nothing half-written


def test_out_folder_takes_the_reports_own_name(report_db, tmp_path, capsys):
    code = cli.main(
        [
            "report",
            f"--quarter={QUARTER}",
            "--part=CAR_C",
            "--lang=en",
            "--format=html",
            f"--out={tmp_path}",
        ]
    )
    assert code == cli.EXIT_OK
    expected = _made(report_db, ReportRequest(QUARTER, "CAR_C", "en", None, "html"))
    assert expected.file_name.endswith(".html")
    assert [p.name for p in tmp_path.iterdir()] == [expected.file_name]
    assert (tmp_path / expected.file_name).read_bytes() == expected.data
    assert capsys.readouterr().out.strip() == t(
        "report_cli.written", "en", file=tmp_path / expected.file_name
    )


def test_without_out_the_report_goes_to_standard_output(report_db, capsysbinary):
    assert cli.main(["report", "--quarter", QUARTER, "--format", "html"]) == cli.EXIT_OK
    captured = capsysbinary.readouterr()
    assert captured.err == b""
    assert captured.out == _made(report_db, ReportRequest(QUARTER, format="html")).data


def test_vintage_is_read_as_utc(report_db, tmp_path):
    out = tmp_path / "r.docx"
    code = cli.main(
        ["report", f"--quarter={QUARTER}", "--vintage=2026-11-28T10:00:00+01:00", f"--out={out}"]
    )
    assert code == cli.EXIT_OK
    expected = _made(report_db, ReportRequest(QUARTER, vintage=datetime(2026, 11, 28, 9, 0)))
    assert out.read_bytes() == expected.data


def test_a_failed_write_leaves_the_target_as_it_was(report_db, tmp_path, monkeypatch, capsys):
    out = tmp_path / "verslag.docx"
    out.write_bytes(b"the earlier report")

    def full_disk(source: str, target: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cli.os, "replace", full_disk)
    assert cli.main(["report", f"--quarter={QUARTER}", f"--out={out}"]) == cli.EXIT_USAGE
    assert out.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["verslag.docx"]  # the temporary file is gone
    reason = os.strerror(errno.ENOSPC)
    assert capsys.readouterr().err.strip() == t(
        "report_cli.unwritable", "nl", file=out, reason=reason
    )


@pytest.mark.parametrize(
    ("arguments", "request_"),
    [
        (["--quarter=2031Q1"], ReportRequest("2031Q1")),
        (["--quarter=2026Q5"], ReportRequest("2026Q5")),
        ([f"--quarter={QUARTER}", "--part=ATLANTIS"], ReportRequest(QUARTER, "ATLANTIS")),
    ],
    ids=["quarter_without_data", "no_quarter", "unknown_part"],
)
def test_what_cannot_be_reported_exits_2_with_the_dutch_message(
    report_db, tmp_path, capsysbinary, arguments, request_
):
    out = tmp_path / "verslag.docx"
    error = _refused(report_db, request_)
    assert cli.main(["report", *arguments, f"--out={out}"]) == cli.EXIT_USAGE
    captured = capsysbinary.readouterr()
    message = t(f"report.error.{error.code}", "nl", **error.params)
    assert captured.err.decode().strip() == message
    assert captured.out == b""
    assert not out.exists()


def test_an_unknown_part_in_english(report_db, capsys):
    error = _refused(report_db, ReportRequest(QUARTER, "ATLANTIS", "en"))
    assert cli.main(["report", f"--quarter={QUARTER}", "--part=ATLANTIS", "--lang=en"]) == 2
    assert capsys.readouterr().err.strip() == t(f"report.error.{error.code}", "en", **error.params)


def test_pdf_without_chromium_exits_2_naming_the_package(report_db, tmp_path, capsys):
    out = tmp_path / "verslag.pdf"
    code = cli.main(["report", f"--quarter={QUARTER}", "--format=pdf", f"--out={out}"])
    assert code == cli.EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert err == t("report.error.no_chromium", "nl")
    assert "apt-get install chromium" in err
    assert not out.exists()


def test_a_bad_vintage_exits_2_in_the_users_language(report_db, capsys):
    assert cli.main(["report", f"--quarter={QUARTER}", "--vintage=gisteren"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.strip() == t("report_cli.bad_vintage", "nl", vintage="gisteren")
    assert cli.main(["report", f"--quarter={QUARTER}", "--vintage=x", "--lang=en"]) == 2
    assert capsys.readouterr().err.strip() == t("report_cli.bad_vintage", "en", vintage="x")


def test_no_database_exits_2(tmp_path, monkeypatch, capsys):
    absent = tmp_path / "absent.duckdb"
    monkeypatch.setenv("MONITOR_DB", str(absent))
    assert cli.main(["report", f"--quarter={QUARTER}"]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.strip() == t("intake.cli.no_database", "nl", path=absent)
    assert not absent.exists()


def test_bad_arguments_exit_2(report_db):
    assert cli.main(["report"]) == cli.EXIT_USAGE  # --quarter is required
    assert cli.main(["report", f"--quarter={QUARTER}", "--format=odt"]) == cli.EXIT_USAGE
    assert cli.main(["report", f"--quarter={QUARTER}", "--lang=de"]) == cli.EXIT_USAGE


@pytest.mark.slow
def test_a_separate_process_with_chromium_writes_the_same_bytes(demo_db, tmp_path):
    """With the charts drawn: the CLI in its own process and write_report here agree, byte for
    byte (the report is reproducible, charts included)."""
    browser = images.find_chromium()
    if browser is None:
        pytest.skip("no Chromium: install Debian's chromium package to draw the charts")
    result = subprocess.run(
        [
            sys.executable,
            "cli.py",
            "report",
            f"--quarter={QUARTER}",
            "--part=CAR_NL",
            f"--out={tmp_path}",
        ],
        cwd=ROOT,
        env=os.environ | {"MONITOR_DB": str(demo_db)},
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == cli.EXIT_OK, result.stderr.decode()
    expected = _made(demo_db, ReportRequest(QUARTER, "CAR_NL"), browser=browser)
    assert (tmp_path / expected.file_name).read_bytes() == expected.data
