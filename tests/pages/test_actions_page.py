"""The Actions page under AppTest on a hand-made database (tests/pages/action_db.py): every action
a part sees with its status, what needs attention first, the filters (and the URL that keeps
them), the part's distribution counted from its own actions only, and what changed."""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qsl

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.sql import scalar
from data.store import open_reader
from tests.pages import action_db as action_db_module
from tests.pages.action_db import QUARTER, action_db, open_page
from ui import pages
from ui.action_tables import ATTENTION_ORDER
from ui.i18n import t
from ui.palette import action_status_text

# (priority, reporting part) -> (status, stale) as of QUARTER: what action_db recorded.
FACTS = {
    ("AL10-A", "EUR_NL"): ("delayed", False),
    ("AL10-B", "EUR_NL"): ("completed", False),
    ("AL10-C", "EUR_NL"): ("discontinued", False),
    ("AL10-E", "CAR_NL"): ("at_risk", True),
    ("AL10-E", "BQ-SA"): ("on_schedule", False),
    ("AL01-A", "KINGDOM"): ("on_schedule", False),
    ("AL01-H", "AW"): ("at_risk", False),
    ("AL08-H", "AW"): ("delayed", False),
    ("AL08-H", "CW"): ("on_schedule", False),
    ("AL08-H", "SX"): ("not_reported", True),  # owed, never reported
}
# Which of FACTS each part sees: its own (counted) and those reported above it (not counted).
SEEN = {
    "KINGDOM": {action: True for action in FACTS},
    "EUR_NL": {
        ("AL10-A", "EUR_NL"): True,
        ("AL10-B", "EUR_NL"): True,
        ("AL10-C", "EUR_NL"): True,
        ("AL01-A", "KINGDOM"): False,
    },
    "AW": {("AL01-H", "AW"): True, ("AL08-H", "AW"): True, ("AL01-A", "KINGDOM"): False},
    "BQ-SA": {
        ("AL10-E", "BQ-SA"): True,
        ("AL10-E", "CAR_NL"): False,
        ("AL01-A", "KINGDOM"): False,
    },
}
NAMES = {
    "nl": {
        "KINGDOM": "Koninkrijk der Nederlanden",
        "EUR_NL": "Europees Nederland",
        "CAR_NL": "Caribisch Nederland",
        "AW": "Aruba",
        "CW": "Curaçao",
        "SX": "Sint Maarten",
        "BQ-SA": "Saba",
    },
    "en": {
        "KINGDOM": "Kingdom of the Netherlands",
        "EUR_NL": "European Netherlands",
        "CAR_NL": "Caribbean Netherlands",
        "AW": "Aruba",
        "CW": "Curaçao",
        "SX": "Sint Maarten",
        "BQ-SA": "Saba",
    },
}

# Every action counted for a part, straight from the database: owed or reported, by the part or
# a unit under it (independent of the page's code).
COUNTED_SQL = """
SELECT count(*)
FROM (
    SELECT priority_id, part_id FROM priority_reporters
    UNION
    SELECT priority_id, part_id FROM action_reports WHERE period <= $quarter
) AS actions
INNER JOIN part_tree ON part_tree.part_id = actions.part_id
WHERE part_tree.ancestor_id = $part_id
"""


# The hand-made database's fixtures, bound here so that pytest finds them.
actions_db = action_db_module.actions_db
actions_app = action_db_module.actions_app


def _open(**params: str) -> AppTest:
    return open_page(pages.ACTIONS.path, **params)


def _table(at: AppTest, lang: str) -> pd.DataFrame:
    """The actions table (the one with a 'status since' column and no 'previous quarter')."""
    since, previous = t("actions.column.since", lang), t("actions.column.previous", lang)
    return next(
        frame.value
        for frame in at.dataframe
        if since in frame.value.columns and previous not in frame.value.columns
    )


def _part_cell(part_id: str, counted: bool, lang: str) -> str:
    name = NAMES[lang][part_id]
    return name if counted else t("actions.reported_above", lang, part=name)


def _statuses(table: pd.DataFrame, lang: str) -> dict[tuple[str, str], str]:
    """(priority id, part cell) -> status cell of every row."""
    priority, part = t("actions.column.priority", lang), t("actions.column.part", lang)
    status = t("actions.column.status", lang)
    return {
        (p.split(" · ")[0], d): s
        for p, d, s in zip(table[priority], table[part], table[status], strict=True)
    }


def _metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("part", ["KINGDOM", "EUR_NL", "AW", "BQ-SA"])
def test_each_part_sees_its_actions_and_those_reported_above_it_with_their_status(
    actions_app, part, lang
):
    at = _open(part=part, lang=lang)
    assert at.title[0].value == t("actions.title", lang)
    shown = _statuses(_table(at, lang), lang)
    for (priority_id, reporter), counted in SEEN[part].items():
        status, stale = FACTS[(priority_id, reporter)]
        key = (priority_id, _part_cell(reporter, counted, lang))
        assert shown[key] == action_status_text(status, lang, stale=stale), key
    unseen = set(FACTS) - set(SEEN[part])
    for priority_id, reporter in unseen:
        for counted in (True, False):
            assert (priority_id, _part_cell(reporter, counted, lang)) not in shown


@pytest.mark.parametrize("part", ["KINGDOM", "EUR_NL", "AW", "BQ-SA"])
def test_the_distribution_counts_the_parts_own_actions_only(actions_app, part):
    at = _open(part=part, lang="en")
    with contextlib.closing(open_reader(actions_app)) as con:
        counted = scalar(con, COUNTED_SQL, {"quarter": QUARTER, "part_id": part})
    metrics = _metrics(at)
    assert int(metrics[t("actions.count.actions", "en")].replace(",", "")) == counted
    counts = [
        int(metrics[action_status_text(status, "en")].replace(",", ""))
        for status in ATTENTION_ORDER
    ]
    assert sum(counts) == counted


def test_saba_counts_its_own_report_and_not_the_caribbean_netherlands_one(actions_app):
    at = _open(part="BQ-SA", lang="nl")
    metrics = _metrics(at)
    assert metrics[t("actions.count.actions", "nl")] == "1"
    assert metrics[action_status_text("on_schedule", "nl")] == "1"
    assert metrics[action_status_text("at_risk", "nl")] == "0"
    assert metrics[t("actions.count.share", "nl")] == "100 %"
    rule = t("actions.rule", "nl", part="Saba", stale_after=2)
    assert rule in [caption.value for caption in at.caption]


def test_the_kingdom_is_told_it_counts_every_action(actions_app):
    at = _open(part="KINGDOM", lang="en")
    rule = t("actions.rule_top", "en", part="Kingdom of the Netherlands", stale_after=2)
    assert rule in [caption.value for caption in at.caption]


def test_what_needs_attention_comes_first(actions_app):
    table = _table(_open(part="KINGDOM", lang="en"), "en")
    statuses = list(table[t("actions.column.status", "en")])
    words = {action_status_text(s, "en", stale=x): s for s in ATTENTION_ORDER for x in (0, 1)}
    ranks = [ATTENTION_ORDER.index(words[s]) for s in statuses]
    assert ranks == sorted(ranks)
    assert statuses[:2] == [action_status_text("delayed", "en")] * 2
    assert statuses[-1] == action_status_text("discontinued", "en")


def _query(at: AppTest, name: str) -> list[str]:
    value = at.query_params.get(name, [])
    return value if isinstance(value, list) else [value]


def test_a_status_filter_changes_the_rows_and_is_kept_in_the_url(actions_app):
    at = _open(part="KINGDOM", lang="nl")
    everything = _table(at, "nl")
    at.multiselect(key="a_status").select("delayed").select("completed").run()
    assert not at.exception
    filtered = _table(at, "nl")
    assert len(filtered) == 3 < len(everything)
    assert set(filtered["Status"]) == {
        action_status_text("delayed", "nl"),
        action_status_text("completed", "nl"),
    }
    assert sorted(_query(at, "a_status")) == ["completed", "delayed"]
    # The counts above the table are the part's, whatever the filter.
    assert _metrics(at)[t("actions.count.actions", "nl")] == "103"


def test_the_part_and_organisation_filters_narrow_the_rows(actions_app):
    at = _open(part="KINGDOM", lang="en")
    at.multiselect(key="a_part").select("AW").run()
    assert set(_table(at, "en")["Part"]) == {"Aruba"}
    at.multiselect(key="a_org").select("Gobierno di Aruba").run()
    table = _table(at, "en")
    assert set(table["Responsible"]) == {"Gobierno di Aruba"} and len(table) == 2
    at.multiselect(key="a_status").select("not_started").run()
    with pytest.raises(StopIteration):
        _table(at, "en")
    assert t("actions.none_shown", "en") in [info.value for info in at.info]


def test_an_action_line_in_the_url_filters_the_view(actions_app):
    at = _open(part="CAR_C", lang="en", a_line="AL08")
    assert at.multiselect(key="a_line").value == ["AL08"]
    table = _table(at, "en")
    assert {p.split(" · ")[0][:4] for p in table["Priority"]} == {"AL08"}
    own = table.loc[table["Priority"].str.startswith("AL08-H")]
    assert dict(zip(own["Part"], own["Status"], strict=True)) == {
        "Aruba": action_status_text("delayed", "en"),
        "Curaçao": action_status_text("on_schedule", "en"),
        "Sint Maarten": action_status_text("not_reported", "en", stale=True),
    }


def test_a_filter_value_from_the_url_that_is_not_offered_is_ignored(actions_app):
    at = _open(part="BQ-SA", lang="en", a_part="AW", a_status="bogus")
    assert at.multiselect(key="a_part").value == []
    assert at.multiselect(key="a_status").value == []


def test_status_changes_since_the_previous_quarter_are_listed(actions_app):
    at = _open(part="EUR_NL", lang="en")
    changes = next(f.value for f in at.dataframe if "Previous quarter" in f.value.columns)
    rows = {
        p.split(" · ")[0]: (before, now)
        for p, before, now in zip(
            changes["Priority"], changes["Previous quarter"], changes["Status"], strict=True
        )
    }
    assert rows["AL10-A"] == (
        action_status_text("on_schedule", "en"),
        action_status_text("delayed", "en"),
    )
    assert "AL10-C" not in rows  # discontinued in 2025Q1: no change in 2025Q4


def test_the_download_is_the_export_pages_job_and_linked(actions_app):
    at = _open(part="AW", lang="en")
    links = [e.proto for e in at.get("page_link")]
    (export,) = [link for link in links if link.page.endswith(pages.EXPORT.url_path)]
    assert dict(parse_qsl(export.query_string))["part"] == "AW"


def test_the_page_runs_on_a_database_with_an_empty_catalogue(tmp_path, monkeypatch):
    monkeypatch.setenv(
        "MONITOR_DB", str(action_db(tmp_path / "monitor.duckdb", with_catalogue=False))
    )
    at = _open(part="EUR_NL", lang="nl")
    shown = _statuses(_table(at, "nl"), "nl")
    assert shown[("AL10-A", "Europees Nederland")] == action_status_text("delayed", "nl")
    assert t("actions.as_of", "nl", quarter=QUARTER) in [c.value for c in at.caption]


def test_the_page_says_so_when_there_is_nothing_to_show(app_db):
    at = _open(lang="en")
    assert t("actions.no_quarter", "en") in [info.value for info in at.info]
