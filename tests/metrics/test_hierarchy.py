from __future__ import annotations

import math

import pytest

from metrics.errors import MetricError
from metrics.hierarchy import ancestors, children, subtree

PARENTS = {
    "KINGDOM": None,
    "NL": "KINGDOM",
    "CAR_C": "KINGDOM",
    "AW": "CAR_C",
    "CW": "CAR_C",
    "CAR_NL": "KINGDOM",
    "BQ-BO": "CAR_NL",
}


def test_subtree_is_the_part_and_everything_below_it_in_order():
    assert subtree(PARENTS, "KINGDOM") == list(PARENTS)
    assert subtree(PARENTS, "CAR_C") == ["CAR_C", "AW", "CW"]
    assert subtree(PARENTS, "AW") == ["AW"]


def test_ancestors_run_from_the_part_up_to_the_kingdom():
    assert ancestors(PARENTS, "BQ-BO") == ["BQ-BO", "CAR_NL", "KINGDOM"]
    assert ancestors(PARENTS, "KINGDOM") == ["KINGDOM"]


def test_children_are_one_level_down():
    assert children(PARENTS, "KINGDOM") == ["NL", "CAR_C", "CAR_NL"]
    assert children(PARENTS, "AW") == []


def test_a_missing_parent_may_be_nan_as_pandas_reads_it():
    parents = {"KINGDOM": math.nan, "NL": "KINGDOM"}
    assert ancestors(parents, "NL") == ["NL", "KINGDOM"]


def test_an_unknown_part_is_a_metric_error():
    with pytest.raises(MetricError, match="XX"):
        subtree(PARENTS, "XX")


def test_a_cycle_is_reported_not_looped_forever():
    with pytest.raises(MetricError, match="cycle"):
        ancestors({"A": "B", "B": "A"}, "A")
