"""The Qt-free controller behind the meeting widget: owns the meeting and the nudge engine and turns
them into one immutable snapshot per UI tick."""

from .controller import OFFER_SECONDS, Companion
from .state import (BalanceView, ListeningState, NudgeView, Offer, OfferKind, StepView, VoiceState,
                    WidgetState)

__all__ = ["OFFER_SECONDS", "BalanceView", "Companion", "ListeningState", "NudgeView", "Offer", "OfferKind",
           "StepView", "VoiceState", "WidgetState"]
