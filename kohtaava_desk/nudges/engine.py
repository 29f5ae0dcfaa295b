"""Chooses the one nudge to show, if any: priority, hysteresis, cooldown, snooze and dismissal."""

from __future__ import annotations

from dataclasses import dataclass

from ..config.schema import Config, Texts
from ..meeting import Meeting, MeetingState
from .rules import RULES, RuleSpec


@dataclass(frozen=True)
class Nudge:
    id: str
    priority: int
    text: Texts


class NudgeEngine:
    """Evaluated on every UI tick; all times are meeting time, so pauses freeze cooldowns too."""

    def __init__(self, config: Config, rules: tuple[RuleSpec, ...] = RULES):
        self.config = config
        self._rules = rules
        self.current: Nudge | None = None
        self._quiet_until = float("-inf")
        self._dismissed: set[str] = set()

    def evaluate(self, meeting: Meeting) -> Nudge | None:
        if meeting.state is not MeetingState.RUNNING or not self.config.ui.nudges_enabled:
            return self._hide(meeting, cooldown=False) if self.current else None
        now = meeting.elapsed()
        applicable = []
        for spec in self._rules:
            settings = spec.settings(self.config)
            if not settings.enabled:
                continue
            showing = self.current is not None and self.current.id == spec.id
            if spec.applies(meeting, self.config, showing):
                if spec.id not in self._dismissed:
                    applicable.append(Nudge(spec.id, settings.priority, settings.text))
            else:
                self._dismissed.discard(spec.id)  # once the situation clears, it may be nudged again
        best = min(applicable, key=lambda n: n.priority, default=None)
        if self.current is not None:
            if best is None:
                return self._hide(meeting)
            if best.id == self.current.id or best.priority >= self.current.priority:
                return self.current if any(n.id == self.current.id for n in applicable) else self._hide(meeting)
            # A more urgent nudge replaces the one showing, without waiting for the cooldown.
            return self._show(meeting, best)
        if best is None or now < self._quiet_until:
            return None
        return self._show(meeting, best)

    def snooze(self, meeting: Meeting) -> None:
        """Hide the nudge and stay quiet for the office's snooze time."""
        self._hide(meeting, cooldown=False)
        self._quiet_until = meeting.elapsed() + self.config.nudges.snooze_min * 60.0

    def dismiss(self, meeting: Meeting) -> None:
        """Hide this nudge until its situation has cleared and arises again."""
        if self.current is not None:
            self._dismissed.add(self.current.id)
        self._hide(meeting)

    def _show(self, meeting: Meeting, nudge: Nudge) -> Nudge:
        self.current = nudge
        meeting.record_nudge(nudge.id)
        return nudge

    def _hide(self, meeting: Meeting, cooldown: bool = True) -> None:
        if self.current is not None and cooldown:
            self._quiet_until = max(self._quiet_until, meeting.elapsed() + self.config.nudges.cooldown_s)
        self.current = None
        return None
