"""The vocabularies are defined once (metrics.constants) and the database enforces exactly them."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pytest

from data import schema
from data.catalogue_store import insert_indicator_versions
from data.sql import transaction
from metrics import constants


def test_the_schema_reexports_the_methodology_vocabularies():
    assert schema.DIRECTIONS is constants.DIRECTIONS
    assert schema.TARGET_TYPES is constants.TARGET_TYPES
    assert schema.METHODS is constants.METHODS
    assert schema.FREQUENCIES is constants.FREQUENCIES
    assert schema.AGGREGATIONS is constants.AGGREGATIONS
    assert schema.FLAGS is constants.OBSERVATION_FLAGS


def test_every_frequency_has_a_staleness_interval_and_every_direction_a_sign():
    assert set(constants.FREQUENCIES) == set(constants.STALE_AFTER_QUARTERS)
    assert set(constants.DIRECTIONS) == set(constants.DIRECTION_SIGNS)


def test_flag_words_cover_every_stored_flag_and_no_word_means_two_flags():
    assert set(constants.FLAG_WORDS) == set(constants.OBSERVATION_FLAGS)
    words = [w for langs in constants.FLAG_WORDS.values() for ws in langs.values() for w in ws]
    assert len(words) == len(set(words))


def _indicator(con, **overrides):
    row = {
        "indicator_id": "IND-0001",
        "action_line_id": "AL01",
        "name_nl": "n",
        "name_en": "n",
        "unit_nl": "u",
        "unit_en": "u",
        "direction": "up",
        "target_type": "reach",
        "method": "linear",
        "frequency": "annual",
        "source": "s",
        "owner": "o",
        "aggregation": "sum",
        "decimals": 0,
        "scope": ["NL"],
    } | overrides
    with transaction(con) as cur:
        insert_indicator_versions(
            cur, pd.DataFrame([row]), recorded_at=datetime(2025, 1, 1), import_id=1
        )


@pytest.mark.parametrize(
    ("column", "values"),
    [
        ("direction", constants.DIRECTIONS),
        ("target_type", constants.TARGET_TYPES),
        ("method", constants.METHODS),
        ("frequency", constants.FREQUENCIES),
        ("aggregation", constants.AGGREGATIONS),
    ],
)
def test_the_database_accepts_each_word_of_a_vocabulary_and_nothing_else(
    structure_con, column, values
):
    for number, value in enumerate(values, start=1):
        _indicator(structure_con, indicator_id=f"IND-9{number:03d}", **{column: value})
    with pytest.raises(duckdb.ConstraintException):
        _indicator(structure_con, indicator_id="IND-9999", **{column: "something_else"})
