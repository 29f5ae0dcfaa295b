"""Whisper through faster-whisper (CTranslate2, int8 on CPU): the engine that exists for Finnish.

An optional extra (`pip install kohtaava-desk[whisper]`), imported only when the office chooses
`[speech] engine = "whisper"`. Unlike Vosk it does not stream: it gets one whole utterance of the
expert's speech (cut by the app's own voice activity) and returns its text, with
- the language fixed ("fi" or "sv") and no conditioning on earlier text (no carried-over errors);
- a prompt made of the office's cue vocabulary, so those words are the likely spellings;
- guards against what Whisper invents on silence or noise (a high no-speech probability with low
  confidence, stock subtitle phrases, an echo of the prompt) and against repetition loops (a high
  compression ratio, one word or phrase repeated);
- numbers it writes as digits joined where it split them (see language/asr_text.py).

The model folder is CTranslate2's layout: model.bin, config.json, tokenizer.json (and a
vocabulary file). Text never leaves the caller: nothing here logs or stores it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..language.asr_text import normalise_recognised
from ..language.normalize import tokens

if TYPE_CHECKING:
    from .kaldi import Decoded, Decoder
    from .model import ModelLayout

REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
VOCABULARY_FILES = ("vocabulary.json", "vocabulary.txt")
SAMPLE_RATE = 16_000


class WhisperUnavailable(RuntimeError):
    """faster-whisper is not installed (the optional extra)."""


@dataclass(frozen=True)
class WhisperSettings:
    language: str = "fi"
    beam_size: int = 5
    """On short utterances the encoder dominates the cost: a beam of 5 cost no more CPU than greedy
    decoding on the bench (0.60 vs 0.62 × real time) and kept more lengths and cues (bench/whisper_bench.py)."""
    cpu_threads: int = 2
    min_utterance_s: float = 0.4
    """Shorter than this is a cough or a click, not a sentence."""
    max_utterance_s: float = 20.0
    """Longer utterances are cut to their first this-many seconds (bounded work per utterance)."""
    min_rms: float = 0.003
    """Quieter than this (full scale = 1) is silence to Whisper, which would invent text for it."""
    no_speech_threshold: float = 0.6
    log_prob_threshold: float = -1.0
    compression_ratio_threshold: float = 2.2
    """Above this the text repeats itself (zlib ratio): a decoding loop, dropped."""


def whisper_model_dir(model_path: str | Path | None) -> Path:
    """The folder named in speech.model_path; empty means models/whisper in the installation."""
    if model_path is None or str(model_path).strip() == "":
        return Path(__file__).resolve().parents[2] / "models" / "whisper"
    return Path(str(model_path).strip()).expanduser()


def is_whisper_dir(path: Path) -> bool:
    return (path / "model.bin").is_file() and (path / "config.json").is_file()


def missing_files(path: Path) -> list[str]:
    """The files a CTranslate2 Whisper folder lacks (relative names), empty when complete."""
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file() or (path / f).stat().st_size == 0]
    if not any((path / f).is_file() for f in VOCABULARY_FILES):
        missing.append(" / ".join(VOCABULARY_FILES))
    return missing


def load_whisper(path: Path, settings: WhisperSettings = WhisperSettings()) -> object:
    """A faster_whisper.WhisperModel on the CPU with int8 weights; the import happens here."""
    try:
        from faster_whisper import WhisperModel
    except ImportError as exc:
        raise WhisperUnavailable(
            "the Whisper engine needs faster-whisper: pip install 'kohtaava-desk[whisper]'"
        ) from exc
    try:
        import tqdm

        # faster-whisper makes tqdm bars; their monitor thread would outlive every worker the app joins.
        tqdm.tqdm.monitor_interval = 0
    except ImportError:
        pass
    return WhisperModel(str(path), device="cpu", compute_type="int8", cpu_threads=settings.cpu_threads)


_LENGTH_WORDS = {
    "fi": "tunti, tuntia, puoli tuntia, puolitoista tuntia, vartti, minuuttia, aikaa",
    "sv": "timme, halvtimme, halvannan timme, kvart, minuter",
}


def cue_prompt(phrases: Iterable[str], language: str = "fi", limit: int = 220) -> str:
    """The office's cue words (stems without "*", each once) and the length words, as a word list
    for Whisper's initial prompt: those spellings become the likely ones."""
    seen: list[str] = []
    for phrase in phrases:
        for word in phrase.replace("*", "").split():
            w = word.strip(".,!?").lower()
            if len(w) > 3 and w not in seen:
                seen.append(w)
    out = _LENGTH_WORDS.get(language, "")
    for w in seen:
        if len(out) + len(w) + 2 > limit:
            break
        out = f"{out}, {w}" if out else w
    return out


# Stock phrases Whisper writes over silence and noise (subtitle credits it learned from).
_HALLUCINATIONS = (
    "kiitos kun katsoit", "kiitos katsomisesta", "tekstitys", "tekstittänyt", "suomennos",
    "thanks for watching", "thank you for watching", "subtitles", "undertext", "tack för att du tittade",
    "www", "amara", "youtube", "musiikkia", "musik",
)
_REPEAT = re.compile(r"\b(\w+(?:\s+\w+){0,3})(?:\s+\1\b){3,}")


def _repetitive(text: str) -> bool:
    data = text.encode("utf-8")
    if len(data) >= 24 and len(data) / max(1, len(zlib.compress(data))) > 2.2:
        return True
    return _REPEAT.search(text.lower()) is not None


def _hallucinated(text: str, prompt: str) -> bool:
    low = text.lower()
    if any(h in low for h in _HALLUCINATIONS):
        return True
    # On silence Whisper may echo its prompt, a word list, back.
    words, listed = tokens(low), tokens(prompt.lower())
    return len(words) >= 4 and words == listed[: len(words)]


class WhisperRecognizer:
    """One loaded model reading whole utterances. Not thread-safe: use it from one worker thread."""

    def __init__(self, model: object, settings: WhisperSettings = WhisperSettings(), prompt: str = "") -> None:
        self._model = model
        self.settings = settings
        self.prompt = prompt
        self.dropped = 0
        """Utterances refused by a guard (silence, noise, repetition, stock phrase): a count only."""

    def transcribe(self, pcm: np.ndarray) -> str:
        """Text of one utterance (16 kHz mono, int16 or float), or "" when nothing trustworthy was heard."""
        s = self.settings
        x = np.asarray(pcm)
        if x.ndim == 2:
            x = x[:, 0]
        audio = x.astype(np.float32) / 32768.0 if x.dtype == np.int16 else x.astype(np.float32)
        if len(audio) < s.min_utterance_s * SAMPLE_RATE or float(np.sqrt(np.mean(audio ** 2))) < s.min_rms:
            self.dropped += 1
            return ""
        audio = audio[: int(s.max_utterance_s * SAMPLE_RATE)]
        segments, _info = self._model.transcribe(
            audio,
            language=s.language,
            task="transcribe",
            beam_size=s.beam_size,
            temperature=0.0,
            condition_on_previous_text=False,
            initial_prompt=self.prompt or None,
            without_timestamps=True,
            vad_filter=False,
            no_speech_threshold=s.no_speech_threshold,
            log_prob_threshold=s.log_prob_threshold,
            compression_ratio_threshold=s.compression_ratio_threshold,
        )
        kept: list[str] = []
        for seg in segments:
            text = seg.text.strip()
            if not text:
                continue
            if seg.no_speech_prob > s.no_speech_threshold and seg.avg_logprob < s.log_prob_threshold:
                continue
            if seg.compression_ratio > s.compression_ratio_threshold or _repetitive(text):
                continue
            if _hallucinated(text, self.prompt):
                continue
            kept.append(text)
        text = " ".join(kept)
        if not text:
            self.dropped += 1
            return ""
        return normalise_recognised(text)


# ---------------------------------------------------------------- the live recogniser worker's engine


def inspect_whisper_dir(path: Path) -> "ModelLayout":
    """The model loader's view of a Whisper folder: missing (no folder), incomplete, or usable."""
    from .model import ModelLayout, ModelProblem

    if not path.is_dir() or not any(path.iterdir()):
        return ModelLayout(path, (ModelProblem("whisper_not_found", path),), sample_rate=SAMPLE_RATE)
    missing = missing_files(path)
    if missing:
        return ModelLayout(path, (ModelProblem("whisper_incomplete", path, ", ".join(missing)),),
                           sample_rate=SAMPLE_RATE)
    return ModelLayout(path, (), sample_rate=SAMPLE_RATE)


def load_whisper_model(path: Path, settings: WhisperSettings = WhisperSettings()) -> object:
    """load_whisper for the model loader: every failure becomes a ModelLoadError naming it."""
    from .model import ModelLoadError, ModelProblem

    try:
        return load_whisper(path, settings)
    except WhisperUnavailable:
        raise ModelLoadError(ModelProblem("whisper_extra", path)) from None
    except Exception as exc:
        raise ModelLoadError(ModelProblem("load_failed", path, type(exc).__name__)) from None


class WhisperDecoder:
    """The recogniser worker's Decoder for Whisper: it keeps the utterance's audio (bounded by
    max_utterance_s) and recognises it whole when the worker ends the utterance. Times are seconds of
    audio fed to this decoder, as the worker's timeline expects."""

    def __init__(self, recognizer: WhisperRecognizer) -> None:
        self._rec = recognizer
        self._held: list[np.ndarray] = []
        self._held_n = 0
        self._fed = 0.0
        self._start = 0.0

    def accept(self, pcm: np.ndarray) -> "Decoded | None":
        if not self._held:
            self._start = self._fed
        room = int(self._rec.settings.max_utterance_s * SAMPLE_RATE) - self._held_n
        if room > 0:
            piece = np.asarray(pcm[:room], dtype=np.int16)
            self._held.append(piece)
            self._held_n += len(piece)
        self._fed += len(pcm) / SAMPLE_RATE
        return None  # Whisper does not stream: the utterance comes back from finish()

    def finish(self) -> "Decoded | None":
        from .kaldi import Decoded

        if not self._held:
            return None
        audio = np.concatenate(self._held)
        self.reset()
        text = self._rec.transcribe(audio)
        if not text:
            return None
        return Decoded(text, self._start, self._fed, len(text.split()))

    def reset(self) -> None:
        self._held, self._held_n = [], 0


def whisper_decoder_factory(settings: WhisperSettings, prompt: str) -> Callable[[object], "Decoder"]:
    """`decoder_factory` for RecognizerWorker: one WhisperDecoder over the shared loaded model."""
    return lambda model: WhisperDecoder(WhisperRecognizer(model, settings, prompt))
