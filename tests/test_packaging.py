"""Every sub-package ships: pyproject lists packages explicitly because ui/ installs as kohtaava_desk.ui."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

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


@pytest.mark.slow
def test_the_wheel_carries_its_data_and_works_away_from_the_checkout(tmp_path):
    # The full check (plain `pip install` of the wheel into a clean venv, then `analyze --enroll --json`)
    # is scripts/check_wheel_install.sh; this is its offline core: build the wheel, unpack it elsewhere,
    # and load the configuration and the speaker encoder from the unpacked copy alone.
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist),
                    str(ROOT)], check=True, capture_output=True, cwd=tmp_path, timeout=300)
    (wheel,) = dist.glob("kohtaava_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kohtaava_desk/config/default.toml", "kohtaava_desk/speakers/data/ge2e_resemblyzer_0.1.4.npz",
                   "kohtaava_desk/speakers/data/RESEMBLYZER-LICENSE", "kohtaava_desk/speakers/data/NOTICE",
                   "kohtaava_desk/ui/app.py"):
        assert needed in names
    assert not any(n.startswith(("ui/", "tests/", "bench/", "scripts/")) for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys, numpy as np\n"
        "from kohtaava_desk.config import load_config\n"
        "from kohtaava_desk.speakers.encoder import VoiceEncoder\n"
        "assert load_config(None, None, env={}).config.ui.language\n"
        "assert VoiceEncoder.load().embed(np.zeros(24000, np.float32) + 0.01).shape == (256,)\n"
        "print(__import__('kohtaava_desk').__file__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"PYTHONPATH": str(site)}
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().startswith(str(site))
