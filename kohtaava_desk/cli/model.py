"""`kohtaava-desk model check [PATH]`: is this speech model folder usable here, and how fast is it?

Recognises both layouts: Vosk (Kaldi am/ conf/ graph/) and Whisper (CTranslate2 model.bin,
config.json, tokenizer.json). Checks the layout, loads the model, reports the engine, language,
sample rate and the CPU real-time factor on a short synthesised clip. Exit 0 when the model loads,
1 otherwise.
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
    p = sub.add_parser("model", help="check the speech model (Vosk or Whisper)")
    actions = p.add_subparsers(dest="model_action", required=True)
    check = actions.add_parser("check", help="validate a model folder, load it and time it (exit 0 = usable)")
    check.add_argument("path", nargs="?", type=Path,
                       help="model folder; default: speech.model_path from the settings, else models/vosk-fi "
                            "(Vosk) or models/whisper (Whisper)")
    check.add_argument("--lang", choices=LANGUAGES, default=None,
                       help="language of the report; default: the UI language from the settings")
    check.add_argument("--no-speed", action="store_true", help="skip the real-time factor measurement")
    add_office_option(check)  # the office profile may name the model folder
    from .model_install import add_parser as add_install

    add_install(actions)


def _settings(args: argparse.Namespace) -> tuple[str, str, str, str]:
    """(model_path, UI language, engine, speech language) from the effective configuration; defaults
    if unavailable."""
    try:
        from .common import effective_config

        config = effective_config(args, report=False).config
        return config.speech.model_path, config.ui.language, config.speech.engine, config.speech.language
    except Exception:  # the check must work even when the configuration layer cannot load
        return "", "fi", "vosk", "fi"


def run(args: argparse.Namespace) -> int:
    model_path, ui_lang, engine, speech_lang = _settings(args)
    if args.model_action == "install":
        from .model_install import run as run_install

        return run_install(args, ui_lang or "fi")
    from ..speech.whisper_engine import is_whisper_dir, whisper_model_dir

    lang = args.lang or ui_lang or "fi"
    if args.path is not None:
        folder = args.path
        engine = "whisper" if is_whisper_dir(folder) else "vosk"
    elif engine == "whisper":
        folder = whisper_model_dir(model_path)
    else:
        folder = configured_model_dir(model_path)
    if engine == "whisper":
        return _check_whisper(folder, lang, speech_lang, args.no_speed)
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


def _check_whisper(folder: Path, lang: str, speech_lang: str, no_speed: bool) -> int:
    from ..speech.whisper_engine import WhisperRecognizer, WhisperSettings, WhisperUnavailable, load_whisper, missing_files

    out = sys.stdout
    print(t("speech.check.folder", lang, path=folder), file=out)
    print(t("speech.check.engine", lang, engine="Whisper (faster-whisper)", language=speech_lang), file=out)
    if not folder.is_dir():
        print("  " + t("speech.not_found", lang, path=folder, detail=""), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    missing = missing_files(folder)
    if missing:
        print("  " + t("speech.check.whisper_missing", lang, detail=", ".join(missing)), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    print(t("speech.check.whisper_layout_ok", lang), file=out)
    print(t("speech.check.loading", lang), file=out, flush=True)
    settings = WhisperSettings(language=speech_lang)
    started = time.perf_counter()
    try:
        model = load_whisper(folder, settings)
    except WhisperUnavailable:
        print("  " + t("speech.whisper_extra", lang, path=folder), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    except Exception as exc:  # CTranslate2 says little more than "Unable to open file"
        print("  " + t("speech.check.load_failed", lang, detail=f"{type(exc).__name__}: {exc}"), file=out)
        print(t("speech.check.bad", lang), file=out)
        return 1
    print(t("speech.check.loaded", lang, seconds=time.perf_counter() - started), file=out)
    if not no_speed:
        from ..speech.clips import FINNISH_LINES, finnish_sample

        clip, kind = finnish_sample(FINNISH_LINES[:1])
        rec = WhisperRecognizer(model, settings)
        cpu, wall = time.process_time(), time.perf_counter()
        text = rec.transcribe(clip)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        audio = len(clip) / 16_000
        print(t("speech.check.whisper_speed", lang, cpu=cpu / audio, wall=wall, audio=audio,
                clip=t(f"speech.check.clip_{kind}", lang), words=len(text.split())), file=out)
        if cpu / audio > 1.0:
            print("  " + t("speech.check.slow", lang), file=out)
    print(t("speech.check.ok", lang), file=out)
    return 0
