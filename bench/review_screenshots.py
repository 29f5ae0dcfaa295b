"""Screenshots of the self-review window for docs/: review-meeting.png and review-trends.png.

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python bench/review_screenshots.py [--out docs]
    QT_FONT_DPI=144 xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python bench/review_screenshots.py \
        --fit-screen --suffix=-font150     # a 1.5x desktop font on a 1366 x 768 laptop

Ten weeks of simulated meetings (tests/review_helpers.py, the real Meeting model) and one meeting cut
short by a "crash", in a temporary data folder; nothing of the user's own data is touched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    ap.add_argument("--language", default="fi", choices=("fi", "sv", "en"))
    ap.add_argument("--fit-screen", action="store_true",
                    help="keep the size the window picks for the screen instead of 1280 x 800")
    ap.add_argument("--suffix", default="", help="added to the file names, e.g. -font150")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KOHTAAVA_DESK_DATA_DIR"] = tmp
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])
        from review_helpers import fill_weeks, store_interrupted

        from kohtaava_desk.config import load_config
        from kohtaava_desk.store import MeetingStore, database_path
        from kohtaava_desk.ui.review import open_review

        path = database_path()
        store_interrupted(path, date(2026, 11, 18), stop_after=150)
        store = MeetingStore(path)
        fill_weeks(store, date(2026, 9, 14), weeks=10, per_week=4, seed0=7)
        # The meeting to show: one with nudges and a little overtime, the most telling kind.
        meetings = [m for m in store.list_meetings() if m.state == "ended"]
        pick = max(meetings, key=lambda m: (len(m.summary.nudges) >= 2 and 60 <= m.summary.overtime_s <= 300,
                                            m.summary.started_at))
        window = open_review(store=store, meeting_id=pick.id, language=args.language,
                             config=load_config(env={}).config)
        if not args.fit_screen:
            window.resize(1280, 800)
        args.out.mkdir(parents=True, exist_ok=True)
        for tab, name in ((0, f"review-meeting{args.suffix}.png"), (1, f"review-trends{args.suffix}.png")):
            window.tabs.setCurrentIndex(tab)
            end = time.monotonic() + 0.5
            while time.monotonic() < end:
                app.processEvents()
            target = args.out / name
            if not window.grab().save(str(target), "PNG"):
                print(f"cannot write {target}", file=sys.stderr)
                return 1
            print(f"wrote {target}")
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
