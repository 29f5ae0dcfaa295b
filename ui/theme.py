"""Colours, patterns and sizes of the widget.

Colour is never the only signal: the expert's share is a solid fill, the client's a hatch; the target
zone is an outlined bracket; states carry a shape and a word. The palette (blue/orange) stays apart for
the common colour-vision differences.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

EXPERT = QColor("#2f5f9e")
CLIENT = QColor("#c8772a")
TRACK = QColor("#e4e7eb")
TEXT = QColor("#1f2933")
MUTED = QColor("#616e7c")
CURRENT = QColor("#1f4e8c")
VISITED = QColor("#a9bfdc")
FUTURE = QColor("#ffffff")
OUTLINE = QColor("#52606d")
RESERVE = QColor("#7b5ea7")
OVER = QColor("#b83232")
WARN = QColor("#b45309")
OK = QColor("#2f7d4f")
BACKGROUND = QColor("#f8f9fa")
BORDER = QColor("#9aa5b1")

COMPACT_WIDTH = 340
"""Logical pixels; Qt scales them on high-DPI screens."""


def client_brush() -> QBrush:
    return QBrush(CLIENT, Qt.BrushStyle.BDiagPattern)


def reserve_brush() -> QBrush:
    return QBrush(RESERVE, Qt.BrushStyle.FDiagPattern)


def over_brush() -> QBrush:
    return QBrush(OVER, Qt.BrushStyle.DiagCrossPattern)


def small_font(base: QFont, delta: float = -1.0, bold: bool = False) -> QFont:
    f = QFont(base)
    size = f.pointSizeF() if f.pointSizeF() > 0 else 9.0
    f.setPointSizeF(max(6.5, size + delta))
    f.setBold(bold)
    return f


STYLE = f"""
#CompanionWindow {{ background: {BACKGROUND.name()}; border: 1px solid {BORDER.name()}; border-radius: 6px; }}
QToolButton {{ border: 1px solid transparent; border-radius: 4px; padding: 1px; }}
QToolButton:hover {{ border-color: {BORDER.name()}; background: #eef1f4; }}
QToolButton:focus {{ border: 2px solid {CURRENT.name()}; }}
QToolButton:disabled {{ color: #b0b8c1; }}
#PrivacyBadge {{ border: 1px solid {OK.name()}; border-radius: 8px; padding: 0 6px; color: {OK.name()}; }}
#NudgeText {{ color: {TEXT.name()}; font-weight: 600; }}
#StatusWarn {{ color: {WARN.name()}; font-weight: 600; }}
#Muted {{ color: {MUTED.name()}; }}
#StepName {{ color: {CURRENT.name()}; font-weight: 700; }}
#TimeText {{ color: {TEXT.name()}; font-weight: 700; }}
#LineBox {{ border-top: 1px solid #d5dbe1; }}
"""
