"""The replay floor: a page reduced to the elements it emits, from values computed beforehand.

A page is run once through app.py under AppTest (a database, a Kingdom part, a language); what it
emitted is recorded as a tree of plain values (plotly specs, the frames of its tables, metrics,
texts, page links, widgets with their labels and options, download buttons with their bytes, and
the columns, tabs, expanders and containers that hold them). A replay page emits the same tree
with the same Streamlit calls and nothing else: the least Streamlit itself needs for that page.
The recordings are a pickle beside the replay app, loaded once per process (a module-level dict,
so clearing Streamlit's caches for a "first run" leaves them in place).

The replay app has the real app's url paths and file layout (``app_pages/<stem>.py`` under its
own app.py, sidebar emitted before ``navigation.run()`` as app.py does), so ``AppTest.switch_page``
and a websocket session client drive both the same way. A replay page shows the recording of the
``part`` query parameter (the first recorded part otherwise).

| function | what it does |
|---|---|
| ``record_page(root, db, entry, part=, lang=)`` | run a page through app.py: a ``Recording`` |
| ``record_tree(at)`` | the element tree of a finished AppTest run, as plain values |
| ``write_replay_app(out_dir, db, parts=, lang=, pages=)`` | record pages, write a replay app |
| ``load_recordings(app_dir)`` | a replay app's recordings, loaded once per process |
| ``play(page_file)`` | emit a replay page's recorded main area (called by the written pages) |
| ``play_sidebar(url_path)`` | emit the recorded sidebar (called by the written app.py) |
"""

from __future__ import annotations

import json
import os
import pickle
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import streamlit as st

__all__ = [
    "Recording",
    "load_recordings",
    "play",
    "play_sidebar",
    "record_page",
    "record_tree",
    "write_replay_app",
]

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = "recordings.pkl"
_TIMEOUT_S = 300.0

# An element is a dict: {"kind": ..., **arguments}; a block is {"kind": ..., "children": [...]}.
Node = dict[str, Any]


@dataclass(frozen=True)
class Recording:
    """What one page emitted for one part and language: its main area and the sidebar."""

    url_path: str
    part: str
    lang: str
    main: list[Node]
    sidebar: list[Node]
    unknown: tuple[str, ...] = ()  # element types the replay does not emit (named, not hidden)

    def count(self, kind: str) -> int:
        return sum(1 for node in _flatten(self.main + self.sidebar) if node["kind"] == kind)


def _flatten(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _flatten(node.get("children", []))


# --- recording ------------------------------------------------------------------------------


class _Media:
    """The in-memory media storages AppTest creates, so download buttons' bytes can be read."""

    storages: ClassVar[list[Any]] = []

    @classmethod
    @contextmanager
    def captured(cls) -> Iterator[None]:
        from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
        from streamlit.testing.v1 import app_test

        class Capturing(MemoryMediaFileStorage):
            def __init__(self, endpoint: str) -> None:
                super().__init__(endpoint)
                cls.storages.append(self)

        original = app_test.MemoryMediaFileStorage
        app_test.MemoryMediaFileStorage = Capturing
        try:
            yield
        finally:
            app_test.MemoryMediaFileStorage = original

    @classmethod
    def data(cls, url: str) -> bytes:
        name = url.rsplit("/", 1)[-1]
        for storage in reversed(cls.storages):
            try:
                return storage.get_file(name).content
            except Exception:  # not in this storage: try the next
                continue
        return b""


def _key(element: Any) -> str | None:
    return getattr(element, "key", None) or None


def _leaf(element: Any) -> Node | None:
    kind = element.type
    proto = element.proto
    if kind in ("title", "header", "subheader"):
        return {"kind": kind, "body": proto.body}
    if kind in ("markdown", "caption"):
        return {"kind": kind, "body": proto.body, "html": proto.allow_html}
    if kind == "divider":
        return {"kind": "divider"}
    if kind == "text":
        return {"kind": "text", "body": proto.body}
    if kind == "html":
        return {"kind": "html", "body": proto.body}
    if kind in ("warning", "info", "success", "error"):
        return {"kind": kind, "body": proto.body}
    if kind == "metric":
        return {
            "kind": "metric",
            "label": proto.label,
            "value": proto.body,
            "delta": proto.delta or None,
            "help": proto.help or None,
        }
    if kind == "plotly_chart":
        return {"kind": "plotly_chart", "spec": json.loads(proto.spec), "key": _key(element)}
    if kind == "dataframe":
        return {"kind": "dataframe", "frame": element.value}
    if kind == "table":
        return {"kind": "table", "frame": element.value}
    if kind == "page_link":
        return {"kind": "page_link", "page": proto.page, "label": proto.label}
    if kind == "selectbox":
        index = proto.default if proto.HasField("default") else None
        return {
            "kind": "selectbox",
            "label": proto.label,
            "options": list(proto.options),
            "index": index,
            "key": _key(element),
        }
    if kind == "radio":
        index = proto.default if proto.HasField("default") else None
        return {
            "kind": "radio",
            "label": proto.label,
            "options": list(proto.options),
            "index": index,
            "horizontal": proto.horizontal,
            "key": _key(element),
        }
    if kind == "multiselect":
        options = list(proto.options)
        return {
            "kind": "multiselect",
            "label": proto.label,
            "options": options,
            "default": [options[i] for i in proto.default],
            "key": _key(element),
        }
    if kind in ("checkbox", "toggle"):
        return {"kind": kind, "label": proto.label, "value": proto.default, "key": _key(element)}
    if kind == "text_input":
        return {
            "kind": "text_input",
            "label": proto.label,
            "value": proto.default,
            "key": _key(element),
        }
    if kind == "date_input":
        return {
            "kind": "date_input",
            "label": proto.label,
            "value": element.value,
            "key": _key(element),
        }
    if kind == "button":
        return {"kind": "button", "label": proto.label, "key": _key(element)}
    if kind == "download_button":
        deferred = bool(proto.deferred_file_id)
        return {
            "kind": "download_button",
            "label": proto.label,
            "data": None if deferred else _Media.data(proto.url),
            "file_name": proto.url.rsplit("/", 1)[-1] if not deferred else "download",
            "key": _key(element),
        }
    if kind == "file_uploader":
        return {
            "kind": "file_uploader",
            "label": proto.label,
            "type": list(proto.type) or None,
            "multiple": proto.multiple_files,
            "key": _key(element),
        }
    return None


def _block(block: Any, unknown: list[str]) -> Node:
    kind = block.type
    children = _children(block, unknown)
    proto = block.proto
    if kind == "flex_container":
        horizontal = proto.flex_container.direction == proto.flex_container.Direction.HORIZONTAL
        if horizontal and children and all(c["kind"] == "column" for c in children):
            return {"kind": "columns", "children": children}
        return {"kind": "container", "horizontal": horizontal, "children": children}
    if kind == "column":
        return {"kind": "column", "weight": proto.weight or 1.0, "children": children}
    if kind == "tab_container":
        return {"kind": "tabs", "children": children}
    if kind == "tab":
        return {"kind": "tab", "label": proto.label, "children": children}
    if kind == "expander":
        return {
            "kind": "expander",
            "label": proto.label,
            "expanded": proto.expanded,
            "children": children,
        }
    if kind not in ("container", "vertical", "unknown"):
        unknown.append(f"block:{kind}")
    return {"kind": "container", "horizontal": False, "children": children}


def _children(node: Any, unknown: list[str]) -> list[Node]:
    from streamlit.testing.v1.element_tree import Block

    out: list[Node] = []
    for index in sorted(node.children):
        child = node.children[index]
        if isinstance(child, Block):
            out.append(_block(child, unknown))
            continue
        leaf = _leaf(child)
        if leaf is None:
            unknown.append(child.type)
        else:
            out.append(leaf)
    return out


def record_tree(at: Any) -> tuple[list[Node], list[Node], tuple[str, ...]]:
    """The main area and sidebar of a finished AppTest run as plain values, and what was skipped."""
    unknown: list[str] = []
    main = _children(at.main, unknown)
    sidebar = _children(at.sidebar, unknown)
    return main, sidebar, tuple(sorted(set(unknown)))


@contextmanager
def _database(db: Path) -> Iterator[None]:
    before = os.environ.get("MONITOR_DB")
    os.environ["MONITOR_DB"] = str(db)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MONITOR_DB", None)
        else:
            os.environ["MONITOR_DB"] = before


def record_page(
    root: Path,
    db: Path,
    entry: Any,
    *,
    part: str = "KINGDOM",
    lang: str = "nl",
    timeout_s: float = _TIMEOUT_S,
) -> Recording:
    """Run ``entry`` (a ``ui.pages.PageEntry``) through ``root``/app.py on ``db``; what it emitted.

    Raises RuntimeError when the page raises or does not finish within ``timeout_s``."""
    from streamlit.testing.v1 import AppTest

    with _database(db), _Media.captured():
        at = AppTest.from_file(str(root / "app.py"), default_timeout=timeout_s)
        at.query_params["part"] = part
        at.query_params["lang"] = lang
        at.switch_page(entry.path).run()
        if at.exception:
            raise RuntimeError(f"{entry.url_path} raised: {at.exception[0].value}")
        main, sidebar, unknown = record_tree(at)
    _Media.storages.clear()
    return Recording(entry.url_path, part, lang, main, sidebar, unknown)


_APP = '''"""Replay app (bench.replay): the real app's url paths; recorded elements only."""

import sys

sys.path.insert(0, {root!r})

import streamlit as st  # noqa: E402

from bench.replay import play_sidebar  # noqa: E402

st.set_page_config(page_title="replay", layout="wide")
navigation = st.navigation(
    {{
        section: [
            st.Page(path, title=title, url_path=url_path, default=default)
            for path, title, url_path, default in pages
        ]
        for section, pages in {sections!r}.items()
    }}
)
play_sidebar(navigation.url_path or {default!r})
navigation.run()
'''

_PAGE = '''"""Replay of {url_path} (bench.replay): the recorded elements, nothing else."""

import sys

sys.path.insert(0, {root!r})

from bench.replay import play  # noqa: E402

play(__file__)
'''


def write_replay_app(
    out_dir: Path,
    db: Path,
    *,
    parts: Sequence[str] = ("KINGDOM",),
    lang: str = "nl",
    pages: Sequence[Any] | None = None,
    root: Path = ROOT,
    timeout_s: float = _TIMEOUT_S,
) -> Path:
    """Record every page of ``pages`` (default: ``ui.pages.PAGES``) for every part of ``parts`` on
    ``db`` and write a multipage replay app in ``out_dir``; the path of its app.py.

    Serve it with ``streamlit run <out_dir>/app.py`` or drive it with ``AppTest.from_file`` and
    ``switch_page(entry.path)``: the url paths and page files are the real app's. A page is shown
    for the ``part`` query parameter when it was recorded, else for ``parts[0]``. A page that
    raises or outlasts ``timeout_s`` raises RuntimeError here."""
    from ui.i18n import t
    from ui.pages import PAGES, SECTIONS

    chosen = tuple(pages) if pages is not None else PAGES
    recordings = {
        (entry.url_path, part): record_page(
            root, db, entry, part=part, lang=lang, timeout_s=timeout_s
        )
        for entry in chosen
        for part in parts
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "app_pages").mkdir(exist_ok=True)
    with (out_dir / RECORDINGS).open("wb") as handle:
        pickle.dump(recordings, handle, protocol=pickle.HIGHEST_PROTOCOL)
    sections: dict[str, list[tuple[str, str, str, bool]]] = {}
    for section_key, entries in SECTIONS:
        # Every page is registered (a recorded page's links must resolve); one not recorded
        # replays nothing.
        sections[t(section_key, lang)] = [
            (entry.path, t(entry.title_key, lang), entry.url_path, entry == PAGES[0])
            for entry in entries
        ]
    for entry in PAGES:
        (out_dir / entry.path).write_text(
            _PAGE.format(url_path=entry.url_path, root=str(root)), encoding="utf-8"
        )
    app = out_dir / "app.py"
    app.write_text(
        _APP.format(root=str(root), sections=sections, default=PAGES[0].url_path),
        encoding="utf-8",
    )
    _LOADED.pop(str(out_dir.resolve()), None)
    return app


# --- replaying ------------------------------------------------------------------------------

_LOADED: dict[str, dict[tuple[str, str], Recording]] = {}
_LOCK = threading.Lock()


def load_recordings(app_dir: Path) -> dict[tuple[str, str], Recording]:
    """The recordings of the replay app in ``app_dir`` by (url path, part), loaded once."""
    key = str(app_dir.resolve())
    if key not in _LOADED:
        with _LOCK:
            if key not in _LOADED:
                with (app_dir / RECORDINGS).open("rb") as handle:
                    _LOADED[key] = pickle.load(handle)  # written by write_replay_app
    return _LOADED[key]


def _recording(app_dir: Path, url_path: str) -> Recording | None:
    recordings = load_recordings(app_dir)
    part = st.query_params.get("part")
    if (url_path, part) in recordings:
        return recordings[(url_path, part)]
    return next((rec for (path, _), rec in recordings.items() if path == url_path), None)


def _main_script_dir() -> Path:
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx()
    return Path(ctx.main_script_path).resolve().parent


def play_sidebar(url_path: str) -> None:
    """Emit the sidebar recorded with page ``url_path`` (called by the replay app.py)."""
    recording = _recording(_main_script_dir(), url_path)
    if recording is not None:
        with st.sidebar:
            _emit(recording.sidebar)


def play(page_file: str) -> None:
    """Emit the main area recorded for the replay page ``page_file``."""
    page = Path(page_file).resolve()
    recording = _recording(page.parent.parent, page.stem)
    if recording is not None:
        _emit(recording.main)


def _emit(nodes: list[Node]) -> None:
    for node in nodes:
        _EMITTERS[node["kind"]](node)


def _within(container: Any, children: list[Node]) -> None:
    with container:
        _emit(children)


def _columns(node: Node) -> None:
    columns = st.columns([child["weight"] for child in node["children"]])
    for column, child in zip(columns, node["children"], strict=True):
        _within(column, child["children"])


def _tabs(node: Node) -> None:
    tabs = st.tabs([child["label"] for child in node["children"]])
    for tab, child in zip(tabs, node["children"], strict=True):
        _within(tab, child["children"])


def _download(node: Node) -> None:
    data = node["data"] if node["data"] is not None else b""
    st.download_button(node["label"], data=data, file_name=node["file_name"], key=node["key"])


def _date(node: Node) -> None:
    value = node["value"]
    chosen = value if isinstance(value, date | tuple) else None
    st.date_input(node["label"], value=chosen, key=node["key"])


_EMITTERS = {
    "title": lambda n: st.title(n["body"]),
    "header": lambda n: st.header(n["body"]),
    "subheader": lambda n: st.subheader(n["body"]),
    "markdown": lambda n: st.markdown(n["body"], unsafe_allow_html=n["html"]),
    "caption": lambda n: st.caption(n["body"], unsafe_allow_html=n["html"]),
    "divider": lambda n: st.divider(),
    "text": lambda n: st.text(n["body"]),
    "html": lambda n: st.html(n["body"]),
    "warning": lambda n: st.warning(n["body"]),
    "info": lambda n: st.info(n["body"]),
    "success": lambda n: st.success(n["body"]),
    "error": lambda n: st.error(n["body"]),
    "metric": lambda n: st.metric(n["label"], n["value"], n["delta"], help=n["help"]),
    "plotly_chart": lambda n: st.plotly_chart(n["spec"], key=n["key"]),
    "dataframe": lambda n: st.dataframe(n["frame"]),
    "table": lambda n: st.table(n["frame"]),
    "page_link": lambda n: st.page_link(f"app_pages/{n['page'].strip('/')}.py", label=n["label"]),
    "selectbox": lambda n: st.selectbox(n["label"], n["options"], index=n["index"], key=n["key"]),
    "radio": lambda n: st.radio(
        n["label"], n["options"], index=n["index"], horizontal=n["horizontal"], key=n["key"]
    ),
    "multiselect": lambda n: st.multiselect(
        n["label"], n["options"], default=n["default"], key=n["key"]
    ),
    "checkbox": lambda n: st.checkbox(n["label"], value=n["value"], key=n["key"]),
    "toggle": lambda n: st.toggle(n["label"], value=n["value"], key=n["key"]),
    "text_input": lambda n: st.text_input(n["label"], value=n["value"], key=n["key"]),
    "date_input": _date,
    "button": lambda n: st.button(n["label"], key=n["key"]),
    "download_button": _download,
    "file_uploader": lambda n: st.file_uploader(
        n["label"], type=n["type"], accept_multiple_files=n["multiple"], key=n["key"]
    ),
    "columns": _columns,
    "tabs": _tabs,
    "expander": lambda n: _within(st.expander(n["label"], expanded=n["expanded"]), n["children"]),
    "container": lambda n: _within(st.container(horizontal=n["horizontal"]), n["children"]),
}
