"""Every validation of the catalogue import (issue 11), one test each: the refusal names sheet,
row and column, and nothing but the rejected attempt's log row is written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from data.access_rules import Actor
from data.catalogue_intake import import_catalogue_file
from data.catalogue_read import INDICATORS, TARGETS
from tests.catalogue_files import (
    CLOCK,
    LAST_OBSERVED,
    NEW_INDICATOR,
    NEW_TARGET,
    STORED_TARGETS,
    build_catalogue_db,
    catalogue_imports,
    version_counts,
    workbook_bytes,
)

KINGDOM_0101, KINGDOM_0201, CW_0201 = STORED_TARGETS


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_catalogue_db(tmp_path_factory.mktemp("rules") / "template.duckdb")


@pytest.fixture
def db(_template: Path, tmp_path: Path) -> Path:
    """This test's own copy: structure, seed catalogue, three targets, two values."""
    return Path(shutil.copyfile(_template, tmp_path / "monitor.duckdb"))


def _import(db: Path, indicators=(), targets=()):
    data = workbook_bytes(list(indicators), list(targets))
    return import_catalogue_file(
        data, file_name="catalogus.xlsx", db_path=db, actor=Actor.local("tester"), clock=CLOCK
    )


def _refused(db: Path, indicators=(), targets=()):
    """Import, and check the refusal wrote nothing but its log row; the problems."""
    before, log_before = version_counts(db), catalogue_imports(db)
    result = _import(db, indicators, targets)
    assert not result.accepted
    assert version_counts(db) == before
    log = catalogue_imports(db)
    assert len(log) == len(log_before) + 1
    assert log[-1][1:3] == ("catalogue", "rejected")
    assert json.loads(log[-1][-1])["problems"]
    return result.problems


def _where(problems) -> list[tuple]:
    return [(p.code, p.sheet, p.row, p.column, p.letter) for p in problems]


def _only(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_the_valid_rows_these_tests_start_from_are_accepted(db):
    result = _import(db, [NEW_INDICATOR], [NEW_TARGET, KINGDOM_0101])
    assert result.accepted, result.problems


# --- the indicators sheet ---------------------------------------------------------------------


def test_unknown_action_line(db):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, action_line_id="AL99")]))
    assert _where([problem]) == [("unknown_action_line", INDICATORS, 2, "action_line_id", "B")]
    assert problem.value == "AL99"
    assert "AL01" in problem.parameters["allowed"] and "AL12" in problem.parameters["allowed"]


def test_duplicate_indicator_id_names_both_rows(db):
    other = dict(NEW_INDICATOR, indicator_id="ind-9901", name_nl="Anders")
    problems = _refused(db, [NEW_INDICATOR, other])
    assert _where(problems) == [
        ("duplicate_indicator", INDICATORS, 2, "indicator_id", "A"),
        ("duplicate_indicator", INDICATORS, 3, "indicator_id", "A"),
    ]
    assert [p.parameters["rows"] for p in problems] == ["3", "2"]


@pytest.mark.parametrize("text", ["IND-99", "9901", "IND-99011", "IND_9901"])
def test_malformed_indicator_id(db, text):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, indicator_id=text)]))
    assert _where([problem]) == [("indicator_id_malformed", INDICATORS, 2, "indicator_id", "A")]
    assert problem.value == text


@pytest.mark.parametrize(("column", "letter"), [("name_nl", "C"), ("name_en", "D")])
def test_empty_name(db, column, letter):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, **{column: "  "})]))
    assert _where([problem]) == [("required_empty", INDICATORS, 2, column, letter)]


@pytest.mark.parametrize(
    ("column", "letter", "allowed"),
    [
        ("direction", "I", "up, down"),
        ("target_type", "J", "reach, maintain_min, maintain_max, none"),
        ("method", "K", "linear, cagr"),
        ("frequency", "L", "quarterly, biannual, annual, biennial"),
        ("aggregation", "M", "sum, population_weighted_mean, none"),
    ],
)
def test_unknown_code_lists_the_allowed_values(db, column, letter, allowed):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, **{column: "sideways"})]))
    assert _where([problem]) == [("unknown_value", INDICATORS, 2, column, letter)]
    assert problem.parameters["allowed"] == allowed


def test_codes_are_read_in_any_case(db):
    row = dict(NEW_INDICATOR, direction="Up", target_type="REACH", method=" Linear ")
    assert _import(db, [row]).accepted


@pytest.mark.parametrize("text", ["7", "-1", "1.5", "twee", ""])
def test_decimals_not_an_integer_from_0_to_6(db, text):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, decimals=text)]))
    code = "required_empty" if text == "" else "decimals_invalid"
    assert _where([problem]) == [(code, INDICATORS, 2, "decimals", "N")]


@pytest.mark.parametrize(("low", "high"), [("10", "10"), ("10", "5")])
def test_valid_min_not_below_valid_max(db, low, high):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, valid_min=low, valid_max=high)]))
    assert _where([problem]) == [("range_empty", INDICATORS, 2, "valid_min, valid_max", "O, P")]


@pytest.mark.parametrize("text", ["1.000,5", "10%", "1 000", "nan"])
def test_a_number_that_cannot_be_read(db, text):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, valid_max=text)]))
    assert problem.code in {"value_not_a_number", "value_not_finite"}
    assert _where([problem])[0][1:] == (INDICATORS, 2, "valid_max", "P")


def test_numbers_with_a_decimal_comma_or_point_are_read(db):
    row = dict(NEW_INDICATOR, valid_min="0,5", valid_max="1000.25")
    assert _import(db, [row]).accepted


@pytest.mark.parametrize(
    ("scope", "code"),
    [("", "required_empty"), (" ; ", "required_empty"), ("AW;ATLANTIS", "scope_unknown_part")],
)
def test_scope_empty_or_naming_an_unknown_part(db, scope, code):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, scope=scope)]))
    assert _where([problem]) == [(code, INDICATORS, 2, "scope", "Q")]


def test_scope_naming_a_part_that_is_not_an_entity(db):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, scope="CAR_C")]))
    assert problem.code == "scope_unknown_part"
    assert problem.parameters["unknown"] == "CAR_C"
    assert problem.parameters["allowed"].startswith("KINGDOM, NL, AW")


def test_retired_from_malformed(db):
    problem = _only(_refused(db, [dict(NEW_INDICATOR, retired_from="2027-13")]))
    assert _where([problem]) == [("period_malformed", INDICATORS, 2, "retired_from", "U")]


@pytest.mark.parametrize("quarter", [LAST_OBSERVED, "2025Q1", "2024Q4"])
def test_retired_from_not_after_the_last_stored_value(db, quarter):
    stored = _seed_row("IND-0103", retired_from=quarter)
    problem = _only(_refused(db, [stored]))
    assert _where([problem]) == [("retired_too_early", INDICATORS, 2, "retired_from", "U")]
    assert problem.parameters["last"] == LAST_OBSERVED


def test_retiring_after_the_last_stored_value_is_accepted(db):
    assert _import(db, [_seed_row("IND-0103", retired_from="2025Q3")]).accepted


# --- the targets sheet ------------------------------------------------------------------------


def test_target_for_a_part_outside_the_scope(db):
    # IND-0102 is reported for NL only.
    row = dict(NEW_TARGET, indicator_id="IND-0102", part_id="AW")
    problem = _only(_refused(db, targets=[row]))
    assert _where([problem]) == [("target_out_of_scope", TARGETS, 2, "part_id", "B")]
    assert problem.parameters == {"indicator": "IND-0102", "parts": "KINGDOM, EUR_NL, NL"}


@pytest.mark.parametrize(
    ("indicator", "part"),
    [("IND-0102", "KINGDOM"), ("IND-0102", "NL"), ("IND-0102", "EUR_NL"), ("IND-9901", "CAR_C")],
)
def test_targets_in_scope_or_above_it_or_the_kingdom_default_are_accepted(db, indicator, part):
    row = dict(NEW_TARGET, indicator_id=indicator, part_id=part)
    assert _import(db, [NEW_INDICATOR], [row]).accepted


def test_the_scope_of_the_file_decides_over_the_stored_one(db):
    # The file moves IND-9901 to AW only; a target for CW is then outside it.
    row = dict(NEW_TARGET, part_id="CW")
    problem = _only(_refused(db, [dict(NEW_INDICATOR, scope="AW")], [row]))
    assert problem.code == "target_out_of_scope"


def test_target_for_an_unknown_indicator(db):
    problem = _only(_refused(db, targets=[dict(NEW_TARGET, indicator_id="IND-9999")]))
    assert _where([problem]) == [("target_unknown_indicator", TARGETS, 2, "indicator_id", "A")]


def test_target_for_an_unknown_part(db):
    problem = _only(_refused(db, [NEW_INDICATOR], [dict(NEW_TARGET, part_id="ATLANTIS")]))
    assert _where([problem]) == [("unknown_part", TARGETS, 2, "part_id", "B")]


@pytest.mark.parametrize(("baseline", "target"), [("2029Q4", "2029Q4"), ("2030Q1", "2029Q4")])
def test_baseline_period_not_before_target_period(db, baseline, target):
    row = dict(NEW_TARGET, baseline_period=baseline, target_period=target)
    problem = _only(_refused(db, [NEW_INDICATOR], [row]))
    assert _where([problem]) == [
        ("baseline_not_before_target", TARGETS, 2, "baseline_period, target_period", "C, E")
    ]


@pytest.mark.parametrize("target", ["2022Q4", "2036Q1"])
def test_target_period_outside_2023q1_to_2035q4(db, target):
    row = dict(NEW_TARGET, baseline_period="2020Q1", target_period=target)
    problem = _only(_refused(db, [NEW_INDICATOR], [row]))
    assert _where([problem]) == [("target_period_out_of_bounds", TARGETS, 2, "target_period", "E")]
    assert problem.parameters == {"earliest": "2023Q1", "latest": "2035Q4"}


@pytest.mark.parametrize("column", ["baseline_period", "target_period"])
@pytest.mark.parametrize("text", ["2025/3", "Q3 2025", "2025Q5"])
def test_malformed_periods(db, column, text):
    problem = _only(_refused(db, [NEW_INDICATOR], [dict(NEW_TARGET, **{column: text})]))
    letter = {"baseline_period": "C", "target_period": "E"}[column]
    assert _where([problem]) == [("period_malformed", TARGETS, 2, column, letter)]


def test_periods_in_the_spellings_of_observation_intake_are_accepted(db):
    row = dict(NEW_TARGET, baseline_period="2024-Q4", target_period="2029 q4")
    result = _import(db, [NEW_INDICATOR], [row])
    assert result.accepted
    target = next(c for c in result.changes if c.what == "target")
    assert {f.field: f.new for f in target.fields}["target_period"] == "2029Q4"


@pytest.mark.parametrize(
    ("column", "letter", "text"), [("baseline_value", "D", "-1"), ("target_value", "F", "1000.5")]
)
def test_value_outside_the_valid_range(db, column, letter, text):
    row = dict(NEW_TARGET, **{column: text})
    problem = _only(_refused(db, [NEW_INDICATOR], [row]))
    assert _where([problem]) == [("value_out_of_range", TARGETS, 2, column, letter)]
    assert problem.parameters == {"min": "0", "max": "1000", "indicator": "IND-9901"}


def test_a_derived_total_may_exceed_the_range_of_one_entity(db):
    # IND-9901 is summed over AW and CW (0..1000 each): the Kingdom's total may be 1500.
    row = dict(NEW_TARGET, part_id="KINGDOM", baseline_value="1200", target_value="1500")
    assert _import(db, [NEW_INDICATOR], [row]).accepted


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "instead"),
    [
        ("up", "20", "10", "maintain_min"),
        ("up", "20", "20", "maintain_min"),
        ("down", "10", "20", "maintain_max"),
    ],
)
def test_a_reach_target_not_on_the_better_side_of_its_baseline(
    db, direction, baseline, target, instead
):
    indicator = dict(NEW_INDICATOR, direction=direction)
    row = dict(NEW_TARGET, baseline_value=baseline, target_value=target)
    problem = _only(_refused(db, [indicator], [row]))
    assert _where([problem]) == [("reach_wrong_side", TARGETS, 2, "target_value", "F")]
    assert problem.parameters["instead"] == instead


def test_a_maintain_target_may_lie_on_either_side(db):
    indicator = dict(NEW_INDICATOR, target_type="maintain_min")
    row = dict(NEW_TARGET, baseline_value="20", target_value="10")
    assert _import(db, [indicator], [row]).accepted


def test_a_changed_target_without_a_reason(db):
    row = dict(KINGDOM_0201, target_value="75")
    problem = _only(_refused(db, targets=[row]))
    assert _where([problem]) == [("reason_missing", TARGETS, 2, "reason", "G")]


def test_a_changed_target_with_the_stored_reason_is_not_a_new_reason(db):
    row = dict(CW_0201, target_value="70")  # the exported file carries "eigen doel Curaçao"
    problem = _only(_refused(db, targets=[row]))
    assert _where([problem]) == [("reason_not_new", TARGETS, 2, "reason", "G")]


def test_a_removed_target_without_a_reason(db):
    removal = {"indicator_id": "IND-0201", "part_id": "CW", "reason": "eigen doel Curaçao"}
    problem = _only(_refused(db, targets=[removal]))
    assert _where([problem]) == [("reason_not_new", TARGETS, 2, "reason", "G")]
    problem = _only(_refused(db, targets=[dict(removal, reason="")]))
    assert problem.code == "reason_missing"


def test_removing_a_target_that_is_not_there(db):
    removal = {"indicator_id": "IND-0102", "part_id": "NL", "reason": "weg ermee"}
    problem = _only(_refused(db, targets=[removal]))
    assert _where([problem]) == [("remove_nothing", TARGETS, 2, "part_id", "B")]


def test_a_new_target_needs_no_reason_and_a_reason_alone_is_no_change(db):
    new = dict(NEW_TARGET)
    reworded = dict(KINGDOM_0101, reason="anders verwoord")
    result = _import(db, [NEW_INDICATOR], [new, reworded])
    assert result.accepted
    kinds = {(c.indicator_id, c.part_id): c.kind for c in result.changes if c.what == "target"}
    assert kinds == {("IND-9901", "AW"): "new", ("IND-0101", "KINGDOM"): "unchanged"}


def test_duplicate_target_keys_name_both_rows(db):
    problems = _refused(db, [NEW_INDICATOR], [NEW_TARGET, dict(NEW_TARGET, part_id=" aw ")])
    assert _where(problems) == [
        ("duplicate_target", TARGETS, 2, "indicator_id, part_id", "A, B"),
        ("duplicate_target", TARGETS, 3, "indicator_id, part_id", "A, B"),
    ]


def test_a_target_row_needs_both_periods_unless_it_removes(db):
    row = dict(NEW_TARGET, baseline_period="")
    problem = _only(_refused(db, [NEW_INDICATOR], [row]))
    assert _where([problem]) == [("required_empty", TARGETS, 2, "baseline_period", "C")]


def test_a_value_that_is_not_a_number(db):
    row = dict(NEW_TARGET, baseline_value="tien")
    problem = _only(_refused(db, [NEW_INDICATOR], [row]))
    assert _where([problem]) == [("value_not_a_number", TARGETS, 2, "baseline_value", "D")]


def test_a_file_with_no_indicator_and_no_target_rows(db):
    problem = _only(_refused(db))
    assert (problem.code, problem.sheet, problem.row) == ("no_rows", None, None)


def test_every_problem_is_reported_not_only_the_first(db):
    indicators = [
        dict(NEW_INDICATOR, name_nl="", direction="sideways"),
        dict(NEW_INDICATOR, indicator_id="IND-9902", action_line_id="AL99"),
    ]
    targets = [
        dict(NEW_TARGET, target_period="2040Q1"),
        dict(KINGDOM_0201, target_value="80"),
    ]
    problems = _refused(db, indicators, targets)
    assert [(p.code, p.sheet, p.row) for p in problems] == [
        ("required_empty", INDICATORS, 2),
        ("unknown_value", INDICATORS, 2),
        ("unknown_action_line", INDICATORS, 3),
        ("target_period_out_of_bounds", TARGETS, 2),
        ("reason_missing", TARGETS, 3),
    ]


def _seed_row(indicator_id: str, **changes: str) -> dict[str, object]:
    """A stored indicator as the workbook writes it, with ``changes``."""
    from data.catalogue_columns import WORKBOOK_INDICATOR_COLUMNS
    from data.seed import read_seed

    row = next(r for r in read_seed("indicators") if r["indicator_id"] == indicator_id)
    return {column: row[column] for column in WORKBOOK_INDICATOR_COLUMNS} | changes
