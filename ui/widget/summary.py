"""End of meeting: a compact card with the figures the expert may want to glance at before the next
client, and the door to the private self-review."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kohtaava_desk.i18n import clock, step_name, t
from kohtaava_desk.meeting import MeetingSummary
from ..qtfix import emit
from .step_grid import show_step_head, step_grid


class SummaryCard(QWidget):
    action = Signal(str)
    """'open_review' or 'new_meeting'."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        self.title = QLabel(self)
        self.title.setObjectName("StepName")
        self.total = QLabel(self)
        self.total.setObjectName("TimeText")
        self.farewell = QLabel(self)
        self.farewell.setObjectName("Muted")
        lay.addWidget(self.title)
        lay.addWidget(self.total)
        lay.addWidget(self.farewell)
        grid, self.head, self.rows = step_grid(self, column_spacing=10)
        lay.addLayout(grid)
        self.nudges = QLabel(self)
        lay.addWidget(self.nudges)
        buttons = QHBoxLayout()
        self.review = QPushButton(self)
        self.new = QPushButton(self)
        for b in (self.review, self.new):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        self.review.clicked.connect(lambda: emit(self.action, "open_review"))
        self.new.clicked.connect(lambda: emit(self.action, "new_meeting"))
        self.summary: MeetingSummary | None = None
        self._key: object = None

    def show_summary(self, summary: MeetingSummary, lang: str, review_available: bool) -> None:
        key = (id(summary), lang, review_available)
        if key == self._key:
            return
        self._key = key
        self.summary = summary
        self.title.setText(t("summary.title", lang))
        total = t("summary.total", lang, actual=clock(summary.actual_s), announced=clock(summary.announced_s or 0))
        if summary.overtime_s > 0:
            total += " · " + t("summary.overtime", lang, time=clock(summary.overtime_s))
        self.total.setText(total)
        left = summary.farewell_time_left_s
        self.farewell.setText(t("summary.no_farewell", lang) if left is None
                              else t("summary.farewell_left", lang, time=clock(max(0.0, left))))
        show_step_head(self.head, lang)
        for (name, time_cell, share), st in zip(self.rows, summary.steps):
            name.setText(step_name(st.step, lang))
            time_cell.setText(clock(st.time_s))
            share.setText(t("summary.no_share", lang) if st.expert_share is None else f"{round(100 * st.expert_share)} %")
        self.nudges.setText(t("summary.nudges", lang, n=len(summary.nudges)))
        self.review.setText(t("btn.open_review", lang))
        self.review.setEnabled(review_available)
        self.review.setToolTip("" if review_available else t("summary.review_missing", lang))
        self.new.setText(t("btn.new_meeting", lang))
        self.setAccessibleName(t("summary.title", lang))
        self.setAccessibleDescription(total)
