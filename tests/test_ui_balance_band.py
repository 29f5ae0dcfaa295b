"""The balance says how sure it is: "≈" and the meeting's share band while the figure is a guess, and an
invitation to record a voice profile when there is none."""

from __future__ import annotations

from test_ui_widget import rig  # noqa: F401  (fixture)

from kohtaava_desk.companion import Companion
from kohtaava_desk.i18n import t
from kohtaava_desk.talk import Confidence, ListeningQuality


def test_snapshot_carries_the_band_and_confidence(default_config, clock) -> None:
    c = Companion(default_config, now=clock)
    assert c.snapshot().share_band is None and c.snapshot().figure_confidence == "low"
    c.on_talk_events([ListeningQuality(False, Confidence.ENROLLED, (0.41, 0.48), "high")])
    state = c.snapshot()
    assert state.share_band == (0.41, 0.48) and state.figure_confidence == "high"


def _talk_and_quality(rig, quality):  # noqa: F811
    rig.click("toggle")
    rig.talk(60, 0.45)
    rig.ui.bridge.post_events([quality])
    rig.ui.refresh()
    return rig.window.balance_step


def test_a_confident_figure_is_shown_plain(rig) -> None:  # noqa: F811
    bar = _talk_and_quality(rig, ListeningQuality(False, Confidence.ENROLLED, (0.41, 0.48), "high"))
    assert "≈" not in bar._text and "45 %" in bar._text
    assert t("balance.band", "fi", lo=41, hi=48) not in bar.toolTip()


def test_a_wide_band_shows_approx_and_the_band(rig) -> None:  # noqa: F811
    bar = _talk_and_quality(rig, ListeningQuality(False, Confidence.ENROLLED, (0.38, 0.57), "medium"))
    assert bar._text.startswith("≈ ")
    assert t("balance.band", "fi", lo=38, hi=57) in bar.toolTip()
    assert t("balance.band", "fi", lo=38, hi=57) in bar.accessibleDescription()
    assert t("balance.enrol", "fi") not in bar.toolTip()
    assert not bar.overflow()


def test_without_a_profile_the_guess_invites_enrolment(rig) -> None:  # noqa: F811
    rig.window.set_profile(False)
    bar = _talk_and_quality(rig, ListeningQuality(False, Confidence.UNENROLLED, (0.30, 0.70), "low"))
    assert bar._text.startswith("≈ ")
    assert t("balance.enrol", "fi") in bar.toolTip()
