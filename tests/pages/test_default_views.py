"""The Action lines and Indicator pages open on something that exists for the chosen part, and
say "no data up to the quarter" only when it is true (issue #17).

The facts the pages are checked against come straight from the demo database: which series the
assessment has, which values the series have up to a quarter, and which parts sit inside a part
(the schema's ``part_tree`` view), not from the page code's own rules.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.assessment import assess, series_values
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from tests.pages.conftest import APP
from ui import pages
from ui.i18n import t
from ui.series_tables import chart_inputs
from ui.state import part_label

CARIBBEAN = ("CAR_C", "CAR_NL", "AW", "CW", "SX", "BQ-BO", "BQ-SE", "BQ-SA")
# The first quarter of the demo data: only quarterly indicators have a value by then.
FIRST_QUARTER = "2023Q1"


@dataclass(frozen=True)
class DemoFacts:
    latest: str
    part_names: dict[str, str]  # part_id -> Dutch name
    inside: dict[str, set[str]]  # part_id -> itself and every part and entity below it
    indicators_of: dict[str, set[str]]  # action_line_id -> its indicators
    series: set[tuple[str, str]]  # (indicator_id, part_id) of every series assessed
    values: dict[str, set[tuple[str, str]]]  # quarter -> (indicator_id, part_id) with a value

    def has_series_inside(self, indicator_id: str, part_id: str) -> bool:
        return any((indicator_id, p) in self.series for p in self.inside[part_id])

    def has_values_inside(self, indicator_id: str, part_id: str, quarter: str) -> bool:
        return any((indicator_id, p) in self.values[quarter] for p in self.inside[part_id])


@pytest.fixture(scope="module")
def facts(demo_db: Path) -> DemoFacts:
    with contextlib.closing(open_reader(demo_db)) as con:
        reference = reference_data(con)
        latest = reference.latest_quarter
        assert latest is not None and FIRST_QUARTER in reference.quarters
        tree = con.execute("SELECT part_id, ancestor_id FROM part_tree").fetchall()
        catalogue = indicator_catalogue(con)
        series = assess(con, as_of=latest)
        values = {q: series_values(con, as_of=q) for q in (latest, FIRST_QUARTER)}
    inside: dict[str, set[str]] = {}
    for part_id, ancestor_id in tree:
        inside.setdefault(ancestor_id, set()).add(part_id)
    indicators_of: dict[str, set[str]] = {}
    for indicator_id, action_line_id in zip(
        catalogue["indicator_id"], catalogue["action_line_id"], strict=True
    ):
        indicators_of.setdefault(action_line_id, set()).add(indicator_id)
    parts = reference.kingdom_parts
    return DemoFacts(
        latest=latest,
        part_names={p: part_label(parts, p, "nl") for p in parts["part_id"]},
        inside=inside,
        indicators_of=indicators_of,
        series=set(zip(series["indicator_id"], series["part_id"], strict=True)),
        values={
            q: set(zip(frame["indicator_id"], frame["part_id"], strict=True))
            for q, frame in values.items()
        },
    )


def _open(page: str, **params: str) -> AppTest:
    """The app at ``page`` with ``params`` in the URL, as a fresh browser session would open it."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception[0].value if at.exception else ""
    return at


def _param(at: AppTest, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def _infos(at: AppTest) -> list[str]:
    return [element.value for element in at.info]


def _no_values_text(facts: DemoFacts, part_id: str, quarter: str) -> str:
    return t("empty.no_values", "nl", part=facts.part_names[part_id], quarter=quarter)


@pytest.mark.parametrize("part_id", [*CARIBBEAN, "KINGDOM"])
def test_action_lines_open_on_an_action_line_with_a_series_for_the_part(
    demo_app_db, facts, part_id
):
    at = _open(pages.ACTION_LINES.path, part=part_id)
    action_line = _param(at, "al")
    assert any(
        facts.has_series_inside(indicator_id, part_id)
        for indicator_id in facts.indicators_of[action_line]
    ), f"{action_line} has no series for {part_id}"
    assert at.header[0].value.startswith(action_line)
    no_indicators = t("empty.no_indicators", "nl", part=facts.part_names[part_id])
    assert no_indicators not in _infos(at)


def test_the_kingdom_still_opens_on_the_first_action_line(demo_app_db):
    at = _open(pages.ACTION_LINES.path, part="KINGDOM")
    assert _param(at, "al") == "AL01" and _param(at, "obj") == "O1"


def test_an_objective_chosen_without_an_action_line_opens_on_its_first_line_with_series(
    demo_app_db, facts
):
    # Saba has no series in AL01, the first action line of objective O1.
    assert not any(facts.has_series_inside(i, "BQ-SA") for i in facts.indicators_of["AL01"])
    at = _open(pages.ACTION_LINES.path, part="BQ-SA", obj="O1")
    assert _param(at, "obj") == "O1"
    assert _param(at, "al") == "AL02"


def test_an_action_line_in_the_url_is_kept_even_without_series_for_the_part(demo_app_db, facts):
    at = _open(pages.ACTION_LINES.path, part="BQ-SA", al="AL01")
    assert _param(at, "al") == "AL01" and at.header[0].value.startswith("AL01")
    # ... and the page says so in words, truthfully
    assert t("empty.no_indicators", "nl", part=facts.part_names["BQ-SA"]) in _infos(at)


@pytest.mark.parametrize("part_id", [*CARIBBEAN, "KINGDOM"])
def test_the_indicator_page_opens_on_an_indicator_that_applies_to_the_part(
    demo_app_db, facts, part_id
):
    at = _open(pages.INDICATOR.path, part=part_id)
    indicator_id = _param(at, "ind")
    assert facts.has_series_inside(indicator_id, part_id), f"{indicator_id} for {part_id}"
    assert at.header[0].value.startswith(indicator_id)
    shown = _no_values_text(facts, part_id, facts.latest) in _infos(at)
    assert shown == (not facts.has_values_inside(indicator_id, part_id, facts.latest))


def test_the_kingdom_view_of_an_indicator_only_an_entity_reports_draws_that_entity(
    demo_app_db, facts
):
    # IND-0301 is reported by the Netherlands alone and not derived for European Netherlands:
    # its values sit two levels below the Kingdom.
    assert ("IND-0301", "EUR_NL") not in facts.series
    assert facts.has_values_inside("IND-0301", "KINGDOM", facts.latest)
    at = _open(pages.INDICATOR.path, part="KINGDOM", ind="IND-0301")
    assert _no_values_text(facts, "KINGDOM", facts.latest) not in _infos(at)
    assert len(at.get("plotly_chart")) == 1


def test_no_data_is_said_for_a_quarter_before_the_first_value(demo_app_db, facts):
    # IND-0402 is annual: Saba's first figure is for a fourth quarter.
    assert facts.has_series_inside("IND-0402", "BQ-SA")
    assert facts.has_values_inside("IND-0402", "BQ-SA", facts.latest)
    assert not facts.has_values_inside("IND-0402", "BQ-SA", FIRST_QUARTER)
    at = _open(pages.INDICATOR.path, part="BQ-SA", ind="IND-0402", q=FIRST_QUARTER)
    assert _param(at, "ind") == "IND-0402" and _param(at, "q") == FIRST_QUARTER
    assert _no_values_text(facts, "BQ-SA", FIRST_QUARTER) in _infos(at)
    assert not at.get("plotly_chart")


def test_an_indicator_in_the_url_is_kept_and_no_data_is_said_truthfully(demo_app_db, facts):
    # The Kingdom-wide defence indicator has no series on Saba.
    assert not facts.has_series_inside("IND-0101", "BQ-SA")
    assert facts.has_values_inside("IND-0101", "KINGDOM", facts.latest)
    at = _open(pages.INDICATOR.path, part="BQ-SA", ind="IND-0101")
    assert _param(at, "ind") == "IND-0101"
    infos = _infos(at)
    assert _no_values_text(facts, "BQ-SA", facts.latest) in infos
    # The indicator has values (the Kingdom's): the empty history speaks of Saba, not of it.
    assert t("empty.no_history", "nl") not in infos
    assert t("indicator_empty.no_history", "nl", part=facts.part_names["BQ-SA"]) in infos


@pytest.mark.parametrize("quarter", ["latest", FIRST_QUARTER])
def test_the_chart_is_empty_exactly_when_nothing_inside_the_part_has_a_value(
    demo_db, facts, quarter
):
    as_of = facts.latest if quarter == "latest" else quarter
    with contextlib.closing(open_reader(demo_db)) as con:
        parts = reference_data(con).kingdom_parts
        values = series_values(con, as_of=as_of)
        assessment = assess(con, as_of=as_of)
    wrong = []
    for indicator_id in sorted({i for i, _ in facts.series}):
        for part_id in parts["part_id"]:
            drawn, _, labels = chart_inputs(
                values, assessment, parts, indicator_id=indicator_id, part_id=part_id, lang="nl"
            )
            if bool(labels) != facts.has_values_inside(indicator_id, part_id, as_of):
                wrong.append((indicator_id, part_id, "said no data" if not labels else "empty"))
            elif labels and drawn.empty:
                wrong.append((indicator_id, part_id, "a chart without values"))
    assert not wrong
