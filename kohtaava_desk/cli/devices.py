"""`kohtaava-desk devices`: list the audio inputs the app could listen to."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from kohtaava_desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from kohtaava_desk.audio.capture import CaptureSettings, capture_settings_from
from kohtaava_desk.audio.devices import (
    AudioDeviceError,
    AudioUnavailable,
    DeviceChoice,
    DeviceLayer,
    InputDevice,
    choose_device,
    default_layer,
)

from .common import add_office_option


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "devices",
        help="list microphones (index, name, host API, channels, default rate)",
        description="List the audio input devices PortAudio sees, with host API, channels and default "
        "sample rate, and mark the one the [audio] settings select. Put the name (or the index) "
        "into the audio settings to choose another.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--lang", choices=LANGUAGES, default=None, help="message language (default: ui.language)")
    add_office_option(p)
    return p


def run(
    args: argparse.Namespace,
    *,
    layer: DeviceLayer | None = None,
    settings: CaptureSettings | None = None,
    out: TextIO | None = None,
) -> int:
    """0 when at least one input is listed; 1 when none is found or PortAudio is missing."""
    out = out or sys.stdout
    config_lang, configured = _from_config(args) if settings is None else (None, settings)
    lang = getattr(args, "lang", None) or config_lang or DEFAULT_LANGUAGE
    as_json = bool(getattr(args, "json", False))
    try:
        devices = (layer or default_layer()).list_inputs()
    except AudioUnavailable as e:
        _problem(out, as_json, "portaudio_missing", e.text(lang))
        return 1
    except AudioDeviceError as e:
        _problem(out, as_json, "query_failed", t("devices.query_failed", lang, error=e))
        return 1
    choice = choose_device(devices, configured.device, configured.device_index, configured.host_api)
    if as_json:
        doc = {
            "devices": [_as_dict(d) for d in devices],
            "selected": choice.device.index if choice else None,
        }
        if not devices:
            doc["message"] = t("devices.none", lang)
        print(json.dumps(doc, ensure_ascii=False, indent=2), file=out)
        return 0 if devices else 1
    if not devices:
        print(t("devices.none", lang), file=out)
        return 1
    print(_table(devices, choice, lang), file=out)
    return 0


def _from_config(args: argparse.Namespace) -> tuple[str | None, CaptureSettings]:
    # Listing must work even when the configuration is broken, so any trouble means defaults.
    try:
        from .common import effective_config

        config = effective_config(args, report=False).config
        return config.ui.language, capture_settings_from(config.audio)
    except Exception:
        return None, CaptureSettings()


def _problem(out: TextIO, as_json: bool, code: str, message: str) -> None:
    if as_json:
        print(json.dumps({"devices": [], "error": code, "message": message}, ensure_ascii=False), file=out)
    else:
        print(message, file=out)


def _as_dict(d: InputDevice) -> dict[str, object]:
    return {
        "index": d.index,
        "name": d.name,
        "host_api": d.host_api,
        "channels": d.max_input_channels,
        "default_rate": int(round(d.default_samplerate)),
        "default": d.is_default,
    }


def _table(devices: list[InputDevice], choice: DeviceChoice | None, lang: str) -> str:
    head = t("devices.columns", lang).split("|")
    rows = []
    for d in devices:
        mark = (">" if choice and choice.device == d else " ") + ("*" if d.is_default else " ")
        rows.append(
            [mark + str(d.index), d.name, d.host_api, str(d.max_input_channels), f"{round(d.default_samplerate)} Hz"]
        )
    head = ["  " + head[0], *head[1:]]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = [t("devices.title", lang) + ":", ""]
    for r in [head, *rows]:
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    lines.append("")
    if choice is not None:
        key = "devices.chosen_fallback" if choice.wanted else "devices.chosen"
        lines.append(t(key, lang, name=choice.device.name, wanted=choice.wanted or ""))
    lines.append(t("devices.default_note", lang))
    return "\n".join(lines)
