"""The filter for what is behind, on the Kingdom parts and Action lines pages: it leaves exactly the
series (and actions) whose status is moderate, limited or deterioration, or that are stale, and
says how many are shown of how many. The expected sets are computed here from the engine's rows."""

from __future__ import annotations

import contextlib

import pytest

from data.actions import action_states
from data.assessment import assess
from data.queries import indicator_catalogue, reference_data
from data.store import open_reader
from tests.pages.time_db import app_at
from ui import pages
from ui.format import format_number
from ui.i18n import t
from ui.palette import action_status_text

LAGGING = ("moderate", "limited", "deterioration")
# The entities under each part the tests look at.
UNITS = {"AW": {"AW"}, "CAR_NL": {"CAR_NL", "BQ-BO", "BQ-SE", "BQ-SA"}}


def _reads(db):
    with contextlib.closing(open_reader(db)) as con:
        quarter = reference_data(con).latest_quarter
        return quarter, assess(con, as_of=quarter), indicator_catalogue(con)


@pytest.mark.parametrize("part_id", ["AW", "CAR_NL"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_parts_page_lists_exactly_the_series_behind(demo_app_db, part_id, lang):
    _, assessed, catalogue = _reads(demo_app_db)
    names = dict(zip(catalogue["indicator_id"], catalogue[f"name_{lang}"], strict=True))
    counted = assessed.loc[assessed["part_id"].isin(UNITS[part_id]) & ~assessed["is_derived"]]
    behind = counted.loc[counted["status"].isin(LAGGING) | counted["stale"]]
    at = app_at(pages.PARTS.path, lang=lang, part=part_id, show="behind")
    assert not at.exception
    assert at.radio(key="show").value == "behind"
    table = next(f.value for f in at.dataframe if t("table.trend", lang) in f.value.columns)
    # The profile names each indicator after its action line ("AL02 · ...").
    lines = dict(zip(catalogue["indicator_id"], catalogue["action_line_id"], strict=True))
    assert sorted(table[t("table.indicator", lang)]) == sorted(
        f"{lines[i]} · {names[i]}" for i in behind["indicator_id"]
    )
    caption = t(
        "behind.series_shown",
        lang,
        shown=format_number(len(behind), 0, lang),
        total=format_number(len(counted), 0, lang),
    )
    assert caption in [c.value for c in at.caption]
    # Everything again: every counted series.
    at.radio(key="show").set_value("all").run()
    table = next(f.value for f in at.dataframe if t("table.trend", lang) in f.value.columns)
    assert len(table) == len(counted)
    assert at.query_params["show"] == "all"


@pytest.mark.parametrize("part_id", ["NL", "CW"])
def test_action_lines_keeps_exactly_the_indicators_and_actions_behind(demo_app_db, part_id):
    quarter, assessed, catalogue = _reads(demo_app_db)
    with contextlib.closing(open_reader(demo_app_db)) as con:
        states = action_states(con, quarter=quarter)
        parts = reference_data(con).kingdom_parts
    part_name = parts.loc[parts["part_id"] == part_id, "name_nl"].item()
    own = assessed.loc[assessed["part_id"] == part_id]
    # The action line with the most series of the entity, some of them behind and some not.
    lines = dict(zip(catalogue["indicator_id"], catalogue["action_line_id"], strict=True))
    own = own.assign(line=own["indicator_id"].map(lines))
    own = own.assign(behind=own["status"].isin(LAGGING) | own["stale"])
    per_line = own.groupby("line")["behind"].agg(["sum", "count"])
    mixed = per_line.loc[(per_line["sum"] > 0) & (per_line["sum"] < per_line["count"])]
    line = mixed.sort_values("count", ascending=False).index[0]
    on_line = own.loc[own["line"] == line]
    behind = on_line.loc[on_line["behind"]]
    names = dict(zip(catalogue["indicator_id"], catalogue["name_nl"], strict=True))

    at = app_at(pages.ACTION_LINES.path, lang="nl", part=part_id, al=line)
    at.radio(key="show").set_value("behind").run()
    assert not at.exception
    assert at.query_params["show"] == "behind"
    table = next(f.value for f in at.dataframe if t("table.series_below", "nl") in f.value.columns)
    shown = sorted(table[t("table.indicator", "nl")])
    assert shown == sorted(names[i] for i in behind["indicator_id"])
    # The charts follow the table: one per indicator shown.
    charts = [m.value for m in at.markdown if m.value.startswith("**IND-")]
    assert sorted(c.split(" · ")[0].strip("*") for c in charts) == sorted(behind["indicator_id"])

    mine = states.loc[(states["action_line_id"] == line) & (states["part_id"] == part_id)]
    mine_behind = mine.loc[mine["status"].isin(("delayed", "at_risk")) | mine["stale"]]
    tables = [
        f.value
        for f in at.dataframe
        if t("actions.column.letter", "nl") in f.value.columns
        and t("actions.column.status", "nl") in f.value.columns
    ]
    part_column, status_column = t("actions.column.part", "nl"), t("actions.column.status", "nl")
    statuses = [
        status
        for frame in tables[:1]
        for status in frame.loc[frame[part_column] == part_name, status_column]
    ]
    assert len(statuses) == len(mine_behind)
    allowed = {action_status_text(s, "nl") for s in ("delayed", "at_risk")}
    assert all(s in allowed or t("action_status.stale", "nl") in s for s in statuses), statuses
    assert any(
        c.value.startswith(f"{len(behind)} van {len(on_line)} indicatoren") for c in at.caption
    )
