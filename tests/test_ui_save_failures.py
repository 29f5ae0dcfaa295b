"""The widget tells the expert when summaries cannot be saved, and offers to save a meeting's
summary elsewhere when its final save failed (issue 13)."""

from __future__ import annotations

import argparse
import json

from PySide6.QtWidgets import QFileDialog

from ui_helpers import Talker

from kohtaava_desk import paths
from kohtaava_desk.config import load_config
from kohtaava_desk.i18n import t
from kohtaava_desk.store import StoreError
from kohtaava_desk.ui import app as app_module
from kohtaava_desk.app.services import Services
from kohtaava_desk.ui.bridge import WorkerBridge


class FullDiskStore:
    """Starts the meeting, then every write fails as on a full disk."""

    def start_meeting(self, summary):
        return 1

    def save_checkpoint(self, meeting_id, summary):
        raise StoreError("cannot save the meeting checkpoint: database or disk is full")

    def finish(self, meeting_id, summary):
        raise StoreError("cannot save the finished meeting: database or disk is full")

    def close(self):
        pass


class FullDiskServices(Services):
    def __init__(self, config, now):
        super().__init__(config, WorkerBridge(), audio=False, speech=False, store=True, tts=False, now=now)

    def open_store(self):
        self.store = self.store or FullDiskStore()
        return self.store


def test_an_unwritable_data_folder_is_said_in_the_widget_at_start(qtbot, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KOHTAAVA_DESK_DATA_DIR", str(blocker / "data"))
    bridge = WorkerBridge()
    services = Services(load_config(env={}).config, bridge, audio=False, speech=False, tts=False)
    notes = []
    bridge.note.connect(notes.append)
    try:
        with qtbot.waitSignal(bridge.note, timeout=2000):
            services.open_store()
        assert len(notes) == 1 and notes[0].startswith("Yhteenvetoja ei voi tallentaa")
        assert str(blocker) in notes[0]
        services.open_store()  # retried quietly: the same problem is not repeated
        qtbot.wait(50)
        assert len(notes) == 1
    finally:
        services.shutdown()


def test_a_failing_save_is_shown_at_once_and_the_summary_offered_elsewhere(qtbot, clock, tmp_path, no_leaked_threads):
    loaded = app_module.load_effective(None)
    services = FullDiskServices(loaded.config, clock)
    ctx = app_module.build(argparse.Namespace(office=None), services=services, now=clock, with_tray=False)
    qtbot.addWidget(ctx.window)
    try:
        ctx.ui.on_action("toggle")
        Talker(ctx.companion, clock)(25, 0.5)
        ctx.ui.refresh()
        qtbot.waitUntil(lambda: any(n.startswith("Välitallennus epäonnistui") for n in ctx.companion.notes),
                        timeout=2000)
        ctx.ui.on_action("end")
        assert any(n.startswith("Tapaamisen yhteenvetoa ei voitu tallentaa") for n in ctx.companion.notes)
        (dialog,) = [d for d in ctx.dialogs if isinstance(d, QFileDialog)]
        target = tmp_path / "summary.json"
        dialog.fileSelected.emit(str(target))
        assert json.loads(target.read_text())["actual_s"] > 20
        assert t("store.saved_elsewhere", "fi", path=target) in ctx.companion.notes
        ctx.ui.on_action("new_meeting")
        ctx.ui.on_action("toggle")
        clock.advance(30)
        ctx.ui.refresh()
    finally:
        ctx.close()  # quitting mid-meeting with the disk still full: the summary is parked, not lost
    (parked,) = paths.state_dir().glob("unsaved-summary-*.json")
    assert json.loads(parked.read_text())["actual_s"] >= 30


def test_the_settings_enrolment_refuses_a_two_person_recording(qtbot, tmp_path):
    import synth
    from kohtaava_desk.speakers.locations import default_profile_path
    from kohtaava_desk.ui.enrol import EnrolDialog
    from listening_fixtures import two_voice_material

    _, audio, _ = two_voice_material()
    wav = synth.write_wav(tmp_path / "meeting.wav", audio)
    dialog = EnrolDialog("en", start_session=None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.relay.done, timeout=60_000):
        dialog.use_file(wav)
    assert "two different voices" in dialog.problem and "--force" not in dialog.problem
    assert not default_profile_path().exists()
