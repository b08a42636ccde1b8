"""The Overview's matrix and the Action lines page its cells link to show the same roll-up: a
cell's counts reappear, in the same words, above the action line's indicator table for that part,
and both say which series are counted (an island's own, or a part's islands and countries, never
the value derived for the part). Expected counts are computed here from the assessment itself.

Each cell has a second line, never merged with the first: the action line's actions in that
part (its own and its units'), counted here from the action states, and equal to
``ui.action_rollups.action_cell``, the function the Action lines page shows them with."""

from __future__ import annotations

import contextlib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from data.actions import action_states
from data.current_assessment import current_assessment
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import ASSESSED_STATUSES, STATUSES
from tests.glance_links import html_links
from tests.pages.action_case_db import counted_actions, demo_with_actions
from tests.pages.conftest import APP
from ui import pages
from ui.action_rollups import action_cell, action_counts_text, action_rollups
from ui.format import format_share
from ui.i18n import t
from ui.kingdom import shown_parts, subtree
from ui.texts import counts_text


@pytest.fixture
def demo_data(demo_db):
    with contextlib.closing(open_reader(demo_db)) as con:
        reference = reference_data(con)
        assessment = current_assessment(con, as_of=reference.latest_quarter)
        return reference, indicator_catalogue(con), assessment


def _expected_cell(assessment, catalogue, parts, *, action_line_id, part_id, lang) -> str:
    """The cell's text from first principles: the reported (not derived) series of the action
    line's indicators anywhere in the part's subtree, counted per status, with the share on
    track among the assessed ones."""
    inside = subtree(parts, part_id)
    indicators = catalogue.loc[catalogue["action_line_id"] == action_line_id, "indicator_id"]
    series = assessment.loc[
        assessment["indicator_id"].isin(indicators)
        & assessment["part_id"].isin(inside)
        & ~assessment["is_derived"].astype(bool)
    ]
    if series.empty:
        return t("overview.matrix_empty_cell", lang)
    statuses = list(series["status"])
    text = counts_text({status: statuses.count(status) for status in STATUSES})
    assessed = [s for s in statuses if s in ASSESSED_STATUSES]
    if assessed:
        on_track = sum(s in ("achieved", "on_track") for s in assessed)
        text += f" ({format_share(on_track / len(assessed), lang)})"
    return text


def _matrix_cells(at: AppTest) -> list[dict]:
    """Each cell's two links, in order: its series line, then its actions line (same target)."""
    links = []
    for link in html_links(at, page=pages.ACTION_LINES.url_path):
        # A label keeps each status with its count on one line (non-breaking spaces).
        text = link.own_text.replace("\u00a0", " ")
        links.append({"text": text, "help": link.title, "params": link.params})
    cells = []
    for series, actions in zip(links[0::2], links[1::2], strict=True):
        assert series["params"] == actions["params"]
        cells.append({**series, "actions": actions})
    return cells


def _level_words(parts: pd.DataFrame, part_id: str, lang: str) -> str:
    row = parts.loc[parts["part_id"] == part_id].iloc[0]
    return t(f"matrix_counted.level_{row['level']}", lang, part=row[f"name_{lang}"])


@pytest.mark.parametrize(("view_part", "lang"), [("KINGDOM", "nl"), ("CAR_C", "en")])
def test_every_matrix_cell_reappears_with_its_level_on_the_action_line_it_links_to(
    demo_app_db, demo_data, view_part, lang
):
    reference, catalogue, assessment = demo_data
    parts = reference.kingdom_parts
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": lang, "part": view_part})
    at.run()
    assert not at.exception
    cells = _matrix_cells(at)
    assert len(cells) == 12 * len(shown_parts(parts, view_part))
    for cell in cells:
        action_line_id, part_id = cell["params"]["al"], cell["params"]["part"]
        where = f"{action_line_id} × {part_id}"
        expected = _expected_cell(
            assessment, catalogue, parts, action_line_id=action_line_id, part_id=part_id, lang=lang
        )
        level = _level_words(parts, part_id, lang)
        assert cell["text"] == t("action_rollups.cell_series", lang, counts=expected), where
        assert cell["help"].startswith(f"{level}: "), where  # the cell says what it counts

        # Follow the link in the same session, as a click would: its URL holds only its params.
        at.switch_page(pages.ACTION_LINES.path)
        at.query_params.clear()
        at.query_params.update(cell["params"])
        at.run()
        assert not at.exception, where
        assert at.header[0].value.startswith(action_line_id), where
        line = t("matrix_counted.line", lang, level=level, counts=expected)
        shown = [element.value for element in at.markdown]
        assert line in shown, f"{where}: the linked page does not repeat the cell ({shown})"
        note = t(
            "matrix_counted.table_note",
            lang,
            part=parts.loc[parts["part_id"] == part_id, f"name_{lang}"].iloc[0],
            status=t("table.status", lang),
            below=t("table.series_below", lang),
        )
        has_note = note in [element.value for element in at.caption]
        is_entity = parts.loc[parts["part_id"] == part_id, "level"].iloc[0] == "entity"
        # A part's table shows its own (mostly derived) status, which the cell does not count:
        # the page says so; an island's table shows exactly the series the cell counts.
        assert has_note != is_entity, where


def test_the_matrix_says_which_series_its_cells_count(demo_app_db):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "nl", "part": "CAR_NL"})
    at.run()
    assert not at.exception
    assert t("matrix_counted.caption", "nl") in [element.value for element in at.caption]
    saba = next(cell for cell in _matrix_cells(at) if cell["params"]["part"] == "BQ-SA")
    assert saba["help"].startswith("Gerapporteerde reeksen van Saba: ")
    caribbean = next(cell for cell in _matrix_cells(at) if cell["params"]["part"] == "CAR_NL")
    assert "eilanden en landen in Caribisch Nederland" in caribbean["help"]
    assert "niet de waarde die voor Caribisch Nederland is afgeleid" in caribbean["help"]


@pytest.fixture(scope="module")
def actions_db(demo_db, tmp_path_factory):
    return demo_with_actions(demo_db, tmp_path_factory.mktemp("matrix_actions"))


def _expected_actions(con, *, action_line_id: str, part_id: str, quarter: str, lang: str) -> str:
    """The actions line from first principles: the action line's actions reported by the part
    or a unit below it (part_tree), counted per status, with (completed + on schedule) over
    every action but the discontinued ones."""
    states = counted_actions(con, part_id=part_id, quarter=quarter)
    statuses = list(states.loc[states["action_line_id"] == action_line_id, "status"])
    if not statuses:
        return t("action_rollups.no_actions", lang)
    text = action_counts_text({s: statuses.count(s) for s in ACTION_DISTRIBUTION_STATUSES})
    counted = len(statuses) - statuses.count("discontinued")
    if counted:
        done = statuses.count("completed") + statuses.count("on_schedule")
        text += f" ({format_share(done / counted, lang)})"
    return text


@pytest.mark.parametrize(("view_part", "lang"), [("KINGDOM", "nl"), ("CAR_C", "en")])
def test_every_cells_actions_line_counts_that_lines_actions_in_the_part(
    actions_db, monkeypatch, view_part, lang
):
    db, quarter = actions_db
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    # The action case reports one quarter ahead too, which would be the default quarter.
    at.query_params.update({"lang": lang, "part": view_part, "q": quarter})
    at.run()
    assert not at.exception
    with contextlib.closing(open_reader(db)) as con:
        parts = reference_data(con).kingdom_parts
        # What the Action lines page shows for the same line and part (one function for both).
        by_line = action_rollups(action_states(con, quarter=quarter), parts, by=("action_line_id",))
        cells = _matrix_cells(at)
        assert len(cells) == 12 * len(shown_parts(parts, view_part))
        for cell in cells:
            action_line_id, part_id = cell["params"]["al"], cell["params"]["part"]
            where = f"{action_line_id} × {part_id}"
            expected = _expected_actions(
                con, action_line_id=action_line_id, part_id=part_id, quarter=quarter, lang=lang
            )
            same = action_cell(
                by_line, parts, action_line_id=action_line_id, part_id=part_id, lang=lang
            )
            assert same.text == expected, where
            assert cell["actions"]["text"] == t(
                "action_rollups.cell_actions", lang, counts=expected
            )
            assert cell["actions"]["help"] == same.help, where
            level = t(
                f"action_rollups.level_{parts.loc[parts['part_id'] == part_id, 'level'].item()}",
                lang,
                part=parts.loc[parts["part_id"] == part_id, f"name_{lang}"].item(),
            )
            assert cell["actions"]["help"].startswith(f"{level}: "), where


def test_the_case_shows_in_its_cell_beside_the_series(actions_db, monkeypatch):
    # The hand-made case reports AL05-A completed by European Netherlands and AL05-C
    # discontinued by Caribbean Netherlands, both for the latest quarter.
    db, quarter = actions_db
    monkeypatch.setenv("MONITOR_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"lang": "en", "part": "KINGDOM", "q": quarter})
    at.run()
    assert not at.exception
    assert t("action_rollups.matrix_caption", "en") in [element.value for element in at.caption]
    cells = {(c["params"]["al"], c["params"]["part"]): c for c in _matrix_cells(at)}
    european = cells[("AL05", "EUR_NL")]
    assert european["text"].startswith("Series: ")
    assert european["actions"]["text"].startswith("Actions: ● ")
    assert "Completed: " in european["actions"]["help"]
    assert "⊘" in cells[("AL05", "CAR_NL")]["actions"]["text"]
    assert "Discontinued: " in cells[("AL05", "CAR_NL")]["actions"]["help"]
