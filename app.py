"""Entry point: page config, the sign-in gate, navigation, the global sidebar (language,
Kingdom part, quarter, vintage, who is signed in), and the banner above every page while a past
vintage is shown (``ui.vintage``).

Run with ``streamlit run app.py``. The pages are the registry's (``ui.pages``), files in
app_pages/, each also runnable on its own (AppTest). Not pages/: Streamlit serves a pages/ folder
as legacy file-based navigation until a session has run st.navigation, so a deep link opened
first after a restart would lose this frame.

Before any page: the store gate (``ui.store_gate``) stops with a plain message when the database
file is not the monitor's, is damaged or is busy; then the gate (``ui.auth_gate``) lets on the
local user, a signed-in identity, or (public read) an anonymous reader, and stops everyone else
with a screen that says why. The menu holds only the pages the acting user may use
(``PageEntry.requires``): a page left out is not registered, so its URL opens the default page
instead.
"""

from __future__ import annotations

import streamlit as st

from data import cache
from data.access_rules import ROLES, permitted
from data.store import StoreError
from ui.access_pages import permitted_sections
from ui.access_sidebar import render_session
from ui.auth import auth_settings
from ui.auth_gate import admit, refuse_without_role
from ui.i18n import t
from ui.pages import PAGES, SECTIONS
from ui.run_slots import page_run_slot
from ui.state import render_sidebar, view_for
from ui.store_gate import readable_version
from ui.style import apply_style, page_language
from ui.vintage import follows_vintage, option_labeller, vintage_banner

# An emoji icon: the browser draws it in place. A Material Symbols one has the browser fetch it
# from fonts.gstatic.com, and the dashboard asks no host but its own (no Material icons anywhere:
# tests/ui/test_no_material_icons.py). The tab's title says the page, in the reader's language,
# once the view is known (below); until then (the store's message) the monitor's Dutch name.
st.set_page_config(page_title=t("app.short_title"), page_icon="🛡️", layout="wide")
apply_style()

token = readable_version(cache.version, StoreError)
reference = cache.reference(token)
current = view_for(reference)
page_language(current.lang)
st.set_page_config(page_title=t("app.short_title", current.lang))
settings = auth_settings()
actor = cache.actor(token, admit(settings, current.lang))
refuse_without_role(actor, current.lang)
sections = permitted_sections(SECTIONS, lambda requirement: permitted(actor, requirement))
navigation = st.navigation(
    {
        t(section_key, current.lang): [
            st.Page(
                entry.path,
                title=t(entry.title_key, current.lang),
                url_path=entry.url_path,
                default=entry == PAGES[0],
            )
            for entry in entries
        ]
        for section_key, entries in sections
    }
)
st.set_page_config(page_title=t("tab.title", current.lang, page=navigation.title))
render_sidebar(reference, current, vintage_label=option_labeller(reference.vintages, current.lang))
vintage_banner(current, follows=follows_vintage(navigation.url_path))
render_session(actor, reference.kingdom_parts, role_order=ROLES, lang=current.lang)
with page_run_slot():  # bounded memory under many sessions (ui/run_slots.py)
    navigation.run()
