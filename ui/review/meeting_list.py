"""The meeting list as a lazy table model: rows are formatted only when the view asks for them, so a
thousand stored meetings cost nothing until scrolled into sight."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from kohtaava_desk.i18n import day, duration, percent, t
from kohtaava_desk.review import meeting_day
from kohtaava_desk.review.takeaway import MARKS, farewell_verdict, guidance_share, guidance_verdict
from kohtaava_desk.store import StoredMeeting


# Not the whole-meeting share (about half in every meeting, it says little): the method's two figures.
COLUMNS = tuple(f"review.col.{c}" for c in ("date", "time", "announced", "actual", "guidance", "farewell", "state"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class MeetingListModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[StoredMeeting] = []
        self._lang = "fi"

    def set_meetings(self, meetings: list[StoredMeeting]) -> None:
        """Newest first, whatever order they come in."""
        self.beginResetModel()
        self._rows = sorted(meetings, key=lambda m: (m.summary.started_at, m.id), reverse=True)
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self.beginResetModel()
        self._lang = lang
        self.endResetModel()

    def meeting(self, row: int) -> StoredMeeting:
        return self._rows[row]

    def row_of(self, meeting_id: int) -> int | None:
        return next((i for i, m in enumerate(self._rows) if m.id == meeting_id), None)

    @property
    def meetings(self) -> list[StoredMeeting]:
        return list(self._rows)

    # --- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return t(COLUMNS[section], self._lang)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(m, col)
        if role == ID_ROLE:
            return m.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (2, 3, 4, 5):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col == 6 and m.state != "ended":
            return t("review.fact.interrupted", self._lang) if m.state == "interrupted" else None
        return None

    def text(self, m: StoredMeeting, col: int) -> str:
        s, lang = m.summary, self._lang
        if col == 0:
            return day(meeting_day(s.started_at), lang)
        if col == 1:
            return s.started_at[11:16]
        if col == 2:
            return duration(s.announced_s, lang) if s.announced_s else t("review.value.not_announced", lang)
        if col == 3:
            return duration(s.actual_s, lang)
        if col == 4:
            share = guidance_share(s)
            return f"{percent(share, lang)} {MARKS.get(guidance_verdict(s) or '', '')}".rstrip()
        if col == 5:
            left = None if s.interrupted else s.farewell_time_left_s
            return f"{duration(left, lang)} {MARKS.get(farewell_verdict(s) or '', '')}".rstrip()
        return t(f"review.state.{m.state}", lang)
