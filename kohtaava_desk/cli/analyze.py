"""`kohtaava-desk analyze FILE.wav`: run the listening pipeline over a recording, much faster than real time.

The talk goes into the same meeting model as a live meeting (on a clock that follows the audio), so
the figures are the ledger's own. Prints who talked how much (expert, client, unattributed) and the
expert's longest monologue; with ``--json`` exactly one JSON object with the keys in ``SUMMARY_KEYS``;
with ``--save`` the summary is stored like a meeting. The recording is only read: nothing of it is
written anywhere, and the voice sample given with ``--enroll`` is not kept either.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from kohtaava_desk.audio.blocks import AudioBlock
from kohtaava_desk.cli.common import add_office_option, configured_language, number_arg, number_list_arg
from kohtaava_desk.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from kohtaava_desk.app.listening import VoiceSource, build_pipeline, profile_embedding
from kohtaava_desk.listening.pipeline import ListeningPipeline
from kohtaava_desk.listening.tally import TalkTally
from kohtaava_desk.meeting import Meeting, MeetingSummary, Step
from kohtaava_desk.meeting.summary import step_figures
from kohtaava_desk.speakers.attribution import Confidence

EXIT_OK = 0
EXIT_BAD_INPUT = 2

SUMMARY_KEYS = ("duration_s", "speech_s", "expert_s", "client_s", "unknown_s", "expert_share",
                "longest_expert_monologue_s", "share_low", "share_high", "confidence", "calibrating_until_s",
                "steps")
"""Exactly the keys of ``analyze --json`` (plus "timeline" with ``--timeline``)."""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "analyze",
        help="measure the expert/client talk balance of a WAV recording",
        description="Run the listening pipeline over a WAV file (mono or stereo, 8-48 kHz, 8/16/24/32-bit "
        "PCM or float) and print speech time per speaker, the expert's share and longest monologue. "
        "Without --enroll/--profile the saved voice profile is used if there is one; otherwise the "
        "louder voice is guessed to be the expert (less reliable). Nothing is written to disk.",
    )
    p.add_argument("file", type=Path, metavar="FILE.wav", help="the recording to analyse")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--enroll", type=Path, metavar="VOICE.wav",
                     help="a recording of the expert alone (20-30 s) to recognise the expert by; not saved")
    who.add_argument("--profile", type=Path, metavar="PROFILE.json", help="a saved voice profile")
    who.add_argument("--no-profile", action="store_true",
                     help="ignore any saved profile and guess the expert by loudness")
    p.add_argument("--two-channel", action="store_true",
                   help="stereo file with one microphone per person (left/channel 1 = expert)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--timeline", action="store_true",
                   help="also list the labelled speech segments (start and end in seconds, who spoke), "
                        "to check the result against your own listening")
    p.add_argument("--save", action="store_true",
                   help="store the result among your meeting summaries (numbers only), for the self-review")
    p.add_argument("--length", type=number_arg(1, 600, "minutes"), metavar="MIN",
                   help="the meeting length that was announced, in minutes (for --save; default: the configured one)")
    p.add_argument("--steps", type=number_list_arg(0, 24 * 3600, 3, "60,600,1500"), metavar="S1,S2,S3", default=(),
                   help="seconds into the recording at which Ohjauksellinen, Neuvonnallinen and Hyvästely began")
    p.add_argument("--date", type=_meeting_date, metavar="YYYY-MM-DD[THH:MM]", default=None,
                   help="when the meeting took place (for --save; default: now). The file's own time is "
                        "not used: copies and downloads change it")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="message language (default: ui.language of the configuration, else fi)")
    add_office_option(p)
    return p


SAVE_WAIT_S = 3.0
"""How long --save waits for a meeting in the widget to release the store before refusing."""
MIN_SAVE_S = 1.0
"""A recording shorter than this is not stored as a meeting (it would show as a 0:00 meeting)."""


def _meeting_date(text: str) -> datetime:
    try:
        when = datetime.fromisoformat(text.strip().replace(" ", "T"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"invalid date {text!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM, e.g. 2026-09-01T13:30") from None
    return when if when.tzinfo else when.astimezone()


class _AudioClock:
    """The meeting's clock while replaying a file: seconds of audio read so far."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


class Listening:
    """What the analysis learnt besides the meeting's ledger: when the figure settled, the segments."""

    def __init__(self, pipeline: ListeningPipeline) -> None:
        self.pipeline = pipeline
        self.calibrating_until_s: float | None = None
        """Audio time at which "calibrating" went off (None: it never did)."""
        self.tally = TalkTally()

    def note(self, events: list, t: float) -> list:
        self.tally.apply(events)
        if self.calibrating_until_s is None and not self.pipeline.calibrating:
            self.calibrating_until_s = round(t, 2)
        return events


def analyze_blocks(blocks: Iterable[AudioBlock], pipeline: ListeningPipeline, meeting: Meeting,
                   clock: _AudioClock, step_times: tuple[float, ...] = (),
                   listening: Listening | None = None) -> MeetingSummary:
    """Feed every block and its talk events into a meeting that started with the recording."""
    pending = list(zip(step_times, (Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN, Step.HYVASTELY)))
    listening = listening or Listening(pipeline)
    meeting.start()
    for block in blocks:
        while pending and pending[0][0] <= block.t0:
            clock.t = pending[0][0]
            meeting.go_to(pending.pop(0)[1])
        clock.t = max(clock.t, block.t1)
        meeting.apply(listening.note(pipeline.feed(block), block.t1))
    meeting.apply(listening.note(pipeline.finish(), clock.t))
    return meeting.end()


def _share(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def json_figures(summary: MeetingSummary, listening: Listening | None = None) -> dict[str, object]:
    """The ``analyze --json`` object (seconds rounded to 0.01, shares to 0.0001); ``steps`` holds one
    object per step with the keys of meeting.summary.STEP_FIGURES, as `export --format json` does."""
    share = summary.expert_share
    low = high = None
    confidence, settled = "low", None
    if listening is not None:
        band = listening.pipeline.share_band
        if band is not None and share is not None:
            # The band is the attribution's own; the ledger's share always lies inside it.
            low, high = round(min(band[0], share), 4), round(max(band[1], share), 4)
        confidence = listening.pipeline.figure_confidence
        settled = listening.calibrating_until_s
    return {
        "duration_s": round(summary.actual_s, 2),
        "speech_s": round(summary.speech_s, 2),
        "expert_s": summary.expert_s,
        "client_s": summary.client_s,
        "unknown_s": summary.unknown_s,
        "expert_share": _share(share),
        "longest_expert_monologue_s": summary.longest_expert_monologue_s,
        "share_low": low,
        "share_high": high,
        "confidence": confidence,
        "calibrating_until_s": settled,
        "steps": [{**f, "expert_share": _share(f["expert_share"])} for f in map(step_figures, summary.steps)],
    }


def timeline(tally: TalkTally, join_s: float = 0.05) -> list[dict[str, float | str]]:
    """The labelled speech segments, neighbours of the same speaker joined: start, end, speaker."""
    out: list[dict[str, float | str]] = []
    for seg in tally.segments():
        last = out[-1] if out else None
        if last is not None and last["speaker"] == seg.speaker.value and seg.start - last["end"] <= join_s:
            last["end"] = round(seg.end, 2)
        else:
            out.append({"start": round(seg.start, 2), "end": round(seg.end, 2), "speaker": seg.speaker.value})
    return out


def run(args: argparse.Namespace, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    lang = getattr(args, "lang", None) or configured_language(args)
    from kohtaava_desk.audio.wavfile import FileSource, WavFileError
    from kohtaava_desk.speakers.profile import EnrolmentError, VoiceProfileError
    from kohtaava_desk.speakers.weights import WeightsError

    two_channel = bool(getattr(args, "two_channel", False))
    try:
        source = FileSource(args.file, two_channel=two_channel)
        profile = None
        if two_channel:
            if getattr(args, "enroll", None) or getattr(args, "profile", None):
                print(t("analyze.profile_ignored", lang), file=err)
        else:
            profile = profile_embedding(VoiceSource(getattr(args, "enroll", None), getattr(args, "profile", None),
                                                    saved=not getattr(args, "no_profile", False)))
        pipeline = build_pipeline(profile, two_channel=two_channel)
        meeting, clock = _meeting_for(args, source)
        listening = Listening(pipeline)
        result = analyze_blocks(source, pipeline, meeting, clock, getattr(args, "steps", ()), listening)
    except WavFileError as exc:
        print(exc.text(lang), file=err)
        return EXIT_BAD_INPUT
    except (VoiceProfileError, EnrolmentError) as exc:
        message = exc.localized(lang or DEFAULT_LANGUAGE) if isinstance(exc, EnrolmentError) else str(exc)
        print(message, file=err)
        return EXIT_BAD_INPUT
    except WeightsError as exc:
        print(t("error.weights", lang, error=exc), file=err)
        return EXIT_BAD_INPUT
    summary = json_figures(result, listening)
    segments = timeline(listening.tally) if getattr(args, "timeline", False) else None
    if getattr(args, "json", False):
        print(json.dumps(summary if segments is None else {**summary, "timeline": segments}), file=out)
    else:
        two_voices = pipeline.confidence is Confidence.CHANNELS or pipeline.attribution.has_split
        _print_text(summary, pipeline.confidence, two_voices, lang, out)
        if segments is not None:
            _print_timeline(segments, lang, out)
    if source.incomplete:
        print(t("analyze.incomplete", lang, claimed=source.claimed_seconds, read=source.read_seconds), file=err)
    if getattr(args, "save", False):
        refusal = _save_refusal(args, source, lang)
        if refusal:
            print(refusal, file=err)
            return EXIT_BAD_INPUT
        # With --json, standard output holds exactly the one object; the note goes to stderr.
        return _save(result, lang, err if getattr(args, "json", False) else out, err)
    return EXIT_OK


def _save_refusal(args: argparse.Namespace, source, lang: str | None) -> str | None:
    """Why this analysis must not be stored as a meeting, or None."""
    if source.incomplete:
        return t("analyze.not_saved_incomplete", lang)
    if source.read_seconds < MIN_SAVE_S:
        return t("analyze.not_saved_short", lang, seconds=source.read_seconds, minimum=MIN_SAVE_S)
    when = getattr(args, "date", None)
    if when is not None:
        from kohtaava_desk.cli.common import effective_config

        now = datetime.now().astimezone()
        days = effective_config(args, report=False).config.privacy.retention_days
        if when > now + timedelta(minutes=1):
            return t("analyze.date_future", lang, date=when.isoformat(timespec="minutes"))
        if when.date() < (now - timedelta(days=days)).date():
            return t("analyze.date_too_old", lang, date=when.date().isoformat(), days=days)
    return None


def _meeting_for(args: argparse.Namespace, source) -> tuple[Meeting, _AudioClock]:
    from kohtaava_desk.cli.common import effective_config

    config = effective_config(args).config  # a broken --office is named on stderr, never fatal
    # Dated now unless told otherwise: a file's modification time says when it was copied, not when the
    # meeting was (an old one would be deleted by retention at once, a future one would escape it).
    started = getattr(args, "date", None) or datetime.now().astimezone()
    clock = _AudioClock()
    meeting = Meeting(config, now=clock, wall=lambda: started.isoformat(timespec="minutes"))
    if getattr(args, "length", None) is not None:
        meeting.set_length(args.length, "click")
    return meeting, clock


def _save(summary: MeetingSummary, lang: str | None, out: TextIO, err: TextIO) -> int:
    from kohtaava_desk.store.db import MeetingStore
    from kohtaava_desk.store.errors import StoreError
    from kohtaava_desk.store.locks import meeting_lock

    lock = meeting_lock()
    try:
        if not lock.acquire(wait_s=SAVE_WAIT_S):
            print(t("store.meeting_running", lang, pid=lock.holder() or "?"), file=err)
            return EXIT_BAD_INPUT
    except OSError:
        pass  # no lock file possible; the store says why it cannot save, if it cannot
    try:
        with MeetingStore() as store:
            if store.notice is not None:
                print(store.notice.message(lang or DEFAULT_LANGUAGE), file=err)
            meeting_id = store.save_summary(summary)
    except StoreError as exc:
        print(t("analyze.save_failed", lang, error=exc), file=err)
        return EXIT_BAD_INPUT
    finally:
        lock.release()
    print(t("analyze.saved", lang, id=meeting_id), file=out)
    return EXIT_OK


def _print_text(summary: dict, confidence: Confidence, two_voices: bool, lang: str | None, out: TextIO) -> None:
    def text(key: str) -> str:
        return t(key, lang)

    speech = summary["speech_s"] or 0.0

    def part(seconds: float) -> str:
        pct = f" ({100 * seconds / speech:.0f} %)" if speech > 0 else ""
        return f"{seconds:.1f} s{pct}"

    duration = summary["duration_s"]
    share = summary["expert_share"]
    lines = [
        f"{text('analyze.duration')}: {int(duration // 60)}:{duration % 60:04.1f}",
        f"{text('analyze.speech')}: {speech:.1f} s",
        f"  {text('analyze.expert')}: {part(summary['expert_s'])}",
        f"  {text('analyze.client')}: {part(summary['client_s'])}",
        f"  {text('analyze.unknown')}: {part(summary['unknown_s'])}",
        f"{text('analyze.share')}: " + _share_text(summary, two_voices, lang),
        f"{text('analyze.monologue')}: {summary['longest_expert_monologue_s']:.1f} s",
        text(f"analyze.mode.{confidence.value}"),
    ]
    print("\n".join(lines), file=out)


def _share_text(summary: dict, two_voices: bool, lang: str | None) -> str:
    share = summary["expert_share"]
    if share is None:
        return t("analyze.no_speech", lang)
    text = f"{100 * share:.0f} %"
    if not two_voices:
        return f"{text} ({t('analyze.client_not_heard', lang)})"
    if summary["share_low"] is not None:
        approx = "" if summary["confidence"] == "high" else "≈ "
        text = approx + text + " " + t("analyze.band", lang, low=round(100 * summary["share_low"]),
                                       high=round(100 * summary["share_high"]),
                                       confidence=t(f"analyze.confidence.{summary['confidence']}", lang))
    return text


def _print_timeline(segments: list[dict], lang: str | None, out: TextIO) -> None:
    print(f"\n{t('analyze.timeline', lang)}", file=out)
    for seg in segments:
        print(f"{seg['start']:9.2f} {seg['end']:9.2f}  {t('analyze.' + str(seg['speaker']), lang)}", file=out)
