"""A publication changes what every page shows on the next rerun of a session whose caches are warm.

The answer to the fear of stale cache keys (``ui.overview_view``: derived tables cached by the
data version token, quarter, part, language and vintage): for every page of ``ui.pages.PAGES``,
run through app.py in one AppTest session, a publication through the real writer that changes
what that page shows (a new value, an action report, a catalogue row, a role), then a rerun of
the same session: the new content is there, and the page shows exactly what a new session
with every cache cleared shows. Each test works on its own copy of the demo
database.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from data.access_rules import VIEWER, Actor
from data.access_store import grant_role
from data.catalogue import catalogue_frames
from data.catalogue_intake import import_catalogue_frames
from data.store import open_reader, writer
from tests.action_reports import report_actions
from tests.intake_files import CLOCK, csv_bytes, import_quarter
from tests.pages.conftest import APP
from ui.format import format_number
from ui.i18n import t
from ui.pages import PAGES, PageEntry

# After the demo's clock (tests/conftest.DEMO_CLOCK): every publication here is its newest.
AT = datetime(2026, 11, 28, 12, 0, 0)
TESTER = Actor.local("tester")
FILE_NAME = "fresh-import.csv"
RESPONSIBLE = "Fresh Team Zeta"
SOURCE = "Fresh source Zeta"
EMAIL = "fresh.zeta@example.nl"


def _import(db: Path, row: tuple[str, ...]) -> None:
    assert import_quarter(db, csv_bytes([row]), name=FILE_NAME).accepted


def _revised_value(db: Path) -> None:
    # The demo's latest quarter is 2026Q3: the session stays on it.
    _import(db, ("IND-0301", "NL", "2026Q3", "43", "", "fresh note"))


def _new_observation(db: Path) -> None:
    # A series without a value for 2026Q3 gets one.
    _import(db, ("IND-1202", "NL", "2026Q3", "35", "", ""))


def _new_observation_and_report(db: Path) -> None:
    # The Overview shows both: its count of values and its action tables, matrix and tiles.
    _new_observation(db)
    _action_report(db)


def _new_quarter(db: Path) -> None:
    _import(db, ("IND-0301", "NL", "2026Q4", "43", "", ""))


def _action_report(db: Path) -> None:
    with writer(db) as con:
        report = ("AL01-A", "KINGDOM", "2026Q3", "delayed", {"responsible": RESPONSIBLE})
        report_actions(con, [report], at=AT)


def _catalogue_row(db: Path) -> None:
    con = open_reader(db)
    try:
        indicators, targets = catalogue_frames(con)
    finally:
        con.close()
    indicators.loc[indicators["indicator_id"] == "IND-0101", "source"] = SOURCE
    result = import_catalogue_frames(indicators, targets, db_path=db, actor=TESTER, clock=AT)
    assert result.accepted


def _role(db: Path) -> None:
    grant_role(db, actor=TESTER, email=EMAIL, role=VIEWER, reason="fresh", clock=AT)


@dataclass(frozen=True)
class Case:
    publish: Callable[[Path], None]
    # Text the page shows after the publication and not before (or made from the page before).
    shown: str | Callable[[AppTest], str]
    params: dict[str, str] = field(default_factory=dict)


def _one_value_more(at: AppTest) -> str:
    """The Overview's count of values to the quarter, one more (written as the page writes it)."""
    label = t("overview.count.observations", "en")
    (metric,) = [m for m in at.metric if m.label == label]
    return format_number(int(metric.value.replace(",", "")) + 1, 0, "en")


CASES: dict[str, Case] = {
    "overview": Case(_new_observation_and_report, _one_value_more),
    "action_lines": Case(_revised_value, "2026Q3,43.0", {"al": "AL03", "part": "NL"}),
    "actions": Case(_action_report, RESPONSIBLE),
    "parts": Case(_action_report, RESPONSIBLE),
    "indicator": Case(_revised_value, FILE_NAME, {"ind": "IND-0301", "part": "NL"}),
    "data_intake": Case(_revised_value, FILE_NAME),
    # The vintage of the quarterly file (its caption and preview): the import's moment.
    "export": Case(_revised_value, CLOCK.isoformat()),
    # The quarter to report on: the new quarter is offered.
    "reporting": Case(_new_quarter, "2026Q4"),
    "method": Case(_catalogue_row, SOURCE),
    "catalogue": Case(_catalogue_row, SOURCE),
    "access": Case(_role, EMAIL),
}


def _texts(node: object, out: list[str]) -> None:
    if isinstance(node, Block) or not hasattr(node, "proto"):
        for index in sorted(node.children):
            _texts(node.children[index], out)
        return
    if node.type == "dataframe":
        out.append(node.value.astype(str).to_csv(index=False))
        return
    for name in ("body", "label", "value"):
        value = getattr(node.proto, name, None)
        if isinstance(value, str):
            out.append(value)
    out.extend(getattr(node.proto, "options", ()))


def _shown(at: AppTest) -> str:
    """Every text of the main area: headings, markdown, metrics, options, tables as CSV."""
    out: list[str] = []
    _texts(at.main, out)
    return "\n".join(out)


def _unlinked(text: str) -> str:
    return re.sub(r'href="[^"]*"', "", text)


def test_every_page_has_a_publication_case():
    assert set(CASES) == {entry.url_path for entry in PAGES}


@pytest.fixture
def fresh_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "monitor.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("MONITOR_DB", str(path))
    return path


@pytest.mark.parametrize("entry", PAGES, ids=[entry.url_path for entry in PAGES])
def test_a_publication_shows_on_the_next_rerun(entry, fresh_db: Path):
    case = CASES[entry.url_path]
    at = _open(entry, case)
    at.run()  # warm: every cached read and derived table filled
    before = _shown(at)
    shown = case.shown(at) if callable(case.shown) else case.shown
    assert shown not in before

    case.publish(fresh_db)
    at.run()

    assert not at.exception
    after = _shown(at)
    assert shown in after
    # And all of it is what a new session with no cache at all shows now: nothing stale (links
    # aside: they carry the session's URL parameters).
    st.cache_data.clear()
    st.cache_resource.clear()
    assert _unlinked(after) == _unlinked(_shown(_open(entry, case)))


def _open(entry: PageEntry, case: Case) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "en", **case.params})
    at.switch_page(entry.path).run()
    assert not at.exception
    return at
