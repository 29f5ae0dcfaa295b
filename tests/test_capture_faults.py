"""Capture, device choice and the microphone watchdog against a simulated sound system.

No threads here: the watchdog is polled by hand and the simulated layer plays
PortAudio's callback thread, both on a manual clock (see test_live_session.py for
the same faults through the threaded session).
"""

from __future__ import annotations

import argparse
import importlib.abc
import io
import json
import sys

import numpy as np
import pytest

from kohtaava_desk.audio.blocks import SAMPLE_RATE
from kohtaava_desk.audio.capture import Capture, CaptureSettings, ChunkConverter, RawChunk, capture_settings_from
from kohtaava_desk.audio.devices import (
    AudioDeviceError,
    AudioUnavailable,
    InputDevice,
    SoundDeviceLayer,
    choose_device,
    pick_rate,
)
from kohtaava_desk.audio.simulated import ManualClock, SimulatedDevice, SimulatedDeviceLayer, tone
from kohtaava_desk.audio.watchdog import MicrophoneWatchdog, WatchdogSettings
from kohtaava_desk.cli import devices as devices_cli


def mic(name: str = "Kannettavan mikrofoni", **kw) -> SimulatedDevice:
    kw.setdefault("is_default", True)
    return SimulatedDevice(name, **kw)


def watchdog(layer: SimulatedDeviceLayer, **capture) -> MicrophoneWatchdog:
    return MicrophoneWatchdog(CaptureSettings(**capture), WatchdogSettings(), layer=layer, now=layer.clock)


def drain(cap: Capture) -> list[RawChunk]:
    out = []
    while (c := cap.get_nowait()) is not None:
        out.append(c)
    return out


# --- the callback: copy, count, never raise ----------------------------------------------------


def test_callback_only_copies_and_stamps():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    [event] = wd.poll()
    assert event.kind == "opened" and event.reason == "listening"
    cap = wd.capture
    buf = np.full((4800, 1), 0.25, np.float32)
    layer.clock.advance(0.1)
    layer.streams[0].callback(buf, False)
    buf[:] = 0.9  # PortAudio reuses its buffer: the queued chunk must not change
    [chunk] = drain(cap)
    assert np.all(chunk.frames == 0.25)
    assert chunk.offset == 0 and chunk.stamp == layer.clock()


def test_full_queue_drops_and_counts_instead_of_blocking():
    layer = SimulatedDeviceLayer([mic()])
    wd = MicrophoneWatchdog(CaptureSettings(queue_seconds=0.3), layer=layer, now=layer.clock)
    wd.poll()
    calls = layer.pump(1.0)  # nobody consumes: 3 chunks fit, 7 are dropped
    cap = wd.capture
    assert calls == 10
    assert cap.dropped_chunks == 7 and cap.dropped_frames == 7 * 4800
    chunks = drain(cap)
    assert [c.offset for c in chunks] == [0, 4800, 9600]
    layer.pump(0.1)
    assert drain(cap)[0].offset == 48_000  # dropped frames still count, so the hole is visible


def test_overflow_flags_are_counted():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    wd.poll()
    layer.overflow()
    layer.pump(0.3)
    assert wd.capture.overflows == 1 and wd.capture.callbacks == 3


def test_a_bad_buffer_in_the_callback_is_swallowed_and_counted():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    wd.poll()
    layer.streams[0].callback(None, False)  # would raise TypeError inside
    assert wd.capture.callback_errors == 1
    layer.pump(0.1)
    assert len(drain(wd.capture)) == 1  # and the stream keeps working


# --- conversion to 16 kHz blocks on the session clock -----------------------------------------------


def test_converter_anchors_time_on_the_first_callback_and_counts_frames_after():
    conv = ChunkConverter(48_000, 1, two_channel=False)
    signal = tone(440.0, 0.5)
    blocks = []
    for i in range(20):
        frames = signal((i * 4800 + np.arange(4800)) / 48_000, 1)
        # the stream began at session time 3.0; each callback comes as its 0.1 s chunk ends
        blocks += conv.convert(RawChunk(frames, i * 4800, 0.0), 3.0 + (i + 1) * 0.1 + 0.003 * (i % 3))
    blocks += conv.flush()
    assert blocks[0].t0 == pytest.approx(3.0)  # jitter in later stamps does not move anything
    for a, b in zip(blocks, blocks[1:]):
        assert b.t0 == pytest.approx(a.t1)
    y = np.concatenate([b.samples for b in blocks]) / 32768
    assert len(y) == 2 * SAMPLE_RATE
    ideal = 0.5 * np.sin(2 * np.pi * 440.0 * np.arange(len(y)) / SAMPLE_RATE)
    assert np.max(np.abs(y[400:-400] - ideal[400:-400])) < 2e-3


def test_converter_skips_dropped_frames_on_the_timeline():
    conv = ChunkConverter(48_000, 1, two_channel=False)
    z = np.zeros((4800, 1), np.float32)
    first = conv.convert(RawChunk(z, 0, 0.0), 0.1)
    later = conv.convert(RawChunk(z, 5 * 4800, 0.0), 0.7)  # 4 chunks never reached the queue
    assert first[0].t0 == pytest.approx(0.0)
    tail, resumed = later
    assert tail.t0 == pytest.approx(first[-1].t1)
    assert tail.t1 == pytest.approx(0.1)  # the audio before the hole is flushed in full
    assert resumed.t0 == pytest.approx(0.5)  # and the audio after it sits where it was captured


def test_converter_never_overlaps_an_earlier_stream():
    conv = ChunkConverter(16_000, 1, two_channel=False, not_before=5.0)
    [b] = conv.convert(RawChunk(np.zeros((1600, 1), np.float32), 0, 0.0), 4.95)
    assert b.t0 == pytest.approx(5.0)


def test_converter_two_channel_blocks():
    conv = ChunkConverter(16_000, 2, two_channel=True)
    frames = np.stack([np.full(1600, 0.5), np.full(1600, -0.25)], axis=1).astype(np.float32)
    [b] = conv.convert(RawChunk(frames, 0, 0.0), 0.1)
    assert b.samples.shape == (1600, 2)
    assert b.samples[0].tolist() == [16384, -8192]


# --- choosing the device and its rate ---------------------------------------------------------------


def dev(index, name, api="ALSA", channels=2, rate=48000.0, default=False) -> InputDevice:
    return InputDevice(index, name, api, channels, rate, default)


LISTED = [
    dev(0, "Microsoft Sound Mapper - Input", "MME", default=True),
    dev(1, "Mikrofoni (Realtek(R) Audio)", "MME"),
    dev(2, "Kuulokemikrofoni (Jabra Evolve2", "MME", rate=44100.0),
    dev(5, "Kuulokemikrofoni (Jabra Evolve2 65)", "Windows WASAPI", rate=16000.0),
    dev(7, "Mikrofoni (Realtek(R) Audio)", "Windows WASAPI"),
]


def test_choose_by_exact_name_prefers_the_default_devices_host_api():
    c = choose_device(LISTED, "mikrofoni (realtek(r) audio)")
    assert c.device.index == 1 and c.how == "name" and c.wanted is None


def test_choose_by_name_honours_a_configured_host_api():
    assert choose_device(LISTED, "Mikrofoni (Realtek(R) Audio)", host_api="Windows WASAPI").device.index == 7


def test_choose_finds_a_remembered_full_name_in_mmes_31_character_cut():
    c = choose_device([d for d in LISTED if d.host_api == "MME"], "Kuulokemikrofoni (Jabra Evolve2 65)")
    assert c.device.index == 2 and c.how == "name"


def test_choose_by_part_of_the_name():
    assert choose_device(LISTED, "jabra", host_api="Windows WASAPI").device.index == 5


def test_missing_name_falls_back_to_index_then_default_and_says_so():
    c = choose_device(LISTED, "Logitech USB", index=7)
    assert (c.device.index, c.how, c.wanted) == (7, "index", "Logitech USB")
    c = choose_device(LISTED, "Logitech USB", index=99)
    assert (c.device.index, c.how, c.wanted) == (0, "default", "Logitech USB")
    c = choose_device([d for d in LISTED if not d.is_default], None)
    assert (c.device.index, c.how, c.wanted) == (1, "first", None)
    assert choose_device([], "x") is None


def test_capture_settings_from_the_audio_config(default_config):
    s = capture_settings_from(default_config.audio)
    assert s.device is None and s.device_index is None and s.two_channel is False

    class Audio:
        device, device_index, two_channel = " Jabra ", 3, True

    assert capture_settings_from(Audio()) == CaptureSettings(device="Jabra", device_index=3, two_channel=True)


def test_settings_copied_straight_from_the_config_mean_the_default_microphone():
    layer = SimulatedDeviceLayer([mic("Ulkoinen", is_default=False), mic("Sisäinen")])
    wd = watchdog(layer, device="", device_index=-1)
    [e] = wd.poll()
    assert (e.reason, e.device) == ("listening", "Sisäinen")


def test_rate_prefers_the_devices_own_default_then_common_rates():
    layer = SimulatedDeviceLayer([mic(default_rate=44_100, rates=(44_100, 48_000))])
    [d] = layer.list_inputs()
    assert pick_rate(layer, d, 1) == 44_100
    layer = SimulatedDeviceLayer([mic(default_rate=96_000, rates=(16_000,))])
    [d] = layer.list_inputs()
    assert pick_rate(layer, d, 1) == 16_000
    layer = SimulatedDeviceLayer([mic(rates=(12_345,))])
    [d] = layer.list_inputs()
    with pytest.raises(AudioDeviceError, match="no usable sample rate"):
        pick_rate(layer, d, 1)


# --- the watchdog ----------------------------------------------------------------------------------


def test_no_microphone_at_start_retries_with_backoff_and_rescans_until_one_appears():
    layer = SimulatedDeviceLayer([])
    wd = watchdog(layer)
    clock = layer.clock
    start = clock()
    attempts = []
    for _ in range(200):  # 20 s in 0.1 s steps
        for e in wd.poll():
            assert (e.kind, e.reason) == ("failed", "no_device")
            attempts.append(round(clock() - start, 1))
        clock.advance(0.1)
    gaps = [round(b - a, 1) for a, b in zip(attempts, attempts[1:])]
    assert gaps[:5] == [0.5, 1.0, 2.0, 4.0, 5.0]
    assert set(gaps[4:]) == {5.0}  # capped: a plugged microphone is found within 5 s
    assert layer.reinit_count == len(attempts) - 1  # every retry re-scans; the first uses the fresh init
    layer.plug(mic())
    events = []
    for _ in range(60):
        events += wd.poll()
        clock.advance(0.1)
        if wd.capture:
            break
    assert events[-1].kind == "opened" and wd.capture is not None


def test_unplugged_microphone_that_goes_quiet_is_noticed_after_two_seconds():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    wd.poll()
    layer.pump(1.0)
    assert wd.poll() == []
    layer.unplug("Kannettavan mikrofoni")  # stream still "active", callbacks just stop
    assert layer.streams[0].active
    layer.pump(1.9)
    assert wd.poll() == []
    layer.pump(0.2)
    [event] = wd.poll()
    assert (event.kind, event.reason, event.device) == ("lost", "stalled", "Kannettavan mikrofoni")


def test_stream_stopped_by_the_system_is_noticed_at_once():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    wd.poll()
    layer.pump(0.5)
    layer.unplug("Kannettavan mikrofoni", stops_stream=True)
    [event] = wd.poll()
    assert (event.kind, event.reason) == ("lost", "stream_stopped")


def test_a_stream_that_never_delivers_counts_as_stalled():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    wd.poll()
    layer.clock.advance(2.1)
    assert [e.reason for e in wd.poll()] == ["stalled"]


def test_replugged_microphone_is_reopened_after_a_rescan():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer, device="Kannettavan mikrofoni")
    wd.poll()
    layer.pump(0.5)
    layer.stall()
    layer.pump(2.5)
    [lost] = wd.poll()
    wd.close()
    assert lost.kind == "lost" and layer.streams == []
    layer.clock.advance(0.5)
    [back] = wd.poll()
    assert (back.kind, back.reason) == ("opened", "listening")
    assert layer.reinit_count == 1 and layer.open_count == 2
    layer.pump(0.3)
    assert len(drain(wd.capture)) == 3


def test_backoff_starts_afresh_once_audio_flows_again():
    layer = SimulatedDeviceLayer([mic()])
    wd = watchdog(layer)
    clock = layer.clock

    def lose_and_fail_twice() -> list[float]:
        layer.pump(1.0)
        layer.unplug("Kannettavan mikrofoni")
        layer.pump(2.5)
        [lost] = wd.poll()
        wd.close()
        pauses = [wd.retry_at - clock()]
        for _ in range(2):
            clock.advance(wd.retry_at - clock())
            [failed] = wd.poll()
            assert failed.reason == "no_device"
            pauses.append(wd.retry_at - clock())
        layer.plug(mic())
        clock.advance(wd.retry_at - clock())
        [opened] = wd.poll()
        assert opened.kind == "opened"
        return pauses

    wd.poll()
    assert lose_and_fail_twice() == pytest.approx([0.5, 1.0, 2.0])
    layer.pump(0.2)
    wd.poll()  # audio flowed: the pauses start small again rather than at 4 s
    assert lose_and_fail_twice() == pytest.approx([0.5, 1.0, 2.0])


def test_configured_microphone_missing_uses_the_default_and_says_which_was_wanted():
    layer = SimulatedDeviceLayer([mic("Sisäinen mikrofoni")])
    wd = watchdog(layer, device="Jabra Evolve2 65")
    [e] = wd.poll()
    assert (e.kind, e.reason, e.device, e.detail) == ("opened", "listening_fallback", "Sisäinen mikrofoni",
                                                      "Jabra Evolve2 65")


def test_two_channel_mode_on_a_mono_microphone_keeps_retrying_with_a_reason():
    layer = SimulatedDeviceLayer([mic(channels=1)])
    wd = watchdog(layer, two_channel=True)
    [e] = wd.poll()
    assert (e.kind, e.reason, e.device) == ("failed", "needs_two_channels", "Kannettavan mikrofoni")
    assert wd.capture is None


def test_open_failure_leaves_no_stream_behind():
    layer = SimulatedDeviceLayer([mic()])
    layer.fail_start = True
    wd = watchdog(layer)
    [e] = wd.poll()
    assert (e.kind, e.reason) == ("failed", "open_failed") and "simulated start failure" in e.detail
    assert layer.streams == [] and wd.capture is None


class _NoPortAudio(importlib.abc.MetaPathFinder):
    """Makes `import sounddevice` fail the way it does when libportaudio is absent."""

    def find_spec(self, name, path=None, target=None):
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return None


@pytest.fixture
def no_portaudio(monkeypatch):
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    finder = _NoPortAudio()
    sys.meta_path.insert(0, finder)
    yield
    sys.meta_path.remove(finder)


def test_missing_portaudio_is_a_retrying_state_with_the_package_to_install(no_portaudio):
    wd = MicrophoneWatchdog(now=ManualClock())
    [e] = wd.poll()
    assert (e.kind, e.reason) == ("failed", "portaudio_missing")
    with pytest.raises(AudioUnavailable) as info:
        SoundDeviceLayer()
    assert "libportaudio2" in info.value.text("fi") and "libportaudio2" in info.value.text("en")


# --- `kohtaava-desk devices` ----------------------------------------------------------------------


def run_cli(layer=None, settings=CaptureSettings(), **kw) -> tuple[int, str]:
    out = io.StringIO()
    args = argparse.Namespace(json=kw.get("json", False), lang=kw.get("lang"))
    return devices_cli.run(args, layer=layer, settings=settings, out=out), out.getvalue()


def test_devices_lists_inputs_and_marks_the_configured_one():
    layer = SimulatedDeviceLayer([mic("Sisäinen mikrofoni", default_rate=44_100), mic("USB Jabra", is_default=False,
                                                                                   channels=2, host_api="ALSA")])
    rc, out = run_cli(layer, CaptureSettings(device="jabra"), lang="en")
    assert rc == 0
    lines = out.splitlines()
    assert any(line.startswith(" *0") and "Sisäinen mikrofoni" in line and "44100 Hz" in line for line in lines)
    assert any(line.startswith("> 1") and "USB Jabra" in line and "ALSA" in line for line in lines)
    assert "the microphone your settings select: USB Jabra" in out


def test_devices_json():
    layer = SimulatedDeviceLayer([mic()])
    rc, out = run_cli(layer, json=True)
    doc = json.loads(out)
    assert rc == 0 and doc["selected"] == 0
    assert doc["devices"] == [{"index": 0, "name": "Kannettavan mikrofoni", "host_api": "Simulated", "channels": 1,
                               "default_rate": 48000, "default": True}]


def test_devices_with_nothing_plugged_in():
    rc, out = run_cli(SimulatedDeviceLayer([]))
    assert rc == 1 and out.strip() == "Äänen syöttölaitteita ei löytynyt. Kytke mikrofoni ja yritä uudelleen."
    rc, out = run_cli(SimulatedDeviceLayer([]), lang="sv")
    assert "Inga ljudingångar hittades" in out


def test_devices_without_portaudio_names_the_package(no_portaudio):
    rc, out = run_cli(None)
    assert rc == 1 and "PortAudio" in out and "libportaudio2" in out and "Traceback" not in out


def test_devices_on_this_machine_answers_without_a_traceback(capsys):
    # The real PortAudio layer (or its absence): CI machines have no sound card.
    rc = devices_cli.run(argparse.Namespace(json=False, lang="en"))
    out = capsys.readouterr().out
    assert out.strip()
    if rc == 1:
        assert "No input devices found" in out or "libportaudio2" in out
    else:
        assert "Audio input devices:" in out


@pytest.mark.slow
def test_the_audio_modules_import_without_touching_portaudio():
    import subprocess

    code = (
        "import sys\n"
        "import kohtaava_desk.audio.capture, kohtaava_desk.audio.devices, kohtaava_desk.audio.watchdog\n"
        "import kohtaava_desk.audio.wavfile, kohtaava_desk.audio.resample, kohtaava_desk.audio.simulated\n"
        "import kohtaava_desk.listening.live, kohtaava_desk.cli.devices\n"
        "sys.exit(1 if 'sounddevice' in sys.modules or 'scipy' in sys.modules else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr


_REAL_LAYER_SCRIPT = r"""
import json, threading, time
from kohtaava_desk.audio.capture import CaptureSettings
from kohtaava_desk.audio.devices import SoundDeviceLayer
from kohtaava_desk.listening.live import LiveSession

layer = SoundDeviceLayer()
listed = [d.name for d in layer.list_inputs()]

class Pipeline:
    blocks = 0
    def feed(self, block):
        Pipeline.blocks += 1
        return []
    def finish(self):
        return []

statuses = []
session = LiveSession(Pipeline(), lambda events: None, statuses.append, layer=layer,
                      capture=CaptureSettings(device="kohtaava_fake_mic"))
session.start()
deadline = time.monotonic() + 5
while Pipeline.blocks < 20 and time.monotonic() < deadline:
    time.sleep(0.01)
stopped = session.stop()
layer.reinitialize()  # Pa_Terminate + Pa_Initialize, as the watchdog does before reopening
print(json.dumps({"listed": listed, "blocks": Pipeline.blocks, "stopped": stopped,
                  "statuses": [s.reason for s in statuses], "counters": session.counters(),
                  "after_reinit": [d.name for d in layer.list_inputs()], "threads": threading.active_count()}))
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="uses ALSA's null device as a stand-in microphone")
def test_the_real_portaudio_layer_end_to_end_on_alsas_null_device(tmp_path):
    """Real PortAudio: list, choose by name, check rate, open, callbacks, close, re-initialise.

    ALSA's null device is not paced (it delivers silence as fast as it is read), so the
    bounded queue overflows at once: the callback must drop and count, never block.
    Needs the system package libportaudio2.
    """
    import subprocess

    (tmp_path / ".asoundrc").write_text(
        'pcm.kohtaava_fake_mic {\n    type null\n    hint { show on description "test microphone" }\n}\n'
    )
    env = {**__import__("os").environ, "HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-c", _REAL_LAYER_SCRIPT], capture_output=True, text=True,
                         timeout=60, env=env)
    assert res.returncode == 0, "needs libportaudio2 (apt-get install libportaudio2)\n" + res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert "kohtaava_fake_mic" in out["listed"] and "kohtaava_fake_mic" in out["after_reinit"]
    assert out["statuses"] == ["starting", "listening", "stopped"]
    assert out["stopped"] is True and out["threads"] == 1
    assert out["blocks"] >= 20
    c = out["counters"]
    assert c["callback_errors"] == 0 and c["dropped_chunks"] > 0 and c["callbacks"] > c["dropped_chunks"]


def test_an_unexpected_driver_error_is_a_retry_not_a_crash():
    layer = SimulatedDeviceLayer([mic()])

    def broken(*args, **kwargs):
        raise KeyError("driver surprise")

    layer.open_input = broken
    wd = watchdog(layer)
    [e] = wd.poll()
    assert (e.kind, e.reason, e.detail) == ("failed", "open_failed", "KeyError")
    assert wd.retry_at == pytest.approx(layer.clock() + 0.5)
