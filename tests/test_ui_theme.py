"""The widget owns its palette: in the light, dark and high-contrast themes, whatever the desktop's own
palette, every text meets WCAG AA (4.5:1) and every graphic part 3:1 against what it is drawn on."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

import layout_check
from kohtaava_desk.ui import theme


@pytest.mark.parametrize("name", list(theme.PALETTES))
def test_palette_contrast_ratios(name):
    p = theme.PALETTES[name]
    low_text = [(a, b, round(theme.contrast(getattr(p, a), getattr(p, b)), 2)) for a, b in theme.TEXT_PAIRS
                if theme.contrast(getattr(p, a), getattr(p, b)) < 4.5]
    low_graphics = [(a, b, round(theme.contrast(getattr(p, a), getattr(p, b)), 2)) for a, b in theme.GRAPHIC_PAIRS
                    if theme.contrast(getattr(p, a), getattr(p, b)) < 3.0]
    assert low_text == [] and low_graphics == []


def test_contrast_formula_matches_wcag():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def _desktop(dark: bool) -> QPalette:
    """A desktop palette that fights the theme: dark windows with white text, or the reverse."""
    q = QPalette()
    bg, fg = ("#202020", "#ffffff") if dark else ("#ffffff", "#000000")
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        q.setColor(role, QColor(bg))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        q.setColor(role, QColor(fg))
    return q


@pytest.mark.parametrize("name", list(theme.PALETTES))
@pytest.mark.parametrize("state", ["expanded", "nudge", "summary"])
def test_every_text_is_readable_whatever_the_desktop_palette(qapp, name, state):
    p = theme.PALETTES[name]
    before = QApplication.palette()
    QApplication.setPalette(_desktop(dark=name == "light"))
    try:
        w, ui = layout_check.scene(state, "fi")
        w.apply_theme(name)
        QApplication.processEvents()
        low = []
        for c in w.findChildren(QLabel) + w.findChildren(QAbstractButton):
            if c.isVisibleTo(w) and c.text() and c.isEnabled():
                fg = c.palette().color(c.foregroundRole())
                if theme.contrast(fg, p.background) < 4.5:
                    low.append((c.text(), fg.name()))
        image = w.grab().toImage()
        painted = image.pixelColor(image.width() // 2, image.height() - 3)
        ui.stop()
        w.close()
    finally:
        QApplication.setPalette(before)
        theme.use("light")
    assert low == []
    assert theme.contrast(painted, p.background) < 1.1, painted.name()  # our background, not the desktop's
