"""What to learn from one meeting: per-step marks and the one sentence the summary card leads with.

The sentence is chosen by a fixed, ordered list of rules (RULES); the first that applies wins, so the
expert (and a test) can always tell why this sentence and not another. The comparison is only ever with
the expert's own earlier meetings (the median of the last BASELINE_N), never with colleagues.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..meeting.steps import Step
from ..meeting.summary import MeetingSummary, StepSummary, verdict
from .focus import Focus

BASELINE_N = 20
"""The expert's usual level is the median of this many of their latest meetings..."""
BASELINE_MIN = 5
"""...and is only quoted once there are at least this many with the figure."""
MIN_STEP_TALK_S = 60.0
"""Less identified talk than this in a step gives no share verdict worth a sentence."""
FAREWELL_SHORT = 0.75
"""Hyvästely is 'short' when the time left for it was under this part of its planned time."""
OVER_PLAN = 1.5
OVER_PLAN_MIN_S = 120.0
"""A step 'overran' when it took more than 1.5 × its plan and at least 2 minutes more."""
MIN_QUESTIONS = 5
OPEN_LOW = 0.5
"""With at least 5 counted questions, fewer than half open is worth noticing."""


@dataclass(frozen=True)
class Baseline:
    median: float
    low: float
    """25th percentile of the same meetings."""
    high: float
    """75th percentile."""
    n: int


@dataclass(frozen=True)
class Takeaway:
    """A sentence as an i18n key and its values (numbers and step values only)."""

    key: str
    values: dict[str, float | str | None] = field(default_factory=dict)
    usual: float | None = None
    """The expert's own median of the same figure, when there are enough earlier meetings."""


# --- figures per meeting ----------------------------------------------------------------------------
def _talk_s(st: StepSummary) -> float:
    return st.expert_s + st.client_s


def guidance_share(s: MeetingSummary) -> float | None:
    st = s.step(Step.OHJAUKSELLINEN)
    return st.expert_share if _talk_s(st) >= MIN_STEP_TALK_S else None


def farewell_left(s: MeetingSummary) -> float | None:
    return None if s.interrupted else s.farewell_time_left_s


def open_share(s: MeetingSummary) -> float | None:
    opened = sum(x.open_questions for x in s.steps)
    asked = opened + sum(x.closed_questions for x in s.steps)
    return opened / asked if asked >= MIN_QUESTIONS else None


def overtime(s: MeetingSummary) -> float | None:
    return None if s.interrupted else s.overtime_s


def guidance_verdict(s: MeetingSummary) -> str | None:
    """The guidance share against the zone in force at the meeting (None for too little talk)."""
    st = s.step(Step.OHJAUKSELLINEN)
    return verdict(guidance_share(s), st.target_low, st.target_high)


def farewell_verdict(s: MeetingSummary) -> str | None:
    """'below' when Hyvästely began with under FAREWELL_SHORT of its planned time left, else 'within';
    None when it was never reached or the meeting did not really end."""
    left = farewell_left(s)
    if left is None:
        return None
    return "below" if left < FAREWELL_SHORT * s.step(Step.HYVASTELY).planned_s else "within"


FIGURES: dict[Focus, Callable[[MeetingSummary], float | None]] = {
    Focus.GUIDANCE_LISTEN: guidance_share,
    Focus.FAREWELL_TIME: farewell_left,
    Focus.OPEN_QUESTIONS: open_share,
}


def baseline(history: Sequence[MeetingSummary], figure: Callable[[MeetingSummary], float | None],
             n: int = BASELINE_N, minimum: int = BASELINE_MIN) -> Baseline | None:
    """Median and quartiles of `figure` over the latest `n` meetings of `history` that have it."""
    values = [v for v in (figure(s) for s in sorted(history, key=lambda s: s.started_at)) if v is not None][-n:]
    if len(values) < minimum:
        return None
    q = statistics.quantiles(values, n=4, method="inclusive")
    return Baseline(statistics.median(values), q[0], q[2], len(values))


def _usual(history: Sequence[MeetingSummary], figure: Callable[[MeetingSummary], float | None]) -> float | None:
    b = baseline(history, figure)
    return None if b is None else b.median


# --- marks per step ---------------------------------------------------------------------------------
MARKS = {"below": "▼", "within": "●", "above": "▲"}


def time_verdict(st: StepSummary, tolerance: float = 0.1) -> str | None:
    """The step's time against its plan: within ±10 % (at least ±30 s) is 'within'."""
    if st.planned_s <= 0 and st.time_s <= 0:
        return None
    slack = max(30.0, tolerance * st.planned_s)
    d = st.time_s - st.planned_s
    return "above" if d > slack else "below" if d < -slack else "within"


# --- the one sentence -------------------------------------------------------------------------------
def _guidance_over(s: MeetingSummary, history: Sequence[MeetingSummary]) -> Takeaway | None:
    st = s.step(Step.OHJAUKSELLINEN)
    share = guidance_share(s)
    if share is None or st.target_high is None or share <= st.target_high:
        return None
    return Takeaway("learn.guidance_over", {"share": share, "low": st.target_low, "high": st.target_high,
                                            "turn": st.longest_expert_monologue_s,
                                            "at": st.longest_expert_monologue_at_s},
                    _usual(history, guidance_share))


def _farewell_short(s: MeetingSummary, history: Sequence[MeetingSummary]) -> Takeaway | None:
    if s.interrupted:
        return None
    target = s.step(Step.HYVASTELY).planned_s
    left = s.farewell_time_left_s
    if left is None:
        return Takeaway("learn.farewell_missed", {"target": target})
    if left >= FAREWELL_SHORT * target:
        return None
    return Takeaway("learn.farewell_short", {"left": max(0.0, left), "target": target},
                    _usual(history, farewell_left))


def _step_over(s: MeetingSummary, history: Sequence[MeetingSummary]) -> Takeaway | None:
    over = [st for st in s.steps if st.step is not Step.HYVASTELY and st.planned_s > 0
            and st.time_s > OVER_PLAN * st.planned_s and st.time_s - st.planned_s >= OVER_PLAN_MIN_S]
    if not over:
        return None
    worst = max(over, key=lambda st: st.time_s - st.planned_s)
    return Takeaway("learn.step_over", {"step": worst.step.value, "time": worst.time_s, "planned": worst.planned_s})


def _open_low(s: MeetingSummary, history: Sequence[MeetingSummary]) -> Takeaway | None:
    share = open_share(s)
    if share is None or share >= OPEN_LOW:
        return None
    opened = sum(x.open_questions for x in s.steps)
    asked = opened + sum(x.closed_questions for x in s.steps)
    return Takeaway("learn.open_low", {"open": opened, "asked": asked, "share": share},
                    _usual(history, open_share))


def _guidance_within(s: MeetingSummary, history: Sequence[MeetingSummary]) -> Takeaway | None:
    st = s.step(Step.OHJAUKSELLINEN)
    share = guidance_share(s)
    if share is None or st.target_high is None:
        return None
    return Takeaway("learn.guidance_within", {"share": share, "low": st.target_low, "high": st.target_high},
                    _usual(history, guidance_share))


RULES: tuple[tuple[Focus | None, Callable[[MeetingSummary, Sequence[MeetingSummary]], Takeaway | None]], ...] = (
    (Focus.GUIDANCE_LISTEN, _guidance_over),    # the method's first concern: the client's voice in guidance
    (Focus.FAREWELL_TIME, _farewell_short),     # then a meeting closed in a hurry (or not closed at all)
    (None, _step_over),                         # then a step that took far more than planned
    (Focus.OPEN_QUESTIONS, _open_low),          # then mostly closed questions
    (Focus.GUIDANCE_LISTEN, _guidance_within),  # nothing off: say what went right in guidance
)
"""In order; the first rule that applies gives the sentence. The focus tells which topic a rule is about."""


def takeaway(s: MeetingSummary, history: Sequence[MeetingSummary] = (), focus: Focus | None = None) -> Takeaway:
    """The one thing most worth noticing in this meeting (see RULES); rules on the expert's focus are
    skipped, since focus_report already leads with that."""
    for topic, rule in RULES:
        if focus is not None and topic is focus:
            continue
        found = rule(s, history)
        if found is not None:
            return found
    return Takeaway("learn.nothing")


def focus_report(s: MeetingSummary, focus: Focus, history: Sequence[MeetingSummary] = ()) -> Takeaway:
    """How this meeting went on the one thing the expert chose to practise."""
    value = FIGURES[focus](s)
    values: dict[str, float | str | None] = {"value": value}
    if focus is Focus.GUIDANCE_LISTEN:
        st = s.step(Step.OHJAUKSELLINEN)
        values.update(low=st.target_low, high=st.target_high)
    elif focus is Focus.FAREWELL_TIME:
        values.update(target=s.step(Step.HYVASTELY).planned_s, mark=farewell_verdict(s))
    return Takeaway(f"learn.focus.{focus.value}", values, _usual(history, FIGURES[focus]))


def earlier(history: Sequence[MeetingSummary], current: MeetingSummary) -> list[MeetingSummary]:
    """The meetings started before `current` (the store may already hold it), oldest first."""
    return sorted((h for h in history if h.started_at < current.started_at), key=lambda h: h.started_at)


# --- in words ---------------------------------------------------------------------------------------
def zone_text(low: float | None, high: float | None, lang: str) -> str:
    from ..i18n import percent, t

    if high is None:
        return t("value.none", lang)
    if not low:
        return t("learn.zone.max", lang, hi=percent(high, lang))
    if high >= 1.0:
        return t("learn.zone.min", lang, lo=percent(low, lang))
    return t("learn.zone.range", lang, lo=percent(low, lang), hi=percent(high, lang))


def sentence(tk: Takeaway, lang: str) -> str:
    """The takeaway in `lang`, its usual level appended when known ("…; tavallisesti 36 %")."""
    from ..i18n import duration, percent, step_name, t

    v = tk.values
    shares = {"share", "value"} if tk.key in ("learn.focus.guidance_listen", "learn.focus.open_questions") \
        else {"share"}
    times = {"turn", "at", "left", "target", "time", "planned"} | (
        {"value"} if tk.key == "learn.focus.farewell_time" else set())
    out: dict[str, str] = {}
    for k, x in v.items():
        if k == "step":
            out[k] = step_name(x, lang)
        elif k in shares:
            out[k] = percent(x, lang)  # type: ignore[arg-type]
        elif k in times:
            out[k] = duration(x, lang)  # type: ignore[arg-type]
        elif k not in ("low", "high"):
            out[k] = str(x)
    if "high" in v:
        out["zone"] = zone_text(v.get("low"), v.get("high"), lang)  # type: ignore[arg-type]
    if tk.key == "learn.focus.guidance_listen":
        mark = verdict(v.get("value"), v.get("low"), v.get("high"))  # type: ignore[arg-type]
        out["mark"] = MARKS.get(mark or "", "")
    elif tk.key == "learn.focus.farewell_time":
        out["mark"] = MARKS.get(v.get("mark") or "", "")  # type: ignore[arg-type]
    text = t(tk.key, lang, **out) if out else t(tk.key, lang)
    if tk.usual is not None:
        is_time = tk.key in ("learn.farewell_short", "learn.focus.farewell_time")
        usual = duration(tk.usual, lang) if is_time else percent(tk.usual, lang)
        text = text.rstrip(".") + "; " + t("learn.usual", lang, usual=usual) + "."
    return text
