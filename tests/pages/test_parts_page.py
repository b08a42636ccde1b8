"""The Kingdom parts page on the demo data: the status cards and the profile table below them
count exactly the same series, and a sentence on the page says which set that is; beside them,
never merged, the part's actions (its own and its units') and those that need attention."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.sql import scalar
from data.store import open_reader
from metrics.constants import STATUSES
from tests.pages.action_case_db import (
    assert_action_cards,
    counted_actions,
    demo_with_actions,
    hand_counts,
    part_name,
    rule_text,
)
from tests.pages.conftest import APP
from ui import pages
from ui.action_tables import ATTENTION_ORDER
from ui.i18n import t
from ui.palette import action_status_text, status_text

# Every series reported in a part's subtree, counted straight from the catalogue's scope (each
# scope entry is one reported series), independently of the assessment and the roll-ups.
REPORTED_SERIES_SQL = """
SELECT count(*)
FROM indicator_scope
INNER JOIN part_tree ON part_tree.part_id = indicator_scope.part_id
WHERE part_tree.ancestor_id = $part_id
"""


def _parts_page(part: str, lang: str, quarter: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["part"] = part
    at.query_params["lang"] = lang
    if quarter:
        # The action case reports one quarter ahead too, which would be the default quarter.
        at.query_params["q"] = quarter
    at.run()
    at.switch_page(pages.PARTS.path).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _number(text: str, lang: str) -> int:
    return int(text.replace("." if lang == "nl" else ",", ""))


def _cards(at: AppTest, lang: str) -> dict[str, int]:
    """The status cards: the number of series and the count per status."""
    values = {metric.label: metric.value for metric in at.metric}
    cards = {"n_series": _number(values[t("overview.count.series", lang)], lang)}
    for status in STATUSES:
        cards[status] = _number(values[status_text(status, lang)], lang)
    return cards


def _profile_table(at: AppTest, lang: str):
    """The profile table (the one with a pace-ratio column)."""
    return next(frame.value for frame in at.dataframe if t("tables.col.ratio", lang) in frame.value)


@pytest.mark.parametrize("part", ["KINGDOM", "CAR_NL", "BQ-SA"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_cards_and_the_table_count_the_same_series(demo_app_db, part, lang):
    at = _parts_page(part, lang)
    cards = _cards(at, lang)
    table = _profile_table(at, lang)
    with contextlib.closing(open_reader(demo_app_db)) as con:
        reported = scalar(con, REPORTED_SERIES_SQL, {"part_id": part})
    assert cards["n_series"] == len(table) == reported > 0
    shown = table[t("table.status", lang)]
    for status in STATUSES:
        assert int((shown == status_text(status, lang)).sum()) == cards[status], status
    assert sum(cards[status] for status in STATUSES) == cards["n_series"]


def test_the_kingdom_table_lists_every_series_not_one_row_per_indicator(demo_app_db):
    # Today's defect: 105 series in the cards, 33 indicator rows in the table.
    at = _parts_page("KINGDOM", "en")
    table = _profile_table(at, "en")
    assert len(table) > table[t("table.indicator", "en")].nunique()
    assert len(table) == _cards(at, "en")["n_series"]


def test_an_islands_table_shows_only_that_island(demo_app_db):
    table = _profile_table(_parts_page("BQ-SA", "nl"), "nl")
    assert set(table[t("table.part", "nl")]) == {"Saba"}
    assert table[t("table.indicator", "nl")].is_unique


def test_the_caribbean_netherlands_table_holds_its_islands_series(demo_app_db):
    table = _profile_table(_parts_page("CAR_NL", "nl"), "nl")
    assert set(table[t("table.part", "nl")]) <= {
        "Caribisch Nederland",
        "Bonaire",
        "Sint Eustatius",
        "Saba",
    }
    assert {"Bonaire", "Sint Eustatius", "Saba"} <= set(table[t("table.part", "nl")])


@pytest.mark.parametrize(
    ("part", "key", "name"),
    [
        ("KINGDOM", "parts_set.kingdom", {"nl": "", "en": ""}),
        ("CAR_NL", "parts_set.part", {"nl": "Caribisch Nederland", "en": "Caribbean Netherlands"}),
        ("BQ-SA", "parts_set.entity", {"nl": "Saba", "en": "Saba"}),
    ],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_page_says_which_set_it_counts_and_how_many(demo_app_db, part, key, name, lang):
    at = _parts_page(part, lang)
    n_series = _cards(at, lang)["n_series"]
    expected = t(key, lang, part=name[lang], n=str(n_series))
    assert expected in [element.value for element in at.markdown]


# Actions beside the series: the demo with the hand-made action case at its latest quarter.


@pytest.fixture(scope="module")
def actions_db(demo_db, tmp_path_factory) -> tuple[Path, str]:
    return demo_with_actions(demo_db, tmp_path_factory.mktemp("parts_actions"))


@pytest.fixture
def actions_app_db(actions_db, monkeypatch) -> tuple[Path, str]:
    monkeypatch.setenv("MONITOR_DB", str(actions_db[0]))
    return actions_db


def _attention_expected(db: Path, part: str, quarter: str) -> list[tuple[str, str]]:
    """(priority, status as shown) of the part's delayed, at-risk and stale actions, in the
    Actions page's order (delayed, at risk, then the rest by status), the strategy's within."""
    with contextlib.closing(open_reader(db)) as con:
        states = counted_actions(con, part_id=part, quarter=quarter)
    rows = [
        row
        for row in states.to_dict("records")
        if row["status"] in ("delayed", "at_risk") or row["stale"]
    ]
    rows.sort(key=lambda row: ATTENTION_ORDER.index(row["status"]))  # stable within a status
    return [
        (row["priority_id"], action_status_text(row["status"], "en", stale=row["stale"]))
        for row in rows
    ]


@pytest.mark.parametrize("part", ["KINGDOM", "CAR_NL", "AW", "BQ-SA"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_profile_shows_the_actions_beside_the_series_cards(actions_app_db, part, lang):
    db, quarter = actions_app_db
    at = _parts_page(part, lang, quarter)
    assert_action_cards(at, hand_counts(db, part_id=part, quarter=quarter), part=part, lang=lang)
    assert rule_text(part, lang) in [element.value for element in at.caption]
    # The series' cards count the series, unchanged by the actions, under their own heading.
    cards = _cards(at, lang)
    assert sum(cards[status] for status in STATUSES) == cards["n_series"]
    headings = [element.value for element in at.header]
    assert t("action_rollups.series_heading", lang, part=part_name(part, lang)) in headings
    assert t("action_rollups.heading", lang, part=part_name(part, lang)) in headings


@pytest.mark.parametrize("part", ["KINGDOM", "CAR_NL", "AW", "BQ-SA"])
def test_the_profile_lists_the_delayed_at_risk_and_stale_actions(actions_app_db, part):
    db, quarter = actions_app_db
    at = _parts_page(part, "en", quarter)
    expected = _attention_expected(db, part, quarter)
    tables = [
        frame.value
        for frame in at.dataframe
        if t("actions.column.since", "en") in frame.value.columns
    ]
    if not expected:
        assert not tables
        assert t("action_rollups.no_attention", "en", part=part_name(part, "en")) in [
            element.value for element in at.info
        ]
        return
    (table,) = tables
    priorities = [text.split(" · ")[0] for text in table[t("actions.column.priority", "en")]]
    shown = list(zip(priorities, table[t("actions.column.status", "en")], strict=True))
    assert shown == expected
    # Only the part's own and its units' actions: none reported above it.
    assert not any(part.startswith("↑") for part in table[t("actions.column.part", "en")])
