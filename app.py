"""Entry point: page config, navigation, and the global sidebar (language, Kingdom part, quarter).

Run with ``streamlit run app.py``. The pages are the registry's (``ui.pages``), files in
app_pages/, each also runnable on its own (AppTest). Not pages/: Streamlit serves a pages/ folder
as legacy file-based navigation until a session has run st.navigation, so a deep link opened
first after a restart would lose this frame.
"""

from __future__ import annotations

import streamlit as st

from data import cache
from ui.i18n import t
from ui.pages import PAGES, SECTIONS
from ui.state import render_sidebar, view_for

st.set_page_config(page_title="Voortgangsmonitor", page_icon=":material/shield:", layout="wide")

reference = cache.reference(cache.version())
current = view_for(reference)
navigation = st.navigation(
    {
        t(section_key, current.lang): [
            st.Page(
                entry.path,
                title=t(entry.title_key, current.lang),
                icon=entry.icon,
                url_path=entry.url_path,
                default=entry == PAGES[0],
            )
            for entry in entries
        ]
        for section_key, entries in SECTIONS
    }
)
render_sidebar(reference.kingdom_parts, reference.quarters, current)
navigation.run()
