"""Texts of the self-review window in Finnish (default), Swedish and English.

Kept apart from the widget's catalog until the lead merges them. The review is the expert's own tool:
the texts speak to "you", and say nothing about any client beyond talk time.
"""

from __future__ import annotations

LANGUAGES = ("fi", "sv", "en")

STRINGS: dict[str, tuple[str, str, str]] = {
    # --- window and privacy ---------------------------------------------------------------
    "window.title": ("Oma katsaus – Kohtaava Desk", "Egen återblick – Kohtaava Desk", "My review – Kohtaava Desk"),
    "privacy.note": ("Vain sinulle. Tallessa on pelkkiä lukuja: ei ääntä, ei sanoja eikä mitään asiakkaasta.",
                     "Bara för dig. Här sparas enbart siffror: inget ljud, inga ord och inget om klienten.",
                     "Just for you. Only numbers are kept: no audio, no words, nothing about the client."),
    "language.label": ("Kieli", "Språk", "Language"),
    # --- filters and actions --------------------------------------------------------------
    "filter.from": ("Alkaen", "Från", "From"),
    "filter.to": ("Asti", "Till", "To"),
    "filter.weeks4": ("4 viikkoa", "4 veckor", "4 weeks"),
    "filter.weeks12": ("12 viikkoa", "12 veckor", "12 weeks"),
    "filter.all": ("Kaikki", "Alla", "All"),
    "filter.count": ("{n} tapaamista", "{n} möten", "{n} meetings"),
    "btn.refresh": ("Päivitä", "Uppdatera", "Refresh"),
    "btn.export_png": ("Tallenna kaavio (PNG)", "Spara diagrammet (PNG)", "Save chart (PNG)"),
    "btn.export_csv": ("Vie luvut (CSV)", "Exportera siffror (CSV)", "Export figures (CSV)"),
    "btn.export_json": ("Vie luvut (JSON)", "Exportera siffror (JSON)", "Export figures (JSON)"),
    "btn.delete_all": ("Poista kaikki tietoni…", "Radera alla mina uppgifter…", "Delete all my data…"),
    "tip.export_png": ("Tallentaa näkyvän kaavion kuvana.", "Sparar diagrammet som visas som en bild.",
                       "Saves the chart on show as an image."),
    "tip.export_data": ("Vie valitun aikavälin tapaamisten luvut tiedostoon.",
                        "Exporterar siffrorna för mötena i det valda intervallet.",
                        "Writes the figures of the meetings in the chosen range to a file."),
    "tip.delete_all": ("Poistaa kaikki tallennetut yhteenvedot tältä koneelta. Kysyy ensin varmistuksen.",
                       "Raderar alla sparade sammanfattningar på den här datorn. Frågar först.",
                       "Removes every stored summary from this computer. Asks first."),
    # --- meeting list ---------------------------------------------------------------------
    "list.name": ("Tapaamiset", "Möten", "Meetings"),
    "list.description": ("Tallennetut tapaamiset, uusin ensin. Valitse nuolinäppäimillä.",
                         "Sparade möten, det senaste först. Välj med piltangenterna.",
                         "Stored meetings, newest first. Move with the arrow keys."),
    "list.empty": ("Ei tapaamisia tällä aikavälillä.", "Inga möten i det här intervallet.",
                   "No meetings in this range."),
    "col.date": ("Päivä", "Dag", "Date"),
    "col.time": ("Klo", "Kl.", "Time"),
    "col.announced": ("Sovittu", "Avtalat", "Announced"),
    "col.actual": ("Toteutunut", "Faktiskt", "Actual"),
    "col.share": ("Oma osuus", "Din andel", "Your share"),
    "col.state": ("Tila", "Status", "Status"),
    "state.ended": ("päättyi", "avslutat", "ended"),
    "state.interrupted": ("⚠ keskeytyi", "⚠ avbrutet", "⚠ cut short"),
    "state.running": ("● käynnissä", "● pågår", "● in progress"),
    "value.none": ("–", "–", "–"),
    "value.not_announced": ("ei sovittu", "ej avtalat", "not set"),
    # --- one meeting ----------------------------------------------------------------------
    "tab.meeting": ("Tapaaminen", "Mötet", "Meeting"),
    "tab.trends": ("Kehitys viikoittain", "Utveckling per vecka", "Weekly trends"),
    "meeting.none": ("Valitse tapaaminen listasta.", "Välj ett möte i listan.", "Pick a meeting from the list."),
    "meeting.heading": ("Tapaaminen {date} klo {time}", "Möte {date} kl. {time}", "Meeting on {date} at {time}"),
    "fact.length": ("Sovittu {announced}, toteutunut {actual}", "Avtalat {announced}, faktiskt {actual}",
                    "Announced {announced}, actual {actual}"),
    "fact.share": ("Oma puheosuus {share}", "Din taldel {share}", "Your talk share {share}"),
    "fact.farewell_left": ("Hyvästelyyn jäi {left}", "Kvar till avslutningen {left}", "Left for the farewell {left}"),
    "fact.farewell_missed": ("Hyvästelyä ei aloitettu", "Avslutningen påbörjades inte", "The farewell never began"),
    "fact.overtime": ("Yliaikaa {over}", "Övertid {over}", "Overtime {over}"),
    "fact.on_time": ("Ajallaan", "I tid", "On time"),
    "fact.nudges": ("Vinkkejä {n}", "Påminnelser {n}", "Nudges {n}"),
    "fact.interrupted": ("⚠ Tapaaminen keskeytyi: luvut ovat viimeisestä välitallennuksesta.",
                         "⚠ Mötet avbröts: siffrorna kommer från den senaste mellanlagringen.",
                         "⚠ This meeting was cut short: the figures come from its last checkpoint."),
    # --- timeline chart -------------------------------------------------------------------
    "chart.title": ("Tapaamisen kulku", "Mötets förlopp", "How the meeting went"),
    "chart.steps": ("Vaiheet", "Steg", "Steps"),
    "chart.share": ("Oma puheosuus, 2 min liukuva", "Din taldel, glidande 2 min", "Your talk share, rolling 2 min"),
    "chart.talk": ("Puhe 15 s jaksoissa", "Tal per 15 s", "Talk per 15 s"),
    "chart.minutes": ("min", "min", "min"),
    "chart.no_timeline": ("Tälle tapaamiselle ei ole tallentunut aikajanaa.",
                          "Det här mötet har ingen sparad tidslinje.", "No timeline was stored for this meeting."),
    "chart.nudges": ("Vinkit", "Påminnelser", "Nudges"),
    "chart.nudges_short": ("Vinkit", "Tips", "Nudges"),
    "legend.expert": ("Sinä", "Du", "You"),
    "legend.client": ("Asiakas", "Klienten", "Client"),
    "legend.zone": ("Vaiheen tavoitealue", "Stegets målzon", "Step's target zone"),
    "legend.share": ("Oma osuus", "Din andel", "Your share"),
    "legend.announced_end": ("Sovittu loppu", "Avtalat slut", "Announced end"),
    "a11y.timeline": ("Tapaamisen aikajana", "Mötets tidslinje", "Meeting timeline"),
    "a11y.timeline_desc": ("Vaiheet ajassa, oma puheosuus ja näytetyt vinkit. Samat luvut ovat alla olevassa taulukossa.",
                           "Stegen över tid, din taldel och visade påminnelser. Samma siffror finns i tabellen nedan.",
                           "Steps over time, your talk share and the nudges shown. The table below has the same figures."),
    # --- per-step table -------------------------------------------------------------------
    "a11y.step_table": ("Luvut vaiheittain", "Siffror per steg", "Figures per step"),
    "tcol.step": ("Vaihe", "Steg", "Step"),
    "tcol.time": ("Aika", "Tid", "Time"),
    "tcol.planned": ("Suunniteltu", "Planerat", "Planned"),
    "tcol.diff": ("Ero", "Skillnad", "Difference"),
    "tcol.share": ("Oma\nosuus", "Din\nandel", "Your\nshare"),
    "tcol.zone": ("Tavoite", "Mål", "Target"),
    "tip.zone": ("Oman puheosuuden tavoitealue toimiston nykyisistä asetuksista.",
                 "Målzonen för din taldel enligt kontorets nuvarande inställningar.",
                 "The target zone for your talk share, from the office's current settings."),
    "tip.planned": ("Toimiston vaihesuunnitelma sovitulle kestolle.",
                    "Kontorets plan för stegen vid den avtalade längden.",
                    "The office's step plan for the announced length."),
    "tcol.verdict": ("Arvio", "Bedömning", "Verdict"),
    "tcol.open": ("Avoimet\nkysymykset", "Öppna\nfrågor", "Open\nquestions"),
    "tcol.closed": ("Suljetut\nkysymykset", "Slutna\nfrågor", "Closed\nquestions"),
    "verdict.below": ("▼ alle", "▼ under", "▼ below"),
    "verdict.in_zone": ("✓ tavoitteessa", "✓ inom målet", "✓ in zone"),
    "verdict.above": ("▲ yli", "▲ över", "▲ above"),
    # --- steps and nudges -----------------------------------------------------------------
    "step.empatia": ("Empatia", "Empati", "Empathy"),
    "step.ohjauksellinen": ("Ohjauksellinen", "Vägledande", "Guidance"),
    "step.neuvonnallinen": ("Neuvonnallinen", "Rådgivande", "Advice"),
    "step.hyvastely": ("Hyvästely", "Avslutning", "Farewell"),
    "nudge.expert_talks_too_much": ("Anna tilaa puhua", "Ge utrymme att tala", "Leave room to talk"),
    "nudge.move_to_farewell": ("Kohti Hyvästelyä", "Dags för avslutning", "Towards the farewell"),
    "nudge.client_summarises": ("Asiakas kokoaa", "Klienten sammanfattar", "Client sums up"),
    "nudge.step_over_budget": ("Vaihe venyi", "Steget drog ut", "Step ran long"),
    "nudge.long_client_monologue": ("Voit ohjata", "Du kan styra", "You may steer"),
    "nudge.over_time": ("Aika täynnä", "Tiden är slut", "Time is up"),
    # --- trends ---------------------------------------------------------------------------
    "trend.title": ("Kehitys viikoittain", "Utveckling vecka för vecka", "Week by week"),
    "trend.guidance": ("Oma puheosuus: Ohjauksellinen", "Din taldel: Vägledande", "Your talk share: Guidance"),
    "trend.farewell": ("Aikaa Hyvästelylle (min, keskim.)", "Tid kvar för avslutningen (min, medel)",
                       "Time left for the farewell (min, mean)"),
    "trend.overtime": ("Yliaika / tapaaminen (min, keskim.)", "Övertid per möte (min, medel)",
                       "Overtime per meeting (min, mean)"),
    "trend.open": ("Avointen kysymysten osuus", "Andel öppna frågor", "Share of open questions"),
    "trend.target_max": ("tavoitteen yläraja", "målets övre gräns", "upper edge of target"),
    "trend.empty": ("Ei vielä tapaamisia, joista laskea kehitystä.", "Inga möten ännu att räkna utveckling från.",
                    "No meetings yet to show a trend."),
    "trend.week": ("vk {week}", "v. {week}", "wk {week}"),
    "trend.no_data": ("ei tietoa", "ingen uppgift", "no data"),
    "a11y.trends": ("Viikoittaisen kehityksen kaaviot", "Diagram över utvecklingen per vecka", "Weekly trend charts"),
    "a11y.trends_desc": ("Neljä kaaviota viikoittain. Samat luvut ovat alla olevassa taulukossa.",
                         "Fyra diagram per vecka. Samma siffror finns i tabellen nedan.",
                         "Four charts by week. The table below has the same figures."),
    "a11y.trend_table": ("Luvut viikoittain", "Siffror per vecka", "Figures by week"),
    "wcol.week": ("Viikko", "Vecka", "Week"),
    "wcol.meetings": ("Tapaamisia", "Möten", "Meetings"),
    "wcol.guidance": ("Oma osuus\nOhjauksell.", "Din andel\nVägledande", "Your share\nGuidance"),
    "wcol.farewell": ("Aikaa\nHyvästelyyn", "Tid till\navslutning", "Time for\nfarewell"),
    "wcol.missed": ("Ilman\nHyvästelyä", "Utan\navslutning", "No\nfarewell"),
    "wcol.overtime": ("Yliaika\nkeskim.", "Övertid\nmedel", "Overtime\nmean"),
    "wcol.over_count": ("Yliajalla", "Över\ntiden", "Over\ntime"),
    "wcol.open": ("Avoimia\nkysymyksiä", "Öppna\nfrågor", "Open\nquestions"),
    # --- dialogs and status ---------------------------------------------------------------
    "dialog.save_png": ("Tallenna kaavio kuvana", "Spara diagrammet som bild", "Save the chart as an image"),
    "dialog.save_data": ("Vie luvut tiedostoon", "Exportera siffrorna till en fil", "Export the figures to a file"),
    "dialog.delete_title": ("Poistetaanko kaikki tietosi?", "Radera alla dina uppgifter?", "Delete all your data?"),
    "dialog.delete_text": ("Kaikki tallennetut tapaamisyhteenvedot ({n} kpl) poistetaan tältä koneelta pysyvästi. "
                           "Poistoa ei voi perua.",
                           "Alla sparade mötessammanfattningar ({n} st.) raderas permanent från den här datorn. "
                           "Det går inte att ångra.",
                           "All stored meeting summaries ({n}) will be removed from this computer for good. "
                           "This cannot be undone."),
    "dialog.delete_running": ("Käynnissä olevan tapaamisen luvut tallentuvat silti, kunnes lopetat sen.",
                              "Siffrorna från mötet som pågår sparas ändå tills du avslutar det.",
                              "The meeting still in progress keeps saving its figures until you end it."),
    "dialog.delete_confirm": ("Poista kaikki", "Radera allt", "Delete everything"),
    "dialog.cancel": ("Peruuta", "Avbryt", "Cancel"),
    "status.deleted": ("Poistettu {n} tapaamista. Tallessa ei ole enää mitään.",
                       "{n} möten raderade. Inget finns kvar.", "Deleted {n} meetings. Nothing is left."),
    "status.saved": ("Tallennettu: {path}", "Sparat: {path}", "Saved: {path}"),
    "status.save_failed": ("Tallennus ei onnistunut: {error}", "Det gick inte att spara: {error}",
                           "Could not save: {error}"),
    "status.store_error": ("Tietoja ei voitu lukea: {error}", "Uppgifterna kunde inte läsas: {error}",
                           "Could not read the data: {error}"),
    # --- number formats -------------------------------------------------------------------
    "fmt.percent": ("{v} %", "{v} %", "{v}%"),
    "fmt.date": ("{d}.{m}.{y}", "{y}-{m:02d}-{d:02d}", "{y}-{m:02d}-{d:02d}"),
    "fmt.minutes": ("{v} min", "{v} min", "{v} min"),
}


def tr(key: str, lang: str = "fi", **values: object) -> str:
    """The text for `key` in `lang` (Finnish if the language is unknown), with {values} filled in."""
    texts = STRINGS[key]
    text = texts[LANGUAGES.index(lang)] if lang in LANGUAGES else texts[0]
    return text.format(**values) if values else text


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """A number with the language's decimal mark (comma in Finnish and Swedish)."""
    text = f"{value:.{digits}f}"
    return text if lang == "en" else text.replace(".", ",")


def percent(share: float | None, lang: str) -> str:
    return tr("value.none", lang) if share is None else tr("fmt.percent", lang, v=round(share * 100))


def duration(seconds: float | None, lang: str) -> str:
    """m:ss, or h:mm:ss from an hour on; a dash when unknown."""
    if seconds is None:
        return tr("value.none", lang)
    sign = "−" if seconds < 0 else ""
    s = round(abs(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"


def day(d, lang: str) -> str:
    return tr("fmt.date", lang, d=d.day, m=d.month, y=d.year)


def step_label(step, lang: str) -> str:
    return tr(f"step.{step.value}", lang)


def nudge_label(nudge_id: str, lang: str) -> str:
    key = f"nudge.{nudge_id}"
    return tr(key, lang) if key in STRINGS else nudge_id
