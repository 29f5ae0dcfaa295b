"""Texts about the Vosk speech model (`speech.<code>` of a ModelLoadError) and its loading state.

Each says what is wrong and what to do. `{path}` is the model folder, `{detail}` a file name, value or
error type; neither ever carries anything the expert or the client said. The setting named in several
texts is `speech.model_path` of the office configuration. `speech.check.*` is the report of
`kohtaava-desk model check`.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str, str]] = {
    "speech.not_found": (
        "Puheentunnistusmallia ei löytynyt: kansiota {path} ei ole. Äänitoiminnot ovat pois päältä, "
        "muuten sovellus toimii normaalisti. Pura Vosk-muotoinen malli kansioon {path} tai anna "
        "mallikansion polku asetuksessa speech.model_path.",
        "Ingen taligenkänningsmodell hittades: mappen {path} finns inte. Röstfunktionerna är avstängda, i "
        "övrigt fungerar appen som vanligt. Packa upp en modell i Vosk-format i mappen {path} eller ange "
        "modellmappen i inställningen speech.model_path.",
        "No speech recognition model: the folder {path} does not exist. Voice features are off; the rest "
        "of the app works as usual. Unpack a model in Vosk layout into {path} or set the model folder in "
        "the setting speech.model_path.",
    ),
    "speech.empty": (
        "Kansiossa {path} ei ole puheentunnistusmallia (am/, conf/ ja graph/ puuttuvat). Äänitoiminnot "
        "ovat pois päältä. Pura Vosk-muotoinen malli niin, että nämä kansiot ovat suoraan kansiossa "
        "{path}.",
        "Mappen {path} innehåller ingen taligenkänningsmodell (am/, conf/ och graph/ saknas). "
        "Röstfunktionerna är avstängda. Packa upp en modell i Vosk-format så att de mapparna ligger "
        "direkt i {path}.",
        "The folder {path} holds no speech recognition model (am/, conf/ and graph/ are missing). Voice "
        "features are off. Unpack a model in Vosk layout so that those folders sit directly in {path}.",
    ),
    "speech.archive": (
        "Kansiossa {path} on pakattu tiedosto {detail}, mutta sitä ei ole purettu. Pura se niin, että "
        "am/, conf/ ja graph/ ovat suoraan kansiossa {path}, ja käynnistä sovellus uudelleen.",
        "I mappen {path} finns den packade filen {detail}, men den är inte uppackad. Packa upp den så att "
        "am/, conf/ och graph/ ligger direkt i {path} och starta om appen.",
        "The folder {path} holds the archive {detail}, but it has not been unpacked. Unpack it so that "
        "am/, conf/ and graph/ sit directly in {path}, then restart the app.",
    ),
    "speech.not_a_folder": (
        "{path} on tiedosto, ei kansio. Anna asetuksessa speech.model_path mallin kansio.",
        "{path} är en fil, inte en mapp. Ange modellens mapp i inställningen speech.model_path.",
        "{path} is a file, not a folder. Give the model's folder in the setting speech.model_path.",
    ),
    "speech.old_layout": (
        "Malli kansiossa {path} on Voskin vanhaa muotoa (final.mdl suoraan kansiossa). Käytä mallia, "
        "jossa on kansiot am/, conf/ ja graph/.",
        "Modellen i {path} har Vosks gamla format (final.mdl direkt i mappen). Använd en modell med "
        "mapparna am/, conf/ och graph/.",
        "The model in {path} uses Vosk's old flat layout (final.mdl directly in the folder). Use a model "
        "with the folders am/, conf/ and graph/.",
    ),
    "speech.missing_file": (
        "Mallista puuttuu tiedosto {detail}. Malli on luultavasti purettu vajaana: pura se uudelleen "
        "kansioon {path}.",
        "Filen {detail} saknas i modellen. Modellen har troligen packats upp ofullständigt: packa upp den "
        "igen i {path}.",
        "The model lacks the file {detail}. It was probably unpacked incompletely: unpack it again into "
        "{path}.",
    ),
    "speech.empty_file": (
        "Mallin tiedosto {detail} on tyhjä. Pura malli uudelleen kansioon {path}.",
        "Modellfilen {detail} är tom. Packa upp modellen igen i {path}.",
        "The model file {detail} is empty. Unpack the model again into {path}.",
    ),
    "speech.missing_graph": (
        "Mallista puuttuu hakugraafi: tarvitaan joko graph/HCLG.fst tai graph/HCLr.fst yhdessä "
        "graph/Gr.fst-tiedoston kanssa. Pura malli uudelleen.",
        "Modellen saknar sökgraf: den behöver antingen graph/HCLG.fst eller graph/HCLr.fst tillsammans "
        "med graph/Gr.fst. Packa upp modellen igen.",
        "The model has no decoding graph: it needs either graph/HCLG.fst or graph/HCLr.fst together with "
        "graph/Gr.fst. Unpack the model again.",
    ),
    "speech.incomplete_graph": (
        "Mallin dynaamisesta graafista puuttuu {detail} (HCLr.fst, Gr.fst ja disambig_tid.int kuuluvat "
        "yhteen). Pura malli uudelleen.",
        "Modellens dynamiska graf saknar {detail} (HCLr.fst, Gr.fst och disambig_tid.int hör ihop). Packa "
        "upp modellen igen.",
        "The model's dynamic graph lacks {detail} (HCLr.fst, Gr.fst and disambig_tid.int belong "
        "together). Unpack the model again.",
    ),
    "speech.incomplete_ivector": (
        "Mallin ivector/-kansiosta puuttuu {detail}. Pura malli uudelleen.",
        "Modellens mapp ivector/ saknar {detail}. Packa upp modellen igen.",
        "The model's ivector/ folder lacks {detail}. Unpack the model again.",
    ),
    "speech.incomplete_rescore": (
        "Mallissa on rescore/G.carpa mutta ei rescore/G.fst. Pura malli uudelleen.",
        "Modellen har rescore/G.carpa men inte rescore/G.fst. Packa upp modellen igen.",
        "The model has rescore/G.carpa but not rescore/G.fst. Unpack the model again.",
    ),
    "speech.unreadable": (
        "Mallin tiedostoa {detail} ei voi lukea. Tarkista tiedoston oikeudet.",
        "Modellfilen {detail} kan inte läsas. Kontrollera filens behörigheter.",
        "The model file {detail} cannot be read. Check the file's permissions.",
    ),
    "speech.bad_sample_rate": (
        "conf/mfcc.conf: näytetaajuus --sample-frequency={detail} ei kelpaa (odotetaan positiivista "
        "lukua, esim. 16000).",
        "conf/mfcc.conf: samplingsfrekvensen --sample-frequency={detail} är ogiltig (ett positivt tal "
        "väntas, t.ex. 16000).",
        "conf/mfcc.conf: the sample rate --sample-frequency={detail} is not valid (a positive number such "
        "as 16000 is expected).",
    ),
    "speech.no_upsample": (
        "Malli odottaa {detail} Hz ääntä, mutta sovellus syöttää 16000 Hz eikä conf/mfcc.conf salli "
        "ylösnäytteistystä (--allow-upsample=true). Valitse 16 kHz:n malli.",
        "Modellen väntar sig ljud i {detail} Hz, men appen ger 16000 Hz och conf/mfcc.conf tillåter ingen "
        "uppsampling (--allow-upsample=true). Välj en modell för 16 kHz.",
        "The model expects {detail} Hz audio, but the app feeds 16000 Hz and conf/mfcc.conf does not "
        "allow upsampling (--allow-upsample=true). Choose a 16 kHz model.",
    ),
    "speech.no_words": (
        "graph/words.txt puuttuu; lataus onnistuu vain, jos sanasto on graph/HCLG.fst-tiedoston sisällä.",
        "graph/words.txt saknas; laddningen lyckas bara om ordlistan finns inuti graph/HCLG.fst.",
        "graph/words.txt is missing; loading works only if the word list is embedded in graph/HCLG.fst.",
    ),
    "speech.non_ascii_path": (
        "Windowsissa Vosk ei pysty avaamaan mallia polusta, jossa on ääkkösiä tai muita ei-ASCII-merkkejä "
        "({path}). Siirrä mallikansio polkuun, jossa on vain ASCII-merkkejä (esim. C:\\vosk\\vosk-fi), ja "
        "anna polku asetuksessa speech.model_path.",
        "I Windows kan Vosk inte öppna en modell från en sökväg med å, ä, ö eller andra tecken utanför "
        "ASCII ({path}). Flytta modellmappen till en sökväg med bara ASCII-tecken (t.ex. C:\\vosk\\vosk-fi) "
        "och ange den i inställningen speech.model_path.",
        "On Windows, Vosk cannot open a model from a path with non-ASCII characters such as ä or ö "
        "({path}). Move the model folder to a path with ASCII characters only (e.g. C:\\vosk\\vosk-fi) and "
        "set it in speech.model_path.",
    ),
    "speech.vosk_unavailable": (
        "Vosk-kirjastoa ei voitu ladata ({detail}). Asenna se uudelleen: pip install vosk.",
        "Vosk-biblioteket kunde inte laddas ({detail}). Installera om det: pip install vosk.",
        "The Vosk library could not be loaded ({detail}). Reinstall it: pip install vosk.",
    ),
    "speech.load_failed": (
        "Vosk ei pystynyt lataamaan mallia kansiosta {path} ({detail}). Tiedostot voivat olla vioittuneet "
        "tai malli ei ole Vosk-muotoinen Kaldi nnet3 -malli. Pura malli uudelleen; Voskin oma "
        "virheilmoitus näkyy konsolissa.",
        "Vosk kunde inte ladda modellen i {path} ({detail}). Filerna kan vara skadade eller så är det "
        "inte en Kaldi nnet3-modell i Vosk-format. Packa upp modellen igen; Vosks eget felmeddelande syns "
        "i konsolen.",
        "Vosk could not load the model in {path} ({detail}). The files may be damaged, or it is not a "
        "Kaldi nnet3 model in Vosk layout. Unpack the model again; Vosk's own error is shown on the "
        "console.",
    ),
    "speech.out_of_memory": (
        "Muisti ei riittänyt mallin lataamiseen ({path}). Käytä pienempää mallia (noin 50–300 Mt).",
        "Minnet räckte inte för att ladda modellen ({path}). Använd en mindre modell (cirka 50–300 MB).",
        "Not enough memory to load the model ({path}). Use a smaller model (about 50–300 MB).",
    ),
    "speech.nested": (
        "Malli löytyi alikansiosta {detail}; käytetään sitä.",
        "Modellen hittades i undermappen {detail} och används.",
        "Found the model in the subfolder {detail}; using it.",
    ),
    # --- loading state --------------------------------------------------------------------------
    "speech.loading": (
        "Puhemallia ladataan…",
        "Talmodellen laddas…",
        "Loading the speech model…",
    ),
    "speech.ready": (
        "Puhemalli valmis ({rate} Hz, {seconds:.1f} s)",
        "Talmodellen är klar ({rate} Hz, {seconds:.1f} s)",
        "Speech model ready ({rate} Hz, {seconds:.1f} s)",
    ),
    # --- `kohtaava-desk model check` ------------------------------------------------------------------
    "speech.check.folder": (
        "Mallikansio: {path}",
        "Modellmapp: {path}",
        "Model folder: {path}",
    ),
    "speech.check.layout_ok": (
        "Rakenne: kunnossa (graafi: {graph}, i-vektorit: {ivector}, uudelleenpisteytys: {rescore})",
        "Struktur: i ordning (graf: {graph}, i-vektorer: {ivector}, omviktning: {rescore})",
        "Layout: OK (graph: {graph}, i-vectors: {ivector}, rescoring: {rescore})",
    ),
    "speech.check.static": (
        "staattinen HCLG",
        "statisk HCLG",
        "static HCLG",
    ),
    "speech.check.dynamic": (
        "dynaaminen HCLr + Gr",
        "dynamisk HCLr + Gr",
        "dynamic HCLr + Gr",
    ),
    "speech.check.yes": (
        "kyllä",
        "ja",
        "yes",
    ),
    "speech.check.no": (
        "ei",
        "nej",
        "no",
    ),
    "speech.check.rate": (
        "Näytetaajuus: {rate} Hz ({source})",
        "Samplingsfrekvens: {rate} Hz ({source})",
        "Sample rate: {rate} Hz ({source})",
    ),
    "speech.check.rate_conf": (
        "conf/mfcc.conf",
        "conf/mfcc.conf",
        "conf/mfcc.conf",
    ),
    "speech.check.rate_default": (
        "Kaldin oletus, conf/mfcc.conf ei määrää sitä",
        "Kaldis standardvärde, conf/mfcc.conf anger inget",
        "Kaldi's default, conf/mfcc.conf does not set it",
    ),
    "speech.check.loading": (
        "Ladataan mallia…",
        "Laddar modellen…",
        "Loading the model…",
    ),
    "speech.check.loaded": (
        "Lataus: onnistui, {seconds:.1f} s",
        "Laddning: lyckades, {seconds:.1f} s",
        "Load: OK, {seconds:.1f} s",
    ),
    "speech.check.speed": (
        "Nopeus: reaaliaikakerroin {cpu:.2f} (suoritinaika) / {wall:.2f} (kello), {audio:.1f} s:n näyte "
        "({clip})",
        "Hastighet: realtidsfaktor {cpu:.2f} (processortid) / {wall:.2f} (klocka), {audio:.1f} s prov "
        "({clip})",
        "Speed: real-time factor {cpu:.2f} (CPU time) / {wall:.2f} (wall clock) on a {audio:.1f} s clip "
        "({clip})",
    ),
    "speech.check.clip_espeak-ng": (
        "espeak-ng-puhetta",
        "tal från espeak-ng",
        "espeak-ng speech",
    ),
    "speech.check.clip_noise": (
        "puheen kaltaista kohinaa",
        "talliknande brus",
        "speech-like noise",
    ),
    "speech.check.noise_note": (
        "Huom: espeak-ng puuttuu, joten nopeus mitattiin kohinalla ja on vain suuntaa antava (asenna "
        "espeak-ng tarkempaa mittausta varten).",
        "Obs: espeak-ng saknas, så hastigheten mättes med brus och är bara riktgivande (installera "
        "espeak-ng för en noggrannare mätning).",
        "Note: espeak-ng is missing, so speed was measured on noise and is only indicative (install "
        "espeak-ng for a truer figure).",
    ),
    "speech.check.slow": (
        "Varoitus: malli on tälle koneelle liian hidas reaaliaikaiseen käyttöön; puhetta jää "
        "tunnistamatta. Valitse pienempi malli.",
        "Varning: modellen är för långsam för realtid på den här datorn; tal kommer att hoppas över. Välj "
        "en mindre modell.",
        "Warning: the model is too slow for real time on this computer; speech will be skipped. Choose a "
        "smaller model.",
    ),
    "speech.check.engine": (
        "Tunnistin: {engine}, kieli: {language}",
        "Igenkännare: {engine}, språk: {language}",
        "Engine: {engine}, language: {language}",
    ),
    "speech.check.whisper_missing": (
        "Whisper-mallista puuttuu: {detail}",
        "Whisper-modellen saknar: {detail}",
        "The Whisper model lacks: {detail}",
    ),
    "speech.check.whisper_layout_ok": (
        "Rakenne: kunnossa (CTranslate2: model.bin, config.json, tokenizer.json)",
        "Struktur: i ordning (CTranslate2: model.bin, config.json, tokenizer.json)",
        "Layout: OK (CTranslate2: model.bin, config.json, tokenizer.json)",
    ),
    "speech.check.load_failed": (
        "Lataus epäonnistui: {detail}",
        "Laddningen misslyckades: {detail}",
        "Load failed: {detail}",
    ),
    "speech.check.whisper_speed": (
        "Nopeus: {cpu:.2f} × reaaliaika (suoritinaika), {wall:.1f} s {audio:.1f} s:n lausumalle ({clip}); "
        "tunnistettiin {words} sanaa",
        "Hastighet: {cpu:.2f} × realtid (processortid), {wall:.1f} s för ett yttrande på {audio:.1f} s "
        "({clip}); {words} ord igenkändes",
        "Speed: {cpu:.2f} × real time (CPU time), {wall:.1f} s for a {audio:.1f} s utterance ({clip}); "
        "{words} words recognised",
    ),
    # --- the Whisper engine's model folder, as the widget reports it ------------------------------------
    "speech.whisper_not_found": (
        "Whisper-mallia ei löytynyt kansiosta {path}. Äänitoiminnot ovat pois päältä, muuten sovellus "
        "toimii normaalisti. Asenna malli: kohtaava-desk model install MALLI.zip",
        "Ingen Whisper-modell hittades i {path}. Röstfunktionerna är avstängda, i övrigt fungerar appen "
        "som vanligt. Installera en modell: kohtaava-desk model install MODELL.zip",
        "No Whisper model in {path}. Voice features are off; everything else works. Install one with: "
        "kohtaava-desk model install MODEL.zip",
    ),
    "speech.whisper_incomplete": (
        "Whisper-malli kansiossa {path} on vajaa, siitä puuttuu: {detail}",
        "Whisper-modellen i {path} är ofullständig, den saknar: {detail}",
        "The Whisper model in {path} is incomplete; it lacks: {detail}",
    ),
    "speech.whisper_extra": (
        "Whisper-tunnistin vaatii lisäosan: pip install 'kohtaava-desk[whisper]'",
        "Whisper-igenkännaren kräver tillägget: pip install 'kohtaava-desk[whisper]'",
        "The Whisper engine needs the optional extra: pip install 'kohtaava-desk[whisper]'",
    ),
    # --- `kohtaava-desk model install` ----------------------------------------------------------------
    "speech.install.done": (
        "Asennettiin {engine}-malli kansioon {path}",
        "En {engine}-modell installerades i {path}",
        "Installed a {engine} model in {path}",
    ),
    "speech.install.settings": (
        "Henkilökohtaiset asetukset ({file}): speech.engine = {engine}, speech.model_path = {path}",
        "Personliga inställningar ({file}): speech.engine = {engine}, speech.model_path = {path}",
        "Personal settings ({file}): speech.engine = {engine}, speech.model_path = {path}",
    ),
    "speech.install.next": (
        "Tarkista se: kohtaava-desk model check",
        "Kontrollera den: kohtaava-desk model check",
        "Check it with: kohtaava-desk model check",
    ),
    "speech.install.not_found": (
        "{path}: tiedostoa tai kansiota ei ole",
        "{path}: filen eller mappen finns inte",
        "{path}: no such file or folder",
    ),
    "speech.install.not_zip": (
        "{path}: odotettiin .zip-tiedostoa tai kansiota",
        "{path}: en .zip-fil eller en mapp väntades",
        "{path}: expected a .zip file or a folder",
    ),
    "speech.install.bad_zip": (
        "{path}: zip-tiedostoa ei voi lukea ({detail})",
        "{path}: zip-filen kan inte läsas ({detail})",
        "{path}: not a readable zip file ({detail})",
    ),
    "speech.install.outside": (
        "{path}: arkistossa on polku sen ulkopuolelle ({detail}); ei purettu",
        "{path}: arkivet har en sökväg utanför sig ({detail}); inte uppackat",
        "{path}: refusing a path outside the archive ({detail})",
    ),
    "speech.install.no_model": (
        "{path}: mallia ei löytynyt (ei model.bin + config.json eikä am/ conf/ graph/)",
        "{path}: ingen modell hittades (varken model.bin + config.json eller am/ conf/ graph/)",
        "{path}: no model found (neither model.bin + config.json nor am/ conf/ graph/)",
    ),
    "speech.install.incomplete": (
        "{path}: Whisper-mallista puuttuu {detail}",
        "{path}: Whisper-modellen saknar {detail}",
        "{path}: the Whisper model lacks {detail}",
    ),
    "speech.install.exists": (
        "{path} on jo olemassa: poista se tai asenna toiseen kansioon (--to)",
        "{path} finns redan: ta bort den eller installera i en annan mapp (--to)",
        "{path} already exists: remove it or install with --to another folder",
    ),
    "speech.install.failed": (
        "Asennus epäonnistui: {detail}",
        "Installationen misslyckades: {detail}",
        "Install failed: {detail}",
    ),
    "speech.check.ok": (
        "Tulos: malli on käyttökelpoinen.",
        "Resultat: modellen kan användas.",
        "Result: the model is usable.",
    ),
    "speech.check.bad": (
        "Tulos: mallia ei voi käyttää.",
        "Resultat: modellen kan inte användas.",
        "Result: the model cannot be used.",
    ),
}
