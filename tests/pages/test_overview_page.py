"""The Overview on the demo data: the headline figures (objectives, action lines, indicators,
values) count what applies to the chosen part, and say so; the status cards count that part's
series; beside them, never merged, the part's actions (its own and its units'), and what changed
since the quarter before for the series and for the actions, each in its own table."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.queries import reference_data
from data.store import open_reader
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.periods import shift_period
from tests.data.headline_reference import hand_count
from tests.pages.action_case_db import (
    assert_action_cards,
    demo_with_actions,
    hand_counts,
    part_name,
    rule_text,
)
from tests.pages.conftest import APP
from ui.i18n import t
from ui.palette import action_status_text

HEADLINE = ("objectives", "action_lines", "indicators", "observations")


@pytest.fixture
def latest(demo_db) -> str:
    with contextlib.closing(open_reader(demo_db)) as con:
        return reference_data(con).latest_quarter


def _overview(part: str, lang: str, quarter: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in {"part": part, "lang": lang, "q": quarter}.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _metrics(at: AppTest, lang: str) -> dict[str, int]:
    values = {metric.label: metric.value for metric in at.metric}
    separator = "." if lang == "nl" else ","

    def number(key: str) -> int:
        return int(values[t(key, lang)].replace(separator, ""))

    counts = {name: number(f"overview.count.{name}") for name in HEADLINE}
    counts["series"] = number("overview.count.series")
    return counts


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sabas_headline_differs_from_the_kingdoms_and_matches_a_hand_count(
    demo_app_db, latest, lang
):
    saba = _metrics(_overview("BQ-SA", lang, latest), lang)
    kingdom = _metrics(_overview("KINGDOM", lang, latest), lang)
    with contextlib.closing(open_reader(demo_app_db)) as con:
        for part, shown in (("BQ-SA", saba), ("KINGDOM", kingdom)):
            expected = hand_count(con, part_id=part, as_of=latest)
            assert {name: shown[name] for name in HEADLINE} == expected, part
    assert saba["indicators"] < kingdom["indicators"]
    assert saba["observations"] < kingdom["observations"]
    # Saba reports each of its indicators once: its indicators are its series.
    assert saba["indicators"] == saba["series"]


def test_the_headline_follows_the_part_chosen_in_the_sidebar(demo_app_db, latest):
    at = _overview("KINGDOM", "en", latest)
    kingdom = _metrics(at, "en")
    at.sidebar.selectbox(key="part").select("CAR_NL").run()
    assert not at.exception
    caribbean = _metrics(at, "en")
    assert caribbean["indicators"] < kingdom["indicators"]
    with contextlib.closing(open_reader(demo_app_db)) as con:
        expected = hand_count(con, part_id="CAR_NL", as_of=latest)
    assert {name: caribbean[name] for name in HEADLINE} == expected


@pytest.mark.parametrize(
    ("part", "key", "name"),
    [
        ("KINGDOM", "kingdom", ""),
        ("CAR_NL", "part", "Caribbean Netherlands"),
        ("BQ-SA", "entity", "Saba"),
    ],
)
def test_the_headline_says_it_counts_what_applies_to_the_part(demo_app_db, latest, part, key, name):
    at = _overview(part, "en", latest)
    expected = t(f"headline_scope.{key}", "en", part=name, quarter=latest)
    assert expected in [caption.value for caption in at.caption]
    assert ("below it" in expected) == (part == "CAR_NL")


# Actions beside the series: the demo with the hand-made action case at its latest quarter.


@pytest.fixture(scope="module")
def actions_db(demo_db, tmp_path_factory) -> tuple[Path, str]:
    return demo_with_actions(demo_db, tmp_path_factory.mktemp("overview_actions"))


@pytest.fixture
def actions_app_db(actions_db, monkeypatch) -> tuple[Path, str]:
    monkeypatch.setenv("MONITOR_DB", str(actions_db[0]))
    return actions_db


@pytest.mark.parametrize("part", ["KINGDOM", "CAR_NL", "AW", "BQ-SA"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_overview_shows_the_parts_actions_beside_its_series(actions_app_db, part, lang):
    db, quarter = actions_app_db
    at = _overview(part, lang, quarter)
    counts = hand_counts(db, part_id=part, quarter=quarter)
    assert_action_cards(at, counts, part=part, lang=lang)
    # The series keep their own cards; nothing merged into one score.
    assert t("overview.count.series", lang) in [metric.label for metric in at.metric]
    assert t("action_rollups.heading", lang, part=part_name(part, lang)) in [
        element.value for element in at.header
    ]
    assert rule_text(part, lang) in [element.value for element in at.caption]
    # The action distribution per objective adds up to the same actions; none: words, no zeros.
    # (statuses as rows, one column per objective).
    measure = t("action_rollups.measure", lang)
    per_objective = [
        frame.value.set_index(measure)
        for frame in at.dataframe
        if measure in frame.value.columns
        and action_status_text("not_reported", lang) in set(frame.value[measure])
    ]
    if not counts["n_actions"]:
        assert not per_objective
        return
    (table,) = per_objective
    with contextlib.closing(open_reader(db)) as con:
        objectives = reference_data(con).objectives
    assert [column.split(" · ")[0] for column in table.columns] == list(objectives["objective_id"])
    actions = table.loc[t("actions.count.actions", lang)]
    assert sum(int(n) for n in actions) == counts["n_actions"]
    for status in ACTION_DISTRIBUTION_STATUSES:
        shown = sum(int(n) for n in table.loc[action_status_text(status, lang)])
        assert shown == counts[status], status


def _action_changes(at: AppTest, lang: str):
    """The table of action status changes: a priority and a previous-quarter column."""
    wanted = {t("actions.column.priority", lang), t("actions.column.previous", lang)}
    return next(frame.value for frame in at.dataframe if wanted <= set(frame.value.columns))


@pytest.mark.parametrize("part", ["KINGDOM", "EUR_NL"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_what_changed_lists_an_action_whose_status_changed_beside_the_series(
    actions_app_db, part, lang
):
    # The case reports AL05-A for European Netherlands on schedule in the quarter before and
    # completed in this one.
    _, quarter = actions_app_db
    at = _overview(part, lang, quarter)
    previous = shift_period(quarter, -1)
    assert t("compare.heading", lang, quarter=quarter, other=previous) in [
        element.value for element in at.header
    ]
    labels = [element.value for element in at.markdown]
    assert f"**{t('action_rollups.changes_series', lang)}**" in labels
    assert f"**{t('action_rollups.changes_actions', lang)}**" in labels
    changes = _action_changes(at, lang)
    priority = changes[t("actions.column.priority", lang)]
    row = changes.loc[
        priority.str.startswith("AL05-A · ")
        & (changes[t("actions.column.part", lang)] == part_name("EUR_NL", lang))
    ]
    assert len(row) == 1
    assert row[t("actions.column.previous", lang)].item() == action_status_text("on_schedule", lang)
    assert row[t("actions.column.status", lang)].item() == action_status_text("completed", lang)
    # The series' changes are a table of their own, with their own columns.
    series = [frame.value for frame in at.dataframe if t("table.indicator", lang) in frame.value]
    assert all(t("actions.column.priority", lang) not in frame.columns for frame in series)


def test_what_changed_in_a_part_counts_its_own_actions_and_marks_those_reported_above(
    actions_app_db,
):
    _, quarter = actions_app_db
    at = _overview("CAR_C", "en", quarter)
    shown = set(_action_changes(at, "en")[t("actions.column.part", "en")])
    own = {"Caribbean countries", "Aruba", "Curaçao", "Sint Maarten"}
    above = t("actions.reported_above", "en", part="Kingdom of the Netherlands")
    assert shown <= own | {above}
    assert "European Netherlands" not in shown
