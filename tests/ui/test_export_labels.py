"""The texts the Export page and ``cli.py export`` hand to data/export.py (ui.labels)."""

from __future__ import annotations

import pytest

from metrics.actions import ACTION_DISTRIBUTION_STATUSES
from metrics.constants import STATUSES
from ui.labels import action_status_labels, export_status_labels, status_labels, untranslated_mark


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_actions_export_gets_the_action_status_labels(lang):
    labels = export_status_labels("actions", lang)
    assert labels == action_status_labels(lang)
    assert set(labels) == set(ACTION_DISTRIBUTION_STATUSES)


@pytest.mark.parametrize("what", ["assessment", "observations", "narrative"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_other_exports_get_the_indicator_status_labels(what, lang):
    labels = export_status_labels(what, lang)
    assert labels == status_labels(lang)
    assert set(labels) == set(STATUSES)


def test_the_untranslated_mark_is_translated():
    assert untranslated_mark("en") == "(untranslated, Dutch text)"
    assert untranslated_mark("nl") == "(niet vertaald)"
