"""Notices of the spoken-cue engine in Finnish (default), Swedish and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "ready": {
        "fi": "Puhutut vihjeet käytössä (ääni: {detail}).",
        "sv": "Talade påminnelser är på (röst: {detail}).",
        "en": "Spoken cues are on (voice: {detail}).",
    },
    "voice_fallback": {
        "fi": "Kielelle {language} ei löytynyt puheääntä; vihjeet puhutaan äänellä {detail}.",
        "sv": "Ingen röst hittades för språket {language}; påminnelserna läses med rösten {detail}.",
        "en": "No voice found for language {language}; cues are spoken with the voice {detail}.",
    },
    "voice_default": {
        "fi": "Kielelle {language} ei löytynyt puheääntä; vihjeet puhutaan järjestelmän oletusäänellä. "
              "Asenna suomenkielinen ääni tai valitse varaääni asetuksista.",
        "sv": "Ingen röst hittades för språket {language}; påminnelserna läses med systemets standardröst. "
              "Installera en finsk röst eller välj en reservröst i inställningarna.",
        "en": "No voice found for language {language}; cues are spoken with the system's default voice. "
              "Install a Finnish voice or choose a fallback voice in the settings.",
    },
    "unavailable": {
        "fi": "Puhuttuja vihjeitä ei voi nyt käyttää: puhesynteesi ei käynnistynyt ({detail}). Linuxissa "
              "asenna espeak-ng. Näkyvät vihjeet toimivat normaalisti.",
        "sv": "Talade påminnelser kan inte användas just nu: talsyntesen startade inte ({detail}). Installera "
              "espeak-ng i Linux. De visuella påminnelserna fungerar som vanligt.",
        "en": "Spoken cues are unavailable: the speech synthesiser did not start ({detail}). On Linux, install "
              "espeak-ng. Visual cues work as usual.",
    },
    "error": {
        "fi": "Puhesynteesissä tapahtui virhe ({detail}); se käynnistetään uudelleen.",
        "sv": "Ett fel uppstod i talsyntesen ({detail}); den startas om.",
        "en": "The speech synthesiser failed ({detail}); it is being restarted.",
    },
    "playback_error": {
        "fi": "Puhutun vihjeen toisto ei onnistunut ({detail}). Tarkista kuulokkeet tai kaiutin.",
        "sv": "Den talade påminnelsen kunde inte spelas upp ({detail}). Kontrollera hörlurarna eller högtalaren.",
        "en": "The spoken cue could not be played ({detail}). Check the earpiece or speaker.",
    },
    "file_error": {
        "fi": "Äänitiedostoa ei voitu kirjoittaa ({detail}).",
        "sv": "Ljudfilen kunde inte skrivas ({detail}).",
        "en": "The audio file could not be written ({detail}).",
    },
    "stopped": {
        "fi": "Puhutut vihjeet pysäytetty.",
        "sv": "Talade påminnelser har stoppats.",
        "en": "Spoken cues stopped.",
    },
}


def text(code: str, lang: str = "fi", **values: object) -> str:
    table = TEXTS[code]
    return (table.get(lang) or table["fi"]).format(**{"detail": "", "language": "", **values})
