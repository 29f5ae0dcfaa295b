"""The expert's voice profile: a few hundred numbers from the enrolment, never audio.

Enrolment keeps only the speech of the recording, cuts it into 1.6 s windows (the encoder's training
length, the same size as a live chunk), embeds each window on its own level-normalised audio — exactly as
live chunks are embedded, so profile and live embeddings are comparable — and keeps:
- the centroid (unit mean) of the window embeddings,
- how many windows and seconds of speech it rests on,
- how tightly the windows cluster (cosine to the centroid: mean, spread, low percentile; mean pairwise
  cosine), which tells the attribution what "sounds like the expert" means for this voice,
- which encoder made it and the file-format version.

The JSON file holds exactly these keys; loading rejects anything else, so a profile can never smuggle
audio, text or identity along.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kohtaava_desk.speakers import melspec
from kohtaava_desk.speakers.encoder import EMBEDDING_SIZE, PARTIAL_SAMPLES, VoiceEncoder, as_float_wave, unit_mean

PROFILE_FORMAT = "kohtaava-desk-voice-profile"
"""Marker that tells a voice profile from any other JSON file."""
FORMAT_VERSION = 1
"""Bumped when the file layout changes; older files are read or rejected with a clear message."""
_KEYS = {"format", "format_version", "encoder", "embedding", "windows", "speech_s", "similarity"}
_SIMILARITY_KEYS = {"mean", "std", "min", "p10", "pairwise_mean"}
_MAX_FILE_BYTES = 64 * 1024
"""A real profile is ~4 kB; anything much larger is not one of ours."""


class VoiceProfileError(ValueError):
    """A voice profile file is missing, unreadable, malformed or made by another encoder."""


class EnrolmentError(ValueError):
    """The enrolment recording cannot give a reliable profile (too little speech, wrong format)."""

    def __init__(self, message: str, speech_s: float | None = None, required_s: float | None = None) -> None:
        super().__init__(message)
        self.speech_s = speech_s
        """Seconds of speech found, when the problem is too little speech."""
        self.required_s = required_s
        """Seconds of speech needed."""

    def localized(self, lang: str = "fi") -> str:
        """The message for the expert in fi / sv / en."""
        if self.speech_s is None or self.required_s is None:
            return str(self)
        from kohtaava_desk.i18n import t

        return t("enroll.too_little_speech", lang, found=self.speech_s, need=self.required_s)


@dataclass(frozen=True)
class EnrolmentSettings:
    """How enrolment audio becomes a profile."""

    min_speech_s: float = 8.0
    """Less speech than this gives an unreliable centroid: refuse it."""
    window_s: float = PARTIAL_SAMPLES / melspec.SAMPLE_RATE
    """Window length; 1.6 s is what the encoder was trained on."""
    hop_s: float = 0.8
    """Step between windows (half overlap: twice the windows from the same speech)."""
    frame_ms: int = 30
    """Speech-gate frame length (a webrtcvad frame size)."""
    floor_percentile: float = 10.0
    """The room's noise floor is this low percentile of the frame energies."""
    gate_margin_db: float = 10.0
    """A frame must be this much louder than the noise floor to count as speech."""
    peak_range_db: float = 40.0
    """…and no more than this much quieter than the loudest frames (ignores faint background talk)."""
    silence_dbfs: float = -60.0
    """Frames quieter than this are silence whatever the floor says."""
    hangover_frames: int = 3
    """Frames kept on each side of a speech run so word edges are not clipped."""
    vad_mode: int = 2
    """webrtcvad aggressiveness (0..3) when webrtcvad is installed; the energy gate alone otherwise."""

    def __post_init__(self) -> None:
        if self.frame_ms not in (10, 20, 30):
            raise ValueError(f"EnrolmentSettings.frame_ms must be 10, 20 or 30, not {self.frame_ms}")
        if not 0.0 < self.hop_s <= self.window_s:
            raise ValueError(f"EnrolmentSettings.hop_s must be in (0, window_s], not {self.hop_s}")
        if self.vad_mode not in (0, 1, 2, 3):
            raise ValueError(f"EnrolmentSettings.vad_mode must be 0..3, not {self.vad_mode}")


@dataclass(frozen=True, eq=False)
class VoiceProfile:
    """The enrolled expert's voice as numbers."""

    embedding: np.ndarray
    """(256,) float32 unit vector: the centroid of the enrolment windows."""
    windows: int
    """How many 1.6 s windows the centroid averages."""
    speech_s: float
    """Seconds of speech the enrolment held."""
    similarity_mean: float
    """Mean cosine of the enrolment windows to the centroid."""
    similarity_std: float
    """Their standard deviation."""
    similarity_min: float
    """The lowest window-to-centroid cosine."""
    similarity_p10: float
    """10th percentile of window-to-centroid cosines: a natural floor for "sounds like the expert"."""
    pairwise_mean: float
    """Mean cosine between distinct windows (the voice's own variability, centroid-free)."""
    encoder: str = VoiceEncoder.encoder_id
    """The encoder that made the embedding; embeddings of different encoders don't compare."""
    format_version: int = FORMAT_VERSION
    """File layout version."""

    def __post_init__(self) -> None:
        embedding = np.array(self.embedding, dtype=np.float32)  # own copy, then frozen like the rest
        if embedding.shape != (EMBEDDING_SIZE,):
            raise ValueError(f"VoiceProfile.embedding must have shape ({EMBEDDING_SIZE},), not {embedding.shape}")
        embedding.setflags(write=False)
        object.__setattr__(self, "embedding", embedding)

    def similarity(self, embeddings: np.ndarray) -> np.ndarray:
        """Cosine of each (…, 256) unit embedding to the profile."""
        return np.asarray(embeddings, dtype=np.float32) @ self.embedding

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": PROFILE_FORMAT,
            "format_version": self.format_version,
            "encoder": self.encoder,
            "embedding": [float(f"{x:.7g}") for x in self.embedding.tolist()],
            "windows": int(self.windows),
            "speech_s": round(float(self.speech_s), 2),
            "similarity": {
                "mean": round(float(self.similarity_mean), 6),
                "std": round(float(self.similarity_std), 6),
                "min": round(float(self.similarity_min), 6),
                "p10": round(float(self.similarity_p10), 6),
                "pairwise_mean": round(float(self.pairwise_mean), 6),
            },
        }

    def save(self, path: str | Path) -> Path:
        """Write the profile as JSON, atomically (a crash never leaves half a profile)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.to_dict(), indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".voice-profile-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def from_dict(cls, data: Any, source: str = "voice profile") -> VoiceProfile:
        def bad(what: str) -> VoiceProfileError:
            return VoiceProfileError(f"{source}: {what}")

        if not isinstance(data, dict):
            raise bad("is not a voice profile (expected a JSON object)")
        if data.get("format") != PROFILE_FORMAT:
            raise bad(f"is not a voice profile (key 'format' must be {PROFILE_FORMAT!r})")
        version = data.get("format_version")
        if version != FORMAT_VERSION:
            raise bad(f"has format_version {version!r}; this app reads version {FORMAT_VERSION}. Enrol again.")
        unknown = sorted(set(data) - _KEYS)
        missing = sorted(_KEYS - set(data))
        if unknown:
            raise bad(f"has unexpected key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")
        if missing:
            raise bad(f"lacks key(s) {', '.join(missing)}")
        encoder = data["encoder"]
        if encoder != VoiceEncoder.encoder_id:
            raise bad(
                f"was made with speaker encoder {encoder!r}, but this app uses {VoiceEncoder.encoder_id!r}. Enrol again."
            )
        raw = data["embedding"]
        if not isinstance(raw, list) or len(raw) != EMBEDDING_SIZE or not all(_is_number(x) for x in raw):
            raise bad(f"key 'embedding' must be a list of {EMBEDDING_SIZE} finite numbers")
        embedding = np.asarray(raw, dtype=np.float64)
        norm = float(np.linalg.norm(embedding))
        if not 0.99 <= norm <= 1.01:
            raise bad(f"key 'embedding' must be a unit vector (its length is {norm:.4f})")
        windows = data["windows"]
        if not isinstance(windows, int) or isinstance(windows, bool) or windows < 1:
            raise bad(f"key 'windows' must be a positive integer, not {windows!r}")
        speech_s = data["speech_s"]
        if not _is_number(speech_s) or speech_s <= 0:
            raise bad(f"key 'speech_s' must be a positive number, not {speech_s!r}")
        sim = data["similarity"]
        if not isinstance(sim, dict) or set(sim) != _SIMILARITY_KEYS:
            raise bad(f"key 'similarity' must hold exactly {', '.join(sorted(_SIMILARITY_KEYS))}")
        for key, value in sim.items():
            if not _is_number(value) or not -1.0 <= value <= 1.0:
                raise bad(f"key 'similarity.{key}' must be a number in -1..1, not {value!r}")
        return cls(
            embedding=(embedding / norm).astype(np.float32),
            windows=windows,
            speech_s=float(speech_s),
            similarity_mean=float(sim["mean"]),
            similarity_std=float(sim["std"]),
            similarity_min=float(sim["min"]),
            similarity_p10=float(sim["p10"]),
            pairwise_mean=float(sim["pairwise_mean"]),
            encoder=encoder,
            format_version=version,
        )

    @classmethod
    def load(cls, path: str | Path) -> VoiceProfile:
        """Read a profile saved by :meth:`save`; any problem raises VoiceProfileError naming the file."""
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > _MAX_FILE_BYTES:
                raise VoiceProfileError(f"{path}: is {size} bytes, far too large for a voice profile")
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise VoiceProfileError(f"{path}: voice profile not found; enrol first (kohtaava-desk enroll)") from None
        except UnicodeDecodeError:
            raise VoiceProfileError(f"{path}: is not a voice profile (not UTF-8 text)") from None
        except OSError as exc:
            raise VoiceProfileError(f"{path}: cannot read the voice profile ({exc.strerror or exc})") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise VoiceProfileError(f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
        return cls.from_dict(data, source=str(path))


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _to_float(wav: np.ndarray) -> np.ndarray:
    # The encoder's own input check, so enrolment accepts exactly what the encoder does; re-raised as
    # EnrolmentError because callers report every enrolment problem through that one type.
    try:
        return as_float_wave(wav)
    except ValueError as exc:
        raise EnrolmentError(f"enrolment audio: {exc}") from None


def speech_mask(wav: np.ndarray, settings: EnrolmentSettings = EnrolmentSettings()) -> np.ndarray:
    """Per-frame speech decision for a whole 16 kHz float recording (frame = settings.frame_ms).

    The recording is available in full, so the noise floor is simply a low percentile of all frame
    energies; webrtcvad (when installed) must agree, which removes steady hum that is loud but not voiced.
    """
    frame = settings.frame_ms * melspec.SAMPLE_RATE // 1000
    n = len(wav) // frame
    if n == 0:
        return np.zeros(0, dtype=bool)
    frames = wav[: n * frame].reshape(n, frame).astype(np.float64)
    with np.errstate(divide="ignore"):
        level = 10.0 * np.log10(np.mean(frames**2, axis=1) + 1e-12)
    floor = np.percentile(level, settings.floor_percentile)
    peak = np.percentile(level, 99.0)
    voiced = (
        (level > floor + settings.gate_margin_db)
        & (level > peak - settings.peak_range_db)
        & (level > settings.silence_dbfs)
    )
    vad = _webrtc_votes(frames, settings)
    if vad is not None:
        voiced &= vad
    if settings.hangover_frames > 0 and voiced.any():
        width = 2 * settings.hangover_frames + 1
        voiced = np.convolve(voiced.astype(np.int32), np.ones(width, dtype=np.int32), mode="same") > 0
    return voiced


def _webrtc_votes(frames: np.ndarray, settings: EnrolmentSettings) -> np.ndarray | None:
    try:
        import webrtcvad  # noqa: PLC0415 - optional, heavy-ish C extension
    except ImportError:
        return None
    vad = webrtcvad.Vad(settings.vad_mode)
    pcm = np.clip(np.round(frames * 32767.0), -32768, 32767).astype("<i2")
    return np.fromiter(
        (vad.is_speech(row.tobytes(), melspec.SAMPLE_RATE) for row in pcm), dtype=bool, count=len(pcm)
    )


def speech_windows(wav: np.ndarray, settings: EnrolmentSettings = EnrolmentSettings()) -> tuple[list[np.ndarray], float]:
    """The recording's speech, joined and cut into overlapping windows; also the seconds of speech."""
    wav = _to_float(wav)
    mask = speech_mask(wav, settings)
    frame = settings.frame_ms * melspec.SAMPLE_RATE // 1000
    speech = wav[: len(mask) * frame][np.repeat(mask, frame)]
    speech_s = len(speech) / melspec.SAMPLE_RATE
    size = int(round(settings.window_s * melspec.SAMPLE_RATE))
    hop = int(round(settings.hop_s * melspec.SAMPLE_RATE))
    windows = [speech[i : i + size] for i in range(0, len(speech) - size + 1, hop)]
    return windows, speech_s


def enrol(
    wav: np.ndarray,
    encoder: VoiceEncoder | None = None,
    settings: EnrolmentSettings = EnrolmentSettings(),
) -> VoiceProfile:
    """Build the expert's profile from a 16 kHz mono enrolment recording (int16 or float in [-1, 1]).

    The recording is only read; the caller drops it afterwards. Raises EnrolmentError when it holds less
    than ``settings.min_speech_s`` of speech.
    """
    windows, speech_s = speech_windows(wav, settings)
    if speech_s < settings.min_speech_s or len(windows) < 2:
        raise EnrolmentError(
            f"enrolment recording holds only {speech_s:.1f} s of speech; at least "
            f"{settings.min_speech_s:.0f} s is needed (read the whole text, close to the microphone)",
            speech_s=speech_s,
            required_s=settings.min_speech_s,
        )
    from kohtaava_desk.speakers.embedding import level_normalised

    encoder = encoder or VoiceEncoder.load()
    # Scaled like every live chunk (see speakers/embedding.py): a profile must compare with the meeting.
    embeddings = encoder.embed_many([level_normalised(w) for w in windows], normalize=False)
    return profile_from_embeddings(embeddings, speech_s, encoder.encoder_id)


def profile_from_embeddings(embeddings: np.ndarray, speech_s: float, encoder_id: str = VoiceEncoder.encoder_id) -> VoiceProfile:
    """Summarise window embeddings (N >= 2, unit rows) into a profile."""
    embeddings = np.asarray(embeddings, dtype=np.float64)
    if embeddings.ndim != 2 or embeddings.shape[1] != EMBEDDING_SIZE or len(embeddings) < 2:
        raise ValueError(f"need at least two {EMBEDDING_SIZE}-d embeddings, got shape {embeddings.shape}")
    centroid = unit_mean(embeddings)
    to_centroid = embeddings @ centroid.astype(np.float64)
    gram = embeddings @ embeddings.T
    n = len(embeddings)
    pairwise = (gram.sum() - np.trace(gram)) / (n * (n - 1))
    return VoiceProfile(
        embedding=centroid,
        windows=n,
        speech_s=float(speech_s),
        similarity_mean=float(to_centroid.mean()),
        similarity_std=float(to_centroid.std()),
        similarity_min=float(to_centroid.min()),
        similarity_p10=float(np.percentile(to_centroid, 10)),
        pairwise_mean=float(pairwise),
        encoder=encoder_id,
    )
