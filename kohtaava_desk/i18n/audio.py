"""Texts of the audio layer: WAV file problems, the device list, PortAudio and live-microphone status.

Error objects carry a key plus parameters so they can be shown later in the expert's language."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    # --- WAV files ------------------------------------------------------------------------------------
    "wav.not_found": (
        "tiedostoa ei löydy",
        "filen hittades inte",
        "file not found",
    ),
    "wav.unreadable": (
        "tiedostoa ei voi lukea ({error})",
        "filen kan inte läsas ({error})",
        "the file cannot be read ({error})",
    ),
    "wav.not_riff": (
        "tämä ei ole WAV-tiedosto (RIFF/WAVE-otsake puuttuu)",
        "detta är ingen WAV-fil (RIFF/WAVE-huvudet saknas)",
        "this is not a WAV file (no RIFF/WAVE header)",
    ),
    "wav.rf64": (
        "{kind}-muotoisia WAV-tiedostoja ei tueta",
        "WAV-filer i formatet {kind} stöds inte",
        "{kind} WAV files are not supported",
    ),
    "wav.no_fmt": (
        "muotolohko (fmt) puuttuu tai on vajaa",
        "formatblocket (fmt) saknas eller är ofullständigt",
        "the format chunk (fmt) is missing or too short",
    ),
    "wav.no_data": (
        "äänidatalohko (data) puuttuu",
        "ljuddatablocket (data) saknas",
        "the audio data chunk (data) is missing",
    ),
    "wav.empty": (
        "tiedostossa ei ole yhtään ääninäytettä",
        "filen innehåller inga ljudsampel",
        "the file holds no audio samples",
    ),
    "wav.encoding": (
        "näytemuotoa {what} ei tueta",
        "samplingsformatet {what} stöds inte",
        "the sample format {what} is not supported",
    ),
    "wav.channels": (
        "kanavamäärää {channels} ei tueta",
        "{channels} kanaler stöds inte",
        "{channels} channels are not supported",
    ),
    "wav.rate": (
        "näytetaajuutta {rate} Hz ei tueta",
        "samplingsfrekvensen {rate} Hz stöds inte",
        "the sample rate {rate} Hz is not supported",
    ),
    "wav.inconsistent": (
        "otsakkeen tiedot ovat ristiriidassa ({detail})",
        "huvudets uppgifter är motstridiga ({detail})",
        "the header contradicts itself ({detail})",
    ),
    "wav.needs_stereo": (
        "kaksikanavainen tila tarvitsee stereotiedoston (kanava 1 = asiantuntija, kanava 2 = asiakas), "
        "mutta tiedosto on yksikanavainen",
        "tvåkanalsläget kräver en stereofil (kanal 1 = experten, kanal 2 = kunden), men filen är mono",
        "two-channel mode needs a stereo file (channel 1 = expert, channel 2 = client), but the file is "
        "mono",
    ),
    "wav.allowed": (
        "Sallitut: WAV (RIFF), PCM-kokonaisluvut 8/16/24/32 bittiä tai IEEE-liukuluvut 32/64 bittiä (myös "
        "WAVE_FORMAT_EXTENSIBLE), 1 tai 2 kanavaa, 8000–48000 Hz (esim. 8000, 16000, 22050, 44100, "
        "48000).",
        "Tillåtet: WAV (RIFF), PCM-heltal 8/16/24/32 bitar eller IEEE-flyttal 32/64 bitar (även "
        "WAVE_FORMAT_EXTENSIBLE), 1 eller 2 kanaler, 8000–48000 Hz (t.ex. 8000, 16000, 22050, 44100, "
        "48000).",
        "Allowed: WAV (RIFF) with 8/16/24/32-bit integer PCM or 32/64-bit IEEE float samples "
        "(WAVE_FORMAT_EXTENSIBLE too), 1 or 2 channels, 8000–48000 Hz (e.g. 8000, 16000, 22050, 44100, "
        "48000).",
    ),
    # --- audio devices and PortAudio ------------------------------------------------------------------
    "devices.title": (
        "Äänen syöttölaitteet",
        "Ljudingångar",
        "Audio input devices",
    ),
    "devices.columns": (
        "nro|nimi|äänijärjestelmä|kanavia|oletustaajuus",
        "nr|namn|ljudsystem|kanaler|standardfrekvens",
        "index|name|host API|channels|default rate",
    ),
    "devices.default_note": (
        "* = järjestelmän oletusmikrofoni",
        "* = systemets standardmikrofon",
        "* = the system's default microphone",
    ),
    "devices.chosen": (
        "> = asetusten mukainen mikrofoni: {name}",
        "> = mikrofonen enligt inställningarna: {name}",
        "> = the microphone your settings select: {name}",
    ),
    "devices.chosen_fallback": (
        "> = asetettua mikrofonia ”{wanted}” ei löydy, joten käytettäisiin: {name}",
        "> = den valda mikrofonen ”{wanted}” hittas inte, så denna skulle användas: {name}",
        "> = the configured microphone “{wanted}” is not present, so this one would be used: {name}",
    ),
    "devices.none": (
        "Äänen syöttölaitteita ei löytynyt. Kytke mikrofoni ja yritä uudelleen.",
        "Inga ljudingångar hittades. Anslut en mikrofon och försök igen.",
        "No input devices found. Connect a microphone and try again.",
    ),
    "devices.query_failed": (
        "Äänilaitteiden luettelointi epäonnistui: {error}",
        "Det gick inte att lista ljudenheterna: {error}",
        "Listing the audio devices failed: {error}",
    ),
    "portaudio.missing": (
        "PortAudio-äänikirjastoa ei löytynyt, joten mikrofonia ei voi käyttää. {hint}",
        "Ljudbiblioteket PortAudio hittades inte, så mikrofonen kan inte användas. {hint}",
        "The PortAudio sound library was not found, so the microphone cannot be used. {hint}",
    ),
    "portaudio.hint_linux": (
        "Asenna järjestelmäpaketti libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: paketti portaudio).",
        "Installera systempaketet libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: paketet portaudio).",
        "Install the system package libportaudio2 (Debian/Ubuntu: sudo apt-get install libportaudio2; "
        "Fedora/Arch: package portaudio).",
    ),
    "portaudio.hint_other": (
        "Asenna Python-paketti sounddevice uudelleen (se sisältää PortAudion tällä käyttöjärjestelmällä).",
        "Installera om Python-paketet sounddevice (det innehåller PortAudio på detta operativsystem).",
        "Reinstall the Python package sounddevice (it bundles PortAudio on this operating system).",
    ),
    # --- live listening status ------------------------------------------------------------------------
    "live.starting": (
        "Mikrofonia käynnistetään…",
        "Mikrofonen startas…",
        "Starting the microphone…",
    ),
    "live.listening": (
        "Kuunnellaan: {device}",
        "Lyssnar: {device}",
        "Listening: {device}",
    ),
    "live.listening_fallback": (
        "Kuunnellaan: {device} (asetettua mikrofonia ”{wanted}” ei löytynyt)",
        "Lyssnar: {device} (den valda mikrofonen ”{wanted}” hittades inte)",
        "Listening: {device} (the configured microphone “{wanted}” was not found)",
    ),
    "live.no_device": (
        "Mikrofonia ei löydy – yritetään uudelleen",
        "Ingen mikrofon hittades – försöker igen",
        "No microphone found – retrying",
    ),
    "live.stalled": (
        "Mikrofonista ei tule ääntä – yhteys avataan uudelleen",
        "Inget ljud från mikrofonen – ansluter på nytt",
        "No sound from the microphone – reconnecting",
    ),
    "live.stream_stopped": (
        "Mikrofoniyhteys katkesi – yritetään uudelleen",
        "Mikrofonanslutningen bröts – försöker igen",
        "The microphone connection dropped – retrying",
    ),
    "live.open_failed": (
        "Mikrofonia ei saatu käyttöön ({error}) – yritetään uudelleen",
        "Mikrofonen kunde inte öppnas ({error}) – försöker igen",
        "The microphone could not be opened ({error}) – retrying",
    ),
    "live.needs_two_channels": (
        "Kaksikanavainen tila tarvitsee kaksikanavaisen mikrofonin; {device} antaa vain yhden kanavan – "
        "yritetään uudelleen",
        "Tvåkanalsläget kräver en mikrofon med två kanaler; {device} ger bara en – försöker igen",
        "Two-channel mode needs a two-channel microphone; {device} gives only one – retrying",
    ),
    "live.portaudio_missing": (
        "Äänikirjasto PortAudio puuttuu – mikrofonia ei voi käyttää. {hint}",
        "Ljudbiblioteket PortAudio saknas – mikrofonen kan inte användas. {hint}",
        "The PortAudio sound library is missing – the microphone cannot be used. {hint}",
    ),
    "live.stopped": (
        "Kuuntelu lopetettu",
        "Lyssnandet har stoppats",
        "Listening stopped",
    ),
    "live.internal_error": (
        "Kuuntelu pysähtyi sisäiseen virheeseen ({error})",
        "Lyssnandet stoppades av ett internt fel ({error})",
        "Listening stopped on an internal error ({error})",
    ),
}
