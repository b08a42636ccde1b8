from __future__ import annotations

import pytest

from metrics.constants import STATUSES
from ui.labels import status_labels


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_status_has_an_export_label_in_each_language(lang):
    labels = status_labels(lang)
    assert set(labels) == set(STATUSES)
    assert all(labels.values())


def test_export_labels_are_translated():
    assert status_labels("nl")["on_track"] == "Op koers"
    assert status_labels("en")["on_track"] == "On track"
