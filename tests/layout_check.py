"""Puts the real widget in every state and reports any figure that does not fit where it is drawn.

Used in-process by test_ui_layout.py (default, 1.5× and 2× desktop font) and as a child process for the
environment-driven cases (QT_FONT_DPI=144, QT_SCALE_FACTOR=2), where it prints the problems as JSON.
"""

from __future__ import annotations

import json
import os
import re
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kohtaava_desk.companion import Companion, ListeningState, VoiceState
from kohtaava_desk.config.loader import deep_merge, load_defaults
from kohtaava_desk.config.schema import Config
from kohtaava_desk.config.validate import build
from kohtaava_desk.meeting import Segment, SegmentAdded, Speaker
from kohtaava_desk.ui.controller import MeetingUi
from kohtaava_desk.ui.widget import CompanionWindow
from kohtaava_desk.ui.widget.line import ElidedLabel

STATES = ("running", "expanded", "nudge", "overtime", "mic_lost", "offer", "summary")
COMPACT = ("running", "nudge", "overtime", "mic_lost", "offer")
"""States that share the compact layout: the window must be exactly as tall in each."""
DIGIT = re.compile(r"\d")


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _talk(c: Companion, clock: Clock, seconds: float, share: float, n: list[int]) -> None:
    done = 0.0
    while done < seconds:
        d = min(10.0, seconds - done)
        t0 = clock.t
        clock.t += d
        n[0] += 2
        c.on_talk_events([SegmentAdded(Segment(n[0], t0, t0 + d * share, Speaker.EXPERT)),
                          SegmentAdded(Segment(n[0] + 1, t0 + d * share, t0 + d, Speaker.CLIENT))])
        c.tick()
        done += d


def scene(state: str, lang: str) -> tuple[CompanionWindow, MeetingUi]:
    cfg = build(Config, deep_merge(load_defaults(), {"ui": {"language": lang}}))
    clock, n = Clock(), [0]
    c = Companion(cfg, now=clock)
    w = CompanionWindow(tuple(cfg.meeting.length_presets_min))
    ui = MeetingUi(c, w)
    c.set_listening(ListeningState.LISTENING)
    c.set_voice(VoiceState.READY)
    c.set_length(100 if state == "running" else 45)  # three-digit minutes: the widest figure
    c.start()
    _talk(c, clock, 120, 0.55, n)
    c.next_step()
    if state == "nudge":
        _talk(c, clock, 150, 0.8, n)
    elif state == "overtime":
        c.set_length(15)
        _talk(c, clock, 40 * 60, 0.3, n)
    else:
        _talk(c, clock, 300, 0.3, n)
    if state == "mic_lost":
        c.set_listening(ListeningState.MIC_LOST_RETRYING)
    if state == "offer":
        c.on_heard(type("Heard", (), {"announced_minutes": 45, "step_cue": None, "question": None})())
    if state == "summary":
        c.end()
    if state == "expanded":
        w.set_expanded(True)
    ui.refresh()
    w.show()
    QApplication.processEvents()
    return w, ui


def overflows(w: CompanionWindow) -> list[str]:
    """Figures that are cut, plus glance figures that are too small or not emphasised."""
    out = []
    for child in w.findChildren(QWidget):
        if not child.isVisibleTo(w):
            continue
        if isinstance(child, ElidedLabel):
            if DIGIT.search(child.text()) and child.elided():
                out.append(f"elided: {child.text()!r}")
        elif isinstance(child, QLabel) and not child.wordWrap() and DIGIT.search(child.text()):
            need = QFontMetrics(child.font()).horizontalAdvance(child.text())
            if need > child.contentsRect().width():
                out.append(f"cut label: {child.text()!r} needs {need} px, has {child.contentsRect().width()}")
        elif isinstance(child, QAbstractButton) and child.text() and DIGIT.search(child.text()):
            if child.sizeHint().width() > child.width():
                out.append(f"cut button: {child.text()!r} needs {child.sizeHint().width()} px, has {child.width()}")
        overflow = getattr(child, "overflow", None)
        if callable(overflow):
            out += [f"cut in {type(child).__name__}: {x!r}" for x in overflow()]
    for b in (w.line.primary, w.line.secondary, *w.buttons.values()):
        if b.isVisibleTo(w) and (b.width() < 24 or b.height() < 24):
            out.append(f"small target: {b.toolTip()!r} is {b.width()}x{b.height()} px")
    if w.stack.currentIndex() == 0:
        for label in (w.step_label, w.remaining):
            f = label.font()
            if QFontMetrics(f).ascent() + QFontMetrics(f).descent() < 20 or not f.bold():
                out.append(f"not glanceable: {label.text()!r} ({QFontMetrics(f).height()} px, bold={f.bold()})")
        if w.remaining.font().pixelSize() <= w.time_button.font().pixelSize():
            out.append("remaining time not the emphasised figure")
    return out


def check_all(langs=("fi", "sv", "en")) -> dict[str, list[str]]:
    """{'fi/overtime': [problems], ...} plus 'fi/heights' when compact states differ in height."""
    result: dict[str, list[str]] = {}
    for lang in langs:
        heights = {}
        for state in STATES:
            w, ui = scene(state, lang)
            problems = overflows(w)
            if problems:
                result[f"{lang}/{state}"] = problems
            if state in COMPACT:
                heights[state] = (w.height(), w.line.height())
            ui.stop()
            w.close()
            w.deleteLater()
        if len(set(heights.values())) > 1:
            result[f"{lang}/heights"] = [f"{k}: window {h} px, line {lh} px" for k, (h, lh) in heights.items()]
    return result


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    print(json.dumps(check_all()))
