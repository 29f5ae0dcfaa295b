"""Texts of the `analyze` and `enroll` commands."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "enroll.too_little_speech": (
        "Äänitteessä oli puhetta vain {found:.1f} s, tarvitaan vähintään {need:.0f} s. "
        "Lue teksti rauhallisesti loppuun asti ja puhu lähellä mikrofonia.",
        "Inspelningen innehöll bara {found:.1f} s tal, minst {need:.0f} s behövs. "
        "Läs texten lugnt till slutet och tala nära mikrofonen.",
        "The recording held only {found:.1f} s of speech; at least {need:.0f} s is needed. "
        "Read the whole text at an easy pace, close to the microphone.",
    ),
    # --- analyze --------------------------------------------------------------------------------------
    "analyze.duration": (
        "Kesto",
        "Längd",
        "Duration",
    ),
    "analyze.speech": (
        "Puhetta",
        "Tal",
        "Speech",
    ),
    "analyze.expert": (
        "Asiantuntija",
        "Experten",
        "Expert",
    ),
    "analyze.client": (
        "Asiakas",
        "Kunden",
        "Client",
    ),
    "analyze.unknown": (
        "Ei tunnistettu",
        "Oklart vem",
        "Unattributed",
    ),
    "analyze.share": (
        "Asiantuntijan osuus puheesta",
        "Expertens andel av talet",
        "Expert's share of the talk",
    ),
    "analyze.no_speech": (
        "ei puhetta",
        "inget tal",
        "no speech",
    ),
    "analyze.band": (
        "(luultavasti {low}–{high} %, varmuus: {confidence})",
        "(troligen {low}–{high} %, säkerhet: {confidence})",
        "(likely {low}–{high} %, confidence: {confidence})",
    ),
    "analyze.confidence.high": ("hyvä", "god", "high"),
    "analyze.confidence.medium": ("kohtalainen", "måttlig", "medium"),
    "analyze.confidence.low": ("heikko", "låg", "low"),
    "analyze.client_not_heard": (
        "toista ääntä ei erottunut – asiakasta ei kuultu",
        "ingen andra röst hördes – kunden hördes inte",
        "no second voice was found – the client was not heard",
    ),
    "analyze.timeline": (
        "Puheenvuorot (alku s, loppu s, puhuja)",
        "Talavsnitt (början s, slut s, talare)",
        "Speech segments (start s, end s, speaker)",
    ),
    "analyze.monologue": (
        "Asiantuntijan pisin yhtäjaksoinen puheenvuoro",
        "Expertens längsta sammanhängande inlägg",
        "Expert's longest uninterrupted stretch",
    ),
    "analyze.mode.enrolled": (
        "Tunnistus: asiantuntijan äänitunniste",
        "Igenkänning: expertens röstprofil",
        "Attribution: the expert's voice profile",
    ),
    "analyze.mode.unenrolled": (
        "Tunnistus: ei äänitunnistetta – lähempänä mikrofonia puhuva arvataan asiantuntijaksi "
        "(epävarmempi). Luo tunniste: kohtaava-desk enroll",
        "Igenkänning: ingen röstprofil – den som hörs starkast antas vara experten (osäkrare). Skapa en "
        "profil: kohtaava-desk enroll",
        "Attribution: no voice profile – the louder voice is taken to be the expert (less reliable). "
        "Create one: kohtaava-desk enroll",
    ),
    "analyze.mode.channels": (
        "Tunnistus: kaksi mikrofonia (kanava 1 = asiantuntija)",
        "Igenkänning: två mikrofoner (kanal 1 = experten)",
        "Attribution: two microphones (channel 1 = expert)",
    ),
    "analyze.saved": (
        "Tallennettu tapaamisten yhteenvetoihin (nro {id}); vain luvut, ei ääntä.",
        "Sparad bland mötessammanfattningarna (nr {id}); bara siffror, inget ljud.",
        "Saved among your meeting summaries (no. {id}); numbers only, no audio.",
    ),
    "analyze.save_failed": (
        "Yhteenvetoa ei voitu tallentaa: {error}",
        "Sammanfattningen kunde inte sparas: {error}",
        "The summary could not be saved: {error}",
    ),
    "analyze.profile_ignored": (
        "Huom: kahden kanavan tilassa äänitunnistetta ei käytetä.",
        "Obs: i tvåkanalsläge används ingen röstprofil.",
        "Note: the voice profile is not used in two-channel mode.",
    ),
    # --- enroll ---------------------------------------------------------------------------------------
    "error.weights": (
        "Puhujatunnistuksen malli puuttuu: {error}",
        "Modellen för talarigenkänning saknas: {error}",
        "The speaker-recognition model is missing: {error}",
    ),
    "enroll.saved": (
        "Äänitunniste tallennettu: {path} ({speech:.0f} s puhetta). Ääntä ei tallennettu.",
        "Röstprofilen sparades: {path} ({speech:.0f} s tal). Inget ljud sparades.",
        "Voice profile saved: {path} ({speech:.0f} s of speech). No audio was kept.",
    ),
    "enroll.read_aloud": (
        "Lue alla oleva teksti ääneen rauhallisesti ({seconds} s). Ääntä ei tallenneta: siitä lasketaan "
        "vain äänitunniste.",
        "Läs texten nedan högt i lugn takt ({seconds} s). Ljudet sparas inte: bara en röstprofil räknas "
        "fram.",
        "Read the text below aloud at a calm pace ({seconds} s). No audio is kept: only a voice profile "
        "is computed.",
    ),
    "enroll.progress": (
        "… {heard:.0f}/{seconds} s",
        "… {heard:.0f}/{seconds} s",
        "… {heard:.0f}/{seconds} s",
    ),
    "enroll.mic_failed": (
        "Mikrofonista saatiin vain {heard:.0f} s ääntä: {reason}",
        "Mikrofonen gav bara {heard:.0f} s ljud: {reason}",
        "Only {heard:.0f} s of audio came from the microphone: {reason}",
    ),
    "enroll.stereo": (
        "{path}: äänitteessä on kaksi kanavaa; ne yhdistetään yhdeksi.",
        "{path}: inspelningen har två kanaler; de slås ihop till en.",
        "{path}: the recording has two channels; they are mixed to one.",
    ),
}
