"""Regenerates the widget screenshots in docs/ from scripted meetings (no microphone, no model).

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python bench/screenshots.py [--out docs] [--lang fi]
        [--theme light|dark|high_contrast] [--font-scale 1.5] [--only compact,nudge] [--suffix -dark]

Each state is produced by the real Companion and the real widget on a simulated clock, so the pictures
show exactly what the app draws. Also works offscreen (QT_QPA_PLATFORM=offscreen), minus the window
manager.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kohtaava_desk.companion import Companion, ListeningState, VoiceState
from kohtaava_desk.config.loader import deep_merge, load_defaults
from kohtaava_desk.config.schema import Config
from kohtaava_desk.config.validate import build as build_config
from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker
from kohtaava_desk.ui.controller import MeetingUi
from kohtaava_desk.ui.widget import CompanionWindow
from kohtaava_desk.ui.widget.privacy_card import PrivacyCard


class SimClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


THEME = "light"


class Scene:
    def __init__(self, lang: str, overrides: dict | None = None) -> None:
        cfg = build_config(Config, deep_merge(load_defaults(), {"ui": {"language": lang}, **(overrides or {})}))
        self.clock = SimClock()
        self.c = Companion(cfg, now=self.clock)
        self.w = CompanionWindow(tuple(cfg.meeting.length_presets_min))
        self.w.apply_theme(THEME)
        self.ui = MeetingUi(self.c, self.w)
        self.n = 0
        self.c.set_listening(ListeningState.LISTENING)
        self.c.set_voice(VoiceState.READY)

    def talk(self, seconds: float, share: float, turn: float = 12.0) -> None:
        done = 0.0
        while done < seconds:
            d = min(turn, seconds - done)
            t0 = self.clock.t
            self.clock.t += d
            e = d * share
            self.n += 2
            self.c.on_talk_events([SegmentAdded(Segment(self.n, t0, t0 + e * 0.95, Speaker.EXPERT)),
                                   SegmentAdded(Segment(self.n + 1, t0 + e, t0 + d * 0.97, Speaker.CLIENT))])
            self.c.tick()
            done += d

    def shoot(self, path: Path) -> None:
        self.ui.refresh()
        self.w.show()
        for _ in range(5):
            QApplication.processEvents()
        self.w.grab().save(str(path))
        print(f"wrote {path} ({self.w.width()}x{self.w.height()} logical px)")
        self.w.close()


def compact(lang: str) -> Scene:
    s = Scene(lang)
    s.c.set_length(30)
    s.c.start()
    s.talk(150, 0.55)
    s.c.next_step()
    s.talk(240, 0.3)
    return s


def scenes(lang: str) -> dict[str, Scene]:
    out: dict[str, Scene] = {}
    out["compact"] = compact(lang)

    s = compact(lang)
    s.c.next_step()
    s.talk(300, 0.7)
    s.w.set_expanded(True)
    out["expanded"] = s

    s = Scene(lang)
    s.c.set_length(45)
    s.c.start()
    s.talk(120, 0.6)
    s.c.next_step()
    s.talk(150, 0.75)  # the expert holds the floor in the listening step
    out["nudge"] = s

    s = Scene(lang)
    s.c.set_length(30)
    s.c.start()
    s.talk(180, 0.55)
    s.c.next_step()
    s.talk(600, 0.3)
    s.c.next_step()
    s.talk(900, 0.65)
    s.c.next_step()
    s.talk(240, 0.4)
    s.c.tick()
    s.talk(20, 0.4)
    out["overtime"] = s

    s = compact(lang)
    s.c.set_listening(ListeningState.MIC_LOST_RETRYING)
    out["mic-lost"] = s

    s = compact(lang)
    s.c.on_heard(type("Heard", (), {"announced_minutes": 45, "step_cue": None, "question": None})())
    out["voice-length"] = s

    s = Scene(lang)
    s.c.set_voice(VoiceState.MISSING)
    s.w.set_profile(False)
    s.w.show_welcome(True)
    out["welcome"] = s

    s = Scene(lang)
    s.c.start()
    s.talk(150, 0.5)
    s.c.next_step()
    s.talk(540, 0.3)
    s.c.next_step()
    s.talk(600, 0.7)
    s.c.next_step()
    s.talk(300, 0.35)
    s.c.end()
    out["summary"] = s
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("docs"))
    ap.add_argument("--lang", default="fi", choices=("fi", "sv", "en"))
    ap.add_argument("--suffix", default="", help="added to each file name (e.g. '-en')")
    ap.add_argument("--theme", default="light", choices=("light", "dark", "high_contrast"))
    ap.add_argument("--font-scale", type=float, default=1.0, help="desktop font size × this (1.5 = a 13.5 pt font)")
    ap.add_argument("--only", default="", help="comma-separated scene names")
    args = ap.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.font_scale != 1.0:
        f = app.font()
        f.setPointSizeF(f.pointSizeF() * args.font_scale)
        app.setFont(f)
    global THEME
    THEME = args.theme
    args.out.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    for name, scene in scenes(args.lang).items():
        if only and name not in only:
            scene.w.close()
            continue
        scene.shoot(args.out / f"widget-{name}{args.suffix}.png")
    if not only or "privacy-card" in only:
        card = PrivacyCard()
        card.setFixedWidth(720)
        card.adjustSize()
        card.show()
        QApplication.processEvents()
        path = args.out / f"privacy-card{args.suffix}.png"
        card.grab().save(str(path))
        print(f"wrote {path} ({card.width()}x{card.height()} logical px)")
        card.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
