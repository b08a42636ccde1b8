"""ui.pager and ui.indicator_search: a long list shown a bounded page at a time, and a picker
that offers a bounded list found by a search."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ui.indicator_search import PICKER_LIMIT, matching_options
from ui.pager import page_bounds


@pytest.mark.parametrize(
    ("total", "size", "number", "bounds"),
    [
        (670, 12, 1, (0, 12)),
        (670, 12, 56, (660, 670)),  # the last page holds the rest
        (670, 12, 99, (660, 670)),  # past the end: the last page
        (670, 12, 0, (0, 12)),
        (5, 12, 1, (0, 5)),
        (0, 12, 1, (0, 0)),
    ],
)
def test_page_bounds(total, size, number, bounds):
    assert page_bounds(total, size, number) == bounds


def test_a_page_holds_at_least_one_row():
    with pytest.raises(ValueError):
        page_bounds(10, 0, 1)


def _paged_app(lang: str) -> None:
    import pandas as pd
    import streamlit as st

    from ui.pager import paged

    frame = pd.DataFrame({"n": range(1, 31)})
    st.dataframe(paged(frame, key="pages", lang=lang, size=12, noun="indicators"))


@pytest.mark.parametrize(
    ("lang", "first", "last"),
    [
        ("nl", "indicatoren 1–12 van 30", "indicatoren 25–30 van 30"),
        ("en", "indicators 1–12 of 30", "indicators 25–30 of 30"),
    ],
)
def test_paged_shows_one_page_and_says_which(lang, first, last):
    at = AppTest.from_function(_paged_app, kwargs={"lang": lang}).run()
    assert not at.exception
    assert at.caption[0].value == first
    assert list(at.dataframe[0].value["n"]) == list(range(1, 13))
    at.number_input(key="pages").set_value(3).run()
    assert at.caption[0].value == last
    assert list(at.dataframe[0].value["n"]) == list(range(25, 31))


def _short_app() -> None:
    import pandas as pd
    import streamlit as st

    from ui.pager import paged

    st.dataframe(paged(pd.DataFrame({"n": range(5)}), key="p", lang="nl", size=12, noun="rows"))


def test_a_list_that_fits_has_no_pager():
    at = AppTest.from_function(_short_app).run()
    assert not at.number_input and not at.caption
    assert len(at.dataframe[0].value) == 5


LABELS = {f"IND-{n:04d}": f"IND-{n:04d} · Indicator {n} of cyber security" for n in range(8000)}


def test_the_picker_offers_the_chosen_then_at_most_the_limit():
    options = matching_options(LABELS, "", chosen="IND-7999")
    assert options.ids[0] == "IND-7999"
    assert len(options.ids) == PICKER_LIMIT + 1
    assert options.found == 8000 and options.cut


def test_the_search_matches_every_word_in_any_case():
    options = matching_options(LABELS, "indicator 7 CYBER ind-07", chosen="IND-0001")
    assert options.ids[1:] == [f"IND-{n:04d}" for n in range(700, 700 + PICKER_LIMIT)]
    assert options.found == 100 and options.cut  # IND-0700 .. IND-0799


def test_a_narrow_search_offers_every_match():
    options = matching_options(LABELS, "ind-001", chosen="IND-0005")
    assert options.ids == ["IND-0005", *[f"IND-{n:04d}" for n in range(10, 20)]]
    assert options.found == 10 and not options.cut


def test_no_match_offers_only_the_chosen():
    options = matching_options(LABELS, "nothing like this", chosen="IND-0005")
    assert options.ids == ["IND-0005"] and options.found == 0 and not options.cut
