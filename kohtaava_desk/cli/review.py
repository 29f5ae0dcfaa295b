"""`kohtaava-desk review [--language fi|sv|en] [--meeting ID] [--tab meeting|trends] [--screenshot PNG]`:
open the private self-review window on the stored meeting summaries.

Opens the store without crash recovery: a widget running a meeting at the same time keeps its meeting
'running' (recovery belongs to the widget's start). The office's retention period is applied.
"""

from __future__ import annotations

import argparse
import sys

from .common import add_office_option, effective_config, output_path

LANGUAGES = ("fi", "sv", "en")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = sub.add_parser("review", help="open the private self-review window",
                       description="Open the self-review window: your stored meetings with timeline charts, "
                                   "figures per step, weekly trends and exports. Numbers only; nothing leaves "
                                   "this computer unless you export it.")
    add_office_option(p)
    p.add_argument("--language", choices=LANGUAGES, help="window language (default: ui.language of the config)")
    p.add_argument("--meeting", type=int, metavar="ID", help="select this stored meeting first")
    p.add_argument("--tab", choices=("meeting", "trends"), default="meeting", help="view shown first")
    p.add_argument("--screenshot", type=output_path, metavar="PNG",
                   help="save a picture of the window once it has drawn, then exit (for docs and checks)")
    return p


def run(args: argparse.Namespace) -> int:
    config = effective_config(args).config
    language = args.language or config.ui.language

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ..store import MeetingStore, StoreError, StoreUnavailable
    from ..ui.review import open_review

    try:
        store = MeetingStore()
    except StoreUnavailable as exc:
        print(f"review: {exc}", file=sys.stderr)
        return 1
    try:
        try:
            store.delete_older_than(config.privacy.retention_days)
        except StoreError as exc:
            print(f"review: {exc}", file=sys.stderr)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        window = open_review(store=store, meeting_id=args.meeting, language=language, config=config)
        window.tabs.setCurrentIndex(0 if args.tab == "meeting" else 1)
        if store.notice is not None:
            print(f"review: {store.notice.message('en')}", file=sys.stderr)
        result = {"ok": True}
        if args.screenshot is not None:
            def shoot() -> None:
                result["ok"] = window.grab().save(str(args.screenshot), "PNG")
                if not result["ok"]:
                    print(f"review: cannot write {args.screenshot}", file=sys.stderr)
                window.close()
                app.quit()
            QTimer.singleShot(400, shoot)
        app.exec()
        return 0 if result["ok"] else 1
    finally:
        store.close()
