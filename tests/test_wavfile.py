"""WAV reading: every supported encoding decodes to the right 16 kHz signal; bad files get specific errors.

Well-formed files are written by libsndfile (through the soundfile package), an
implementation independent of ours; broken ones are assembled byte by byte.
"""

from __future__ import annotations

import struct
import wave
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf  # test dependency: libsndfile writes the reference files

from kohtaava_desk.audio.blocks import SAMPLE_RATE
from kohtaava_desk.audio.wavfile import FileSource, WavFileError, read_wav_info

FREQ = 440.0


def tone(rate: int, seconds: float, freq: float = FREQ, level: float = 0.5) -> np.ndarray:
    return level * np.sin(2 * np.pi * freq * np.arange(int(rate * seconds)) / rate)


def read_all(path: Path, **kw) -> tuple[np.ndarray, list]:
    blocks = list(FileSource(path, **kw))
    return np.concatenate([b.samples for b in blocks]).astype(np.float64) / 32768.0, blocks


def error_of(path: Path, **kw) -> WavFileError:
    with pytest.raises(WavFileError) as e:
        FileSource(path, **kw)
    return e.value


# --- well-formed files ---------------------------------------------------------------------

ENCODINGS = [
    ("WAV", "PCM_U8", 2e-2),
    ("WAV", "PCM_16", 2e-4),
    ("WAV", "PCM_24", 2e-4),
    ("WAV", "PCM_32", 2e-4),
    ("WAV", "FLOAT", 2e-4),
    ("WAV", "DOUBLE", 2e-4),
    ("WAVEX", "PCM_16", 2e-4),
    ("WAVEX", "PCM_24", 2e-4),
    ("WAVEX", "FLOAT", 2e-4),
    ("WAVEX", "DOUBLE", 2e-4),
]


@pytest.mark.parametrize("container,subtype,tolerance", ENCODINGS)
@pytest.mark.parametrize("rate", (8_000, 22_050, 44_100, 48_000))
def test_every_supported_encoding_decodes_to_the_same_16khz_tone(tmp_path, container, subtype, tolerance, rate):
    path = tmp_path / f"{container}_{subtype}_{rate}.wav"
    sf.write(path, tone(rate, 1.0), rate, subtype=subtype, format=container)
    y, blocks = read_all(path)
    assert y.ndim == 1 and len(y) == SAMPLE_RATE
    ideal = tone(SAMPLE_RATE, 1.0)
    core = slice(400, -400)  # the filter's edges see the zeros outside the file
    assert np.max(np.abs(y[core] - ideal[core])) < tolerance + 1e-3
    info = read_wav_info(path)
    assert info.sample_rate == rate and info.frames == rate and info.channels == 1
    assert info.is_float == (subtype in ("FLOAT", "DOUBLE"))


def test_blocks_are_a_tenth_of_a_second_and_contiguous(tmp_path):
    path = tmp_path / "a.wav"
    sf.write(path, tone(48_000, 2.345), 48_000, subtype="PCM_16")
    _, blocks = read_all(path)
    assert all(len(b.samples) == 1600 for b in blocks[:-1])
    assert 0 < len(blocks[-1].samples) <= 1600
    assert blocks[0].t0 == 0.0
    for a, b in zip(blocks, blocks[1:]):
        assert b.t0 == pytest.approx(a.t1)
    assert blocks[-1].t1 == pytest.approx(2.345, abs=1 / SAMPLE_RATE)
    assert all(b.samples.dtype == np.int16 for b in blocks)


def test_stereo_is_averaged_to_mono_by_default(tmp_path):
    path = tmp_path / "st.wav"
    left, right = tone(44_100, 1.0), tone(44_100, 1.0, freq=1000.0, level=0.3)
    sf.write(path, np.stack([left, right], axis=1), 44_100, subtype="PCM_24")
    y, _ = read_all(path)
    assert y.ndim == 1
    ideal = (tone(SAMPLE_RATE, 1.0) + tone(SAMPLE_RATE, 1.0, freq=1000.0, level=0.3)) / 2
    assert np.max(np.abs(y[400:-400] - ideal[400:-400])) < 2e-3


def test_two_channel_mode_keeps_the_channels_apart(tmp_path):
    path = tmp_path / "st.wav"
    left, right = tone(48_000, 1.0), tone(48_000, 1.0, freq=1000.0, level=0.3)
    sf.write(path, np.stack([left, right], axis=1), 48_000, subtype="FLOAT", format="WAVEX")
    y, blocks = read_all(path, two_channel=True)
    assert y.shape == (SAMPLE_RATE, 2) and blocks[0].samples.shape[1] == 2
    assert np.max(np.abs(y[400:-400, 0] - tone(SAMPLE_RATE, 1.0)[400:-400])) < 2e-3
    assert np.max(np.abs(y[400:-400, 1] - tone(SAMPLE_RATE, 1.0, 1000.0, 0.3)[400:-400])) < 2e-3


def test_stdlib_wave_output_reads_back_exactly_at_16khz(tmp_path):
    path = tmp_path / "w.wav"
    samples = (tone(16_000, 0.5) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(samples.tobytes())
    _, blocks = read_all(path)
    np.testing.assert_array_equal(np.concatenate([b.samples for b in blocks]), samples)


def test_loud_float_samples_clip_and_nan_becomes_silence(tmp_path):
    x = np.full(1600, 0.1, dtype=np.float32)
    x[100:110] = 3.0
    x[500] = np.nan
    path = tmp_path / "f.wav"
    (tmp_path / "f.wav").write_bytes(riff([fmt_chunk(3, 1, 16_000, 32), (b"data", x.astype("<f4").tobytes())]))
    y = np.concatenate([b.samples for b in FileSource(path)])
    assert y[105] == 32767
    assert y[500] == 0
    assert y[1000] == round(0.1 * 32768)


# --- hand-made files: odd but valid, and broken ------------------------------------------------


def riff(chunks: list[tuple[bytes, bytes]], head: bytes = b"RIFF", form: bytes = b"WAVE") -> bytes:
    body = b""
    for cid, data in chunks:
        body += cid + struct.pack("<I", len(data)) + data + (b"\0" if len(data) % 2 else b"")
    return head + struct.pack("<I", 4 + len(body)) + form + body


def fmt_chunk(tag: int, channels: int, rate: int, bits: int, block_align: int | None = None,
              sub_tag: int | None = None) -> tuple[bytes, bytes]:
    align = channels * bits // 8 if block_align is None else block_align
    data = struct.pack("<HHIIHH", tag, channels, rate, rate * align, align, bits)
    if tag == 0xFFFE:
        guid = struct.pack("<H", sub_tag or 1) + bytes.fromhex("000000001000800000aa00389b71")
        data += struct.pack("<HHI", 22, bits, 0x4) + guid
    return b"fmt ", data


def pcm16(n: int = 1600) -> bytes:
    return (tone(16_000, n / 16_000) * 32767).astype("<i2").tobytes()


def test_odd_sized_chunks_before_the_data_are_skipped_with_their_pad_byte(tmp_path):
    path = tmp_path / "list.wav"
    path.write_bytes(riff([(b"LIST", b"INFOabc"), fmt_chunk(1, 1, 16_000, 16), (b"junk", b"x"), (b"data", pcm16())]))
    assert read_wav_info(path).frames == 1600


def test_data_before_fmt_is_accepted(tmp_path):
    path = tmp_path / "order.wav"
    path.write_bytes(riff([(b"data", pcm16()), fmt_chunk(1, 1, 16_000, 16)]))
    assert sum(len(b.samples) for b in FileSource(path)) == 1600


def test_unfinished_recording_with_too_large_data_size_is_read_to_its_end(tmp_path):
    data = pcm16(3200)
    raw = riff([fmt_chunk(1, 1, 16_000, 16), (b"data", data)])
    raw = raw.replace(b"data" + struct.pack("<I", len(data)), b"data" + struct.pack("<I", 0xFFFFFFFF))
    path = tmp_path / "cut.wav"
    path.write_bytes(raw[:-1001])  # also cut mid-frame
    info = read_wav_info(path)
    assert info.truncated and info.frames == 3200 - 501
    assert sum(len(b.samples) for b in FileSource(path)) == info.frames


def test_extensible_with_float_subformat(tmp_path):
    x = tone(16_000, 0.1).astype("<f4")
    path = tmp_path / "ext.wav"
    path.write_bytes(riff([fmt_chunk(0xFFFE, 1, 16_000, 32, sub_tag=3), (b"data", x.tobytes())]))
    y = np.concatenate([b.samples for b in FileSource(path)]) / 32768
    assert np.max(np.abs(y - x)) < 1e-4


BROKEN = {
    "not_riff": (lambda: b"hello, this is text and not audio at all", "ei ole WAV-tiedosto"),
    "too_short": (lambda: b"RIF", "ei ole WAV-tiedosto"),
    "aiff": (lambda: riff([], form=b"AIFF"), "ei ole WAV-tiedosto"),
    "rf64": (lambda: riff([fmt_chunk(1, 1, 16_000, 16)], head=b"RF64"), "RF64"),
    "no_fmt": (lambda: riff([(b"data", pcm16())]), "fmt"),
    "short_fmt": (lambda: riff([(b"fmt ", b"\x01\x00\x01\x00"), (b"data", pcm16())]), "fmt"),
    "no_data": (lambda: riff([fmt_chunk(1, 1, 16_000, 16)]), "data"),
    "empty_data": (lambda: riff([fmt_chunk(1, 1, 16_000, 16), (b"data", b"")]), "yhtään ääninäytettä"),
    "mu_law": (lambda: riff([fmt_chunk(7, 1, 8_000, 8), (b"data", b"\0" * 100)]), "µ-law"),
    "adpcm": (lambda: riff([fmt_chunk(0x11, 1, 8_000, 4, block_align=256), (b"data", b"\0" * 512)]), "IMA ADPCM"),
    "mp3": (lambda: riff([fmt_chunk(0x55, 1, 44_100, 0, block_align=1), (b"data", b"\0" * 512)]), "MP3"),
    "pcm12": (lambda: riff([fmt_chunk(1, 1, 16_000, 12, block_align=2), (b"data", pcm16())]), "PCM 12 bit"),
    "float16": (lambda: riff([fmt_chunk(3, 1, 16_000, 16), (b"data", pcm16())]), "IEEE float 16 bit"),
    "ext_unknown": (lambda: riff([fmt_chunk(0xFFFE, 1, 16_000, 16, sub_tag=0x92), (b"data", pcm16())]),
                    "WAVE_FORMAT_EXTENSIBLE"),
    "three_channels": (lambda: riff([fmt_chunk(1, 3, 16_000, 16), (b"data", b"\0" * 600)]), "kanavamäärää 3"),
    "rate_96k": (lambda: riff([fmt_chunk(1, 1, 96_000, 16), (b"data", pcm16())]), "96000 Hz"),
    "rate_6k": (lambda: riff([fmt_chunk(1, 1, 6_000, 16), (b"data", pcm16())]), "6000 Hz"),
    "odd_rate": (lambda: riff([fmt_chunk(1, 1, 44_057, 16), (b"data", pcm16())]), "44057 Hz"),
    "bad_align": (lambda: riff([fmt_chunk(1, 2, 16_000, 16, block_align=2), (b"data", pcm16())]), "block_align=2"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_or_unsupported_files_get_a_specific_error(tmp_path, case):
    make, expected = BROKEN[case]
    path = tmp_path / f"{case}.wav"
    path.write_bytes(make())
    err = error_of(path)
    message = str(err)
    assert message.startswith(str(path) + ":"), message
    assert expected in message, message
    assert "Sallitut:" in message and "8000–48000 Hz" in message  # what would have worked


def test_missing_file_and_directory(tmp_path):
    assert "tiedostoa ei löydy" in str(error_of(tmp_path / "nope.wav"))
    assert "ei ole tavallinen tiedosto" in str(error_of(tmp_path))  # a folder, named as such


def test_two_channel_mode_refuses_a_mono_file(tmp_path):
    path = tmp_path / "mono.wav"
    sf.write(path, tone(16_000, 0.2), 16_000)
    err = error_of(path, two_channel=True)
    assert err.code == "needs_stereo" and "stereotiedoston" in str(err)


def test_error_texts_exist_in_swedish_and_english(tmp_path):
    path = tmp_path / "r.wav"
    path.write_bytes(BROKEN["rate_96k"][0]())
    err = error_of(path)
    assert "samplingsfrekvensen 96000 Hz stöds inte" in err.text("sv")
    assert "sample rate 96000 Hz is not supported" in err.text("en")
    assert str(path) in err.text("en") and "Allowed:" in err.text("en")


def test_a_long_file_is_streamed_not_loaded_whole(tmp_path, monkeypatch):
    path = tmp_path / "long.wav"
    sf.write(path, tone(48_000, 30.0), 48_000, subtype="PCM_16")
    reads: list[int] = []
    import builtins

    real_open = builtins.open

    class Spy:
        def __init__(self, f):
            self._f = f

        def read(self, n=-1):
            reads.append(n)
            return self._f.read(n)

        def __getattr__(self, name):
            return getattr(self._f, name)

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return self._f.__exit__(*a)

    source = FileSource(path)
    monkeypatch.setattr(builtins, "open", lambda *a, **k: Spy(real_open(*a, **k)))
    count = sum(1 for _ in source)
    assert count == 300
    assert reads and max(reads) <= 48_000 * 2  # at most about a second at a time, never the whole file
