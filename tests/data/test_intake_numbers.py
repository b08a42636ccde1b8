"""How a value cell becomes a number (issue 16): never guessed between the Dutch and English
conventions, a percentage read as the user sees it (or refused), and always within a finite
valid range, without a numpy warning on the way."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import math
import shutil
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from data.assessment import assess, series_values
from data.intake_checks import check_rows
from data.intake_columns import FIGURES
from data.intake_kinds import STEPS
from data.intake_read import Problem, TextTable
from data.intake_rules import KEY, catalogue, parse_number, rules
from data.store import open_reader
from data.value_ranges import ABSOLUTE_LIMIT, DEFAULT_RANGES, unit_kind, valid_range
from tests.intake_files import (
    EN_HEADER,
    csv_bytes,
    current_values,
    import_quarter,
    structure_file,
)
from ui.intake_text import problem_text

LATEST = "2026Q4"


@pytest.fixture(scope="module")
def _structure(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return structure_file(tmp_path_factory.mktemp("numbers") / "structure.duckdb")


@pytest.fixture
def db(_structure: Path, tmp_path: Path) -> Path:
    """This test's own structure-only database (the illustrative catalogue, no values)."""
    return Path(shutil.copyfile(_structure, tmp_path / "monitor.duckdb"))


@pytest.fixture
def reader(_structure: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the shared structure-only database."""
    connection = open_reader(_structure)
    yield connection
    connection.close()


def _dry_run(db: Path, values: Sequence[tuple[str, str, str]]):
    """A CSV of (indicator, period, value text) rows for part NL, checked but not written."""
    rows = [(indicator, "NL", period, value, "", "") for indicator, period, value in values]
    return import_quarter(db, csv_bytes(rows), name="q.csv", dry_run=True)


def _values(result) -> dict[str, float]:
    assert result.accepted, result.problems
    return {change.period: change.value for change in result.changes}


def _table(values: Sequence[tuple[str, str, str]], numeric: Sequence[int] = ()) -> TextTable:
    """A figures table as the reader gives it; ``numeric``: the spreadsheet rows whose value
    cell the workbook stored as a number."""
    rows = tuple(
        (row, (indicator, "NL", period, value, "", ""))
        for row, (indicator, period, value) in enumerate(values, start=2)
    )
    return TextTable(
        header_row=1,
        headers=EN_HEADER,
        columns={column: position for position, column in enumerate(EN_HEADER)},
        rows=rows,
        blank_rows=0,
        numeric=frozenset((row, EN_HEADER.index("value")) for row in numeric),
    )


def _checked(con, table: TextTable, **replaced) -> tuple[dict[int, float], list[Problem]]:
    """The table's numbers by row, and its problems against the catalogue in ``con`` (with
    ``replaced`` fields of the catalogue, if any)."""
    steps = STEPS[FIGURES]
    frame, _ = steps.rows_frame(table)
    against = dataclasses.replace(catalogue(con), **replaced) if replaced else catalogue(con)
    problems = check_rows(frame, table, rules(against, latest=LATEST), key=KEY, sheet=None)
    numbers = {int(row): float(number) for row, number in frame["value_number"].items()}
    return numbers, problems


def _codes(problems) -> list[tuple[str, int | None]]:
    return [(p.code, p.row) for p in problems]


# --- 1. numbers are never guessed -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "thousands"),
    [
        ("1,000", "1", "1000"),
        ("12,345", "12,3450", "12345"),
        ("1.234", "1.2340", "1234"),
        ("-1.500", "-1.5", "-1500"),
        ("999,999%", "999,9990", "999999"),
    ],
)
def test_a_value_two_conventions_read_differently_is_refused_naming_both_readings(
    db, text, decimal, thousands
):
    result = _dry_run(db, [("IND-0602", "2025Q3", text)])
    assert [(p.code, p.row, p.value) for p in result.problems] == [("value_ambiguous", 2, text)]
    problem = result.problems[0]
    assert problem.parameters["decimal"] == decimal
    assert problem.parameters["thousands"] == thousands
    dutch, english = problem_text(problem, "nl"), problem_text(problem, "en")
    assert f"kan {decimal} of {thousands} betekenen" in dutch
    assert "zonder scheidingsteken voor duizendtallen" in dutch
    assert f"can mean {decimal} or {thousands}" in english


@pytest.mark.parametrize(
    ("settling", "ambiguous", "read_as"),
    [
        ("12,5", "1,234", 1.234),  # a decimal comma elsewhere in the file
        ("12.5", "1.234", 1.234),  # a decimal point elsewhere
        ("0,5", "2,500", 2.5),  # a leading 0, comma
        ("1234,567", "1,000", 1.0),  # four digits before the mark: no thousands separator
        ("3,1415", "999,999", 999.999),
    ],
)
def test_the_files_own_decimal_mark_settles_an_ambiguous_value(db, settling, ambiguous, read_as):
    result = _dry_run(db, [("IND-0602", "2025Q2", settling), ("IND-0602", "2025Q3", ambiguous)])
    assert _values(result)["2025Q3"] == pytest.approx(read_as, rel=1e-15)


@pytest.mark.parametrize(
    ("settling", "separated", "example", "thousands", "decimal"),
    [
        ("12,5", "1.234", "12,5", "1234", "1,234"),
        ("12.5", "1,234", "12.5", "1234", "1.234"),
    ],
)
def test_a_thousands_separator_by_the_files_own_convention_is_refused(
    db, settling, separated, example, thousands, decimal
):
    result = _dry_run(db, [("IND-0602", "2025Q2", settling), ("IND-0602", "2025Q3", separated)])
    assert _codes(result.problems) == [("value_thousands_separator", 3)]
    dutch = problem_text(result.problems[0], "nl")
    assert f"schrijft decimalen als {example}" in dutch
    assert f"schrijf {thousands} zonder scheidingsteken, of {decimal}" in dutch
    assert "thousands" in problem_text(result.problems[0], "en")


def test_a_file_using_both_marks_settles_nothing(db):
    result = _dry_run(
        db,
        [
            ("IND-0602", "2025Q1", "12,5"),
            ("IND-0602", "2025Q2", "12.5"),
            ("IND-0602", "2025Q3", "1,000"),
        ],
    )
    assert _codes(result.problems) == [("value_ambiguous", 4)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0,500", 0.5),
        ("+0.125", 0.125),
        (",125", 0.125),
        ("1234.567", 1234.567),
        ("1,5000", 1.5),
        ("12,34", 12.34),
        ("1000", 1000.0),
        ("1,000e3", 1000.0),
        ("5,", 5.0),
    ],
)
def test_a_value_every_convention_reads_alike_is_accepted_alone(db, text, number):
    assert _values(_dry_run(db, [("IND-0602", "2025Q3", text)]))["2025Q3"] == number


def test_the_excel_nl_file_with_decimal_commas_reads_three_decimals_as_decimals(db):
    # A Dutch export writes 1,234 for 1.234: the other values' commas settle it.
    result = _dry_run(db, [("IND-0602", "2025Q2", "41,5"), ("IND-0602", "2025Q3", "1,234")])
    assert _values(result) == {"2025Q2": 41.5, "2025Q3": 1.234}


def test_a_cell_the_workbook_stored_as_a_number_is_never_ambiguous(reader):
    # 1.234 stored as a number: its text uses a point whatever the user's Excel shows.
    numbers, problems = _checked(reader, _table([("IND-0602", "2025Q3", "1.234")], numeric=[2]))
    assert (numbers, problems) == ({2: 1.234}, [])
    # ... not even beside a typed decimal comma, which would make a typed 1.234 a thousands
    # separator.
    table = _table([("IND-0602", "2025Q2", "12,5"), ("IND-0602", "2025Q3", "1.234")], numeric=[3])
    numbers, problems = _checked(reader, table)
    assert (numbers, problems) == ({2: 12.5, 3: 1.234}, [])


def test_a_cell_stored_as_a_number_does_not_vote_for_the_files_convention(reader):
    table = _table([("IND-0602", "2025Q2", "12.5"), ("IND-0602", "2025Q3", "1,234")], numeric=[2])
    _, problems = _checked(reader, table)
    assert _codes(problems) == [("value_ambiguous", 3)]


# --- 2. percent -------------------------------------------------------------------------------


def test_a_percent_formatted_cell_is_read_as_the_user_sees_it_for_a_percent_indicator(reader):
    # IND-0301 is measured in "% van toetsingen" (0..100): 68 %, stored as 0.68, is 68.
    table = _table([("IND-0301", "2025Q2", "68%"), ("IND-0301", "2025Q3", "12.5%")], numeric=[2, 3])
    assert _checked(reader, table) == ({2: 68.0, 3: 12.5}, [])


def test_a_percent_formatted_cell_is_refused_for_an_indicator_not_in_percent(reader):
    # IND-0602 counts reports: 68 % is neither 68 nor 0.68 reports.
    _, problems = _checked(reader, _table([("IND-0602", "2025Q3", "68%")], numeric=[2]))
    assert [(p.code, p.row, p.value) for p in problems] == [("value_percent_format", 2, "68%")]
    dutch, english = problem_text(problems[0], "nl"), problem_text(problems[0], "en")
    assert "als percentage opgemaakt (68%)" in dutch
    assert "IND-0602 wordt gemeten in aantal" in dutch
    assert "zonder procentopmaak" in dutch
    assert "IND-0602 is measured in count" in english


@pytest.mark.parametrize(
    ("text", "number"), [("68%", 68.0), ("68 %", 68.0), ("68,5 %", 68.5), ("0.5%", 0.5)]
)
def test_a_typed_percent_sign_is_accepted_for_a_percent_indicator(db, text, number):
    assert _values(_dry_run(db, [("IND-0301", "2025Q3", text)])) == {"2025Q3": number}


def test_a_typed_percent_sign_is_refused_for_an_indicator_not_in_percent(db):
    result = _dry_run(db, [("IND-0602", "2025Q3", "68%")])
    assert _codes(result.problems) == [("value_percent_sign", 2)]
    assert "zonder %" in problem_text(result.problems[0], "nl")


def test_a_percentage_points_indicator_does_not_take_percent_cells(reader):
    # "procentpunt" is a difference of two percentages, not a percentage.
    table = _table([("IND-0301", "2025Q3", "5%")], numeric=[2])
    _, problems = _checked(
        reader,
        table,
        percent=frozenset(),
        units={"IND-0301": ("procentpunt", "percentage points")},
    )
    assert _codes(problems) == [("value_percent_format", 2)]
    assert "wordt gemeten in procentpunt" in problem_text(problems[0], "nl")


@pytest.mark.parametrize("text", ["%", "68%%", "%68", "68 % %", "6 8%"])
def test_a_percent_sign_elsewhere_is_not_a_number(db, text):
    assert _codes(_dry_run(db, [("IND-0301", "2025Q3", text)]).problems) == [
        ("value_not_a_number", 2)
    ]


def test_a_percent_cell_of_a_percent_indicator_is_still_checked_against_its_range(reader):
    _, problems = _checked(reader, _table([("IND-0301", "2025Q3", "140%")], numeric=[2]))
    assert _codes(problems) == [("value_out_of_range", 2)]


# --- 3. every indicator has a finite valid range ----------------------------------------------


def test_an_absurd_count_is_refused_and_the_message_says_the_range(db):
    # IND-0602 counts reports; the catalogue gives 0 and no maximum.
    result = _dry_run(db, [("IND-0602", "2025Q3", "1.7e308")])
    assert _codes(result.problems) == [("value_out_of_range", 2)]
    dutch, english = problem_text(result.problems[0], "nl"), problem_text(result.problems[0], "en")
    assert "(0 tot 1.000.000.000.000)" in dutch
    assert "(0 to 1,000,000,000,000)" in english


@pytest.mark.parametrize(
    ("indicator", "period", "largest", "too_large"),
    [
        ("IND-0602", "2025Q3", "1e12", "1000000000001"),  # aantal: 0 .. 10^12
        ("IND-0503", "2025Q3", "1e14", "1.0000001e14"),  # mln euro: money
        ("IND-1001", "2024Q4", "1e15", "1.0000001e15"),  # minuten per jaar: the absolute limit
    ],
)
def test_the_default_range_of_each_unit_kind_holds_its_largest_value(
    db, indicator, period, largest, too_large
):
    assert _values(_dry_run(db, [(indicator, period, largest)])) == {period: float(largest)}
    assert _codes(_dry_run(db, [(indicator, period, too_large)]).problems) == [
        ("value_out_of_range", 2)
    ]


def test_extreme_values_are_checked_without_a_warning(reader):
    texts = ["1.7e308", "-1.7e308", "5e-324", "1e309", "-0", "1e-400", "NaN"]
    table = _table([("IND-0602", f"{2017 + i}Q1", text) for i, text in enumerate(texts)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        numbers, problems = _checked(reader, table)
    assert _codes(problems) == [
        ("value_out_of_range", 2),
        ("value_out_of_range", 3),
        ("value_not_finite", 5),
        ("value_not_finite", 8),
    ]
    assert (numbers[4], numbers[6], numbers[7]) == (5e-324, 0.0, 0.0)


UNITS = {
    ("% van bbp", "% of GDP"): "percent",
    ("% verandering t.o.v. 1990", "% change vs 1990"): "percent",
    ("procent", "percent"): "percent",
    ("aantal", "count"): "count",
    ("aantal meldingen", "number of reports"): "count",
    ("", "count of 3"): "count",
    ("aantal (saldo)", "count (net)"): "other",
    ("mln euro", "EUR million"): "money",
    ("euro per inwoner", "EUR per inhabitant"): "money",
    ("procentpunt", "percentage points"): "percent_points",
    ("%-punt", "pp"): "percent_points",
    ("per 1.000 inwoners", "per 1,000 inhabitants"): "other",
    ("niveau 1-5", "level 1-5"): "other",
    ("minuten per jaar", "minutes per year"): "other",
}


@pytest.mark.parametrize(("units", "kind"), UNITS.items())
def test_the_unit_kind_is_read_from_the_unit_text(units, kind):
    assert unit_kind(*units) == kind


@pytest.mark.parametrize("kind", sorted(DEFAULT_RANGES))
def test_every_kind_has_a_finite_range_and_the_catalogue_bound_wins(kind):
    low, high = valid_range(kind, None, None)
    assert -ABSOLUTE_LIMIT <= low < high <= ABSOLUTE_LIMIT
    assert valid_range(kind, -5.0, 7.0) == (-5.0, 7.0)
    assert valid_range(kind, -1e300, 1e300) == (-ABSOLUTE_LIMIT, ABSOLUTE_LIMIT)
    below, above = valid_range(kind, 2e14, None), valid_range(kind, None, -2e14)
    assert below[0] < below[1] and above[0] < above[1]


def test_every_demo_value_lies_within_its_indicators_range(demo_con):
    # The defaults never refuse a real value: none of the demo's.
    ranges = catalogue(demo_con).ranges
    rows = demo_con.execute("SELECT indicator_id, value FROM observations").fetchall()
    assert rows
    outside = [(i, v) for i, v in rows if not ranges[i][0] <= v <= ranges[i][1]]
    assert outside == []
    assert all(math.isfinite(low) and math.isfinite(high) for low, high in ranges.values())


def test_values_at_the_bounds_flow_through_the_engine_without_a_warning(db):
    # Counts at 10^12 every quarter for two years (a trend is computed: IND-0602 has no target
    # type), minutes per year at the absolute limit (a population-weighted mean over parts).
    counts = [
        ("IND-0602", "NL", f"{y}Q{q}", "1e12", "", "") for y in (2024, 2025) for q in (1, 2, 3, 4)
    ]
    counts[1] = ("IND-0602", "NL", "2024Q2", "0", "", "")
    minutes = [
        ("IND-1001", part, f"{year}Q4", "1e15", "", "")
        for part in ("NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA")
        for year in (2023, 2024, 2025)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = import_quarter(db, csv_bytes(counts + minutes), name="q.csv")
        assert result.accepted, result.problems
        with open_reader(db) as con:
            assessed = assess(con, as_of="2025Q4")
            values = series_values(con, as_of="2025Q4")
    assert current_values(db)[("IND-0602", "NL", "2025Q4")][0] == 1e12
    kingdom = assessed[(assessed.indicator_id == "IND-1001") & (assessed.part_id == "KINGDOM")]
    assert kingdom["latest_value"].tolist() == [pytest.approx(1e15)]
    trend = assessed[(assessed.indicator_id == "IND-0602") & (assessed.part_id == "NL")]
    assert math.isfinite(trend["slope_per_year"].iloc[0])
    assert values["value"].map(math.isfinite).all()


# --- parse_number: total, and never guessing --------------------------------------------------

within_range = st.floats(
    min_value=-ABSOLUTE_LIMIT, max_value=ABSOLUTE_LIMIT, allow_nan=False, allow_infinity=False
)


def _ambiguous(text: str) -> bool:
    whole, _, fraction = text.lstrip("+-").partition(".")
    return "e" not in text and len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0"


@given(number=within_range, comma=st.booleans())
def test_a_number_written_by_repr_round_trips_in_its_convention(number, comma):
    text = repr(number).replace(".", ",") if comma else repr(number)
    mark = "," if comma else "."
    assert parse_number(text, mark) == (number, None)
    # Without a convention: read alike when no convention reads it otherwise, else refused.
    expected = (None, "value_ambiguous") if _ambiguous(repr(number)) else (number, None)
    assert parse_number(text, None) == expected


@given(
    sign=st.sampled_from(["", "-", "+"]),
    whole=st.integers(1, 999),
    fraction=st.integers(0, 999),
    mark=st.sampled_from([".", ","]),
)
def test_an_ambiguous_number_is_refused_without_a_settling_convention(sign, whole, fraction, mark):
    text = f"{sign}{whole}{mark}{fraction:03d}"
    other = "," if mark == "." else "."
    assert parse_number(text, None) == (None, "value_ambiguous")
    assert parse_number(text, other) == (None, "value_thousands_separator")
    number, code = parse_number(text, mark)
    assert code is None
    assert number == float(f"{sign}{whole}.{fraction:03d}")


@given(text=st.text(max_size=12), mark=st.sampled_from([None, ".", ","]), percent=st.booleans())
def test_parse_number_is_total(text, mark, percent):
    number, code = parse_number(text, mark, percent=percent)
    assert (number is None) != (code is None)
    assert number is None or math.isfinite(number)


@pytest.mark.parametrize("module", ["data.intake_rules", "data.value_ranges"])
def test_the_examples_in_the_docstrings_hold(module):
    failures, tried = doctest.testmod(importlib.import_module(module))
    assert tried and not failures
