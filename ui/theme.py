"""Colours, patterns and sizes of the widget, for a light, a dark and a high-contrast theme.

The widget owns its whole palette (every text and every fill), so a dark or high-contrast desktop never
puts light text on our light background or the other way round. Each palette keeps text at WCAG AA
4.5:1 against its background and graphics at 3:1 (tests/test_ui_theme.py measures it).

Colour is never the only signal: the expert's share is a solid fill, the client's a hatch; the target
zone is an outlined bracket; states carry a shape and a word. Blue/orange stays apart for the common
colour-vision differences.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QPalette


@dataclass(frozen=True)
class Palette:
    name: str
    background: str
    hover: str
    """Background of a button under the pointer."""
    text: str
    muted: str
    """Secondary text (still 4.5:1)."""
    accent: str
    """The current step: its name, its stair, the elapsed time."""
    on_accent: str
    """Text drawn on the accent fill."""
    warn: str
    """Over time, above the target, a lost microphone (always with a word or a shape too)."""
    expert: str
    client: str
    track: str
    """The empty part of a bar."""
    outline: str
    visited: str
    future: str
    """Fill of a step not reached yet."""
    reserve: str
    over: str
    border: str
    disabled: str

    def color(self, field: str) -> QColor:
        return QColor(getattr(self, field))


LIGHT = Palette("light", background="#f8f9fa", hover="#e4e8ec", text="#1f2933", muted="#4b5763",
                accent="#1f4e8c", on_accent="#ffffff", warn="#9c4100", expert="#2f5f9e", client="#a85a14",
                track="#e4e7eb", outline="#52606d", visited="#8ea9cf", future="#ffffff", reserve="#6b4f96",
                over="#b32d2d", border="#7b8794", disabled="#7b8794")
DARK = Palette("dark", background="#1c2127", hover="#2e3640", text="#eef1f4", muted="#b5bfca",
               accent="#8ab4f8", on_accent="#10161d", warn="#f6a55b", expert="#6fa3ef", client="#f0a35e",
               track="#38414c", outline="#9aa5b1", visited="#4f6a91", future="#262d35", reserve="#b99be3",
               over="#f27c7c", border="#8894a1", disabled="#8894a1")
HIGH_CONTRAST = Palette("high_contrast", background="#000000", hover="#303030", text="#ffffff", muted="#e6e6e6",
                        accent="#ffff00", on_accent="#000000", warn="#ffb347", expert="#4fc3ff", client="#ffb000",
                        track="#3a3a3a", outline="#ffffff", visited="#555555", future="#000000", reserve="#d9a6ff",
                        over="#ff6e6e", border="#ffffff", disabled="#b0b0b0")
PALETTES = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}
THEMES = ("auto", *PALETTES)

_current = LIGHT


def pal() -> Palette:
    """The palette in use."""
    return _current


def use(name: str) -> Palette:
    """Switch the palette: 'light', 'dark', 'high_contrast' or 'auto' (follow the desktop)."""
    global _current
    _current = PALETTES[name] if name in PALETTES else PALETTES[system_theme()]
    return _current


def system_theme() -> str:
    """What the desktop asks for: high contrast where Qt can tell, else its light or dark scheme."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    hints = QGuiApplication.styleHints()
    access = getattr(hints, "accessibility", None)
    if access is not None:
        try:
            if access().contrastPreference() == Qt.ContrastPreference.HighContrast:
                return "high_contrast"
        except AttributeError:
            pass
    if hints.colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    # No colour scheme hint (older desktops): a dark window colour in the system palette means dark.
    return "dark" if QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 100 else "light"


def luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a: str | QColor, b: str | QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(QColor(a)), luminance(QColor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def client_brush() -> QBrush:
    return QBrush(pal().color("client"), Qt.BrushStyle.BDiagPattern)


def reserve_brush() -> QBrush:
    return QBrush(pal().color("reserve"), Qt.BrushStyle.FDiagPattern)


def over_brush() -> QBrush:
    return QBrush(pal().color("over"), Qt.BrushStyle.DiagCrossPattern)


def small_font(base: QFont, delta: float = -1.0, bold: bool = False) -> QFont:
    f = QFont(base)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 9.0
    f.setPointSizeF(max(6.5, size + delta))
    f.setBold(bold)
    return f


GLANCE_MIN_PX = 20
"""The figures read at a glance (minutes left, current step) are at least this tall: about 20-24 px
is what a glance needs at 65 cm from a 24-inch 1080p screen."""


def glance_font(base: QFont) -> QFont:
    """Big and bold: at least GLANCE_MIN_PX, and growing with the desktop font."""
    f = QFont(base)
    f.setPixelSize(max(GLANCE_MIN_PX, round(QFontMetrics(base).height() * 1.5)))
    f.setBold(True)
    return f


def qpalette(p: Palette) -> QPalette:
    """The same colours for the parts Qt draws itself (menus, dialogs, spin boxes, tooltips)."""
    q = QPalette()
    for role, field in ((QPalette.ColorRole.Window, "background"), (QPalette.ColorRole.WindowText, "text"),
                        (QPalette.ColorRole.Base, "background"), (QPalette.ColorRole.AlternateBase, "hover"),
                        (QPalette.ColorRole.Text, "text"), (QPalette.ColorRole.Button, "hover"),
                        (QPalette.ColorRole.ButtonText, "text"), (QPalette.ColorRole.ToolTipBase, "background"),
                        (QPalette.ColorRole.ToolTipText, "text"), (QPalette.ColorRole.Highlight, "accent"),
                        (QPalette.ColorRole.HighlightedText, "on_accent"), (QPalette.ColorRole.PlaceholderText, "muted")):
        q.setColor(role, p.color(field))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        q.setColor(QPalette.ColorGroup.Disabled, role, p.color("disabled"))
    return q


def stylesheet(p: Palette) -> str:
    return f"""
#CompanionWindow, #PrivacyCard {{ background: {p.background}; border: 1px solid {p.border}; border-radius: 6px; }}
QWidget {{ color: {p.text}; }}
QLabel {{ color: {p.text}; background: transparent; }}
QToolButton, QPushButton {{ color: {p.text}; background: transparent; border: 1px solid transparent;
    border-radius: 4px; padding: 1px 4px; }}
QPushButton {{ border-color: {p.border}; }}
QToolButton:hover, QPushButton:hover {{ border-color: {p.border}; background: {p.hover}; }}
QToolButton:checked {{ border: 2px solid {p.accent}; }}
QToolButton:disabled, QPushButton:disabled {{ color: {p.disabled}; }}
QMenu {{ background: {p.background}; color: {p.text}; border: 1px solid {p.border}; }}
QMenu::item:selected {{ background: {p.accent}; color: {p.on_accent}; }}
QToolTip {{ background: {p.background}; color: {p.text}; border: 1px solid {p.border}; }}
#PrivacyBadge {{ color: {p.text}; }}
#NudgeText {{ color: {p.text}; font-weight: 600; }}
#StatusWarn {{ color: {p.warn}; font-weight: 600; }}
#Muted {{ color: {p.muted}; }}
#StepName {{ color: {p.accent}; }}
#Remaining {{ color: {p.text}; }}
#RemainingOver {{ color: {p.warn}; }}
#TimeText {{ color: {p.text}; font-weight: 700; }}
#LineBox {{ border-top: 1px solid {p.border}; }}
"""


TEXT_PAIRS = (("text", "background"), ("muted", "background"), ("accent", "background"), ("warn", "background"),
              ("on_accent", "accent"), ("text", "hover"), ("muted", "hover"), ("text", "visited"), ("text", "future"))
"""Every colour text is drawn in, on what it is drawn (step letters sit on their stairs)."""
GRAPHIC_PAIRS = (("expert", "track"), ("client", "track"), ("outline", "background"), ("accent", "background"),
                 ("border", "background"), ("reserve", "track"), ("over", "track"),
                 ("text", "track"), ("outline", "track"))
"""Graphic parts and what they sit on (a visited stair is told by its outline, not its fill)."""


def palette_fields() -> tuple[str, ...]:
    return tuple(f.name for f in fields(Palette) if f.name != "name")
