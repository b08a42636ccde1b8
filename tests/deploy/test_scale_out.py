"""Two dashboards behind Debian's nginx, run with deploy/nginx/monitor.conf itself: 32 sessions
(bench.sessions, the websocket protocol a browser speaks) while a ``cli.py import`` publishes one
new figure. No session errs, every one shows the new figure on its next rerun, both dashboards
serve sessions, and each session's page load and websocket reach the same dashboard.

The figure: the Overview's "Observations" count for a part, which one new value for a series of
that part raises by one for the part and every part above it. The test picks that value from
the database (a quarter in which the series has none yet) and the sessions from the parts whose
count it changes. Skips without nginx, unless MONITOR_REQUIRE_BROWSER=1 (CI), when it fails.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

import pytest

from bench.concurrency import PARTS
from bench.sessions import Session, in_own_loop
from data import queries
from data.store import open_reader
from devtools.server import free_port, running_streamlit
from ui.i18n import t

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx" / "monitor.conf"
SESSIONS = 32
_TIMEOUT_S = 120.0


def _nginx() -> str:
    # /usr/sbin is not on every user's PATH.
    found = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if found:
        return found
    reason = "no nginx: install Debian's nginx package to run the scale-out test"
    if os.environ.get("MONITOR_REQUIRE_BROWSER") == "1":
        pytest.fail(reason + " (MONITOR_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


def _sub_once(pattern: str, replacement: str, text: str) -> str:
    """``text`` with the one match of ``pattern`` replaced: the shipped file must keep its shape."""
    result, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == 1, f"{pattern!r} found {count} times in {CONF}"
    return result


def _nginx_conf(work: Path, port: int, backends: list[int]) -> Path:
    """deploy/nginx/monitor.conf with its ports and log swapped, inside a minimal nginx.conf."""
    site = CONF.read_text(encoding="utf-8")
    site = _sub_once(r"^\s*listen 80;", f"    listen 127.0.0.1:{port};", site)
    site = _sub_once(
        r"^\s*server 127\.0\.0\.1:8501;.*\n\s*server 127\.0\.0\.1:8502;.*$",
        "\n".join(f"    server 127.0.0.1:{b};" for b in backends),
        site,
    )
    site = _sub_once(r"access_log \S+ monitor;", f"access_log {work}/access.log monitor;", site)
    (work / "monitor.conf").write_text(site, encoding="utf-8")
    temp = " ".join(
        f"{kind}_temp_path {work}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = work / "nginx.conf"
    main.write_text(
        f"worker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\n"
        f"events {{ worker_connections 1024; }}\n"
        f"http {{ {temp} include {work}/monitor.conf; }}\n",
        encoding="utf-8",
    )
    return main


def _running_nginx(stack: ExitStack, nginx: str, conf: Path, work: Path, port: int) -> None:
    process = subprocess.Popen(
        [
            nginx,
            "-p",
            str(work),
            "-e",
            str(work / "error.log"),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    stack.callback(process.wait, timeout=10)
    # A graceful stop (SIGQUIT): nginx has written every request to its log when it exits.
    stack.callback(process.send_signal, signal.SIGQUIT)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, (work / "error.log").read_text(errors="replace")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail("nginx did not listen in 20 s")


def _new_value(db: Path) -> tuple[str, dict[str, str]]:
    """The latest quarter, and one new value there or before: a series of a Kingdom part (not
    the Kingdom's own) without a value in a quarter in which another part reported one."""
    con = open_reader(db)
    try:
        quarter = con.execute("SELECT max(period) FROM observations").fetchone()[0]
        row = con.execute(
            """
            SELECT o.indicator_id, o.part_id, other.period, o.value
            FROM observations o
            JOIN observations other
              ON other.indicator_id = o.indicator_id AND other.part_id <> o.part_id
            WHERE o.part_id <> 'KINGDOM' AND other.period <= ?
              AND NOT EXISTS (
                SELECT 1 FROM observations x
                WHERE x.indicator_id = o.indicator_id AND x.part_id = o.part_id
                  AND x.period = other.period)
            ORDER BY ALL LIMIT 1
            """,
            [quarter],
        ).fetchone()
    finally:
        con.close()
    assert row is not None, "the demo database has no series with a quarter to add"
    names = ("indicator_id", "part_id", "period", "value")
    return quarter, dict(zip(names, map(str, row), strict=True))


def _observations(db: Path, quarter: str) -> dict[str, int]:
    con = open_reader(db)
    try:
        return {
            part: queries.headline_counts(con, as_of=quarter, part_id=part)["observations"]
            for part in PARTS
        }
    finally:
        con.close()


def _shown(run, label: str) -> int:
    assert run.error is None, run.error
    values = [value for name, value in run.metrics if name == label]
    assert len(values) == 1, f"{label!r} among {run.metrics}"
    return int(values[0].replace(",", ""))


async def _sessions_through_publication(
    url: str, parts: list[str], quarter: str, db: Path, csv: Path
) -> tuple[list, list, list, int, str]:
    """Every session opens the Overview; an import publishes while they all open Kingdom parts;
    then every session reruns the Overview. Each step's runs, and the import's exit and output."""
    async with asyncio.timeout(240), contextlib.AsyncExitStack() as stack:
        sessions = [
            await stack.enter_async_context(
                Session(url, part, lang="en", params={"q": quarter}, timeout_s=_TIMEOUT_S)
            )
            for part in parts
        ]
        before = await asyncio.gather(*(s.run("") for s in sessions))
        importer = await asyncio.create_subprocess_exec(
            *_import_command(csv),
            cwd=ROOT,
            env={**os.environ, "MONITOR_DB": str(db)},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        during = await asyncio.gather(*(s.run("parts") for s in sessions))
        output, _ = await importer.communicate()
        after = await asyncio.gather(*(s.run("") for s in sessions))
    return before, during, after, importer.returncode, output.decode(errors="replace")


def _import_command(csv: Path) -> list[str]:
    return [sys.executable, str(ROOT / "cli.py"), "import", str(csv), "--lang", "en"]


def _affected_parts(db: Path, csv: Path, quarter: str, scratch: Path) -> dict[str, int]:
    """The count of every part once ``csv`` is imported, found on a scratch copy of ``db``."""
    scratch.parent.mkdir()
    shutil.copy(db, scratch)
    subprocess.run(
        _import_command(csv),
        cwd=ROOT,
        env={**os.environ, "MONITOR_DB": str(scratch)},
        check=True,
        capture_output=True,
    )
    return _observations(scratch, quarter)


def test_two_dashboards_behind_nginx_serve_a_publication(demo_db: Path, tmp_path: Path) -> None:
    nginx = _nginx()
    db = tmp_path / "monitor.duckdb"
    shutil.copy(demo_db, db)
    quarter, row = _new_value(db)
    csv = tmp_path / "one_value.csv"
    csv.write_text(
        "indicator_id,part_id,period,value,flag,note\n"
        f"{row['indicator_id']},{row['part_id']},{row['period']},{row['value']},,\n",
        encoding="utf-8",
    )
    expected_before = _observations(db, quarter)
    expected_after = _affected_parts(db, csv, quarter, tmp_path / "scratch" / "monitor.duckdb")
    # The sessions take the parts whose count the new value changes: its part and those above.
    changed = [p for p in PARTS if expected_after[p] != expected_before[p]]
    assert row["part_id"] in changed and "KINGDOM" in changed, (row, changed)
    parts = [changed[i % len(changed)] for i in range(SESSIONS)]
    with ExitStack() as stack:
        backends = [
            stack.enter_context(
                running_streamlit(
                    ROOT / "app.py",
                    db,
                    cwd=ROOT,
                    timeout_s=_TIMEOUT_S,
                    log=tmp_path / f"dashboard-{n}.log",
                    pythonpath=ROOT,
                )
            )
            for n in range(2)
        ]
        port = free_port()
        conf = _nginx_conf(tmp_path, port, [int(b.rsplit(":", 1)[1]) for b in backends])
        _running_nginx(stack, nginx, conf, tmp_path, port)
        before, during, after, returncode, output = in_own_loop(
            _sessions_through_publication(f"http://127.0.0.1:{port}", parts, quarter, db, csv)
        )

    assert returncode == 0, output
    assert _observations(db, quarter) == expected_after
    errors = [run.error for runs in (before, during, after) for run in runs if run.error]
    assert errors == []
    label = t("overview.count.observations", "en")
    assert [_shown(run, label) for run in before] == [expected_before[p] for p in parts]
    assert [_shown(run, label) for run in after] == [expected_after[p] for p in parts]

    # Stickiness, from nginx's log: per routing cookie, one dashboard; both dashboards used.
    served: dict[str, set[str]] = defaultdict(set)
    requests: dict[str, int] = defaultdict(int)
    for line in (tmp_path / "access.log").read_text().splitlines():
        found = re.search(r'"GET (\S+) [^"]*" \d+ .*upstream=(\S+) route=(\S+)', line)
        if found and (found[1].startswith("/?") or found[1] == "/_stcore/stream"):
            served[found[3]].add(found[2])
            requests[found[3]] += 1
    assert len(served) == SESSIONS, served
    # Each session: its page load and its websocket, on one dashboard.
    assert set(requests.values()) == {2}, requests
    assert all(len(upstreams) == 1 for upstreams in served.values()), served
    assert len(set().union(*served.values())) == 2, served
