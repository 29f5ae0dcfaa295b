"""End of meeting: a compact card that teaches. Per step, time against plan and talk share against the
target zone in force, each with ▲▼●; the expert's own focus first when one is chosen; then the one
sentence the transparent rules of review.takeaway pick, compared with the expert's own usual level.
And the door to the private self-review."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kohtaava_desk.i18n import clock, percent, step_name, t
from kohtaava_desk.meeting import MeetingSummary
from kohtaava_desk.review.focus import Focus, load_focus
from kohtaava_desk.review.history import recent_summaries
from kohtaava_desk.review.takeaway import MARKS, earlier, focus_report, sentence, takeaway, time_verdict
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
        self.focus = QLabel(self)
        self.lesson = QLabel(self)
        for label in (self.focus, self.lesson):
            label.setWordWrap(True)  # a sentence, not a figure: it may wrap, never elide
            lay.addWidget(label)
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
        self.history: Callable[[], Sequence[MeetingSummary]] = recent_summaries
        """The expert's stored meetings, for their usual level (replaced in tests)."""
        self.chosen_focus: Callable[[], Focus | None] = load_focus

    def show_summary(self, summary: MeetingSummary, lang: str) -> None:
        key = (id(summary), lang)
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
            time_mark = MARKS.get(time_verdict(st) or "", "")
            time_cell.setText(t("summary.time_of_plan", lang, time=clock(st.time_s), planned=clock(st.planned_s),
                                mark=time_mark).strip())
            share.setText(t("summary.no_share", lang) if st.expert_share is None
                          else f"{percent(st.expert_share, lang)} {MARKS.get(st.verdict or '', '')}".strip())
        history = earlier(self.history(), summary)
        focus = self.chosen_focus()
        self.focus.setText("" if focus is None else sentence(focus_report(summary, focus, history), lang))
        self.focus.setVisible(focus is not None)
        self.lesson.setText(sentence(takeaway(summary, history, focus), lang))
        self.nudges.setText(t("summary.nudges", lang, n=len(summary.nudges)))
        self.review.setText(t("btn.open_review", lang))
        self.new.setText(t("btn.new_meeting", lang))
        self.setAccessibleName(t("summary.title", lang))
        self.setAccessibleDescription(total)
