"""`kohtaava-desk model check [PATH]`: is this Vosk model folder usable here, and how fast is it?

Checks the layout, loads the model, reports its sample rate and the CPU real-time factor on a short
synthesised clip. Exit 0 when the model loads, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..i18n import LANGUAGES, t
from ..speech.model import ModelLoadError, configured_model_dir, inspect_model_dir, load_vosk_model
from .common import add_office_option


SLOW_RTF = 0.5
"""Above this CPU real-time factor the worker will shed speech during a live meeting (2 cores, shared)."""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model", help="check the Vosk speech model")
    actions = p.add_subparsers(dest="model_action", required=True)
    check = actions.add_parser("check", help="validate a model folder, load it and time it (exit 0 = usable)")
    check.add_argument("path", nargs="?", type=Path,
                       help="model folder; default: speech.model_path from the settings, else models/vosk-fi")
    check.add_argument("--lang", choices=LANGUAGES, default=None,
                       help="language of the report; default: the UI language from the settings")
    check.add_argument("--no-speed", action="store_true", help="skip the real-time factor measurement")
    add_office_option(check)  # the office profile may name the model folder


def _settings(args: argparse.Namespace) -> tuple[str, str]:
    """(model_path setting, UI language) from the effective configuration; defaults if unavailable."""
    try:
        from .common import effective_config

        config = effective_config(args, report=False).config
        return config.speech.model_path, config.ui.language
    except Exception:  # the check must work even when the configuration layer cannot load
        return "", "fi"


def run(args: argparse.Namespace) -> int:
    model_path, ui_lang = _settings(args)
    lang = args.lang or ui_lang or "fi"
    folder = args.path if args.path is not None else configured_model_dir(model_path)
    out = sys.stdout

    layout = inspect_model_dir(folder)
    print(t("speech.check.folder", lang, path=layout.path), file=out)
    for note in layout.notes:
        print("  " + note.text(lang), file=out)
    if not layout.ok:
        for problem in layout.blocking:
            print("  " + problem.text(lang), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    yes, no = t("speech.check.yes", lang), t("speech.check.no", lang)
    print(t("speech.check.layout_ok", lang, graph=t(f"speech.check.{layout.graph or 'dynamic'}", lang),
            ivector=yes if layout.ivector else no, rescore=yes if layout.rescore else no), file=out)
    source = "rate_conf" if layout.sample_rate_from_conf else "rate_default"
    print(t("speech.check.rate", lang, rate=layout.sample_rate, source=t(f"speech.check.{source}", lang)), file=out)

    print(t("speech.check.loading", lang), file=out, flush=True)
    started = time.perf_counter()
    try:
        model = load_vosk_model(layout.path)
    except ModelLoadError as exc:
        print("  " + exc.problem.text(lang), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    print(t("speech.check.loaded", lang, seconds=time.perf_counter() - started), file=out)

    if not args.no_speed:
        from ..speech.clips import FINNISH_LINES, finnish_sample
        from ..speech.speed import measure

        clip, kind = finnish_sample(FINNISH_LINES[:3])  # about 10 s of speech: a few seconds to time
        result = measure(model, clip)
        print(t("speech.check.speed", lang, cpu=result.rtf_cpu, wall=result.rtf_wall, audio=result.audio_s,
                clip=t(f"speech.check.clip_{kind}", lang)), file=out)
        if kind == "noise":
            print("  " + t("speech.check.noise_note", lang), file=out)
        if result.rtf_cpu > SLOW_RTF:
            print("  " + t("speech.check.slow", lang), file=out)
    print(t("speech.check.ok", lang), file=out)
    return 0
