"""The self-review window: meeting list with date filters, one meeting's timeline and step table,
weekly trends, exports and "delete all my data".

Loading: one list query without timelines feeds the list, the filters and the trends; the timeline of a
meeting is read only when it is selected.
"""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSignalBlocker, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kohtaava_desk.config.schema import Config
from kohtaava_desk.i18n import LANGUAGES, day, duration, nudge_label, percent, t
from kohtaava_desk.meeting.steps import STEPS, Step
from kohtaava_desk.review import meeting_day, step_rows, weekly_trends
from kohtaava_desk.review.files import write_atomically
from kohtaava_desk.review.focus import Focus, load_focus, save_focus
from kohtaava_desk.review.takeaway import FIGURES, OPEN_LOW, baseline, overtime
from kohtaava_desk.store import MeetingStore, StoreError, StoredMeeting
from kohtaava_desk.store.export import WRITERS

from .meeting_list import COLUMNS, ID_ROLE, MeetingListModel
from .tables import fill_steps, fill_weeks, make_table
from .timeline_chart import TimelineChart
from .trends_chart import Target, TrendsChart

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
"""Each language named in itself, so anyone can find their own."""
LIST_COLUMN_WIDTHS = (84, 46, 64, 80, 96, 90, 96)


class _NarrowPage(QWidget):
    """A tab page that asks only for its minimum width: a scroll area then fits it to the view's width
    (charts shrink) and scrolls only vertically, and only when the screen is too short."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        hint = super().sizeHint()
        return QSize(self.minimumSizeHint().width(), hint.height())


class ReviewWindow(QWidget):
    def __init__(self, store: MeetingStore, config: Config, language: str = "fi", meeting_id: int | None = None,
                 *, owns_store: bool = False, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ReviewWindow")
        self._store, self._config = store, config
        self._owns_store = owns_store
        self._lang = language if language in LANGUAGES else "fi"
        self._today = today or date.today()
        self._all: list[StoredMeeting] = []
        self._current: StoredMeeting | None = None
        self._weeks = []
        self._build()
        self._retranslate()
        self._fit_screen()
        self._split_sized = False
        self.reload(select=meeting_id, reset_range=True)
        if store.notice is not None:
            self.show_status(store.notice.message(self._lang))

    # --- construction ---------------------------------------------------------------------------------
    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(10, 8, 10, 8)

        bar = QHBoxLayout()
        self.from_label, self.to_label = QLabel(), QLabel()
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for label, edit in ((self.from_label, self.from_edit), (self.to_label, self.to_edit)):
            edit.setCalendarPopup(True)
            label.setBuddy(edit)
            edit.dateChanged.connect(self._on_dates_changed)
            bar.addWidget(label)
            bar.addWidget(edit)
        self.weeks4_btn, self.weeks12_btn, self.all_btn = QPushButton(), QPushButton(), QPushButton()
        self.weeks4_btn.clicked.connect(lambda: self.set_range_weeks(4))
        self.weeks12_btn.clicked.connect(lambda: self.set_range_weeks(12))
        self.all_btn.clicked.connect(self.set_range_all)
        for b in (self.weeks4_btn, self.weeks12_btn, self.all_btn):
            bar.addWidget(b)
        self.count_label = QLabel()
        bar.addSpacing(8)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        self.language_label = QLabel()
        self.language_box = QComboBox()
        for code in LANGUAGES:
            self.language_box.addItem(LANGUAGE_NAMES[code], code)
        self.language_box.setCurrentIndex(LANGUAGES.index(self._lang))
        self.language_box.currentIndexChanged.connect(lambda i: self.set_language(LANGUAGES[i]))
        self.language_label.setBuddy(self.language_box)
        self.focus_label = QLabel()
        self.focus_box = QComboBox()
        self.focus_box.setObjectName("FocusBox")
        for value in (None, *Focus):
            self.focus_box.addItem("", value)
        self._focus = load_focus()
        self.focus_box.setCurrentIndex(0 if self._focus is None else list(Focus).index(self._focus) + 1)
        self.focus_box.currentIndexChanged.connect(lambda i: self.set_focus(self.focus_box.itemData(i)))
        self.focus_label.setBuddy(self.focus_box)
        # The focus names are sentences: the box shows as much as fits, the list opens wide enough.
        self.focus_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.focus_box.setMinimumContentsLength(16)
        root.addLayout(bar)

        # Second row, so the first fits a 1366-pixel screen even at a 1.5x font.
        row2 = QHBoxLayout()
        self.privacy_label = QLabel()
        self.privacy_label.setObjectName("PrivacyNote")
        self.privacy_label.setStyleSheet("color: #2f5f3f;")
        self.privacy_label.setWordWrap(True)
        row2.addWidget(self.privacy_label, 1)
        for w in (self.focus_label, self.focus_box):
            row2.addWidget(w)
        row2.addSpacing(8)
        row2.addWidget(self.language_label)
        row2.addWidget(self.language_box)
        root.addLayout(row2)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.model = MeetingListModel(self)
        self.list_view = QTableView()
        self.list_view.setObjectName("MeetingList")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setTabKeyNavigation(False)
        self.list_view.setAlternatingRowColors(True)
        self.list_view.verticalHeader().setVisible(False)
        # Fixed row height and column widths: the view then never measures all rows (lazy with 1,000+).
        vh = self.list_view.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.list_view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        for i, w in enumerate(LIST_COLUMN_WIDTHS):
            self.list_view.setColumnWidth(i, w)
        self.list_view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.list_empty = QLabel()
        self.list_empty.setWordWrap(True)
        self.list_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.list_view, 1)
        lv.addWidget(self.list_empty)
        split.addWidget(left)

        self.tabs = QTabWidget()
        meeting_page = _NarrowPage()
        mv = QVBoxLayout(meeting_page)
        self.heading = QLabel()
        f = QFont(self.heading.font())
        f.setPointSizeF((f.pointSizeF() if f.pointSizeF() > 0 else 9.0) + 2)
        f.setBold(True)
        self.heading.setFont(f)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                           | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.interrupted_label = QLabel()
        self.interrupted_label.setWordWrap(True)
        self.interrupted_label.setStyleSheet("color: #8a4b00; font-weight: 600;")
        self.timeline = TimelineChart()
        self.timeline.setObjectName("TimelineChart")
        self.step_table = make_table()
        self.step_table.setObjectName("StepTable")
        for w in (self.heading, self.facts, self.interrupted_label):
            mv.addWidget(w)
        mv.addWidget(self.timeline, 1)
        mv.addWidget(self.step_table)
        self.tabs.addTab(self._scrolling(meeting_page), "")

        trends_page = _NarrowPage()
        tv = QVBoxLayout(trends_page)
        self.trends = TrendsChart()
        self.trends.setObjectName("TrendsChart")
        self.week_table = make_table()
        self.week_table.setObjectName("WeekTable")
        self.week_table.setMaximumHeight(200)
        tv.addWidget(self.trends, 1)
        tv.addWidget(self.week_table)
        self.tabs.addTab(self._scrolling(trends_page), "")
        split.addWidget(self.tabs)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        self._split = split
        root.addWidget(split, 1)

        actions = QHBoxLayout()
        self.png_btn, self.csv_btn, self.json_btn = QPushButton(), QPushButton(), QPushButton()
        self.png_btn.clicked.connect(self.export_chart_dialog)
        self.csv_btn.clicked.connect(lambda: self.export_data_dialog("csv"))
        self.json_btn.clicked.connect(lambda: self.export_data_dialog("json"))
        self.delete_btn = QPushButton()
        self.delete_btn.setObjectName("DeleteAll")
        self.delete_btn.clicked.connect(self.delete_all_data)
        for b in (self.png_btn, self.csv_btn, self.json_btn):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.delete_btn)
        root.addLayout(actions)
        self.status = QLabel()
        self.status.setObjectName("Status")
        self.status.setWordWrap(True)
        root.addWidget(self.status)

        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=lambda: self.reload())
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.export_chart_dialog)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.list_view.setFocus)
        QShortcut(QKeySequence("Ctrl+1"), self, activated=lambda: self.tabs.setCurrentIndex(0))
        QShortcut(QKeySequence("Ctrl+2"), self, activated=lambda: self.tabs.setCurrentIndex(1))
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, activated=self.close)
        self.setTabOrder(self.list_view, self.tabs)

    def _fit_screen(self) -> None:
        # 1240 x 780 where there is room; on a 1366 x 768 laptop (with a panel) what the screen leaves.
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        w, h = 1240, 780
        if screen is not None and screen.width() > 0:
            w, h = min(w, screen.width() - 16), min(h, screen.height() - 40)
        self.resize(w, h)

    @staticmethod
    def _scrolling(page: QWidget) -> QScrollArea:
        # With a large desktop font on a small screen the page may need more height than there is:
        # it then scrolls instead of squeezing the chart to nothing or pushing the window off-screen.
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(page)
        return area

    def _retranslate(self) -> None:
        lang = self._lang
        self.setWindowTitle(t("review.window.title", lang))
        self.setAccessibleName(t("review.window.title", lang))
        self.from_label.setText(t("review.filter.from", lang))
        self.to_label.setText(t("review.filter.to", lang))
        fmt = "d.M.yyyy" if lang == "fi" else "yyyy-MM-dd"
        for edit, key in ((self.from_edit, "review.filter.from"), (self.to_edit, "review.filter.to")):
            edit.setDisplayFormat(fmt)
            edit.setAccessibleName(t(key, lang))
        for b, key in ((self.weeks4_btn, "review.filter.weeks4"), (self.weeks12_btn, "review.filter.weeks12"),
                       (self.all_btn, "review.filter.all"), (self.png_btn, "review.btn.export_png"),
                       (self.csv_btn, "review.btn.export_csv"), (self.json_btn, "review.btn.export_json"),
                       (self.delete_btn, "review.btn.delete_all")):
            b.setText(t(key, lang))
            b.setAccessibleName(t(key, lang).rstrip("…"))
        self.png_btn.setToolTip(t("review.tip.export_png", lang) + " (Ctrl+S)")
        self.csv_btn.setToolTip(t("review.tip.export_data", lang))
        self.json_btn.setToolTip(t("review.tip.export_data", lang))
        self.delete_btn.setToolTip(t("review.tip.delete_all", lang))
        self.language_label.setText(t("review.language.label", lang))
        self.focus_label.setText(t("learn.focus.label", lang))
        self.focus_box.setAccessibleName(t("learn.focus.label", lang))
        for i in range(self.focus_box.count()):
            value = self.focus_box.itemData(i)
            self.focus_box.setItemText(i, t("learn.focus.none", lang) if value is None
                                       else t(f"learn.focus.name.{value.value}", lang))
        self.language_box.setAccessibleName(t("review.language.label", lang))
        self.privacy_label.setText(t("review.privacy.note", lang))
        self.list_view.setAccessibleName(t("review.list.name", lang))
        header_fm = self.list_view.horizontalHeader().fontMetrics()
        self._list_widths = [max(w, max(header_fm.horizontalAdvance(line) for line in t(COLUMNS[i], lang).split("\n"))
                                 + 18) for i, w in enumerate(LIST_COLUMN_WIDTHS)]
        for i, w in enumerate(self._list_widths):
            self.list_view.setColumnWidth(i, w)
        self.list_view.setAccessibleDescription(t("review.list.description", lang))
        self.list_empty.setText(t("review.list.empty", lang))
        self.tabs.setTabText(0, t("review.tab.meeting", lang))
        self.tabs.setTabText(1, t("review.tab.trends", lang))
        self.timeline.setAccessibleName(t("review.a11y.timeline", lang))
        self.trends.setAccessibleName(t("review.a11y.trends", lang))
        self.trends.setAccessibleDescription(t("review.a11y.trends_desc", lang))
        self.step_table.setAccessibleName(t("review.a11y.step_table", lang))
        self.week_table.setAccessibleName(t("review.a11y.trend_table", lang))
        self.status.setAccessibleName("status")
        self.model.set_language(lang)
        self.timeline.set_language(lang)
        self.trends.set_language(lang)

    # --- language ---------------------------------------------------------------------------------------
    @property
    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES or lang == self._lang:
            return
        keep = self._current.id if self._current else None
        self._lang = lang
        with QSignalBlocker(self.language_box):
            self.language_box.setCurrentIndex(LANGUAGES.index(lang))
        self._retranslate()
        self._refresh_views(select=keep)

    # --- loading and filtering ----------------------------------------------------------------------------
    def reload(self, select: int | None = None, reset_range: bool = False) -> None:
        """Read the meeting list (no timelines) from the store and show it with the current filters."""
        keep = select if select is not None else (self._current.id if self._current else None)
        try:
            self._all = self._store.list_meetings()
        except StoreError as exc:
            self._all = []
            self.show_status(t("review.status.store_error", self._lang, error=exc))
        if reset_range or (select is not None and not self._in_range(select)):
            self._set_range(*self._full_range(), refresh=False)
        self._refresh_views(select=keep)

    def _full_range(self) -> tuple[date, date]:
        if not self._all:
            return self._today - timedelta(weeks=4), self._today
        days = [meeting_day(m.summary.started_at) for m in self._all]
        return min(days), max(max(days), self._today)

    def _in_range(self, meeting_id: int) -> bool:
        frm, to = self.date_range()
        return any(m.id == meeting_id and frm <= meeting_day(m.summary.started_at) <= to for m in self._all)

    def date_range(self) -> tuple[date, date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()

    def _set_range(self, frm: date, to: date, refresh: bool = True) -> None:
        with QSignalBlocker(self.from_edit), QSignalBlocker(self.to_edit):
            self.from_edit.setDate(QDate(frm.year, frm.month, frm.day))
            self.to_edit.setDate(QDate(to.year, to.month, to.day))
        if refresh:
            self._refresh_views(select=self._current.id if self._current else None)

    def set_range(self, frm: date, to: date) -> None:
        self._set_range(frm, to)

    def set_range_weeks(self, weeks: int) -> None:
        self._set_range(self._today - timedelta(days=7 * weeks - 1), self._today)

    def set_range_all(self) -> None:
        self._set_range(*self._full_range())

    def _on_dates_changed(self, *_: object) -> None:
        self._refresh_views(select=self._current.id if self._current else None)

    def shown_meetings(self) -> list[StoredMeeting]:
        frm, to = self.date_range()
        return [m for m in self._all if frm <= meeting_day(m.summary.started_at) <= to]

    def _refresh_views(self, select: int | None = None) -> None:
        shown = self.shown_meetings()
        self.model.set_meetings(shown)
        self.count_label.setText(t("review.filter.count", self._lang, n=len(shown)))
        self.list_empty.setVisible(not shown)
        self._weeks = weekly_trends(m.summary for m in shown)
        self.trends.set_trends(self._weeks, self._targets(shown), self._baselines(shown), self._focus)
        fill_weeks(self.week_table, self._weeks, self._lang)
        row = self.model.row_of(select) if select is not None else None
        if row is None and shown:
            row = 0
        self._current = None
        if row is None:
            self._show_meeting(None)
        else:
            self.list_view.selectRow(row)
            self.list_view.scrollTo(self.model.index(row, 0))
            if self._current is None:  # selectRow on an already-current row emits nothing
                self._select_row(row)

    def _on_current_changed(self, current, _previous) -> None:
        if current.isValid():
            self._select_row(current.row())

    def _select_row(self, row: int) -> None:
        mid = self.model.data(self.model.index(row, 0), ID_ROLE)
        try:
            stored = self._store.get(mid)
        except StoreError as exc:
            self.show_status(t("review.status.store_error", self._lang, error=exc))
            stored = None
        self._show_meeting(stored)

    # --- one meeting --------------------------------------------------------------------------------------
    @property
    def current_meeting(self) -> StoredMeeting | None:
        return self._current

    def zones(self, stored: StoredMeeting | None = None) -> dict[Step, tuple[float, float]]:
        """The target zones in force at the meeting; today's office zones only where none was stored."""
        zones = {s: (self._config.step(s).expert_share_min, self._config.step(s).expert_share_max) for s in STEPS}
        for st in stored.summary.steps if stored is not None else ():
            if st.target_low is not None and st.target_high is not None:
                zones[st.step] = (st.target_low, st.target_high)
        return zones

    # --- the expert's focus and usual level ---------------------------------------------------------------
    @property
    def focus(self) -> Focus | None:
        return self._focus

    def set_focus(self, focus: Focus | None) -> None:
        """Choose (or clear) the one thing to practise; stored locally, shown first on the trends."""
        self._focus = focus
        with QSignalBlocker(self.focus_box):
            self.focus_box.setCurrentIndex(0 if focus is None else list(Focus).index(focus) + 1)
        try:
            save_focus(focus)
        except OSError as exc:
            self.show_status(t("review.status.focus_not_saved", self._lang, error=exc.strerror or exc))
        self._refresh_views(select=self._current.id if self._current else None)

    def _targets(self, shown: list[StoredMeeting]) -> dict[str, Target]:
        latest = shown[-1].summary.step(Step.OHJAUKSELLINEN) if shown else None
        zone = self._config.step(Step.OHJAUKSELLINEN)
        lo, hi = ((latest.target_low, latest.target_high) if latest is not None and latest.target_high is not None
                  else (zone.expert_share_min, zone.expert_share_max))
        reserves = sorted(m.summary.step(Step.HYVASTELY).planned_s for m in shown)
        return {"guidance": Target(lo, hi),
                "farewell": Target(reserves[len(reserves) // 2] if reserves else None, None),
                "overtime": Target(None, 0.0),
                "open": Target(OPEN_LOW, None)}

    def _baselines(self, shown: list[StoredMeeting]) -> dict[str, object]:
        """The expert's usual level: their last 20 meetings up to the end of the range shown."""
        end = shown[-1].summary.started_at if shown else ""
        history = [m.summary for m in self._all if m.summary.started_at <= end]
        figures = {"guidance": FIGURES[Focus.GUIDANCE_LISTEN], "farewell": FIGURES[Focus.FAREWELL_TIME],
                   "overtime": overtime, "open": FIGURES[Focus.OPEN_QUESTIONS]}
        return {key: baseline(history, fig) for key, fig in figures.items()}

    def _show_meeting(self, stored: StoredMeeting | None) -> None:
        self._current = stored
        lang = self._lang
        if stored is None:
            self.heading.setText(t("review.meeting.none", lang))
            self.facts.setText("")
            self.interrupted_label.hide()
            self.timeline.set_meeting(None, self.zones())
            self.timeline.setAccessibleDescription("")
            fill_steps(self.step_table, [], lang)
            self._fit_step_table()
            return
        s = stored.summary
        self.heading.setText(t("review.meeting.heading", lang, date=day(meeting_day(s.started_at), lang),
                                time=s.started_at[11:16]))
        announced = duration(s.announced_s, lang) if s.announced_s else t("review.value.not_announced", lang)
        facts = [t("review.fact.length", lang, announced=announced, actual=duration(s.actual_s, lang)),
                 t("review.fact.share", lang, share=percent(s.expert_share, lang)),
                 t("review.fact.farewell_left", lang, left=duration(s.farewell_time_left_s, lang))
                 if s.farewell_time_left_s is not None else t("review.fact.farewell_missed", lang),
                 t("review.fact.overtime", lang, over=duration(s.overtime_s, lang)) if s.overtime_s > 0
                 else t("review.fact.on_time", lang),
                 t("review.fact.nudges", lang, n=len(s.nudges))]
        self.facts.setText(" · ".join(facts))
        self.interrupted_label.setText(t("review.fact.interrupted", lang))
        self.interrupted_label.setVisible(stored.state != "ended")
        self.timeline.set_meeting(s, self.zones(stored))
        nudges = "; ".join(f"{duration(t, lang)} {nudge_label(n, lang)}" for t, n in sorted(s.nudges))
        self.timeline.setAccessibleDescription(" ".join(
            [t("review.a11y.timeline_desc", lang), ". ".join(facts) + "."] + ([f"{t('review.chart.nudges', lang)}: {nudges}."]
                                                                      if nudges else [])))
        fill_steps(self.step_table, step_rows(s, self._config), lang)
        self._fit_step_table()

    def _fit_step_table(self) -> None:
        # Show all four rows without a scroll bar; the chart takes the rest of the height.
        t = self.step_table
        rows = max(4, t.rowCount())
        t.setFixedHeight(t.horizontalHeader().sizeHint().height() + rows * t.verticalHeader().defaultSectionSize()
                         + 2 * t.frameWidth() + 2)

    # --- exports ----------------------------------------------------------------------------------------------
    def ask_save_path(self, title: str, suggested: str, name_filter: str) -> str | None:
        """Ask where to save (tests replace this)."""
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / suggested), name_filter)
        return path or None

    def shown_chart(self) -> TimelineChart | TrendsChart:
        return self.timeline if self.tabs.currentIndex() == 0 else self.trends

    def export_chart_png(self, path: str | Path) -> bool:
        """Save the chart on show (timeline or trends) as a PNG twice the on-screen resolution."""
        img = self.shown_chart().render_image()
        ok = img.save(str(path), "PNG")
        self.show_status(t("review.status.saved", self._lang, path=path) if ok
                         else t("review.status.save_failed", self._lang, error=path))
        return ok

    def export_chart_dialog(self) -> None:
        if self.tabs.currentIndex() == 0 and self._current is not None:
            name = f"kohtaava-tapaaminen-{self._current.summary.started_at[:10]}.png"
        else:
            name = f"kohtaava-kehitys-{self._today.isoformat()}.png"
        path = self.ask_save_path(t("review.dialog.save_png", self._lang), name, "PNG (*.png)")
        if path:
            self.export_chart_png(path)

    def export_data(self, path: str | Path, fmt: str) -> int:
        """Write the meetings in the chosen date range as CSV or JSON (store/export.py); returns the count."""
        frm, to = self.date_range()
        meetings = self._store.list_meetings(frm, to, with_timeline=fmt == "json")
        buffer = io.StringIO(newline="")
        n = WRITERS[fmt](meetings, buffer)
        write_atomically(Path(path), buffer.getvalue())
        return n

    def export_data_dialog(self, fmt: str) -> None:
        frm, to = self.date_range()
        path = self.ask_save_path(t("review.dialog.save_data", self._lang), f"kohtaava-{frm}-{to}.{fmt}",
                                  f"{fmt.upper()} (*.{fmt})")
        if not path:
            return
        try:
            self.export_data(path, fmt)
        except (OSError, StoreError) as exc:
            self.show_status(t("review.status.save_failed", self._lang, error=exc))
            return
        self.show_status(t("review.status.saved", self._lang, path=path))

    # --- delete all ---------------------------------------------------------------------------------------------
    def make_delete_dialog(self) -> tuple[QMessageBox, QPushButton]:
        lang = self._lang
        try:
            n = self._store.count()
        except StoreError:
            n = len(self._all)
        text = t("review.dialog.delete_text", lang, n=n)
        if any(m.state == "running" for m in self._all):
            # The store re-creates a running meeting's row at its next checkpoint: say so rather than surprise.
            text += "\n\n" + t("review.dialog.delete_running", lang)
        box = QMessageBox(QMessageBox.Icon.Warning, t("review.dialog.delete_title", lang), text, parent=self)
        box.setObjectName("DeleteAllDialog")
        confirm = box.addButton(t("review.dialog.delete_confirm", lang), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(t("review.dialog.cancel", lang), QMessageBox.ButtonRole.RejectRole)
        confirm.setObjectName("ConfirmDelete")
        cancel.setObjectName("CancelDelete")
        # Safe default: Enter or Esc keeps the data.
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        return box, confirm

    def delete_all_data(self) -> bool:
        """Ask, then delete every stored summary. Returns True when the data was deleted."""
        box, confirm = self.make_delete_dialog()
        box.exec()
        if box.clickedButton() is not confirm:
            return False
        try:
            n = self._store.delete_all()
        except StoreError as exc:
            self.show_status(t("review.status.store_error", self._lang, error=exc))
            return False
        self._current = None
        self.reload(reset_range=True)
        self.show_status(t("review.status.deleted", self._lang, n=n))
        return True

    # --- misc -----------------------------------------------------------------------------------------------
    def show_status(self, text: str) -> None:
        self.status.setText(text)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._split_sized:
            self._split_sized = True
            self._size_split()
            QTimer.singleShot(0, self._size_split)  # again once the layout has settled
        self.list_view.setFocus()

    def _size_split(self) -> None:
        # The list gets what its columns need (they widen for longer headings); the charts the rest.
        total = sum(self._split.sizes()) or self.width() - 20
        # ...but at most 45 %: on a small screen with a large font the list scrolls sideways, not the charts.
        list_w = min(sum(self._list_widths) + 26, int(0.45 * total))
        self._split.setSizes([list_w, max(400, total - list_w)])

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._owns_store:
            self._store.close()
        super().closeEvent(event)
