"""The real app under a real X server, for test_ui_focus_x11: no microphone, model or database.

Every 100 ms it writes what the test needs to see (meeting state, step, length, where the buttons are on
screen) to the JSON file named in argv[1].
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer

from kohtaava_desk.config import load_config
from kohtaava_desk.ui import app as app_module
from kohtaava_desk.app.services import Services
from kohtaava_desk.ui.bridge import WorkerBridge

out = Path(sys.argv[1])
config = load_config(None, None, env={}).config
ctx = app_module.build(None, services=Services(config, WorkerBridge(), audio=False, speech=False, store=False, tts=False),
                       with_tray=False)


def centre(widget) -> list[int]:
    p = widget.mapToGlobal(QPoint(widget.width() // 2, widget.height() // 2))
    return [p.x(), p.y()]


def report() -> None:
    w = ctx.window
    dialog = getattr(w, "length_dialog", None)
    try:
        dialog_open = dialog is not None and dialog.isVisible()
    except RuntimeError:  # deleted on close
        dialog_open = False
    card = w.privacy_card
    try:
        card_open = card is not None and card.isVisible()
    except RuntimeError:
        card_open = False
    state = {"pid": os.getpid(), "card_open": card_open, "state": ctx.companion.state.value, "step": ctx.companion.meeting.step.value,
             "announced_min": ctx.companion.meeting.announced_s / 60, "window_id": int(w.winId()),
             "buttons": {n: centre(b) for n, b in w.buttons.items()}, "time_button": centre(w.time_button),
             "hotkeys": [[r.action, r.text, r.status] for r in ctx.hotkeys.registrations] if ctx.hotkeys else [],
             "hotkey_reason": ctx.hotkeys.reason if ctx.hotkeys else "not yet", "dialog_open": dialog_open}
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(state))
    tmp.replace(out)


timer = QTimer()
timer.timeout.connect(report)
timer.start(100)
report()
sys.exit(ctx.app.exec())
