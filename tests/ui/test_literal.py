"""``ui.literal``: a file's text shown as written, in a terminal and in a Markdown message."""

from __future__ import annotations

import pytest

from ui.literal import markdown_text, terminal_text

W = "\u2060"  # the invisible word joiner that keeps an address from becoming a link


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("q3-2025.csv", "q3-2025.csv"),  # an ordinary name as it is
        ("rood\x1b[31m\x07\r.csv", "rood\\x1b[31m\\x07\\r.csv"),
        ("a\nb\tc\x9b\u202ed", "a\\nb\\tc\\x9b\\u202ed"),
        ("Curaçao – “ok” 12,5 % C:\\map", "Curaçao – “ok” 12,5 % C:\\map"),
    ],
)
def test_terminal_text_shows_control_characters_as_python_escapes(text, shown):
    assert terminal_text(text) == shown


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("q3-2025 kwartaal.csv", "q3-2025 kwartaal.csv"),
        ("**vet** _schuin_.csv", r"\*\*vet\*\* \_schuin\_.csv"),
        ("[link](mailto:a@b.nl).csv", rf"\[link\](mailto\:{W}a@{W}b.nl).csv"),
        ("<b>x</b> &amp; ~~weg~~.csv", r"\<b\>x\</b\> \&amp; \~\~weg\~\~.csv"),
        ("$x^2$ :red[rood] `code` |t|", rf"\$x^2\$ \:{W}red\[rood\] \`code\` \|t\|"),
        (":smile: https://x.nl", rf"\:{W}smile\:{W} https\:{W}//x.nl"),
        ("www.voorbeeld.nl WWW.x.csv", f"www{W}.voorbeeld.nl WWW{W}.x.csv"),
        ("# kop.csv", r"\# kop.csv"),
        ("> citaat.csv", r"\> citaat.csv"),
        ("- punt.csv", r"\- punt.csv"),
        ("1. lijst.csv", r"1\. lijst.csv"),
        ("    code.csv", "\u00a0" * 4 + "code.csv"),
        ("a\nb\\c.csv", r"a\\nb\\c.csv"),
    ],
)
def test_markdown_text_escapes_what_markdown_would_act_on(text, source):
    assert markdown_text(text) == source
