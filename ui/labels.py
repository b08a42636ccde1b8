"""Translated labels that callers hand down to data/ (which never translates), without streamlit.

The Export page (``ui.export_form``) and ``python cli.py export`` both take the export's status
labels from ``status_labels``, so the file says the same in both.
"""

from __future__ import annotations

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import STATUSES
from ui.i18n import t

__all__ = ["action_status_labels", "in_language", "status_labels"]


def status_labels(lang: str) -> dict[str, str]:
    """Every status's label in ``lang``: what ``data.export`` writes in ``status_label``."""
    return {status: t(f"status.{status}", lang) for status in STATUSES}


def action_status_labels(lang: str) -> dict[str, str]:
    """Every action status's label in ``lang`` (``not_reported`` included)."""
    return {status: t(f"action_status.{status}", lang) for status in ACTION_DISTRIBUTION_STATUSES}


def in_language(text: object, text_en: object, lang: str) -> str:
    """A narrative in ``lang``: Dutch is the text as written; in English the English version
    where one was written, else the Dutch text marked as untranslated. Empty: ""."""
    dutch = text if isinstance(text, str) else ""
    english = text_en if isinstance(text_en, str) else ""
    if lang == "en" and english.strip():
        return english
    if lang == "en" and dutch.strip():
        return f"{dutch} {t('action_status.untranslated', lang)}"
    return dutch
