"""The UI string catalog. Keys are grouped by where they appear; `{name}` marks a value filled in.

Every key has all three languages (a test checks it). Texts are written for a busy expert glancing
sideways during a meeting: short, concrete, never alarming.
"""

from __future__ import annotations

import logging

LANGUAGES = ("fi", "sv", "en")

log = logging.getLogger(__name__)

_T: dict[str, tuple[str, str, str]] = {
    # --- the four steps -------------------------------------------------------------------
    "step.empatia": ("Empatia", "Empati", "Empathy"),
    "step.ohjauksellinen": ("Ohjauksellinen", "Vägledande", "Guidance"),
    "step.neuvonnallinen": ("Neuvonnallinen", "Rådgivande", "Advice"),
    "step.hyvastely": ("Hyvästely", "Avslutning", "Farewell"),
    "step_short.empatia": ("E", "E", "E"),
    "step_short.ohjauksellinen": ("O", "V", "G"),
    "step_short.neuvonnallinen": ("N", "R", "A"),
    "step_short.hyvastely": ("H", "A", "F"),
    "step.position": ("Vaihe {n}/4", "Steg {n}/4", "Step {n}/4"),
    # --- meeting controls -----------------------------------------------------------------
    "btn.start": ("Aloita", "Starta", "Start"),
    "btn.pause": ("Tauko", "Paus", "Pause"),
    "btn.resume": ("Jatka", "Fortsätt", "Resume"),
    "btn.end": ("Lopeta", "Avsluta", "End"),
    "btn.next": ("Seuraava vaihe", "Nästa steg", "Next step"),
    "btn.prev": ("Edellinen vaihe", "Föregående steg", "Previous step"),
    "btn.expand": ("Näytä lisää", "Visa mer", "Show more"),
    "btn.collapse": ("Näytä vähemmän", "Visa mindre", "Show less"),
    "btn.snooze": ("Hiljennä hetkeksi", "Tysta en stund", "Quiet for a while"),
    "btn.dismiss": ("Ohita", "Avfärda", "Dismiss"),
    "btn.undo": ("Kumoa", "Ångra", "Undo"),
    "btn.accept": ("Siirry", "Gå dit", "Go"),
    "btn.settings": ("Asetukset", "Inställningar", "Settings"),
    "btn.new_meeting": ("Uusi tapaaminen", "Nytt möte", "New meeting"),
    "btn.open_review": ("Avaa itsearviointi", "Öppna självutvärderingen", "Open self-review"),
    "btn.close": ("Sulje", "Stäng", "Close"),
    "btn.set": ("Aseta", "Ställ in", "Set"),
    "btn.length": ("Kesto", "Längd", "Length"),
    "tip.start": ("Aloita tai jatka tapaamista (välilyönti)", "Starta eller fortsätt mötet (mellanslag)",
                  "Start or resume the meeting (Space)"),
    "tip.pause": ("Keskeytä ajanotto (välilyönti)", "Pausa tidtagningen (mellanslag)", "Pause the clock (Space)"),
    "tip.end": ("Päätä tapaaminen ja näytä yhteenveto (Ctrl+E)", "Avsluta mötet och visa sammanfattningen (Ctrl+E)",
                "End the meeting and show the summary (Ctrl+E)"),
    "tip.next": ("Seuraava vaihe (→)", "Nästa steg (→)", "Next step (→)"),
    "tip.prev": ("Edellinen vaihe (←)", "Föregående steg (←)", "Previous step (←)"),
    "tip.expand": ("Näytä tai piilota lisätiedot (Ctrl+D)", "Visa eller dölj detaljer (Ctrl+D)",
                   "Show or hide details (Ctrl+D)"),
    "tip.snooze": ("Ei vihjeitä muutamaan minuuttiin (S)", "Inga tips på några minuter (S)",
                   "No nudges for a few minutes (S)"),
    "tip.dismiss": ("Piilota tämä vihje (Esc)", "Dölj det här tipset (Esc)", "Hide this nudge (Esc)"),
    "tip.length": ("Valitse tapaamisen kesto (L)", "Välj mötets längd (L)", "Choose the meeting length (L)"),
    "tip.settings": ("Asetukset (Ctrl+,)", "Inställningar (Ctrl+,)", "Settings (Ctrl+,)"),
    "tip.drag": ("Vedä siirtääksesi", "Dra för att flytta", "Drag to move"),
    # --- time -----------------------------------------------------------------------------
    "time.minutes": ("{n} min", "{n} min", "{n} min"),
    "time.custom": ("Muu kesto…", "Annan längd…", "Other length…"),
    "time.custom_label": ("Kesto minuutteina", "Längd i minuter", "Length in minutes"),
    "time.remaining": ("{time} jäljellä", "{time} kvar", "{time} left"),
    "time.over": ("{time} yli ajan", "{time} över tiden", "{time} over time"),
    "time.of": ("/ {time}", "/ {time}", "/ {time}"),
    "time.reserve": ("Hyvästelyvara {time}", "Reserv för avslutning {time}", "Farewell reserve {time}"),
    "time.in_reserve": ("Hyvästelyvara alkoi", "Avslutningsreserven har börjat", "Farewell reserve reached"),
    "time.by_voice": ("kuultu", "hört", "heard"),
    "time.default": ("oletus", "standard", "default"),
    "time.step_of_plan": ("{used} / {planned}", "{used} / {planned}", "{used} / {planned}"),
    "a11y.timebar": ("Aikaa kulunut {elapsed}, sovittu {announced}, {remaining}. Hyvästelyvara {reserve}.",
                     "Förflutit {elapsed}, avtalat {announced}, {remaining}. Avslutningsreserv {reserve}.",
                     "Elapsed {elapsed} of {announced}, {remaining}. Farewell reserve {reserve}."),
    # --- talk balance ---------------------------------------------------------------------
    "balance.step": ("Vaihe", "Steget", "Step"),
    "balance.recent": ("{m} min", "{m} min", "{m} min"),
    "balance.expert": ("Sinä", "Du", "You"),
    "balance.client": ("Asiakas", "Klient", "Client"),
    "balance.legend": ("█ sinä  ▨ asiakas  ┌┐ tavoite  ▲ yli  ▼ alle", "█ du  ▨ klient  ┌┐ mål  ▲ över  ▼ under",
                       "█ you  ▨ client  ┌┐ target  ▲ above  ▼ below"),
    "balance.none": ("ei puhetta vielä", "inget tal än", "no talk yet"),
    "balance.share": ("Sinä {pct} %", "Du {pct} %", "You {pct}%"),
    "balance.target": ("Tavoite {lo}–{hi} %", "Mål {lo}–{hi} %", "Target {lo}–{hi}%"),
    "zone.in": ("tavoitteessa", "inom målet", "on target"),
    "zone.above": ("yli tavoitteen", "över målet", "above target"),
    "zone.below": ("alle tavoitteen", "under målet", "below target"),
    "a11y.balance": ("Puheosuus, {span}: sinä {share}, {zone}. {target}.",
                     "Taltid, {span}: du {share}, {zone}. {target}.",
                     "Talk share, {span}: you {share}, {zone}. {target}."),
    "a11y.balance_span_step": ("tämä vaihe", "det här steget", "this step"),
    "a11y.balance_span_recent": ("viimeiset {m} min", "senaste {m} min", "last {m} min"),
    "a11y.staircase": ("Vaiheet. Nyt: {step}, {used} / {planned}.", "Stegen. Nu: {step}, {used} / {planned}.",
                       "Steps. Now: {step}, {used} of {planned}."),
    "calibrating": ("Opettelee ääniä…", "Lär sig rösterna…", "Learning voices…"),
    "calibrating.tip": ("Puheosuudet tarkentuvat ensimmäisen minuutin aikana.",
                        "Talandelarna blir säkrare under den första minuten.",
                        "The talk shares settle during the first minute."),
    # --- listening and voice ----------------------------------------------------------------
    "listen.off": ("Ei kuuntele", "Lyssnar inte", "Not listening"),
    "listen.starting": ("Mikrofoni käynnistyy…", "Mikrofonen startar…", "Microphone starting…"),
    "listen.listening": ("Kuuntelee", "Lyssnar", "Listening"),
    "listen.mic_lost_retrying": ("Mikrofoni katkesi – yritetään uudelleen", "Mikrofonen tappades – försöker igen",
                                 "Microphone lost – retrying"),
    "listen.stopped": ("Kuuntelu pysähtyi", "Lyssnandet stoppades", "Listening stopped"),
    "listen.unavailable": ("Ei mikrofonia – kello toimii silti", "Ingen mikrofon – klockan går ändå",
                           "No microphone – the clock still runs"),
    "listen.replay": ("Toistaa tallennetta", "Spelar upp inspelning", "Replaying a recording"),
    "voice.off": ("Äänitoiminnot pois", "Röstfunktioner av", "Voice features off"),
    "voice.loading": ("Puhemalli latautuu…", "Talmodellen laddas…", "Speech model loading…"),
    "voice.ready": ("Puhemalli käytössä", "Talmodellen används", "Speech model in use"),
    "voice.missing": ("Ei puhemallia: äänitoiminnot pois", "Ingen talmodell: röstfunktioner av",
                      "No speech model: voice features off"),
    "voice.failed": ("Puhemalli ei toimi: äänitoiminnot pois", "Talmodellen fungerar inte: röstfunktioner av",
                     "Speech model failed: voice features off"),
    "privacy.badge": ("Ei tallennusta", "Inget spelas in", "Nothing recorded"),
    "privacy.tip": ("Ääntä tai sanoja ei tallenneta. Vain ajat ja puheosuudet jäävät sinun omaan arviointiisi.",
                    "Varken ljud eller ord sparas. Bara tider och talandelar sparas för din egen utvärdering.",
                    "No audio and no words are stored. Only times and talk shares are kept, for your own review."),
    # --- heard by voice -------------------------------------------------------------------
    "offer.length_by_voice": ("Kesto kuultu: {minutes} min", "Längd hörd: {minutes} min",
                              "Length heard: {minutes} min"),
    "offer.step_moved": ("Vaihe vaihdettu puheesta: {step}", "Steget bytt efter tal: {step}",
                         "Step changed by voice: {step}"),
    "offer.step_suggested": ("Siirrytäänkö vaiheeseen {step}?", "Gå till steget {step}?", "Move to {step}?"),
    "spoken.length_confirm": ("Kesto {minutes} minuuttia.", "Längd {minutes} minuter.", "Length {minutes} minutes."),
    # --- meeting state --------------------------------------------------------------------
    "state.ready": ("Valmis – aloita kun asiakas on paikalla", "Redo – starta när klienten är här",
                    "Ready – start when the client is here"),
    "state.paused": ("Tauko – aika ei kulu", "Paus – tiden står still", "Paused – the clock is stopped"),
    "state.ended": ("Tapaaminen päättyi", "Mötet är avslutat", "Meeting ended"),
    "nudges.off": ("Vihjeet pois päältä", "Tips avstängda", "Nudges off"),
    "config.problems": ("Asetuksissa {n} ongelmaa – käytetään aiempia arvoja",
                        "{n} problem i inställningarna – tidigare värden används",
                        "{n} settings problem(s) – earlier values in use"),
    # --- window and tray ------------------------------------------------------------------
    "app.name": ("Kohtaava", "Kohtaava", "Kohtaava"),
    "a11y.window": ("Tapaamisen apuri", "Mötesassistent", "Meeting companion"),
    "a11y.nudge": ("Vihje", "Tips", "Nudge"),
    "tray.show": ("Näytä apuri", "Visa assistenten", "Show companion"),
    "tray.hide": ("Piilota apuri", "Dölj assistenten", "Hide companion"),
    "tray.focus": ("Ohjaa näppäimistöllä", "Styr med tangentbordet", "Control by keyboard"),
    "tray.quit": ("Lopeta sovellus", "Avsluta programmet", "Quit"),
    "quit.confirm": ("Tapaaminen on kesken. Lopetetaanko se ja suljetaan sovellus?",
                     "Mötet pågår. Avsluta det och stäng programmet?",
                     "A meeting is in progress. End it and quit?"),
    # --- summary card ---------------------------------------------------------------------
    "summary.title": ("Yhteenveto", "Sammanfattning", "Summary"),
    "summary.total": ("Kesto {actual} / sovittu {announced}", "Längd {actual} / avtalat {announced}",
                      "Took {actual} of {announced}"),
    "summary.overtime": ("yli ajan {time}", "över tiden {time}", "over by {time}"),
    "summary.col_step": ("Vaihe", "Steg", "Step"),
    "summary.col_time": ("Aika", "Tid", "Time"),
    "summary.col_share": ("Sinun osuutesi", "Din andel", "Your share"),
    "summary.no_share": ("–", "–", "–"),
    "summary.nudges": ("Vihjeitä näytetty: {n}", "Tips som visats: {n}", "Nudges shown: {n}"),
    "summary.farewell_left": ("Hyvästelyyn jäi {time}", "Kvar för avslutningen: {time}",
                              "Left for the farewell: {time}"),
    "summary.no_farewell": ("Hyvästelyä ei merkitty", "Avslutningen markerades inte", "Farewell not marked"),
    "summary.review_missing": ("Itsearviointi ei ole vielä käytettävissä tässä asennuksessa.",
                               "Självutvärderingen finns inte ännu i den här installationen.",
                               "The self-review is not available in this installation yet."),
    # --- settings dialog ------------------------------------------------------------------
    "settings.title": ("Asetukset", "Inställningar", "Settings"),
    "settings.office": ("Toimiston profiili", "Kontorets profil", "Office profile"),
    "settings.office_none": ("(oletusasetukset)", "(standardinställningar)", "(built-in defaults)"),
    "settings.browse": ("Valitse…", "Välj…", "Browse…"),
    "settings.microphone": ("Mikrofoni", "Mikrofon", "Microphone"),
    "settings.mic_default": ("Järjestelmän oletus", "Systemets standard", "System default"),
    "settings.mic_none": ("Laitteita ei voitu lukea", "Enheterna kunde inte läsas", "Devices could not be listed"),
    "settings.enrol": ("Äänen tunnistus", "Röstigenkänning", "Voice enrolment"),
    "settings.enrol_button": ("Opeta oma ääneni…", "Lär in min röst…", "Teach my voice…"),
    "settings.enrol_missing": ("Äänen opetus ei ole käytettävissä tässä asennuksessa.",
                               "Röstinlärning finns inte i den här installationen.",
                               "Voice enrolment is not available in this installation."),
    "settings.enrol_started": ("Lue teksti ääneen. Ääntä ei tallenneta.", "Läs texten högt. Inget ljud sparas.",
                               "Read the text aloud. No audio is stored."),
    "settings.enrol_done": ("Äänesi on opetettu.", "Din röst är inlärd.", "Your voice is enrolled."),
    "settings.enrol_failed": ("Äänen opetus epäonnistui: {reason}", "Röstinlärningen misslyckades: {reason}",
                              "Voice enrolment failed: {reason}"),
    "enrol.title": ("Opeta oma ääneni", "Lär in min röst", "Teach my voice"),
    "enrol.record": ("Aloita lukeminen", "Börja läsa", "Start reading"),
    "enrol.finish": ("Valmis", "Klar", "Done"),
    "enrol.from_file": ("Käytä äänitiedostoa…", "Använd en ljudfil…", "Use a sound file…"),
    "enrol.recording": ("Kuunnellaan… {s} s / {target} s", "Lyssnar… {s} s / {target} s",
                        "Listening… {s} s / {target} s"),
    "enrol.processing": ("Lasketaan äänen tunnuslukuja…", "Räknar fram röstens nyckeltal…",
                         "Working out your voice's numbers…"),
    "enrol.no_audio": ("Mikrofonista ei tullut ääntä: {reason}", "Inget ljud från mikrofonen: {reason}",
                       "No sound from the microphone: {reason}"),
    "settings.nudges": ("Näytä vihjeet", "Visa tips", "Show nudges"),
    "settings.language": ("Kieli", "Språk", "Language"),
    "settings.spoken": ("Puhutut vihjeet (kuulokkeeseen)", "Talade tips (i hörsnäckan)", "Spoken nudges (earpiece)"),
    "settings.saved": ("Tallennettu: {path}", "Sparat: {path}", "Saved: {path}"),
    "settings.save_failed": ("Asetuksia ei voitu tallentaa: {reason}", "Inställningarna kunde inte sparas: {reason}",
                             "Settings could not be saved: {reason}"),
    "settings.restart_office": ("Uusi toimistoprofiili on käytössä.", "Den nya kontorsprofilen används.",
                                "The new office profile is in use."),
    "settings.problems": ("Asetusongelmat", "Problem i inställningarna", "Settings problems"),
    "btn.save": ("Tallenna", "Spara", "Save"),
    "btn.cancel": ("Peruuta", "Avbryt", "Cancel"),
    "lang.fi": ("suomi", "finska", "Finnish"),
    "lang.sv": ("ruotsi", "svenska", "Swedish"),
    "lang.en": ("englanti", "engelska", "English"),
    # --- demo -----------------------------------------------------------------------------
    "demo.title": ("Esittely: {file}", "Demonstration: {file}", "Demo: {file}"),
    "demo.finished": ("Tallenne loppui", "Inspelningen tog slut", "Recording finished"),
}

CATALOG: dict[str, dict[str, str]] = {
    lang: {key: texts[i] for key, texts in _T.items()} for i, lang in enumerate(LANGUAGES)
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The text of `key` in `lang` (Finnish when the language is unknown), with values filled in."""
    table = CATALOG.get(lang) or CATALOG["fi"]
    text = table.get(key)
    if text is None:
        log.warning("missing UI text %s", key)
        return key
    return text.format(**values) if values else text


def step_name(step: object, lang: str = "fi", short: bool = False) -> str:
    value = getattr(step, "value", step)
    return t(f"{'step_short' if short else 'step'}.{value}", lang)


def clock(seconds: float) -> str:
    """m:ss (or h:mm:ss) of a non-negative duration, rounded down to whole seconds."""
    s = int(max(0.0, seconds))
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
