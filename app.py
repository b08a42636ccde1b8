"""Entry point: page config, navigation, and the global sidebar (language, Kingdom part, quarter).

Run with ``streamlit run app.py``. Pages live in app_pages/, each also runnable on its own
(AppTest). Not pages/: Streamlit serves a pages/ folder as legacy file-based navigation until a
session has run st.navigation, so a deep link opened first after a restart would lose this frame.
"""

from __future__ import annotations

import streamlit as st

from data import cache
from ui.i18n import t
from ui.state import render_sidebar, view_for

st.set_page_config(page_title="Voortgangsmonitor", page_icon=":material/shield:", layout="wide")

reference = cache.reference(cache.version())
current = view_for(reference)
lang = current.lang

# Page files and their catalog keys, in menu order. url_path keeps URLs language-independent; it
# equals the file's stem, which is how AppTest's switch_page finds a page (any other silently
# runs the default page instead).
PAGES = [
    ("app_pages/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    ("app_pages/action_lines.py", "nav.action_lines", ":material/flag:", "action_lines"),
    ("app_pages/parts.py", "nav.parts", ":material/map:", "parts"),
    ("app_pages/indicator.py", "nav.indicator", ":material/query_stats:", "indicator"),
    ("app_pages/data_intake.py", "nav.data", ":material/upload:", "data_intake"),
    ("app_pages/export.py", "nav.export", ":material/download:", "export"),
    ("app_pages/method.py", "nav.method", ":material/menu_book:", "method"),
]
navigation = st.navigation(
    [
        st.Page(path, title=t(key, lang), icon=icon, url_path=url_path, default=index == 0)
        for index, (path, key, icon, url_path) in enumerate(PAGES)
    ]
)
render_sidebar(reference.kingdom_parts, reference.quarters, current)
navigation.run()
