"""The packaged speaker-encoder weights (checksum, licence, clear errors) and the one-off converter."""

from __future__ import annotations

import hashlib
import importlib.util
import pickle
import shutil
import struct
from pathlib import Path

import numpy as np
import pytest

from kohtaava_desk.speakers import weights
from kohtaava_desk.speakers.weights import WeightsError, content_digest, load_encoder_state

ROOT = Path(__file__).resolve().parents[1]


def _converter():
    spec = importlib.util.spec_from_file_location("convert_encoder_weights", ROOT / "scripts/convert_encoder_weights.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


convert = _converter()


# --- the shipped file ---------------------------------------------------------------------------


def test_packaged_weights_match_the_recorded_checksum():
    with np.load(weights.DATA_DIR / weights.WEIGHTS_FILENAME, allow_pickle=False) as npz:
        state = {k: npz[k] for k in npz.files}
    assert content_digest(state) == weights.WEIGHTS_SHA256
    assert sorted(state) == sorted(load_encoder_state())


def test_licence_and_notice_ship_beside_the_weights():
    licence = (weights.DATA_DIR / weights.LICENSE_FILENAME).read_text()
    assert "Apache License" in licence and "Version 2.0" in licence
    notice = (weights.DATA_DIR / "NOTICE").read_text()
    assert "Resemblyzer" in notice and "convert_encoder_weights.py" in notice


def test_pyproject_declares_the_weights_as_package_data():
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    patterns = data["kohtaava_desk.speakers"]
    for name in (weights.WEIGHTS_FILENAME, weights.LICENSE_FILENAME, "NOTICE"):
        assert any(Path("data", name).match(p) for p in patterns), name


def test_a_damaged_packaged_file_is_refused(tmp_path, monkeypatch):
    shutil.copy(weights.DATA_DIR / weights.WEIGHTS_FILENAME, tmp_path / weights.WEIGHTS_FILENAME)
    with np.load(tmp_path / weights.WEIGHTS_FILENAME) as npz:
        state = {k: npz[k].copy() for k in npz.files}
    state["linear.bias"][0] += 1e-3  # one flipped weight: still loads, but embeddings would be wrong
    np.savez(tmp_path / weights.WEIGHTS_FILENAME, **state)
    monkeypatch.setattr(weights, "DATA_DIR", tmp_path)
    with pytest.raises(WeightsError, match="checksum mismatch"):
        load_encoder_state()


def test_missing_and_unreadable_files_name_the_path(tmp_path):
    with pytest.raises(WeightsError, match="missing") as info:
        load_encoder_state(tmp_path / "none.npz")
    assert str(tmp_path / "none.npz") in str(info.value)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(WeightsError, match="cannot read") as info:
        load_encoder_state(bad)
    assert str(bad) in str(info.value)


def test_pickled_arrays_are_never_loaded(tmp_path):
    path = tmp_path / "objects.npz"
    np.savez(path, **{"linear.bias": np.array([object()], dtype=object)})
    with pytest.raises(WeightsError, match="cannot read"):
        load_encoder_state(path)


def test_digest_ignores_order_but_not_values():
    a = {"x": np.arange(3, dtype=np.float32), "y": np.ones((2, 2), np.float32)}
    b = {"y": a["y"], "x": a["x"]}
    assert content_digest(a) == content_digest(b)
    assert content_digest(a) != content_digest({**a, "x": a["x"] + 1})
    assert content_digest(a) != content_digest({**a, "y": a["y"].reshape(4)})


# --- the converter's legacy-checkpoint reader ------------------------------------------------------
# Hand-written pickle opcodes build torch-style checkpoints without torch.


def _str(s: str) -> bytes:
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def _int(i: int) -> bytes:
    return b"J" + struct.pack("<i", i)


def _tuple(*items: bytes) -> bytes:
    return b"(" + b"".join(items) + b"t"


def _tensor(key: str, numel: int, offset: int, shape: tuple[int, ...], stride: tuple[int, ...]) -> bytes:
    pid = _tuple(_str("storage"), b"ctorch\nFloatStorage\n", _str(key), _str("cpu"), _int(numel)) + b"Q"
    args = _tuple(
        pid, _int(offset), _tuple(*map(_int, shape)), _tuple(*map(_int, stride)), b"\x89",
        b"ccollections\nOrderedDict\n)R",
    )
    return b"ctorch._utils\n_rebuild_tensor_v2\n" + args + b"R"


def _state_pickle(entries: list[tuple[str, bytes]]) -> bytes:
    body = b"".join(_str(name) + tensor for name, tensor in entries)
    return b"\x80\x02" + b"}" + _str("model_state") + b"ccollections\nOrderedDict\n)R(" + body + b"us."


STORAGE = np.arange(24, dtype=np.float32) * 0.5
ENTRIES = [
    ("plain", _tensor("0", 24, 0, (2, 3), (3, 1))),
    # A transposed view with an offset into the same storage: strides must be honoured.
    ("strided", _tensor("0", 24, 6, (3, 2), (1, 3))),
]


def _legacy_file(main_pickle: bytes, storages: dict[str, np.ndarray]) -> bytes:
    head = pickle.dumps(0x1950A86A20F9469CFC6C, 2) + pickle.dumps(1001, 2)
    head += pickle.dumps({"protocol_version": 1001, "little_endian": True}, 2)
    tail = pickle.dumps(list(storages), 2)
    for data in storages.values():
        tail += struct.pack("<q", data.size) + data.astype("<f4").tobytes()
    return head + main_pickle + tail


def test_legacy_checkpoint_layout_and_strides():
    state = convert.read_legacy_checkpoint(_legacy_file(_state_pickle(ENTRIES), {"0": STORAGE}))
    np.testing.assert_array_equal(state["plain"], STORAGE[:6].reshape(2, 3))
    np.testing.assert_array_equal(state["strided"], STORAGE[6:12].reshape(2, 3).T)


def test_checkpoint_with_foreign_global_is_refused_without_running_it(tmp_path):
    marker = tmp_path / "pwned"
    evil = b"\x80\x02cos\nsystem\n" + _tuple(_str(f"touch {marker}")) + b"R."
    with pytest.raises(pickle.UnpicklingError, match=r"refusing pickle global os\.system"):
        convert.read_legacy_checkpoint(_legacy_file(evil, {}))
    assert not marker.exists()


def test_truncated_checkpoint_is_refused():
    with pytest.raises(ValueError, match="truncated"):
        convert.read_legacy_checkpoint(_legacy_file(_state_pickle(ENTRIES), {"0": STORAGE})[:-10])


def test_converter_refuses_a_wheel_that_is_not_the_published_one(tmp_path):
    wheel = tmp_path / "Resemblyzer-0.1.4-py3-none-any.whl"
    wheel.write_bytes(b"something else")
    with pytest.raises(SystemExit, match=hashlib.sha256(b"something else").hexdigest()):
        convert.convert(wheel, tmp_path / "out")
    assert not (tmp_path / "out").exists()

