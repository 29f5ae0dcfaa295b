"""Read the pretrained GE2E speaker-encoder weights from the `resemblyzer` wheel, without torch.

The wheel ships `resemblyzer/pretrained.pt`, a PyTorch checkpoint. We never import `resemblyzer`
(its ``__init__`` imports torch, hundreds of MB we refuse to depend on); we only locate the file and
unpickle it with a restricted unpickler that knows exactly the handful of globals a tensor checkpoint
needs and maps them onto numpy. Any other global in the pickle is refused, so a tampered checkpoint
cannot execute code.

Both PyTorch serialisation formats are understood:
- the legacy stream format (torch < 1.6, what resemblyzer 0.1.4 ships): a sequence of pickles
  (magic number, protocol version, system info, the object, the storage keys) followed by every storage
  as an int64 element count and its raw little-endian bytes;
- the zip format (torch >= 1.6): ``<root>/data.pkl`` plus ``<root>/data/<key>`` raw storages.
"""

from __future__ import annotations

import collections
import importlib.metadata
import importlib.util
import io
import pickle
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

RESEMBLYZER_PACKAGE = "resemblyzer"
RESEMBLYZER_VERSION = "0.1.4"
INSTALL_COMMAND = f"python -m pip install --no-deps {RESEMBLYZER_PACKAGE}=={RESEMBLYZER_VERSION}"
WEIGHTS_FILENAME = "pretrained.pt"

_LEGACY_MAGIC = 0x1950A86A20F9469CFC6C
_LEGACY_PROTOCOL = 1001

# Storage class name -> numpy dtype (little-endian, as torch writes on every platform we support).
_STORAGE_DTYPES: dict[str, np.dtype] = {
    "FloatStorage": np.dtype("<f4"),
    "DoubleStorage": np.dtype("<f8"),
    "HalfStorage": np.dtype("<f2"),
    "LongStorage": np.dtype("<i8"),
    "IntStorage": np.dtype("<i4"),
    "ShortStorage": np.dtype("<i2"),
    "CharStorage": np.dtype("i1"),
    "ByteStorage": np.dtype("u1"),
    "BoolStorage": np.dtype("?"),
}


class WeightsError(RuntimeError):
    """The speaker-encoder weights are missing or cannot be read."""


@dataclass(frozen=True)
class _StorageType:
    name: str
    dtype: np.dtype


class _Storage:
    """Raw storage bytes; for the legacy format they arrive only after the object pickle."""

    def __init__(self, dtype: np.dtype, numel: int) -> None:
        self.dtype = dtype
        self.numel = numel
        self.data: np.ndarray | None = None


@dataclass
class _PendingTensor:
    """A tensor whose storage may not be filled yet; materialised once all storages are read."""

    storage: _Storage
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]

    def materialise(self) -> np.ndarray:
        data = self.storage.data
        if data is None:
            raise WeightsError("checkpoint tensor refers to a storage that was never written")
        itemsize = data.dtype.itemsize
        needed = self.offset + (
            1 + sum((n - 1) * s for n, s in zip(self.shape, self.stride)) if all(self.shape) else 0
        )
        if needed > data.size:
            raise WeightsError(
                f"checkpoint tensor of shape {self.shape} overruns its storage ({data.size} elements)"
            )
        view = np.lib.stride_tricks.as_strided(
            data[self.offset :],
            shape=self.shape,
            strides=tuple(s * itemsize for s in self.stride),
            writeable=False,
        )
        # Native-endian, contiguous, owned copy: the encoder does matmuls on these.
        return np.ascontiguousarray(view, dtype=data.dtype.newbyteorder("="))


def _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad=False, backward_hooks=None, metadata=None):  # noqa: ANN001, ARG001
    if not isinstance(storage, _Storage):
        raise WeightsError("checkpoint tensor is not backed by a plain storage")
    shape, strides = tuple(int(n) for n in size), tuple(int(s) for s in stride)
    if len(shape) != len(strides) or min((*shape, *strides, int(storage_offset)), default=0) < 0:
        raise WeightsError(f"checkpoint tensor has an invalid layout (size {shape}, stride {strides})")
    return _PendingTensor(storage, int(storage_offset), shape, strides)


def _rebuild_tensor(storage, storage_offset, size, stride):  # noqa: ANN001
    return _rebuild_tensor_v2(storage, storage_offset, size, stride)


def _rebuild_parameter(data, requires_grad=False, backward_hooks=None):  # noqa: ANN001, ARG001
    return data


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that resolves only tensor-checkpoint globals, each to a harmless numpy builder."""

    def __init__(self, file: BinaryIO, storage_loader) -> None:  # noqa: ANN001
        super().__init__(file)
        self._storage_loader = storage_loader

    def find_class(self, module: str, name: str) -> Any:
        if module == "torch._utils" and name == "_rebuild_tensor_v2":
            return _rebuild_tensor_v2
        if module == "torch._utils" and name == "_rebuild_tensor":
            return _rebuild_tensor
        if module == "torch._utils" and name == "_rebuild_parameter":
            return _rebuild_parameter
        if module == "torch" and name in _STORAGE_DTYPES:
            return _StorageType(name, _STORAGE_DTYPES[name])
        if module == "collections" and name == "OrderedDict":
            return collections.OrderedDict
        raise WeightsError(f"checkpoint contains a disallowed pickle global {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        if not (isinstance(pid, tuple) and len(pid) >= 5 and pid[0] == "storage"):
            raise WeightsError(f"checkpoint has an unexpected persistent reference {pid!r:.80}")
        storage_type, key = pid[1], str(pid[2])
        if not isinstance(storage_type, _StorageType):
            raise WeightsError("checkpoint storage has an unknown element type")
        return self._storage_loader(storage_type.dtype, key, int(pid[4]))


def _materialise(obj: Any) -> Any:
    if isinstance(obj, _PendingTensor):
        return obj.materialise()
    if isinstance(obj, dict):
        return type(obj)((k, _materialise(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [_materialise(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_materialise(v) for v in obj)
    return obj


def _no_storage(dtype: np.dtype, key: str, numel: int) -> _Storage:  # noqa: ARG001
    raise WeightsError("checkpoint header refers to tensor storage where none is allowed")


def _load_legacy(f: BinaryIO) -> Any:
    plain = _RestrictedUnpickler(f, _no_storage)
    if plain.load() != _LEGACY_MAGIC:
        raise WeightsError("not a PyTorch checkpoint (bad magic number)")
    if plain.load() != _LEGACY_PROTOCOL:
        raise WeightsError("unsupported PyTorch legacy checkpoint protocol")
    sys_info = plain.load()
    if isinstance(sys_info, dict) and sys_info.get("little_endian") is False:
        raise WeightsError("big-endian PyTorch checkpoints are not supported")

    storages: dict[str, _Storage] = {}

    def loader(dtype: np.dtype, key: str, numel: int) -> _Storage:
        return storages.setdefault(key, _Storage(dtype, numel))

    obj = _RestrictedUnpickler(f, loader).load()
    keys = _RestrictedUnpickler(f, _no_storage).load()
    if not isinstance(keys, list):
        raise WeightsError("checkpoint storage index is malformed")
    for key in keys:
        storage = storages.get(str(key))
        if storage is None:
            raise WeightsError(f"checkpoint storage {key!r} is not referenced by any tensor")
        (numel,) = struct.unpack("<q", _read_exact(f, 8))
        raw = _read_exact(f, numel * storage.dtype.itemsize)
        storage.data = np.frombuffer(raw, dtype=storage.dtype)
    return _materialise(obj)


def _load_zip(zf: zipfile.ZipFile) -> Any:
    pkl_names = [n for n in zf.namelist() if n.endswith("/data.pkl") or n == "data.pkl"]
    if len(pkl_names) != 1:
        raise WeightsError("zip checkpoint must contain exactly one data.pkl")
    root = pkl_names[0][: -len("data.pkl")]
    storages: dict[str, _Storage] = {}

    def loader(dtype: np.dtype, key: str, numel: int) -> _Storage:
        if key not in storages:
            storage = _Storage(dtype, numel)
            try:
                raw = zf.read(f"{root}data/{key}")
            except KeyError:
                raise WeightsError(f"zip checkpoint lacks storage data/{key}") from None
            storage.data = np.frombuffer(raw, dtype=dtype)[:numel]
            storages[key] = storage
        return storages[key]

    with zf.open(pkl_names[0]) as f:
        obj = _RestrictedUnpickler(io.BytesIO(f.read()), loader).load()
    return _materialise(obj)


def _read_exact(f: BinaryIO, n: int) -> bytes:
    data = f.read(n)
    if len(data) != n:
        raise WeightsError("checkpoint is truncated")
    return data


def load_checkpoint(path: str | Path) -> Any:
    """Load a PyTorch checkpoint file into plain Python containers holding numpy arrays."""
    path = Path(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as zf:
                return _load_zip(zf)
        with open(path, "rb") as f:
            return _load_legacy(f)
    except WeightsError as exc:
        raise WeightsError(f"{path}: {exc}") from None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, struct.error, zipfile.BadZipFile) as exc:
        raise WeightsError(f"{path}: cannot read the speaker-encoder weights ({exc})") from exc


def find_resemblyzer_weights() -> Path:
    """Path of ``pretrained.pt`` inside the installed resemblyzer wheel, found without importing it."""
    candidates: list[Path] = []
    try:
        spec = importlib.util.find_spec(RESEMBLYZER_PACKAGE)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        candidates += [Path(p) / WEIGHTS_FILENAME for p in spec.submodule_search_locations]
    try:
        for file in importlib.metadata.files(RESEMBLYZER_PACKAGE) or []:
            if file.name == WEIGHTS_FILENAME:
                candidates.append(Path(str(file.locate())))
    except importlib.metadata.PackageNotFoundError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise WeightsError(
        "The speaker-recognition weights are missing: they come from the Python package "
        f"'{RESEMBLYZER_PACKAGE}' ({RESEMBLYZER_VERSION}), which is not installed. Install it without its "
        f"dependencies (the app does not need torch) with:\n    {INSTALL_COMMAND}"
    )


def load_encoder_state(path: str | Path | None = None) -> dict[str, np.ndarray]:
    """The encoder's parameters (``lstm.*``, ``linear.*``) as float32 arrays, keyed like torch's state dict."""
    path = Path(path) if path is not None else find_resemblyzer_weights()
    checkpoint = load_checkpoint(path)
    state = checkpoint.get("model_state", checkpoint) if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict):
        raise WeightsError(f"{path}: checkpoint holds no model state dictionary")
    return {str(k): v for k, v in state.items() if isinstance(v, np.ndarray)}
