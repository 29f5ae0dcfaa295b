"""Texts of what a meeting teaches (summary card, review): `learn.*`. Our own words; they speak to the
expert ("you"), compare only with the expert's own earlier meetings and never say anything of the client
beyond talk time."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "learn.guidance_over": ("Ohjauksellisessa puheosuutesi oli {share} (tavoite {zone}); pisin puheenvuorosi "
                            "{turn} kohdassa {at}.",
                            "I det vägledande steget var din talandel {share} (mål {zone}); ditt längsta inlägg "
                            "{turn} vid {at}.",
                            "In guidance your talk share was {share} (target {zone}); your longest turn "
                            "{turn} at {at}."),
    "learn.guidance_within": ("Ohjauksellisessa puheosuutesi oli {share} – tavoitteessa ({zone}).",
                              "I det vägledande steget var din talandel {share} – inom målet ({zone}).",
                              "In guidance your talk share was {share} – on target ({zone})."),
    "learn.farewell_short": ("Hyvästelyyn jäi {left} – tavoite {target}.",
                             "Till avslutningen blev {left} kvar – målet är {target}.",
                             "The farewell was left with {left} – the target is {target}."),
    "learn.farewell_missed": ("Hyvästelyä ei merkitty – sille on varattu {target}.",
                              "Avslutningen markerades inte – den har {target} reserverat.",
                              "The farewell was never marked – {target} is kept for it."),
    "learn.step_over": ("{step} kesti {time}, suunniteltu {planned}.",
                        "{step} tog {time}, planerat {planned}.",
                        "{step} took {time}, planned {planned}."),
    "learn.open_low": ("Kysymyksistäsi avoimia oli {open}/{asked} ({share}).",
                       "Av dina frågor var {open}/{asked} öppna ({share}).",
                       "{open} of your {asked} questions were open ({share})."),
    "summary.time_of_plan": ("{time} / {planned} {mark}", "{time} / {planned} {mark}", "{time} / {planned} {mark}"),
    "learn.nothing": ("Tästä tapaamisesta ei kertynyt puhelukuja arvioitavaksi.",
                      "Det här mötet gav inga talsiffror att bedöma.",
                      "This meeting gave no talk figures to judge."),
    "learn.usual": ("tavallisesti {usual}", "vanligen {usual}", "usually {usual}"),
    "learn.zone.max": ("≤ {hi}", "≤ {hi}", "≤ {hi}"),
    "learn.zone.min": ("≥ {lo}", "≥ {lo}", "≥ {lo}"),
    "learn.zone.range": ("{lo}–{hi}", "{lo}–{hi}", "{lo}–{hi}"),
    # --- the personal focus ------------------------------------------------------------------------------
    "learn.focus.label": ("Oma harjoitus", "Egen övning", "Your focus"),
    "learn.focus.none": ("ei valittu", "inget valt", "none chosen"),
    "learn.focus.name.guidance_listen": ("Anna asiakkaan puhua Ohjauksellisessa",
                                         "Låt kunden tala i det vägledande steget",
                                         "Let the client talk in guidance"),
    "learn.focus.name.farewell_time": ("Jätä aikaa hyvästelylle", "Lämna tid för avslutningen",
                                       "Leave time for the farewell"),
    "learn.focus.name.open_questions": ("Kysy avoimia kysymyksiä", "Ställ öppna frågor", "Ask open questions"),
    "learn.focus.guidance_listen": ("Harjoitus: puheosuutesi ohjauksellisessa {value} {mark} (tavoite {zone}).",
                                    "Övning: din talandel i det vägledande steget {value} {mark} (mål {zone}).",
                                    "Focus: your talk share in guidance {value} {mark} (target {zone})."),
    "learn.focus.farewell_time": ("Harjoitus: hyvästelyyn jäi {value} {mark} (tavoite {target}).",
                                  "Övning: till avslutningen blev {value} kvar {mark} (mål {target}).",
                                  "Focus: time left for the farewell {value} {mark} (target {target})."),
    "learn.focus.open_questions": ("Harjoitus: avoimia kysymyksiä {value}.",
                                   "Övning: öppna frågor {value}.",
                                   "Focus: open questions {value}."),
    "learn.focus.no_value": ("–", "–", "–"),
}
