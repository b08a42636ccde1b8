"""Invariants METHOD.md implies, checked on the production engine with generated worlds."""

from __future__ import annotations

import random

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import scaled_examples
from tests.data.reference_engine import (
    RECORD_START,
    SCORE_ORDER,
    Indicator,
    TargetChange,
    TargetRow,
    Version,
    World,
    as_of_st,
    p,
    q,
    run_engine,
    values_st,
    vintage_st,
    worlds,
)


@settings(
    max_examples=scaled_examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(world=worlds(), as_of=as_of_st, vintage=vintage_st, seed=st.integers(0, 2**32 - 1))
def test_row_order_of_observations_changes_nothing(world, as_of, vintage, seed):
    shuffled = list(world.versions)
    random.Random(seed).shuffle(shuffled)
    original = run_engine(world, as_of, vintage)
    reordered = run_engine(world, as_of, vintage, versions=shuffled)
    pd.testing.assert_frame_equal(original, reordered, check_exact=False, rtol=1e-12)


def to_quarters(value: float | None) -> float | None:
    # Multiples of 1/4 add and subtract exactly in binary, so a shift cannot move a boundary.
    return None if value is None else round(value * 4) / 4


def quartered(row: TargetRow | None) -> TargetRow | None:
    if row is None:
        return None
    bp, bv, tp, tv = row
    return (bp, to_quarters(bv), tp, to_quarters(tv))


def shifted(row: TargetRow | None, shift: int) -> TargetRow | None:
    if row is None:
        return None
    bp, bv, tp, tv = row
    return (bp, None if bv is None else bv + shift, tp, None if tv is None else tv + shift)


@st.composite
def linear_worlds(draw) -> World:
    """Worlds whose arithmetic is exact in binary: values in quarters, linear method."""
    world = draw(worlds())
    return World(
        [Indicator(**{**ind.__dict__, "method": "linear"}) for ind in world.indicators],
        {key: quartered(row) for key, row in world.targets.items()},
        [
            Version(
                v.indicator_id, v.part_id, v.period, to_quarters(v.value), v.flag, v.recorded_at
            )
            for v in world.versions
        ],
        [
            TargetChange(**{**change.__dict__, "row": quartered(change.row)})
            for change in world.target_changes
        ],
    )


@settings(
    max_examples=scaled_examples(20), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(world=linear_worlds(), as_of=as_of_st, shift=st.integers(-500, 500))
def test_adding_a_constant_to_baseline_target_and_values_changes_no_status(world, as_of, shift):
    moved = World(
        world.indicators,
        {key: shifted(row, shift) for key, row in world.targets.items()},
        [
            Version(v.indicator_id, v.part_id, v.period, v.value + shift, v.flag, v.recorded_at)
            for v in world.versions
        ],
        [
            TargetChange(**{**change.__dict__, "row": shifted(change.row, shift)})
            for change in world.target_changes
        ],
    )
    before = run_engine(world, as_of, None)
    after = run_engine(moved, as_of, None)
    # A derived sum moves by n times the constant, so only reported series keep their place.
    reported = ~before["is_derived"]
    assert before.loc[reported, "status"].tolist() == after.loc[reported, "status"].tolist()


@settings(
    max_examples=scaled_examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    target_type=st.sampled_from(["reach", "maintain_min", "none"]),
    method=st.sampled_from(["linear", "cagr"]),
    values=st.lists(values_st, min_size=2, max_size=12),
    target_gap=st.integers(-10000, 10000).map(lambda k: k / 100),
    raise_by=st.integers(1, 5000).map(lambda k: k / 100),
)
def test_raising_the_latest_value_never_worsens_an_up_indicator(
    target_type, method, values, target_gap, raise_by
):
    # Above the baseline, as an up indicator's reach target should be, or on or below it: then
    # METHOD.md v2 holds it as maintain_min, which is monotone too.
    target = values[0] + target_gap
    world = World(
        [Indicator("IND-9000", "up", target_type, method, "quarterly", "none", ("NL",))],
        {("IND-9000", "NL"): ("2023Q1", None, "2029Q4", target)},
        [
            Version("IND-9000", "NL", p(q("2023Q1") + k), v, "none", RECORD_START)
            for k, v in enumerate(values)
        ],
    )
    as_of = p(q("2023Q1") + len(values) - 1)
    raised = [
        *world.versions[:-1],
        Version(**{**world.versions[-1].__dict__, "value": values[-1] + raise_by}),
    ]
    before = run_engine(world, as_of, None)["status"].iloc[0]
    after = run_engine(world, as_of, None, versions=raised)["status"].iloc[0]
    if before in SCORE_ORDER:
        assert after in SCORE_ORDER and SCORE_ORDER.index(after) <= SCORE_ORDER.index(before)
    else:
        assert after == before
