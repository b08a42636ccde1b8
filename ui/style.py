"""The global stylesheet: what the theme (.streamlit/config.toml) cannot set for accessibility.

``app.py`` calls ``apply_style`` once per run, before the page; a page run on its own (AppTest)
works without it. Colours are the Rijkshuisstijl's, each measured against where it is drawn
(tests/ui/test_a11y_theme.py); the status colours stay ``ui.palette``'s.

| function      | what it does                                                              |
|---------------|---------------------------------------------------------------------------|
| apply_style   | the stylesheet (focus outline, caption colour) and the menu's list fix    |
| page_language | the page's language for screen readers and for the tables' numbers        |

What it fixes, each found by axe-core or the keyboard (tests/browser/test_accessibility.py):

- Captions (``st.caption``) and the code in them: Streamlit draws them at 60 % opacity, a grey
  of 3.7–3.9:1; here solid ``CAPTION_COLOR``, 6.9:1 on white and 6.2:1 on the sidebar.
- Keyboard focus: a clear ``:focus-visible`` outline in donkerblauw (10:1 on white, 9:1 on the
  sidebar) on links (the menu, the Overview matrix's page links), buttons, tabs, expanders and
  the sidebar's fields, offset so it also shows around a lintblauw button.
- The menu with sections: Streamlit puts each section in a ``div`` inside the ``ul``, which
  leaves the list with a non-item child and its items outside any list (axe ``list``,
  ``listitem``, serious). A small script gives every section the list role and the outer
  ``ul`` none: each section is read as a list of its pages. It runs again when Streamlit
  redraws the menu, and does nothing else.
- The page's language: Streamlit writes ``<html lang="en">`` whatever the page says, so a screen
  reader reads a Dutch page with English pronunciation (WCAG 3.1.1). ``page_language`` sets it
  to the reader's language, and gives the browser's number formatting the same language:
  ``st.dataframe`` writes a ``format="localized"`` number in ``navigator.languages``' notation,
  so a Dutch page in an English browser showed ``1.92`` beside a summary saying ``1,92``. Now a
  Dutch page writes ``1,92`` in its tables, an English page ``1.92``, whatever the browser.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["CAPTION_COLOR", "FOCUS_COLOR", "LANGUAGE_TAGS", "apply_style", "page_language"]

# Donkerblauw: the focus outline (10.2:1 on white, 9.2:1 on the sidebar's #EEF4F8).
FOCUS_COLOR = "#154273"
# Captions and other secondary text: 6.9:1 on white, 6.2:1 on the sidebar.
CAPTION_COLOR = "#535B66"

_CSS = f"""
<style>
[data-testid="stCaptionContainer"],
[data-testid="stCaptionContainer"] code,
[data-testid="stWidgetLabel"] [data-testid="stCaptionContainer"] {{
  color: {CAPTION_COLOR} !important;
  opacity: 1 !important;
}}
a:focus-visible,
button:focus-visible,
summary:focus-visible,
[role="tab"]:focus-visible,
[role="button"]:focus-visible,
[role="switch"]:focus-visible,
[role="slider"]:focus-visible,
[tabindex]:not([tabindex="-1"]):focus-visible {{
  outline: 3px solid {FOCUS_COLOR} !important;
  outline-offset: 2px !important;
  border-radius: 0.25rem;
}}
[data-testid="stSidebar"] [data-baseweb="select"] > div:focus-within,
[data-testid="stSidebar"] [data-baseweb="input"]:focus-within {{
  outline: 3px solid {FOCUS_COLOR} !important;
  outline-offset: 1px !important;
}}
[data-testid="stSidebar"] .stElementContainer:has([data-a11y-menu-fix]),
[data-testid="stSidebar"] .stElementContainer:has([data-page-language]) {{
  display: none;
}}
</style>
"""

# Each section of the menu a list of its pages (see the module docstring). Installed once per
# browser tab; the observer re-applies the roles when Streamlit redraws the menu.
_MENU_FIX = """
<span data-a11y-menu-fix hidden></span>
<script>
(() => {
  if (window.__monitorMenuFix) { window.__monitorMenuFix(); return; }
  const fix = () => {
    const items = document.querySelector('[data-testid="stSidebarNavItems"]');
    if (!items || ![...items.children].some((c) => c.tagName !== 'LI')) return;
    if (items.getAttribute('role') !== 'none') items.setAttribute('role', 'none');
    for (const section of items.children) {
      if (section.tagName === 'LI') continue;
      if (section.getAttribute('role') !== 'list') section.setAttribute('role', 'list');
      const header = section.querySelector(':scope > header');
      if (header && header.getAttribute('role') !== 'none') header.setAttribute('role', 'none');
      const label = header && header.querySelector('p');
      const name = label ? label.textContent.trim() : '';
      if (name && section.getAttribute('aria-label') !== name) {
        section.setAttribute('aria-label', name);
      }
    }
  };
  window.__monitorMenuFix = fix;
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
  fix();
})();
</script>
"""


# The language tags the browser formats numbers with, per page language.
LANGUAGE_TAGS = {"nl": ("nl-NL", "nl"), "en": ("en-GB", "en")}

# The page's language (see the module docstring); runs again whenever the language changes.
_PAGE_LANGUAGE = """
<span data-page-language="{lang}" hidden></span>
<script>
(() => {{
  const tags = {tags};
  document.documentElement.lang = "{lang}";
  document.documentElement.dataset.pageLanguage = "{lang}";
  try {{
    Object.defineProperty(navigator, "languages", {{ get: () => tags, configurable: true }});
    Object.defineProperty(navigator, "language", {{ get: () => tags[0], configurable: true }});
  }} catch (error) {{
    // A browser that refuses keeps its own number notation; the page's language is still set.
  }}
}})();
</script>
"""


def page_language(lang: str) -> None:
    """The page in ``lang``: ``<html lang>`` and the notation of the tables' numbers (hidden)."""
    tags = LANGUAGE_TAGS[lang]
    script = _PAGE_LANGUAGE.format(lang=lang, tags="[" + ", ".join(f'"{t}"' for t in tags) + "]")
    st.sidebar.html(script, unsafe_allow_javascript=True)


def apply_style() -> None:
    """The global stylesheet, and the menu's list fix in the sidebar (hidden, no space)."""
    st.html(_CSS)
    st.sidebar.html(_MENU_FIX, unsafe_allow_javascript=True)
