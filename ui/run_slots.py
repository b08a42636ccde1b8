"""At most a few page runs at once in one dashboard process, so that its memory is bounded
whatever the number of sessions.

Every session runs its page in a thread of its own, and a page at scale M holds ~90 MB of frames
while it runs (its copies of the cached reads, the tables it builds): 16 sessions at once took a
process from 0.7 to 2.1 GB. On a machine of a few cores more than a few runs at once only share
the same CPU and the same GIL, so waiting for a slot costs no throughput; a page runs in a slot
(``app.py``), the others queue. ``MONITOR_PAGE_RUNS`` sets the number (default 4).

| name | what |
|---|---|
| ``page_run_slot()`` | context manager: hold one of the process's slots while a page runs |
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator

__all__ = ["page_run_slot"]

_DEFAULT_SLOTS = 4


def _slots() -> int:
    try:
        return max(1, int(os.environ.get("MONITOR_PAGE_RUNS", _DEFAULT_SLOTS)))
    except ValueError:
        return _DEFAULT_SLOTS


# One per process: this module is imported once, whatever the number of sessions and reruns.
_SLOTS = threading.BoundedSemaphore(_slots())


@contextlib.contextmanager
def page_run_slot() -> Iterator[None]:
    """Wait for a free slot and hold it for the block; released however the block ends (a
    rerun or ``st.stop`` raises through it)."""
    _SLOTS.acquire()
    try:
        yield
    finally:
        _SLOTS.release()
