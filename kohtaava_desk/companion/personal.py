"""Personal overrides written by the settings dialog, and the office profile the expert picked.

Only the keys the expert actually changed are written, merged into whatever the personal file already
holds, so an office-wide change later still reaches every setting the expert never touched.
"""

from __future__ import annotations

import json
import logging
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..config.loader import apply_layer, load_defaults

log = logging.getLogger(__name__)

OFFICE_CHOICE = "office-profile.json"


class SettingsWriteError(RuntimeError):
    pass


def changed_keys(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The dotted keys whose wanted value differs from the effective one."""
    return {k: v for k, v in wanted.items() if current.get(k) != v}


def _nest(dotted: Mapping[str, Any]) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for key, value in dotted.items():
        node = tree
        parts = key.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return tree


def _merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in top.items():
        out[k] = _merge(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), dict) else v
    return out


def write_overrides(path: Path, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Merge dotted-key `changes` into the personal TOML file; returns what the file now holds.

    Refuses (SettingsWriteError naming the key) a value the configuration would reject, so the dialog
    can never write a file that later shows up as a problem.
    """
    import tomli_w

    existing: dict[str, Any] = {}
    if path.exists():
        try:
            existing = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            # Keep the broken file for the expert to look at, start a clean one.
            backup = path.with_suffix(".broken.toml")
            log.warning("personal settings unreadable (%s); moved to %s", type(exc).__name__, backup.name)
            try:
                path.replace(backup)
            except OSError:
                pass
    merged = _merge(existing, _nest(changes))
    _, problems = apply_layer(load_defaults(), merged, str(path))
    if problems:
        raise SettingsWriteError("; ".join(str(p) for p in problems))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomli_w.dumps(merged), encoding="utf-8")
    os.replace(tmp, path)  # never leave a half-written settings file behind
    return merged


def read_office_choice(state_dir: Path) -> Path | None:
    try:
        data = json.loads((state_dir / OFFICE_CHOICE).read_text(encoding="utf-8"))
        value = data.get("office")
        return Path(value) if value else None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, AttributeError):
        return None


def write_office_choice(state_dir: Path, office: Path | None) -> None:
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / OFFICE_CHOICE).write_text(json.dumps({"office": str(office) if office else ""}), encoding="utf-8")
