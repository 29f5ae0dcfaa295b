"""`kohtaava-desk enroll [--from-file VOICE.wav] [--output PATH]`: create the expert's voice profile.

Without --from-file the expert reads the shown text aloud into the configured microphone.

The recording is read into memory (at most ``ENROL_MAX_S`` seconds), turned into the profile's
numbers and dropped; only the profile (JSON numbers) is written. Any source of AudioBlocks works:
the settings dialog passes live microphone blocks to ``run(args, source=...)`` or calls
``listening.enrolment.profile_from_blocks`` directly.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.cli.common import add_office_option, configured_language, number_arg
from kohtaava_desk.fileguard import UnsafeOutput, check_output, database_files, ensure_private_dir
from kohtaava_desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from kohtaava_desk.listening.collect import ENROL_MAX_S, ENROL_TARGET_S, BlockCollector
from kohtaava_desk.listening.enrolment import TwoVoicesError, profile_from_blocks

EXIT_OK = 0
EXIT_REFUSED = 1
"""The recording is readable but not fit for a profile (two voices): nothing was written."""
EXIT_BAD_INPUT = 2


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "enroll",
        help="create the expert's voice profile from a recording of the expert reading",
        description="Create the voice profile that lets the app tell the expert from the client. Read "
        "the enrolment text aloud for 20-30 s and record it; only a few hundred numbers describing "
        "the voice are saved, never the audio.",
    )
    p.add_argument("--from-file", type=Path, metavar="VOICE.wav",
                   help="a WAV recording of the expert alone, 20-30 s of speech (default: record from the microphone)")
    p.add_argument("--seconds", type=number_arg(10, ENROL_MAX_S, "seconds", whole=True), default=ENROL_TARGET_S, metavar="S",
                   help=f"how long to record from the microphone (default {ENROL_TARGET_S})")
    p.add_argument("--output", type=Path, metavar="PATH", default=None,
                   help="where to save the profile (default: the app's data folder)")
    p.add_argument("--force", action="store_true",
                   help="save the profile even if the recording seems to hold a second voice")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="message language (default: ui.language of the configuration, else fi)")
    add_office_option(p)
    return p


def record_from_microphone(args: argparse.Namespace, lang: str, out: TextIO, *, layer: object | None = None,
                           now=time.monotonic, sleep=time.sleep) -> tuple[list[AudioBlock], str]:
    """Show the reading text and gather the microphone's blocks in memory; returns (blocks, last status)."""
    from kohtaava_desk.app.listening import live_session
    from kohtaava_desk.speakers.enrolment_text import enrolment_text

    from .common import effective_config

    seconds = max(10, min(int(args.seconds), int(ENROL_MAX_S)))
    print(t("enroll.read_aloud", lang, seconds=seconds), file=out)
    print("\n" + enrolment_text(lang) + "\n", file=out, flush=True)
    collector = BlockCollector()
    statuses: list = []
    session = live_session(effective_config(args, report=False).config, collector, lambda events: None,
                           statuses.append, layer=layer, language=lang)
    session.start()
    # A microphone that never starts must not hang the command: give up a while after the reading time.
    deadline = now() + seconds + 15.0
    shown = 0
    try:
        while collector.seconds < seconds and now() < deadline:
            if statuses and statuses[-1].reason in ("no_device", "portaudio_missing"):
                break
            if collector.seconds >= shown + 5:
                shown = int(collector.seconds)
                print(t("enroll.progress", lang, heard=collector.seconds, seconds=seconds), file=out, flush=True)
            sleep(0.1)
    finally:
        session.stop()
    telling = [s for s in statuses if s.reason not in ("starting", "stopped")]
    return collector.take(), telling[-1].text if telling else ""


def run(args: argparse.Namespace, *, source: Iterable[AudioBlock] | None = None,
        out: TextIO | None = None, err: TextIO | None = None, layer: object | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    lang = getattr(args, "lang", None) or configured_language(args)
    from kohtaava_desk.audio.wavfile import FileSource, WavFileError
    from kohtaava_desk.speakers.locations import default_profile_path
    from kohtaava_desk.speakers.profile import EnrolmentError, VoiceProfileError
    from kohtaava_desk.speakers.weights import WeightsError

    try:
        # Checked before the expert spends half a minute reading aloud.
        target = check_output(getattr(args, "output", None) or default_profile_path(), database_files())
        if source is None:
            path = getattr(args, "from_file", None)
            if path is None:
                blocks, reason = record_from_microphone(args, lang, out, layer=layer)
                heard = sum(b.duration for b in blocks)
                if heard < 0.5 * max(10, getattr(args, "seconds", ENROL_TARGET_S)):
                    print(t("enroll.mic_failed", lang, heard=heard, reason=reason), file=err)
                    return EXIT_BAD_INPUT
                source = blocks
            else:
                file_source = FileSource(path)
                if file_source.info.channels == 2:
                    print(t("enroll.stereo", lang, path=path), file=err)
                source = file_source
        profile = profile_from_blocks(source, one_voice=not getattr(args, "force", False))
        if getattr(args, "output", None) is None:
            ensure_private_dir(target.parent)  # the app's data folder is owner-only, like the store's
        saved = profile.save(target)
    except TwoVoicesError as exc:
        print(exc.localized(lang or DEFAULT_LANGUAGE), t("enroll.force_hint", lang), file=err)
        return EXIT_REFUSED
    except UnsafeOutput as exc:
        print(f"enroll: nothing written: {exc.strerror}", file=err)
        return EXIT_BAD_INPUT
    except WavFileError as exc:
        print(exc.text(lang), file=err)
        return EXIT_BAD_INPUT
    except EnrolmentError as exc:
        print(exc.localized(lang or DEFAULT_LANGUAGE), file=err)
        return EXIT_BAD_INPUT
    except VoiceProfileError as exc:
        print(str(exc), file=err)
        return EXIT_BAD_INPUT
    except WeightsError as exc:
        print(t("error.weights", lang, error=exc), file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"{getattr(args, 'output', None) or default_profile_path()}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    print(t("enroll.saved", lang, path=saved, speech=profile.speech_s), file=out)
    return EXIT_OK
