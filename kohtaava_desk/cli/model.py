"""`kohtaava-desk model check [PATH]`: is this Vosk model folder usable here, and how fast is it?

Checks the layout, loads the model, reports its sample rate and the CPU real-time factor on a short
synthesised clip. Exit 0 when the model loads, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..speech import messages
from ..speech.model import ModelLoadError, configured_model_dir, inspect_model_dir, load_vosk_model
from .common import add_office_option

_T: dict[str, dict[str, str]] = {
    "folder": {"fi": "Mallikansio: {0}", "sv": "Modellmapp: {0}", "en": "Model folder: {0}"},
    "layout_ok": {"fi": "Rakenne: kunnossa (graafi: {0}, i-vektorit: {1}, uudelleenpisteytys: {2})",
                  "sv": "Struktur: i ordning (graf: {0}, i-vektorer: {1}, omviktning: {2})",
                  "en": "Layout: OK (graph: {0}, i-vectors: {1}, rescoring: {2})"},
    "static": {"fi": "staattinen HCLG", "sv": "statisk HCLG", "en": "static HCLG"},
    "dynamic": {"fi": "dynaaminen HCLr + Gr", "sv": "dynamisk HCLr + Gr", "en": "dynamic HCLr + Gr"},
    "yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "no": {"fi": "ei", "sv": "nej", "en": "no"},
    "rate": {"fi": "Näytetaajuus: {0} Hz ({1})", "sv": "Samplingsfrekvens: {0} Hz ({1})",
             "en": "Sample rate: {0} Hz ({1})"},
    "rate_conf": {"fi": "conf/mfcc.conf", "sv": "conf/mfcc.conf", "en": "conf/mfcc.conf"},
    "rate_default": {"fi": "Kaldin oletus, conf/mfcc.conf ei määrää sitä",
                     "sv": "Kaldis standardvärde, conf/mfcc.conf anger inget",
                     "en": "Kaldi's default, conf/mfcc.conf does not set it"},
    "loading": {"fi": "Ladataan mallia…", "sv": "Laddar modellen…", "en": "Loading the model…"},
    "loaded": {"fi": "Lataus: onnistui, {0:.1f} s", "sv": "Laddning: lyckades, {0:.1f} s",
               "en": "Load: OK, {0:.1f} s"},
    "speed": {"fi": "Nopeus: reaaliaikakerroin {0:.2f} (suoritinaika) / {1:.2f} (kello), {2:.1f} s:n näyte ({3})",
              "sv": "Hastighet: realtidsfaktor {0:.2f} (processortid) / {1:.2f} (klocka), {2:.1f} s prov ({3})",
              "en": "Speed: real-time factor {0:.2f} (CPU time) / {1:.2f} (wall clock) on a {2:.1f} s clip ({3})"},
    "clip_espeak-ng": {"fi": "espeak-ng-puhetta", "sv": "tal från espeak-ng", "en": "espeak-ng speech"},
    "clip_noise": {"fi": "puheen kaltaista kohinaa", "sv": "talliknande brus", "en": "speech-like noise"},
    "noise_note": {"fi": "Huom: espeak-ng puuttuu, joten nopeus mitattiin kohinalla ja on vain suuntaa antava "
                         "(asenna espeak-ng tarkempaa mittausta varten).",
                   "sv": "Obs: espeak-ng saknas, så hastigheten mättes med brus och är bara riktgivande "
                         "(installera espeak-ng för en noggrannare mätning).",
                   "en": "Note: espeak-ng is missing, so speed was measured on noise and is only indicative "
                         "(install espeak-ng for a truer figure)."},
    "slow": {"fi": "Varoitus: malli on tälle koneelle liian hidas reaaliaikaiseen käyttöön; puhetta jää "
                   "tunnistamatta. Valitse pienempi malli.",
             "sv": "Varning: modellen är för långsam för realtid på den här datorn; tal kommer att hoppas "
                   "över. Välj en mindre modell.",
             "en": "Warning: the model is too slow for real time on this computer; speech will be skipped. "
                   "Choose a smaller model."},
    "ok": {"fi": "Tulos: malli on käyttökelpoinen.", "sv": "Resultat: modellen kan användas.",
           "en": "Result: the model is usable."},
    "bad": {"fi": "Tulos: mallia ei voi käyttää.", "sv": "Resultat: modellen kan inte användas.",
            "en": "Result: the model cannot be used."},
}

SLOW_RTF = 0.5
"""Above this CPU real-time factor the worker will shed speech during a live meeting (2 cores, shared)."""


def _t(key: str, lang: str, *values: object) -> str:
    table = _T[key]
    return (table.get(lang) or table["fi"]).format(*values)


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model", help="check the Vosk speech model")
    actions = p.add_subparsers(dest="model_action", required=True)
    check = actions.add_parser("check", help="validate a model folder, load it and time it (exit 0 = usable)")
    check.add_argument("path", nargs="?", type=Path,
                       help="model folder; default: speech.model_path from the settings, else models/vosk-fi")
    check.add_argument("--lang", choices=messages.LANGS, default=None,
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
    print(_t("folder", lang, layout.path), file=out)
    for note in layout.notes:
        print("  " + note.text(lang), file=out)
    if not layout.ok:
        for problem in layout.blocking:
            print("  " + problem.text(lang), file=out)
        print(_t("bad", lang), file=out)
        return 1
    yes, no = _t("yes", lang), _t("no", lang)
    print(_t("layout_ok", lang, _t(layout.graph or "dynamic", lang), yes if layout.ivector else no,
             yes if layout.rescore else no), file=out)
    print(_t("rate", lang, layout.sample_rate,
             _t("rate_conf" if layout.sample_rate_from_conf else "rate_default", lang)), file=out)

    print(_t("loading", lang), file=out, flush=True)
    started = time.perf_counter()
    try:
        model = load_vosk_model(layout.path)
    except ModelLoadError as exc:
        print("  " + exc.problem.text(lang), file=out)
        print(_t("bad", lang), file=out)
        return 1
    print(_t("loaded", lang, time.perf_counter() - started), file=out)

    if not args.no_speed:
        from ..speech.clips import FINNISH_LINES, finnish_sample
        from ..speech.speed import measure

        clip, kind = finnish_sample(FINNISH_LINES[:3])  # about 10 s of speech: a few seconds to time
        result = measure(model, clip)
        print(_t("speed", lang, result.rtf_cpu, result.rtf_wall, result.audio_s, _t(f"clip_{kind}", lang)),
              file=out)
        if kind == "noise":
            print("  " + _t("noise_note", lang), file=out)
        if result.rtf_cpu > SLOW_RTF:
            print("  " + _t("slow", lang), file=out)
    print(_t("ok", lang), file=out)
    return 0
