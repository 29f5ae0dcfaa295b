"""The step table (step | time | talk share, one row per step) that both the expanded view and the
end-of-meeting card show; built in one place so the two stay alike."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kohtaava_desk.i18n import t

StepRow = tuple[QLabel, QLabel, QLabel]


def step_grid(parent: QWidget, column_spacing: int) -> tuple[QGridLayout, list[QLabel], list[StepRow]]:
    """An empty table: the layout, its three header cells and its four (name, time, share) rows."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(column_spacing)
    grid.setVerticalSpacing(1)
    head = [QLabel(parent) for _ in range(3)]
    for i, h in enumerate(head):
        h.setObjectName("Muted")
        grid.addWidget(h, 0, i)
    rows: list[StepRow] = []
    for r in range(4):
        cells = (QLabel(parent), QLabel(parent), QLabel(parent))
        for c, cell in enumerate(cells):
            grid.addWidget(cell, r + 1, c, alignment=Qt.AlignmentFlag.AlignRight if c else Qt.AlignmentFlag.AlignLeft)
        rows.append(cells)
    grid.setColumnStretch(0, 1)
    return grid, head, rows


def show_step_head(head: list[QLabel], lang: str) -> None:
    for h, k in zip(head, ("summary.col_step", "summary.col_time", "summary.col_share")):
        h.setText(t(k, lang))
