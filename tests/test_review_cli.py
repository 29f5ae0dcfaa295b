"""`kohtaava-desk review`: parser, Qt imported only when run, a screenshot run on stored data, retention,
and a clean exit after heavy use (PySide6 6.12 has reference-count bugs that show at interpreter exit)."""

from __future__ import annotations

import pytest

import argparse
import os
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QImage
from review_helpers import fill_weeks

from kohtaava_desk.cli import review
from kohtaava_desk.store import MeetingStore

ROOT = Path(__file__).resolve().parents[1]
RUNNER = textwrap.dedent("""
    import argparse, sys
    from kohtaava_desk.cli import review
    parser = argparse.ArgumentParser(prog="kohtaava-desk")
    sub = parser.add_subparsers(dest="command")
    review.add_parser(sub)
    sys.exit(review.run(parser.parse_args(sys.argv[1:])))
""")


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "KOHTAAVA_DESK_DATA_DIR": str(tmp_path / "data"),
                "KOHTAAVA_DESK_CONFIG_DIR": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)})
    env.pop("KOHTAAVA_DESK_OFFICE", None)
    return env


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    review.add_parser(sub)
    return parser


def test_parser_options():
    args = _parser().parse_args(["review", "--language", "sv", "--meeting", "7", "--tab", "trends",
                                 "--screenshot", "x.png"])
    assert (args.language, args.meeting, args.tab, args.screenshot) == ("sv", 7, "trends", Path("x.png"))
    defaults = _parser().parse_args(["review"])
    assert defaults.language is None and defaults.tab == "meeting" and defaults.screenshot is None


@pytest.mark.slow
def test_importing_the_command_does_not_import_qt(tmp_path):
    code = "import sys, kohtaava_desk.cli.review; print('PySide6' in sys.modules)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path),
                         timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "False"


@pytest.mark.slow
def test_screenshot_run_on_stored_meetings_applies_retention(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    recent = date.today() - timedelta(days=20)
    with MeetingStore(data / "meetings.sqlite3") as store:
        kept = fill_weeks(store, recent - timedelta(days=recent.weekday()), weeks=1, per_week=3)
        old = fill_weeks(store, date(2020, 1, 6), weeks=1, per_week=1)  # far past the 180-day default
    shot = tmp_path / "review.png"
    res = subprocess.run([sys.executable, "-c", RUNNER, "review", "--language", "en", "--tab", "trends",
                          "--screenshot", str(shot)], capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert QImage(str(shot)).width() >= 760  # the window fits the (800-pixel offscreen) screen
    with MeetingStore(data / "meetings.sqlite3") as store:
        ids = {m.id for m in store.list_meetings()}
    assert ids == set(kept) and not ids & set(old)


@pytest.mark.slow
def test_screenshot_run_on_an_empty_data_folder(tmp_path):
    shot = tmp_path / "empty.png"
    res = subprocess.run([sys.executable, "-c", RUNNER, "review", "--screenshot", str(shot)], capture_output=True,
                         text=True, env=_env(tmp_path), timeout=120)
    assert res.returncode == 0, res.stderr[-3000:]
    assert shot.exists()


@pytest.mark.slow
def test_heavy_use_then_exit_without_closing_is_clean(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT / 'tests')!r})
        from datetime import date
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from review_helpers import fill_weeks
        from kohtaava_desk.config import load_config
        from kohtaava_desk.store import MeetingStore
        from kohtaava_desk.ui.review import open_review
        store = MeetingStore({str(tmp_path / 'm.sqlite3')!r})
        fill_weeks(store, date(2026, 10, 5), 4, 4, distinct=4)
        w = open_review(store=store, config=load_config(env={{}}).config)
        for i in range(120):
            w.list_view.selectRow(i % 16)
            w.timeline.grab()
            if i % 20 == 0:
                w.set_language(("fi", "sv", "en")[i // 20 % 3])
                w.tabs.setCurrentIndex(1); w.trends.grab(); w.tabs.setCurrentIndex(0)
            app.processEvents()
        print("done")
    """)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(tmp_path), timeout=180)
    assert res.returncode == 0, res.stderr[-3000:]
    assert res.stdout.strip() == "done"
