"""Every page in Dutch shows no English, and in English no Dutch (issue 17, "Fully Dutch in
Dutch, fully English in English").

Each page runs under AppTest inside the app (as a reader opens it, for the Kingdom and for Saba)
and every text it sends to the browser is collected: titles, markdown, captions, notices, widget
labels, help, options and placeholders, tab and expander labels, table headers and the cells of
read-only tables. Then the text is searched for telltale words of the other language. Left out,
on purpose: what a user wrote and is shown as written (a narrative marked as untranslated, the
name of an uploaded file), the catalogue's editors (they hold both languages' columns, to be
edited), and the charts' specs (the charts helper's).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import APP
from ui import pages
from ui.labels import untranslated_mark

# Whole words that, seen in a Dutch page, are English left behind (and the reverse). Each is a
# word no text of the right language uses; several are what this sweep found and fixed.
ENGLISH_WORDS = frozenset(
    {
        "the",
        "and",
        "with",
        "ministry",
        "survey",
        "illustrative",
        "planned",
        "about",
        "source",
        "owner",
        "narrative",
        "choose",
        "download",
    }
)
DUTCH_WORDS = frozenset(
    {
        "duiding",
        "acties",
        "illustratief",
        "ministerie",
        "gepland",
        "circa",
        "bron",
        "eigenaar",
        "downloaden",
        "kiezen",
        "waarnemingen",
        "voortgang",
    }
)
TELLTALES = {"nl": ENGLISH_WORDS, "en": DUTCH_WORDS}

# Dutch uses "Download" as an imperative in running text ("Download wat uw deel ... moet
# aanleveren"); a button says "... downloaden". Only a label that starts with it is English.
_ALLOWED = {"nl": re.compile(r"^Download (wat|het|de|een) "), "en": None}

_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")
# A file's name is shown as it was uploaded (the import log); the names the dashboard gives its
# own files are tests/ui/test_dutch_file_names.py's.
_FILE_NAME = re.compile(r"\S+\.(csv|xlsx|zip|parquet|docx|pdf|html)\b")
# Proto string fields that are not read by a user.
_SKIPPED_FIELDS = frozenset({"id", "form_id", "key", "css_class", "default", "page_script_hash"})


def _proto_strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if field.name in _SKIPPED_FIELDS:
            continue
        values = value if isinstance(value, list | tuple) or hasattr(value, "extend") else [value]
        for item in values:
            if isinstance(item, Message):
                yield from _proto_strings(item)
            elif isinstance(item, str):
                yield item


def _is_editor(node) -> bool:
    proto = getattr(node, "proto", None)
    return bool(getattr(proto, "editing_mode", 0))


def _texts(node) -> Iterator[str]:
    """Every text ``node`` and its children send that a reader sees."""
    if _is_editor(node):
        return
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        for text in _proto_strings(proto):
            # Plotly specs and column configs are JSON; charts are the charts helper's.
            if not text.lstrip().startswith(("{", "[", "<")):
                yield text
    if node.__class__.__name__ == "Dataframe":
        frame = node.value
        yield from (str(column) for column in frame.columns)
        for column in frame.columns:
            if frame[column].dtype.kind in "OTU" or str(frame[column].dtype) in {"str", "string"}:
                yield from (str(cell) for cell in frame[column].dropna().unique())
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _texts(child)


def _written_by_users(text: str, lang: str) -> bool:
    # A Dutch narrative in English, marked as such; an English narrative of a test database.
    return untranslated_mark("en") in text if lang == "en" else False


def _offending(at: AppTest, lang: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    allowed = _ALLOWED[lang]
    for text in _texts(at._tree):
        if _written_by_users(text, lang) or (allowed and allowed.match(text)):
            continue
        words = {word.lower() for word in _WORD.findall(_FILE_NAME.sub("", text))}
        words &= TELLTALES[lang]
        for word in words:
            found.setdefault(word, set()).add(text[:120])
    return found


def _open(page: str, lang: str, part: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.query_params["part"] = part
    at.run()
    if page != pages.PAGES[0].path:
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize("part", ["KINGDOM", "BQ-SA"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", [entry.path for entry in pages.PAGES])
def test_a_page_speaks_one_language(demo_app_db, page, lang, part):
    at = _open(page, lang, part)
    assert not at.exception
    assert _offending(at, lang) == {}
