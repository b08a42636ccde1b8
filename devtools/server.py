"""A real ``streamlit run`` of a script on a free 127.0.0.1 port, and the headless Chromium that
opens it: one home for what the browser tests (``tests/browser/conftest.py``) and the start
benchmark (``bench/start.py``) both do.

| name | what |
|---|---|
| ``running_streamlit(script, database, ...)`` | the server's URL once healthy; stopped after |
| ``free_port()`` | a port free on 127.0.0.1 now |
| ``CHROMIUM``, ``launch_chromium(playwright)`` | the system Chromium, headless |

Never ``playwright install``: Chromium is Debian's. Imports nothing of ours.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "ServerError",
    "free_port",
    "launch_chromium",
    "running_streamlit",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_POLL_S = 0.05


class ServerError(RuntimeError):
    """The server exited early or did not become healthy in time (its log, when kept, attached)."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 at this moment."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch_chromium(playwright: object) -> object:
    """The system Chromium, headless, from a started ``sync_playwright()``."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )


def _log_text(log: Path | None) -> str:
    return f":\n{log.read_text(errors='replace')}" if log is not None and log.exists() else ""


def _wait_healthy(
    url: str, process: subprocess.Popen, *, timeout_s: float, log: Path | None
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"streamlit exited early with {process.returncode}{_log_text(log)}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(_POLL_S)
    raise ServerError(f"streamlit not healthy after {timeout_s:g} s{_log_text(log)}")


@contextlib.contextmanager
def running_streamlit(
    script: Path,
    database: Path | None,
    *,
    cwd: Path,
    timeout_s: float,
    log: Path | None = None,
    pythonpath: Path | None = None,
    env: Mapping[str, str] | None = None,
    args: Sequence[str] = (),
) -> Iterator[str]:
    """``streamlit run <script>`` against ``database`` (``MONITOR_DB``); its URL once healthy.

    Output goes to ``log`` (discarded without one). ``pythonpath`` is prepended to PYTHONPATH: a
    page script run on its own needs the project root on the path. ``env`` is added to the
    server's environment (e.g. ``MONITOR_AUTH``) and ``args`` to its command line (e.g.
    ``--secrets.files=...``); a ``database`` of None sets no ``MONITOR_DB``, for a script that
    reads none. The server is stopped when the block ends, however it ends.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    environment = {**os.environ, **(env or {})}
    if database is not None:
        environment["MONITOR_DB"] = str(database)
    if pythonpath is not None:
        environment["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(pythonpath), os.environ.get("PYTHONPATH")) if p
        )
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.address=127.0.0.1",
        f"--server.port={port}",
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        *args,
    ]
    with contextlib.ExitStack() as stack:
        output = stack.enter_context(open(log, "wb")) if log is not None else subprocess.DEVNULL
        process = subprocess.Popen(
            command, cwd=cwd, env=environment, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        _wait_healthy(url, process, timeout_s=timeout_s, log=log)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
