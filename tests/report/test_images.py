"""Chart images (``report.images``): which Chromium is used, and plotly's own export drawing a
batch of charts in one browser start: PNGs of the fixed size, the same bytes every time whatever
plotly's default template, ``None`` for a chart that cannot be drawn, ``None`` for all without
a browser, and never an exception."""

from __future__ import annotations

import os
import signal
import struct
import time

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from bench.sessions import in_own_loop
from report import images
from report.images import HEIGHT, SCALE, WIDTH, chart_images, find_chromium
from report.model import Chart, Table
from tests.report.html_samples import indicator_figure, require_chromium

_PNG = b"\x89PNG\r\n\x1a\n"
_TABLE = Table(columns=("Kwartaal", "Waarde"), rows=(("2026Q3", "1"),), numeric=(False, True))
_MANY = 12


def _chart(figure: object) -> Chart:
    return Chart(figure=figure, alt="Lijngrafiek", caption="Indicator", table=_TABLE)


def _size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def _unencodable() -> go.Figure:
    """A figure plotly accepts but its export cannot send to the browser (complex numbers)."""
    return go.Figure(go.Scatter(x=[1, 2], y=[1 + 2j, 3]))


def _dark_built() -> go.Figure:
    """Figure 1 as it is built while a page has made plotly's default template a dark one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pio.templates, "default", "plotly_dark")
        return indicator_figure(1)


@pytest.fixture(scope="module")
def batch():
    """One call: figure 1, figure 1 again, two that cannot be drawn, figure 1 built under a
    dark default template, a figure with a height of its own, then more; counting browser starts."""
    browser = require_chromium()
    tall = indicator_figure(2).update_layout(height=300)
    figures = [indicator_figure(1), indicator_figure(1), _unencodable(), object(), _dark_built()]
    figures += [tall, *(indicator_figure(n) for n in range(3, 3 + _MANY - len(figures) - 1))]
    starts = []
    with pytest.MonkeyPatch.context() as patch:
        open_browser = kaleido.Kaleido.open

        async def counted_open(self):
            starts.append(self)
            return await open_browser(self)

        patch.setattr(kaleido.Kaleido, "open", counted_open)
        drawn = chart_images([_chart(figure) for figure in figures], browser=browser)
    return figures, drawn, len(starts)


@pytest.mark.slow
def test_many_charts_in_one_call_start_the_browser_once(batch):
    figures, drawn, starts = batch
    assert len(figures) == len(drawn) == _MANY
    assert starts == 1


@pytest.mark.slow
def test_each_chart_is_a_png_of_the_fixed_size(batch):
    _, drawn, _ = batch
    for position in (0, 1, 4, *range(6, _MANY)):
        assert drawn[position].startswith(_PNG)
        assert _size(drawn[position]) == (WIDTH * SCALE, HEIGHT * SCALE)


@pytest.mark.slow
def test_a_figure_with_its_own_height_keeps_it(batch):
    _, drawn, _ = batch
    assert _size(drawn[5]) == (WIDTH * SCALE, 300 * SCALE)


@pytest.mark.slow
def test_a_chart_that_cannot_be_drawn_gives_none_and_the_rest_are_drawn(batch):
    _, drawn, _ = batch
    assert drawn[2] is None  # the export fails in plotly's encoder
    assert drawn[3] is None  # not a figure at all
    assert all(png is not None for position, png in enumerate(drawn) if position not in (2, 3))


@pytest.mark.slow
def test_same_figure_gives_the_same_bytes_in_one_call_and_the_next(batch):
    _, drawn, _ = batch
    assert drawn[0] == drawn[1]
    again = chart_images([_chart(indicator_figure(1))], browser=require_chromium())
    assert again == (drawn[0],)
    assert drawn[6] != drawn[0]  # another figure is another image


@pytest.mark.slow
def test_plotlys_default_template_does_not_change_the_image(batch):
    figures, drawn, _ = batch
    assert (
        figures[4].layout.template.layout.paper_bgcolor
        != figures[0].layout.template.layout.paper_bgcolor
    )
    assert drawn[4] == drawn[0]


@pytest.mark.slow
def test_the_callers_figure_is_left_as_it_was(batch):
    figures, _, _ = batch
    assert figures[0].layout.width is None
    assert figures[0].to_dict() == indicator_figure(1).to_dict()


@pytest.mark.slow
def test_charts_after_the_browser_died_are_not_waited_for():
    """Kaleido does not get its tab back from a dead browser; the next figure would wait for
    it for ever."""
    spec = images._spec(indicator_figure(1))

    async def draw_then_kill() -> tuple[tuple, tuple, float]:
        drawer = kaleido.Kaleido(path=require_chromium(), n=1, mathjax=False)
        await drawer.open()
        try:
            before = await images._draw_each(drawer, [spec])
            os.killpg(drawer.subprocess.pid, signal.SIGKILL)
            drawer.subprocess.wait()
            started = time.monotonic()
            after = await images._draw_each(drawer, [spec, spec, spec])
            return before, after, time.monotonic() - started
        finally:
            await images._shut(drawer)

    # A loop of its own in a thread of its own, as chart_images runs it: a Playwright session
    # left open in this worker by a browser test keeps a loop running on this thread.
    before, after, seconds = in_own_loop(draw_then_kill())
    assert before[0].startswith(_PNG)
    assert after == (None, None, None)
    assert seconds < 5


def test_no_charts_draw_nothing(tmp_path):
    assert chart_images([], browser=tmp_path / "no-chromium") == ()


def test_without_a_browser_every_chart_gives_none(tmp_path):
    charts = [_chart(indicator_figure(1)), _chart(indicator_figure(2))]
    assert chart_images(charts, browser=tmp_path / "no-chromium") == (None, None)


def test_a_browser_that_does_not_start_gives_none_for_all(tmp_path):
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 1\n")
    broken.chmod(0o755)
    charts = [_chart(indicator_figure(1)), _chart(indicator_figure(2))]
    assert chart_images(charts, browser=broken) == (None, None)


def test_find_chromium_takes_monitor_chromium_first(tmp_path, monkeypatch):
    configured = tmp_path / "my-chromium"
    configured.write_text("#!/bin/sh\n")
    configured.chmod(0o755)
    monkeypatch.setenv("MONITOR_CHROMIUM", str(configured))
    assert find_chromium() == configured


def test_find_chromium_passes_over_a_configured_path_that_cannot_run(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_CHROMIUM", raising=False)
    fallback = find_chromium()
    not_executable = tmp_path / "chromium"
    not_executable.write_text("")
    monkeypatch.setenv("MONITOR_CHROMIUM", str(not_executable))
    assert find_chromium() == fallback
    monkeypatch.setenv("MONITOR_CHROMIUM", str(tmp_path / "missing"))
    assert find_chromium() == fallback


def test_find_chromium_looks_on_the_path_then_gives_none(tmp_path, monkeypatch):
    monkeypatch.delenv("MONITOR_CHROMIUM", raising=False)
    monkeypatch.setattr(images, "_DEBIAN_CHROMIUM", tmp_path / "usr-bin-chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() is None
    on_path = tmp_path / "chromium"
    on_path.write_text("#!/bin/sh\n")
    on_path.chmod(0o755)
    assert find_chromium() == on_path
