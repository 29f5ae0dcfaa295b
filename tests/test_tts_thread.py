"""Spoken cues: the TTS thread with pyttsx3 on espeak-ng (headless: into files or a fake player)."""

from __future__ import annotations

import sys
import threading
import time
import wave
from types import SimpleNamespace

import numpy as np
import pytest

from kohtaava_desk.spoken.tts import SpokenCues, TtsSettings, pyttsx3_engine
from kohtaava_desk.spoken.voices import choose_voice, speaks

THREAD_NAME = "kohtaava-tts"
ON = TtsSettings(enabled=True)


@pytest.fixture(autouse=True)
def no_leaked_tts_threads():
    yield
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and any(t.name == THREAD_NAME for t in threading.enumerate()):
        time.sleep(0.01)
    assert not [t for t in threading.enumerate() if t.name == THREAD_NAME], "TTS thread leaked"


class Events(list):
    def kinds(self) -> list[str]:
        return [e.kind for e in self]


class FakePlayer:
    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.played: list[tuple[np.ndarray, int]] = []
        self.started = threading.Event()

    def __call__(self, pcm: np.ndarray, rate: int) -> None:
        self.started.set()
        if self.gate is not None:
            self.gate.wait(10)
        self.played.append((pcm, rate))


def read_wav(path) -> tuple[np.ndarray, int, int, int]:
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return pcm, w.getframerate(), w.getnchannels(), w.getsampwidth()


# ---- voice choice --------------------------------------------------------------------------------


def V(id, languages=(), name=""):
    return SimpleNamespace(id=id, languages=list(languages), name=name or id)


def test_language_matches_whole_tokens_only():
    assert speaks(V("urj/fi", ["fi"]), "fi")
    assert speaks(V("x", ["fi_FI"]), "fi") and speaks(V("x", ["fi-fi"]), "fi")
    assert speaks(V(r"HKEY\Speech\Voices\Tokens\TTS_MS_FI-FI_HEIDI_11.0", ["en-US"]), "fi")
    assert speaks(V("com.apple.voice.compact.fi-FI.Satu"), "fi")
    assert not speaks(V("poz/fil", ["fil"]), "fi")  # Filipino is not Finnish
    assert not speaks(V("gmw/en", ["en"]), "fi")


def test_choice_prefers_the_language_then_the_fallback_then_the_default():
    voices = [V("gmw/en", ["en"], "English"), V("gmq/sv", ["sv"], "Swedish"), V("urj/fi", ["fi"], "Finnish")]
    assert choose_voice(voices, "fi").voice_id == "urj/fi" and not choose_voice(voices, "fi").fallback
    no_fi = voices[:2]
    assert choose_voice(no_fi, "fi", "Swedish").voice_id == "gmq/sv"
    assert choose_voice(no_fi, "fi", "en").voice_id == "gmw/en"
    assert choose_voice(no_fi, "fi", "gmq/sv").fallback is True
    default = choose_voice(no_fi, "fi", "klingon")
    assert default.voice_id is None and default.fallback


def test_espeak_offers_its_finnish_voice():
    engine = pyttsx3_engine("espeak")
    assert choose_voice(engine.getProperty("voices"), "fi").voice_id == "urj/fi"


# ---- the thread with the real espeak-ng engine ----------------------------------------------------------


def test_disabled_by_default_and_then_starts_no_thread():
    cues = SpokenCues().start()
    assert not cues.enabled and not cues.running
    assert cues.speak("Hei") is False and cues.stats.dropped == 1
    assert cues.stop()


def test_save_to_file_writes_a_finnish_wav(tmp_path):
    events = Events()
    cues = SpokenCues(ON, on_status=events.append).start()
    target = tmp_path / "vihje.wav"
    assert cues.save_to_file("Nyt on hyvä hetki siirtyä hyvästelyyn.", target)
    assert cues.wait_idle(20)
    pcm, rate, channels, width = read_wav(target)
    assert (channels, width) == (1, 2) and rate > 8000
    assert len(pcm) / rate > 1.0 and np.abs(pcm).max() > 500
    assert not list(tmp_path.glob("*.part"))
    assert events.kinds() == ["ready"] and "finnish" in events[0].detail.lower()
    assert "käytössä" in events[0].message("fi")
    assert cues.stats.saved == 1 and cues.stats.errors == 0
    assert cues.stop()
    assert events.kinds()[-1] == "stopped"


def test_volume_setting_makes_the_cue_quieter(tmp_path):
    peaks = {}
    for volume in (1.0, 0.25):
        cues = SpokenCues(TtsSettings(enabled=True, volume=volume)).start()
        cues.save_to_file("Anna asiakkaalle tilaa.", tmp_path / f"v{volume}.wav")
        assert cues.wait_idle(20) and cues.stop()
        peaks[volume] = np.abs(read_wav(tmp_path / f"v{volume}.wav")[0]).max()
    assert peaks[0.25] < 0.5 * peaks[1.0]


def test_speak_plays_from_memory_and_writes_nothing(tmp_path):
    player = FakePlayer()
    cues = SpokenCues(ON, player=player).start()
    writes: list[str] = []
    active = threading.Event()

    def hook(event, args):
        if active.is_set() and event == "open":
            mode = args[1]
            if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    mode is None and isinstance(args[2], int) and args[2] & 0o3):
                writes.append(str(args[0]))

    sys.addaudithook(hook)
    active.set()
    try:
        assert cues.speak("Puolet ajasta on käytetty.")
        assert cues.wait_idle(20)
    finally:
        active.clear()
    assert writes == []  # the espeak driver's temporary WAV + aplay path is never taken
    assert len(player.played) == 1
    pcm, rate = player.played[0]
    assert pcm.dtype == np.int16 and len(pcm) / rate > 0.8 and rate > 8000
    assert cues.stats.spoken == 1
    assert cues.stop()


def test_speak_never_blocks_and_keeps_only_the_newest_cues():
    gate = threading.Event()
    player = FakePlayer(gate)
    cues = SpokenCues(TtsSettings(enabled=True, max_queue=2), player=player).start()
    assert cues.speak("yksi")
    assert player.started.wait(20)  # the first cue is now playing (and stuck)
    slowest = 0.0
    for word in ("kaksi", "kolme", "neljä", "viisi"):
        t = time.perf_counter()
        assert cues.speak(word)
        slowest = max(slowest, time.perf_counter() - t)
    assert slowest < 0.2  # blocking would mean waiting for the stuck player (10 s)
    assert cues.stats.dropped == 2  # "kaksi" and "kolme" made way for the newer cues
    gate.set()
    assert cues.wait_idle(20)
    assert len(player.played) == 3 and cues.stats.spoken == 3
    assert cues.stop()


def test_fallback_voice_is_used_with_a_notice(tmp_path):
    events = Events()
    cues = SpokenCues(TtsSettings(enabled=True, language="xx", fallback_voice="en"),
                      on_status=events.append).start()
    cues.save_to_file("Time is up.", tmp_path / "a.wav")
    assert cues.wait_idle(20) and cues.stop()
    assert events.kinds()[0] == "voice_fallback"
    assert "xx" in events[0].message("en") and events[0].detail
    assert (tmp_path / "a.wav").stat().st_size > 1000


def test_no_voice_and_no_fallback_uses_the_default_with_a_notice(tmp_path):
    events = Events()
    cues = SpokenCues(TtsSettings(enabled=True, language="xx"), on_status=events.append).start()
    cues.save_to_file("Hei.", tmp_path / "a.wav")
    assert cues.wait_idle(20) and cues.stop()
    assert events.kinds()[0] == "voice_default"
    assert "oletusäänellä" in events[0].message("fi")


def test_another_espeak_engine_does_not_silence_ours(tmp_path):
    cues = SpokenCues(ON).start()
    cues.save_to_file("Yksi.", tmp_path / "1.wav")
    assert cues.wait_idle(20)
    other = pyttsx3_engine("espeak")  # e.g. made elsewhere in the app; takes espeak's global callback
    cues.save_to_file("Kaksi.", tmp_path / "2.wav")
    assert cues.wait_idle(20) and cues.stop()
    del other
    assert cues.stats.saved == 2 and cues.stats.errors == 0
    assert len(read_wav(tmp_path / "2.wav")[0]) > 5000


def test_hung_synthesis_is_abandoned_and_the_engine_recreated(tmp_path, monkeypatch):
    import kohtaava_desk.spoken.tts as tts

    # Reproduce the espeak hang: the global callback goes to another engine and ours never finishes.
    monkeypatch.setattr(tts, "_claim_espeak_callback", lambda engine: None)
    events = Events()
    cues = SpokenCues(TtsSettings(enabled=True, synth_timeout_s=0.5), on_status=events.append).start()
    cues.save_to_file("Yksi.", tmp_path / "1.wav")
    assert cues.wait_idle(20)
    other = pyttsx3_engine("espeak")
    cues.save_to_file("Kaksi.", tmp_path / "2.wav")   # hangs until the watchdog ends it
    cues.save_to_file("Kolme.", tmp_path / "3.wav")   # a fresh engine (created last) works again
    assert cues.wait_idle(20)
    del other
    assert cues.running
    assert events.kinds() == ["ready", "error"] and events[1].detail == "no audio"
    assert not (tmp_path / "2.wav").exists() and (tmp_path / "3.wav").stat().st_size > 5000
    assert cues.stats.engines_created == 2
    assert cues.stop()


def test_engine_error_is_survived_by_recreating_the_engine(tmp_path):
    made = []

    def factory(driver):
        engine = pyttsx3_engine(driver)
        made.append(engine)
        if len(made) == 1:
            def broken():
                raise RuntimeError("run loop already started")
            engine.runAndWait = broken
        return engine

    events = Events()
    cues = SpokenCues(ON, engine_factory=factory, on_status=events.append).start()
    cues.save_to_file("Ensimmäinen.", tmp_path / "1.wav")
    cues.save_to_file("Toinen.", tmp_path / "2.wav")
    assert cues.wait_idle(20)
    assert cues.running
    assert "error" in events.kinds() and events[events.kinds().index("error")].detail == "RuntimeError"
    assert not (tmp_path / "1.wav").exists() and (tmp_path / "2.wav").stat().st_size > 1000
    assert cues.stats.engines_created == 2 and cues.stats.errors == 1 and cues.stats.saved == 1
    assert cues.stop()


def test_engine_that_cannot_start_is_retried_later(tmp_path):
    clock = [0.0]
    attempts = []

    def factory(driver):
        attempts.append(clock[0])
        if len(attempts) == 1:
            raise OSError("libespeak-ng.so.1: cannot open shared object file")
        return pyttsx3_engine(driver)

    events = Events()
    cues = SpokenCues(TtsSettings(enabled=True, retry_after_s=30), engine_factory=factory,
                      on_status=events.append, now=lambda: clock[0]).start()
    cues.save_to_file("Yksi.", tmp_path / "1.wav")
    assert cues.wait_idle(20)
    cues.save_to_file("Kaksi.", tmp_path / "2.wav")  # within the retry pause: dropped, no new attempt
    assert cues.wait_idle(20)
    assert attempts == [0.0] and cues.stats.dropped == 2
    assert events.kinds() == ["unavailable"] and events[0].detail == "OSError"
    assert "espeak-ng" in events[0].message("fi")
    clock[0] = 31.0
    cues.save_to_file("Kolme.", tmp_path / "3.wav")
    assert cues.wait_idle(20)
    assert attempts == [0.0, 31.0] and (tmp_path / "3.wav").exists()
    assert cues.stop()


def test_unwritable_file_and_broken_player_are_reported_not_fatal(tmp_path):
    def bad_player(pcm, rate):
        raise OSError("no output device")

    events = Events()
    cues = SpokenCues(ON, player=bad_player, on_status=events.append).start()
    cues.save_to_file("Hei.", tmp_path / "no-such-folder" / "a.wav")
    cues.speak("Hei.")
    cues.save_to_file("Hei taas.", tmp_path / "b.wav")
    assert cues.wait_idle(20)
    assert events.kinds() == ["ready", "file_error", "playback_error"]
    assert events[1].detail == "FileNotFoundError" and events[2].detail == "OSError"
    assert (tmp_path / "b.wav").stat().st_size > 1000
    assert cues.stats.engines_created == 1  # not an engine problem: the engine was kept
    assert cues.stop()


def test_stop_drops_pending_cues_and_joins():
    gate = threading.Event()
    player = FakePlayer(gate)
    cues = SpokenCues(ON, player=player).start()
    cues.speak("yksi")
    assert player.started.wait(20)
    cues.speak("kaksi")
    threading.Timer(0.2, gate.set).start()
    assert cues.stop(5)
    assert not cues.running and len(player.played) == 1
    assert cues.speak("kolme") is False
