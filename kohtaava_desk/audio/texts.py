"""User-facing texts of the audio layer in Finnish (default), Swedish and English.

Kept beside the code that raises them so error objects can carry a code plus
parameters and be shown in the expert's language later (the UI may run in sv/en).
"""

from __future__ import annotations

import platform

DEFAULT_LANGUAGE = "fi"
LANGUAGES = ("fi", "sv", "en")

_TEXTS: dict[str, dict[str, str]] = {
    # --- WAV files -------------------------------------------------------------------
    "wav.not_found": {
        "fi": "tiedostoa ei löydy",
        "sv": "filen hittades inte",
        "en": "file not found",
    },
    "wav.unreadable": {
        "fi": "tiedostoa ei voi lukea ({error})",
        "sv": "filen kan inte läsas ({error})",
        "en": "the file cannot be read ({error})",
    },
    "wav.not_riff": {
        "fi": "tämä ei ole WAV-tiedosto (RIFF/WAVE-otsake puuttuu)",
        "sv": "detta är ingen WAV-fil (RIFF/WAVE-huvudet saknas)",
        "en": "this is not a WAV file (no RIFF/WAVE header)",
    },
    "wav.rf64": {
        "fi": "{kind}-muotoisia WAV-tiedostoja ei tueta",
        "sv": "WAV-filer i formatet {kind} stöds inte",
        "en": "{kind} WAV files are not supported",
    },
    "wav.no_fmt": {
        "fi": "muotolohko (fmt) puuttuu tai on vajaa",
        "sv": "formatblocket (fmt) saknas eller är ofullständigt",
        "en": "the format chunk (fmt) is missing or too short",
    },
    "wav.no_data": {
        "fi": "äänidatalohko (data) puuttuu",
        "sv": "ljuddatablocket (data) saknas",
        "en": "the audio data chunk (data) is missing",
    },
    "wav.empty": {
        "fi": "tiedostossa ei ole yhtään ääninäytettä",
        "sv": "filen innehåller inga ljudsampel",
        "en": "the file holds no audio samples",
    },
    "wav.encoding": {
        "fi": "näytemuotoa {what} ei tueta",
        "sv": "samplingsformatet {what} stöds inte",
        "en": "the sample format {what} is not supported",
    },
    "wav.channels": {
        "fi": "kanavamäärää {channels} ei tueta",
        "sv": "{channels} kanaler stöds inte",
        "en": "{channels} channels are not supported",
    },
    "wav.rate": {
        "fi": "näytetaajuutta {rate} Hz ei tueta",
        "sv": "samplingsfrekvensen {rate} Hz stöds inte",
        "en": "the sample rate {rate} Hz is not supported",
    },
    "wav.inconsistent": {
        "fi": "otsakkeen tiedot ovat ristiriidassa ({detail})",
        "sv": "huvudets uppgifter är motstridiga ({detail})",
        "en": "the header contradicts itself ({detail})",
    },
    "wav.needs_stereo": {
        "fi": "kaksikanavainen tila tarvitsee stereotiedoston (kanava 1 = asiantuntija, kanava 2 = asiakas), "
        "mutta tiedosto on yksikanavainen",
        "sv": "tvåkanalsläget kräver en stereofil (kanal 1 = experten, kanal 2 = kunden), men filen är mono",
        "en": "two-channel mode needs a stereo file (channel 1 = expert, channel 2 = client), "
        "but the file is mono",
    },
    "wav.allowed": {
        "fi": "Sallitut: WAV (RIFF), PCM-kokonaisluvut 8/16/24/32 bittiä tai IEEE-liukuluvut 32/64 bittiä "
        "(myös WAVE_FORMAT_EXTENSIBLE), 1 tai 2 kanavaa, 8000–48000 Hz (esim. 8000, 16000, 22050, "
        "44100, 48000).",
        "sv": "Tillåtet: WAV (RIFF), PCM-heltal 8/16/24/32 bitar eller IEEE-flyttal 32/64 bitar "
        "(även WAVE_FORMAT_EXTENSIBLE), 1 eller 2 kanaler, 8000–48000 Hz (t.ex. 8000, 16000, 22050, "
        "44100, 48000).",
        "en": "Allowed: WAV (RIFF) with 8/16/24/32-bit integer PCM or 32/64-bit IEEE float samples "
        "(WAVE_FORMAT_EXTENSIBLE too), 1 or 2 channels, 8000–48000 Hz (e.g. 8000, 16000, 22050, "
        "44100, 48000).",
    },
    # --- devices -----------------------------------------------------------------------
    "devices.title": {
        "fi": "Äänen syöttölaitteet",
        "sv": "Ljudingångar",
        "en": "Audio input devices",
    },
    "devices.columns": {
        "fi": "nro|nimi|äänijärjestelmä|kanavia|oletustaajuus",
        "sv": "nr|namn|ljudsystem|kanaler|standardfrekvens",
        "en": "index|name|host API|channels|default rate",
    },
    "devices.default_note": {
        "fi": "* = järjestelmän oletusmikrofoni",
        "sv": "* = systemets standardmikrofon",
        "en": "* = the system's default microphone",
    },
    "devices.chosen": {
        "fi": "> = asetusten mukainen mikrofoni: {name}",
        "sv": "> = mikrofonen enligt inställningarna: {name}",
        "en": "> = the microphone your settings select: {name}",
    },
    "devices.chosen_fallback": {
        "fi": "> = asetettua mikrofonia ”{wanted}” ei löydy, joten käytettäisiin: {name}",
        "sv": "> = den valda mikrofonen ”{wanted}” hittas inte, så denna skulle användas: {name}",
        "en": "> = the configured microphone “{wanted}” is not present, so this one would be used: {name}",
    },
    "devices.none": {
        "fi": "Äänen syöttölaitteita ei löytynyt. Kytke mikrofoni ja yritä uudelleen.",
        "sv": "Inga ljudingångar hittades. Anslut en mikrofon och försök igen.",
        "en": "No input devices found. Connect a microphone and try again.",
    },
    "devices.query_failed": {
        "fi": "Äänilaitteiden luettelointi epäonnistui: {error}",
        "sv": "Det gick inte att lista ljudenheterna: {error}",
        "en": "Listing the audio devices failed: {error}",
    },
    "portaudio.missing": {
        "fi": "PortAudio-äänikirjastoa ei löytynyt, joten mikrofonia ei voi käyttää. {hint}",
        "sv": "Ljudbiblioteket PortAudio hittades inte, så mikrofonen kan inte användas. {hint}",
        "en": "The PortAudio sound library was not found, so the microphone cannot be used. {hint}",
    },
    "portaudio.hint_linux": {
        "fi": "Asenna järjestelmäpaketti libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: paketti portaudio).",
        "sv": "Installera systempaketet libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: paketet portaudio).",
        "en": "Install the system package libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: package portaudio).",
    },
    "portaudio.hint_other": {
        "fi": "Asenna Python-paketti sounddevice uudelleen (se sisältää PortAudion tällä käyttöjärjestelmällä).",
        "sv": "Installera om Python-paketet sounddevice (det innehåller PortAudio på detta operativsystem).",
        "en": "Reinstall the Python package sounddevice (it bundles PortAudio on this operating system).",
    },
    # --- live listening status -----------------------------------------------------------
    "live.starting": {
        "fi": "Mikrofonia käynnistetään…",
        "sv": "Mikrofonen startas…",
        "en": "Starting the microphone…",
    },
    "live.listening": {
        "fi": "Kuunnellaan: {device}",
        "sv": "Lyssnar: {device}",
        "en": "Listening: {device}",
    },
    "live.listening_fallback": {
        "fi": "Kuunnellaan: {device} (asetettua mikrofonia ”{wanted}” ei löytynyt)",
        "sv": "Lyssnar: {device} (den valda mikrofonen ”{wanted}” hittades inte)",
        "en": "Listening: {device} (the configured microphone “{wanted}” was not found)",
    },
    "live.no_device": {
        "fi": "Mikrofonia ei löydy – yritetään uudelleen",
        "sv": "Ingen mikrofon hittades – försöker igen",
        "en": "No microphone found – retrying",
    },
    "live.stalled": {
        "fi": "Mikrofonista ei tule ääntä – yhteys avataan uudelleen",
        "sv": "Inget ljud från mikrofonen – ansluter på nytt",
        "en": "No sound from the microphone – reconnecting",
    },
    "live.stream_stopped": {
        "fi": "Mikrofoniyhteys katkesi – yritetään uudelleen",
        "sv": "Mikrofonanslutningen bröts – försöker igen",
        "en": "The microphone connection dropped – retrying",
    },
    "live.open_failed": {
        "fi": "Mikrofonia ei saatu käyttöön ({error}) – yritetään uudelleen",
        "sv": "Mikrofonen kunde inte öppnas ({error}) – försöker igen",
        "en": "The microphone could not be opened ({error}) – retrying",
    },
    "live.needs_two_channels": {
        "fi": "Kaksikanavainen tila tarvitsee kaksikanavaisen mikrofonin; {device} antaa vain yhden kanavan "
        "– yritetään uudelleen",
        "sv": "Tvåkanalsläget kräver en mikrofon med två kanaler; {device} ger bara en – försöker igen",
        "en": "Two-channel mode needs a two-channel microphone; {device} gives only one – retrying",
    },
    "live.portaudio_missing": {
        "fi": "Äänikirjasto PortAudio puuttuu – mikrofonia ei voi käyttää. {hint}",
        "sv": "Ljudbiblioteket PortAudio saknas – mikrofonen kan inte användas. {hint}",
        "en": "The PortAudio sound library is missing – the microphone cannot be used. {hint}",
    },
    "live.stopped": {
        "fi": "Kuuntelu lopetettu",
        "sv": "Lyssnandet har stoppats",
        "en": "Listening stopped",
    },
    "live.internal_error": {
        "fi": "Kuuntelu pysähtyi sisäiseen virheeseen ({error})",
        "sv": "Lyssnandet stoppades av ett internt fel ({error})",
        "en": "Listening stopped on an internal error ({error})",
    },
}


def text(key: str, lang: str | None = None, **params: object) -> str:
    """The text for `key` in `lang` (unknown languages fall back to Finnish)."""
    entry = _TEXTS[key]
    template = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template


def portaudio_hint(lang: str | None = None, system: str | None = None) -> str:
    """Which package brings PortAudio back on this operating system."""
    system = system or platform.system()
    # Only the Windows and macOS wheels of sounddevice carry their own PortAudio.
    bundled = system in ("Windows", "Darwin")
    return text("portaudio.hint_other" if bundled else "portaudio.hint_linux", lang)
