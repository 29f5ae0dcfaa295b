"""The streaming resampler: block-size independence, exact timing, passband fidelity, anti-aliasing."""

from __future__ import annotations

import numpy as np
import pytest

from kohtaava_desk.audio.resample import Resampler, UnsupportedRate, check_rate, to_int16

RATES = (8_000, 11_025, 22_050, 32_000, 44_100, 48_000, 96_000)


def convert(x: np.ndarray, rate: int, sizes: list[int] | None = None, channels: int = 1) -> np.ndarray:
    r = Resampler(rate, channels)
    out, i = [], 0
    for n in sizes or [len(x)]:
        out.append(r.process(x[i : i + n]))
        i += n
    if i < len(x):
        out.append(r.process(x[i:]))
    out.append(r.flush())
    return np.concatenate(out)


def sine(freq: float, rate: int, seconds: float, level: float = 0.5) -> np.ndarray:
    return (level * np.sin(2 * np.pi * freq * np.arange(int(rate * seconds)) / rate)).astype(np.float32)


def db(x: np.ndarray) -> float:
    return 20 * np.log10(np.sqrt(np.mean(np.square(x, dtype=np.float64))) + 1e-20)


@pytest.mark.parametrize("rate", RATES)
def test_cutting_the_stream_anywhere_gives_the_same_output(rate):
    rng = np.random.default_rng(rate)
    x = (0.3 * rng.standard_normal(rate)).astype(np.float32)
    whole = convert(x, rate)
    sizes = list(rng.integers(1, rate // 7, size=40))
    pieces = convert(x, rate, sizes)
    assert len(whole) == len(pieces)
    np.testing.assert_allclose(pieces, whole, atol=2e-6)


@pytest.mark.parametrize("rate", RATES + (16_000,))
def test_output_length_covers_exactly_the_input_span(rate):
    for n in (1, 7, rate // 10, rate + 3):
        y = convert(np.zeros(n, np.float32), rate)
        assert len(y) == -(-n * 16000 // rate), (rate, n)


@pytest.mark.parametrize("rate", RATES)
def test_passband_tone_keeps_amplitude_and_phase(rate):
    # Phase matching the ideal 16 kHz sine proves the filter delay is compensated:
    # sample m of the output is the input at m / 16000 s.
    freq = 1000.0 if rate > 8000 else 700.0
    y = convert(sine(freq, rate, 1.0), rate)
    ideal = 0.5 * np.sin(2 * np.pi * freq * np.arange(len(y)) / 16000)
    core = slice(800, len(y) - 800)
    assert np.max(np.abs(y[core] - ideal[core])) < 1e-3


@pytest.mark.parametrize("rate", (22_050, 44_100, 48_000, 96_000))
@pytest.mark.parametrize("freq", (8_300.0, 10_000.0, 10_900.0))
def test_tones_above_8khz_do_not_fold_into_the_speech_band(rate, freq):
    y = convert(sine(freq, rate, 1.0), rate)
    core = y[800:-800]
    assert db(core) - db(sine(freq, rate, 1.0)) < -60


def test_upsampling_8khz_leaves_no_image_above_4khz():
    y = convert(sine(1000.0, 8000, 1.0), 8000)[800:-800]
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y))))
    freqs = np.fft.rfftfreq(len(y), 1 / 16000)
    image = spectrum[(freqs > 6000) & (freqs < 8000)].max()  # the mirror of 1 kHz sits at 7 kHz
    assert 20 * np.log10(image / spectrum.max()) < -60


@pytest.mark.parametrize("rate", (44_100, 48_000, 22_050))
def test_an_impulse_lands_at_its_own_time(rate):
    x = np.zeros(rate // 2, np.float32)
    at = 0.2123  # seconds
    x[round(at * rate)] = 1.0
    y = convert(x, rate)
    assert abs(int(np.argmax(y)) - at * 16000) <= 1


def test_two_channels_are_converted_independently():
    left, right = sine(440.0, 48000, 0.5), sine(1500.0, 48000, 0.5, level=0.25)
    y = convert(np.stack([left, right], axis=1), 48000, sizes=[1000, 333, 4800], channels=2)
    assert y.shape[1] == 2
    np.testing.assert_allclose(y[:, 0], convert(left, 48000), atol=1e-6)
    np.testing.assert_allclose(y[:, 1], convert(right, 48000), atol=1e-6)


def test_16khz_passes_through_untouched():
    x = np.random.default_rng(1).standard_normal(5000).astype(np.float32)
    np.testing.assert_array_equal(convert(x, 16000, [100, 2000]), x)


def test_int16_input_is_read_as_full_scale():
    r = Resampler(16000)
    y = r.process(np.array([16384, -32768], dtype=np.int16))
    np.testing.assert_allclose(y, [0.5, -1.0])


@pytest.mark.parametrize("rate", (7_999, 200_000, 44_057, 16_000.5))
def test_unusable_rates_are_refused_with_a_reason(rate):
    with pytest.raises(UnsupportedRate, match="rate|Hz"):
        check_rate(rate)  # type: ignore[arg-type]


def test_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"\(n,\)"):
        Resampler(48000).process(np.zeros((10, 2), np.float32))


def test_no_audio_after_flush():
    r = Resampler(48000)
    r.process(np.zeros(480, np.float32))
    r.flush()
    with pytest.raises(RuntimeError):
        r.process(np.zeros(10, np.float32))


def test_to_int16_rounds_and_clips_instead_of_wrapping():
    out = to_int16(np.array([1.5, -1.5, 0.5, -0.25, 1.0], np.float32))
    assert out.tolist() == [32767, -32768, 16384, -8192, 32767]
