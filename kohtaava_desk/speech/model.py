"""Find, check and load a Vosk model folder.

The expected layout (Vosk "v2", which every current Kaldi nnet3 model for Vosk uses):

    am/final.mdl              acoustic model (required)
    conf/mfcc.conf            feature settings, incl. --sample-frequency (required)
    conf/model.conf           decoder settings (required)
    graph/HCLG.fst            static graph (+ graph/words.txt), or
    graph/HCLr.fst + graph/Gr.fst + graph/disambig_tid.int   dynamic graph ("small"/"lgraph" models)
    graph/phones/word_boundary.int   word timings (optional but wanted)
    ivector/                  speaker adaptation (optional; complete when present)
    rescore/G.carpa + G.fst   big-model rescoring (optional)

Checking the layout first turns Kaldi's cryptic failures into a message that names the missing file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..i18n import t
from .ascii_path import NonAsciiPath, vosk_path, windows_short_path

KALDI_DEFAULT_RATE = 16_000
"""Kaldi's --sample-frequency when conf/mfcc.conf does not set one."""
APP_RATE = 16_000
"""The rate of the audio the app feeds (AudioBlock's SAMPLE_RATE)."""

MISSING_CODES = frozenset({"not_found", "empty", "archive", "whisper_not_found"})
"""Problems that mean "no model installed" rather than "a broken model"."""

_REQUIRED = ("am/final.mdl", "conf/mfcc.conf", "conf/model.conf")
_DYNAMIC = ("graph/HCLr.fst", "graph/Gr.fst", "graph/disambig_tid.int")
_IVECTOR = ("ivector/final.ie", "ivector/final.dubm", "ivector/final.mat", "ivector/global_cmvn.stats",
            "ivector/online_cmvn.conf", "ivector/splice.conf")
_ARCHIVES = (".zip", ".tar.gz", ".tgz", ".tar", ".7z")


@dataclass(frozen=True)
class ModelProblem:
    """One thing wrong with (or worth saying about) a model folder."""

    code: str
    """Stable identifier, its text is `speech.<code>` in kohtaava_desk.i18n."""
    path: Path
    """The model folder the problem is about."""
    detail: str = ""
    """A relative file name, a value or an error type: never speech content."""
    blocking: bool = True
    """False for notes and warnings that do not stop loading."""

    def text(self, lang: str = "fi") -> str:
        return t(f"speech.{self.code}", lang, path=self.path, detail=self.detail)


@dataclass(frozen=True)
class ModelLayout:
    """What inspect_model_dir() found in a folder."""

    path: Path
    """The folder that holds am/, conf/, graph/ (may be a subfolder of the one asked for)."""
    problems: tuple[ModelProblem, ...]
    """Everything found wrong or noteworthy, blocking problems first."""
    graph: str | None = None
    """"static" (HCLG.fst), "dynamic" (HCLr.fst + Gr.fst) or None when missing."""
    ivector: bool = False
    """Whether the model adapts to the speaker with i-vectors."""
    rescore: bool = False
    """Whether a rescoring language model is present (big models; slower and heavier)."""
    sample_rate: int | None = None
    """The model's audio rate from conf/mfcc.conf (Kaldi's default 16000 when unset)."""
    sample_rate_from_conf: bool = False
    """True when conf/mfcc.conf states --sample-frequency itself."""

    @property
    def ok(self) -> bool:
        return not any(p.blocking for p in self.problems)

    @property
    def missing(self) -> bool:
        """No model is installed at all (as opposed to a broken one)."""
        return any(p.code in MISSING_CODES for p in self.problems)

    @property
    def blocking(self) -> tuple[ModelProblem, ...]:
        return tuple(p for p in self.problems if p.blocking)

    @property
    def notes(self) -> tuple[ModelProblem, ...]:
        return tuple(p for p in self.problems if not p.blocking)


def repository_model_dir() -> Path:
    """models/vosk-fi next to the package (the repository, or an unpacked installation)."""
    return Path(__file__).resolve().parents[2] / "models" / "vosk-fi"


def configured_model_dir(model_path: str | Path | None) -> Path:
    """The folder named in the setting speech.model_path; empty means models/vosk-fi."""
    if model_path is None or str(model_path).strip() == "":
        return repository_model_dir()
    return Path(str(model_path).strip()).expanduser()


def _has_model(folder: Path) -> bool:
    return any((folder / part).is_dir() for part in ("am", "conf", "graph"))


def _nonempty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def read_mfcc_conf(path: Path) -> dict[str, str]:
    """Options of a Kaldi config file (`--name=value` per line, `#` starts a comment); last one wins."""
    options: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line.startswith("--"):
            continue
        name, _, value = line[2:].partition("=")
        options[name.strip()] = value.strip() if _ else "true"
    return options


def _sample_rate(folder: Path, problems: list[ModelProblem]) -> tuple[int | None, bool]:
    conf = folder / "conf" / "mfcc.conf"
    try:
        options = read_mfcc_conf(conf)
    except OSError:
        return None, False
    raw = options.get("sample-frequency")
    if raw is None:
        rate, stated = KALDI_DEFAULT_RATE, False
    else:
        try:
            value = float(raw)
        except ValueError:
            value = -1.0
        if not value > 0 or value != int(value):
            problems.append(ModelProblem("bad_sample_rate", folder, raw))
            return None, True
        rate, stated = int(value), True
    if rate > APP_RATE and options.get("allow-upsample", "false").lower() not in ("true", "1"):
        problems.append(ModelProblem("no_upsample", folder, str(rate)))
    return rate, stated


def inspect_model_dir(path: Path) -> ModelLayout:
    """Check a model folder's layout without loading anything heavy (fast; safe in the UI thread)."""
    path = Path(path)
    if not path.exists():
        return ModelLayout(path, (ModelProblem("not_found", path),))
    if not path.is_dir():
        return ModelLayout(path, (ModelProblem("not_a_folder", path),))

    notes: list[ModelProblem] = []
    if not _has_model(path):
        # Archives often unpack into one extra folder level (vosk-model-xx/am/...): accept that.
        subfolders = [p for p in sorted(path.iterdir()) if p.is_dir() and _has_model(p)]
        if len(subfolders) == 1:
            notes.append(ModelProblem("nested", subfolders[0], subfolders[0].name, blocking=False))
            path = subfolders[0]
        elif (path / "final.mdl").exists():
            return ModelLayout(path, (ModelProblem("old_layout", path),))
        else:
            archives = [p.name for p in sorted(path.iterdir()) if p.name.lower().endswith(_ARCHIVES)]
            code = "archive" if archives else "empty"
            return ModelLayout(path, (ModelProblem(code, path, archives[0] if archives else ""),))

    problems: list[ModelProblem] = []
    for rel in _REQUIRED:
        file = path / rel
        if not file.exists():
            problems.append(ModelProblem("missing_file", path, rel))
        elif not _nonempty(file) and rel.startswith("am/"):
            problems.append(ModelProblem("empty_file", path, rel))

    graph = None
    dynamic_present = [rel for rel in _DYNAMIC if (path / rel).exists()]
    if (path / "graph" / "HCLG.fst").exists():
        graph = "static"
        if not _nonempty(path / "graph" / "HCLG.fst"):
            problems.append(ModelProblem("empty_file", path, "graph/HCLG.fst"))
        if not (path / "graph" / "words.txt").exists():
            problems.append(ModelProblem("no_words", path, "graph/words.txt", blocking=False))
    elif dynamic_present:
        graph = "dynamic"
        for rel in _DYNAMIC:
            if rel not in dynamic_present:
                problems.append(ModelProblem("incomplete_graph", path, rel))
            elif rel.endswith(".fst") and not _nonempty(path / rel):
                problems.append(ModelProblem("empty_file", path, rel))
    else:
        problems.append(ModelProblem("missing_graph", path))

    ivector = (path / "ivector" / "final.ie").exists()
    if ivector:
        for rel in _IVECTOR:
            if not (path / rel).exists():
                problems.append(ModelProblem("incomplete_ivector", path, rel))

    rescore = (path / "rescore" / "G.carpa").exists()
    if rescore and not (path / "rescore" / "G.fst").exists():
        problems.append(ModelProblem("incomplete_rescore", path, "rescore/G.fst"))

    rate, stated = (None, False)
    if (path / "conf" / "mfcc.conf").exists():
        try:
            rate, stated = _sample_rate(path, problems)
        except OSError:  # pragma: no cover - permissions
            problems.append(ModelProblem("unreadable", path, "conf/mfcc.conf"))

    problems.sort(key=lambda p: not p.blocking)
    return ModelLayout(path, tuple(problems + notes), graph, ivector, rescore, rate, stated)


class ModelLoadError(RuntimeError):
    """Loading failed; `problem` says why and what to do."""

    def __init__(self, problem: ModelProblem) -> None:
        super().__init__(problem.text("en"))
        self.problem = problem


def load_vosk_model(path: Path, *, platform: str = sys.platform,
                    short_path: Callable[[str], str | None] = windows_short_path) -> object:
    """vosk.Model(path) with Vosk's own logging off; every failure becomes a ModelLoadError.

    Never calls Model(lang=...): that variant downloads from the internet and sys.exit()s on failure.
    Blocks for seconds (large models: a minute): call it from a background thread.
    """
    try:
        where = vosk_path(path, platform=platform, short_path=short_path)
    except NonAsciiPath:
        raise ModelLoadError(ModelProblem("non_ascii_path", path)) from None
    try:
        import vosk
    except (ImportError, OSError) as exc:
        raise ModelLoadError(ModelProblem("vosk_unavailable", path, type(exc).__name__)) from None
    vosk.SetLogLevel(-1)
    try:
        return vosk.Model(where)
    except MemoryError:
        raise ModelLoadError(ModelProblem("out_of_memory", path)) from None
    except Exception as exc:  # vosk raises a bare Exception("Failed to create a model")
        raise ModelLoadError(ModelProblem("load_failed", path, str(exc) or type(exc).__name__)) from None
