"""Streams the expert's speech through one speech decoder owned by one worker thread.

This module is the policy — bounded queue, shedding, utterance boundaries, timeline, counters; the
engine is a `Decoder` (`kaldi.py`: Vosk, the default; another engine plugs in with `decoder_factory`).

The listening pipeline calls `feed(block)` with the expert's speech only; the call never waits for
recognition (talk-time tracking must not stall): it appends to a queue bounded in seconds of audio
and returns. When recognition falls behind, the rest of the current utterance is shed as a whole
(a half-heard sentence could fire a wrong cue; precision beats recall) and counted.

Blocks whose start follows the previous block's end by `flush_gap_s` or more begin a new utterance:
the worker finalises the previous one (a little silence, then the decoder's finish(), because Vosk's
endpointing needs trailing silence it never gets from VAD-gated audio). When no audio arrives for
`flush_idle_s` of wall time (the expert stopped and the client talks), the pending utterance is
finalised as well.

Each finished utterance goes to `on_utterance(text, start, end)` in the worker thread, with start and
end in session-clock seconds. The text is never logged or stored here: logs and status events carry
counts, timings and exception type names only.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from ..audio.blocks import SAMPLE_RATE, AudioBlock
from .kaldi import Decoded, Decoder, KaldiDecoder, vosk_recognizer
from ..workers import WorkerThread
from .timeline import Timeline

log = logging.getLogger(__name__)

UtteranceCallback = Callable[[str, float, float], None]


@dataclass(frozen=True)
class RecognizerSettings:
    """Tuning of the recogniser worker."""

    max_queue_s: float = 8.0
    """Audio waiting for recognition beyond this is shed (the worker is falling behind)."""
    flush_gap_s: float = 0.6
    """A session-time gap at least this long between expert blocks ends the utterance."""
    flush_idle_s: float = 2.5
    """Wall-clock time without new audio after which the pending utterance is finalised. Must exceed
    the time between two chunks of one utterance from the listening pipeline (it hands over speech in
    chunks of up to 1.5 s once each is attributed), or sentences would be cut at chunk borders."""
    tail_silence_s: float = 0.2
    """Silence fed after each utterance before FinalResult(), like the pause a speaker leaves."""
    chunk_s: float = 0.4
    """Consecutive small blocks are joined up to this length per AcceptWaveform() call."""
    max_consecutive_errors: int = 3
    """After this many recogniser failures in a row the worker gives up (status "failed")."""


@dataclass(frozen=True)
class RecognizerStats:
    """Counters of one worker; numbers only."""

    blocks_in: int = 0
    """Blocks accepted by feed()."""
    blocks_shed: int = 0
    """Blocks refused by feed() because the queue was full, the utterance was shed or the worker stopped."""
    seconds_in: float = 0.0
    """Audio accepted by feed()."""
    seconds_shed: float = 0.0
    """Audio refused by feed()."""
    utterances_shed: int = 0
    """Utterances cut off because recognition fell behind."""
    seconds_discarded: float = 0.0
    """Already queued audio skipped by the worker because its utterance was shed."""
    seconds_decoded: float = 0.0
    """Audio given to the recogniser (speech plus tail silence)."""
    busy_s: float = 0.0
    """Wall time spent inside the recogniser."""
    cpu_s: float = 0.0
    """CPU time of the worker thread spent inside the recogniser (unaffected by other load)."""
    utterances: int = 0
    """Utterances delivered to on_utterance."""
    words: int = 0
    """Words in those utterances."""
    errors: int = 0
    """Recogniser or callback exceptions caught."""

    @property
    def real_time_factor(self) -> float | None:
        """Wall time per second of audio: above 1 the worker falls behind and sheds."""
        return self.busy_s / self.seconds_decoded if self.seconds_decoded > 0 else None

    @property
    def cpu_real_time_factor(self) -> float | None:
        """CPU time per second of audio: the recogniser's own cost on this CPU."""
        return self.cpu_s / self.seconds_decoded if self.seconds_decoded > 0 else None


@dataclass(frozen=True)
class RecognizerEvent:
    """A state change of the worker for the status line (never contains speech content)."""

    kind: str
    """"running", "error" (recovered), "failed" (gave up) or "stopped"."""
    detail: str = ""
    """Exception type or counts."""


@dataclass
class _Chunk:
    utt: int
    t0: float
    pcm: np.ndarray

    @property
    def duration(self) -> float:
        return len(self.pcm) / SAMPLE_RATE


def _mono_int16(samples: np.ndarray) -> np.ndarray:
    x = np.asarray(samples)
    if x.ndim == 2:
        x = x[:, 0]  # two-channel mode: channel 0 is the expert's microphone
    if x.dtype == np.int16:
        return x.copy()  # the caller may reuse its buffer once feed() returns
    return np.clip(np.rint(x.astype(np.float32) * 32768.0), -32768, 32767).astype(np.int16)


class RecognizerWorker:
    """One decoder in one thread, fed through a bounded queue. Start, feed, stop."""

    def __init__(self, model: object, on_utterance: UtteranceCallback, *,
                 on_status: Callable[[RecognizerEvent], None] | None = None,
                 settings: RecognizerSettings = RecognizerSettings(),
                 recognizer_factory: Callable[[object, int], object] = vosk_recognizer,
                 decoder_factory: Callable[[object], Decoder] | None = None,
                 now: Callable[[], float] = time.monotonic,
                 name: str = "kohtaava-recognizer") -> None:
        """`decoder_factory(model)` makes the engine's decoder in the worker thread; by default a
        KaldiDecoder over `recognizer_factory(model, 16000)` (tests pass a fake KaldiRecognizer)."""
        self._model = model
        self._on_utterance = on_utterance
        self._on_status = on_status
        self._settings = settings
        self._new_decoder = decoder_factory or (lambda m: KaldiDecoder(recognizer_factory(m, SAMPLE_RATE)))
        self._now = now
        self._cond = threading.Condition()
        self._queue: deque[_Chunk] = deque()
        self._queued_s = 0.0
        self._last_t1: float | None = None
        self._utt = 0
        self._shedding = False
        self._aborted: set[int] = set()
        self._stopping = False
        self._drain = False
        self._closed = False
        self._stats = RecognizerStats()
        self._worker = WorkerThread(name, self._run)

    # ---- caller side (any thread; never waits for recognition) ---------------------------------

    def feed(self, block: AudioBlock) -> bool:
        """Queue one block of the expert's speech. Returns False when it was shed."""
        pcm = _mono_int16(block.samples)
        duration = len(pcm) / SAMPLE_RATE
        if duration == 0:
            return True
        s = self._settings
        with self._cond:
            if self._closed or self._stopping:
                self._count_shed(duration)
                return False
            if (self._last_t1 is None or block.t0 - self._last_t1 >= s.flush_gap_s
                    or block.t0 < self._last_t1 - s.flush_gap_s):
                self._utt += 1
                self._shedding = False
            self._last_t1 = block.t0 + duration
            if self._shedding:
                self._count_shed(duration)
                return False
            if self._queued_s + duration > s.max_queue_s:
                # Shed the rest of this utterance and tell the worker to drop what it has of it.
                self._shedding = True
                self._aborted.add(self._utt)
                self._stats = replace(self._stats, utterances_shed=self._stats.utterances_shed + 1)
                self._count_shed(duration)
                self._cond.notify()
                return False
            self._queue.append(_Chunk(self._utt, block.t0, pcm))
            self._queued_s += duration
            self._stats = replace(self._stats, blocks_in=self._stats.blocks_in + 1,
                                  seconds_in=self._stats.seconds_in + duration)
            self._cond.notify()
            return True

    def _count_shed(self, duration: float) -> None:
        self._stats = replace(self._stats, blocks_shed=self._stats.blocks_shed + 1,
                              seconds_shed=self._stats.seconds_shed + duration)

    @property
    def stats(self) -> RecognizerStats:
        with self._cond:
            return self._stats

    @property
    def queued_seconds(self) -> float:
        with self._cond:
            return self._queued_s

    @property
    def running(self) -> bool:
        return self._worker.running

    def start(self) -> RecognizerWorker:
        if not self._worker.started:
            self._worker.start()
        return self

    def stop(self, timeout: float = 2.0, *, drain: bool = False) -> bool:
        """Stop the worker and wait for it. drain=True first recognises everything queued
        (file analysis); the default drops it (end of a live meeting). Returns True when joined."""
        with self._cond:
            self._stopping = True
            self._drain = drain
            self._cond.notify_all()
        return self._worker.join(timeout)

    # ---- worker thread -------------------------------------------------------------------------

    def _emit(self, kind: str, detail: str = "") -> None:
        if self._on_status is None:
            return
        try:
            self._on_status(RecognizerEvent(kind, detail))
        except Exception as exc:
            log.warning("recogniser status callback raised %s", type(exc).__name__)

    def _add(self, **deltas: float) -> None:
        with self._cond:
            self._stats = replace(self._stats, **{k: getattr(self._stats, k) + v for k, v in deltas.items()})

    def _run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # anything unforeseen: report, never crash the app
            self._add(errors=1)
            self._emit("failed", type(exc).__name__)
            log.error("recogniser worker failed: %s", type(exc).__name__)
        finally:
            with self._cond:
                self._closed = True
                self._queue.clear()
                self._queued_s = 0.0
            st = self.stats
            log.info("recogniser stopped: %d utterances, %.1f s decoded, %.1f s shed, %d errors",
                     st.utterances, st.seconds_decoded, st.seconds_shed, st.errors)

    def _loop(self) -> None:
        session = _Session(self)
        try:
            session.open()
        except Exception as exc:
            self._add(errors=1)
            self._emit("failed", type(exc).__name__)
            log.error("recogniser could not be created: %s", type(exc).__name__)
            return
        self._emit("running")
        consecutive = 0

        def attempt(action: Callable[[], None]) -> bool:
            """Run one recogniser step; on error start a fresh recogniser. False = give up."""
            nonlocal consecutive
            try:
                action()
                consecutive = 0
                return True
            except Exception as exc:
                consecutive += 1
                self._add(errors=1)
                log.warning("recogniser error %d in a row: %s", consecutive, type(exc).__name__)
                if consecutive >= self._settings.max_consecutive_errors:
                    self._emit("failed", type(exc).__name__)
                    return False
                self._emit("error", type(exc).__name__)
            try:
                session.open()  # a fresh recogniser; the utterance in progress is lost
                return True
            except Exception as exc:
                self._add(errors=1)
                self._emit("failed", type(exc).__name__)
                return False

        while True:
            batch, reason = self._next_batch(session.pending_since)
            if batch is None:
                if (reason == "idle" or self._drain) and not attempt(session.finish):
                    return
                if reason == "stop":
                    break
                continue
            if session.utt is not None and batch[0].utt != session.utt:
                # Finish the previous utterance on its own, so its failure cannot take this batch along.
                if not attempt(session.finish):
                    return
            aborted = self._is_aborted(batch[0].utt)
            if not attempt(partial(session.process, batch, aborted)):
                return
        self._emit("stopped")

    def _is_aborted(self, utt: int) -> bool:
        with self._cond:
            # Ids below the current one can no longer be referenced by the queue's head.
            self._aborted = {u for u in self._aborted if u >= utt}
            return utt in self._aborted

    def _next_batch(self, pending_since: float | None) -> tuple[list[_Chunk] | None, str]:
        s = self._settings
        with self._cond:
            while not self._queue:
                if self._stopping:
                    return None, "stop"
                if pending_since is not None:
                    left = s.flush_idle_s - (self._now() - pending_since)
                    if left <= 0:
                        return None, "idle"
                    self._cond.wait(min(left, 0.25))
                else:
                    self._cond.wait(0.25)
            if self._stopping and not self._drain:
                return None, "stop"
            first = self._queue.popleft()
            batch, total = [first], first.duration
            while (self._queue and self._queue[0].utt == first.utt and total < s.chunk_s
                   and abs(self._queue[0].t0 - (batch[-1].t0 + batch[-1].duration)) < 1e-3):
                nxt = self._queue.popleft()
                batch.append(nxt)
                total += nxt.duration
            # Reset exactly when empty so float residue never looks like queued audio.
            self._queued_s = max(0.0, self._queued_s - total) if self._queue else 0.0
            return batch, "audio"

    def _deliver(self, decoded: Decoded | None, timeline: Timeline) -> None:
        if decoded is None:
            return
        start = timeline.to_session(decoded.start)
        end = timeline.to_session(decoded.end)
        timeline.forget_before(decoded.end)
        self._add(utterances=1, words=decoded.words)
        try:
            self._on_utterance(decoded.text, start, max(start, end))
        except Exception as exc:
            self._add(errors=1)
            self._emit("error", f"on_utterance raised {type(exc).__name__}")
            log.warning("utterance callback raised %s", type(exc).__name__)


class _Session:
    """The decoder and its timeline, used only inside the worker thread."""

    def __init__(self, worker: RecognizerWorker) -> None:
        self._w = worker
        self.decoder: Decoder | None = None
        self.timeline = Timeline()
        self.utt: int | None = None
        self.pending_since: float | None = None
        self._last_t1 = 0.0

    def open(self) -> None:
        self.decoder = None  # drop a broken one before making its successor
        self.decoder = self._w._new_decoder(self._w._model)
        self.timeline = Timeline()  # a new decoder's clock starts at zero
        self.utt = None
        self.pending_since = None

    def _accept(self, pcm: np.ndarray) -> None:
        started, cpu = time.perf_counter(), time.thread_time()
        decoded = self.decoder.accept(pcm)
        self._w._add(busy_s=time.perf_counter() - started, cpu_s=time.thread_time() - cpu,
                     seconds_decoded=len(pcm) / SAMPLE_RATE)
        self._w._deliver(decoded, self.timeline)

    def process(self, batch: list[_Chunk], aborted: bool) -> None:
        utt = batch[0].utt
        if self.utt is not None and utt != self.utt:
            self.finish()
        self.utt = utt
        if aborted:
            self._w._add(seconds_discarded=sum(c.duration for c in batch))
            if self.pending_since is not None:
                self.decoder.reset()  # throw away the half-heard utterance
                self.pending_since = None
            return
        for chunk in batch:
            self.timeline.append(chunk.t0, chunk.duration)
        self._last_t1 = batch[-1].t0 + batch[-1].duration
        pcm = batch[0].pcm if len(batch) == 1 else np.concatenate([c.pcm for c in batch])
        self._accept(pcm)
        self.pending_since = self._w._now()

    def finish(self) -> None:
        """End the pending utterance: deliver it, or discard it when it was shed meanwhile."""
        if self.pending_since is None or self.decoder is None:
            return
        self.pending_since = None
        if self.utt is not None and self._w._is_aborted(self.utt):
            self.decoder.reset()
            return
        tail = int(round(self._w._settings.tail_silence_s * SAMPLE_RATE))
        if tail > 0:
            self.timeline.append(self._last_t1, tail / SAMPLE_RATE)
            self._accept(np.zeros(tail, dtype=np.int16))
        started, cpu = time.perf_counter(), time.thread_time()
        decoded = self.decoder.finish()
        self._w._add(busy_s=time.perf_counter() - started, cpu_s=time.thread_time() - cpu)
        self._w._deliver(decoded, self.timeline)
        self.timeline.forget_before(self.timeline.rec_end)
