"""devtools.server: a real ``streamlit run`` started, answered and stopped; a failed start said."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from devtools.server import ServerError, free_port, running_streamlit

pytestmark = pytest.mark.slow


def test_a_started_server_answers_while_the_block_runs_and_is_gone_after(tmp_path: Path):
    script = tmp_path / "hello.py"
    script.write_text('import streamlit as st\nst.write("hello")\n', encoding="utf-8")
    log = tmp_path / "server.log"
    with running_streamlit(
        script, tmp_path / "unused.duckdb", cwd=tmp_path, timeout_s=60, log=log
    ) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            assert response.status == 200
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
    assert log.exists()


def test_a_server_that_exits_at_once_is_reported_with_its_log(tmp_path: Path):
    log = tmp_path / "server.log"
    with (
        pytest.raises(ServerError, match="exited early"),
        running_streamlit(
            tmp_path / "missing.py", tmp_path / "unused.duckdb", cwd=tmp_path, timeout_s=60, log=log
        ),
    ):
        pass


def test_a_free_port_can_be_bound():
    import socket

    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", port))
        assert sock.getsockname()[1] == port
