"""User-facing texts about the speech model, in Finnish (default), Swedish and English.

Each text says what is wrong and what to do. `{path}` is the model folder, `{detail}` a file name,
value or error type; neither ever carries anything the expert or the client said.
"""

from __future__ import annotations

LANGS = ("fi", "sv", "en")

_SETTING = "speech.model_path"

TEXTS: dict[str, dict[str, str]] = {
    "not_found": {
        "fi": "Puheentunnistusmallia ei löytynyt: kansiota {path} ei ole. Äänitoiminnot ovat pois päältä, "
              "muuten sovellus toimii normaalisti. Pura Vosk-muotoinen malli kansioon {path} tai anna "
              f"mallikansion polku asetuksessa {_SETTING}.",
        "sv": "Ingen taligenkänningsmodell hittades: mappen {path} finns inte. Röstfunktionerna är avstängda, "
              "i övrigt fungerar appen som vanligt. Packa upp en modell i Vosk-format i mappen {path} eller "
              f"ange modellmappen i inställningen {_SETTING}.",
        "en": "No speech recognition model: the folder {path} does not exist. Voice features are off; the rest "
              "of the app works as usual. Unpack a model in Vosk layout into {path} or set the model folder in "
              f"the setting {_SETTING}.",
    },
    "empty": {
        "fi": "Kansiossa {path} ei ole puheentunnistusmallia (am/, conf/ ja graph/ puuttuvat). Äänitoiminnot "
              "ovat pois päältä. Pura Vosk-muotoinen malli niin, että nämä kansiot ovat suoraan kansiossa {path}.",
        "sv": "Mappen {path} innehåller ingen taligenkänningsmodell (am/, conf/ och graph/ saknas). "
              "Röstfunktionerna är avstängda. Packa upp en modell i Vosk-format så att de mapparna ligger "
              "direkt i {path}.",
        "en": "The folder {path} holds no speech recognition model (am/, conf/ and graph/ are missing). Voice "
              "features are off. Unpack a model in Vosk layout so that those folders sit directly in {path}.",
    },
    "archive": {
        "fi": "Kansiossa {path} on pakattu tiedosto {detail}, mutta sitä ei ole purettu. Pura se niin, että "
              "am/, conf/ ja graph/ ovat suoraan kansiossa {path}, ja käynnistä sovellus uudelleen.",
        "sv": "I mappen {path} finns den packade filen {detail}, men den är inte uppackad. Packa upp den så att "
              "am/, conf/ och graph/ ligger direkt i {path} och starta om appen.",
        "en": "The folder {path} holds the archive {detail}, but it has not been unpacked. Unpack it so that "
              "am/, conf/ and graph/ sit directly in {path}, then restart the app.",
    },
    "not_a_folder": {
        "fi": "{path} on tiedosto, ei kansio. Anna asetuksessa " + _SETTING + " mallin kansio.",
        "sv": "{path} är en fil, inte en mapp. Ange modellens mapp i inställningen " + _SETTING + ".",
        "en": "{path} is a file, not a folder. Give the model's folder in the setting " + _SETTING + ".",
    },
    "old_layout": {
        "fi": "Malli kansiossa {path} on Voskin vanhaa muotoa (final.mdl suoraan kansiossa). Käytä mallia, "
              "jossa on kansiot am/, conf/ ja graph/.",
        "sv": "Modellen i {path} har Vosks gamla format (final.mdl direkt i mappen). Använd en modell med "
              "mapparna am/, conf/ och graph/.",
        "en": "The model in {path} uses Vosk's old flat layout (final.mdl directly in the folder). Use a model "
              "with the folders am/, conf/ and graph/.",
    },
    "missing_file": {
        "fi": "Mallista puuttuu tiedosto {detail}. Malli on luultavasti purettu vajaana: pura se uudelleen "
              "kansioon {path}.",
        "sv": "Filen {detail} saknas i modellen. Modellen har troligen packats upp ofullständigt: packa upp "
              "den igen i {path}.",
        "en": "The model lacks the file {detail}. It was probably unpacked incompletely: unpack it again into "
              "{path}.",
    },
    "empty_file": {
        "fi": "Mallin tiedosto {detail} on tyhjä. Pura malli uudelleen kansioon {path}.",
        "sv": "Modellfilen {detail} är tom. Packa upp modellen igen i {path}.",
        "en": "The model file {detail} is empty. Unpack the model again into {path}.",
    },
    "missing_graph": {
        "fi": "Mallista puuttuu hakugraafi: tarvitaan joko graph/HCLG.fst tai graph/HCLr.fst yhdessä "
              "graph/Gr.fst-tiedoston kanssa. Pura malli uudelleen.",
        "sv": "Modellen saknar sökgraf: den behöver antingen graph/HCLG.fst eller graph/HCLr.fst tillsammans "
              "med graph/Gr.fst. Packa upp modellen igen.",
        "en": "The model has no decoding graph: it needs either graph/HCLG.fst or graph/HCLr.fst together with "
              "graph/Gr.fst. Unpack the model again.",
    },
    "incomplete_graph": {
        "fi": "Mallin dynaamisesta graafista puuttuu {detail} (HCLr.fst, Gr.fst ja disambig_tid.int kuuluvat "
              "yhteen). Pura malli uudelleen.",
        "sv": "Modellens dynamiska graf saknar {detail} (HCLr.fst, Gr.fst och disambig_tid.int hör ihop). "
              "Packa upp modellen igen.",
        "en": "The model's dynamic graph lacks {detail} (HCLr.fst, Gr.fst and disambig_tid.int belong "
              "together). Unpack the model again.",
    },
    "incomplete_ivector": {
        "fi": "Mallin ivector/-kansiosta puuttuu {detail}. Pura malli uudelleen.",
        "sv": "Modellens mapp ivector/ saknar {detail}. Packa upp modellen igen.",
        "en": "The model's ivector/ folder lacks {detail}. Unpack the model again.",
    },
    "incomplete_rescore": {
        "fi": "Mallissa on rescore/G.carpa mutta ei rescore/G.fst. Pura malli uudelleen.",
        "sv": "Modellen har rescore/G.carpa men inte rescore/G.fst. Packa upp modellen igen.",
        "en": "The model has rescore/G.carpa but not rescore/G.fst. Unpack the model again.",
    },
    "unreadable": {
        "fi": "Mallin tiedostoa {detail} ei voi lukea. Tarkista tiedoston oikeudet.",
        "sv": "Modellfilen {detail} kan inte läsas. Kontrollera filens behörigheter.",
        "en": "The model file {detail} cannot be read. Check the file's permissions.",
    },
    "bad_sample_rate": {
        "fi": "conf/mfcc.conf: näytetaajuus --sample-frequency={detail} ei kelpaa (odotetaan positiivista "
              "lukua, esim. 16000).",
        "sv": "conf/mfcc.conf: samplingsfrekvensen --sample-frequency={detail} är ogiltig (ett positivt tal "
              "väntas, t.ex. 16000).",
        "en": "conf/mfcc.conf: the sample rate --sample-frequency={detail} is not valid (a positive number such "
              "as 16000 is expected).",
    },
    "no_upsample": {
        "fi": "Malli odottaa {detail} Hz ääntä, mutta sovellus syöttää 16000 Hz eikä conf/mfcc.conf salli "
              "ylösnäytteistystä (--allow-upsample=true). Valitse 16 kHz:n malli.",
        "sv": "Modellen väntar sig ljud i {detail} Hz, men appen ger 16000 Hz och conf/mfcc.conf tillåter "
              "ingen uppsampling (--allow-upsample=true). Välj en modell för 16 kHz.",
        "en": "The model expects {detail} Hz audio, but the app feeds 16000 Hz and conf/mfcc.conf does not "
              "allow upsampling (--allow-upsample=true). Choose a 16 kHz model.",
    },
    "no_words": {
        "fi": "graph/words.txt puuttuu; lataus onnistuu vain, jos sanasto on graph/HCLG.fst-tiedoston sisällä.",
        "sv": "graph/words.txt saknas; laddningen lyckas bara om ordlistan finns inuti graph/HCLG.fst.",
        "en": "graph/words.txt is missing; loading works only if the word list is embedded in graph/HCLG.fst.",
    },
    "non_ascii_path": {
        "fi": "Windowsissa Vosk ei pysty avaamaan mallia polusta, jossa on ääkkösiä tai muita ei-ASCII-merkkejä "
              "({path}). Siirrä mallikansio polkuun, jossa on vain ASCII-merkkejä (esim. C:\\vosk\\vosk-fi), ja "
              f"anna polku asetuksessa {_SETTING}.",
        "sv": "I Windows kan Vosk inte öppna en modell från en sökväg med å, ä, ö eller andra tecken utanför "
              "ASCII ({path}). Flytta modellmappen till en sökväg med bara ASCII-tecken (t.ex. C:\\vosk\\vosk-fi) "
              f"och ange den i inställningen {_SETTING}.",
        "en": "On Windows, Vosk cannot open a model from a path with non-ASCII characters such as ä or ö "
              "({path}). Move the model folder to a path with ASCII characters only (e.g. C:\\vosk\\vosk-fi) "
              f"and set it in {_SETTING}.",
    },
    "vosk_unavailable": {
        "fi": "Vosk-kirjastoa ei voitu ladata ({detail}). Asenna se uudelleen: pip install vosk.",
        "sv": "Vosk-biblioteket kunde inte laddas ({detail}). Installera om det: pip install vosk.",
        "en": "The Vosk library could not be loaded ({detail}). Reinstall it: pip install vosk.",
    },
    "load_failed": {
        "fi": "Vosk ei pystynyt lataamaan mallia kansiosta {path} ({detail}). Tiedostot voivat olla "
              "vioittuneet tai malli ei ole Vosk-muotoinen Kaldi nnet3 -malli. Pura malli uudelleen; "
              "Voskin oma virheilmoitus näkyy konsolissa.",
        "sv": "Vosk kunde inte ladda modellen i {path} ({detail}). Filerna kan vara skadade eller så är det "
              "inte en Kaldi nnet3-modell i Vosk-format. Packa upp modellen igen; Vosks eget felmeddelande "
              "syns i konsolen.",
        "en": "Vosk could not load the model in {path} ({detail}). The files may be damaged, or it is not a "
              "Kaldi nnet3 model in Vosk layout. Unpack the model again; Vosk's own error is shown on the "
              "console.",
    },
    "out_of_memory": {
        "fi": "Muisti ei riittänyt mallin lataamiseen ({path}). Käytä pienempää mallia (noin 50–300 Mt).",
        "sv": "Minnet räckte inte för att ladda modellen ({path}). Använd en mindre modell (cirka 50–300 MB).",
        "en": "Not enough memory to load the model ({path}). Use a smaller model (about 50–300 MB).",
    },
    "nested": {
        "fi": "Malli löytyi alikansiosta {detail}; käytetään sitä.",
        "sv": "Modellen hittades i undermappen {detail} och används.",
        "en": "Found the model in the subfolder {detail}; using it.",
    },
}

STATES: dict[str, dict[str, str]] = {
    "loading": {"fi": "Puhemallia ladataan…", "sv": "Talmodellen laddas…", "en": "Loading the speech model…"},
    "ready": {"fi": "Puhemalli valmis ({rate} Hz, {seconds:.1f} s)",
              "sv": "Talmodellen är klar ({rate} Hz, {seconds:.1f} s)",
              "en": "Speech model ready ({rate} Hz, {seconds:.1f} s)"},
}


def text(code: str, lang: str = "fi", **values: object) -> str:
    """The message for `code` in `lang` (Finnish when the language is unknown)."""
    table = TEXTS.get(code) or STATES[code]
    template = table.get(lang) or table["fi"]
    return template.format(**{"path": "", "detail": "", **values})
