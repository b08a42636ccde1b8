"""The Method page's text (ui.method): METHOD.md v2 in plain words, the action rules (item 3)
included, every number and status name from metrics."""

from __future__ import annotations

import re

import pytest

from metrics import constants
from ui.i18n import t
from ui.method import SECTIONS, action_rules, action_status_table, method_sections
from ui.palette import action_status_text
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


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_action_rules_name_every_status_and_fill_in_every_rule_from_the_constants(lang):
    text = action_rules(lang)
    assert not re.search(r"\{\w+\}", text), text
    for status in (*constants.ACTION_STATUSES, constants.NOT_REPORTED):
        assert f"*{t(f'action_status.{status}', lang)}*" in text, status
    assert f"{constants.ACTION_STALE_AFTER_QUARTERS} " in text
    assert f"*{t('action_status.stale', lang)}*" in text
    numerator = " + ".join(
        f"*{t(f'action_status.{status}', lang)}*"
        for status in constants.ACTION_ON_SCHEDULE_STATUSES
    )
    assert f"({numerator})" in text
    never_mixed = {"nl": "Nooit vermengd", "en": "Never mixed"}[lang]
    assert never_mixed in text


def test_the_action_rules_follow_the_constants_not_a_number_in_a_text(monkeypatch):
    monkeypatch.setattr(constants, "ACTION_STALE_AFTER_QUARTERS", 7)
    assert "7 quarters without a report" in action_rules("en")
    table = action_status_table("en")
    assert "after 7 quarters without a report" in set(table["Goes stale"])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_action_status_table_places_each_status_in_the_share_and_in_staleness(lang):
    table = action_status_table(lang)
    statuses = (*constants.ACTION_STATUSES, constants.NOT_REPORTED)
    assert list(table[t("method_actions.status", lang)]) == [
        action_status_text(status, lang) for status in statuses
    ]
    share = dict(zip(statuses, table[t("method_actions.share", lang)], strict=True))
    stale = dict(zip(statuses, table[t("method_actions.staleness", lang)], strict=True))
    for status in statuses:
        if status in constants.ACTION_ON_SCHEDULE_STATUSES:
            assert share[status] == t("method_actions.share_numerator", lang)
        elif status in constants.ACTION_UNCOUNTED_STATUSES:
            assert share[status] == t("method_actions.share_uncounted", lang)
        else:  # not_reported included: it is in the denominator
            assert share[status] == t("method_actions.share_denominator", lang)
        if status in constants.ACTION_FINAL_STATUSES:
            assert stale[status] == t("method_actions.stale_never", lang)
    assert stale[constants.NOT_REPORTED] == t("method_actions.stale_always", lang)
    assert stale["delayed"] == t(
        "method_actions.stale_after", lang, n=constants.ACTION_STALE_AFTER_QUARTERS
    )
