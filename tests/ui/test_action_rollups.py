"""The actions of a part rolled up per part and group, the matrix cells and the actions that need
attention (ui.action_rollups) on the hand-made case of tests/data/action_case.py, against its
hand-computed numbers and against what the Action lines page counts (ui.action_tables)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from data.actions import action_states
from data.seed import SEED_DIR
from data.sql import transaction
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import ACTION_STALE_AFTER_QUARTERS
from metrics.errors import MetricError
from tests.data.action_case import (
    ACTION_LINE,
    CASE_QUARTER,
    EXPECTED_ROLLUPS,
    NO_ACTIONS,
    write_action_case,
)
from ui.action_rollups import (
    action_cell,
    action_counts_text,
    action_distribution_rows,
    action_distribution_table,
    action_rollups,
    attention_help,
    needing_attention,
)
from ui.action_tables import action_counts, actions_in_view
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


def test_a_parts_roll_up_counts_the_actions_reported_by_it_and_the_units_below_it(states):
    whole = action_rollups(states, PARTS)
    assert set(whole["scope_part_id"]) <= set(PARTS["part_id"])
    for part_id in whole["scope_part_id"]:
        inside = states.loc[states["part_id"].isin(subtree(PARTS, part_id))]
        row = whole.loc[whole["scope_part_id"] == part_id].iloc[0]
        assert int(row["n_actions"]) == len(inside), part_id
        for status in ACTION_DISTRIBUTION_STATUSES:
            assert int(row[status]) == int((inside["status"] == status).sum()), (part_id, status)
    # The Kingdom counts every action once; Saba, which owes and reports nothing, has no row.
    kingdom = whole.loc[whole["scope_part_id"] == "KINGDOM"].iloc[0]
    assert int(kingdom["n_actions"]) == len(states)
    assert "BQ-SA" not in set(whole["scope_part_id"])


@pytest.mark.parametrize("part_id", sorted(EXPECTED_ROLLUPS))
def test_a_cell_has_the_numbers_the_action_lines_page_shows_for_the_same_line_and_part(
    states, by_line, part_id
):
    # The Action lines page counts a line's actions for a part with ui.action_tables: the
    # counted actions in view, rolled up. The matrix cell must say the same.
    seen = actions_in_view(states, PARTS, part_id=part_id)
    counts = action_counts(seen.loc[seen["action_line_id"] == ACTION_LINE])
    cell = action_cell(by_line, PARTS, action_line_id=ACTION_LINE, part_id=part_id, lang="nl")
    assert (cell.n_actions, cell.n_stale, cell.share_on_schedule) == (
        counts.n_actions,
        counts.n_stale,
        counts.share_on_schedule,
    )
    assert cell.text.split(" (")[0] == action_counts_text(counts.counts)


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
    # The same actions as the part's cards (ui.action_tables.action_counts) count.
    totals = action_counts(actions_in_view(states, PARTS, part_id="CAR_C"))
    for status in ACTION_DISTRIBUTION_STATUSES:
        assert int(rows[status].sum()) == totals.counts[status], status
    assert (int(rows["n_actions"].sum()), int(rows["n_stale"].sum())) == (
        totals.n_actions,
        totals.n_stale,
    )
    table = action_distribution_table(rows, key_label="Action line", lang="en")
    assert list(table.columns[1:8]) == [
        action_status_text(status, "en") for status in ACTION_DISTRIBUTION_STATUSES
    ]
    assert table.loc[rows["action_line_id"] == "AL05", "Share on schedule"].item() == "0%"


def test_the_actions_needing_attention_are_the_counted_delayed_at_risk_and_stale_ones(states):
    seen = actions_in_view(states, PARTS, part_id="CAR_C")
    needs = needing_attention(seen)
    line = needs.loc[needs["action_line_id"] == ACTION_LINE]
    # Curaçao's delayed (and stale) action and Sint Maarten's never reported one; Aruba's
    # discontinued one never goes stale.
    assert list(zip(line["part_id"], line["status"], strict=True)) == [
        ("CW", "delayed"),
        ("SX", "not_reported"),
    ]
    assert needs["counted"].all()
    assert (needs["status"].isin(("delayed", "at_risk")) | needs["stale"]).all()
    # Actions reported above the part are shown on the Actions page, never counted here.
    assert not needs["part_id"].isin(["KINGDOM"]).any()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_attention_help_names_the_statuses_and_the_staleness_rule(lang):
    text = attention_help(lang)
    for status in ("delayed", "at_risk", "completed", "discontinued"):
        assert t(f"action_status.{status}", lang) in text
    assert str(ACTION_STALE_AFTER_QUARTERS) in text
