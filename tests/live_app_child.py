"""The whole widget app through one short meeting, for tests that watch the process from outside.

Run as a script: the real listening pipeline on the simulated sound system (looping synthetic
speech), the speech recogniser when a model is configured, spoken cues, the store with its
checkpoints. Before the app starts it opens MARKER (which does not exist), so a system-call trace
can tell the app's own file opens from the test's preparation. Prints the summary's figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

MARKER = "/nonexistent/kohtaava-desk-app-starts-here"


def main() -> int:
    import numpy as np

    from synth import EXPERT_LINES, Voice, speak

    gap = np.zeros(12_000, np.int16)  # pauses end utterances, so segments are emitted during the meeting
    x = np.concatenate([np.concatenate([speak(line, Voice("m3")), gap]) for line in EXPERT_LINES[:3]])
    x = x.astype(np.float32)  # the simulated device delivers int16-scale samples, like PortAudio's int16 stream

    def signal(t, channels):
        y = x[np.round(t * 16000).astype(np.int64) % len(x)]
        return np.repeat(y[:, None], channels, axis=1)

    from kohtaava_desk.audio.simulated import SimulatedDevice, SimulatedDeviceLayer
    from kohtaava_desk.ui import app as app_module
    from kohtaava_desk.app.services import Services
    from kohtaava_desk.ui.bridge import WorkerBridge

    try:
        open(MARKER)
    except OSError:
        pass
    layer = SimulatedDeviceLayer([SimulatedDevice("Mic", is_default=True)], signal=signal)
    clock = layer.clock
    loaded = app_module.load_effective(None)
    services = Services(loaded.config, WorkerBridge(), now=clock, layer=layer)
    ctx = app_module.build(argparse.Namespace(office=None), services=services, now=clock, with_tray=False)

    def spin(seconds: float, until=lambda: False) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end and not until():
            ctx.app.processEvents()
            time.sleep(0.01)

    spin(30, lambda: services.recognizer is not None or not loaded.config.speech.model_path)
    ctx.ui.on_action("toggle")
    spin(10, lambda: any(s.active for s in layer.streams))
    for _ in range(150):  # 15 s of audio: at least one checkpoint
        layer.pump(0.1)
        spin(0.02)
    spin(30, lambda: ctx.companion.meeting.totals().expert_s + ctx.companion.meeting.totals().unknown_s > 3)
    services.speak("Hyvästely alkaa")
    spin(3)
    ctx.ui.on_action("end")
    spin(0.5)
    summary = ctx.companion.summary
    recognizer = services.recognizer is not None
    tts = services.tts is not None
    ctx.close()
    print(json.dumps({"speech_s": summary.speech_s, "actual_s": summary.actual_s, "recognizer": recognizer,
                      "tts": tts}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
