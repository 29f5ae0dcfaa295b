"""The widget's layout survives fonts and languages: in every state (running, expanded, nudge, overtime,
microphone lost, offer, summary) and in fi/sv/en, no figure is cut, the glance figures stay ≥ 20 px and
bold, and the compact window keeps one height whatever the message line says (tests/layout_check.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

import layout_check


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_every_state_fits_at_this_desktop_font(qapp, scale):
    base = QApplication.font()
    f = QApplication.font()
    f.setPointSizeF(f.pointSizeF() * scale)
    QApplication.setFont(f)
    try:
        assert layout_check.check_all() == {}
    finally:
        QApplication.setFont(base)


@pytest.mark.parametrize("env", [{"QT_FONT_DPI": "144", "QT_ENABLE_HIGHDPI_SCALING": "0"},
                                 {"QT_SCALE_FACTOR": "2"}], ids=["font-dpi-144", "scale-2"])
def test_every_state_fits_with_the_desktop_scaled(env):
    here = Path(__file__).parent
    out = subprocess.run([sys.executable, str(here / "layout_check.py")], cwd=here, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {}


def test_the_checker_catches_a_fixed_width_that_cuts_digits(qapp, monkeypatch):
    """The old fixed 340 px with a larger font cut "40:30" to "0:30": the check must see that."""
    from kohtaava_desk.ui.widget.window import CompanionWindow

    fit = CompanionWindow._fit
    monkeypatch.setattr(CompanionWindow, "_fit", lambda self: (fit(self), self.setFixedWidth(300)))
    base = QApplication.font()
    f = QApplication.font()
    f.setPointSizeF(f.pointSizeF() * 1.5)
    QApplication.setFont(f)
    try:
        problems = layout_check.check_all(("sv",))
    finally:
        QApplication.setFont(base)
    assert any("cut" in p for ps in problems.values() for p in ps)
