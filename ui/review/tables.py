"""The two small tables of the review: figures per step of one meeting, and figures per week.

They carry the same numbers as the charts in text form, for screen readers and for exact values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from kohtaava_desk.review import StepRow, Verdict, WeekTrend

from .strings import duration, percent, step_label, tr

STEP_COLUMNS = ("tcol.step", "tcol.time", "tcol.planned", "tcol.diff", "tcol.share", "tcol.zone", "tcol.verdict",
                "tcol.open", "tcol.closed")
WEEK_COLUMNS = ("wcol.week", "wcol.meetings", "wcol.guidance", "wcol.farewell", "wcol.missed", "wcol.overtime",
                "wcol.over_count", "wcol.open")
VERDICT_COLOUR = {Verdict.IN_ZONE: QColor("#2f7d4f"), Verdict.ABOVE: QColor("#a14a00"), Verdict.BELOW: QColor("#a14a00")}


def make_table(parent=None) -> QTableWidget:
    t = QTableWidget(parent)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.setAlternatingRowColors(True)
    t.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    t.horizontalHeader().setMinimumSectionSize(40)
    t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.setWordWrap(False)
    return t


def _fit_columns(t: QTableWidget, wide: tuple[int, ...]) -> None:
    """Text columns take what their words need; number columns share the rest."""
    header = t.horizontalHeader()
    for i in range(t.columnCount()):
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents if i in wide
                                    else QHeaderView.ResizeMode.Stretch)


HEADER_TIPS = {"tcol.zone": "tip.zone", "tcol.planned": "tip.planned"}


def _headers(t: QTableWidget, keys: tuple[str, ...], lang: str) -> None:
    for i, key in enumerate(keys):
        text = tr(key, lang)
        item = QTableWidgetItem(text)
        # One line for screen readers and tooltips; the header itself may break long titles.
        flat = " ".join(text.split())
        item.setToolTip(f"{flat}: {tr(HEADER_TIPS[key], lang)}" if key in HEADER_TIPS else flat)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, flat)
        t.setHorizontalHeaderItem(i, item)


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    it.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return it


def signed(seconds: float, lang: str) -> str:
    return ("+" if seconds >= 0.5 else "") + duration(seconds, lang)


def zone_text(lo: float, hi: float, lang: str) -> str:
    return tr("fmt.percent", lang, v=f"{round(lo * 100)}–{round(hi * 100)}")


def fill_steps(t: QTableWidget, rows: list[StepRow], lang: str) -> None:
    t.clear()
    t.setColumnCount(len(STEP_COLUMNS))
    _fit_columns(t, (0, 6))
    _headers(t, STEP_COLUMNS, lang)
    t.setRowCount(len(rows))
    for i, r in enumerate(rows):
        verdict = r.verdict
        cells = [_item(f"{r.step.index + 1} {step_label(r.step, lang)}"), _item(duration(r.time_s, lang), True),
                 _item(duration(r.planned_s, lang), True), _item(signed(r.over_plan_s, lang), True),
                 _item(percent(r.expert_share, lang), True), _item(zone_text(r.zone_min, r.zone_max, lang), True),
                 _item(tr(f"verdict.{verdict.value}", lang) if verdict else tr("value.none", lang)),
                 _item(str(r.open_questions), True), _item(str(r.closed_questions), True)]
        if verdict is not None:
            cells[6].setForeground(VERDICT_COLOUR[verdict])
        for j, c in enumerate(cells):
            t.setItem(i, j, c)


def fill_weeks(t: QTableWidget, weeks: list[WeekTrend], lang: str) -> None:
    shown = [w for w in reversed(weeks) if w.meetings]
    t.clear()
    t.setColumnCount(len(WEEK_COLUMNS))
    _fit_columns(t, (0,))
    _headers(t, WEEK_COLUMNS, lang)
    t.setRowCount(len(shown))
    none = tr("value.none", lang)
    for i, w in enumerate(shown):
        year, week = w.iso_week
        cells = [_item(f"{tr('trend.week', lang, week=week)} / {year}"), _item(str(w.meetings), True),
                 _item(percent(w.guidance_expert_share, lang), True),
                 _item(duration(w.farewell_left_s, lang), True), _item(str(w.farewell_missed), True),
                 _item(none if w.overtime_s is None else duration(w.overtime_s, lang), True),
                 _item(str(w.over_time), True), _item(percent(w.open_share, lang), True)]
        for j, c in enumerate(cells):
            t.setItem(i, j, c)
