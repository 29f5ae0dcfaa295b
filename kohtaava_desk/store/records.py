"""What the store hands back: a stored meeting's id and state around its MeetingSummary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..meeting.summary import MeetingSummary

STATES = ("running", "ended", "interrupted")
"""running: checkpoints are still coming in (or the app died); ended: finished by the expert or saved from
`analyze --save`; interrupted: found running at the next start and recovered from its last checkpoint."""


@dataclass(frozen=True)
class StoredMeeting:
    id: int
    state: str
    """One of STATES."""
    updated_at: datetime
    """When the row was last written (UTC)."""
    summary: MeetingSummary
    """summary.interrupted is True unless state is 'ended'."""
    timeline_loaded: bool = True
    """False when listed without timelines: summary.timeline is then empty, not missing data."""
