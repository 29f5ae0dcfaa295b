"""Loads the Vosk model in a background thread so the widget never waits for it.

States: loading -> ready, or -> missing (no model installed: voice features simply stay off) or
-> failed(reason) (a broken model: the message says what to do). The app runs in every state.
"""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import t
from .model import ModelLayout, ModelLoadError, ModelProblem, inspect_model_dir, load_vosk_model

log = logging.getLogger(__name__)


class ModelState(str, enum.Enum):
    """Where the speech model stands; the widget shows it as the voice features' state."""

    OFF = "off"
    """Voice features are switched off: no model is loaded (never reported by the loader)."""
    LOADING = "loading"
    READY = "ready"
    MISSING = "missing"
    FAILED = "failed"


@dataclass(frozen=True)
class ModelStatus:
    """A snapshot of the loader, safe to hand to another thread."""

    state: ModelState
    """Where loading stands."""
    path: Path
    """The model folder in use (a found subfolder replaces the configured one)."""
    problems: tuple[ModelProblem, ...] = ()
    """Why the model is missing or failed, plus non-blocking notes."""
    sample_rate: int | None = None
    """The model's own audio rate (from conf/mfcc.conf)."""
    load_seconds: float | None = None
    """How long vosk.Model() took, when it ran."""
    layout: ModelLayout | None = field(default=None, compare=False)
    """The full layout report, once inspected."""

    @property
    def reason(self) -> str:
        """English text of the first blocking problem (for logs and tests); empty when none."""
        blocking = [p for p in self.problems if p.blocking]
        return blocking[0].text("en") if blocking else ""

    def message(self, lang: str = "fi") -> str:
        """What to show the expert, in their language."""
        if self.state is ModelState.LOADING:
            return t("speech.loading", lang)
        if self.state is ModelState.READY:
            return t("speech.ready", lang, rate=self.sample_rate, seconds=self.load_seconds or 0.0)
        blocking = [p for p in self.problems if p.blocking] or list(self.problems)
        return " ".join(p.text(lang) for p in blocking)


class ModelLoader:
    """Owns the one shared vosk.Model. `on_status` runs in the loader thread (marshal to the UI)."""

    def __init__(self, path: Path, *, on_status: Callable[[ModelStatus], None] | None = None,
                 load: Callable[[Path], object] = load_vosk_model,
                 inspect: Callable[[Path], ModelLayout] = inspect_model_dir,
                 now: Callable[[], float] = time.monotonic) -> None:
        self._path = Path(path)
        self._on_status = on_status
        self._load = load
        self._inspect = inspect
        self._now = now
        self._lock = threading.Lock()
        self._status = ModelStatus(ModelState.LOADING, self._path)
        self._model: object | None = None
        self._done = threading.Event()
        self._cancelled = False
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> ModelStatus:
        with self._lock:
            return self._status

    @property
    def model(self) -> object | None:
        """The loaded vosk.Model once READY, else None."""
        with self._lock:
            return self._model

    def start(self) -> ModelLoader:
        if self._thread is not None:
            return self
        # Daemon: a multi-GB model can take a minute inside one C call that cannot be interrupted;
        # quitting the app must not wait for it.
        self._thread = threading.Thread(target=self._run, name="kohtaava-model-loader", daemon=True)
        self._thread.start()
        return self

    def wait(self, timeout: float | None = None) -> ModelStatus:
        """Block until loading ends (tests, CLI); the app itself never calls this."""
        self._done.wait(timeout)
        return self.status

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def cancel(self) -> None:
        """Forget the result: a model that finishes loading afterwards is dropped, no callback fires."""
        with self._lock:
            self._cancelled = True
            self._model = None

    def _publish(self, status: ModelStatus, model: object | None = None) -> None:
        with self._lock:
            if self._cancelled:
                return
            self._status = status
            self._model = model
        if status.state is not ModelState.LOADING:
            self._done.set()
        if self._on_status is not None:
            try:
                self._on_status(status)
            except Exception as exc:  # a UI bug must not kill the loader
                log.warning("model status callback raised %s", type(exc).__name__)

    def _run(self) -> None:
        try:
            self._load_once()
        except Exception as exc:  # last line of defence: never let the thread die silently
            problem = ModelProblem("load_failed", self._path, type(exc).__name__)
            self._publish(ModelStatus(ModelState.FAILED, self._path, (problem,)))
        finally:
            self._done.set()

    def _load_once(self) -> None:
        layout = self._inspect(self._path)
        base = dict(path=layout.path, sample_rate=layout.sample_rate, layout=layout)
        if layout.missing:
            log.info("speech model missing: %s", layout.problems[0].code)
            self._publish(ModelStatus(ModelState.MISSING, problems=layout.problems, **base))
            return
        if not layout.ok:
            log.warning("speech model layout invalid: %s", ", ".join(p.code for p in layout.blocking))
            self._publish(ModelStatus(ModelState.FAILED, problems=layout.problems, **base))
            return
        self._publish(ModelStatus(ModelState.LOADING, problems=layout.problems, **base))
        started = self._now()
        try:
            model = self._load(layout.path)
        except ModelLoadError as exc:
            log.warning("speech model failed to load: %s", exc.problem.code)
            self._publish(ModelStatus(ModelState.FAILED, problems=(exc.problem, *layout.problems), **base))
            return
        seconds = self._now() - started
        log.info("speech model ready in %.2f s", seconds)
        self._publish(ModelStatus(ModelState.READY, problems=layout.problems, load_seconds=seconds, **base),
                      model)
