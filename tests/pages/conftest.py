"""AppTest fixtures: a real database file behind MONITOR_DB and no cache carried between tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st

ROOT = Path(__file__).resolve().parents[2]
# The whole app (navigation, sidebar) as AppTest runs it.
APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> Iterator[None]:
    # Streamlit caches persist across AppTest instances in one process.
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app_db(structure_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MONITOR_DB", str(structure_db))
    return structure_db


@pytest.fixture
def demo_app_db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared demo database behind MONITOR_DB."""
    monkeypatch.setenv("MONITOR_DB", str(demo_db))
    return demo_db
