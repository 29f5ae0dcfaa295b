#!/usr/bin/env python3
"""Convert Resemblyzer's pretrained GE2E speaker encoder into the plain `.npz` the app ships.

Run once by a maintainer (the result is committed as package data); the app itself never reads a
PyTorch checkpoint. Usage:

    python scripts/convert_encoder_weights.py [Resemblyzer-0.1.4-py3-none-any.whl]

Without an argument the wheel is fetched with `pip download --no-deps resemblyzer==0.1.4`. The wheel's
SHA-256 is checked, `resemblyzer/pretrained.pt` is read from it in memory (never imported: its code
needs torch) and the encoder's parameters are written to `kohtaava_desk/speakers/data/`, beside the
wheel's Apache-2.0 licence. The script prints the content digest that `speakers/weights.py` checks.

resemblyzer 0.1.4 ships torch's legacy (pre-1.6) serialisation: a few small pickles (magic number,
protocol, system info), the state-dict pickle whose tensors point at storages by key, the list of
storage keys, then each storage as an int64 element count and its little-endian bytes. The unpickler
below resolves only the handful of globals such a file needs, so a tampered file cannot run code.
"""

from __future__ import annotations

import collections
import hashlib
import io
import pickle
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kohtaava_desk.speakers.weights import (  # noqa: E402 (needs the repository on sys.path)
    DATA_DIR,
    LICENSE_FILENAME,
    WEIGHTS_FILENAME,
    content_digest,
)

WHEEL_REQUIREMENT = "resemblyzer==0.1.4"
WHEEL_SHA256 = "8f12eb2f1a9982d32e8db7856de754709b59c93a77bcf0ff536584b619a9dd1f"
CHECKPOINT_MEMBER = "resemblyzer/pretrained.pt"
LICENSE_MEMBER = "Resemblyzer-0.1.4.dist-info/LICENSE"
KEPT_PREFIXES = ("lstm.", "linear.")
"""The network's parameters; the GE2E training loss's similarity scale and bias are not needed."""

_MAGIC = 0x1950A86A20F9469CFC6C
_PROTOCOL = 1001
_DTYPES = {"FloatStorage": np.dtype("<f4"), "DoubleStorage": np.dtype("<f8"), "LongStorage": np.dtype("<i8")}


class _Tensor:
    def __init__(self, key: str, offset: int, shape: tuple[int, ...], stride: tuple[int, ...]) -> None:
        self.key, self.offset, self.shape, self.stride = key, offset, shape, stride


def _rebuild_tensor_v2(storage, offset, size, stride, *_):  # noqa: ANN001
    return _Tensor(storage, int(offset), tuple(map(int, size)), tuple(map(int, stride)))


class _Unpickler(pickle.Unpickler):
    def __init__(self, f, dtypes: dict[str, np.dtype]) -> None:  # noqa: ANN001
        super().__init__(f)
        self.dtypes = dtypes

    def find_class(self, module: str, name: str):  # noqa: ANN201
        if (module, name) == ("torch._utils", "_rebuild_tensor_v2"):
            return _rebuild_tensor_v2
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        if module == "torch" and name in _DTYPES:
            return name
        raise pickle.UnpicklingError(f"refusing pickle global {module}.{name}")

    def persistent_load(self, pid):  # noqa: ANN001, ANN201
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage" and pid[1] in _DTYPES):
            raise pickle.UnpicklingError(f"unexpected persistent reference {pid!r:.80}")
        self.dtypes[str(pid[2])] = _DTYPES[pid[1]]
        return str(pid[2])


def read_legacy_checkpoint(data: bytes) -> dict[str, np.ndarray]:
    """The float tensors of a legacy torch checkpoint's state dict, as numpy arrays."""
    f = io.BytesIO(data)
    dtypes: dict[str, np.dtype] = {}
    if _Unpickler(f, dtypes).load() != _MAGIC or _Unpickler(f, dtypes).load() != _PROTOCOL:
        raise ValueError("not a legacy PyTorch checkpoint")
    info = _Unpickler(f, dtypes).load()
    if isinstance(info, dict) and info.get("little_endian") is False:
        raise ValueError("big-endian checkpoints are not supported")
    obj = _Unpickler(f, dtypes).load()
    storages: dict[str, np.ndarray] = {}
    for key in _Unpickler(f, dtypes).load():
        (numel,) = struct.unpack("<q", f.read(8))
        raw = f.read(numel * dtypes[str(key)].itemsize)
        if len(raw) != numel * dtypes[str(key)].itemsize:
            raise ValueError("checkpoint is truncated")
        storages[str(key)] = np.frombuffer(raw, dtype=dtypes[str(key)])
    state = obj.get("model_state", obj) if isinstance(obj, dict) else None
    if not isinstance(state, dict):
        raise ValueError("checkpoint holds no state dictionary")
    out = {}
    for name, t in state.items():
        if isinstance(t, _Tensor):
            data = storages[t.key]
            itemsize = data.dtype.itemsize
            view = np.lib.stride_tricks.as_strided(
                data[t.offset :], shape=t.shape, strides=tuple(s * itemsize for s in t.stride), writeable=False
            )
            out[str(name)] = np.ascontiguousarray(view, dtype=np.float32)
    return out


def fetch_wheel(workdir: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", WHEEL_REQUIREMENT, "-d", str(workdir)],
                   check=True)
    (wheel,) = workdir.glob("*.whl")
    return wheel


def convert(wheel: Path, out_dir: Path = DATA_DIR) -> str:
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: SHA-256 {digest} is not the published resemblyzer 0.1.4 wheel's")
    with zipfile.ZipFile(wheel) as zf:
        state = read_legacy_checkpoint(zf.read(CHECKPOINT_MEMBER))
        licence = zf.read(LICENSE_MEMBER)
    kept = {k: v for k, v in sorted(state.items()) if k.startswith(KEPT_PREFIXES)}
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(out_dir / WEIGHTS_FILENAME, **kept)
    (out_dir / LICENSE_FILENAME).write_bytes(licence)
    return content_digest(kept)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        wheel = Path(argv[0]) if argv else fetch_wheel(Path(tmp))
        digest = convert(wheel)
    print(f"wrote {DATA_DIR / WEIGHTS_FILENAME}\ncontent digest (WEIGHTS_SHA256 in weights.py): {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
