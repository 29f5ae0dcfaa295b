"""Parity of our numpy speaker encoder with Resemblyzer's torch original (prints a table).

NOT run in CI and not runnable from the app's venv: it needs torch, librosa and resemblyzer, which the
app deliberately does not depend on. Make a throwaway venv outside the project:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 numpy librosa webrtcvad-wheels
    /tmp/torchenv/bin/pip install --no-deps resemblyzer==0.1.4
    /tmp/torchenv/bin/python bench/encoder_parity.py

Clips are synthesised with espeak-ng and resampled with sox into a temporary folder (deleted after).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import torch  # noqa: F401
    from resemblyzer import VoiceEncoder as TorchEncoder
    from resemblyzer import audio as rz_audio
    from resemblyzer import preprocess_wav
except ImportError as exc:  # pragma: no cover - guidance for the one who runs it
    sys.exit(f"{exc}: run this with the throwaway torch venv described in this file's docstring")

from kohtaava_desk.speakers import melspec
from kohtaava_desk.speakers.encoder import VoiceEncoder

CLIPS = [
    ("fi+m3", "Hyvää huomenta. Käydään tänään läpi, miten työnhaku on edennyt viime viikkoina."),
    ("fi+f2", "Minulla on ollut vähän vaikeaa, mutta kävin yhdessä haastattelussa tiistaina."),
    ("fi+m1", "Kerro vähän lisää siitä, mikä siinä haastattelussa tuntui hyvältä."),
    ("fi+f4", "Se oli pieni yritys, ja työ olisi varastossa aamuvuorossa. Palkka olisi kohtuullinen."),
    ("fi", "Sovitaan, että soitat minulle ensi viikon torstaina ja kerrot, miten asia eteni."),
]


def synthesise(voice: str, text: str, folder: Path, index: int) -> np.ndarray:
    raw, out = folder / f"{index}.wav", folder / f"{index}_16k.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    with wave.open(str(out), "rb") as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.astype(np.float32) / 32768.0


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


def main() -> None:
    torch.set_num_threads(1)
    theirs = TorchEncoder(device="cpu", verbose=False)
    ours = VoiceEncoder.load()
    rows = []
    worst_cos, worst_abs, worst_mel, worst_norm = 1.0, 0.0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for index, (voice, text) in enumerate(CLIPS):
            raw = synthesise(voice, text, Path(tmp), index) * 0.1  # quiet, so the level is raised
            norm_err = float(np.abs(melspec.normalize_volume(raw) - rz_audio.normalize_volume(raw, -30, increase_only=True)).max())
            worst_norm = max(worst_norm, norm_err)
            wav = preprocess_wav(raw)
            mel_rel = float(
                np.abs(melspec.mel_spectrogram(wav) - rz_audio.wav_to_mel_spectrogram(wav)).max()
                / rz_audio.wav_to_mel_spectrogram(wav).max()
            )
            worst_mel = max(worst_mel, mel_rel)
            for label, clip in (("utterance", wav), ("1.5 s chunk", wav[:24000]), ("1.0 s chunk", wav[16000:32000])):
                ref, ref_partials, _ = theirs.embed_utterance(clip, return_partials=True)
                # preprocess_wav already normalised the level; don't do it twice.
                got = ours.embed_partials(clip, normalize=False)
                emb = ours.embed(clip, normalize=False)
                cos = cosine(emb, ref)
                part_cos = min(cosine(a, b) for a, b in zip(got.embeddings, ref_partials))
                diff = float(np.abs(emb - ref).max())
                worst_cos = min(worst_cos, cos, part_cos)
                worst_abs = max(worst_abs, diff, float(np.abs(got.embeddings - ref_partials).max()))
                rows.append((voice, label, len(clip) / 16000, len(ref_partials), cos, part_cos, diff, mel_rel))
    print(f"{'voice':7} {'clip':12} {'secs':>5} {'P':>3} {'cos(utt)':>12} {'min cos(part)':>14} {'max|diff|':>10} {'mel rel err':>11}")
    for voice, label, secs, parts, cos, part_cos, diff, mel_rel in rows:
        print(f"{voice:7} {label:12} {secs:5.2f} {parts:3d} {cos:12.8f} {part_cos:14.8f} {diff:10.2e} {mel_rel:11.2e}")
    import librosa

    print(f"\ntorch {torch.__version__}, librosa {librosa.__version__}, numpy {np.__version__}")
    print(f"volume normalisation max abs diff {worst_norm:.2e}")
    print(f"worst cosine {worst_cos:.8f}, worst max abs diff {worst_abs:.2e}, worst mel relative error {worst_mel:.2e}")
    print("PASS" if worst_cos > 0.999 else "FAIL", "(target: cosine > 0.999)")


if __name__ == "__main__":
    main()
