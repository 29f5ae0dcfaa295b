"""Series for the per-meeting timeline chart, computed from a stored MeetingSummary (no drawing here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..meeting.steps import Step
from ..meeting.summary import BUCKET_S, Bucket, MeetingSummary

SHARE_WINDOW_BUCKETS = 8
"""The smoothed share looks at 8 buckets (2 minutes) around each point, like the widget's recent-talk bar."""
MIN_TALK_S = 10.0
"""Less talk than this in the window gives no share point (a gap), not a jumpy 0 % or 100 %."""


@dataclass(frozen=True)
class StepBand:
    step: Step
    start_s: float
    end_s: float


@dataclass(frozen=True)
class ShareMark:
    t_s: float
    """Middle of the bucket, meeting time."""
    expert_share: float | None
    """Expert / (expert + client) talk in the window centred here; None when too little talk."""


def step_bands(summary: MeetingSummary) -> list[StepBand]:
    """The step visits in time order, neighbouring visits of the same step joined."""
    bands: list[StepBand] = []
    for step, a, b in sorted(summary.visits, key=lambda v: v[1]):
        if b <= a:
            continue
        if bands and bands[-1].step is step and abs(bands[-1].end_s - a) < 1e-6:
            bands[-1] = StepBand(step, bands[-1].start_s, b)
        else:
            bands.append(StepBand(step, a, b))
    return bands


def share_series(buckets: Sequence[Bucket], window: int = SHARE_WINDOW_BUCKETS,
                 min_talk_s: float = MIN_TALK_S) -> list[ShareMark]:
    """A smoothed expert share per bucket: talk pooled over `window` buckets centred on it."""
    n = len(buckets)
    before = window // 2
    after = window - before - 1
    expert = [0.0]
    talk = [0.0]
    for b in buckets:  # prefix sums: the window sum of any span in O(1)
        expert.append(expert[-1] + b.expert_s)
        talk.append(talk[-1] + b.expert_s + b.client_s)
    out = []
    for i, b in enumerate(buckets):
        lo, hi = max(0, i - before), min(n, i + after + 1)
        t = talk[hi] - talk[lo]
        share = (expert[hi] - expert[lo]) / t if t >= min_talk_s and t > 0 else None
        out.append(ShareMark(b.t + BUCKET_S / 2, share))
    return out


def chart_span(summary: MeetingSummary) -> float:
    """Seconds the x axis must cover: the meeting, its announced end and every visit and bucket."""
    ends = [summary.actual_s, summary.announced_s or 0.0]
    ends += [b for _, _, b in summary.visits]
    if summary.timeline:
        ends.append(summary.timeline[-1].t + BUCKET_S)
    ends += [t for t, _ in summary.nudges]
    return max([60.0, *ends])
