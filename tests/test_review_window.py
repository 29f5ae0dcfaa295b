"""The self-review window (pytest-qt, offscreen): list and filters, one meeting's chart and table,
trends, exports, delete-all with its confirmation, language switch, keyboard use."""

from __future__ import annotations

import csv
import json
import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from review_helpers import fill_weeks, store_interrupted

from kohtaava_desk.meeting.steps import STEPS, Step
from kohtaava_desk.review import weekly_trends
from kohtaava_desk.store import MeetingStore
from kohtaava_desk.ui.review import open_review
from kohtaava_desk.i18n import duration, percent, t
from kohtaava_desk.ui.review.tables import signed

FIRST_MONDAY = date(2026, 10, 5)
TODAY = date(2026, 10, 30)


@pytest.fixture
def store(tmp_path):
    s = MeetingStore(tmp_path / "meetings.sqlite3")
    yield s
    s.close()


@pytest.fixture
def filled(store):
    """Nine meetings over three weeks (5-9, 12-16, 19-23 October 2026)."""
    ids = fill_weeks(store, FIRST_MONDAY, weeks=3, per_week=3)
    return store, ids


def open_window(qtbot, store, default_config, **kw):
    w = open_review(store=store, config=default_config, **kw)
    qtbot.addWidget(w)
    w._today = TODAY
    return w


def cell(table, row, col) -> str:
    return table.item(row, col).text()


# --- opening ---------------------------------------------------------------------------------------------
def test_opens_on_an_empty_store(qtbot, store, default_config):
    w = open_window(qtbot, store, default_config)
    assert w.isVisible()
    assert w.model.rowCount() == 0
    assert w.current_meeting is None
    assert w.heading.text() == t("review.meeting.none", "fi")
    assert not w.list_empty.isHidden()
    assert w.week_table.rowCount() == 0 and w.step_table.rowCount() == 0
    w.timeline.repaint()
    w.tabs.setCurrentIndex(1)
    w.trends.repaint()


def test_lists_meetings_newest_first_and_selects_the_newest(qtbot, filled, default_config):
    store, ids = filled
    w = open_window(qtbot, store, default_config)
    assert w.model.rowCount() == 9
    shown = [w.model.meeting(r).summary.started_at for r in range(9)]
    assert shown == sorted(shown, reverse=True)
    assert w.current_meeting is not None and w.current_meeting.summary.started_at == shown[0]
    assert w.count_label.text() == t("review.filter.count", "fi", n=9)
    first = w.model.meeting(0)
    texts = [w.model.index(0, c).data() for c in range(7)]
    assert texts[0] == "21.10.2026"  # third week: Mon 19th + i % 5 -> Wed 21st is the newest
    assert texts[3] == duration(first.summary.actual_s, "fi")
    # the method's two figures with their marks, not the whole-meeting share
    g = first.summary.step(Step.OHJAUKSELLINEN)
    mark = "▲" if g.expert_share > g.target_high else "●"
    assert texts[4] == f"{percent(g.expert_share, 'fi')} {mark}"
    left = first.summary.farewell_time_left_s
    assert texts[5].startswith(duration(left, "fi")) and texts[5][-1] in "▼●"
    assert texts[6] == t("review.state.ended", "fi")


def test_date_filters_change_the_rows_and_the_trends(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    w.set_range(date(2026, 10, 12), date(2026, 10, 16))
    assert w.model.rowCount() == 3
    assert all("2026-10-12" <= w.model.meeting(r).summary.started_at[:10] <= "2026-10-16" for r in range(3))
    assert [wk.monday for wk in w._weeks] == [date(2026, 10, 12)]
    assert w.week_table.rowCount() == 1
    # the date editors drive the same filter
    w.from_edit.setDate(w.from_edit.date().addDays(-7))
    assert w.model.rowCount() == 6
    w.to_edit.setDate(w.from_edit.date().addDays(-1))
    assert w.model.rowCount() == 0 and w.current_meeting is None and not w.list_empty.isHidden()
    w.set_range_all()
    assert w.model.rowCount() == 9
    w.set_range_weeks(2)  # 17.-30.10. with TODAY = 30.10.
    assert w.model.rowCount() == 3


def test_selecting_a_meeting_fills_the_chart_and_the_step_table(qtbot, filled, default_config):
    store, ids = filled
    w = open_window(qtbot, store, default_config)
    row = 4
    w.list_view.selectRow(row)
    chosen = w.model.meeting(row)
    assert w.current_meeting.id == chosen.id
    full = store.get(chosen.id).summary
    chart = w.timeline.summary
    assert chart == full and len(chart.timeline) > 0  # the timeline is loaded for the selected meeting only
    assert all(not m.summary.timeline for m in w.model.meetings)
    table = w.step_table
    assert table.rowCount() == 4
    plan = {step: full.step(step).planned_s for step in STEPS}
    for r, step in enumerate(STEPS):
        s = full.step(step)
        zone = default_config.step(step)
        assert cell(table, r, 0).endswith(t(f"step.{step.value}", "fi"))
        assert cell(table, r, 1) == duration(s.time_s, "fi")
        assert cell(table, r, 2) == duration(plan[step], "fi")
        assert cell(table, r, 3) == signed(s.time_s - plan[step], "fi")
        assert cell(table, r, 4) == percent(s.expert_share, "fi")
        assert cell(table, r, 5) == f"{round(zone.expert_share_min * 100)}–{round(zone.expert_share_max * 100)} %"
        inside = zone.expert_share_min <= s.expert_share <= zone.expert_share_max
        assert cell(table, r, 6).startswith("✓" if inside else ("▲" if s.expert_share > zone.expert_share_max else "▼"))
        assert cell(table, r, 7) == str(s.open_questions) and cell(table, r, 8) == str(s.closed_questions)
    assert percent(full.expert_share, "fi") in w.facts.text()
    assert duration(full.actual_s, "fi") in w.facts.text()
    w.timeline.grab()  # paints through paintEvent even before the window is exposed
    assert w.timeline.painted_with_data
    assert t("review.a11y.timeline_desc", "fi") in w.timeline.accessibleDescription()


def test_keyboard_moves_through_the_list(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    w.list_view.setFocus()
    first = w.current_meeting.id
    qtbot.keyClick(w.list_view, Qt.Key.Key_Down)
    assert w.current_meeting.id == w.model.meeting(1).id != first
    qtbot.keyClick(w.list_view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert w.current_meeting.id == w.model.meeting(8).id


def test_open_with_a_meeting_id_selects_it(qtbot, filled, default_config):
    store, ids = filled
    w = open_window(qtbot, store, default_config, meeting_id=ids[1])
    assert w.current_meeting.id == ids[1]


def test_interrupted_meeting_is_marked(qtbot, tmp_path, default_config):
    path = tmp_path / "m.sqlite3"
    mid = store_interrupted(path, date(2026, 10, 20), stop_after=60)
    with MeetingStore(path) as store:
        w = open_window(qtbot, store, default_config)
        row = w.model.row_of(mid)
        assert w.model.index(row, 6).data() == t("review.state.interrupted", "fi")
        assert w.current_meeting.id == mid
        assert not w.interrupted_label.isHidden()
        w.close()


def test_trends_are_the_weekly_figures_of_the_shown_meetings(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    expected = weekly_trends(m.summary for m in store.list_meetings())
    assert w._weeks == expected
    assert w.week_table.rowCount() == 3
    newest = expected[-1]
    assert cell(w.week_table, 0, 1) == str(newest.meetings)
    assert cell(w.week_table, 0, 2) == percent(newest.guidance_expert_share, "fi")
    assert cell(w.week_table, 0, 3) == duration(newest.farewell_left_s, "fi")
    w.tabs.setCurrentIndex(1)
    w.trends.repaint()


# --- exports -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("tab", [0, 1])
def test_export_png_writes_a_valid_image_of_the_shown_chart(qtbot, filled, default_config, tmp_path, tab):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    w.tabs.setCurrentIndex(tab)
    out = tmp_path / "chart.png"
    w.ask_save_path = lambda *a: str(out)
    w.export_chart_dialog()
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    img = QImage(str(out))
    chart = w.shown_chart()
    assert not img.isNull() and img.width() >= 2 * max(520, chart.width()) - 2
    assert str(out) in w.status.text()
    # not blank: the chart drew in several colours
    colours = {img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
    assert len(colours) > 5


def test_export_csv_and_json_hold_the_filtered_meetings(qtbot, filled, default_config, tmp_path):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    w.set_range(date(2026, 10, 12), date(2026, 10, 23))
    shown = {w.model.meeting(r).id for r in range(w.model.rowCount())}
    assert len(shown) == 6
    out = tmp_path / "out.csv"
    w.ask_save_path = lambda *a: str(out)
    w.export_data_dialog("csv")
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {int(r["id"]) for r in rows} == shown
    one = store.get(int(rows[0]["id"])).summary
    assert float(rows[0]["actual_s"]) == pytest.approx(one.actual_s)
    assert float(rows[0]["ohjauksellinen_expert_share"]) == pytest.approx(one.step(Step.OHJAUKSELLINEN).expert_share)
    out = tmp_path / "out.json"
    w.ask_save_path = lambda *a: str(out)
    w.export_data_dialog("json")
    items = json.loads(out.read_text(encoding="utf-8"))
    assert {i["id"] for i in items} == shown
    assert all(len(i["timeline"]) > 0 and len(i["steps"]) == 4 for i in items)


def test_cancelled_save_dialog_writes_nothing(qtbot, filled, default_config, tmp_path):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    w.ask_save_path = lambda *a: None
    w.export_data_dialog("csv")
    w.export_chart_dialog()
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob("*.png")) == []


# --- delete all -----------------------------------------------------------------------------------------------
def _answer_dialog(qtbot, button_name: str, seen: list) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append((box.text(), box.defaultButton().objectName()))
        box.findChild(QPushButton, button_name).click()
    QTimer.singleShot(0, click)


def test_delete_all_asks_first_and_cancel_keeps_everything(qtbot, filled, default_config):
    store, ids = filled
    w = open_window(qtbot, store, default_config)
    seen: list = []
    _answer_dialog(qtbot, "CancelDelete", seen)
    assert w.delete_all_data() is False
    assert seen and "9" in seen[0][0]
    assert seen[0][1] == "CancelDelete"  # Enter keeps the data
    assert store.count() == 9 and w.model.rowCount() == 9


def test_delete_all_confirmed_empties_the_store_and_the_window(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    seen: list = []
    _answer_dialog(qtbot, "ConfirmDelete", seen)
    assert w.delete_all_data() is True
    assert seen
    assert store.count() == 0
    assert w.model.rowCount() == 0 and w.current_meeting is None and w.week_table.rowCount() == 0
    assert w.status.text() == t("review.status.deleted", "fi", n=9)


def test_delete_all_mentions_a_meeting_still_running(qtbot, filled, default_config):
    store, _ = filled
    from store_helpers import run_meeting
    _, first = next(run_meeting(5, 30, "2026-10-22T10:00+02:00"))
    store.start_meeting(first)
    w = open_window(qtbot, store, default_config)
    row = next(r for r in range(w.model.rowCount()) if w.model.meeting(r).state == "running")
    assert w.model.index(row, 6).data() == t("review.state.running", "fi")
    seen: list = []
    _answer_dialog(qtbot, "CancelDelete", seen)
    w.delete_all_data()
    assert t("review.dialog.delete_running", "fi") in seen[0][0]
    assert store.count() == 10


# --- language and accessibility ----------------------------------------------------------------------------------
def test_language_switch_retranslates_the_window(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    chosen = w.current_meeting.id
    w.language_box.setCurrentIndex(2)  # English, as the expert would pick it
    assert w.language == "en"
    assert w.windowTitle() == t("review.window.title", "en")
    assert w.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    assert w.tabs.tabText(1) == t("review.tab.trends", "en")
    assert w.step_table.horizontalHeaderItem(0).text() == t("review.tcol.step", "en")
    assert w.model.index(0, 0).data() == w.model.meeting(0).summary.started_at[:10]
    assert w.current_meeting.id == chosen
    w.set_language("sv")
    assert w.delete_btn.text() == t("review.btn.delete_all", "sv")
    assert w.privacy_label.text() == t("review.privacy.note", "sv")


def test_open_in_swedish(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config, language="sv")
    assert w.language_box.currentData() == "sv"
    assert w.tabs.tabText(0) == t("review.tab.meeting", "sv")


def test_every_control_has_an_accessible_name(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    for widget in (w.from_edit, w.to_edit, w.language_box, w.list_view, w.timeline, w.trends, w.step_table,
                   w.week_table, w.png_btn, w.csv_btn, w.json_btn, w.delete_btn, w.weeks4_btn, w.all_btn):
        assert widget.accessibleName().strip(), widget.objectName() or type(widget).__name__
    assert w.from_label.buddy() is w.from_edit


def test_tab_order_walks_filters_list_chart_table_and_actions(qtbot, filled, default_config):
    store, _ = filled
    w = open_window(qtbot, store, default_config)
    chain, widget = [], w.from_edit
    for _ in range(200):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(w) and widget.isEnabled():
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is w.from_edit:
            break
    wanted = [w.from_edit, w.to_edit, w.weeks4_btn, w.language_box, w.list_view, w.timeline, w.step_table,
              w.png_btn, w.csv_btn, w.json_btn, w.delete_btn]
    positions = [chain.index(x) for x in wanted]
    assert positions == sorted(positions)


def test_window_opening_its_own_store_closes_it(qtbot, default_config, tmp_path):
    w = open_review(config=default_config)  # KOHTAAVA_DESK_DATA_DIR points into tmp_path (conftest)
    qtbot.addWidget(w)
    assert str(w._store.path).startswith(str(tmp_path))
    w.close()
    assert w._store._conn is None
