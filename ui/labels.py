"""Translated labels that callers hand down to data/ (which never translates), without streamlit.

The Export page (``ui.export_form``) and ``python cli.py export`` both take the export's status
labels from ``status_labels``, so the file says the same in both.
"""

from __future__ import annotations

from metrics.constants import STATUSES
from ui.i18n import t

__all__ = ["status_labels"]


def status_labels(lang: str) -> dict[str, str]:
    """Every status's label in ``lang``: what ``data.export`` writes in ``status_label``."""
    return {status: t(f"status.{status}", lang) for status in STATUSES}
