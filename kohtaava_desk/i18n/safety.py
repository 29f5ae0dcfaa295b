"""Texts of the safeguards around the expert's data: inputs that are not files, recordings that are
incomplete, saves that fail, a second copy of the app, an enrolment with two voices."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "wav.not_regular": (
        "tämä ei ole tavallinen tiedosto (vaan esim. nimetty putki, laite tai kansio)",
        "detta är ingen vanlig fil (utan t.ex. en namngiven pipe, en enhet eller en mapp)",
        "this is not a regular file (but e.g. a named pipe, a device or a folder)",
    ),
    "analyze.incomplete": (
        "Varoitus: äänite on vajaa – otsakkeen mukaan {claimed:.1f} s, mutta luettavissa oli vain {read:.1f} s "
        "(tallennus keskeytyi tai tiedosto muuttui luettaessa). Luvut koskevat vain luettua osaa.",
        "Varning: inspelningen är ofullständig – enligt huvudet {claimed:.1f} s, men bara {read:.1f} s kunde "
        "läsas (inspelningen avbröts eller filen ändrades under läsningen). Siffrorna gäller bara den lästa delen.",
        "Warning: the recording is incomplete – its header promises {claimed:.1f} s but only {read:.1f} s could "
        "be read (the recording was cut short or the file changed while it was read). The figures cover only "
        "the part read.",
    ),
    "analyze.not_saved_incomplete": (
        "Ei tallennettu: vajaata äänitettä ei tallenneta kokonaisena tapaamisena.",
        "Inte sparad: en ofullständig inspelning sparas inte som ett helt möte.",
        "Not saved: an incomplete recording is not stored as a whole meeting.",
    ),
    "analyze.not_saved_short": (
        "Ei tallennettu: äänite kestää vain {seconds:.2f} s; tapaamisena tallennetaan vähintään {minimum:.0f} s.",
        "Inte sparad: inspelningen är bara {seconds:.2f} s lång; ett möte sparas från {minimum:.0f} s.",
        "Not saved: the recording lasts only {seconds:.2f} s; a meeting is stored from {minimum:.0f} s on.",
    ),
    "analyze.date_future": (
        "Ei tallennettu: päivä {date} on tulevaisuudessa.",
        "Inte sparad: dagen {date} ligger i framtiden.",
        "Not saved: the date {date} is in the future.",
    ),
    "analyze.date_too_old": (
        "Ei tallennettu: {date} on yli {days} päivää sitten, ja säilytysaika poistaisi sen heti seuraavalla "
        "käynnistyksellä.",
        "Inte sparad: {date} ligger mer än {days} dagar bakåt, och lagringstiden skulle radera den vid nästa start.",
        "Not saved: {date} is more than {days} days ago; the retention period would delete it at the next start.",
    ),
    "enroll.two_voices": (
        "Äänitteessä kuuluu kaksi eri ääntä (toinen noin {share:.0f} % puheesta). Äänitunnisteeseen tarvitaan "
        "vain asiantuntijan oma ääni: äänitä teksti yksin. Mitään ei tallennettu.",
        "Inspelningen innehåller två olika röster (den ena ungefär {share:.0f} % av talet). Röstprofilen ska "
        "bara ha expertens egen röst: spela in texten ensam. Ingenting sparades.",
        "The recording holds two different voices (one of them about {share:.0f} % of the speech). The voice "
        "profile needs the expert's own voice only: record the text alone. Nothing was saved.",
    ),
    "enroll.force_hint": (
        "(--force tallentaa silti.)",
        "(--force sparar ändå.)",
        "(--force saves anyway.)",
    ),
    "store.unavailable": (
        "Yhteenvetoja ei voi tallentaa ({error}). Tapaamista voi käyttää, mutta sen luvut eivät tallennu.",
        "Sammanfattningar kan inte sparas ({error}). Mötet fungerar, men siffrorna sparas inte.",
        "Summaries cannot be saved ({error}). The meeting works, but its figures are not stored.",
    ),
    "store.checkpoint_failed": (
        "Välitallennus epäonnistui ({error}). Luvut pysyvät muistissa; tallennusta yritetään uudelleen.",
        "Mellansparningen misslyckades ({error}). Siffrorna finns kvar i minnet; sparningen försöks igen.",
        "A checkpoint could not be saved ({error}). The figures stay in memory; saving is retried.",
    ),
    "store.save_recovered": (
        "Tallennus onnistuu taas: tapaamisen luvut on tallennettu.",
        "Sparningen fungerar igen: mötets siffror har sparats.",
        "Saving works again: the meeting's figures are stored.",
    ),
    "store.final_failed": (
        "Tapaamisen yhteenvetoa ei voitu tallentaa ({error}). Tallenna luvut toiseen paikkaan, ettei mitään katoa.",
        "Mötets sammanfattning kunde inte sparas ({error}). Spara siffrorna någon annanstans så att inget går förlorat.",
        "The meeting's summary could not be saved ({error}). Save the figures somewhere else so nothing is lost.",
    ),
    "store.save_elsewhere_title": (
        "Tallenna yhteenveto (vain luvut)",
        "Spara sammanfattningen (bara siffror)",
        "Save the summary (numbers only)",
    ),
    "store.saved_elsewhere": (
        "Yhteenveto (vain luvut) tallennettu: {path}",
        "Sammanfattningen (bara siffror) sparades: {path}",
        "Summary (numbers only) saved: {path}",
    ),
    "store.restored": (
        "Edellisellä kerralla tallentamatta jääneet yhteenvedot on nyt tallennettu ({n}).",
        "Sammanfattningar som inte kunde sparas förra gången är nu sparade ({n}).",
        "Summaries that could not be saved last time are now stored ({n}).",
    ),
    "store.meeting_running": (
        "Tapaaminen on käynnissä toisessa kohtaava-desk-ikkunassa (prosessi {pid}). Tallenna uudelleen, "
        "kun se on päättynyt.",
        "Ett möte pågår i ett annat kohtaava-desk-fönster (process {pid}). Spara igen när det är slut.",
        "A meeting is running in another kohtaava-desk window (process {pid}). Save again once it has ended.",
    ),
    "instance.running": (
        "kohtaava-desk on jo käynnissä (prosessi {pid}); sen ikkuna tuotiin esiin. Katso myös ilmoitusalueen "
        "kuvake.",
        "kohtaava-desk körs redan (process {pid}); dess fönster togs fram. Se även ikonen i meddelandefältet.",
        "kohtaava-desk is already running (process {pid}); its window was brought forward. See also the icon "
        "in the notification area.",
    ),
}
