"""The meeting model: steps, clock, time plan and talk ledger (no Qt, no audio)."""

from .meeting import Meeting, MeetingError, MeetingState
from .steps import STEPS, Step
from .summary import MeetingSummary
from ..talk import CaptureGap, Segment, SegmentAdded, SegmentRevised, Speaker

__all__ = ["STEPS", "CaptureGap", "Meeting", "MeetingError", "MeetingState", "MeetingSummary", "Segment",
           "SegmentAdded", "SegmentRevised", "Speaker", "Step"]
