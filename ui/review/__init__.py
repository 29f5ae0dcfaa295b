"""The expert's private self-review window. `open_review` is the one entry point the widget and the CLI use."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kohtaava_desk.config.schema import Config
    from kohtaava_desk.store import MeetingStore


def open_review(parent: QWidget | None = None, store: MeetingStore | None = None, meeting_id: int | None = None,
                language: str = "fi", *, config: Config | None = None) -> QWidget:
    """Show the review window and return it (keep a reference while it is open).

    `store`: the app's open MeetingStore; None opens the user's database, which the window then closes
    when it is closed. `meeting_id` is selected first (e.g. the meeting that just ended). `config` gives
    the steps' target zones; None loads the effective office configuration. Needs a QApplication.
    """
    from PySide6.QtWidgets import QApplication

    from kohtaava_desk import paths
    from kohtaava_desk.config import load_config
    from kohtaava_desk.store import MeetingStore

    from .window import ReviewWindow

    if QApplication.instance() is None:
        raise RuntimeError("open_review needs a running QApplication; create one first")
    if config is None:
        config = load_config(None, paths.personal_config_file()).config
    owns = store is None
    if store is None:
        store = MeetingStore()
    window = ReviewWindow(store, config, language, meeting_id, owns_store=owns, parent=parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


__all__ = ["open_review"]
