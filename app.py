"""Entry point: page config, navigation, and the global sidebar (language, Kingdom part, quarter).

Run with ``streamlit run app.py``. Pages live in pages/; each also runs on its own (AppTest).
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

# Page files and their catalog keys, in menu order. url_path keeps URLs language-independent.
PAGES = [
    ("pages/overview.py", "nav.overview", ":material/dashboard:", "overview"),
    ("pages/action_lines.py", "nav.action_lines", ":material/flag:", "action_lines"),
    ("pages/parts.py", "nav.parts", ":material/map:", "parts"),
    ("pages/indicator.py", "nav.indicator", ":material/query_stats:", "indicator"),
    ("pages/data_intake.py", "nav.data", ":material/upload:", "data"),
    ("pages/export.py", "nav.export", ":material/download:", "export"),
    ("pages/method.py", "nav.method", ":material/menu_book:", "method"),
]
navigation = st.navigation(
    [
        st.Page(path, title=t(key, lang), icon=icon, url_path=url_path, default=index == 0)
        for index, (path, key, icon, url_path) in enumerate(PAGES)
    ]
)
render_sidebar(reference.kingdom_parts, reference.quarters, current)
navigation.run()
