"""When a meeting's final save failed: offer to save its summary (numbers only) somewhere else.

Non-modal, so nothing waits on the expert; the figures stay in the recorder until saved or replaced
by the next meeting.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from kohtaava_desk.i18n import t

log = logging.getLogger(__name__)


def offer_save_elsewhere(recorder, lang: str, notify, parent: QWidget | None = None) -> QFileDialog | None:
    """Open a save dialog if ``recorder.unsaved`` holds a summary; ``notify(text)`` reports the outcome."""
    if recorder is None or getattr(recorder, "unsaved", None) is None:
        return None
    dialog = QFileDialog(parent, t("store.save_elsewhere_title", lang),
                         str(Path.home() / f"kohtaava-summary-{date.today().isoformat()}.json"), "JSON (*.json)")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("json")

    def save(path: str) -> None:
        try:
            notify(t("store.saved_elsewhere", lang, path=recorder.save_elsewhere(path)))
        except (OSError, ValueError) as exc:
            notify(t("store.final_failed", lang, error=getattr(exc, "strerror", None) or exc))

    dialog.fileSelected.connect(save)
    dialog.open()
    return dialog
