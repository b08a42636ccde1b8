from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ("objectives", 3),
        ("action_lines", 12),
        ("themes", 7),
        ("priorities", 84),
        ("interests", 6),
        ("kingdom_parts", 11),
        ("indicators", 33),
    ],
)
def test_seed_counts(structure_con, table, expected):
    assert structure_con.execute(f"SELECT count(*) FROM {table}").fetchall() == [(expected,)]


def test_kingdom_hierarchy_has_three_parts_and_seven_entities(structure_con):
    rows = structure_con.execute(
        "SELECT level, count(*) FROM kingdom_parts GROUP BY level ORDER BY level"
    ).fetchall()
    assert rows == [("entity", 7), ("kingdom", 1), ("part", 3)]
    parents = dict(
        structure_con.execute(
            "SELECT part_id, parent_id FROM kingdom_parts WHERE level = 'entity'"
        ).fetchall()
    )
    assert parents == {
        "NL": "EUR_NL",
        "AW": "CAR_C",
        "CW": "CAR_C",
        "SX": "CAR_C",
        "BQ-BO": "CAR_NL",
        "BQ-SE": "CAR_NL",
        "BQ-SA": "CAR_NL",
    }


def test_every_action_line_has_lettered_priorities_in_order(structure_con):
    rows = structure_con.execute(
        """
        SELECT action_line_id, string_agg(letter, '' ORDER BY letter)
        FROM priorities GROUP BY action_line_id ORDER BY action_line_id
        """
    ).fetchall()
    assert len(rows) == 12
    for _action_line, letters in rows:
        assert letters == "ABCDEFGHIJ"[: len(letters)]


def test_every_indicator_is_reported_somewhere(structure_con):
    unscoped = structure_con.execute(
        """
        SELECT indicator_id FROM indicators
        EXCEPT SELECT indicator_id FROM indicator_scope
        """
    ).fetchall()
    assert unscoped == []


def test_every_priority_has_a_dutch_and_an_english_summary(structure_con):
    rows = structure_con.execute(
        "SELECT priority_id, summary_en, summary_nl FROM priorities ORDER BY priority_id"
    ).fetchall()
    assert len(rows) == 84
    for priority_id, summary_en, summary_nl in rows:
        assert summary_en and summary_en.strip(), priority_id
        assert summary_nl and summary_nl.strip(), priority_id
        assert summary_nl.strip() != summary_en.strip(), priority_id
