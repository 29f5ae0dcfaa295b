"""Voice enrolment from the settings: reading from the microphone (a fake session here) or a file;
only the profile is saved; the audio is dropped; no thread is left behind."""

from __future__ import annotations

import threading

import numpy as np
import pytest

import ui_helpers  # noqa: F401  (offscreen Qt before any widget is made)

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.i18n import t
from kohtaava_desk.ui.enrol import MAX_S, TARGET_S, BlockCollector, EnrolDialog


class FakeSession:
    """Delivers 0.1 s blocks of a tone as fast as it can until stopped."""

    def __init__(self, collector, on_status):
        self.collector = collector
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._run)
        self.thread.start()

    def _run(self):
        t = 0.0
        while not self._stop.is_set():
            self.collector.feed(AudioBlock(t, np.full(1600, 1000, np.int16)))
            t += 0.1
            self._stop.wait(0.001)

    def stop(self, timeout=2.0):
        self._stop.set()
        self.thread.join(timeout)
        return True


def test_collector_is_bounded():
    c = BlockCollector(max_s=1.0)
    for i in range(50):
        c.feed(AudioBlock(i * 0.1, np.zeros(1600, np.int16)))
    assert c.seconds == pytest.approx(1.0)
    assert len(c.take()) == 10 and c.seconds == 0 and c.blocks == []


def test_reading_from_the_microphone_builds_a_profile(qtbot, no_leaked_threads):
    got = []
    dialog = EnrolDialog("fi", start_session=FakeSession, make_profile=lambda blocks: got.append(len(blocks)))
    qtbot.addWidget(dialog)
    dialog.record.click()
    qtbot.waitUntil(lambda: dialog.problem is None, timeout=10_000)
    assert got and got[0] >= TARGET_S * 10 and got[0] <= MAX_S * 10
    assert dialog.status.text() == t("settings.enrol_done", "fi")
    assert dialog._collector.blocks == []
    dialog.close()


def test_a_failed_enrolment_says_why(qtbot, no_leaked_threads):
    def too_short(blocks):
        raise ValueError("only 3.0 s of speech")
    dialog = EnrolDialog("en", start_session=None, make_profile=too_short,
                         read_file=lambda path: [AudioBlock(0.0, np.zeros(1600, np.int16))])
    qtbot.addWidget(dialog)
    assert not dialog.record.isEnabled()  # no microphone in this installation
    dialog.use_file(__import__("pathlib").Path("x.wav"))
    qtbot.waitUntil(lambda: dialog.problem not in (None, "cancelled"), timeout=10_000)
    assert dialog.status.text() == t("settings.enrol_failed", "en", reason="only 3.0 s of speech")
    dialog.close()


def test_enrolment_from_a_real_recording_saves_only_the_profile(qtbot, tmp_path, no_leaked_threads):
    synth = pytest.importorskip("synth")
    from kohtaava_desk.speakers.locations import default_profile_path
    from kohtaava_desk.speakers.enrolment_text import enrolment_text
    voice = synth.trim(synth.speak(enrolment_text("fi"), synth.Voice("m3", 45, 150)))
    wav = tmp_path / "voice.wav"
    synth.write_wav(wav, 0.25 * voice / (np.sqrt(np.mean(voice ** 2)) + 1e-9))
    dialog = EnrolDialog("fi", start_session=None)
    qtbot.addWidget(dialog)
    dialog.use_file(wav)
    qtbot.waitUntil(lambda: dialog.problem != "cancelled", timeout=60_000)
    assert dialog.problem is None, dialog.problem
    profile = default_profile_path()
    assert profile.exists() and profile.suffix == ".json"
    assert profile.is_relative_to(tmp_path / "data")  # the test's own data folder, never the user's
    assert list(tmp_path.glob("data/**/*.wav")) == []
    dialog.close()
