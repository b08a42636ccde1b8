"""Which text of a narrative a reader sees (metrics.narrative), and that the pages' helper
(ui.labels.in_language) is the same rule with the mark in the reader's language."""

from __future__ import annotations

import doctest
import importlib

import pytest

from metrics.narrative import narrative_in_language
from ui.i18n import t
from ui.labels import in_language


def test_docstring_examples_hold():
    failures, tried = doctest.testmod(importlib.import_module("metrics.narrative"))
    assert tried > 0 and failures == 0


@pytest.mark.parametrize(
    ("text", "text_en", "lang", "expected"),
    [
        ("Loopt.", "Running.", "nl", "Loopt."),
        ("Loopt.", "Running.", "en", "Running."),
        ("Loopt.", None, "en", "Loopt. (mark)"),
        ("Loopt.", "   ", "en", "Loopt. (mark)"),
        ("Loopt.", float("nan"), "en", "Loopt. (mark)"),
        (None, "Running.", "nl", ""),
        (None, "Running.", "en", "Running."),
        ("  ", None, "en", "  "),
        (None, None, "en", ""),
    ],
)
def test_the_rule(text, text_en, lang, expected):
    assert narrative_in_language(text, text_en, lang, untranslated="(mark)") == expected


def test_no_mark_given_means_the_dutch_text_as_written():
    assert narrative_in_language("Loopt.", None, "en", untranslated="") == "Loopt."


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("text_en", [None, "Running."])
def test_the_pages_helper_is_the_same_rule_with_the_translated_mark(lang, text_en):
    mark = t("action_status.untranslated", lang)
    assert in_language("Loopt.", text_en, lang) == narrative_in_language(
        "Loopt.", text_en, lang, untranslated=mark
    )
