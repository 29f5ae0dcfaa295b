"""The core never imports Qt: the widget is one front end of a model that must run headless."""

from __future__ import annotations

import pytest

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "kohtaava_desk"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "kohtaava_desk.ui")


def imported_names(path: Path, top_level_only: bool = False):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the file's package
                pkg = path.relative_to(CORE.parent).with_suffix("").parts[:-node.level]
                yield ".".join(pkg + ((node.module,) if node.module else ()))
            else:
                yield node.module or ""


def test_no_core_module_imports_qt():
    offenders = []
    for path in CORE.rglob("*.py"):
        # Commands that open a window (the app, review, demo) are entry points: they may import the UI
        # inside the function that opens it, never at module level.
        launcher = path.relative_to(CORE).parts[:1] == ("cli",)
        for name in imported_names(path, top_level_only=launcher):
            if name.startswith(QT):
                offenders.append(f"{path.relative_to(CORE.parent)} imports {name}")
    assert not offenders, offenders


@pytest.mark.slow
def test_importing_every_core_module_loads_no_qt():
    code = (
        "import pkgutil, importlib, sys, kohtaava_desk\n"
        "for m in pkgutil.walk_packages(kohtaava_desk.__path__, 'kohtaava_desk.'):\n"
        "    if not m.name.startswith(('kohtaava_desk.ui', 'kohtaava_desk.__main__')):\n"
        "        importlib.import_module(m.name)\n"
        "bad = [n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


def test_checker_would_catch_a_qt_import(tmp_path):
    fake = CORE / "meeting" / "_probe_for_test.py"
    fake.write_text("from PySide6 import QtCore\n")
    try:
        assert list(imported_names(fake)) == ["PySide6"]
    finally:
        fake.unlink()
