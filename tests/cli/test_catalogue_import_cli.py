"""``python cli.py catalogue import``: exit codes 0 / 1 / 2, the preview on stdout and every
problem on stderr by sheet, row and column, in Dutch and English."""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from data import store
from tests.catalogue_files import (
    NEW_INDICATOR,
    NEW_TARGET,
    STORED_TARGETS,
    build_catalogue_db,
    catalogue_imports,
    version_counts,
    workbook_bytes,
)

ROOT = Path(__file__).resolve().parents[2]
CW_0201 = STORED_TARGETS[2]


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_catalogue_db(tmp_path_factory.mktemp("cli") / "template.duckdb")


@pytest.fixture
def db(_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = Path(shutil.copyfile(_template, tmp_path / "monitor.duckdb"))
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


def _file(tmp_path: Path, data: bytes, name: str = "catalogus.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


GOOD = workbook_bytes(
    [NEW_INDICATOR], [NEW_TARGET, dict(CW_0201, target_value="70", reason="nieuw")]
)
BAD = workbook_bytes(
    [dict(NEW_INDICATOR, direction="sideways")],
    [dict(NEW_TARGET, target_value="abc")],
)
EXPECTED_PROBLEMS = {
    "nl": [
        'Blad indicatoren, rij 2, kolom direction (I): "sideways" is hier niet toegestaan; '
        "gebruik een van: up, down.",
        'Blad doelen, rij 2, kolom target_value (F): "abc" is geen getal',
    ],
    "en": [
        'Sheet indicators, row 2, column direction (I): "sideways" is not allowed here; '
        "use one of: up, down.",
        'Sheet targets, row 2, column target_value (F): "abc" is not a number',
    ],
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_accepted_workbook_exits_0_and_lists_what_changed(db, tmp_path, capsys, lang):
    path = _file(tmp_path, GOOD)
    assert cli.main(["catalogue", "import", str(path), "--lang", lang]) == cli.EXIT_OK
    out = capsys.readouterr()
    expected = {
        "nl": [
            "catalogus.xlsx: geaccepteerd (import 101): indicatoren: 1 nieuw, 0 gewijzigd, "
            "0 ongewijzigd; doelen: 1 nieuw, 1 gewijzigd, 0 verwijderd, 0 ongewijzigd.",
            "  nieuw: indicator IND-9901",
            "  nieuw: doel IND-9901 AW",
            "  gewijzigd: doel IND-0201 CW (reden: nieuw)",
            "    target_value: 65 -> 70",
        ],
        "en": [
            "catalogus.xlsx: accepted (import 101): indicators: 1 new, 0 changed, 0 unchanged; "
            "targets: 1 new, 1 changed, 0 removed, 0 unchanged.",
            "  new indicator IND-9901",
            "  new target IND-9901 AW",
            "  changed target IND-0201 CW (reason: nieuw)",
            "    target_value: 65 -> 70",
        ],
    }[lang]
    assert out.out.splitlines() == expected
    assert out.err == ""
    assert catalogue_imports(db)[-1][2] == "accepted"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_refused_workbook_exits_1_with_every_problem_on_stderr(db, tmp_path, capsys, lang):
    before = version_counts(db)
    path = _file(tmp_path, BAD)
    assert cli.main(["catalogue", "import", str(path), "--lang", lang]) == cli.EXIT_REJECTED
    err = capsys.readouterr().err.splitlines()
    summary = {"nl": "afgekeurd, niets ingelezen", "en": "rejected, nothing imported"}[lang]
    assert summary in err[0] and err[0].endswith("2")
    assert len(err) == 3
    for line, expected in zip(err[1:], EXPECTED_PROBLEMS[lang], strict=True):
        assert line.startswith(expected)
    assert version_counts(db) == before
    assert catalogue_imports(db)[-1][2] == "rejected"


def test_a_dry_run_exits_0_or_1_and_writes_nothing(db, tmp_path, capsys):
    before, log = version_counts(db), catalogue_imports(db)
    good, bad = _file(tmp_path, GOOD), _file(tmp_path, BAD, "fout.xlsx")
    assert cli.main(["catalogue", "import", str(good), "--dry-run", "--lang", "en"]) == 0
    assert "dry run, nothing written: would be accepted" in capsys.readouterr().out
    assert cli.main(["catalogue", "import", str(bad), "--dry-run"]) == cli.EXIT_REJECTED
    assert "proefrun, zou worden afgekeurd" in capsys.readouterr().err
    assert version_counts(db) == before and catalogue_imports(db) == log


def test_a_warning_goes_to_stderr_and_the_import_still_passes(db, tmp_path, capsys):
    header = [*NEW_INDICATOR, "notitie"]
    data = workbook_bytes([[*NEW_INDICATOR.values(), "x"]], indicator_header=header)
    assert cli.main(["catalogue", "import", str(_file(tmp_path, data))]) == cli.EXIT_OK
    assert capsys.readouterr().err.startswith(
        "waarschuwing: Blad indicatoren, rij 1, kolom notitie (V): deze kolom hoort niet bij"
    )


def test_an_unreadable_file_or_missing_database_exits_2(db, tmp_path, capsys, monkeypatch):
    assert cli.main(["catalogue", "import", str(tmp_path / "nowhere.xlsx")]) == cli.EXIT_USAGE
    assert "kan " in capsys.readouterr().err
    monkeypatch.setenv("MONITOR_DB", str(tmp_path / "none.duckdb"))
    path = _file(tmp_path, GOOD)
    assert cli.main(["catalogue", "import", str(path), "--lang", "en"]) == cli.EXIT_USAGE
    assert "no database at" in capsys.readouterr().err


def test_bad_arguments_exit_2(db):
    assert cli.main(["catalogue"]) == cli.EXIT_USAGE
    assert cli.main(["catalogue", "import"]) == cli.EXIT_USAGE
    assert cli.main(["catalogue", "import", "x.xlsx", "--lang", "fr"]) == cli.EXIT_USAGE


def test_a_busy_database_exits_2_and_writes_nothing(db, tmp_path, capsys, monkeypatch):
    original = store.writer

    def impatient(path, **kwargs):  # the same writer, giving up after 0.2 s instead of 120 s
        return original(path, timeout_s=0.2, **kwargs)

    monkeypatch.setattr("data.catalogue_intake.writer", impatient)
    before = version_counts(db)
    with open(db.with_name(db.name + ".lock"), "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another writer holds the lock
        code = cli.main(["catalogue", "import", str(_file(tmp_path, GOOD)), "--lang", "en"])
    assert code == cli.EXIT_BUSY
    assert "busy" in capsys.readouterr().err
    assert version_counts(db) == before


def test_the_command_runs_as_a_script(db, tmp_path):
    path = _file(tmp_path, GOOD)
    done = subprocess.run(
        [sys.executable, "cli.py", "catalogue", "import", str(path), "--dry-run", "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("catalogus.xlsx: dry run, nothing written")
