"""The Overview on the demo data: the headline figures (objectives, action lines, indicators,
values) count what applies to the chosen part, and say so; the status cards count that part's
series."""

from __future__ import annotations

import contextlib

import pytest
from streamlit.testing.v1 import AppTest

from data.queries import reference_data
from data.store import open_reader
from tests.data.headline_reference import hand_count
from tests.pages.conftest import APP
from ui.i18n import t

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
