"""`kohtaava-desk model install PATH.zip|DIR [--to DIR]`: put a speech model in place and use it.

For offices whose IT hands out a model file (no internet at the desk): unpacks a .zip (or copies a
folder), finds the model inside (Whisper's CTranslate2 layout or Vosk's am/ conf/ graph/, also one
folder down), checks that it is complete, moves it under the data directory (or --to) and writes
speech.engine and speech.model_path into the personal settings. Nothing is left half-installed:
the model is assembled in a temporary folder next to its destination and renamed into place.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

from ..i18n import LANGUAGES, t
from ..paths import data_dir, personal_config_file
from ..speech.whisper_engine import is_whisper_dir, missing_files


class InstallError(RuntimeError):
    """Why a model was not installed: an i18n code (speech.install.<code>) and its values."""

    def __init__(self, code: str, path: Path, detail: str = "") -> None:
        super().__init__(f"{code}: {path} {detail}")
        self.code, self.path, self.detail = code, path, detail

    def text(self, lang: str) -> str:
        return t(f"speech.install.{self.code}", lang, path=self.path, detail=self.detail)


def add_parser(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("install", help="unpack or copy a model into place and point the settings at it")
    p.add_argument("source", type=Path, help="a .zip of the model, or its folder")
    p.add_argument("--to", type=Path, default=None,
                   help="parent folder for the model (default: models/ in the data directory)")
    p.add_argument("--lang", choices=LANGUAGES, default=None,
                   help="language of the report; default: the UI language from the settings")


def _is_vosk_dir(path: Path) -> bool:
    return all((path / part).is_dir() for part in ("am", "conf")) and (path / "graph").is_dir()


def find_model(root: Path) -> tuple[Path, str]:
    """(model folder, engine) in ``root`` or one folder below it."""
    for candidate in [root, *sorted(p for p in root.iterdir() if p.is_dir())]:
        if is_whisper_dir(candidate):
            return candidate, "whisper"
        if _is_vosk_dir(candidate):
            return candidate, "vosk"
    raise InstallError("no_model", root)


def _unpack(source: Path, into: Path) -> Path:
    if source.is_dir():
        target = into / source.name
        shutil.copytree(source, target)
        return target
    if source.suffix.lower() != ".zip":
        raise InstallError("not_zip", source)
    try:
        with zipfile.ZipFile(source) as zf:
            for member in zf.namelist():
                dest = (into / member).resolve()
                if not dest.is_relative_to(into.resolve()):
                    raise InstallError("outside", source, repr(member))
            zf.extractall(into)
    except zipfile.BadZipFile as exc:
        raise InstallError("bad_zip", source, str(exc)) from None
    return into


def install(source: Path, parent: Path) -> tuple[Path, str]:
    """Install the model from ``source`` under ``parent``; returns (installed folder, engine)."""
    if not source.exists():
        raise InstallError("not_found", source)
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix=".installing-") as tmp:
        try:
            found, engine = find_model(_unpack(source, Path(tmp)))
        except InstallError as exc:
            raise InstallError(exc.code, source, exc.detail) from None
        if engine == "whisper" and missing_files(found):
            raise InstallError("incomplete", source, ", ".join(missing_files(found)))
        name = source.stem if source.is_file() else source.name
        final = parent / engine / name
        if final.exists():
            raise InstallError("exists", final)
        final.parent.mkdir(parents=True, exist_ok=True)
        found.rename(final)
    return final, engine


def run(args: argparse.Namespace, ui_lang: str = "fi") -> int:
    from ..companion.personal import write_overrides

    lang = args.lang or ui_lang
    parent = args.to if args.to is not None else data_dir() / "models"
    try:
        folder, engine = install(args.source, parent)
    except InstallError as exc:
        print(f"kohtaava-desk model install: {exc.text(lang)}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"kohtaava-desk model install: {t('speech.install.failed', lang, detail=exc)}", file=sys.stderr)
        return 1
    settings = personal_config_file()
    write_overrides(settings, {"speech.engine": engine, "speech.model_path": str(folder)})
    print(t("speech.install.done", lang, engine=engine, path=folder))
    print(t("speech.install.settings", lang, file=settings, engine=engine, path=folder))
    print(t("speech.install.next", lang))
    return 0
