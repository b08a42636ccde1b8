"""ui.run_slots: no more page runs at once than the process has slots, and a run that raises
(a rerun, ``st.stop``) gives its slot back."""

from __future__ import annotations

import threading
import time

import pytest

from ui import run_slots


def test_no_more_runs_at_once_than_slots() -> None:
    slots = run_slots._slots()
    running, most = 0, 0
    lock = threading.Lock()

    def page() -> None:
        nonlocal running, most
        with run_slots.page_run_slot():
            with lock:
                running += 1
                most = max(most, running)
            time.sleep(0.05)
            with lock:
                running -= 1

    threads = [threading.Thread(target=page) for _ in range(slots * 3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads)
    assert most == slots


def test_a_run_that_raises_gives_its_slot_back() -> None:
    for _ in range(run_slots._slots() + 1):
        with pytest.raises(RuntimeError), run_slots.page_run_slot():
            raise RuntimeError("st.rerun raises through the page")
    # Every slot is free again: as many can be taken at once without waiting.
    taken = [run_slots._SLOTS.acquire(timeout=1) for _ in range(run_slots._slots())]
    for _ in taken:
        run_slots._SLOTS.release()
    assert all(taken)


@pytest.mark.parametrize(("value", "slots"), [("2", 2), ("0", 1), ("many", 4), (None, 4)])
def test_the_number_of_slots_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str | None, slots: int
) -> None:
    if value is None:
        monkeypatch.delenv("MONITOR_PAGE_RUNS", raising=False)
    else:
        monkeypatch.setenv("MONITOR_PAGE_RUNS", value)
    assert run_slots._slots() == slots
