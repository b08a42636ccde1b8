"""A dashboard session without a browser: Streamlit 1.67's websocket protocol, spoken directly.

A browser tab talks to a Streamlit server over one websocket (``/_stcore/stream``): it sends
``BackMsg``s (a ``rerun_script`` carrying the URL's query string and the page to run) and receives
``ForwardMsg``s (``new_session`` when a run starts, ``delta``s with the page's elements, then
``script_finished``). This module does the same from Python, so that tens of simultaneous sessions
load the server, not a 2-core machine's browsers. A "session" is what a Kingdom-part coordinator
does first: open the Overview with ``?part=<id>``, wait until its script has finished, then switch
to Kingdom parts and wait again (``SESSION_PAGES``).

The time of a run is taken from sending its ``rerun_script`` to receiving its successful
``script_finished``: the server's work plus one local round trip, without any drawing. A run's
error is an exception element among its deltas, a closed socket, a timeout, or a run that ends
other than successfully.

| name | what |
|---|---|
| ``Session(url, part)`` | one websocket session (async context manager); ``await run(page)`` |
| ``RunResult`` | one run: page, ms, error (or None), texts of its elements, charts, metrics |
| ``SessionResult`` | a session's runs; ``errors`` |
| ``run_session(url, part, ...)`` | open, run ``SESSION_PAGES`` in order, close |
| ``run_sessions(url, parts, ...)`` | many sessions at once; their results and the wall time |

Nothing here imports the dashboard: it only needs a server's URL. Through a proxy with sticky
sessions (``deploy/nginx``), the first page load sets the routing cookie, which the websocket then
sends, as a browser does (``Session`` does that load first).
"""

from __future__ import annotations

import asyncio
import http.cookies
import time
import urllib.parse
import urllib.request
from collections.abc import Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

__all__ = [
    "SESSION_PAGES",
    "RunResult",
    "Session",
    "SessionResult",
    "in_own_loop",
    "run_session",
    "run_sessions",
]

_T = TypeVar("_T")

# Overview (the default page, url path "") then Kingdom parts: the url paths of ui.pages.
SESSION_PAGES = ("", "parts")
# Elements whose text is data, not what a reader reads: left out of ``RunResult.texts``.
_NOT_TEXT = frozenset(
    {"plotly_chart", "arrow_data_frame", "arrow_table", "vega_lite_chart", "imgs"}
)
_FINISHED = ForwardMsg.ScriptFinishedStatus
_DONE = {_FINISHED.FINISHED_SUCCESSFULLY, _FINISHED.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


@dataclass(frozen=True)
class RunResult:
    page: str  # the url path asked for ("" is the default page)
    ms: float
    error: str | None
    texts: tuple[str, ...] = ()
    charts: int = 0
    metrics: tuple[tuple[str, str], ...] = ()  # (label, value) of each st.metric, in order

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


@dataclass
class SessionResult:
    part: str
    runs: list[RunResult] = field(default_factory=list)
    error: str | None = None  # an error outside a run (e.g. the socket could not open)

    @property
    def errors(self) -> list[str]:
        return [e for e in [self.error, *(r.error for r in self.runs)] if e]


def _strings(message: object) -> list[str]:
    """Every non-empty string field of a protobuf message, depth first."""
    found: list[str] = []
    for descriptor, value in message.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                if item:
                    found.append(item)
            elif hasattr(item, "ListFields"):
                found.extend(_strings(item))
    return found


def _routing_cookies(url: str, query: str, timeout_s: float) -> str:
    """Load the page as a browser does first; the cookies it sets (a proxy's routing cookie)."""
    with urllib.request.urlopen(f"{url}/?{query}", timeout=timeout_s) as response:
        jar = http.cookies.SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            jar.load(header)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in jar.items())


class Session:
    """One session on ``url`` for Kingdom part ``part`` (``async with Session(...) as s``).

    ``await s.run(page)`` asks for a rerun of ``page`` (a url path; "" the default page) with
    ``?part=<part>`` (and ``lang``, and any other URL ``params``, e.g. ``q`` for the quarter),
    and returns when that run has finished or failed.
    """

    def __init__(
        self,
        url: str,
        part: str,
        *,
        lang: str | None = None,
        params: Mapping[str, str] | None = None,
        timeout_s: float = 120.0,
    ) -> None:
        self.url, self.part, self.timeout_s = url.rstrip("/"), part, timeout_s
        query = {"part": part, **({"lang": lang} if lang else {}), **(params or {})}
        self.query = urllib.parse.urlencode(query)
        self.cookie = ""
        self._socket: ClientConnection | None = None
        self._pages: dict[str, str] = {}  # url path -> page script hash, from "navigation"

    async def __aenter__(self) -> Session:
        self.cookie = await asyncio.to_thread(
            _routing_cookies, self.url, self.query, self.timeout_s
        )
        ws_url = "ws" + self.url.removeprefix("http") + "/_stcore/stream"
        self._socket = await connect(
            ws_url,
            subprotocols=["streamlit"],
            # As a browser: its Origin (Streamlit refuses one that is not the Host it was
            # asked for, so a proxy must pass the Host on) and the routing cookie.
            additional_headers={
                "Origin": self.url,
                **({"Cookie": self.cookie} if self.cookie else {}),
            },
            max_size=None,  # a page's deltas may be megabytes
            open_timeout=self.timeout_s,
            ping_interval=None,  # Streamlit pings the client, not the other way round
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._socket is not None:
            await self._socket.close()

    async def run(self, page: str = "") -> RunResult:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_name = page
        state.page_script_hash = self._pages.get(page, "")
        started = time.perf_counter()
        texts: list[str] = []
        metrics: list[tuple[str, str]] = []
        charts = 0
        error = None
        try:
            await self._socket.send(message.SerializeToString())
            async with asyncio.timeout(self.timeout_s):
                while True:
                    forward = ForwardMsg()
                    forward.ParseFromString(await self._socket.recv())
                    kind = forward.WhichOneof("type")
                    if kind == "navigation":
                        self._pages = {
                            p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages
                        }
                    elif kind == "new_session":
                        texts, metrics, charts = [], [], 0  # a new run (st.rerun) starts afresh
                    elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                        element = forward.delta.new_element
                        which = element.WhichOneof("type")
                        if which == "exception" and error is None:
                            error = f"exception: {element.exception.message}"
                        charts += which == "plotly_chart"
                        if which == "metric":
                            metrics.append((element.metric.label, element.metric.body))
                        if which not in _NOT_TEXT:
                            texts.extend(_strings(getattr(element, which)))
                    elif kind == "script_finished":
                        status = forward.script_finished
                        if status in _DONE:
                            break
                        if status != _FINISHED.FINISHED_EARLY_FOR_RERUN:
                            error = error or f"script finished with status {status}"
                            break
        except TimeoutError:
            error = f"timeout after {self.timeout_s:g} s"
        except ConnectionClosed as closed:
            error = f"socket closed: {closed}"
        ms = (time.perf_counter() - started) * 1000
        return RunResult(
            page=page,
            ms=ms,
            error=error,
            texts=tuple(texts),
            charts=charts,
            metrics=tuple(metrics),
        )


async def run_session(
    url: str,
    part: str,
    *,
    pages: Sequence[str] = SESSION_PAGES,
    lang: str | None = None,
    timeout_s: float = 120.0,
) -> SessionResult:
    """One session: open it, run ``pages`` in order, close it; never raises for a failed run."""
    result = SessionResult(part=part)
    try:
        async with Session(url, part, lang=lang, timeout_s=timeout_s) as session:
            for page in pages:
                result.runs.append(await session.run(page))
    except (OSError, TimeoutError, ConnectionClosed) as failure:
        result.error = f"session failed: {failure!r}"
    return result


def run_sessions(
    url: str,
    parts: Sequence[str],
    *,
    pages: Sequence[str] = SESSION_PAGES,
    lang: str | None = None,
    timeout_s: float = 120.0,
) -> tuple[list[SessionResult], float]:
    """One session per entry of ``parts``, all at once; their results and the wall time in s."""

    async def all_at_once() -> list[SessionResult]:
        return await asyncio.gather(
            *(run_session(url, part, pages=pages, lang=lang, timeout_s=timeout_s) for part in parts)
        )

    started = time.perf_counter()
    results = in_own_loop(all_at_once())
    return results, time.perf_counter() - started


def in_own_loop(work: Coroutine[object, object, _T]) -> _T:
    """``asyncio.run(work)`` in a thread of its own, so that its event loop never meets the
    caller's (Playwright's sync API keeps a loop running in the thread that used it, and
    ``asyncio.run`` refuses to start inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()
