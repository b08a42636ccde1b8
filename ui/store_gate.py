"""The store gate app.py runs before anything reads the database: when the file cannot be read
(not the monitor's database, damaged, or it kept changing while being opened), a page-sized
message in Dutch and English, the same the CLI prints, instead of a traceback; no page runs.

| function | does |
|---|---|
| ``readable_version(version, errors)`` | ``version()``; on ``errors`` the message, and stop |
| ``store_error_text(error, lang)`` | a ``data.store.StoreError`` in words, for the dashboard |

Both languages are shown: the language is part of the view, which is read from the database.
The dashboard names the file, not its full path: readers need not learn the server's folders
(the operator knows ``MONITOR_DB``; the CLI prints the full path). Imports ``ui.i18n`` only;
the error type comes from the caller, as ``ui`` does not import ``data``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, NoReturn

import streamlit as st

from ui.i18n import LANGUAGES, t

if TYPE_CHECKING:
    from data.store import StoreError

__all__ = ["readable_version", "store_error_text"]

# What Streamlit's Markdown would read as markup in a file name or command.
_MARKUP = re.compile(r"([\\`*_{}\[\]()<>#+!|~$:])")


def _plain(text: object) -> str:
    return _MARKUP.sub(r"\\\1", str(text))


def store_error_text(error: StoreError, lang: str) -> str:
    """The message for ``error`` in ``lang``, as Markdown that shows every character as is."""
    params = {name: _plain(value) for name, value in error.params.items()}
    for name in ("path", "lock"):
        if name in error.params:
            params[name] = _plain(PurePath(str(error.params[name])).name)
    return t(f"store.error.{error.code}", lang, **params)


def _stop_with(error: StoreError) -> NoReturn:
    for lang in LANGUAGES:
        st.error(f"**{t('store.gate.title', lang)}**\n\n{store_error_text(error, lang)}")
    st.stop()


def readable_version(version: Callable[[], str], errors: type[StoreError]) -> str:
    """The published version token (``data.cache.version``), or, when the database cannot be
    read (``errors``: ``data.store.StoreError``), the message in every language and a stop."""
    try:
        return version()
    except errors as error:
        _stop_with(error)
