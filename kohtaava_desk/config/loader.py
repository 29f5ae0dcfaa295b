"""Layered configuration: built-in defaults <- office profile <- personal overrides.

A bad value never stops the app: it is reported (file, key, value, what is allowed) and the value from
the layer below stays in force. An office file that cannot be read at all falls back to the last copy
of it that was valid, so a half-saved edit on a shared drive doesn't reset every desk to defaults.
"""

from __future__ import annotations

import copy
import hashlib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from .crosscheck import cross_problems
from .problems import ConfigError, Problem
from .schema import SCHEMA_VERSION, Config
from .validate import build, missing_keys, validate_table

OFFICE_ENV = "KOHTAAVA_DESK_OFFICE"
"""Environment variable IT can set so every desk reads one shared office profile."""

DEFAULT_FILE = Path(__file__).resolve().parent / "default.toml"


@dataclass
class LoadedConfig:
    config: Config
    problems: list[Problem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """Files that contributed, lowest layer first."""


MAX_TOML_BYTES = 1024 * 1024
"""A real profile is a few kB; a bigger file is a wrong path, and is not read into memory."""

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


def read_toml(path: Path) -> tuple[dict | None, list[Problem]]:
    """Parse one TOML file; every failure becomes a Problem naming the file (never an exception)."""
    from ..fileguard import input_problem

    not_regular = input_problem(path)
    if not_regular:
        return None, [Problem(str(path), "", f"{not_regular}; give the path of a .toml file")]
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_TOML_BYTES + 1)
    except FileNotFoundError:
        return None, [Problem(str(path), "", "file not found")]
    except OSError as exc:
        return None, [Problem(str(path), "", f"cannot be read: {exc.strerror or exc}")]
    if len(raw) > MAX_TOML_BYTES:
        return None, [Problem(str(path), "", f"is larger than {MAX_TOML_BYTES // 1024} kB; not a configuration file")]
    if raw.startswith(_UTF16_BOMS):
        return None, [Problem(str(path), "", "is saved as UTF-16; save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8)")]
    # Notepad's "UTF-8 with BOM" is still UTF-8: accept it rather than fail on an invisible mark.
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(str(path), "", f"is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8")]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(str(path), "", f"is not valid TOML: {exc}")]
    except RecursionError:
        return None, [Problem(str(path), "", "is not valid TOML: values are nested too deeply")]


def _check_version(data: dict, file: str) -> list[Problem]:
    version = data.pop("schema_version", SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        return []
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        return [Problem(file, "schema_version", f"written for a newer kohtaava-desk (this one reads version {SCHEMA_VERSION}); update the app", version)]
    return [Problem(file, "schema_version", f"must be {SCHEMA_VERSION}", version)]


def _set(tree: dict, path: tuple[str, ...], value) -> None:
    for key in path[:-1]:
        tree = tree.setdefault(key, {})
    tree[path[-1]] = value


def _get(tree: dict, path: tuple[str, ...]):
    for key in path:
        tree = tree[key]
    return tree


def deep_merge(base: dict, top: dict) -> dict:
    out = copy.deepcopy(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_defaults(path: Path = DEFAULT_FILE) -> dict:
    data, problems = read_toml(path)
    if data is None:
        raise ConfigError(problems)
    problems = _check_version(data, str(path))
    clean, more = validate_table(data, Config, str(path))
    clean["schema_version"] = SCHEMA_VERSION
    problems += more + [Problem(str(path), key, "missing from the built-in defaults") for key in missing_keys(clean, Config)]
    problems += [p for p, _ in ([] if problems else cross_problems(clean, str(path)))]
    if problems:
        raise ConfigError(problems)
    return clean


def apply_layer(merged: dict, data: dict, file: str) -> tuple[dict, list[Problem]]:
    """Merge one partial layer on top, keeping the lower value wherever the layer is wrong."""
    data = dict(data)
    problems = _check_version(data, file)
    clean, more = validate_table(data, Config, file)
    problems += more
    candidate = deep_merge(merged, clean)
    for problem, keys in cross_problems(candidate, file):
        problems.append(problem)
        for key in keys:
            _set(candidate, key, _get(merged, key))
    return candidate, problems


def _last_good_path(office: Path, state_dir: Path) -> Path:
    digest = hashlib.sha1(str(office.resolve()).encode()).hexdigest()[:12]
    return state_dir / f"last-good-office-{digest}.toml"


def load_config(office: Path | None = None, personal: Path | None = None, *, state_dir: Path | None = None,
                env: dict | None = None, defaults: Path = DEFAULT_FILE) -> LoadedConfig:
    """Load the effective configuration. Never raises for a user-supplied file."""
    env = os.environ if env is None else env
    merged = load_defaults(defaults)
    result_problems: list[Problem] = []
    sources = [str(defaults)]
    if office is None and env.get(OFFICE_ENV):
        office = Path(env[OFFICE_ENV])
    for path, is_office in ((office, True), (personal, False)):
        if path is None or (not is_office and not path.exists()):
            continue
        text_data, problems = read_toml(path)
        from_backup = False
        if text_data is None and is_office and state_dir is not None:
            text_data, from_backup = _last_good(path, state_dir, problems)
        result_problems += problems
        if text_data is None:
            continue
        merged, problems = apply_layer(merged, text_data, str(path))
        result_problems += problems
        sources.append(str(path))
        # Only a file that was itself read and found fully valid may become the fallback copy: never
        # the broken file that made the fallback necessary.
        if is_office and not from_backup and not problems and state_dir is not None:
            _remember_good(text_data, path, state_dir)
    return LoadedConfig(build(Config, merged), result_problems, sources)


def _last_good(office: Path, state_dir: Path, problems: list[Problem]) -> tuple[dict | None, bool]:
    """The last valid copy of an unreadable office profile, noting in ``problems`` what is in force."""
    backup = _last_good_path(office, state_dir)
    if not backup.exists():
        problems.append(Problem(str(office), "", "no earlier valid copy of this office profile is kept; "
                                                 "the built-in defaults are in force until it is fixed"))
        return None, False
    data, backup_problems = read_toml(backup)
    if data is None:
        problems += backup_problems
        problems.append(Problem(str(office), "", "the kept copy of this office profile is unreadable too; "
                                                 "the built-in defaults are in force until it is fixed"))
        return None, False
    problems.append(Problem(str(office), "", f"using the last valid copy of this office profile ({backup}) until it is fixed"))
    return data, True


def _remember_good(data: dict, office: Path, state_dir: Path) -> None:
    from ..fileguard import write_private_atomically

    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        # The parsed, validated tables rather than the file's bytes: the file may have changed since.
        write_private_atomically(_last_good_path(office, state_dir), tomli_w.dumps(data), protected=[])
    except (OSError, TypeError, ValueError):
        pass  # only a convenience; the office file itself is still in force


def check_file(path: Path, defaults: Path = DEFAULT_FILE) -> list[Problem]:
    """Every problem of one file, read as a layer on top of the defaults (or as the defaults themselves)."""
    if path.resolve() == defaults.resolve():
        try:
            load_defaults(path)
        except ConfigError as exc:
            return exc.problems
        return []
    data, problems = read_toml(path)
    if data is None:
        return problems
    return apply_layer(load_defaults(defaults), data, str(path))[1]
