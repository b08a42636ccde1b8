"""Fuzz: whatever a file holds, the import answers with a result and never half-writes.

Most examples are dry runs (cheap: nothing is published); a few rows files are really written, to
check that what passes lands exactly as previewed. The rejected-write path (a refused file is
logged, nothing else written) has deterministic tests in test_intake.py.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.access_rules import Actor
from data.intake import import_file
from data.store import data_version
from tests.conftest import scaled_examples
from tests.intake_files import (
    CLOCK,
    EN_HEADER,
    NL_HEADER,
    csv_bytes,
    current_values,
    observations,
    structure_file,
)

# Cells drawn mostly from the real catalogue, so that many files pass and many fail narrowly.
indicator_ids = st.sampled_from(
    ["IND-0301", "IND-0502", "IND-0103", "IND-0403", "ind-0301", "IND-9999", ""]
)
part_ids = st.sampled_from(["NL", "CW", "KINGDOM", "AW", "nl", "EUR_NL", "XX", ""])
periods = st.one_of(
    st.sampled_from(["2025Q3", "2025-Q3", "2025 q2", "2026Q4", "2027Q1", "2014Q4", "2025Q5", ""]),
    st.text(max_size=8),
)
values = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(min_value=-5, max_value=1200).map(lambda v: f"{v:.2f}".replace(".", ",")),
    st.sampled_from(["", "12,5", "1.234,5", "NaN", "-inf", "1e999", "abc", "45%"]),
    st.text(max_size=6),
)
flags = st.sampled_from(["", "voorlopig", "estimated", "BREUK", "leeg", "x"])
notes = st.one_of(st.just(""), st.text(max_size=30), st.just("n" * 1001))
rows = st.lists(st.tuples(indicator_ids, part_ids, periods, values, flags, notes), max_size=12)


@pytest.fixture(scope="module")
def fuzz_db() -> Iterator[Path]:
    # One database for all examples (hypothesis reruns the test body, not function fixtures);
    # every example checks its own before/after, so what earlier ones added does not matter.
    with tempfile.TemporaryDirectory() as directory:
        yield structure_file(Path(directory) / "fuzz.duckdb")


def _check_all_or_nothing(db: Path, data: bytes, name: str, *, dry_run: bool) -> None:
    before, version = observations(db), data_version(db)
    result = import_file(
        data, file_name=name, db_path=db, actor=Actor.local("fuzz"), clock=CLOCK, dry_run=dry_run
    )
    after = observations(db)
    assert result.outcome in ("accepted", "rejected")
    if dry_run:
        assert data_version(db) == version  # not even the log
    if dry_run or not result.accepted:
        assert after == before
        if not result.accepted:
            assert result.problems
        return
    # Accepted: the old versions are untouched, exactly the new and changed rows were added,
    # and every row of the file is now the current value.
    assert not result.problems
    assert after[: len(before)] == before
    assert len(after) - len(before) == result.counts["new"] + result.counts["changed"]
    current = current_values(db)
    for change in result.changes:
        value, flag, note = current[(change.indicator_id, change.part_id, change.period)]
        assert (value, flag, note) == (change.value, change.flag, change.note)


def _file(rows, dutch: bool, delimiter: str, encoding: str) -> bytes:
    header = NL_HEADER if dutch else EN_HEADER
    try:
        return csv_bytes(rows, header=header, delimiter=delimiter, encoding=encoding)
    except UnicodeEncodeError:
        return csv_bytes(rows, header=header, delimiter=delimiter, encoding="utf-8")


files = st.builds(
    _file,
    rows=rows,
    dutch=st.booleans(),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)


@settings(
    max_examples=scaled_examples(40),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=files)
def test_random_rows_never_raise_and_a_dry_run_never_writes(fuzz_db, data):
    _check_all_or_nothing(fuzz_db, data, "rows.csv", dry_run=True)


@settings(
    max_examples=scaled_examples(10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=files)
def test_random_rows_are_written_whole_or_not_at_all(fuzz_db, data):
    _check_all_or_nothing(fuzz_db, data, "rows.csv", dry_run=False)


@settings(
    max_examples=scaled_examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    prefix=st.sampled_from(
        [b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"indicator;deel;periode;waarde\n"]
    ),
    body=st.binary(max_size=600),
    name=st.sampled_from(["f.csv", "f.xlsx", "f.xls", "f"]),
)
def test_random_bytes_never_raise_and_a_dry_run_never_writes(fuzz_db, prefix, body, name):
    _check_all_or_nothing(fuzz_db, prefix + body, name, dry_run=True)
