"""One client meeting: the steps, the clock, the announced length and the talk ledger.

Pure Python with an injected clock, so the widget, the listening pipeline, the review and the tests
share one model of the meeting. Times given to `apply` are on the same clock as `now`.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from ..config.schema import Config
from . import metrics
from .activeclock import ActiveClock
from .ledger import Piece, StepVisit, TalkLedger
from .steps import STEPS, Step
from .summary import BUCKET_S, Bucket, MeetingSummary, StepSummary
from ..talk import CaptureGap, SegmentAdded, SegmentRevised, Speaker, TalkEvent
from .timeplan import farewell_reserve, plan_steps


class MeetingState(enum.Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    ENDED = "ended"


class MeetingError(RuntimeError):
    pass


def _wall_now() -> str:
    return datetime.now().astimezone().isoformat(timespec="minutes")


class Meeting:
    def __init__(self, config: Config, now: Callable[[], float] = time.monotonic,
                 wall: Callable[[], str] = _wall_now):
        self.config = config
        self._now = now
        self._wall = wall
        self._clock = ActiveClock(now)
        self.state = MeetingState.READY
        self.started_at: str | None = None
        self.announced_s: float = config.meeting.default_length_min * 60.0
        self.length_source = "default"
        self._visits: list[StepVisit] = []
        self.ledger = TalkLedger(BUCKET_S)
        self._questions: dict[Step, dict[str, int]] = {s: {"open": 0, "closed": 0} for s in STEPS}
        self._nudges: list[tuple[float, str]] = []
        self._farewell_left: float | None = None
        self._planned: dict[Step, float] = {}
        """Each step's plan, frozen when its first visit ends (see step_plan)."""
        self._summary: MeetingSummary | None = None

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> None:
        if self.state is not MeetingState.READY:
            raise MeetingError(f"cannot start a meeting that is {self.state.value}")
        self.started_at = self._wall()
        self._clock.start()
        self._visits.append(StepVisit(Step.EMPATIA, 0.0, None))
        self.state = MeetingState.RUNNING

    def pause(self) -> None:
        if self.state is MeetingState.RUNNING:
            self._clock.stop()
            self.state = MeetingState.PAUSED

    def resume(self) -> None:
        if self.state is MeetingState.PAUSED:
            self._clock.start()
            self.state = MeetingState.RUNNING

    def end(self) -> MeetingSummary:
        if self.state is MeetingState.ENDED:
            assert self._summary is not None
            return self._summary
        if self.state is MeetingState.READY:
            raise MeetingError("the meeting has not started")
        self._clock.stop()
        self._close_visit(self.elapsed())
        self.state = MeetingState.ENDED
        self._summary = self.summary(interrupted=False)
        return self._summary

    @property
    def active(self) -> bool:
        return self.state in (MeetingState.RUNNING, MeetingState.PAUSED)

    # --- time ------------------------------------------------------------------------------
    def elapsed(self) -> float:
        return self._clock.elapsed()

    def meeting_time(self, t: float) -> float:
        """Meeting time of a session-clock time."""
        return self._clock.elapsed_at(t)

    def remaining(self) -> float:
        """Seconds left of the announced length (negative when over time)."""
        return self.announced_s - self.elapsed()

    def overtime(self) -> float:
        return max(0.0, -self.remaining())

    def set_length(self, minutes: float, source: str = "click") -> tuple[float, str]:
        """Set the announced length; returns the previous (seconds, source) so the UI can undo."""
        if not 1 <= minutes <= 600:
            raise ValueError(f"meeting length must be between 1 and 600 minutes, got {minutes}")
        previous = (self.announced_s, self.length_source)
        self.announced_s = float(minutes) * 60.0
        self.length_source = source
        return previous

    def restore_length(self, previous: tuple[float, str]) -> None:
        self.announced_s, self.length_source = previous

    def reserve_s(self) -> float:
        m = self.config.meeting
        return farewell_reserve(self.announced_s, m.farewell_reserve_share, m.farewell_reserve_min_minutes)

    # --- steps -----------------------------------------------------------------------------
    @property
    def step(self) -> Step:
        return self._visits[-1].step if self._visits else Step.EMPATIA

    @property
    def visits(self) -> list[StepVisit]:
        return list(self._visits)

    def go_to(self, step: Step) -> Step:
        """Move to any step (forward, back or jump); returns the step left, for undo."""
        if not self.active:
            raise MeetingError("steps can change only during a meeting")
        previous = self.step
        if step is previous:
            return previous
        t = self.elapsed()
        self._close_visit(t)
        self._visits.append(StepVisit(step, t, None))
        if step is Step.HYVASTELY and self._farewell_left is None:
            self._farewell_left = self.remaining()
        return previous

    def forward(self) -> Step | None:
        nxt = self.step.next()
        return self.go_to(nxt) if nxt else None

    def back(self) -> Step | None:
        prev = self.step.previous()
        return self.go_to(prev) if prev else None

    def _close_visit(self, t: float) -> None:
        if self._visits and self._visits[-1].end is None:
            last = self._visits[-1]
            if t <= last.start and len(self._visits) > 1:
                self._visits.pop()  # a step left at once leaves no trace
            else:
                self._visits[-1] = StepVisit(last.step, last.start, t)
                self._planned.setdefault(last.step, self.ideal_plan()[last.step])

    def time_in_step(self, step: Step) -> float:
        now = self.elapsed()
        return sum((now if v.end is None else v.end) - v.start for v in self._visits if v.step is step)

    def step_at(self, t: float) -> Step:
        for v in reversed(self._visits):
            if v.start <= t:
                return v.step
        return Step.EMPATIA

    def _budgets(self) -> dict[Step, float]:
        return {s: self.config.step(s).budget_share for s in STEPS}

    def plan(self) -> dict[Step, float]:
        used = {s: self.time_in_step(s) for s in STEPS}
        return plan_steps(self.announced_s, self._budgets(), self.reserve_s(), used, self.step)

    def ideal_plan(self) -> dict[Step, float]:
        """The plan as it stood before any time was used: what each step was meant to take."""
        return plan_steps(self.announced_s, self._budgets(), self.reserve_s(), {}, Step.EMPATIA)

    def step_plan(self) -> dict[Step, float]:
        """What each step was planned to take: the office plan for the length announced while the step
        was first in progress, frozen once that visit ends; steps not yet done follow the current length.
        Unlike plan(), a finished step's figure is never the time it took."""
        ideal = self.ideal_plan()
        return {s: self._planned.get(s, ideal[s]) for s in STEPS}

    # --- talk ------------------------------------------------------------------------------
    def apply(self, events: Iterable[TalkEvent]) -> None:
        if not self.active:
            return
        for ev in events:
            if isinstance(ev, SegmentAdded):
                s = ev.segment
                self.ledger.add(s.id, self.meeting_time(s.start), self.meeting_time(s.end), s.speaker, self._visits)
            elif isinstance(ev, SegmentRevised):
                self.ledger.revise(ev.id, ev.speaker)
            elif isinstance(ev, CaptureGap):
                self.ledger.mark_gap(self.meeting_time(ev.start), self.meeting_time(ev.end))

    def count_question(self, kind: str, t: float | None = None) -> None:
        """Count one expert question ('open' or 'closed'); only the count is kept."""
        if kind not in ("open", "closed"):
            raise ValueError(f"question kind must be 'open' or 'closed', got {kind!r}")
        if self.active:
            step = self.step if t is None else self.step_at(self.meeting_time(t))
            self._questions[step][kind] += 1

    def question_counts(self, step: Step) -> dict[str, int]:
        return dict(self._questions[step])

    def record_nudge(self, nudge_id: str) -> None:
        self._nudges.append((self.elapsed(), nudge_id))

    @property
    def nudges_shown(self) -> list[tuple[float, str]]:
        return list(self._nudges)

    def pieces(self, step: Step | None = None) -> list[Piece]:
        ps = self.ledger.pieces()
        return ps if step is None else [p for p in ps if p.step is step]

    def totals(self, step: Step | None = None) -> metrics.TalkTotals:
        """Talk per speaker in one step or the whole meeting, from the ledger's running sums."""
        steps = STEPS if step is None else (step,)
        led = self.ledger
        return metrics.TalkTotals(*(sum(led.step_seconds(s, who) for s in steps)
                                    for who in (Speaker.EXPERT, Speaker.CLIENT, Speaker.UNKNOWN)))

    def recent(self, window_s: float | None = None, step: Step | None = None) -> metrics.TalkTotals:
        """Talk in the last window_s seconds of meeting time (optionally within one step)."""
        w = self.config.meeting.rolling_window_s if window_s is None else window_s
        now = self.elapsed()
        return metrics.totals(self.pieces(step), now - w, now)

    def client_turn_now(self) -> float:
        """How long the client has held the floor, if they are talking now."""
        return metrics.current_run(metrics.runs(self.pieces()), Speaker.CLIENT, self.elapsed())

    # --- summary ---------------------------------------------------------------------------
    def summary(self, interrupted: bool = True) -> MeetingSummary:
        """Numbers so far; `interrupted` marks a checkpoint rather than a finished meeting."""
        actual = self.elapsed()
        pieces = self.ledger.pieces()
        plan = self.step_plan()
        by_step: dict[Step, list[Piece]] = {s: [] for s in STEPS}
        for p in pieces:
            by_step[p.step].append(p)
        nudges_in: dict[Step, int] = {s: 0 for s in STEPS}
        for t_s, _ in self._nudges:
            nudges_in[self.step_at(t_s)] += 1
        step_summaries = [self._step_summary(s, by_step[s], plan[s], nudges_in[s]) for s in STEPS]
        run_list = metrics.runs(pieces)
        total = self.totals()
        visits = tuple((v.step, round(v.start, 2), round(actual if v.end is None else v.end, 2)) for v in self._visits)
        return MeetingSummary(
            started_at=self.started_at or self._wall(),
            announced_s=self.announced_s,
            length_source=self.length_source,
            actual_s=round(actual, 2),
            interrupted=interrupted,
            steps=tuple(step_summaries),
            expert_s=round(total.expert_s, 2),
            client_s=round(total.client_s, 2),
            unknown_s=round(total.unknown_s, 2),
            expert_share=total.expert_share,
            turns=len(run_list),
            longest_expert_monologue_s=round(metrics.longest(run_list, Speaker.EXPERT), 2),
            longest_client_turn_s=round(metrics.longest(run_list, Speaker.CLIENT), 2),
            median_expert_response_pause_s=metrics.median_expert_response_pause(run_list),
            farewell_time_left_s=self._farewell_left,
            overtime_s=round(max(0.0, actual - self.announced_s), 2),
            capture_gap_s=round(sum(b - a for a, b in self.ledger.gaps), 2),
            visits=visits,
            timeline=self._buckets(actual),
            nudges=tuple(self._nudges),
        )

    def _step_summary(self, step: Step, pieces: list[Piece], planned: float, nudges: int) -> StepSummary:
        t = self.totals(step)
        q = self._questions[step]
        zone = self.config.step(step)
        # Turns are cut at step changes: a monologue belongs to the step it was held in.
        run_list = metrics.runs(pieces)
        longest = metrics.longest_run(run_list, Speaker.EXPERT)
        return StepSummary(step, round(self.time_in_step(step), 2), round(planned, 2), round(t.expert_s, 2),
                           round(t.client_s, 2), round(t.unknown_s, 2), t.expert_share, q["open"], q["closed"],
                           target_low=zone.expert_share_min, target_high=zone.expert_share_max,
                           longest_expert_monologue_s=round(longest.duration, 2) if longest else 0.0,
                           longest_expert_monologue_at_s=round(longest.start, 2) if longest else None,
                           longest_client_turn_s=round(metrics.longest(run_list, Speaker.CLIENT), 2),
                           nudges=nudges)

    def _buckets(self, actual: float) -> tuple[Bucket, ...]:
        n = int(-(-actual // BUCKET_S)) if actual > 0 else 0
        expert = self.ledger.bucket_seconds(Speaker.EXPERT, n)
        client = self.ledger.bucket_seconds(Speaker.CLIENT, n)
        steps = [Step.EMPATIA] * n
        for v in self._visits:  # in time order: later visits overwrite from their start on
            first = max(0, int(-(-(v.start - BUCKET_S / 2) // BUCKET_S)))
            steps[first:] = [v.step] * max(0, n - first)
        if n:  # the last bucket's middle may lie past the end: it takes the step at the end
            steps[-1] = self.step_at(min((n - 0.5) * BUCKET_S, actual))
        return tuple(Bucket(i * BUCKET_S, steps[i], round(expert[i], 2), round(client[i], 2)) for i in range(n))
