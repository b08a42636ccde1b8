"""The Method page's text (ui.method): METHOD.md v2 in plain words, numbers from metrics."""

from __future__ import annotations

import re

import pytest

from metrics import constants
from ui.i18n import t
from ui.method import SECTIONS, method_sections
from ui.texts import flags_text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_section_is_written_with_its_numbers_filled_in(lang):
    sections = method_sections(lang)
    assert len(sections) == len(SECTIONS)
    for section in sections:
        assert section.strip()
        assert not re.search(r"\{\w+\}", section), section


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_flags_section_explains_every_flag_by_its_label(lang):
    flags = method_sections(lang)[SECTIONS.index("flags")]
    for name in constants.FLAG_NAMES:
        assert f"*{t(f'flag.{name}', lang)}*" in flags, name


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("nl", ("omgekeerd", "afgerond op 9 decimalen", "6 decimalen", "verschuift nooit")),
        ("en", ("reversed", "rounded to 9 decimals", "6 decimals", "never moves")),
    ],
)
def test_the_v2_rules_are_explained(lang, words):
    text = "\n".join(method_sections(lang))
    assert constants.THRESHOLD_DECIMALS == 9 and constants.DERIVED_DECIMALS == 6
    for word in words:
        assert word in text, word
    # Example G, the targets' versions and cagr's domain.
    assert "60" in text and "50" in text and "45" in text
    assert "CAGR" in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_reversed_target_is_listed_with_the_other_flags(lang):
    row = {name: name in ("provisional", "target_reversed") for name in constants.FLAG_NAMES}
    text = flags_text(row, lang)
    assert t("flag.target_reversed", lang) in text and t("flag.provisional", lang) in text
    assert text.index(t("flag.provisional", lang)) < text.index(t("flag.target_reversed", lang))
