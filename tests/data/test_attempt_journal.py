"""The attempt journal: a rejected attempt is put on record without republishing the database,
shows at once in the import log and the audit trail, and the next writer folds it into
``imports`` exactly once, whatever crashes or concurrent processes do in between."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from data import sql
from data.access_rules import COORDINATOR, OIDC, Actor
from data.attempt_journal import (
    Attempt,
    append_attempt,
    journal_path,
    pending_attempts,
    read_attempts,
)
from data.audit import audit_trail
from data.catalogue_intake import import_catalogue_file
from data.import_log import import_log
from data.init import initialize
from data.intake import import_file, log_rejected, preview_file
from data.store import data_version, open_reader, writer
from tests.catalogue_files import catalogue_imports
from tests.intake_files import CLOCK, GOOD_ROWS, csv_bytes, structure_copy

PROJECT = Path(__file__).resolve().parents[2]
BAD = csv_bytes([("IND-9999", "NL", "2025Q3", "1", "", "")])
COORDINATOR_NL = Actor(
    "coord.nl@example.org",
    OIDC,
    subject="sub-coord-nl",
    roles=frozenset({COORDINATOR}),
    parts=frozenset({"NL"}),
)


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    return structure_copy(tmp_path_factory, tmp_path)


def _reject(db: Path, name: str = "bad.csv", *, actor: Actor = COORDINATOR_NL, at=CLOCK):
    result = import_file(BAD, file_name=name, db_path=db, actor=actor, clock=at)
    assert result.outcome == "rejected" and not result.dry_run
    return result


def _rows(db: Path, query: str) -> list[tuple]:
    with open_reader(db) as con:
        return sql.rows(con, query)


def _log(db: Path) -> list[tuple]:
    """(import_id or None, file_name, outcome) of the quarter files in the log as the Data page
    shows it (the structure's own catalogue import left out)."""
    with open_reader(db) as con:
        log = import_log(con, journal_of=db, limit=1000)
    log = log[log["kind"] == "observations"]
    return [
        (None if pd.isna(i) else int(i), f, o)  # missing: not folded yet
        for i, f, o in zip(log["import_id"], log["file_name"], log["outcome"], strict=True)
    ]


def _attempt_ids(db: Path) -> list[str]:
    """The journal ids of the folded rows, in id order (each once, if nothing is duplicated)."""
    return [
        json.loads(message)["attempt"]
        for (message,) in _rows(
            db,
            "SELECT message FROM imports WHERE outcome = 'rejected' AND message LIKE '%attempt%'"
            " ORDER BY import_id",
        )
    ]


# --- a rejection does not republish ------------------------------------------------------------


def test_a_rejected_import_leaves_the_published_database_untouched(db):
    before = os.stat(db)
    version = data_version(db)
    _reject(db)
    after = os.stat(db)
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (
        before.st_ino,
        before.st_mtime_ns,
        before.st_size,
    )
    assert data_version(db) == version
    assert len(read_attempts(db)) == 1
    assert _rows(db, "SELECT count(*) FROM imports WHERE outcome = 'rejected'") == [(0,)]


def test_a_rejected_preview_and_a_rejected_catalogue_file_do_not_republish_either(db):
    version = data_version(db)
    previewed = preview_file(
        BAD, file_name="preview.csv", db_path=db, actor=COORDINATOR_NL, clock=CLOCK
    )
    refused = import_catalogue_file(
        b"not a workbook",
        file_name="catalogus.xlsx",
        db_path=db,
        actor=Actor.local("editor"),
        clock=CLOCK,
    )
    assert (previewed.outcome, refused.outcome) == ("rejected", "rejected")
    assert (previewed.import_id, refused.import_id) == (None, None)
    assert not previewed.dry_run and not refused.dry_run
    assert data_version(db) == version
    assert [(a.kind, a.file_name) for a in read_attempts(db)] == [
        ("observations", "preview.csv"),
        ("catalogue", "catalogus.xlsx"),
    ]
    assert catalogue_imports(db)[-1][:3] == (None, "catalogue", "rejected")


def test_log_rejected_keeps_its_access_check_and_writes_nothing_when_refused(db):
    from data.access_rules import AccessDeniedError

    result = preview_file(BAD, file_name="x.csv", db_path=db, actor=COORDINATOR_NL, clock=CLOCK)
    viewer = Actor("viewer@example.org", OIDC, subject="sub-v", roles=frozenset({"viewer"}))
    with pytest.raises(AccessDeniedError):
        log_rejected(result, db_path=db, actor=viewer, clock=CLOCK)
    assert len(read_attempts(db)) == 1


# --- shown at once ----------------------------------------------------------------------------


def test_a_rejection_shows_at_once_in_the_import_log_and_the_audit_trail(db):
    accepted = import_file(
        csv_bytes(GOOD_ROWS), file_name="good.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    result = _reject(db, at=CLOCK + timedelta(minutes=5))
    with open_reader(db) as con:
        log = import_log(con, journal_of=db)
        trail = audit_trail(con, journal_of=db, what="observations").frame
        assert len(import_log(con)) == len(log) - 1  # the published version alone: not in it
    top = log.iloc[0]
    assert top[["user_name", "file_name", "sha256", "outcome", "kind"]].tolist() == [
        COORDINATOR_NL.name,
        "bad.csv",
        result.sha256,
        "rejected",
        "observations",
    ]
    assert (top["rows_accepted"], top["rows_rejected"], top["problems"]) == (0, 1, 1)
    assert pd.isna(top["import_id"])  # no id until it is folded
    assert log.iloc[1]["import_id"] == accepted.import_id
    row = trail.iloc[0]
    assert row[["who", "mode", "subject", "outcome", "file_name"]].tolist() == [
        COORDINATOR_NL.name,
        OIDC,
        "sub-coord-nl",
        "rejected",
        "bad.csv",
    ]
    assert audit_trail(open_reader(db), journal_of=db, outcome="rejected").frame.shape[0] == 1


# --- folding ----------------------------------------------------------------------------------


def test_the_next_import_folds_the_rejections_after_its_own_row_exactly_once(db):
    first = _reject(db, "first.csv", at=CLOCK)
    _reject(db, "second.csv", at=CLOCK)  # the same moment: the journal's order decides
    shown_before = _log(db)
    assert shown_before == [(None, "second.csv", "rejected"), (None, "first.csv", "rejected")]
    accepted = import_file(
        csv_bytes(GOOD_ROWS), file_name="good.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    n = accepted.import_id
    assert _log(db) == [
        (n + 2, "second.csv", "rejected"),
        (n + 1, "first.csv", "rejected"),
        (n, "good.csv", "accepted"),
    ]
    # The rows hold what the journal held, identity included.
    assert _rows(
        db,
        "SELECT i.user_name, i.file_name, i.sha256, i.rows_rejected, d.mode, d.subject"
        " FROM imports i JOIN import_identities d USING (import_id) WHERE i.import_id = "
        f"{n + 1}",
    ) == [(COORDINATOR_NL.name, "first.csv", first.sha256, 1, OIDC, "sub-coord-nl")]
    trail = audit_trail(open_reader(db), journal_of=db, what="observations").frame
    assert trail["import_id"].tolist()[:3] == [n + 2, n + 1, n]
    # Published but still in the journal until the next writer: shown once all the same.
    assert len(read_attempts(db)) == 2
    assert pending_attempts(open_reader(db), db) == ()
    with writer(db):
        pass
    assert not journal_path(db).exists()
    assert len(_attempt_ids(db)) == len(set(_attempt_ids(db))) == 2
    assert [row for row in _log(db) if row[2] == "rejected"] == [
        (n + 2, "second.csv", "rejected"),
        (n + 1, "first.csv", "rejected"),
    ]


def test_pending_and_folded_attempts_keep_their_order_among_everything_else(db):
    """Whatever writer folds them, attempts keep their place relative to every row that was
    there before: ordered by moment, then as appended."""
    _reject(db, "early.csv", at=CLOCK - timedelta(hours=1))
    _reject(db, "late.csv", at=CLOCK + timedelta(hours=1))
    import_file(
        csv_bytes(GOOD_ROWS), file_name="good.csv", db_path=db, actor=Actor.local("t"), clock=CLOCK
    )
    _reject(db, "pending.csv", at=CLOCK)
    before = [(f, o) for _, f, o in _log(db)]
    with writer(db):
        pass
    assert [(f, o) for _, f, o in _log(db)] == before
    assert before[:4] == [
        ("late.csv", "rejected"),
        ("pending.csv", "rejected"),
        ("good.csv", "accepted"),
        ("early.csv", "rejected"),
    ]


def test_a_new_database_starts_without_the_old_ones_pending_attempts(db):
    _reject(db)
    initialize(db, demo=False, clock=CLOCK)
    assert not journal_path(db).exists()
    assert _rows(db, "SELECT count(*) FROM imports WHERE outcome = 'rejected'") == [(0,)]


def test_a_writer_that_fails_folds_nothing_and_the_attempt_stays_pending(db):
    _reject(db)
    with pytest.raises(RuntimeError), writer(db):
        raise RuntimeError("the change failed")
    assert [o for _, _, o in _log(db)] == ["rejected"]
    assert len(pending_attempts(open_reader(db), db)) == 1


# --- what a crash or a bad line leaves --------------------------------------------------------


def test_a_torn_last_line_is_ignored_and_cleaned_by_the_next_append_and_fold(db):
    _reject(db, "whole.csv")
    path = journal_path(db)
    whole = path.read_bytes()
    path.write_bytes(whole + whole[: len(whole) // 2])  # a crash in the middle of a write
    assert [a.file_name for a in read_attempts(db)] == ["whole.csv"]
    assert [f for _, f, _ in _log(db)] == ["whole.csv"]
    _reject(db, "after.csv")
    lines = path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and all(Attempt.from_line(line) for line in lines[:-1])
    assert [a.file_name for a in read_attempts(db)] == ["whole.csv", "after.csv"]
    path.write_bytes(path.read_bytes() + b'{"attempt": "torn')
    with writer(db):
        pass
    assert sorted(f for _, f, _ in _log(db)) == ["after.csv", "whole.csv"]
    assert b"torn" not in path.read_bytes()


@pytest.mark.parametrize(
    "line",
    [
        b"not json",
        b"[1, 2]",
        b'{"attempt": "x"}',
        b"\xff\xfe",
    ],
)
def test_a_line_that_is_no_attempt_is_ignored_and_never_blocks_a_writer(db, line):
    _reject(db, "real.csv")
    path = journal_path(db)
    path.write_bytes(line + b"\n" + path.read_bytes())
    assert [a.file_name for a in read_attempts(db)] == ["real.csv"]
    with writer(db):
        pass
    assert [(f, o) for _, f, o in _log(db)] == [("real.csv", "rejected")]
    assert line not in path.read_bytes()


def test_an_entry_that_would_break_a_constraint_is_not_read(db):
    _reject(db, "real.csv")
    path = journal_path(db)
    entry = json.loads(path.read_bytes())
    bad = [
        entry | {"sha256": "XYZ"},
        entry | {"mode": "oidc", "subject": None},
        entry | {"user_name": ""},
        entry | {"finished_at": "2000-01-01T00:00:00"},
        entry | {"rows_rejected": -1},
        entry | {"outcome": "accepted"},
        entry | {"started_at": "2026-11-28T10:00:00+01:00"},
    ]
    path.write_bytes(b"".join(json.dumps(e).encode() + b"\n" for e in bad) + path.read_bytes())
    assert [a.file_name for a in read_attempts(db)] == ["real.csv"]


def _attempt(clock: datetime = CLOCK) -> Attempt:
    return Attempt.rejected(
        kind="observations",
        file_name="x.csv",
        sha256="ab" * 32,
        rows_rejected=0,
        message="{}",
        actor=Actor.local("t"),
        clock=clock,
    )


def test_an_attempt_cannot_be_appended_without_a_database(tmp_path):
    attempt = _attempt()
    with pytest.raises(FileNotFoundError):
        append_attempt(tmp_path / "none.duckdb", attempt)
    assert not journal_path(tmp_path / "none.duckdb").exists()


_KILL_AT_PUBLISH = """
import os, signal, sys
from pathlib import Path
import data.store
from data.store import writer

db, when = Path(sys.argv[1]), sys.argv[2]
real_replace = os.replace

def replace(src, dst, *args, **kwargs):
    if Path(dst) == db and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst, *args, **kwargs)
    if Path(dst) == db and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
with writer(db):
    pass
"""


def _killed_writer(db: Path, when: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILL_AT_PUBLISH), str(db), when],
        cwd=PROJECT,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


@pytest.mark.slow
@pytest.mark.parametrize("when", ["before", "after"])
def test_a_writer_killed_around_publishing_never_duplicates_an_attempt(db, when):
    """Killed after folding but before publishing: the attempts are still pending. Killed
    right after publishing, before anything else: they are rows and still in the journal. Either
    way each is shown once, and the next writer leaves each in ``imports`` once."""
    _reject(db, "one.csv")
    _reject(db, "two.csv")
    inode = os.stat(db).st_ino
    _killed_writer(db, when)
    assert (os.stat(db).st_ino == inode) == (when == "before")
    folded = _rows(db, "SELECT count(*) FROM imports WHERE outcome = 'rejected'")[0][0]
    assert folded == (0 if when == "before" else 2)
    assert len(read_attempts(db)) == 2
    assert sorted(f for _, f, _ in _log(db)) == ["one.csv", "two.csv"]
    for _ in range(2):  # the first folds what is pending; the journal empties once published
        with writer(db):
            pass
        assert len(_attempt_ids(db)) == len(set(_attempt_ids(db))) == 2
        assert sorted(f for _, f, _ in _log(db)) == ["one.csv", "two.csv"]
    assert not journal_path(db).exists()


_APPEND_MANY = """
import sys
from datetime import datetime
from pathlib import Path
from data.access_rules import Actor
from data.attempt_journal import Attempt, append_attempt

db, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
for number in range(count):
    append_attempt(db, Attempt.rejected(
        kind="observations", file_name=f"{who}-{number}.csv", sha256="ab" * 32,
        rows_rejected=number, message='{"problems": {"unknown_part": 1}}',
        actor=Actor.local(who), clock=datetime(2026, 11, 28, 10, 0, 0),
    ))
"""

_FOLD_MANY = """
import sys
from pathlib import Path
from data.store import writer

for _ in range(int(sys.argv[2])):
    with writer(Path(sys.argv[1])):
        pass
"""


@pytest.mark.slow
def test_concurrent_rejections_from_several_processes_all_land_once_while_writers_fold(db):
    appenders, count = 4, 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(_APPEND_MANY), str(db), f"p{n}", str(count)],
            cwd=PROJECT,
            stderr=subprocess.PIPE,
        )
        for n in range(appenders)
    ]
    processes.append(
        subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(_FOLD_MANY), str(db), "4"],
            cwd=PROJECT,
            stderr=subprocess.PIPE,
        )
    )
    for process in processes:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    expected = {f"p{n}-{i}.csv" for n in range(appenders) for i in range(count)}
    shown = [f for _, f, _ in _log(db)]
    assert sorted(shown) == sorted(expected)  # every one, each once
    with writer(db):
        pass
    with writer(db):
        pass
    assert not journal_path(db).exists()
    ids = _attempt_ids(db)
    assert len(ids) == len(set(ids)) == appenders * count
    assert sorted(f for _, f, _ in _log(db)) == sorted(expected)
    # Each process's attempts were folded in the order it logged them.
    for n in range(appenders):
        mine = [f for _, f, _ in reversed(_log(db)) if f.startswith(f"p{n}-")]
        assert mine == [f"p{n}-{i}.csv" for i in range(count)]


def test_a_clock_with_a_time_zone_is_logged_as_naive_utc():
    attempt = _attempt(datetime(2026, 11, 28, 12, 0, 0, tzinfo=timezone(timedelta(hours=1))))
    assert attempt.started_at == datetime(2026, 11, 28, 11, 0, 0)
    assert Attempt.from_line(attempt.line()) == attempt
