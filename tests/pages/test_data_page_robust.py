"""The Data page under AppTest with an unlucky or hostile upload: the file's name is shown as
written (never as Markdown), the uploader states the intake's own size limit, an error in the
check or the import is a plain message with a reference (never a traceback), and the session
keeps the check's result, not the file's bytes."""

from __future__ import annotations

import pickle
import re
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

import data.intake
from data.access_rules import AccessDeniedError
from data.intake import MAX_FILE_BYTES
from tests.intake_files import GOOD_ROWS, NL_HEADER, csv_bytes, current_values, imports
from tests.pages.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "data_intake.py")
# Bold, a link, HTML, math, Streamlit's colour directive and an emoji short code (no "/": a
# file's name has none, and the intake keeps only what follows the last).
HOSTILE_NAME = "**vet** [link](mailto:x@y.nl) <b>x <i>y $x$ :red[rood] :smile:.csv"
# The same as the message's Markdown source: what Markdown acts on backslash-escaped (CommonMark
# shows it as itself), an invisible word joiner after ":" and "@" (no address becomes a link).
ESCAPED_NAME = (
    r"\*\*vet\*\* \[link\](mailto\:\u2060x@\u2060y.nl) \<b\>x \<i\>y \$x\$ \:\u2060red\[rood\] "
    r"\:\u2060smile\:\u2060.csv"
).replace(r"\u2060", "\u2060")
BAD_ROWS = [("IND-0301", "NL", "2025Q3", "**abc** $x$", "", "")]


def _page(lang: str = "nl") -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = lang
    return at.run()


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    return at.file_uploader(key="intake_file").set_value((name, data, "text/csv")).run()


def _good_file() -> bytes:
    return csv_bytes(GOOD_ROWS, header=NL_HEADER, delimiter=";", decimal_comma=True)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_rejected_file_s_name_is_shown_as_text(app_db, lang):
    at = _upload(_page(lang), HOSTILE_NAME, csv_bytes(BAD_ROWS))
    assert not at.exception
    message = at.error[0].value
    assert message.startswith(ESCAPED_NAME + " ")
    # The cell's text is in the problems table, which shows text as it is (no Markdown).
    problems = at.dataframe[1].value
    assert problems.iloc[0, -1].startswith('"**abc** $x$"')
    assert not any("abc" in markdown.value for markdown in at.markdown)


def test_an_accepted_file_s_name_is_shown_as_text_in_the_preview_and_after_import(app_db):
    at = _upload(_page("en"), HOSTILE_NAME, _good_file())
    assert not at.exception
    assert at.info[0].value == f"{ESCAPED_NAME}: 3 rows checked, nothing has been imported yet."
    at.button(key="intake_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(f"Imported {ESCAPED_NAME}: 3 new")
    assert [row[2] for row in imports(app_db)] == [HOSTILE_NAME]  # the log keeps it as it was


def test_the_uploader_states_the_intake_s_own_limit(app_db):
    limit_mb = MAX_FILE_BYTES // (1024 * 1024)
    at = _page("en")
    assert at.file_uploader(key="intake_file").proto.max_upload_size_mb == limit_mb
    with open(ROOT / ".streamlit" / "config.toml", "rb") as handle:
        config = tomllib.load(handle)
    # The server refuses a larger upload itself (Streamlit's default would be 200).
    assert config["server"]["maxUploadSize"] == limit_mb == 20


@pytest.mark.parametrize("error", [MemoryError, RuntimeError("internal: boom")])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_error_in_the_check_is_a_plain_message_with_a_reference(
    app_db, monkeypatch, caplog, error, lang
):
    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(data.intake, "preview_file", failing)
    at = _upload(_page(lang), "q3.csv", _good_file())
    assert not at.exception
    message = at.error[0].value
    reference = re.search(r"(?:referentie|reference) ([0-9a-f]{8})", message)
    assert reference, message
    assert "Traceback" not in message and "boom" not in message and "MemoryError" not in message
    assert f"reference {reference.group(1)}" in caplog.text  # the server's log has the details
    assert not at.button  # nothing to confirm
    assert current_values(app_db) == {}


def test_an_error_in_the_import_is_a_plain_message_that_points_at_the_log(app_db, monkeypatch):
    at = _upload(_page("en"), "q3.csv", _good_file())
    assert not at.exception

    def failing(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(data.intake, "import_file", failing)
    at.button(key="intake_confirm").click().run()
    assert not at.exception
    message = at.error[0].value
    assert "import log" in message and re.search(r"reference [0-9a-f]{8}", message)
    assert current_values(app_db) == {}


def test_the_session_keeps_the_check_not_the_file(app_db):
    # A file of about 2 MB: good rows, then many rows left empty (skipped as template rows).
    data = _good_file() + (b";;;;;" + b" " * 10 + b"\r\n") * 120_000
    at = _upload(_page("en"), "groot.csv", data)
    assert not at.exception
    kept = pickle.dumps(at.session_state["intake_checked"])
    assert len(kept) < len(data) // 20


def test_a_refusal_is_still_told_as_a_refusal(app_db, monkeypatch):
    def refusing(*args, **kwargs):
        raise AccessDeniedError("upload")  # roles changed since the page was drawn

    monkeypatch.setattr(data.intake, "preview_file", refusing)
    at = _upload(_page("en"), "q3.csv", _good_file())
    assert not at.exception
    assert [error.value for error in at.error] == ["You may not submit quarter files."]
