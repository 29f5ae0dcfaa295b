"""User-facing texts of `analyze` and `enroll` in Finnish (default), Swedish and English."""

from __future__ import annotations

DEFAULT_LANGUAGE = "fi"
LANGUAGES = ("fi", "sv", "en")

_TEXTS: dict[str, dict[str, str]] = {
    "analyze.duration": {"fi": "Kesto", "sv": "Längd", "en": "Duration"},
    "analyze.speech": {"fi": "Puhetta", "sv": "Tal", "en": "Speech"},
    "analyze.expert": {"fi": "Asiantuntija", "sv": "Experten", "en": "Expert"},
    "analyze.client": {"fi": "Asiakas", "sv": "Kunden", "en": "Client"},
    "analyze.unknown": {"fi": "Ei tunnistettu", "sv": "Oklart vem", "en": "Unattributed"},
    "analyze.share": {"fi": "Asiantuntijan osuus puheesta", "sv": "Expertens andel av talet",
                      "en": "Expert's share of the talk"},
    "analyze.no_speech": {"fi": "ei puhetta", "sv": "inget tal", "en": "no speech"},
    "analyze.monologue": {"fi": "Asiantuntijan pisin yhtäjaksoinen puheenvuoro",
                          "sv": "Expertens längsta sammanhängande inlägg",
                          "en": "Expert's longest uninterrupted stretch"},
    "analyze.mode.enrolled": {"fi": "Tunnistus: asiantuntijan äänitunniste",
                              "sv": "Igenkänning: expertens röstprofil",
                              "en": "Attribution: the expert's voice profile"},
    "analyze.mode.unenrolled": {
        "fi": "Tunnistus: ei äänitunnistetta – lähempänä mikrofonia puhuva arvataan asiantuntijaksi "
              "(epävarmempi). Luo tunniste: kohtaava-desk enroll",
        "sv": "Igenkänning: ingen röstprofil – den som hörs starkast antas vara experten "
              "(osäkrare). Skapa en profil: kohtaava-desk enroll",
        "en": "Attribution: no voice profile – the louder voice is taken to be the expert "
              "(less reliable). Create one: kohtaava-desk enroll"},
    "analyze.mode.channels": {"fi": "Tunnistus: kaksi mikrofonia (kanava 1 = asiantuntija)",
                              "sv": "Igenkänning: två mikrofoner (kanal 1 = experten)",
                              "en": "Attribution: two microphones (channel 1 = expert)"},
    "analyze.saved": {
        "fi": "Tallennettu tapaamisten yhteenvetoihin (nro {id}); vain luvut, ei ääntä.",
        "sv": "Sparad bland mötessammanfattningarna (nr {id}); bara siffror, inget ljud.",
        "en": "Saved among your meeting summaries (no. {id}); numbers only, no audio."},
    "analyze.save_failed": {
        "fi": "Yhteenvetoa ei voitu tallentaa: {error}",
        "sv": "Sammanfattningen kunde inte sparas: {error}",
        "en": "The summary could not be saved: {error}"},
    "analyze.profile_ignored": {
        "fi": "Huom: kahden kanavan tilassa äänitunnistetta ei käytetä.",
        "sv": "Obs: i tvåkanalsläge används ingen röstprofil.",
        "en": "Note: the voice profile is not used in two-channel mode."},
    "error.weights": {
        "fi": "Puhujatunnistuksen malli puuttuu: {error}",
        "sv": "Modellen för talarigenkänning saknas: {error}",
        "en": "The speaker-recognition model is missing: {error}"},
    "enroll.saved": {
        "fi": "Äänitunniste tallennettu: {path} ({speech:.0f} s puhetta). Ääntä ei tallennettu.",
        "sv": "Röstprofilen sparades: {path} ({speech:.0f} s tal). Inget ljud sparades.",
        "en": "Voice profile saved: {path} ({speech:.0f} s of speech). No audio was kept."},
    "enroll.read_aloud": {
        "fi": "Lue alla oleva teksti ääneen rauhallisesti ({seconds} s). Ääntä ei tallenneta: siitä lasketaan vain äänitunniste.",
        "sv": "Läs texten nedan högt i lugn takt ({seconds} s). Ljudet sparas inte: bara en röstprofil räknas fram.",
        "en": "Read the text below aloud at a calm pace ({seconds} s). No audio is kept: only a voice profile is computed."},
    "enroll.progress": {
        "fi": "… {heard:.0f}/{seconds} s",
        "sv": "… {heard:.0f}/{seconds} s",
        "en": "… {heard:.0f}/{seconds} s"},
    "enroll.mic_failed": {
        "fi": "Mikrofonista saatiin vain {heard:.0f} s ääntä: {reason}",
        "sv": "Mikrofonen gav bara {heard:.0f} s ljud: {reason}",
        "en": "Only {heard:.0f} s of audio came from the microphone: {reason}"},
    "enroll.stereo": {
        "fi": "{path}: äänitteessä on kaksi kanavaa; ne yhdistetään yhdeksi.",
        "sv": "{path}: inspelningen har två kanaler; de slås ihop till en.",
        "en": "{path}: the recording has two channels; they are mixed to one."},
}


def text(key: str, lang: str | None = None, **params: object) -> str:
    entry = _TEXTS[key]
    template = entry.get(lang or DEFAULT_LANGUAGE) or entry[DEFAULT_LANGUAGE]
    return template.format(**params) if params else template
