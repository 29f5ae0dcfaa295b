"""`kohtaava-desk enroll --from-file VOICE.wav [--output PATH]`: create the expert's voice profile.

The recording is read into memory (at most ``MAX_ENROL_S`` seconds), turned into the profile's
numbers and dropped; only the profile (JSON numbers) is written. Any source of AudioBlocks works:
the settings dialog passes live microphone blocks to ``run(args, source=...)`` or calls
``profile_from_blocks`` directly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import numpy as np

from kohtaava_desk.audio.blocks import SAMPLE_RATE, AudioBlock
from kohtaava_desk.cli.common import add_office_option
from kohtaava_desk.listening import texts

MAX_ENROL_S = 90.0
"""Audio beyond this is ignored: enough for a stable profile, and a bound on memory."""
EXIT_OK = 0
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
                   help="a WAV recording of the expert alone, 20-30 s of speech")
    p.add_argument("--output", type=Path, metavar="PATH", default=None,
                   help="where to save the profile (default: the app's data folder)")
    p.add_argument("--lang", choices=texts.LANGUAGES, default=None,
                   help="message language (default: ui.language of the configuration, else fi)")
    add_office_option(p)
    return p


def collect_mono(blocks: Iterable[AudioBlock], max_s: float = MAX_ENROL_S) -> np.ndarray:
    """Join blocks into one int16 mono array, stopping after ``max_s`` seconds."""
    parts: list[np.ndarray] = []
    total = 0
    limit = int(max_s * SAMPLE_RATE)
    for block in blocks:
        samples = np.asarray(block.samples)
        if samples.ndim == 2:
            samples = np.round(samples.astype(np.float32).mean(axis=1)).astype(np.int16)
        take = samples[: limit - total]
        parts.append(take)
        total += len(take)
        if total >= limit:
            break
    return np.concatenate(parts) if parts else np.zeros(0, np.int16)


def profile_from_blocks(blocks: Iterable[AudioBlock], max_s: float = MAX_ENROL_S):
    """The VoiceProfile of the speech in ``blocks`` (raises EnrolmentError if there is too little)."""
    from kohtaava_desk.speakers.embedding import enrol_profile

    wav = collect_mono(blocks, max_s)
    try:
        return enrol_profile(wav)
    finally:
        del wav  # the recording is not kept beyond this call


def run(args: argparse.Namespace, *, source: Iterable[AudioBlock] | None = None,
        out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    from kohtaava_desk.cli.analyze import configured_language

    lang = getattr(args, "lang", None) or configured_language(args)
    from kohtaava_desk.audio.wavfile import FileSource, WavFileError
    from kohtaava_desk.speakers.locations import default_profile_path
    from kohtaava_desk.speakers.profile import EnrolmentError, VoiceProfileError
    from kohtaava_desk.speakers.weights import WeightsError

    try:
        if source is None:
            path = getattr(args, "from_file", None)
            if path is None:
                print(texts.text("enroll.no_source", lang), file=err)
                return EXIT_BAD_INPUT
            file_source = FileSource(path)
            if file_source.info.channels == 2:
                print(texts.text("enroll.stereo", lang, path=path), file=err)
            source = file_source
        profile = profile_from_blocks(source)
        target = getattr(args, "output", None) or default_profile_path()
        saved = profile.save(target)
    except WavFileError as exc:
        print(exc.text(lang), file=err)
        return EXIT_BAD_INPUT
    except EnrolmentError as exc:
        print(exc.localized(lang or texts.DEFAULT_LANGUAGE), file=err)
        return EXIT_BAD_INPUT
    except VoiceProfileError as exc:
        print(str(exc), file=err)
        return EXIT_BAD_INPUT
    except WeightsError as exc:
        print(texts.text("error.weights", lang, error=exc), file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"{getattr(args, 'output', None) or default_profile_path()}: {exc.strerror or exc}", file=err)
        return EXIT_BAD_INPUT
    print(texts.text("enroll.saved", lang, path=saved, speech=profile.speech_s), file=out)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kohtaava-desk")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    return run(parser.parse_args(["enroll", *(sys.argv[1:] if argv is None else argv)]))


if __name__ == "__main__":
    sys.exit(main())
