"""The pretrained GE2E speaker-encoder weights, shipped inside the package as a plain `.npz`.

They are Resemblyzer 0.1.4's `pretrained.pt` (Apache-2.0, Resemble AI; licence and NOTICE beside the
file), converted once by `scripts/convert_encoder_weights.py`. Reading them needs numpy only — no torch,
no pickle (`allow_pickle=False`) — and a digest of the arrays is checked on every load, so a damaged or
swapped file is refused with a clear message instead of producing wrong embeddings.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import numpy as np

RESEMBLYZER_VERSION = "0.1.4"
"""The release the weights come from (part of the encoder id that voice profiles record)."""
DATA_DIR = Path(__file__).resolve().parent / "data"
WEIGHTS_FILENAME = "ge2e_resemblyzer_0.1.4.npz"
LICENSE_FILENAME = "RESEMBLYZER-LICENSE"
WEIGHTS_SHA256 = "71e2b7df25206d0dad144cc71e18047440f20f9cb15944ee58433d5d46551655"
"""`content_digest` of the shipped arrays, printed by the conversion script."""


class WeightsError(RuntimeError):
    """The speaker-encoder weights are missing or cannot be read."""


def content_digest(state: dict[str, np.ndarray]) -> str:
    """SHA-256 over every array's name, dtype, shape and bytes, in name order (independent of the zip's
    timestamps, so a re-conversion of the same release gives the same digest)."""
    h = hashlib.sha256()
    for name in sorted(state):
        a = np.ascontiguousarray(state[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def load_encoder_state(path: str | Path | None = None) -> dict[str, np.ndarray]:
    """The encoder's parameters (``lstm.*``, ``linear.*``) as float32 arrays, keyed like torch's state dict.

    With no ``path`` the packaged file is read and its digest checked; an explicit path (tests, a
    maintainer's re-conversion) is read as given.
    """
    packaged = path is None
    path = DATA_DIR / WEIGHTS_FILENAME if packaged else Path(path)
    try:
        with np.load(path, allow_pickle=False) as npz:
            state = {name: npz[name] for name in npz.files}
    except FileNotFoundError:
        raise WeightsError(f"{path}: the speaker-encoder weights are missing; reinstall kohtaava-desk") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        raise WeightsError(f"{path}: cannot read the speaker-encoder weights ({exc})") from None
    if packaged and content_digest(state) != WEIGHTS_SHA256:
        raise WeightsError(f"{path}: the speaker-encoder weights are damaged (checksum mismatch); reinstall kohtaava-desk")
    bad = [name for name, a in state.items() if a.dtype != np.float32]
    if bad:
        raise WeightsError(f"{path}: parameter {bad[0]} is {state[bad[0]].dtype}, expected float32")
    return state
