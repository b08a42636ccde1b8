"""Translated labels that callers hand down to data/ (which never translates), without streamlit.

The Export page (``ui.export_form``) and ``python cli.py export`` both take the export's status
labels from ``export_status_labels`` and its untranslated mark from ``untranslated_mark``, so
the file says the same in both. Which text of a narrative a reader sees is the rule of
``metrics.narrative``; ``in_language`` applies it with the mark in the reader's language.
"""

from __future__ import annotations

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import STATUSES
from metrics.narrative import narrative_in_language
from ui.i18n import t

__all__ = [
    "action_status_labels",
    "export_status_labels",
    "in_language",
    "status_labels",
    "untranslated_mark",
]

# The export whose status column holds action statuses (``data.export.WHATS``).
_ACTION_EXPORT = "actions"


def status_labels(lang: str) -> dict[str, str]:
    """Every status's label in ``lang``: what ``data.export`` writes in ``status_label``."""
    return {status: t(f"status.{status}", lang) for status in STATUSES}


def action_status_labels(lang: str) -> dict[str, str]:
    """Every action status's label in ``lang`` (``not_reported`` included)."""
    return {status: t(f"action_status.{status}", lang) for status in ACTION_DISTRIBUTION_STATUSES}


def export_status_labels(what: str, lang: str) -> dict[str, str]:
    """The labels of the statuses an export of ``what`` writes: the action statuses' for the
    actions export, the indicator statuses' for every other."""
    return action_status_labels(lang) if what == _ACTION_EXPORT else status_labels(lang)


def untranslated_mark(lang: str) -> str:
    """What follows a Dutch narrative shown in ``lang`` because no English version was written."""
    return t("action_status.untranslated", lang)


def in_language(text: object, text_en: object, lang: str) -> str:
    """A narrative in ``lang``: Dutch is the text as written; in English the English version
    where one was written, else the Dutch text marked as untranslated. Empty: ""."""
    return narrative_in_language(text, text_en, lang, untranslated=untranslated_mark(lang))
