"""The dashboard when the file at MONITOR_DB cannot be read: the CLI's message, in Dutch and
English, and no page and no traceback; once the database is whole again, the pages are back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.init import initialize
from tests.conftest import DEMO_CLOCK
from tests.pages.conftest import APP
from ui.i18n import LANGUAGES, t


def _database_bytes(tmp_path: Path) -> bytes:
    source = tmp_path / "source" / "monitor.duckdb"
    source.parent.mkdir()
    initialize(source, demo=False, clock=DEMO_CLOCK)
    return source.read_bytes()


BAD = {
    "not_a_database": lambda _: b"indicator;part;period;value\nI01;NL;2026Q3;12\n" * 200,
    "damaged": lambda data: data[: len(data) // 2],
}


@pytest.mark.parametrize("code", BAD)
def test_the_dashboard_shows_what_is_wrong_with_the_database(tmp_path, monkeypatch, code):
    path = tmp_path / "monitor_2026.duckdb"
    path.write_bytes(BAD[code](_database_bytes(tmp_path)))
    monkeypatch.setenv("MONITOR_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    shown = [element.value for element in at.error]
    assert len(shown) == len(LANGUAGES)
    for text, lang in zip(shown, LANGUAGES, strict=True):
        assert text.startswith(f"**{t('store.gate.title', lang)}**")
        # The file's name (its underscore escaped for Markdown), never the server's folders.
        assert t(f"store.error.{code}", lang, path=r"monitor\_2026.duckdb") in text
        assert str(tmp_path) not in text
    assert not at.title, "no page runs"
    assert not at.sidebar.selectbox, "no sidebar either"


def test_once_the_database_is_restored_the_pages_are_back(tmp_path, monkeypatch):
    path = tmp_path / "monitor.duckdb"
    data = _database_bytes(tmp_path)
    path.write_bytes(BAD["damaged"](data))
    monkeypatch.setenv("MONITOR_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert at.error
    restored = tmp_path / "restored.duckdb"
    restored.write_bytes(data)
    shutil.move(restored, path)  # a new file, as restoring a backup makes
    at.run()
    assert not at.exception
    assert not at.error
    assert at.title[0].value == "Overzicht"
