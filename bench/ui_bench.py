"""Widget performance: launch-to-visible time, idle CPU, repaints per second.

    xvfb-run -s "-screen 0 1280x800x24" .venv/bin/python bench/ui_bench.py [--seconds 20] [--wav FILE.wav]

Each figure comes from a fresh child process:
- launch: process start -> widget painted on screen, no speech model (target <= 1.5 s);
- idle: a meeting running with no audio input, for --seconds (target <= 5 % of one core);
- replay: a meeting fed at 1x real time from --wav through the real listening pipeline, the closest this
  machine (no microphone) gets to live listening;
and the paint counts of the custom-painted views over the same span.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, os, resource, sys, time
T_SPAWN = float(os.environ["UIBENCH_T0"])
mode, seconds, wav, enroll = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
from PySide6.QtCore import QTimer
from kohtaava_desk.ui import app as app_module
from kohtaava_desk.app.services import Services
from kohtaava_desk.ui.bridge import WorkerBridge
result = {}

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

if mode == "launch":
    ctx = app_module.build(None)
    ctx.window.repaint()
    ctx.app.processEvents()
    result["visible_s"] = time.time() - T_SPAWN
    result["exposed"] = bool(ctx.window.windowHandle() and ctx.window.windowHandle().isExposed())
    QTimer.singleShot(0, ctx.app.quit)
    ctx.app.exec()
elif mode == "idle":
    loaded = app_module.load_effective(None)
    ctx = app_module.build(None, services=Services(loaded.config, WorkerBridge(), audio=False, store=False, tts=False))
    ctx.ui.on_action("toggle")
    def measure():
        paints0, ticks0, c0, t0 = dict(ctx.window.paint_counts()), ctx.ui.ticks, cpu(), time.monotonic()
        def done():
            dt = time.monotonic() - t0
            result["cpu_pct"] = 100 * (cpu() - c0) / dt
            result["paints_per_s"] = {k: (v - paints0[k]) / dt for k, v in ctx.window.paint_counts().items()}
            result["ticks_per_s"] = (ctx.ui.ticks - ticks0) / dt
            ctx.app.quit()
        QTimer.singleShot(int(seconds * 1000), done)
    QTimer.singleShot(1500, measure)  # let start-up work settle
    ctx.app.exec()
elif mode == "replay":
    import argparse
    from kohtaava_desk.ui import demo
    # The demo at 1x: same pipeline, same widget, audio from the file instead of the microphone.
    orig_build = app_module.build
    holder = {}
    def build(*a, **k):
        holder["ctx"] = orig_build(*a, **k)
        QTimer.singleShot(1000, measure)
        return holder["ctx"]
    demo.app_module.build = build
    args = argparse.Namespace(file=__import__("pathlib").Path(wav),
                              enroll=__import__("pathlib").Path(enroll) if enroll else None, speed=1.0, length=30.0,
                              steps=None, two_channel=False, screenshot=None, exit_after=seconds + 2.0,
                              expanded=False, office=None)
    def measure():
        ctx = holder["ctx"]
        paints0, c0, t0 = dict(ctx.window.paint_counts()), cpu(), time.monotonic()
        def done():
            dt = time.monotonic() - t0
            result["cpu_pct"] = 100 * (cpu() - c0) / dt
            result["paints_per_s"] = {k: (v - paints0[k]) / dt for k, v in ctx.window.paint_counts().items()}
        QTimer.singleShot(int(seconds * 1000), done)
    demo.play(args)
print("UIBENCH " + json.dumps(result))
"""


def child(mode: str, seconds: float, wav: str, env: dict, enroll: str = "") -> dict:
    env = dict(env, UIBENCH_T0=repr(time.time()))
    res = subprocess.run([sys.executable, "-c", CHILD, mode, str(seconds), wav, enroll], env=env, capture_output=True,
                         text=True, timeout=seconds + 120)
    for line in res.stdout.splitlines():
        if line.startswith("UIBENCH "):
            return json.loads(line[8:])
    raise RuntimeError(f"{mode} run failed:\n{res.stderr[-3000:]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=20.0, help="measuring span of the idle and replay runs")
    ap.add_argument("--runs", type=int, default=5, help="launch runs (median reported)")
    ap.add_argument("--wav", type=Path, help="recording for the replay run (skipped without one)")
    ap.add_argument("--enroll", type=Path, help="the expert's enrolment recording for the replay run")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        # A throw-away profile: the benchmark must not touch the user's settings or data.
        env = dict(os.environ, KOHTAAVA_DESK_DATA_DIR=f"{tmp}/data", KOHTAAVA_DESK_CONFIG_DIR=f"{tmp}/config")
        env.pop("KOHTAAVA_DESK_OFFICE", None)
        platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY") else "offscreen")
        env["QT_QPA_PLATFORM"] = platform
        launches = sorted(child("launch", 0, "", env)["visible_s"] for _ in range(args.runs))
        idle = child("idle", args.seconds, "", env)
        replay = (child("replay", args.seconds, str(args.wav), env, str(args.enroll or ""))
                  if args.wav else None)
    rows = [("launch -> widget visible (median of %d)" % args.runs, f"{launches[len(launches) // 2]:.2f} s",
             "<= 1.5 s", f"min {launches[0]:.2f} / max {launches[-1]:.2f}"),
            ("idle CPU, meeting running, no audio", f"{idle['cpu_pct']:.2f} %", "<= 5 %",
             f"{idle['ticks_per_s']:.1f} ticks/s")]
    if replay:
        rows.append(("CPU, 1x replay through the pipeline", f"{replay['cpu_pct']:.2f} %", "<= 5 %",
                     args.wav.name))
    for name, src in (("idle", idle), ("replay", replay)):
        if src:
            p = src["paints_per_s"]
            rows.append((f"repaints/s ({name})", f"{sum(p.values()):.2f}", "as needed",
                         ", ".join(f"{k} {v:.2f}" for k, v in p.items())))
    print(f"Qt platform: {platform}; measuring span {args.seconds:g} s\n")
    w = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(w)} | {'value':>9} | {'target':>9} | detail")
    print(f"{'-' * w}-|-{'-' * 9}-|-{'-' * 9}-|-------")
    for name, value, target, detail in rows:
        print(f"{name.ljust(w)} | {value:>9} | {target:>9} | {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
