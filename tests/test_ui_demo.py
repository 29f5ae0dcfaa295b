"""`kohtaava-desk demo`: a synthetic two-person recording replayed through the real pipeline into the
real widget at high speed; the widget follows it, the scripted step changes happen, a screenshot is
written, nothing is left running."""

from __future__ import annotations

import argparse

import numpy as np
import pytest

import ui_helpers  # noqa: F401  (offscreen Qt before any widget is made)

from kohtaava_desk.cli import demo as demo_cli
from kohtaava_desk.meeting import Step

synth = pytest.importorskip("synth")


@pytest.fixture(scope="module")
def recording(tmp_path_factory):
    if not synth.have_espeak():
        pytest.fail("espeak-ng is needed for the demo test (apt-get install espeak-ng)")
    rng = np.random.default_rng(5)
    script = [("expert", "Hei ja tervetuloa, meillä on tänään puoli tuntia aikaa."),
              ("client", "Kiitos. Etsin työtä kaupan alalta ja tarvitsen neuvoja hakemiseen."),
              ("expert", "Kerro lisää, mitä olet tehnyt aiemmin?"),
              ("client", "Olin myyjänä kolme vuotta ja kävin sitten kielikurssin.")]
    d = synth.build_dialogue(script, synth.Voice("m3", 45, 170), synth.Voice("f2", 60, 160), rng)
    folder = tmp_path_factory.mktemp("demo")
    path = folder / "meeting.wav"
    synth.write_wav(path, synth.mix_mono(d, rng, client_gain_db=-3, snr_db=30))
    enrol_text = ("Luen tämän tekstin ääneen, jotta sovellus oppii tunnistamaan ääneni. Tapaan työssäni päivittäin "
                  "monia asiakkaita ja haluan kuunnella heitä hyvin. Hyvä tapaaminen alkaa rauhallisesti ja päättyy "
                  "yhteiseen yhteenvetoon, jossa asiakas kertoo omin sanoin, mitä seuraavaksi tapahtuu.")
    voice = synth.trim(synth.speak(enrol_text, synth.Voice("m3", 45, 150)))
    enrol = folder / "enrol.wav"
    synth.write_wav(enrol, 0.25 * voice / (np.sqrt(np.mean(voice ** 2)) + 1e-9))
    return path, d.duration_s, enrol, d.expert_share


def parse(argv):
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="command")
    demo_cli.add_parser(sub)
    args = p.parse_args(["demo", *argv])
    if not hasattr(args, "office"):
        args.office = None
    return args


def test_cli_rejects_bad_options():
    with pytest.raises(SystemExit):
        parse(["x.wav", "--speed", "0"])
    with pytest.raises(SystemExit):
        parse(["x.wav", "--steps", "50,10"])


def test_missing_file_is_a_clear_error(tmp_path, capsys):
    from kohtaava_desk.ui.demo import play
    code, _ = play(parse([str(tmp_path / "nope.wav")]))
    assert code == 2 and "file not found" in capsys.readouterr().err


def test_demo_replays_into_the_widget_and_writes_a_screenshot(qapp, recording, tmp_path, no_leaked_threads):
    from kohtaava_desk.ui.demo import play
    path, duration, enrol, true_share = recording
    shot = tmp_path / "shot.png"
    args = parse([str(path), "--speed", "12", "--length", "20", "--steps", "4,8", "--screenshot", str(shot),
                  "--enroll", str(enrol)])
    code, summary = play(args)
    assert code == 0
    assert shot.exists() and shot.stat().st_size > 1000
    assert summary.announced_s == 20 * 60
    assert summary.speech_s > 0.4 * duration  # talk arrived from the pipeline
    # With an enrolment, speech gets attributed (how well is the listening benchmark's business).
    assert summary.expert_s + summary.client_s > 0
    steps_visited = [v[0] for v in summary.visits]
    assert steps_visited[:3] == [Step.EMPATIA, Step.OHJAUKSELLINEN, Step.NEUVONNALLINEN]
    assert summary.actual_s == pytest.approx(duration, abs=3.0)
