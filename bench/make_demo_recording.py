"""Writes a synthetic two-person Finnish meeting (about 2 minutes) and an enrolment recording of the
same "expert" voice, for `kohtaava-desk demo` and the UI benchmark. espeak-ng voices; nothing real.

    .venv/bin/python bench/make_demo_recording.py OUTDIR
    kohtaava-desk demo OUTDIR/meeting.wav --enroll OUTDIR/enrol.wav --speed 4 --steps 8,45,100
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from synth import Voice, build_dialogue, mix_mono, speak, trim, write_wav  # noqa: E402

SCRIPT = [
    ("expert", "Hei ja tervetuloa. Meillä on tänään puoli tuntia aikaa. Kerro, mikä on sinulle nyt tärkein asia."),
    ("client", "Kiitos. Minä etsin työtä, mutta en tiedä mistä aloittaa. Olen ollut kotona kaksi vuotta lasten "
               "kanssa ja nyt haluaisin palata töihin."),
    ("expert", "Mitä olet tehnyt aiemmin?"),
    ("client", "Olin kaupassa myyjänä kolme vuotta. Pidin siitä työstä paljon, mutta kieli oli joskus vaikeaa. "
               "Nyt puhun paremmin suomea ja olen käynyt kurssin."),
    ("expert", "Miltä paluu työelämään tuntuu?"),
    ("client", "Vähän jännittää. En tiedä, riittääkö minun kielitaitoni, ja lasten hoito pitää järjestää. "
               "Mutta haluan kovasti töihin."),
    ("expert", "Kerro lisää siitä kurssista."),
    ("client", "Se oli kuuden kuukauden kurssi. Opimme kirjoittamaan hakemuksia ja harjoittelimme haastatteluja."),
    ("expert", "Nyt minusta vaikuttaa siltä, että seuraavaksi meidän kannattaa katsoa yhdessä kaupan alan "
               "paikkoja ja lastenhoidon vaihtoehtoja. Voin kertoa, millaisia palveluja on tarjolla."),
    ("client", "Hyvä, se auttaisi."),
    ("expert", "Kaupan alalla on nyt paljon avoimia paikkoja. Lastenhoidon järjestämiseen saat tukea kunnasta. "
               "Lisäksi voimme sopia tapaamisen uravalmentajan kanssa."),
    ("client", "Entä jos en saa paikkaa heti?"),
    ("expert", "Silloin voit hakea palkkatukea tai työkokeilua. Se on hyvä tapa päästä alkuun."),
    ("expert", "Kootaan yhteen mitä sovittiin. Kerrotko omin sanoin, mitä teet seuraavaksi?"),
    ("client", "Haen kolmea paikkaa kaupasta tällä viikolla ja soitan kuntaan lastenhoidosta. "
               "Sitten tapaan uravalmentajan."),
    ("expert", "Juuri niin. Hienoa, sinulla on hyvä suunnitelma."),
]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(args[0])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(3)
    expert, client = Voice("m3", 45, 160), Voice("f2", 60, 150)
    d = build_dialogue(SCRIPT, expert, client, rng)
    write_wav(out / "meeting.wav", mix_mono(d, rng, client_gain_db=-4, snr_db=25))
    from kohtaava_desk.speakers.enrolment_text import enrolment_text
    voice = trim(speak(enrolment_text("fi"), expert))
    write_wav(out / "enrol.wav", 0.25 * voice / (np.sqrt(np.mean(voice ** 2)) + 1e-9))
    print(f"{out / 'meeting.wav'}: {d.duration_s:.0f} s, true expert share {d.expert_share:.2f}")
    print(f"{out / 'enrol.wav'}: {len(voice) / 16000:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
