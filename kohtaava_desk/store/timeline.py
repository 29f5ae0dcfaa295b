"""The talk timeline packed into one small blob per meeting.

Layout (little-endian): format byte (1), bucket length in centiseconds (uint16), then per bucket
step index (uint8), expert and client talk in centiseconds (uint16 each) — 5 bytes a bucket. Bucket start
times are implied by position. The meeting model rounds bucket seconds to 0.01 s, so centiseconds are
lossless. A 60-minute meeting's 240 buckets take 1.2 kB, against ~6 kB as one table row per bucket and
~9 kB as JSON text (bench/store_bench.py: 0.9 / 4.8 / 7.0 MB per 1,000 meetings of 30–60 min).
"""

from __future__ import annotations

import struct

FORMAT = 1
_HEAD = struct.Struct("<BH")
_BUCKET = struct.Struct("<BHH")


def _cs(seconds: float) -> int:
    return round(seconds * 100)


def pack(bucket_s: float, buckets: tuple[tuple[int, float, float], ...]) -> bytes:
    return _HEAD.pack(FORMAT, _cs(bucket_s)) + b"".join(_BUCKET.pack(step, _cs(e), _cs(c)) for step, e, c in buckets)


def unpack(blob: bytes) -> tuple[float, list[tuple[float, int, float, float]]]:
    """(bucket seconds, [(t, step index, expert s, client s), ...])."""
    fmt, bucket_cs = _HEAD.unpack_from(blob)
    if fmt != FORMAT or (len(blob) - _HEAD.size) % _BUCKET.size:
        raise ValueError(f"timeline blob of {len(blob)} bytes in format {fmt} is not readable by this version")
    bucket_s = bucket_cs / 100
    return bucket_s, [(i * bucket_s, step, e / 100, c / 100)
                      for i, (step, e, c) in enumerate(_BUCKET.iter_unpack(blob[_HEAD.size:]))]
