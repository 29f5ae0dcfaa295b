"""Synthetic two-person Finnish meetings with ground truth, for the listening benchmark.

Each meeting: two espeak-ng voices (often the same gender), the expert ~0.5 m from a desk microphone
and the client 1-2 m away in a reverberant room (pyroomacoustics image-source model), the client's
speech 2-8 dB quieter at the microphone, steady fan-like noise at a chosen SNR (sometimes with
typing), turns of 1-30 s, back-channels ("joo", "mm") from the listener, and some overlap at turn
changes. The expert's enrolment clip is read from different sentences, at the desk, in quiet.

Truth is per 10 ms frame from the dry (pre-room) tracks, pauses under 0.3 s bridged, so it counts
talk the way a listener would. Bench-only: pyroomacoustics is not an app dependency.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import synth  # noqa: E402  (tests/synth.py: espeak-ng synthesis and mixing helpers)
from synth import SAMPLE_RATE, Voice  # noqa: E402

MALE = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"]
FEMALE = ["f1", "f2", "f3", "f4", "f5"]

# More lines than the unit tests need, so a five-minute meeting does not loop the same few.
EXPERT_LINES = synth.EXPERT_LINES + [
    "Kerro lisää siitä, mitä teit edellisessä työpaikassasi.",
    "Mikä sinulle olisi tärkeintä seuraavassa työssä?",
    "Miltä tuntuisi, jos aloitettaisiin ihan pienestä harjoittelujaksosta?",
    "Työkokeilun aikana saat pitää työttömyysetuuden, ja lisäksi maksetaan kulukorvausta.",
    "Ammatillisessa koulutuksessa voi opiskella myös osa-aikaisesti työn ohessa.",
    "Tehdään sinulle yhdessä työllistymissuunnitelma, johon kirjataan nämä sovitut asiat.",
    "Onko sinulla ollut mahdollisuutta tutustua alan järjestämiin rekrytointitapahtumiin?",
    "Sinulla on paljon kokemusta, joka on arvokasta monessa eri tehtävässä.",
    "Kuulostaa siltä, että olet jo itse miettinyt tätä aika pitkälle.",
    "Entä miten arki sujuu muuten, riittääkö voimia työnhakuun?",
    "Jos haluat, voin lähettää sinulle linkin verkkokurssiin sähköpostilla.",
    "Seuraavaksi katsotaan, millaisia koulutuksia alkaa ensi vuoden alussa.",
    "Tässä on vielä esite, jossa asiat ovat samassa järjestyksessä kuin kävimme ne läpi.",
    "Ansioluettelosi on hyvä pohja, mutta siihen voisi lisätä vielä ajokortin.",
]

CLIENT_LINES = synth.CLIENT_LINES + [
    "Viimeisin työpaikka oli tukkuliikkeessä, jossa keräsin tilauksia trukilla.",
    "En oikein tiedä, mistä pitäisi aloittaa, kun kaikki tuntuu niin sekavalta.",
    "Kotona on kaksi lasta, joten aamuvuorot sopisivat minulle parhaiten.",
    "Yritin kerran hakea kouluun, mutta en päässyt sisään pääsykokeiden takia.",
    "Tietokoneiden kanssa olen vähän kömpelö, jos totta puhutaan.",
    "Harjoittelu voisi olla hyvä juttu, kunhan siitä ei tule liian pitkä.",
    "Pidän siitä, että saa tehdä käsillä jotain konkreettista.",
    "Eilenkin lähetin kaksi hakemusta, mutta en usko, että niistä tulee mitään.",
    "Kuntoni on nykyään parempi kuin vuosi sitten, kun aloin kävellä joka päivä.",
    "Voisin harkita myös vähän pidempää työmatkaa, jos palkka on kohdallaan.",
    "Entinen esimieheni lupasi antaa minulle suosittelijan tiedot.",
    "Se kuulostaa järkevältä, kokeillaan sitä.",
]

SPEECH_PAD_S = 0.25
"""Silence after the last turn, so the VAD's hangover ends inside the recording."""


@dataclass
class Meeting(synth.TalkTruth):
    """One synthetic meeting: the microphone signal, the enrolment clip and the truth."""

    name: str
    audio: np.ndarray
    """float32 mono 16 kHz as the desk microphone hears it."""
    enrolment: np.ndarray
    """float32 mono 16 kHz: the expert reading a different text at the desk."""
    expert_active: np.ndarray
    """bool per 10 ms frame."""
    client_active: np.ndarray
    """bool per 10 ms frame."""
    meta: dict = field(default_factory=dict)

    @property
    def duration_s(self) -> float:
        return len(self.audio) / SAMPLE_RATE


def pick_voices(rng: np.random.Generator, same_gender: bool) -> tuple[Voice, Voice]:
    g1 = MALE if rng.random() < 0.5 else FEMALE
    g2 = g1 if same_gender else (FEMALE if g1 is MALE else MALE)
    v1 = str(rng.choice(g1))
    v2 = str(rng.choice([v for v in g2 if v != v1]))

    def voice(variant: str) -> Voice:
        return Voice(variant=variant, pitch=int(rng.integers(30, 71)), speed=int(rng.integers(140, 186)))

    return voice(v1), voice(v2)


def _turn_text(rng: np.random.Generator, lines: list[str], target_s: float, voice: Voice) -> list[np.ndarray]:
    """Sentences of one turn, about ``target_s`` long (at least one sentence, or a short answer)."""
    if target_s < 1.5:
        return [synth.trim(synth.speak(str(rng.choice(["Joo, niin on.", "Ei oikeastaan.", "Kyllä.",
                                                            "Totta.", "Ehkä, en tiedä."])), voice))]
    clips: list[np.ndarray] = []
    total = 0.0
    while total < target_s:
        clip = synth.trim(synth.speak(str(rng.choice(lines)), voice))
        if total > 0 and total + len(clip) / SAMPLE_RATE > target_s + 4:
            break
        clips.append(clip)
        total += len(clip) / SAMPLE_RATE + 0.35
    return clips


def _place(track: np.ndarray, pos: int, clip: np.ndarray) -> np.ndarray:
    end = pos + len(clip)
    if end > len(track):
        track = np.concatenate([track, np.zeros(end - len(track) + SAMPLE_RATE * 30, np.float32)])
    track[pos:end] += clip
    return track


def script_tracks(rng: np.random.Generator, expert: Voice, client: Voice, minutes: float,
                  expert_talk: float) -> tuple[np.ndarray, np.ndarray]:
    """Dry expert and client tracks on one timeline, alternating turns of 1-30 s."""
    e_track = np.zeros(SAMPLE_RATE * 60, np.float32)
    c_track = np.zeros(SAMPLE_RATE * 60, np.float32)
    pos = int(0.6 * SAMPLE_RATE)
    who = "expert"  # the expert opens the meeting
    target_end = minutes * 60 * SAMPLE_RATE
    while pos < target_end:
        is_expert = who == "expert"
        # Turn lengths: log-uniform 1..30 s, skewed per meeting by how talkative the expert is.
        bias = expert_talk if is_expert else 1 - expert_talk
        turn_s = float(np.exp(rng.uniform(np.log(1.0), np.log(30.0)))) * (0.5 + bias)
        turn_s = float(np.clip(turn_s, 1.0, 30.0))
        voice = expert if is_expert else client
        clips = _turn_text(rng, EXPERT_LINES if is_expert else CLIENT_LINES, turn_s, voice)
        listener_voice = client if is_expert else expert
        for clip in clips:
            if is_expert:
                e_track = _place(e_track, pos, clip)
            else:
                c_track = _place(c_track, pos, clip)
            # The listener's back-channel, in a pause or lightly over the end of a sentence.
            if len(clips) > 1 and rng.random() < 0.35:
                bc = synth.trim(synth.speak(str(rng.choice(synth.BACKCHANNELS)), listener_voice))
                bc_pos = pos + len(clip) - int(rng.uniform(0.0, 0.3) * SAMPLE_RATE)
                if is_expert:
                    c_track = _place(c_track, bc_pos, bc)
                else:
                    e_track = _place(e_track, bc_pos, bc)
            pos += len(clip) + int(rng.uniform(0.25, 0.6) * SAMPLE_RATE)
        # Turn change: usually a pause, sometimes the next speaker starts early (overlap).
        if rng.random() < 0.2:
            pos -= int(rng.uniform(0.3, 0.9) * SAMPLE_RATE) + int(0.4 * SAMPLE_RATE)
        else:
            pos += int(rng.uniform(0.2, 1.5) * SAMPLE_RATE)
        who = "client" if is_expert else "expert"
    n = max(int(np.flatnonzero(e_track).max(initial=0)), int(np.flatnonzero(c_track).max(initial=0)))
    n += int(SPEECH_PAD_S * SAMPLE_RATE) + SAMPLE_RATE
    fit = [np.pad(t, (0, max(0, n - len(t))))[:n].copy() for t in (e_track, c_track)]
    return fit[0], fit[1]


def room_impulses(rng: np.random.Generator, client_distance: float, rt60: float
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
    """RIRs at a desk microphone for the expert (~0.5 m), the client, and the expert's enrolment spot."""
    import pyroomacoustics as pra

    dims = np.array([rng.uniform(3.2, 5.5), rng.uniform(2.8, 4.5), rng.uniform(2.5, 3.0)])
    absorption, max_order = pra.inverse_sabine(rt60, dims)
    room = pra.ShoeBox(dims, fs=SAMPLE_RATE, materials=pra.Material(absorption),
                       max_order=min(max_order, 12))
    mic = np.array([dims[0] * rng.uniform(0.4, 0.6), dims[1] * rng.uniform(0.35, 0.5), 0.85])

    def at(distance: float, angle: float, height: float) -> np.ndarray:
        # ``distance`` is mouth-to-microphone; the mouth sits higher than the desk microphone.
        flat = np.sqrt(max(distance**2 - (height - mic[2]) ** 2, 0.01))
        p = mic + np.array([flat * np.cos(angle), flat * np.sin(angle), 0.0])
        p[2] = height
        return np.clip(p, 0.2, dims - 0.2)

    a = rng.uniform(0, 2 * np.pi)
    expert_pos = at(rng.uniform(0.4, 0.6), a, 1.15)
    client_pos = at(client_distance, a + np.pi + rng.uniform(-0.6, 0.6), 1.15)
    enrol_pos = at(rng.uniform(0.4, 0.6), a + rng.uniform(-0.4, 0.4), 1.2)
    for p in (expert_pos, client_pos, enrol_pos):
        room.add_source(p)
    room.add_microphone(mic)
    room.compute_rir()
    rirs = [np.asarray(room.rir[0][i], dtype=np.float32) for i in range(3)]
    meta = {"room": [round(float(x), 1) for x in dims], "rt60": round(rt60, 2),
            "expert_d": round(float(np.linalg.norm(expert_pos - mic)), 2),
            "client_d": round(float(np.linalg.norm(client_pos - mic)), 2)}
    return rirs[0], rirs[1], rirs[2], meta


def _convolve(x: np.ndarray, rir: np.ndarray) -> np.ndarray:
    from scipy.signal import fftconvolve

    return fftconvolve(x, rir)[: len(x)].astype(np.float32)


def make_meeting(seed: int, index: int, snr_db: float, minutes: float | None = None,
                 same_gender: bool | None = None) -> Meeting:
    rng = np.random.default_rng([seed, index])
    if same_gender is None:
        same_gender = bool(rng.random() < 0.6)
    minutes = float(minutes if minutes is not None else rng.uniform(3.0, 6.0))
    expert_v, client_v = pick_voices(rng, same_gender)
    expert_talk = float(rng.uniform(0.25, 0.7))
    e_dry, c_dry = script_tracks(rng, expert_v, client_v, minutes, expert_talk)
    client_distance = float(rng.uniform(1.0, 2.0))
    rt60 = float(rng.uniform(0.25, 0.6))
    rir_e, rir_c, rir_enrol, meta = room_impulses(rng, client_distance, rt60)
    e_wet = _convolve(e_dry, rir_e)
    c_wet = _convolve(c_dry, rir_c)
    level = 10 ** (rng.uniform(-24, -16) / 20)  # expert speech RMS at the mic, dBFS
    client_gain_db = float(rng.uniform(-8.0, -2.0))
    e_wet *= level / synth.speech_rms(e_wet)
    c_wet *= level * 10 ** (client_gain_db / 20) / synth.speech_rms(c_wet)
    speech = e_wet + c_wet
    noise = synth.coloured_noise(len(speech), rng, slope_db_per_octave=float(rng.uniform(-6, -2)))
    typing = bool(rng.random() < 0.4)
    if typing:
        noise = noise + synth.keyboard_clicks(len(speech), rng, rate_per_s=3.0) * 2.0
    noise *= synth.speech_rms(speech) / 10 ** (snr_db / 20) / synth.rms(noise)
    audio = np.clip(speech + noise, -1, 1).astype(np.float32)

    enrol_dry = np.concatenate([np.concatenate([synth.trim(synth.speak(s, expert_v)),
                                                np.zeros(int(0.4 * SAMPLE_RATE), np.float32)])
                                for s in synth.ENROLMENT_LINES])
    enrol = _convolve(enrol_dry, rir_enrol)
    enrol *= 10 ** (rng.uniform(-24, -16) / 20) / synth.speech_rms(enrol)
    enrol_noise = synth.coloured_noise(len(enrol), rng)
    enrol += enrol_noise * synth.speech_rms(enrol) / 10 ** (30 / 20)
    meta.update({"expert": f"{expert_v.variant}/p{expert_v.pitch}/s{expert_v.speed}",
                 "client": f"{client_v.variant}/p{client_v.pitch}/s{client_v.speed}",
                 "snr_db": snr_db, "client_gain_db": round(client_gain_db, 1), "typing": typing})
    n_frames = len(audio) // (SAMPLE_RATE // 100)
    e_act = synth.activity(e_dry)[:n_frames]
    c_act = synth.activity(c_dry)[:n_frames]
    return Meeting(name=f"s{seed}-m{index}", audio=audio, enrolment=np.clip(enrol, -1, 1),
                   expert_active=e_act, client_active=c_act, meta=meta)
