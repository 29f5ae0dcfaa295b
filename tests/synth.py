"""Synthetic speech for tests and the benchmark: espeak-ng voices, dialogue mixing, noise.

Nothing here ships with the app. Clips are cached in memory and in a temporary directory only
(never in the repository), keyed by text and voice, so repeated test sessions stay fast.

Other helpers may import it: ``from synth import speak, Voice`` (pytest puts tests/ on sys.path).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from math import gcd
from pathlib import Path

import numpy as np

SAMPLE_RATE = 16_000


class SynthUnavailable(RuntimeError):
    """espeak-ng is not installed (apt-get install espeak-ng)."""


@dataclass(frozen=True)
class Voice:
    """An espeak-ng Finnish voice: variant (m1..m7, f1..f5), pitch 0..99 and speed in words/min."""

    variant: str = "m3"
    pitch: int = 50
    speed: int = 160
    language: str = "fi"

    @property
    def espeak_name(self) -> str:
        return f"{self.language}+{self.variant}"


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def cache_dir() -> Path:
    """A temp folder shared by test sessions and the benchmark (synthetic audio only)."""
    base = os.environ.get("KOHTAAVA_SYNTH_CACHE") or os.path.join(
        tempfile.gettempdir(), "kohtaava-synth-cache"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def resample(x: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    """Polyphase resampling of a float signal with scipy: test material is made independently of the
    app's own resampler, which the tests check."""
    from scipy.signal import resample_poly

    if from_rate == to_rate:
        return x.astype(np.float32, copy=False)
    g = gcd(from_rate, to_rate)
    return resample_poly(x, to_rate // g, from_rate // g).astype(np.float32)


def _read_wav_bytes(data: bytes) -> tuple[np.ndarray, int]:
    with wave.open(io.BytesIO(data)) as w:
        rate = w.getframerate()
        n = w.getnframes()
        raw = w.readframes(n)
        channels = w.getnchannels()
    x = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        x = x.reshape(-1, channels).mean(axis=1)
    return x, rate


@functools.lru_cache(maxsize=512)
def _speak_cached(text: str, voice: Voice) -> np.ndarray:
    key = hashlib.sha1(f"{voice}|{text}".encode()).hexdigest()[:20]
    path = cache_dir() / f"{key}.npy"
    if path.exists():
        try:
            return np.load(path).astype(np.float32) / 32767.0
        except (OSError, ValueError):
            path.unlink(missing_ok=True)
    if not have_espeak():
        raise SynthUnavailable("espeak-ng not found; install it: apt-get install -y espeak-ng")
    out = subprocess.run(
        ["espeak-ng", "-v", voice.espeak_name, "-p", str(voice.pitch), "-s", str(voice.speed),
         "--stdout", text],
        check=True, capture_output=True,
    ).stdout
    x, rate = _read_wav_bytes(out)
    y = resample(x, rate, SAMPLE_RATE)
    pcm = to_int16(y)  # int16 on disk: half the size, and what a recorder would give anyway
    tmp = path.with_suffix(f".{os.getpid()}.tmp.npy")
    np.save(tmp, pcm)
    os.replace(tmp, path)
    return pcm.astype(np.float32) / 32767.0


def speak(text: str, voice: Voice = Voice()) -> np.ndarray:
    """Float32 mono 16 kHz speech for ``text`` (peak about 0.5..0.9 full scale)."""
    return _speak_cached(text, voice).copy()


def trim(x: np.ndarray, threshold_db: float = -45.0) -> np.ndarray:
    """Cut leading/trailing near-silence that espeak-ng leaves around a clip."""
    active = activity(x, threshold_db=threshold_db, bridge_s=0.0)
    idx = np.flatnonzero(active)
    if len(idx) == 0:
        return x[:0]
    hop = int(0.01 * SAMPLE_RATE)
    return x[idx[0] * hop: (idx[-1] + 1) * hop]


def activity(x: np.ndarray, threshold_db: float = -45.0, bridge_s: float = 0.3,
             hop_s: float = 0.01) -> np.ndarray:
    """Per-10-ms frame truth of where a dry (noise-free) track is voiced.

    Pauses shorter than ``bridge_s`` count as speech, the way a listener (and the VAD's
    hangover) hears a sentence with commas as one stretch of talk.
    """
    hop = int(hop_s * SAMPLE_RATE)
    n = len(x) // hop
    if n == 0:
        return np.zeros(0, dtype=bool)
    frames = x[: n * hop].reshape(n, hop)
    rms = np.sqrt(np.mean(frames.astype(np.float64) ** 2, axis=1) + 1e-12)
    db = 20 * np.log10(rms + 1e-12)
    active = db > threshold_db
    if bridge_s > 0:
        max_gap = int(round(bridge_s / hop_s))
        idx = np.flatnonzero(active)
        for a, b in zip(idx[:-1], idx[1:]):
            if 1 < b - a <= max_gap + 1:
                active[a:b] = True
    return active


def to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32767.0), -32768, 32767).astype(np.int16)


def write_wav(path: str | os.PathLike, samples: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """Write float (-1..1) or int16 samples, shape (n,) or (n, channels), as 16-bit PCM WAV."""
    data = samples if samples.dtype == np.int16 else to_int16(samples)
    channels = 1 if data.ndim == 1 else data.shape[1]
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(np.ascontiguousarray(data).astype("<i2").tobytes())
    return Path(path)


# --- noise -------------------------------------------------------------------------------


def coloured_noise(n: int, rng: np.random.Generator, slope_db_per_octave: float = -4.0) -> np.ndarray:
    """Steady fan/ventilation-like noise: spectrum falling with frequency plus a motor hum."""
    spec = np.fft.rfft(rng.standard_normal(n))
    freqs = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    shape = np.ones_like(freqs)
    nz = freqs > 20
    shape[nz] = (freqs[nz] / 100.0) ** (slope_db_per_octave / 6.02)
    shape[~nz] = 0.0
    y = np.fft.irfft(spec * shape, n)
    t = np.arange(n) / SAMPLE_RATE
    hum_f = rng.uniform(90, 140)
    hum = sum(np.sin(2 * np.pi * hum_f * k * t + rng.uniform(0, 6.3)) / k for k in (1, 2, 3))
    y = y / (np.std(y) + 1e-12) + 0.3 * hum / np.std(hum)
    return (y / np.std(y)).astype(np.float32)


def keyboard_clicks(n: int, rng: np.random.Generator, rate_per_s: float = 4.0) -> np.ndarray:
    """Sparse short broadband clicks (typing), unit-peak."""
    y = np.zeros(n, dtype=np.float32)
    count = rng.poisson(rate_per_s * n / SAMPLE_RATE)
    for pos in rng.integers(0, max(1, n - 400), size=count):
        length = int(rng.integers(80, 240))
        burst = rng.standard_normal(length) * np.exp(-np.arange(length) / (length / 5))
        y[pos: pos + length] += burst.astype(np.float32) * rng.uniform(0.4, 1.0)
    return y


def rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.asarray(x, dtype=np.float64) ** 2) + 1e-20))


def speech_rms(x: np.ndarray) -> float:
    """RMS over the active part only (so SNR means the same for talkative and quiet mixes)."""
    act = activity(x, bridge_s=0.0)
    hop = int(0.01 * SAMPLE_RATE)
    if not act.any():
        return rms(x)
    frames = x[: len(act) * hop].reshape(len(act), hop)[act]
    return rms(frames)


# --- dialogues ---------------------------------------------------------------------------


class TalkTruth:
    """Talk-time figures from per-10-ms truth; shared by the test Dialogue and the benchmark's Meeting
    so both count talk the same way."""

    expert_active: np.ndarray
    client_active: np.ndarray

    @property
    def expert_s(self) -> float:
        return float(self.expert_active.sum()) * 0.01

    @property
    def client_s(self) -> float:
        return float(self.client_active.sum()) * 0.01

    @property
    def speech_s(self) -> float:
        return float((self.expert_active | self.client_active).sum()) * 0.01

    @property
    def expert_share(self) -> float:
        return self.expert_s / (self.expert_s + self.client_s)


@dataclass
class Dialogue(TalkTruth):
    """Two dry tracks on one timeline plus per-10-ms truth of who is speaking."""

    expert: np.ndarray
    client: np.ndarray
    expert_active: np.ndarray = field(init=False)
    client_active: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        n = max(len(self.expert), len(self.client))
        self.expert = np.pad(self.expert, (0, n - len(self.expert)))
        self.client = np.pad(self.client, (0, n - len(self.client)))
        self.expert_active = activity(self.expert)
        self.client_active = activity(self.client)

    @property
    def duration_s(self) -> float:
        return len(self.expert) / SAMPLE_RATE



def build_dialogue(
    script: list[tuple[str, str]],
    expert_voice: Voice,
    client_voice: Voice,
    rng: np.random.Generator,
    pause_s: tuple[float, float] = (0.4, 1.2),
    lead_in_s: float = 0.5,
) -> Dialogue:
    """Lay out ``[(who, text), ...]`` (who = "expert"/"client") turn after turn with pauses."""
    tracks: dict[str, list[tuple[int, np.ndarray]]] = {"expert": [], "client": []}
    pos = int(lead_in_s * SAMPLE_RATE)
    for who, text in script:
        clip = trim(speak(text, expert_voice if who == "expert" else client_voice))
        tracks[who].append((pos, clip))
        pos += len(clip) + int(rng.uniform(*pause_s) * SAMPLE_RATE)
    total = pos + int(0.5 * SAMPLE_RATE)
    out = {}
    for who, items in tracks.items():
        y = np.zeros(total, dtype=np.float32)
        for start, clip in items:
            y[start: start + len(clip)] += clip
        out[who] = y
    return Dialogue(expert=out["expert"], client=out["client"])


def mix_mono(
    d: Dialogue,
    rng: np.random.Generator,
    client_gain_db: float = -5.0,
    snr_db: float | None = 25.0,
    level: float = 0.25,
    clicks: bool = False,
) -> np.ndarray:
    """One microphone: expert at ``level`` RMS, client ``client_gain_db`` quieter, fan noise at ``snr_db``."""
    expert = d.expert * (level / speech_rms(d.expert))
    client = d.client * (level * 10 ** (client_gain_db / 20) / speech_rms(d.client))
    y = expert + client
    if snr_db is not None:
        noise = coloured_noise(len(y), rng) * (speech_rms(y) / 10 ** (snr_db / 20))
        if clicks:
            noise = noise + keyboard_clicks(len(y), rng) * speech_rms(y) * 0.3
        y = y + noise
    return np.clip(y, -1.0, 1.0).astype(np.float32)


def mix_two_channel(
    d: Dialogue,
    rng: np.random.Generator,
    crosstalk_db: float = -12.0,
    snr_db: float = 30.0,
    level: float = 0.25,
) -> np.ndarray:
    """Two microphones (channel 0 near the expert): each hears the other person ``crosstalk_db`` lower."""
    expert = d.expert * (level / speech_rms(d.expert))
    client = d.client * (level / speech_rms(d.client))
    g = 10 ** (crosstalk_db / 20)
    ch0 = expert + g * client
    ch1 = client + g * expert
    out = np.stack([ch0, ch1], axis=1)
    noise_level = level / 10 ** (snr_db / 20)
    out += np.stack([coloured_noise(len(ch0), rng), coloured_noise(len(ch0), rng)], axis=1) * noise_level
    return np.clip(out, -1.0, 1.0).astype(np.float32)


# Sentences written for these tests (employment-office small talk); none taken from any source.
EXPERT_LINES = [
    "Hyvää huomenta, tervetuloa. Istu vaikka tähän ikkunan viereen.",
    "Meillä on tänään noin puoli tuntia aikaa, ja käydään asiat rauhassa läpi.",
    "Miten sinulla on mennyt sen jälkeen, kun viimeksi tavattiin?",
    "Kerro vähän, millainen tilanne sinulla on nyt työnhaun kanssa.",
    "Mikä on tuntunut kaikkein raskaimmalta tässä syksyssä?",
    "Ymmärrän hyvin. Se kuulostaa aika kuormittavalta.",
    "Millaisia töitä olet itse ajatellut hakevasi seuraavaksi?",
    "Voisin kertoa muutamasta vaihtoehdosta, jos se sopii sinulle.",
    "Meillä on tarjolla lyhyt kurssi, jossa harjoitellaan työhaastattelua.",
    "Lisäksi voit hakea palkkatukea, jolloin työnantajan on helpompi palkata sinut.",
    "Mitä ajattelet näistä vaihtoehdoista? Tuntuuko jokin niistä omalta?",
    "Sovitaan, että kokeilet ensin kurssia ja palataan asiaan kahden viikon päästä.",
    "Voisitko vielä lopuksi kertoa omin sanoin, mitä tänään sovittiin?",
    "Kiitos tästä tapaamisesta. Ota yhteyttä, jos tulee kysyttävää.",
    "Tarkistetaan vielä, että yhteystietosi ovat ajan tasalla.",
    "Katsotaan yhdessä, mitä avoimia paikkoja lähialueella nyt on.",
]

CLIENT_LINES = [
    "Kiitos. Ihan hyvin kai, vaikka vähän on jännittänyt tulla tänne.",
    "No, olen hakenut muutamaa paikkaa, mutta mistään ei ole kuulunut mitään.",
    "Eniten on ehkä harmittanut se, ettei kukaan vastaa hakemuksiin.",
    "Olin aiemmin varastossa töissä melkein viisi vuotta, ja se oli ihan mukavaa.",
    "Sitten tuli niitä lomautuksia, ja lopulta koko varasto suljettiin.",
    "Ajattelin, että voisin ehkä kouluttautua johonkin uuteen alaan.",
    "Logistiikka kiinnostaisi edelleen, mutta en tiedä, onko sille kysyntää.",
    "Kurssi kuulostaa hyvältä. Haastattelut ovat aina olleet minulle vaikeita.",
    "Palkkatuesta en ole ennen kuullutkaan. Miten se oikein toimii?",
    "Sovittiin, että menen kurssille ja tavataan taas kahden viikon kuluttua.",
    "Ehkä se auttaisi, jos pääsisin ensin harjoittelemaan jossain.",
    "Minulla on myös ajokortti, jos siitä on jotain hyötyä.",
]

BACKCHANNELS = ["joo", "mm", "niin", "aivan", "okei", "juu"]

ENROLMENT_LINES = [
    "Luen nyt tämän lyhyen tekstin ääneen, jotta ohjelma oppii tunnistamaan ääneni.",
    "Syksyn sateet ovat kastelleet pihan, ja lehdet kerääntyvät kasoiksi aidan viereen.",
    "Aamulla keitin kahvit ja kävin läpi päivän tapaamiset kalenterista.",
    "Junan piti lähteä kahdeksalta, mutta se myöhästyi lähes vartin.",
    "Kirjastossa oli hiljaista, ja lukusalin ikkunasta näkyi vanha tori.",
    "Viikonloppuna aion mennä metsään sienestämään, jos sää on kaunis.",
]
