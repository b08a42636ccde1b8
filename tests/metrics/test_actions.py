"""The action rules of METHOD.md v2 item 3: carried status, staleness, distribution and share."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from metrics.actions import (
    ACTION_DISTRIBUTION_STATUSES,
    ACTION_ROLLUP_COLUMNS,
    action_distribution,
    action_rollup,
    action_state,
    is_stale,
    share_on_schedule,
)
from metrics.constants import ACTION_STATUS_WORDS, ACTION_STATUSES, NOT_REPORTED
from metrics.errors import MetricError
from metrics.periods import period_from_index, quarter_index

_REPORTS = [("2025Q2", "on_schedule"), ("2025Q4", "at_risk"), ("2026Q1", "delayed")]


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2025Q1", (NOT_REPORTED, None, True)),  # nothing reported yet
        ("2025Q2", ("on_schedule", "2025Q2", False)),
        ("2025Q3", ("on_schedule", "2025Q2", False)),  # one quarter without: carried, fresh
        ("2025Q4", ("at_risk", "2025Q4", False)),
        ("2026Q1", ("delayed", "2026Q1", False)),
        ("2026Q2", ("delayed", "2026Q1", False)),
        ("2026Q3", ("delayed", "2026Q1", True)),  # two quarters without a report: stale
    ],
)
def test_the_status_is_the_latest_report_carried_forward_and_stale_after_two_quarters(
    as_of, expected
):
    assert action_state(_REPORTS, as_of) == expected


def test_a_report_for_a_later_quarter_does_not_count_as_of_an_earlier_one():
    assert action_state([("2026Q3", "completed")], "2026Q2") == (NOT_REPORTED, None, True)


@pytest.mark.parametrize("final", ["completed", "discontinued"])
def test_a_final_status_is_carried_forward_without_going_stale(final):
    assert action_state([("2023Q4", final)], "2026Q4") == (final, "2023Q4", False)
    assert not is_stale(final, "2023Q4", "2026Q4")


def test_never_reported_is_stale():
    assert is_stale(NOT_REPORTED, None, "2026Q1")


def test_an_unknown_status_is_an_error_not_a_count():
    with pytest.raises(MetricError, match="not an action status"):
        action_state([("2025Q1", "late")], "2025Q2")
    with pytest.raises(MetricError, match="not an action status"):
        action_distribution(["on_track"])  # an indicator status is not an action status


def test_hand_computed_distribution_and_share():
    # 7 actions: 2 completed, 1 on schedule, 1 at risk, 1 delayed, 1 discontinued, 1 never
    # reported. Discontinued leaves the denominator: (2 + 1) / (7 - 1) = 0.5.
    statuses = [
        "completed",
        "completed",
        "on_schedule",
        "at_risk",
        "delayed",
        "discontinued",
        NOT_REPORTED,
    ]
    counts = action_distribution(statuses)
    assert counts == {
        "completed": 2,
        "on_schedule": 1,
        "at_risk": 1,
        "delayed": 1,
        "not_started": 0,
        "discontinued": 1,
        NOT_REPORTED: 1,
    }
    assert share_on_schedule(counts) == 0.5


def test_no_counted_action_has_no_share():
    assert share_on_schedule(action_distribution([])) is None
    assert share_on_schedule(action_distribution(["discontinued"])) is None


def test_rollup_per_group_counts_stale_and_share():
    states = pd.DataFrame(
        {
            "action_line_id": ["AL01", "AL01", "AL01", "AL02", "AL02"],
            "status": ["completed", "delayed", "discontinued", NOT_REPORTED, "on_schedule"],
            "stale": [False, True, False, True, False],
        }
    )
    result = action_rollup(states, by=["action_line_id"])
    assert list(result.columns) == ["action_line_id", *ACTION_ROLLUP_COLUMNS]
    first, second = result.to_dict("records")
    assert (first["completed"], first["delayed"], first["discontinued"]) == (1, 1, 1)
    assert (first["n_actions"], first["n_stale"], first["share_on_schedule"]) == (3, 1, 0.5)
    assert (second["n_actions"], second["n_stale"], second["share_on_schedule"]) == (2, 1, 0.5)
    whole = action_rollup(states).iloc[0]
    assert whole["n_actions"] == 5 and whole["share_on_schedule"] == 2 / 4


def test_rollup_of_only_discontinued_actions_has_no_share():
    states = pd.DataFrame({"status": ["discontinued"], "stale": [False]})
    assert math.isnan(action_rollup(states).iloc[0]["share_on_schedule"])


def test_status_words_cover_every_status_in_both_languages_and_no_word_means_two():
    assert set(ACTION_STATUS_WORDS) == set(ACTION_STATUSES)
    words = [
        word.lower()
        for languages in ACTION_STATUS_WORDS.values()
        for lang in ("nl", "en")
        for word in languages[lang]
    ]
    assert len(words) == len(set(words))


_PERIODS = st.integers(quarter_index("2023Q1"), quarter_index("2029Q4")).map(period_from_index)
_HISTORIES = st.dictionaries(_PERIODS, st.sampled_from(ACTION_STATUSES), max_size=12)


@given(history=_HISTORIES, as_of=_PERIODS)
def test_order_of_reports_never_matters(history, as_of):
    reports = list(history.items())
    assert action_state(reports, as_of) == action_state(reversed(reports), as_of)


@given(history=_HISTORIES, as_of=_PERIODS)
def test_a_report_for_the_quarter_itself_is_never_stale(history, as_of):
    history[as_of] = "delayed"
    assert action_state(history.items(), as_of) == ("delayed", as_of, False)


@given(statuses=st.lists(st.sampled_from(ACTION_DISTRIBUTION_STATUSES), max_size=40))
def test_the_share_lies_between_zero_and_one_and_ignores_discontinued(statuses):
    counts = action_distribution(statuses)
    assert sum(counts.values()) == len(statuses)
    share = share_on_schedule(counts)
    more = share_on_schedule(action_distribution([*statuses, "discontinued"]))
    assert share == more
    if share is not None:
        assert 0 <= share <= 1
