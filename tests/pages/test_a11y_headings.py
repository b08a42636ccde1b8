"""Every page's headings in order under AppTest: the title (h1), then its sections (h2), then
what is within a section (h3), never a level skipped on the way down (h1 then h3 is what axe-core
reports as ``heading-order``; a screen reader's list of headings then misses a level).

The browser test (tests/browser/test_accessibility.py) measures the rendered page with axe; this
one finds the same fault in seconds and names the heading that skips a level.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from ui import pages

_LEVELS = {"title": 1, "header": 2, "subheader": 3}


def _headings(node) -> list[tuple[int, str]]:
    """The headings under ``node`` in the order the page shows them: (level, text)."""
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        return [pair for index in sorted(children) for pair in _headings(children[index])]
    kind = getattr(node, "type", "")
    if kind in _LEVELS:
        return [(_LEVELS[kind], node.value)]
    if kind == "markdown":
        text = str(node.value).lstrip()
        marks = len(text) - len(text.lstrip("#"))
        if 1 <= marks <= 6 and text[marks : marks + 1] == " ":
            return [(marks, text[marks:].strip())]
    return []


def _skips(headings: list[tuple[int, str]]) -> list[str]:
    """Each heading that goes down more than one level from the one before it."""
    return [
        f"h{before} {previous!r} -> h{level} {text!r}"
        for (before, previous), (level, text) in pairwise(headings)
        if level > before + 1
    ]


def test_skips_finds_a_level_left_out_and_allows_going_back_up():
    assert _skips([(1, "A"), (3, "B")]) == ["h1 'A' -> h3 'B'"]
    assert _skips([(1, "A"), (2, "B"), (3, "C"), (2, "D"), (2, "E"), (3, "F")]) == []


@pytest.mark.parametrize("part", ["KINGDOM", "BQ-SA"])
@pytest.mark.parametrize("page", [entry.path for entry in pages.PAGES])
def test_every_page_has_its_headings_in_order(demo_app_db, page, part):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = "nl"
    at.query_params["part"] = part
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    headings = _headings(at.main)
    assert headings and headings[0][0] == 1, f"{page}: no page title first: {headings[:3]}"
    assert [level for level, _ in headings].count(1) == 1, f"{page}: more than one h1"
    assert not _skips(headings), f"{page} ({part}): a heading level skipped: {_skips(headings)}"
