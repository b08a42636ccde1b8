"""The report as PDF: its HTML printed by headless Chromium.

``html_to_pdf(html, browser=...)`` writes the HTML to a temporary directory, has Chromium print it
(``--print-to-pdf``, with a fresh profile in the same directory, so two prints never share one)
and returns the PDF's bytes. The page size, margins, running footer and page numbers are the
HTML's print style sheet (``report.html``): Chromium's own header and footer are off. The print
is bounded by a timeout; the temporary files go in every case. Whatever fails raises
``ReportError("pdf_failed", reason=...)``, never a traceback. Unlike the .docx and .html, the
PDF is not the same bytes twice: Chromium stamps its creation time in it.

Imports nothing of ours but the report's error.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from report.errors import ReportError

__all__ = ["PRINT_TIMEOUT_S", "html_to_pdf"]

PRINT_TIMEOUT_S: Final = 180.0
_FLAGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-pdf-header-footer",
)


def html_to_pdf(html: bytes, *, browser: Path, timeout_s: float = PRINT_TIMEOUT_S) -> bytes:
    """``html`` printed to PDF by the Chromium at ``browser``."""
    if not (browser.is_file() and os.access(browser, os.X_OK)):
        raise ReportError("pdf_failed", reason=f"no Chromium at {browser}")
    with tempfile.TemporaryDirectory(prefix="monitor-pdf-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        source, target = folder / "report.html", folder / "report.pdf"
        source.write_bytes(html)
        command = [
            str(browser),
            *_FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        returncode, errors = _run(command, timeout_s)
        pdf = target.read_bytes() if target.is_file() else b""
    if not pdf.startswith(b"%PDF-"):
        raise ReportError("pdf_failed", reason=_why(returncode, errors))
    return pdf


def _run(command: list[str], timeout_s: float) -> tuple[int, str]:
    """Run Chromium in a process group of its own, so a print that hangs is ended whole (the
    browser and its helper processes)."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        raise ReportError("pdf_failed", reason=error.strerror or str(error)) from None
    try:
        _, errors = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ReportError("pdf_failed", reason=f"timeout {timeout_s:g} s") from None
    return process.returncode, errors.decode("utf-8", errors="replace")


def _why(returncode: int, errors: str) -> str:
    """The exit code and Chromium's last error line (its stderr is mostly harmless noise)."""
    lines = [
        line
        for line in errors.splitlines()
        if ("ERROR" in line or "FATAL" in line) and "dbus" not in line
    ]
    last = lines[-1].split("] ", 1)[-1].strip() if lines else ""
    return f"exit code {returncode}" + (f": {last}" if last else "")
