"""The production engine (SQL + vectorised rules) against the plain per-series reference.

Hypothesis generates whole small worlds; the real ``assess`` runs on a real in-memory DuckDB and
must agree with ``tests.data.reference_engine.reference_assessment`` on every row: statuses
equal, numbers within 1e-9. The comparison covers every column ``assess`` returns, and the
reference's Kingdom is the seeded one.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from data.assessment import ASSESSMENT_COLUMNS
from tests.conftest import scaled_examples
from tests.data.reference_engine import (
    ALL_PARTS,
    COMPARED,
    KEYS,
    PARENTS,
    POPULATION,
    as_of_st,
    compare,
    reference_assessment,
    run_engine,
    vintage_st,
    worlds,
)


# At least 60 worlds of at least 10 series each: 600+ series compared per run.
@settings(
    max_examples=scaled_examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(world=worlds(), as_of=as_of_st, vintage=vintage_st)
def test_engine_agrees_with_the_reference_on_every_generated_series(world, as_of, vintage):
    compared = compare(
        run_engine(world, as_of, vintage), reference_assessment(world, as_of, vintage)
    )
    assert compared >= 10


def test_the_reference_compares_every_column_the_engine_returns():
    # A column added to assess without a comparison here fails this test, not silently passes.
    assert len(set(COMPARED)) == len(COMPARED)
    assert set(COMPARED) == set(ASSESSMENT_COLUMNS)


@settings(max_examples=scaled_examples(10), deadline=None)
@given(world=worlds(), as_of=as_of_st, vintage=vintage_st)
def test_the_reference_computes_every_column_it_compares(world, as_of, vintage):
    reference = reference_assessment(world, as_of, vintage)
    assert reference
    for row in reference.values():
        assert set(row) == set(COMPARED) - set(KEYS)


def test_the_reference_kingdom_is_the_one_the_database_loads_from_the_seed(structure_con):
    seeded = structure_con.execute(
        "SELECT part_id, parent_id, level, population FROM kingdom_parts ORDER BY sort_order"
    ).fetchall()
    assert {part_id: parent_id for part_id, parent_id, _, _ in seeded} == PARENTS
    assert {
        part_id: population for part_id, _, level, population in seeded if level == "entity"
    } == POPULATION
    assert tuple(part_id for part_id, *_ in seeded) == ALL_PARTS
