"""The links an AppTest run (or a function) drew with ``st.html`` (the Overview's heat-map matrix
and the Kingdom at a glance), read back as a browser would: target page, query, visible text,
accessible name, tooltip, classes, inline style and aria-current. Parsed with the standard
library's HTML parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from streamlit.testing.v1 import AppTest


@dataclass
class Link:
    page: str  # the target's url_path
    params: dict[str, str]
    name: str  # aria-label: what a screen reader announces
    title: str
    classes: tuple[str, ...]
    style: dict[str, str]
    current: bool  # aria-current: the chosen one
    own_text: str = ""  # the anchor's own text, without its nested elements
    parts: list[str] = field(default_factory=list)  # every text piece, nested ones included

    @property
    def text(self) -> str:
        return " ".join(part.strip() for part in self.parts if part.strip())


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: Link | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._open is not None:
            self._depth += 1
            return
        if tag != "a":
            return
        values = {key: value or "" for key, value in attrs}
        target = urlsplit(values.get("href", ""))
        style = {}
        for declaration in values.get("style", "").split(";"):
            if ":" in declaration:
                key, value = declaration.split(":", 1)
                style[key.strip()] = value.strip()
        self._open = Link(
            page=target.path,
            params=dict(parse_qsl(target.query)),
            name=values.get("aria-label", ""),
            title=values.get("title", ""),
            classes=tuple(values.get("class", "").split()),
            style=style,
            current=values.get("aria-current") == "true",
        )
        self._depth = 0

    def handle_endtag(self, tag: str) -> None:
        if self._open is None:
            return
        if self._depth:
            self._depth -= 1
            return
        self.links.append(self._open)
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is None:
            return
        self._open.parts.append(data)
        if self._depth == 0:
            self._open.own_text += data


def parse_links(html: str) -> list[Link]:
    """Every link in ``html``, in order."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def html_links(at: AppTest, *, page: str, css_class: str | None = None) -> list[Link]:
    """Every link to ``page`` (a url_path) in the run's st.html blocks, in order; with
    ``css_class``, only those carrying it."""
    links = parse_links("".join(element.proto.body for element in at.get("html")))
    return [
        link
        for link in links
        if link.page == page and (css_class is None or css_class in link.classes)
    ]
