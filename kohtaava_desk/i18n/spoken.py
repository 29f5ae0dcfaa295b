"""Notices of the spoken-cue engine (`spoken.<kind>` of a SpokenNotice)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "spoken.ready": (
        "Puhutut vihjeet käytössä (ääni: {detail}).",
        "Talade tips är på (röst: {detail}).",
        "Spoken cues are on (voice: {detail}).",
    ),
    "spoken.voice_fallback": (
        "Kielelle {language} ei löytynyt puheääntä; vihjeet puhutaan äänellä {detail}.",
        "Ingen röst hittades för språket {language}; tipsen läses med rösten {detail}.",
        "No voice found for language {language}; cues are spoken with the voice {detail}.",
    ),
    "spoken.voice_default": (
        "Kielelle {language} ei löytynyt puheääntä; vihjeet puhutaan järjestelmän oletusäänellä. Asenna "
        "suomenkielinen ääni tai valitse varaääni asetuksista.",
        "Ingen röst hittades för språket {language}; tipsen läses med systemets standardröst. "
        "Installera en finsk röst eller välj en reservröst i inställningarna.",
        "No voice found for language {language}; cues are spoken with the system's default voice. Install "
        "a Finnish voice or choose a fallback voice in the settings.",
    ),
    "spoken.unavailable": (
        "Puhuttuja vihjeitä ei voi nyt käyttää: puhesynteesi ei käynnistynyt ({detail}). Linuxissa asenna "
        "espeak-ng. Näkyvät vihjeet toimivat normaalisti.",
        "Talade tips kan inte användas just nu: talsyntesen startade inte ({detail}). Installera "
        "espeak-ng i Linux. De visuella tipsen fungerar som vanligt.",
        "Spoken cues are unavailable: the speech synthesiser did not start ({detail}). On Linux, install "
        "espeak-ng. Visual cues work as usual.",
    ),
    "spoken.error": (
        "Puhesynteesissä tapahtui virhe ({detail}); se käynnistetään uudelleen.",
        "Ett fel uppstod i talsyntesen ({detail}); den startas om.",
        "The speech synthesiser failed ({detail}); it is being restarted.",
    ),
    "spoken.playback_error": (
        "Puhutun vihjeen toisto ei onnistunut ({detail}). Tarkista kuulokkeet tai kaiutin.",
        "Det talade tipset kunde inte spelas upp ({detail}). Kontrollera hörlurarna eller "
        "högtalaren.",
        "The spoken cue could not be played ({detail}). Check the earpiece or speaker.",
    ),
    "spoken.file_error": (
        "Äänitiedostoa ei voitu kirjoittaa ({detail}).",
        "Ljudfilen kunde inte skrivas ({detail}).",
        "The audio file could not be written ({detail}).",
    ),
    "spoken.stopped": (
        "Puhutut vihjeet pysäytetty.",
        "Talade tips har stoppats.",
        "Spoken cues stopped.",
    ),
}
