"""The production engine (SQL + vectorised rules) against the plain per-series reference.

Hypothesis generates whole small worlds; the real ``assess`` runs on a real in-memory DuckDB and
must agree with ``tests.data.reference_engine.reference_assessment`` on every row: statuses
equal, numbers within 1e-9.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from tests.data.reference_engine import (
    as_of_st,
    compare,
    reference_assessment,
    run_engine,
    vintage_st,
    worlds,
)


# At least 60 worlds of at least 10 series each: 600+ series compared per run.
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(world=worlds(), as_of=as_of_st, vintage=vintage_st)
def test_engine_agrees_with_the_reference_on_every_generated_series(world, as_of, vintage):
    compared = compare(
        run_engine(world, as_of, vintage), reference_assessment(world, as_of, vintage)
    )
    assert compared >= 10
