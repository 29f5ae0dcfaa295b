"""`kohtaava-desk enroll` from the microphone: the reading text is shown, audio is gathered in memory through
the real live session (on the simulated sound card) and only the voice profile is written."""

from __future__ import annotations

import argparse
import io
import json
import threading

import numpy as np
import pytest

from kohtaava_desk.audio.simulated import SimulatedDevice, SimulatedDeviceLayer
from kohtaava_desk.cli import enroll
from synth import EXPERT_LINES, Voice, speak

# Each test runs the real live session's threads (the guard lives in conftest.py).
pytestmark = pytest.mark.usefixtures("no_leaked_threads")


def _args(tmp_path, seconds=12):
    return argparse.Namespace(from_file=None, output=tmp_path / "profile.json", seconds=seconds, lang="en")


def _pump(layer, seconds, stop):
    def run():
        played = 0.0
        while played < seconds and not stop.is_set():
            if layer.streams:
                layer.pump(0.5)
                played += 0.5
            stop.wait(0.01)
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


@pytest.fixture(scope="module")
def speech48():
    x = np.concatenate([speak(line, Voice("m3")) for line in EXPERT_LINES[:6]])
    # synth gives 16 kHz float; the simulated microphone plays at 48 kHz
    return np.repeat(x.astype(np.float32), 3)


def test_enrolment_from_microphone_saves_only_the_profile(tmp_path, speech48):
    layer = SimulatedDeviceLayer([SimulatedDevice("Desk mic", is_default=True)],
                                 signal=lambda t, ch: np.repeat(speech48[np.round(t * 48_000).astype(np.int64) % len(speech48)][:, None], ch, axis=1))
    out, err = io.StringIO(), io.StringIO()
    stop = threading.Event()
    pump = _pump(layer, 60, stop)
    try:
        code = enroll.run(_args(tmp_path), out=out, err=err, layer=layer)
    finally:
        stop.set()
        pump.join(2)
    assert code == 0, err.getvalue()
    assert "Read the text below aloud" in out.getvalue()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["profile.json"]
    data = json.loads((tmp_path / "profile.json").read_text())
    assert len(data["embedding"]) == 256


def test_no_microphone_gives_a_clear_error_quickly(tmp_path):
    layer = SimulatedDeviceLayer([])
    out, err = io.StringIO(), io.StringIO()
    code = enroll.run(_args(tmp_path), out=out, err=err, layer=layer)
    assert code == 2
    assert "Only 0 s of audio came from the microphone" in err.getvalue()
    assert "microphone" in err.getvalue().split(":", 1)[1].lower()  # says why, not just "stopped"
    assert not (tmp_path / "profile.json").exists()
