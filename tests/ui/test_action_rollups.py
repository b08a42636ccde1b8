"""The actions of a part and their roll-ups, cells and lists (ui.action_rollups, ui.action_lists)
on the hand-made case of tests/data/action_case.py, against its hand-computed numbers."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from data.actions import action_states
from data.seed import SEED_DIR
from data.sql import transaction
from metrics.actions import ACTION_DISTRIBUTION_STATUSES, action_rollup
from metrics.errors import MetricError
from tests.data.action_case import (
    ACTION_LINE,
    CASE_QUARTER,
    EXPECTED_CHANGES,
    EXPECTED_ROLLUPS,
    NO_ACTIONS,
    write_action_case,
)
from ui.action_lists import action_status_changes, attention_actions
from ui.action_rollups import (
    action_cell,
    action_counts_text,
    action_distribution_rows,
    action_distribution_table,
    action_rollups,
    action_totals,
    part_actions,
)
from ui.i18n import t
from ui.kingdom import subtree
from ui.palette import action_status_text
from ui.rollup_tables import matrix_rows

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})


@pytest.fixture
def states(structure_con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    with transaction(structure_con) as cur:
        write_action_case(cur)
    return action_states(structure_con, quarter=CASE_QUARTER)


@pytest.fixture
def by_line(states) -> pd.DataFrame:
    return action_rollups(states, PARTS, by=("action_line_id",))


def _line_row(by_line, part_id):
    rows = by_line.loc[
        (by_line["scope_part_id"] == part_id) & (by_line["action_line_id"] == "AL05")
    ]
    return rows.iloc[0] if len(rows) else None


@pytest.mark.parametrize("part_id", sorted(EXPECTED_ROLLUPS))
def test_each_parts_roll_up_of_the_line_matches_the_hand_count(by_line, part_id):
    counts, n_actions, n_stale, share = EXPECTED_ROLLUPS[part_id]
    row = _line_row(by_line, part_id)
    assert {status: int(row[status]) for status in ACTION_DISTRIBUTION_STATUSES} == counts
    assert (int(row["n_actions"]), int(row["n_stale"])) == (n_actions, n_stale)
    if share is None:
        assert pd.isna(row["share_on_schedule"])
    else:
        assert row["share_on_schedule"] == share


@pytest.mark.parametrize("part_id", NO_ACTIONS)
def test_a_part_without_actions_on_the_line_has_no_row_and_says_so(by_line, part_id):
    assert _line_row(by_line, part_id) is None
    cell = action_cell(by_line, PARTS, action_line_id=ACTION_LINE, part_id=part_id, lang="en")
    assert (cell.n_actions, cell.text, cell.share_on_schedule) == (0, "no actions", None)


def test_the_actions_of_a_part_are_its_own_and_those_of_the_units_below_it(states):
    caribbean = part_actions(states, PARTS, part_id="CAR_C")
    assert set(caribbean["part_id"]) <= {"CAR_C", "AW", "CW", "SX"}
    own = [int((states["part_id"] == unit).sum()) for unit in ("CAR_C", "AW", "CW", "SX")]
    assert len(caribbean) == sum(own) and own[1] > 0
    assert len(part_actions(states, PARTS, part_id="KINGDOM")) == len(states)
    with pytest.raises(MetricError, match="not a Kingdom part"):
        part_actions(states, PARTS, part_id="ATLANTIS")


def test_the_totals_of_a_part_are_the_roll_up_of_every_action_it_counts(states):
    totals = action_rollups(states, PARTS)
    for part_id in PARTS["part_id"]:
        expected = action_rollup(states.loc[states["part_id"].isin(subtree(PARTS, part_id))])
        shown = action_totals(totals, part_id)
        for column in (*ACTION_DISTRIBUTION_STATUSES, "n_actions", "n_stale"):
            assert shown[column] == int(expected.iloc[0][column]), (part_id, column)
    # Nothing is owed by Saba and Saba reported nothing: zeros, no share.
    saba = action_totals(totals, "BQ-SA")
    assert saba["n_actions"] == 0 and saba["share_on_schedule"] is None
    with pytest.raises(MetricError, match="without grouping"):
        action_totals(action_rollups(states, PARTS, by=("action_line_id",)), "KINGDOM")


def test_a_roll_up_refuses_an_unknown_grouping(states):
    with pytest.raises(MetricError, match="cannot group by responsible"):
        action_rollups(states, PARTS, by=("responsible",))


@pytest.mark.parametrize(("lang", "share"), [("nl", "50 %"), ("en", "50%")], ids=["nl", "en"])
def test_the_kingdoms_cell_shows_the_counts_in_symbols_and_in_words(by_line, lang, share):
    cell = action_cell(by_line, PARTS, action_line_id=ACTION_LINE, part_id="KINGDOM", lang=lang)
    assert cell.text == f"● 1 · ► 1 · ■ 1 · ⊘ 3 · ? 1 ({share})"
    assert (cell.n_actions, cell.n_stale, cell.share_on_schedule) == (7, 2, 0.5)
    assert f"{t('action_status.discontinued', lang)}: 3" in cell.words
    assert t("action_rollups.stale_words", lang, n=2) in cell.words
    assert cell.help.startswith(t("action_rollups.level_kingdom", lang) + ": ")


def test_the_counts_text_leaves_zero_counts_out():
    counts = dict.fromkeys(ACTION_DISTRIBUTION_STATUSES, 0) | {"delayed": 2, "not_reported": 1}
    assert action_counts_text(counts) == "■ 2 · ? 1"


def test_the_matrix_rows_carry_the_same_action_cells_beside_the_series_cells(by_line):
    lines = pd.DataFrame(
        {"action_line_id": ["AL05"], "objective_id": ["OBJ2"], "name_nl": ["x"], "name_en": ["x"]}
    )
    series = pd.DataFrame(columns=["scope_part_id", "action_line_id", "n_series", "share_on_track"])
    part_ids = ["KINGDOM", "EUR_NL", "CAR_C", "CAR_NL"]
    (row,) = matrix_rows(series, lines, PARTS, part_ids=part_ids, lang="nl", action_rollups=by_line)
    assert [cell.part_id for cell in row.actions] == part_ids
    for cell in row.actions:
        assert cell == action_cell(
            by_line, PARTS, action_line_id="AL05", part_id=cell.part_id, lang="nl"
        )
    assert [cell.text for cell in row.cells] == ["geen reeksen"] * len(part_ids)


def test_the_distribution_per_action_line_adds_up_to_the_parts_totals(states):
    lines = (
        states[["action_line_id"]].drop_duplicates().assign(name_en=lambda f: f["action_line_id"])
    )
    rows = action_distribution_rows(
        action_rollups(states, PARTS, by=("action_line_id",)),
        lines,
        key="action_line_id",
        part_id="CAR_C",
        lang="en",
    )
    totals = action_totals(action_rollups(states, PARTS), "CAR_C")
    for column in (*ACTION_DISTRIBUTION_STATUSES, "n_actions", "n_stale"):
        assert int(rows[column].sum()) == totals[column], column
    table = action_distribution_table(rows, key_label="Action line", lang="en")
    assert list(table.columns[1:8]) == [
        action_status_text(status, "en") for status in ACTION_DISTRIBUTION_STATUSES
    ]
    assert table.loc[rows["action_line_id"] == "AL05", "Share on schedule"].item() == "0%"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_status_changes_list_the_actions_whose_status_changed(states, lang):
    changes = action_status_changes(states, PARTS, part_id="KINGDOM", lang=lang)
    priority = t("action_rollups.col_priority", lang)
    shown = {
        (priority_id, part): (before, now)
        for priority_id, part, before, now in changes[
            [
                priority,
                t("table.part", lang),
                t("table.previous_status", lang),
                t("table.status", lang),
            ]
        ].itertuples(index=False)
    }
    names = dict(zip(PARTS["part_id"], PARTS[f"name_{lang}"], strict=True))
    assert shown == {
        (priority_id, names[part_id]): (
            action_status_text(before, lang),
            action_status_text(now, lang),
        )
        for (priority_id, part_id), (before, now) in EXPECTED_CHANGES.items()
    }
    # Inside the Caribbean countries nothing changed.
    assert action_status_changes(states, PARTS, part_id="CAR_C", lang=lang).empty


def test_the_attention_list_puts_delayed_first_then_stale_and_leaves_final_statuses_out(states):
    table = attention_actions(states, PARTS, part_id="CAR_C", lang="en")
    # Curaçao's delayed action comes before every stale one; Aruba's discontinued one is absent.
    first = table.iloc[0]
    assert (first["Priority"], first["Part"]) == ("AL05-C", "Curaçao")
    assert first["Status"] == action_status_text("delayed", "en", stale=True)
    assert (first["Last reported for"], first["Status since"]) == ("2025Q4", "2025Q4")
    assert first["Expected completion"] == "2027Q2"
    assert first["Summary"].startswith("Expand the approach to subversive crime")
    line = table.loc[table["Priority"].str.startswith("AL05-")]
    assert list(zip(line["Part"], line["Status"], strict=True)) == [
        ("Curaçao", action_status_text("delayed", "en", stale=True)),
        ("Sint Maarten", action_status_text("not_reported", "en", stale=True)),
    ]
    assert set(table["Status"]) == {
        action_status_text("delayed", "en", stale=True),
        action_status_text("not_reported", "en", stale=True),
    }
