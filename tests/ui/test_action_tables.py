"""The action and duiding frames pages show (ui.action_tables, ui.narrative_tables) on the seed's
Kingdom hierarchy and hand-made action states: which actions a part counts and which it only
sees, the order, the filters, the counts, stale and untranslated marks, the histories."""

from __future__ import annotations

import random
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from data.actions import ACTION_STATE_COLUMNS
from data.seed import SEED_DIR
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from tests.scope_facts import covers
from ui.action_tables import (
    ATTENTION_ORDER,
    LINE_COLUMNS,
    NARRATIVE_CELL_CHARS,
    ActionFilter,
    action_counts,
    action_history_table,
    action_table,
    actions_in_view,
    filter_actions,
    filter_options,
    full_texts,
    milestones_text,
    sort_actions,
    status_changes,
    truncate,
)
from ui.i18n import t
from ui.narrative_tables import duiding_entries, duiding_history
from ui.palette import action_status_text

PARTS = pd.read_csv(SEED_DIR / "kingdom_parts.csv", keep_default_na=False).replace({"": None})
LINES = pd.read_csv(SEED_DIR / "action_lines.csv")
UNTRANSLATED = t("action_status.untranslated", "en")

SCOPES = {
    "AL01-A": "kingdom",
    "AL01-H": "kingdom",
    "AL05-C": "caribbean",
    "AL08-H": "caribbean_countries",
    "AL10-A": "eur_nl",
    "AL10-E": "caribbean_nl",
}


def _action(priority_id: str, part_id: str, status: str = "on_schedule", **extra) -> dict:
    """One row of ``data.actions.action_states``: defaults for a fresh, plain report."""
    row = {
        "objective_id": "O1",
        "action_line_id": priority_id.split("-")[0],
        "priority_id": priority_id,
        "letter": priority_id.split("-")[1],
        "scope": SCOPES[priority_id],
        "covers": covers(SCOPES[priority_id]),
        "summary_nl": f"Omschrijving {priority_id}",
        "summary_en": f"Summary {priority_id}",
        "part_id": part_id,
        "owed": True,
        "status": status,
        "reported_period": None if status == "not_reported" else "2025Q4",
        "stale": status == "not_reported",
        "status_since": None if status == "not_reported" else "2025Q4",
        "previous_status": status,
        "expected_completion": None,
        "responsible": None,
        "narrative": None,
        "narrative_en": None,
        "milestones": None,
        "recorded_at": None,
    }
    row.update(extra)
    return row


def _states(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(ACTION_STATE_COLUMNS))


STATES = _states(
    _action("AL01-A", "KINGDOM", "on_schedule"),
    _action("AL01-H", "AW", "at_risk", owed=False),
    _action("AL05-C", "AW", "delayed"),
    _action("AL05-C", "CAR_NL", "not_reported"),
    _action("AL05-C", "BQ-SA", "completed", owed=False),
    _action("AL08-H", "AW", "delayed"),
    _action("AL08-H", "CW", "not_started"),
    _action("AL10-A", "EUR_NL", "discontinued"),
    _action("AL10-E", "CAR_NL", "at_risk", stale=True, reported_period="2025Q2"),
    _action("AL10-E", "BQ-BO", "on_schedule", owed=False),
)


def _seen(part_id: str) -> set[tuple[str, str, bool]]:
    shown = actions_in_view(STATES, PARTS, part_id=part_id)
    return set(zip(shown["priority_id"], shown["part_id"], shown["counted"], strict=True))


def test_the_kingdom_counts_every_action():
    every = zip(STATES["priority_id"], STATES["part_id"], strict=True)
    assert _seen("KINGDOM") == {(priority_id, part_id, True) for priority_id, part_id in every}


def test_an_island_counts_its_own_and_sees_what_is_reported_above_it_without_counting_it():
    assert _seen("BQ-SA") == {
        ("AL01-A", "KINGDOM", False),  # Kingdom-wide, reported by the Kingdom
        ("AL05-C", "CAR_NL", False),  # Caribbean, reported by Caribbean Netherlands
        ("AL05-C", "BQ-SA", True),  # Saba's own report
        ("AL10-E", "CAR_NL", False),
    }


def test_a_part_counts_the_units_under_it_and_never_a_sibling():
    assert _seen("CAR_NL") == {
        ("AL01-A", "KINGDOM", False),
        ("AL05-C", "CAR_NL", True),
        ("AL05-C", "BQ-SA", True),
        ("AL10-E", "CAR_NL", True),
        ("AL10-E", "BQ-BO", True),
    }
    assert _seen("EUR_NL") == {("AL01-A", "KINGDOM", False), ("AL10-A", "EUR_NL", True)}
    assert _seen("AW") == {
        ("AL01-A", "KINGDOM", False),
        ("AL01-H", "AW", True),
        ("AL05-C", "AW", True),
        ("AL08-H", "AW", True),
    }


def test_a_report_above_the_part_on_a_priority_outside_its_scope_is_not_shown():
    # A European Netherlands priority reported by the Kingdom does not concern Saba.
    states = _states(_action("AL10-A", "KINGDOM", "delayed"))
    assert actions_in_view(states, PARTS, part_id="BQ-SA").empty
    assert len(actions_in_view(states, PARTS, part_id="NL")) == 1


def test_actions_are_sorted_delayed_and_at_risk_first_keeping_the_given_order_otherwise():
    shuffled = STATES.sample(frac=1, random_state=7).reset_index(drop=True)
    ordered = sort_actions(shuffled)
    ranks = [ATTENTION_ORDER.index(s) for s in ordered["status"]]
    assert ranks == sorted(ranks)
    assert list(ordered["status"][:4]) == ["delayed", "delayed", "at_risk", "at_risk"]
    assert list(ordered["status"][-2:]) == ["completed", "discontinued"]

    def keys(frame: pd.DataFrame, status: str) -> list[tuple[str, str]]:
        rows = frame.loc[frame["status"] == status]
        return list(zip(rows["priority_id"], rows["part_id"], strict=True))

    for status in ATTENTION_ORDER:
        assert keys(ordered, status) == keys(shuffled, status), "equal statuses keep their order"


def test_attention_order_is_a_permutation_of_every_action_status():
    assert sorted(ATTENTION_ORDER) == sorted(ACTION_DISTRIBUTION_STATUSES)
    assert ATTENTION_ORDER[:4] == ("delayed", "at_risk", "not_reported", "not_started")


def test_each_filter_narrows_the_rows_and_an_empty_filter_keeps_them_all():
    states = STATES.assign(responsible=["Defensie", "Aruba", "Aruba", None, "Saba"] + [None] * 5)
    assert filter_actions(states, ActionFilter()).equals(states)
    delayed = filter_actions(states, ActionFilter(statuses=("delayed",)))
    assert set(delayed["status"]) == {"delayed"} and len(delayed) == 2
    aruba = filter_actions(states, ActionFilter(part_ids=("AW",)))
    assert set(aruba["part_id"]) == {"AW"} and len(aruba) == 3
    line = filter_actions(states, ActionFilter(action_line_ids=("AL05", "AL08")))
    assert set(line["action_line_id"]) == {"AL05", "AL08"} and len(line) == 5
    organisation = filter_actions(states, ActionFilter(responsible=("Aruba",)))
    assert len(organisation) == 2
    both = filter_actions(states, ActionFilter(statuses=("delayed",), responsible=("Aruba",)))
    assert list(both["priority_id"]) == ["AL05-C"]


def test_filter_options_follow_the_strategy_and_the_hierarchy():
    states = STATES.assign(responsible=["b", "A", " ", None, "a"] + [None] * 5)
    options = filter_options(states, PARTS, LINES, lang="nl")
    assert list(options.statuses) == list(ATTENTION_ORDER)
    assert options.statuses["delayed"] == action_status_text("delayed", "nl")
    assert list(options.parts) == ["KINGDOM", "EUR_NL", "CAR_NL", "AW", "CW", "BQ-BO", "BQ-SA"]
    assert list(options.action_lines) == ["AL01", "AL05", "AL08", "AL10"]
    assert options.action_lines["AL01"].startswith("AL01 · ")
    assert list(options.responsible) == ["A", "a", "b"]


def test_the_counts_are_those_of_the_counted_actions_only():
    saba = action_counts(actions_in_view(STATES, PARTS, part_id="BQ-SA"))
    assert saba.n_actions == 1 and saba.counts["completed"] == 1 and saba.share_on_schedule == 1.0
    car_nl = action_counts(actions_in_view(STATES, PARTS, part_id="CAR_NL"))
    # not_reported, completed, at_risk (stale), on_schedule: 2 of 4 on schedule
    assert car_nl.n_actions == 4 and car_nl.n_stale == 2
    assert car_nl.counts["not_reported"] == 1 and car_nl.counts["at_risk"] == 1
    assert car_nl.share_on_schedule == pytest.approx(0.5)
    assert sum(car_nl.counts.values()) == car_nl.n_actions


def test_discontinued_actions_leave_the_share_and_nothing_counted_gives_no_share():
    europe = action_counts(actions_in_view(STATES, PARTS, part_id="EUR_NL"))
    assert europe.n_actions == 1 and europe.counts["discontinued"] == 1
    assert europe.share_on_schedule is None
    nothing = action_counts(actions_in_view(STATES, PARTS, part_id="SX"))
    assert nothing.n_actions == 0 and nothing.share_on_schedule is None


def test_the_table_marks_stale_statuses_and_the_actions_reported_above():
    shown = actions_in_view(STATES, PARTS, part_id="BQ-SA")
    table = action_table(shown, PARTS, lang="nl")
    assert list(table.columns) == [
        "Prioriteit",
        "Deel",
        "Actiestatus",
        "Sinds",
        "Verwacht gereed",
        "Verantwoordelijk",
        "Toelichting",
        "Gerapporteerd over",
    ]
    by_part = dict(
        zip(table["Prioriteit"] + " | " + table["Deel"], table["Actiestatus"], strict=True)
    )
    above = t("actions.reported_above", "nl", part="Caribisch Nederland")
    assert (
        by_part[f"AL10-E · Omschrijving AL10-E | {above}"] == "◐ Risico op vertraging (verouderd)"
    )
    assert by_part["AL05-C · Omschrijving AL05-C | Saba"] == "● Afgerond"
    not_reported = table.loc[table["Actiestatus"].str.startswith("?")].iloc[0]
    assert not_reported["Actiestatus"] == action_status_text("not_reported", "nl", stale=True)
    assert not_reported["Sinds"] is None and not_reported["Gerapporteerd over"] is None


def test_an_action_lines_table_shows_the_letter_and_milestones():
    states = _states(
        _action(
            "AL10-A",
            "EUR_NL",
            "delayed",
            milestones=np.array(
                [{"quarter": "2026Q4", "text": "Wet"}, {"quarter": "2026Q2", "text": "Raad"}]
            ),
            expected_completion="2028Q2",
            responsible="JenV",
        )
    )
    table = action_table(states.assign(counted=True), PARTS, lang="en", columns=LINE_COLUMNS)
    row = table.iloc[0]
    assert row["Letter"] == "A" and row["Part"] == "European Netherlands"
    assert row["Milestones"] == f"2026Q2: Raad; 2026Q4: Wet {UNTRANSLATED}"
    assert row["Expected by"] == "2028Q2" and row["Responsible"] == "JenV"


def test_narratives_are_in_the_readers_language_and_marked_when_untranslated():
    long_dutch = "woord " * 100
    states = _states(
        _action("AL01-A", "KINGDOM", narrative="Loopt goed.", narrative_en="Going well."),
        _action("AL01-H", "AW", narrative="Alleen Nederlands."),
        _action("AL08-H", "AW", narrative=long_dutch.strip()),
    ).assign(counted=True)
    english = list(action_table(states, PARTS, lang="en")["Narrative"])
    dutch = list(action_table(states, PARTS, lang="nl")["Toelichting"])
    assert english[0] == "Going well." and dutch[0] == "Loopt goed."
    assert english[1] == f"Alleen Nederlands. {UNTRANSLATED}" and dutch[1] == "Alleen Nederlands."
    # Cut in the cell, the mark kept after the cut; the full text one click away.
    assert english[2].endswith(f" … {UNTRANSLATED}")
    assert len(dutch[2]) <= NARRATIVE_CELL_CHARS + 2
    (_, _, (_, full)) = full_texts(states, PARTS, lang="en")
    assert full == f"{long_dutch.strip()} {UNTRANSLATED}"


def test_full_texts_list_only_actions_with_something_to_read():
    states = _states(
        _action("AL01-A", "KINGDOM"),
        _action("AL10-A", "EUR_NL", milestones=[{"quarter": "2026Q2", "text": "Wet"}]),
    ).assign(counted=[False, True])
    ((heading, text),) = full_texts(states, PARTS, lang="nl")
    assert heading == "AL10-A · Europees Nederland · 2025Q4"
    assert text == t("actions.milestones", "nl", milestones="2026Q2: Wet")


def test_truncate_cuts_at_a_word_and_leaves_short_or_missing_text_alone():
    assert truncate("kort", 10) == "kort"
    assert truncate(None, 10) is None
    assert truncate("een twee drie vier", 12) == "een twee …"
    assert truncate("x" * 20, 5) == "xxxxx …"


def test_milestones_without_any_are_empty():
    assert milestones_text(None, "nl") == ""
    assert milestones_text(float("nan"), "nl") == ""
    assert milestones_text([], "en") == ""


def test_the_priority_is_named_by_id_and_summary_in_english_where_no_dutch_one_exists():
    states = STATES.iloc[:2].assign(counted=True)
    english = action_table(states, PARTS, lang="en")["Priority"]
    assert list(english) == ["AL01-A · Summary AL01-A", "AL01-H · Summary AL01-H"]
    marked = action_table(states.assign(summary_nl=None), PARTS, lang="nl")["Prioriteit"]
    assert marked.iloc[0] == f"AL01-A · Summary AL01-A {t('priority.in_english', 'nl')}"


def test_the_history_lists_the_shown_parts_reports_up_to_the_quarter_newest_first():
    history = pd.DataFrame(
        {
            "priority_id": ["AL10-E"] * 4 + ["AL10-A"],
            "part_id": ["CAR_NL", "CAR_NL", "BQ-BO", "CAR_NL", "EUR_NL"],
            "period": ["2025Q1", "2025Q2", "2025Q2", "2026Q1", "2025Q3"],
            "status": ["on_schedule", "at_risk", "delayed", "completed", "delayed"],
            "expected_completion": ["2026Q4", None, None, None, None],
            "responsible": ["RCN", "RCN", None, "RCN", None],
            "narrative": ["Start.", None, "Bonaire.", None, None],
            "narrative_en": [None, None, "Bonaire (en).", None, None],
            "milestones": [None] * 5,
            "recorded_at": [datetime(2025, 4, 2, 10, 30)] * 5,
            "import_id": [1] * 5,
        }
    )
    table = action_history_table(
        history,
        PARTS,
        priority_ids=["AL10-E", "AL10-A"],
        part_ids={"CAR_NL", "EUR_NL"},
        quarter="2025Q4",
        lang="en",
    )
    assert list(zip(table["Priority"], table["Quarter"], strict=True)) == [
        ("AL10-E", "2025Q2"),
        ("AL10-E", "2025Q1"),
        ("AL10-A", "2025Q3"),
    ]
    assert list(table["Action status"][:2]) == ["◐ At risk", "► On schedule"]
    assert table["Narrative"].iloc[1] == f"Start. {UNTRANSLATED}"
    assert table["Recorded at"].iloc[0] == "2025-04-02 10:30"
    assert table["Part"].iloc[2] == "European Netherlands"


def test_status_changes_list_the_actions_whose_status_moved_most_urgent_first():
    states = _states(
        _action("AL01-A", "KINGDOM", "on_schedule", previous_status="on_schedule"),
        _action("AL01-H", "AW", "completed", previous_status="on_schedule"),
        _action("AL08-H", "AW", "delayed", previous_status="on_schedule"),
    ).assign(counted=True)
    changes = status_changes(states, PARTS, lang="nl")
    assert list(changes["Prioriteit"].str[:6]) == ["AL08-H", "AL01-H"]
    assert list(changes["Vorig kwartaal"]) == ["► Op schema", "► Op schema"]
    assert list(changes["Actiestatus"]) == ["■ Vertraagd", "● Afgerond"]


NARRATIVES = pd.DataFrame(
    {
        "action_line_id": ["AL10", "AL10", "AL10", "AL05"],
        "part_id": ["CAR_NL", "BQ-SA", "EUR_NL", "CAR_NL"],
        "period": ["2025Q2", "2025Q4", "2025Q4", "2025Q4"],
        "text": ["Caribisch Nederland.", "Saba.", "Europees.", "Andere lijn."],
        "text_en": [None, "Saba (en).", None, None],
        "recorded_at": [datetime(2026, 1, 5)] * 4,
    }
)


def test_the_duiding_is_the_parts_own_first_then_each_unit_under_it():
    entries = duiding_entries(
        NARRATIVES, PARTS, action_line_id="AL10", part_id="CAR_NL", quarter="2025Q4", lang="en"
    )
    assert [(e.part_id, e.period, e.older) for e in entries] == [
        ("CAR_NL", "2025Q2", True),
        ("BQ-SA", "2025Q4", False),
    ]
    assert entries[0].text == f"Caribisch Nederland. {UNTRANSLATED}"
    assert entries[1].text == "Saba (en)." and entries[1].part_name == "Saba"
    saba = duiding_entries(
        NARRATIVES, PARTS, action_line_id="AL10", part_id="BQ-SA", quarter="2025Q4", lang="nl"
    )
    assert [(e.part_id, e.text) for e in saba] == [("BQ-SA", "Saba.")]


def test_the_duiding_history_keeps_the_part_and_its_units_up_to_the_quarter_newest_first():
    history = NARRATIVES.loc[NARRATIVES["action_line_id"] == "AL10"].assign(
        period=["2025Q2", "2026Q1", "2025Q3"]
    )
    table = duiding_history(history, PARTS, part_id="KINGDOM", quarter="2025Q4", lang="nl")
    assert list(table["Kwartaal"]) == ["2025Q3", "2025Q2"]
    assert list(table["Deel"]) == ["Europees Nederland", "Caribisch Nederland"]


@pytest.mark.parametrize("seed", range(5))
def test_counting_never_depends_on_the_row_order(seed):
    rows = STATES.sample(frac=1, random_state=random.Random(seed).randrange(1000))
    for part_id in ("KINGDOM", "CAR_NL", "BQ-SA", "AW"):
        assert action_counts(actions_in_view(rows, PARTS, part_id=part_id)) == action_counts(
            actions_in_view(STATES, PARTS, part_id=part_id)
        )
