"""The audit trail in words: a date range as moments, the download's name, and each kind of row
in the table (an import without a recorded identity, a signed-in user's, a role change)."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from data.audit import AUDIT_COLUMNS
from ui.audit_tables import audit_file_name, audit_table, period_bounds
from ui.i18n import t

PARTS = pd.DataFrame(
    {
        "part_id": ["KINGDOM", "CAR_C", "AW"],
        "parent_id": [None, "KINGDOM", "CAR_C"],
        "level": ["kingdom", "part", "entity"],
        "name_nl": ["Koninkrijk", "Caribische landen", "Aruba"],
        "name_en": ["Kingdom", "Caribbean countries", "Aruba"],
    }
)


def test_a_date_range_includes_its_last_day_whole():
    assert period_bounds(()) == (None, None)
    assert period_bounds((date(2026, 11, 1),)) == (datetime(2026, 11, 1), None)
    assert period_bounds((date(2026, 11, 1), date(2026, 11, 30))) == (
        datetime(2026, 11, 1),
        datetime(2026, 12, 1),
    )


@pytest.mark.parametrize(
    ("dates", "lang", "name"),
    [
        ((), "nl", "auditspoor_alles_excel-nl.csv"),
        (
            (date(2026, 1, 1), date(2026, 3, 31)),
            "en",
            "audit_trail_2026-01-01_2026-03-31_standard.csv",
        ),
    ],
)
def test_the_download_is_named_in_the_language_with_its_period_and_dialect(dates, lang, name):
    dialect = "excel-nl" if lang == "nl" else "standard"
    assert audit_file_name(dates, dialect, lang) == name


def _row(**values: object) -> dict[str, object]:
    return {column: values.get(column) for column in AUDIT_COLUMNS}


def test_each_kind_of_change_reads_in_words():
    trail = pd.DataFrame(
        [
            _row(
                changed_at=datetime(2026, 12, 2, 9, 0, 30),
                what="access",
                who="admin@example.org",
                mode="oidc",
                subject="sub-admin",
                outcome="revoked",
                email="coord@example.org",
                role="coordinator",
                part_id="AW",
                reason="vertrokken",
            ),
            _row(
                changed_at=datetime(2026, 11, 28, 10, 0),
                what="observations",
                who="demo",
                outcome="rejected",
                import_id=7,
                file_name="q.csv",
                rows_accepted=0,
                rows_rejected=3,
            ),
        ]
    )
    table = audit_table(trail, PARTS, "nl")
    assert table.to_dict("records") == [
        {
            "Wanneer (UTC)": "2026-12-02 09:00",
            "Door": "admin@example.org",
            "Aangemeld": "ingelogd · sub-admin",
            "Wat": "toegang: ingetrokken",
            "Details": "coord@example.org · coördinator · Aruba · reden: vertrokken",
        },
        {
            "Wanneer (UTC)": "2026-11-28 10:00",
            "Door": "demo",
            "Aangemeld": t("access_admin.mode.unknown", "nl"),
            "Wat": "kwartaalbestand: afgekeurd",
            "Details": "q.csv · 0 geaccepteerd, 3 afgekeurd",
        },
    ]
