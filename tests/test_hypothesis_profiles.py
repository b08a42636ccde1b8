"""The Hypothesis profiles of tests/conftest.py: which one loads, and what a test's own budget does."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import CI_EXAMPLES, DEV_EXAMPLES, hypothesis_profile, scaled_examples


@pytest.mark.parametrize(
    ("environ", "profile"),
    [
        ({}, "dev"),
        ({"CI": "true"}, "ci"),
        ({"CI": "1"}, "ci"),
        ({"CI": "false"}, "dev"),
        ({"CI": ""}, "dev"),
        ({"HYPOTHESIS_PROFILE": "ci"}, "ci"),
        ({"CI": "true", "HYPOTHESIS_PROFILE": "dev"}, "dev"),
    ],
)
def test_ci_gets_the_full_profile_and_a_local_run_the_quick_one(environ, profile):
    assert hypothesis_profile(environ) == profile


def test_the_ci_profile_runs_every_example_derandomised_without_a_deadline():
    ci = settings.get_profile("ci")
    assert ci.max_examples == CI_EXAMPLES == 100
    assert ci.derandomize
    assert ci.deadline is None
    assert ci.database is None


def test_the_dev_profile_runs_fewer_examples_without_a_deadline():
    dev = settings.get_profile("dev")
    assert dev.max_examples == DEV_EXAMPLES < CI_EXAMPLES
    assert dev.deadline is None


def test_the_loaded_profile_is_the_one_the_environment_asks_for(request):
    if request.config.getoption("hypothesis_profile", None):
        pytest.skip("--hypothesis-profile chose the profile on the command line")
    assert settings.get_current_profile_name() == hypothesis_profile(os.environ)


def test_a_test_without_its_own_budget_runs_the_profiles_number_of_examples():
    calls = []

    @settings(database=None)
    @given(st.integers())
    def property_test(value):
        calls.append(value)

    property_test()
    assert len(calls) == settings().max_examples


def test_a_tests_own_max_examples_overrides_either_profile():
    calls = []

    @settings(max_examples=37, database=None)
    @given(st.integers())
    def property_test(value):
        calls.append(value)

    property_test()
    assert len(calls) == 37


@pytest.fixture
def load_profile() -> Iterator[Callable[[str], None]]:
    """Load a profile for one test; the one loaded before comes back afterwards."""
    before = settings.get_current_profile_name()
    try:
        yield settings.load_profile
    finally:
        settings.load_profile(before)


def test_a_scaled_budget_is_whole_under_ci_and_a_fifth_under_dev(load_profile):
    load_profile("ci")
    assert [scaled_examples(n) for n in (150, 60, 30, 20, 1)] == [150, 60, 30, 20, 1]
    load_profile("dev")
    assert [scaled_examples(n) for n in (150, 60, 30, 20, 1)] == [30, 12, 6, 4, 1]
