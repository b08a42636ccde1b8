"""No source file names a Material Symbols icon: the dashboard asks no host but its own.

Streamlit draws most Material icons from a font it serves itself, but a page's Material icon
becomes the tab's favicon, which the browser fetches from fonts.gstatic.com (and so does a
Material ``page_icon``). Rather than track which uses are safe, none is used: the menu's pages
have no icon (``ui.pages``), nor have other elements. The browser check of the whole app is
``tests/browser/test_no_external_requests.py``; this one is fast and runs everywhere.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Built, not written out, so that this file does not name what it looks for.
MATERIAL = ":" + "material/"
SOURCE_SUFFIXES = {".py", ".toml", ".md", ".html", ".css", ".js"}
SKIPPED = {".venv", ".git", "node_modules", "artifacts", "__pycache__"}


def _sources() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*")
        if path.suffix in SOURCE_SUFFIXES
        and path.is_file()
        and not SKIPPED.intersection(path.relative_to(ROOT).parts)
    ]


def test_no_source_file_uses_a_material_icon():
    sources = _sources()
    assert ROOT / "app.py" in sources and ROOT / "ui" / "pages.py" in sources
    using = [
        str(path.relative_to(ROOT))
        for path in sources
        if MATERIAL in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert using == []
