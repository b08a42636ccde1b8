"""The Dutch and English catalogs: the same keys and placeholders, a label for every status."""

from __future__ import annotations

import pytest

from metrics.constants import STATUSES
from ui.i18n import LANGUAGES, catalog, t


def test_every_language_has_the_same_keys():
    keys = {lang: set(catalog(lang)) for lang in LANGUAGES}
    reference = keys["nl"]
    for lang, lang_keys in keys.items():
        assert lang_keys == reference, (
            f"{lang}: missing {reference - lang_keys}, extra {lang_keys - reference}"
        )


def test_every_language_uses_the_same_placeholders():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, text in catalog("nl").items():
        for lang in LANGUAGES:
            assert fields(catalog(lang)[key]) == fields(text), f"{lang}:{key}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_status_has_a_label(lang):
    labels = [t(f"status.{status}", lang) for status in STATUSES]
    assert all(labels) and len(set(labels)) == len(labels)


def test_dutch_is_the_default_and_unknown_keys_fail_loudly():
    assert t("status.on_track") == "Op koers"
    with pytest.raises(KeyError):
        t("no.such.key", "en")
    with pytest.raises(ValueError, match="unknown language"):
        t("status.on_track", "fr")
