"""The replay floor (bench.replay) emits what the page emitted: the same elements, same values."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bench.replay import load_recordings, record_tree, write_replay_app
from ui.pages import CATALOGUE, METHOD, PAGES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


def _kinds(nodes: list[dict]) -> list[str]:
    out = []
    for node in nodes:
        out.append(node["kind"])
        out.extend(_kinds(node.get("children", [])))
    return out


@pytest.mark.parametrize("entry", [METHOD, CATALOGUE], ids=lambda entry: entry.url_path)
def test_a_replayed_page_emits_the_recorded_elements(entry, demo_db: Path, tmp_path: Path):
    app = write_replay_app(tmp_path / "replay", demo_db, pages=(entry,), lang="en")
    (recording,) = load_recordings(app.parent).values()
    assert not recording.unknown
    assert "dataframe" in _kinds(recording.main)

    at = AppTest.from_file(str(app), default_timeout=60)
    at.query_params["part"] = "KINGDOM"
    at.switch_page(entry.path).run()

    assert not at.exception
    main, sidebar, unknown = record_tree(at)
    assert not unknown
    assert _kinds(main) == _kinds(recording.main)
    assert _kinds(sidebar) == _kinds(recording.sidebar)
    replayed = [frame.value for frame in at.dataframe]
    recorded = [n["frame"] for n in _walk(recording.main + recording.sidebar) if "frame" in n]
    assert len(replayed) == len(recorded)
    for shown, kept in zip(replayed, recorded, strict=True):
        assert shown.astype(str).equals(kept.astype(str))
    assert [m.body for m in at.markdown] == [
        n["body"] for n in _walk(recording.main + recording.sidebar) if n["kind"] == "markdown"
    ]


def _walk(nodes: list[dict]):
    for node in nodes:
        yield node
        yield from _walk(node.get("children", []))


def test_the_replay_app_registers_every_page_under_its_url_path(demo_db: Path, tmp_path: Path):
    app = write_replay_app(tmp_path / "replay", demo_db, pages=(METHOD,))
    for entry in PAGES:
        assert (app.parent / entry.path).is_file()
        assert f"{entry.url_path!r}" in app.read_text(encoding="utf-8")
