"""The page registry: every dashboard page once, in menu order, with what each use of it needs.

``app.py`` builds ``st.navigation`` from it, page links (``st.page_link``) name their target
through it, and the page tests and ``bench.pages`` iterate it. It names the page files by path
and never imports them (nothing imports ``app_pages``).

The menu has sections (``SECTIONS``): the monitor's pages, then the administration (Beheer),
where the catalogue is kept. ``PAGES`` is every page in menu order.

``url_path`` keeps URLs language-independent and equals the file's stem: that is how AppTest's
``switch_page`` finds a page (any other silently runs the default page instead).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

__all__ = [
    "ACCESS",
    "ACTIONS",
    "ACTION_LINES",
    "CATALOGUE",
    "DATA",
    "EXPORT",
    "INDICATOR",
    "METHOD",
    "OVERVIEW",
    "PAGES",
    "PARTS",
    "REPORT",
    "SECTIONS",
    "PageEntry",
]


@dataclass(frozen=True)
class PageEntry:
    # No icon in the menu: a Material Symbols one as a page icon makes Streamlit point the tab's
    # icon at fonts.gstatic.com (the dashboard asks no host but its own), and an emoji depends on
    # the reader's fonts (a box where none is installed) and is out of place on a government tool.
    path: str  # the page script, relative to the project root
    title_key: str  # catalog key of its name in the menu
    url_path: str
    # What the acting user must be allowed to see the page in the menu (a ``data.access_rules``
    # permission: "manage_access", "edit_catalogue", "upload"); None: every user.
    requires: str | None = None

    def __post_init__(self) -> None:
        if PurePosixPath(self.path).stem != self.url_path:
            raise ValueError(f"{self.path}: url_path {self.url_path!r} is not the file's stem")


OVERVIEW = PageEntry("app_pages/overview.py", "nav.overview", "overview")
ACTION_LINES = PageEntry("app_pages/action_lines.py", "nav.action_lines", "action_lines")
ACTIONS = PageEntry("app_pages/actions.py", "nav.actions", "actions")
PARTS = PageEntry("app_pages/parts.py", "nav.parts", "parts")
INDICATOR = PageEntry("app_pages/indicator.py", "nav.indicator", "indicator")
DATA = PageEntry("app_pages/data_intake.py", "nav.data", "data_intake")
EXPORT = PageEntry("app_pages/export.py", "nav.export", "export")
# Not report.py: a page run on its own (`streamlit run app_pages/...`) has its folder first on
# sys.path, where a report.py would shadow the report package.
REPORT = PageEntry("app_pages/reporting.py", "nav.report", "reporting")
METHOD = PageEntry("app_pages/method.py", "nav.method", "method")

CATALOGUE = PageEntry("app_pages/catalogue.py", "nav.catalogue", "catalogue")
ACCESS = PageEntry(
    "app_pages/access.py",
    "nav.access",
    "access",
    requires="manage_access",
)

# The menu's sections in order, each with the catalog key of its heading and its pages.
SECTIONS: tuple[tuple[str, tuple[PageEntry, ...]], ...] = (
    (
        "nav_section.monitor",
        (
            OVERVIEW,
            ACTION_LINES,
            ACTIONS,
            PARTS,
            INDICATOR,
            DATA,
            EXPORT,
            REPORT,
            METHOD,
        ),
    ),
    ("nav_section.admin", (CATALOGUE, ACCESS)),
)
# Menu order; the first is the default page.
PAGES: tuple[PageEntry, ...] = tuple(entry for _, entries in SECTIONS for entry in entries)
