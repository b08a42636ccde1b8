"""The Action lines page's actions and duiding under AppTest on a hand-made database
(tests/pages/action_db.py): the duiding first (the part's own and its units', older ones said
so, every earlier one in an expander), each priority's status per reporting part with its
details and earlier quarters, the line's distribution for the part, and the page working with
an empty catalogue."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages import action_db as action_db_module
from tests.pages.action_db import QUARTER, action_db, open_page
from ui import pages
from ui.i18n import t
from ui.palette import action_status_text

UNTRANSLATED = t("action_status.untranslated", "en")


# The hand-made database's fixtures, bound here so that pytest finds them.
actions_db = action_db_module.actions_db
actions_app = action_db_module.actions_app


def _open(**params: str) -> AppTest:
    return open_page(pages.ACTION_LINES.path, **params)


def _line_table(at: AppTest, lang: str) -> pd.DataFrame:
    """The line's action table (the one with a letter column)."""
    letter = t("actions.column.letter", lang)
    return next(frame.value for frame in at.dataframe if letter in frame.value.columns)


def _rows(table: pd.DataFrame, lang: str) -> dict[tuple[str, str], pd.Series]:
    letter, part = t("actions.column.letter", lang), t("actions.column.part", lang)
    return {(row[letter], row[part]): row for _, row in table.iterrows()}


def _texts(at: AppTest) -> list[str]:
    return [element.value for element in at.text]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    ("part", "expected"),
    [
        (
            "KINGDOM",
            {
                ("A", "EUR_NL", True): ("delayed", False),
                ("B", "EUR_NL", True): ("completed", False),
                ("C", "EUR_NL", True): ("discontinued", False),
                ("E", "CAR_NL", True): ("at_risk", True),
                ("E", "BQ-SA", True): ("on_schedule", False),
                ("D", "EUR_NL", True): ("not_reported", True),
            },
        ),
        ("EUR_NL", {("A", "EUR_NL", True): ("delayed", False)}),
        (
            "BQ-SA",
            {
                ("E", "BQ-SA", True): ("on_schedule", False),
                ("E", "CAR_NL", False): ("at_risk", True),
            },
        ),
    ],
)
def test_each_priority_shows_its_status_per_reporting_part(actions_app, part, expected, lang):
    at = _open(part=part, lang=lang, al="AL10")
    names = {"EUR_NL": "European Netherlands", "CAR_NL": "Caribbean Netherlands", "BQ-SA": "Saba"}
    if lang == "nl":
        names = {"EUR_NL": "Europees Nederland", "CAR_NL": "Caribisch Nederland", "BQ-SA": "Saba"}
    rows = _rows(_line_table(at, lang), lang)
    for (letter, reporter, counted), (status, stale) in expected.items():
        cell = names[reporter]
        if not counted:
            cell = t("actions.reported_above", lang, part=cell)
        row = rows[(letter, cell)]
        assert row[t("actions.column.status", lang)] == action_status_text(
            status, lang, stale=stale
        )


def test_aruba_sees_no_action_of_a_line_that_does_not_concern_it(actions_app):
    at = _open(part="AW", lang="en", al="AL10")
    infos = [info.value for info in at.info]
    assert t("action_lines.no_priorities", "en", part="Aruba") in infos
    assert t("actions.line_none", "en", part="Aruba") in infos


def test_aruba_sees_its_own_report_and_the_kingdoms_on_a_kingdom_wide_line(actions_app):
    at = _open(part="AW", lang="en", al="AL01")
    rows = _rows(_line_table(at, "en"), "en")
    assert rows[("H", "Aruba")]["Action status"] == action_status_text("at_risk", "en")
    above = t("actions.reported_above", "en", part="Kingdom of the Netherlands")
    assert rows[("A", above)]["Action status"] == action_status_text("on_schedule", "en")
    # The Kingdom's narrative, written in Dutch only, is marked in English.
    narrative = rows[("A", above)]["Narrative"]
    assert narrative == f"NAVO-capaciteitsdoelen zijn verwerkt in de planning. {UNTRANSLATED}"
    # Aruba's distribution counts Aruba's action only.
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics[t("actions.count.actions", "en")] == "1"
    assert metrics[action_status_text("at_risk", "en")] == "1"


def test_the_details_carry_expected_completion_responsible_narrative_and_milestones(actions_app):
    at = _open(part="EUR_NL", lang="en", al="AL10")
    row = _rows(_line_table(at, "en"), "en")[("A", "European Netherlands")]
    assert row["Since"] == "2025Q4" and row["Reported for"] == QUARTER
    assert row["Expected by"] == "2028Q2"
    assert row["Responsible"] == "Ministerie van JenV"
    assert row["Narrative"].startswith("The consultation drew many responses")
    assert row["Milestones"] == f"2026Q2: Wetsvoorstel naar de Raad van State {UNTRANSLATED}"


def test_earlier_quarters_are_one_click_away(actions_app):
    at = _open(part="EUR_NL", lang="nl", al="AL10")
    label = t("actions.history", "nl", quarter=QUARTER, n=4)
    (expander,) = [e for e in at.expander if e.label == label]
    (history,) = [frame.value for frame in expander.dataframe]
    assert list(zip(history["Prioriteit"], history["Kwartaal"], strict=True)) == [
        ("AL10-A", "2025Q4"),
        ("AL10-A", "2025Q3"),
        ("AL10-B", "2025Q4"),
        ("AL10-C", "2025Q1"),
    ]
    assert list(history["Actiestatus"][:2]) == [
        action_status_text("delayed", "nl"),
        action_status_text("on_schedule", "nl"),
    ]
    assert history["Toelichting"].iloc[1] == "Wetsvoorstel zorgplicht in consultatie."


def test_the_duiding_comes_first_with_the_units_and_an_older_one_said_so(actions_app):
    at = _open(part="KINGDOM", lang="nl", al="AL10")
    texts = _texts(at)
    own, europe, saba = (
        "Koninkrijk: de zorgplicht krijgt vorm.",
        "Europees Nederland: de zorgplicht loopt vertraging op.",
        "Saba: de voorbereiding ligt op schema.",
    )
    assert texts.index(own) < texts.index(europe) < texts.index(saba)
    assert t("duiding.older", "nl", period="2025Q3", quarter=QUARTER) in [
        caption.value for caption in at.caption
    ]
    assert at.subheader[0].value == t("duiding.heading", "nl", part="Koninkrijk der Nederlanden")
    (history,) = [e for e in at.expander if e.label == t("duiding.history", "nl", n=4)]
    assert "Koninkrijk: de eerste duiding van deze actielijn." in list(
        history.dataframe[0].value["Duiding"]
    )


def test_the_duiding_is_in_english_where_written_and_marked_where_not(actions_app):
    at = _open(part="CAR_NL", lang="en", al="AL10")
    assert f"Saba: de voorbereiding ligt op schema. {UNTRANSLATED}" in _texts(at)
    assert t("duiding.none_own", "en", part="Caribbean Netherlands", quarter=QUARTER) in [
        caption.value for caption in at.caption
    ]
    europe = _open(part="EUR_NL", lang="en", al="AL10")
    assert "European Netherlands: the duty of care is running late." in _texts(europe)


def test_a_part_without_duiding_is_told_so(actions_app):
    at = _open(part="AW", lang="nl", al="AL10")
    assert t("duiding.none", "nl", part="Aruba", quarter=QUARTER) in [i.value for i in at.info]


def test_the_line_links_to_the_actions_page_filtered_to_it(actions_app):
    at = _open(part="BQ-SA", lang="en", al="AL10")
    links = [e.proto for e in at.get("page_link")]
    (link,) = [link for link in links if link.page.endswith(pages.ACTIONS.url_path)]
    assert dict(parse_qsl(link.query_string)) == {"a_line": "AL10", "part": "BQ-SA", "lang": "en"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_an_empty_catalogue_the_actions_and_duiding_are_shown(tmp_path, monkeypatch, lang):
    monkeypatch.setenv(
        "MONITOR_DB", str(action_db(tmp_path / "monitor.duckdb", with_catalogue=False))
    )
    at = _open(part="EUR_NL", lang=lang, al="AL10")
    rows = _rows(_line_table(at, lang), lang)
    part = "Europees Nederland" if lang == "nl" else "European Netherlands"
    assert rows[("A", part)][t("actions.column.status", lang)] == action_status_text(
        "delayed", lang
    )
    assert any(text.startswith(part) for text in _texts(at))  # the duiding
    # The catalogue is said to be empty for the indicator part only.
    assert t("catalogue_missing.text", lang) in [info.value for info in at.info]
    assert t("action_lines.indicators", lang, part=part) in [h.value for h in at.subheader]
    assert not [f for f in at.dataframe if t("tables.col.ratio", lang) in f.value.columns]
