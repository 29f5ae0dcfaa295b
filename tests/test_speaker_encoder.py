"""The torch-free GE2E speaker encoder: packaged weights, mel features, network, embeddings."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from kohtaava_desk.speakers import melspec
from kohtaava_desk.speakers.encoder import (
    EMBEDDING_SIZE,
    PARTIAL_SAMPLES,
    VoiceEncoder,
    partial_spans,
)
from kohtaava_desk.speakers.weights import load_encoder_state
from speaker_audio import speak, to_float

REPO = Path(__file__).resolve().parents[1]

SENTENCE_A = "Kerro vähän, miten viime viikko on mennyt ja mitä olet ehtinyt tehdä."
SENTENCE_B = "Olen hakenut kolmea paikkaa, mutta vastauksia ei ole vielä tullut yhtään."


@pytest.fixture(scope="module")
def encoder() -> VoiceEncoder:
    return VoiceEncoder.load()


# --- weights -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_weights_load_and_embed_without_torch_or_resemblyzer_import():
    # A fresh interpreter in which importing torch or resemblyzer is impossible: the encoder must still
    # load the packaged weights and embed, and neither module may appear in sys.modules.
    code = textwrap.dedent(
        """
        import sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('torch', 'resemblyzer', 'librosa'):
                    raise ImportError('blocked ' + name)
                return None
        sys.meta_path.insert(0, Block())
        import numpy as np
        from kohtaava_desk.speakers.encoder import VoiceEncoder
        enc = VoiceEncoder.load()
        e = enc.embed(np.sin(np.arange(24000) * 0.05).astype(np.float32) * 0.1)
        assert e.shape == (256,)
        bad = [m for m in sys.modules if m.split('.')[0] in ('torch', 'resemblyzer', 'librosa')]
        print('LOADED', bad)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "LOADED []" in out.stdout


def test_real_checkpoint_has_the_expected_parameters():
    state = load_encoder_state()
    assert state["lstm.weight_ih_l0"].shape == (1024, 40)
    for layer in range(3):
        assert state[f"lstm.weight_hh_l{layer}"].shape == (1024, 256)
        assert state[f"lstm.bias_ih_l{layer}"].shape == (1024,)
    assert state["linear.weight"].shape == (256, 256)
    assert all(v.dtype == np.float32 and np.isfinite(v).all() for v in state.values())
    # Trained weights, not zeros from a mis-read storage offset.
    assert all(np.abs(v).mean() > 1e-3 for k, v in state.items() if k.startswith(("lstm", "linear")))


# --- mel features --------------------------------------------------------------------------------


def _slaney_hz(mel: np.ndarray) -> np.ndarray:
    # Slaney's Auditory Toolbox mel scale, written out from its definition: 200/3 Hz per mel up to
    # 1 kHz (= 15 mel), then a factor 6.4 per 27 mel.
    mel = np.asarray(mel, dtype=np.float64)
    return np.where(mel < 15.0, mel * 200.0 / 3.0, 1000.0 * 6.4 ** ((mel - 15.0) / 27.0))


def _independent_filter(band: int, freq: float) -> float:
    """Weight of mel band ``band`` at ``freq`` Hz: unit-area-scaled triangle between its corners."""
    top = 15.0 + 27.0 * np.log(8000.0 / 1000.0) / np.log(6.4)
    corners = _slaney_hz(np.linspace(0.0, top, 42))
    lo, mid, hi = corners[band], corners[band + 1], corners[band + 2]
    rise = (freq - lo) / (mid - lo)
    fall = (hi - freq) / (hi - mid)
    return max(0.0, min(rise, fall)) * 2.0 / (hi - lo)


def test_mel_shape_and_type():
    for n in (0, 159, 160, 16000, 24000, 25600):
        mel = melspec.mel_spectrogram(np.zeros(n, dtype=np.float32))
        assert mel.shape == (1 + n // 160, 40)
        assert mel.dtype == np.float32


@pytest.mark.parametrize("freq", [400.0, 1000.0, 2520.0])
def test_pure_tone_energy_matches_an_independent_calculation(freq):
    # freq sits exactly on an FFT bin (40 Hz spacing). A periodic Hann window of 400 samples sums to
    # 200, so an amplitude-A sine gives |X| = 100 A at its bin and 50 A at each neighbour (Hann's
    # leakage), nothing elsewhere. The mel value is the filter-weighted sum of those three powers.
    amp = 0.3
    wav = (amp * np.sin(2 * np.pi * freq * np.arange(16000) / 16000)).astype(np.float32)
    frame = melspec.mel_spectrogram(wav)[50]
    k = freq / 40.0
    powers = {k - 1: (50 * amp) ** 2, k: (100 * amp) ** 2, k + 1: (50 * amp) ** 2}
    expected = np.array(
        [sum(p * _independent_filter(band, bin_ * 40.0) for bin_, p in powers.items()) for band in range(40)]
    )
    np.testing.assert_allclose(frame, expected, rtol=2e-4, atol=1e-6 * expected.max())
    # ...and the energy lands in the band whose centre is nearest the tone.
    top = 15.0 + 27.0 * np.log(8.0) / np.log(6.4)
    centres = _slaney_hz(np.linspace(0.0, top, 42))[1:-1]
    assert abs(centres[int(np.argmax(frame))] - freq) == pytest.approx(np.abs(centres - freq).min())


def test_normalize_volume_raises_quiet_audio_only():
    rng = np.random.default_rng(3)
    quiet = (0.001 * rng.standard_normal(16000)).astype(np.float32)
    raised = melspec.normalize_volume(quiet)
    assert melspec.rms_dbfs(quiet) < -55
    assert melspec.rms_dbfs(raised) == pytest.approx(-30.0, abs=0.01)
    loud = (0.3 * rng.standard_normal(16000)).astype(np.float32)
    np.testing.assert_array_equal(melspec.normalize_volume(loud), loud)
    silence = np.zeros(1600, dtype=np.float32)
    assert np.array_equal(melspec.normalize_volume(silence), silence)


# --- network and embeddings ----------------------------------------------------------------------


def _reference_forward(mels: np.ndarray) -> np.ndarray:
    """Textbook float64 LSTM, layer by layer and step by step (torch's gate order i, f, g, o)."""
    state = load_encoder_state()
    x = mels.astype(np.float64)

    def sigmoid(z: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-z))

    for layer in range(3):
        w_ih = state[f"lstm.weight_ih_l{layer}"].astype(np.float64)
        w_hh = state[f"lstm.weight_hh_l{layer}"].astype(np.float64)
        b = state[f"lstm.bias_ih_l{layer}"].astype(np.float64) + state[f"lstm.bias_hh_l{layer}"]
        h = np.zeros((len(x), 256))
        c = np.zeros((len(x), 256))
        outputs = []
        for t in range(x.shape[1]):
            i, f, g, o = np.split(x[:, t] @ w_ih.T + h @ w_hh.T + b, 4, axis=1)
            c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
            h = sigmoid(o) * np.tanh(c)
            outputs.append(h)
        x = np.stack(outputs, axis=1)
    raw = np.maximum(h @ state["linear.weight"].T.astype(np.float64) + state["linear.bias"], 0.0)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


def test_batched_wavefront_forward_matches_textbook_lstm(encoder):
    wav = to_float(speak("fi+m3", SENTENCE_A))
    mel = melspec.mel_spectrogram(melspec.normalize_volume(wav))
    mels = np.stack([mel[0:160], mel[70:230]])
    short = mel[10:50][None]
    np.testing.assert_allclose(encoder.embed_windows(mels), _reference_forward(mels), atol=2e-5)
    np.testing.assert_allclose(encoder.embed_windows(short), _reference_forward(short), atol=2e-5)


def test_embeddings_unit_norm_non_negative_deterministic_and_batch_independent(encoder):
    wav = speak("fi+f2", SENTENCE_B)
    first = encoder.embed_partials(wav)
    again = encoder.embed_partials(wav)
    assert first.embeddings.shape == (len(first.spans), EMBEDDING_SIZE)
    assert len(first.spans) >= 3
    np.testing.assert_array_equal(first.embeddings, again.embeddings)
    np.testing.assert_allclose(np.linalg.norm(first.embeddings, axis=1), 1.0, atol=1e-5)
    assert (first.embeddings >= 0).all()
    # Each window's embedding does not depend on what else shares its batch.
    mel = melspec.mel_spectrogram(np.pad(melspec.normalize_volume(to_float(wav)), (0, PARTIAL_SAMPLES)))
    alone = encoder.embed_windows(mel[None, first.spans[1, 0] // 160 : first.spans[1, 0] // 160 + 160])
    np.testing.assert_allclose(alone[0], first.embeddings[1], atol=1e-6)
    utterance = encoder.embed(wav)
    assert np.linalg.norm(utterance) == pytest.approx(1.0, abs=1e-5)
    np.testing.assert_allclose(encoder.embed(to_float(wav)), utterance, atol=1e-6)


def test_partial_windows_cover_the_audio_like_resemblyzer():
    for seconds in (0.5, 1.0, 1.5, 1.6, 3.0, 7.3):
        n = int(seconds * 16000)
        spans = partial_spans(n)
        assert spans[0, 0] == 0
        assert (spans[:, 1] - spans[:, 0] == PARTIAL_SAMPLES).all()
        assert (np.diff(spans[:, 0]) == 77 * 160).all()  # 1.3 windows per second, in whole frames
        # The last window is kept only if at least 75 % of it is real audio (or it's the only one).
        last_coverage = (n - spans[-1, 0]) / PARTIAL_SAMPLES
        assert len(spans) == 1 or last_coverage >= 0.75
        # What the windows leave uncovered at the end is less than a step plus a quarter window.
        assert n - spans[-1, 1] < 77 * 160 + PARTIAL_SAMPLES // 4


@pytest.mark.parametrize("seconds", [1.0, 1.5])
def test_short_chunks_give_one_padded_window(encoder, seconds):
    wav = speak("fi+m3", SENTENCE_A)[: int(seconds * 16000)]
    partials = encoder.embed_partials(wav)
    assert partials.spans.tolist() == [[0, PARTIAL_SAMPLES]]
    assert np.linalg.norm(encoder.embed(wav)) == pytest.approx(1.0, abs=1e-5)


def test_same_voice_is_closer_than_a_different_voice(encoder):
    e = {
        (voice, n): encoder.embed(speak(voice, text))
        for voice in ("fi+m3", "fi+f2", "fi+m1", "fi+m7")
        for n, text in enumerate((SENTENCE_A, SENTENCE_B))
    }
    for one, other in (("fi+m3", "fi+f2"), ("fi+m1", "fi+m7")):  # cross-gender, then same-gender
        same = min(e[one, 0] @ e[one, 1], e[other, 0] @ e[other, 1])
        different = max(e[one, 0] @ e[other, 1], e[one, 1] @ e[other, 0])
        assert same > different + 0.1, (one, other, same, different)


def test_bad_input_is_rejected_clearly(encoder):
    with pytest.raises(ValueError, match="mono"):
        encoder.embed(np.zeros((16000, 2), dtype=np.float32))
    with pytest.raises(ValueError, match="dtype"):
        encoder.embed(np.zeros(16000, dtype=np.int32))
    with pytest.raises(ValueError, match=r"\(B, T, 40\)"):
        encoder.embed_windows(np.zeros((2, 160, 39), dtype=np.float32))


def test_embed_many_equals_one_by_one(encoder):
    wav = speak("fi+m1", SENTENCE_B)
    chunks = [wav[:16000], wav[16000:40000], wav[8000:60000]]
    np.testing.assert_allclose(
        encoder.embed_many(chunks), np.stack([encoder.embed(c) for c in chunks]), atol=1e-6
    )
    assert encoder.embed_many([]).shape == (0, EMBEDDING_SIZE)


def test_load_is_shared_per_process():
    assert VoiceEncoder.load() is VoiceEncoder.load()
