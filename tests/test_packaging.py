"""Every sub-package ships: pyproject lists packages explicitly because ui/ installs as kohtaava_desk.ui."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = set()
    for top, name in ((ROOT / "kohtaava_desk", "kohtaava_desk"), (ROOT / "ui", "kohtaava_desk.ui")):
        for init in top.rglob("__init__.py"):
            rel = init.parent.relative_to(top).parts
            found.add(".".join((name, *rel)))
    assert found == listed


def test_no_bare_ui_package_is_installed():
    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert cfg["package-dir"]["kohtaava_desk.ui"] == "ui"
    assert not any(p == "ui" or p.startswith("ui.") for p in cfg["packages"])
