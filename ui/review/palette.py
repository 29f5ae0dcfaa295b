"""Colours and patterns of the review charts. Same expert/client hues as the widget (blue solid vs orange
hatched) so the two read alike; every colour is paired with a pattern, a shape or a word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from kohtaava_desk.meeting.steps import Step

EXPERT = QColor("#2f5f9e")
CLIENT = QColor("#c8772a")
SHARE_LINE = QColor("#13294b")
ZONE = QColor(47, 125, 79, 46)
ZONE_EDGE = QColor("#2f7d4f")
NUDGE = QColor("#6b3fa0")
ANNOUNCED = QColor("#b83232")
OVERTIME = QColor(184, 50, 50, 40)
TEXT = QColor("#1f2933")
MUTED = QColor("#52606d")
GRID = QColor("#d5dbe1")
BACKGROUND = QColor("#ffffff")
TREND_LINE = QColor("#1f4e8c")
BASELINE = QColor("#8a5a00")
"""Your usual level (median of your last 20 meetings): amber, dash-dot, apart from the green target."""
BASELINE_BAND = QColor(138, 90, 0, 34)

STEP_FILL = {
    Step.EMPATIA: QColor("#d6e6f5"),
    Step.OHJAUKSELLINEN: QColor("#d5ecd9"),
    Step.NEUVONNALLINEN: QColor("#f8e3bf"),
    Step.HYVASTELY: QColor("#e6daf3"),
}
STEP_EDGE = {
    Step.EMPATIA: QColor("#5b84ad"),
    Step.OHJAUKSELLINEN: QColor("#4f8a5b"),
    Step.NEUVONNALLINEN: QColor("#a27a2e"),
    Step.HYVASTELY: QColor("#7d5ea3"),
}


def client_brush() -> QBrush:
    return QBrush(CLIENT, Qt.BrushStyle.BDiagPattern)


def overtime_brush() -> QBrush:
    return QBrush(OVERTIME, Qt.BrushStyle.FDiagPattern)


def dashed(color: QColor, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.DashLine) -> QPen:
    pen = QPen(color, width)
    pen.setStyle(style)
    return pen
