"""The two small tables of the review: figures per step of one meeting, and figures per week.

They carry the same numbers as the charts in text form, for screen readers and for exact values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from kohtaava_desk.i18n import duration, percent, step_name, t
from kohtaava_desk.meeting.zone import Zone
from kohtaava_desk.review import StepRow, WeekTrend

STEP_COLUMNS = tuple(f"review.tcol.{c}" for c in ("step", "time", "planned", "diff", "share", "zone", "verdict", "open",
                                                  "closed"))
WEEK_COLUMNS = tuple(f"review.wcol.{c}" for c in ("week", "meetings", "guidance", "farewell", "missed", "overtime",
                                                  "over_count", "open"))
VERDICT_COLOUR = {Zone.IN: QColor("#2f7d4f"), Zone.ABOVE: QColor("#a14a00"), Zone.BELOW: QColor("#a14a00")}


def make_table(parent=None) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setMinimumSectionSize(40)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    return table


def _fit_columns(table: QTableWidget, wide: tuple[int, ...]) -> None:
    """Text columns take what their words need; number columns share the rest."""
    header = table.horizontalHeader()
    for i in range(table.columnCount()):
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents if i in wide
                                    else QHeaderView.ResizeMode.Stretch)


HEADER_TIPS = {"review.tcol.zone": "review.tip.zone", "review.tcol.planned": "review.tip.planned"}


def _headers(table: QTableWidget, keys: tuple[str, ...], lang: str) -> None:
    for i, key in enumerate(keys):
        text = t(key, lang)
        item = QTableWidgetItem(text)
        # One line for screen readers and tooltips; the header itself may break long titles.
        flat = " ".join(text.split())
        item.setToolTip(f"{flat}: {t(HEADER_TIPS[key], lang)}" if key in HEADER_TIPS else flat)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, flat)
        table.setHorizontalHeaderItem(i, item)


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    align = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
    it.setTextAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    return it


def signed(seconds: float, lang: str) -> str:
    return ("+" if seconds >= 0.5 else "") + duration(seconds, lang)


def zone_text(lo: float, hi: float, lang: str) -> str:
    return t("fmt.percent", lang, v=f"{round(lo * 100)}–{round(hi * 100)}")


def fill_steps(table: QTableWidget, rows: list[StepRow], lang: str) -> None:
    table.clear()
    table.setColumnCount(len(STEP_COLUMNS))
    _fit_columns(table, (0, 6))
    _headers(table, STEP_COLUMNS, lang)
    table.setRowCount(len(rows))
    for i, r in enumerate(rows):
        verdict = r.verdict
        cells = [_item(f"{r.step.index + 1} {step_name(r.step, lang)}"), _item(duration(r.time_s, lang), True),
                 _item(duration(r.planned_s, lang), True), _item(signed(r.over_plan_s, lang), True),
                 _item(percent(r.expert_share, lang), True), _item(zone_text(r.zone_min, r.zone_max, lang), True),
                 _item(t(f"review.verdict.{verdict.value}", lang) if verdict else t("value.none", lang)),
                 _item(str(r.open_questions), True), _item(str(r.closed_questions), True)]
        if verdict is not None:
            cells[6].setForeground(VERDICT_COLOUR[verdict])
        for j, c in enumerate(cells):
            table.setItem(i, j, c)


def fill_weeks(table: QTableWidget, weeks: list[WeekTrend], lang: str) -> None:
    shown = [w for w in reversed(weeks) if w.meetings]
    table.clear()
    table.setColumnCount(len(WEEK_COLUMNS))
    _fit_columns(table, (0,))
    _headers(table, WEEK_COLUMNS, lang)
    table.setRowCount(len(shown))
    none = t("value.none", lang)
    for i, w in enumerate(shown):
        year, week = w.iso_week
        cells = [_item(f"{t('review.trend.week', lang, week=week)} / {year}"), _item(str(w.meetings), True),
                 _item(percent(w.guidance_expert_share, lang), True),
                 _item(duration(w.farewell_left_s, lang), True), _item(str(w.farewell_missed), True),
                 _item(none if w.overtime_s is None else duration(w.overtime_s, lang), True),
                 _item(str(w.over_time), True), _item(percent(w.open_share, lang), True)]
        for j, c in enumerate(cells):
            table.setItem(i, j, c)
