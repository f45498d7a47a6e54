"""Strings of the public transparency page (dashboard/public.py): plain words for citizens."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # shell
    "pub.brand": {
        "it": "S3 Monitor — Regione Lombardia",
        "en": "S3 Monitor — Regione Lombardia",
    },
    "pub.nav.label": {"it": "Pagine del monitoraggio", "en": "Monitoring pages"},
    "pub.nav.home": {"it": "Panoramica", "en": "Overview"},
    "pub.nav.method": {"it": "Come calcoliamo", "en": "How we compute"},
    "pub.nav.accessibility": {"it": "Accessibilità", "en": "Accessibility"},
    "pub.nav.data": {"it": "Dati aperti (API)", "en": "Open data (API)"},
    "pub.footer.source": {
        "it": "Fonti: Relazione 2025 «Ricerca e innovazione» e brochure «Cluster Tecnologici "
        "Lombardi» di Regione Lombardia; solo dati pubblicati.",
        "en": "Sources: Regione Lombardia's “Ricerca e innovazione — Relazione 2025” report "
        "and “Cluster Tecnologici Lombardi” brochure; published data only.",
    },
    "pub.noscript": {
        "it": "Questa pagina ha bisogno di JavaScript. Gli stessi dati sono disponibili come "
        "dati aperti (CSV e JSON) su",
        "en": "This page needs JavaScript. The same data are available as open data (CSV and "
        "JSON) at",
    },
    "pub.notfound.body": {
        "it": "L'indirizzo richiesto non corrisponde a nessuna pagina o indicatore pubblicato.",
        "en": "The address does not match any page or published indicator.",
    },
    "pub.updated": {
        "it": "Ultimo aggiornamento: dati al {date} (data del valore pubblicato più recente).",
        "en": "Last updated: data as of {date} (date of the most recent published value).",
    },
    "pub.source.rows": {
        "it": "(la sezione di ogni riga è nei dati aperti).",
        "en": "(the section of each row is in the open data).",
    },
    "pub.source.section": {"it": "{doc}, sezione «{section}»", "en": "{doc}, section “{section}”"},
    "pub.doc.report2025": {
        "it": "Relazione 2025 «Ricerca e innovazione»",
        "en": "Report “Ricerca e innovazione — Relazione 2025”",
    },
    "pub.doc.clusters": {
        "it": "Brochure «Cluster Tecnologici Lombardi» (POR FESR 2014-2020)",
        "en": "Brochure “Cluster Tecnologici Lombardi” (POR FESR 2014-2020)",
    },
    "pub.doc.s3": {
        "it": "Strategia di specializzazione intelligente S3 2021-2027",
        "en": "Smart Specialisation Strategy S3 2021-2027",
    },
    "pub.doc.industrial": {
        "it": "Politica industriale lombarda e S3",
        "en": "Lombardy industrial policy and the S3",
    },
    # home and views
    "pub.title": {
        "it": "Ricerca e innovazione in Lombardia: a che punto siamo",
        "en": "Research and innovation in Lombardy: where we stand",
    },
    "pub.intro": {
        "it": "Gli obiettivi della Strategia di specializzazione intelligente (S3) 2021-2027 "
        "e del Programma Strategico Triennale 2024-2026, i risultati raggiunti, le risorse "
        "per ecosistema dell'innovazione e i cluster tecnologici regionali.",
        "en": "The targets of the Smart Specialisation Strategy (S3) 2021-2027 and of the "
        "2024-2026 Three-year Strategic Programme, the results so far, the funding per "
        "innovation ecosystem and the regional technology clusters.",
    },
    "pub.view.indicators": {"it": "Indicatori e obiettivi", "en": "Indicators and targets"},
    "pub.view.indicator": {"it": "Indicatore", "en": "Indicator"},
    "pub.view.trends": {"it": "Tendenze da invertire", "en": "Trends to reverse"},
    "pub.view.funding": {
        "it": "Risorse per ecosistema dell'innovazione",
        "en": "Funding by innovation ecosystem",
    },
    "pub.view.clusters": {
        "it": "Cluster tecnologici lombardi",
        "en": "Lombardy technology clusters",
    },
    "pub.view.method": {"it": "Come calcoliamo", "en": "How we compute"},
    "pub.view.accessibility": {
        "it": "Dichiarazione di accessibilità",
        "en": "Accessibility statement",
    },
    "pub.view.not-found": {"it": "Pagina non trovata", "en": "Page not found"},
    "pub.view.home": {"it": "Panoramica", "en": "Overview"},
    "pub.view.open": {
        "it": "Apri questa sezione da sola (anche da incorporare)",
        "en": "Open this section on its own (also to embed)",
    },
    # indicators
    "pub.indicators.title": {
        "it": "Indicatori e obiettivi 2027",
        "en": "Indicators and 2027 targets",
    },
    "pub.indicators.lead": {
        "it": "Ogni scheda dice a che punto è l'indicatore tra il valore di partenza (0%) e "
        "il target (100%); il segno scuro è dove dovrebbe essere oggi a ritmo costante.",
        "en": "Each card shows where the indicator stands between its starting value (0%) "
        "and its target (100%); the dark mark is where it should be today at a steady pace.",
    },
    "pub.indicators.none": {
        "it": "Nessun indicatore è ancora pubblicato.",
        "en": "No indicator has been published yet.",
    },
    "pub.indicators.table": {
        "it": "Indicatori: stato, valori, avanzamento e fonte",
        "en": "Indicators: status, values, progress and source",
    },
    "pub.summary": {
        "it": "Su {n} indicatori pubblicati, {good} dei {assessable} valutabili hanno già "
        "raggiunto il target o sono in linea per raggiungerlo.",
        "en": "Of {n} published indicators, {good} of the {assessable} that can be assessed "
        "have reached their target or are on track to reach it.",
    },
    "pub.card.values": {
        "it": "Ultimo valore {latest} · target {target}",
        "en": "Latest value {latest} · target {target}",
    },
    "pub.card.open": {"it": "Scheda completa", "en": "Full card"},
    "pub.card.open_named": {"it": "Scheda completa di {code}", "en": "Full card of {code}"},
    "pub.card.how": {
        "it": "Come si calcola: {formula}",
        "en": "How it is computed: {formula}",
    },
    "pub.col.progress": {"it": "Avanzamento", "en": "Progress"},
    "pub.col.expected": {"it": "Atteso a oggi", "en": "Expected by now"},
    "pub.col.forecast": {"it": "Previsione", "en": "Forecast"},
    "pub.col.ecosystem": {"it": "Ecosistema", "en": "Ecosystem"},
    "pub.col.calls": {"it": "Bandi e misure", "en": "Calls and measures"},
    "pub.observations.table": {
        "it": "Valori pubblicati di {code}",
        "en": "Published values of {code}",
    },
    "pub.reason.not_started": {
        "it": "Non valutabile: la misura collegata non è ancora partita.",
        "en": "Not assessable: the measure behind it has not started yet.",
    },
    "pub.reason.no_target": {
        "it": "Non valutabile: manca il target.",
        "en": "Not assessable: there is no target.",
    },
    "pub.reason.no_observation": {
        "it": "Non valutabile: nessun valore pubblicato.",
        "en": "Not assessable: no published value yet.",
    },
    "pub.reason.no_observation_after_base": {
        "it": "Non valutabile: nessun valore pubblicato dopo quello di partenza.",
        "en": "Not assessable: no published value after the starting one.",
    },
    "pub.reason.target_before_base": {
        "it": "Non valutabile: la data del target precede quella di partenza.",
        "en": "Not assessable: the target date is before the starting date.",
    },
    "pub.reason.target_equals_base": {
        "it": "Il target coincide con il valore di partenza e non è ancora raggiunto.",
        "en": "The target equals the starting value and has not been reached.",
    },
    "pub.reason.other": {
        "it": "Non valutabile con i dati pubblicati.",
        "en": "Not assessable with the published data.",
    },
    "pub.forecast.ok": {
        "it": "raggiungimento del target {outlook} (probabilità {p}); valore realistico alla "
        "scadenza {median} (tra {low} e {high})",
        "en": "reaching the target is {outlook} (probability {p}); realistic value at the "
        "deadline {median} (between {low} and {high})",
    },
    "pub.forecast.line": {"it": "Previsione: {text}.", "en": "Forecast: {text}."},
    "pub.forecast.status.pending": {
        "it": "in aggiornamento dopo gli ultimi dati",
        "en": "being updated after the latest data",
    },
    "pub.forecast.stale": {
        "it": " (previsione del {date}: l'ultimo aggiornamento non è riuscito)",
        "en": " (forecast of {date}: the last update did not succeed)",
    },
    "pub.forecast.status.insufficient": {
        "it": "non ancora possibile, servono almeno tre valori",
        "en": "not possible yet, at least three values are needed",
    },
    "pub.forecast.status.not_started": {
        "it": "non possibile, la misura non è ancora partita",
        "en": "not possible, the measure has not started yet",
    },
    "pub.forecast.status.target_passed": {
        "it": "non applicabile, la data del target è passata",
        "en": "not applicable, the target date has passed",
    },
    "pub.forecast.status.unavailable": {"it": "non disponibile", "en": "not available"},
    # trends
    "pub.trends.title": {"it": "Tendenze da invertire", "en": "Trends to reverse"},
    "pub.trends.note": {
        "it": "Le previsioni usano solo i valori pubblicati e sono ricalcolate dopo ogni "
        "aggiornamento dei dati; non sono impegni ma stime con la loro incertezza.",
        "en": "Forecasts use published values only and are recomputed after every data "
        "update; they are estimates with their uncertainty, not commitments.",
    },
    "pub.trends.unavailable": {
        "it": "Le previsioni non sono disponibili al momento.",
        "en": "Forecasts are not available at the moment.",
    },
    # funding
    "pub.funding.title": {
        "it": "Risorse per ecosistema dell'innovazione",
        "en": "Funding by innovation ecosystem",
    },
    "pub.funding.lead": {
        "it": "Dotazione e importi concessi dei bandi e delle misure pubblicati, per "
        "ecosistema servito. Un bando che serve più ecosistemi conta in ciascuno, quindi le "
        "righe non si sommano al totale; le misure «trasversali» servono tutti gli "
        "ecosistemi. Gli importi non indicati dalle fonti (n.d.) non sono contati.",
        "en": "Budget and amounts granted of the published calls and measures, by the "
        "ecosystem they serve. A call serving several ecosystems counts in each, so the rows "
        "do not add up to the total; “cross-cutting” measures serve every ecosystem. Amounts "
        "the sources do not give (n/a) are not counted.",
    },
    "pub.funding.totals": {
        "it": "{n} bandi e misure pubblicati: dotazione complessiva {budget}, concessi {granted} "
        "(somma degli importi disponibili).",
        "en": "{n} published calls and measures: total budget {budget}, granted {granted} "
        "(sum of the amounts available).",
    },
    "pub.funding.table": {
        "it": "Risorse per ecosistema: numero di bandi, dotazione e importi concessi",
        "en": "Funding by ecosystem: number of calls, budget and amounts granted",
    },
    "pub.funding.known": {"it": "(noto per {known} su {n})", "en": "(known for {known} of {n})"},
    "pub.funding.unassigned": {
        "it": "Nessun ecosistema indicato",
        "en": "No ecosystem given",
    },
    "pub.funding.calls": {
        "it": "Mostra tutti i bandi e le misure, con la fonte",
        "en": "Show every call and measure, with its source",
    },
    # clusters
    "pub.clusters.title": {
        "it": "Cluster tecnologici lombardi",
        "en": "Lombardy technology clusters",
    },
    "pub.clusters.lead": {
        "it": "{n} cluster tecnologici regionali riuniscono {members} associati tra imprese, "
        "organismi di ricerca e altri enti.",
        "en": "{n} regional technology clusters bring together {members} members: firms, "
        "research organisations and other bodies.",
    },
    "pub.map.button": {
        "it": "Mostra la mappa delle sedi",
        "en": "Show the map of the headquarters",
    },
    "pub.map.weight": {
        "it": "La mappa interattiva scarica circa 1,5 MB; la tabella qui sotto contiene gli "
        "stessi dati.",
        "en": "The interactive map downloads about 1.5 MB; the table below holds the same data.",
    },
    "pub.map.shown": {
        "it": "Mappa delle sedi mostrata sotto il pulsante.",
        "en": "Map of the headquarters shown below the button.",
    },
    "pub.map.unavailable": {
        "it": "La mappa non è disponibile al momento; la tabella contiene gli stessi dati.",
        "en": "The map is not available at the moment; the table holds the same data.",
    },
    # method
    "pub.method.title": {"it": "Come calcoliamo", "en": "How we compute"},
    "pub.method.lead": {
        "it": "Il metodo dietro ogni numero di questa pagina, in parole semplici.",
        "en": "The method behind every figure on this page, in plain words.",
    },
    "pub.method.short": {
        "it": "Per ogni indicatore confrontiamo quanta strada ha fatto dal valore di partenza "
        "verso il target con quanta ne avrebbe dovuta fare a oggi procedendo a ritmo "
        "costante. Le previsioni stimano dove arriverà alla scadenza e con quale probabilità "
        "raggiungerà il target.",
        "en": "For each indicator we compare how far it has come from its starting value "
        "towards its target with how far it should have come by now at a steady pace. "
        "Forecasts estimate where it will be at the deadline and how likely it is to reach "
        "the target.",
    },
    "pub.method.link": {"it": "Il metodo per esteso", "en": "The method in full"},
    "pub.method.formula_short": {
        "it": "avanzamento = (ultimo valore − valore di partenza) ÷ (target − valore di "
        "partenza); atteso a oggi = tempo trascorso ÷ tempo totale fino alla scadenza.",
        "en": "progress = (latest value − starting value) ÷ (target − starting value); "
        "expected by now = time elapsed ÷ total time to the deadline.",
    },
    "pub.method.progress.title": {"it": "Avanzamento e ritmo", "en": "Progress and pace"},
    "pub.method.progress": {
        "it": "Ogni indicatore ha un valore di partenza (di norma a fine 2022, inizio della "
        "legislatura), un target e una scadenza (di norma dicembre 2027). L'avanzamento è la "
        "parte di strada già percorsa: 0% al valore di partenza, 100% al target. L'atteso a "
        "oggi è la parte di tempo già trascorsa. Il ritmo è il rapporto tra i due: 1 vuol "
        "dire esattamente in tabella di marcia, meno di 1 in ritardo.",
        "en": "Each indicator has a starting value (usually at the end of 2022, the start of "
        "the legislature), a target and a deadline (usually December 2027). Progress is the "
        "share of the way already covered: 0% at the starting value, 100% at the target. "
        "Expected by now is the share of the time already elapsed. The pace is the ratio of "
        "the two: 1 means exactly on schedule, below 1 behind schedule.",
    },
    "pub.method.example": {
        "it": "Esempio: partenza 0, target 300, ultimo valore 75 → avanzamento 25%. Se è "
        "trascorso metà del tempo, l'atteso è 50% e il ritmo 0,5: servirebbe andare al "
        "doppio della velocità.",
        "en": "Example: start 0, target 300, latest value 75 → progress 25%. If half the time "
        "has elapsed, expected is 50% and the pace 0.5: it would need twice the speed.",
    },
    "pub.method.statuses.title": {"it": "Gli stati", "en": "The statuses"},
    "pub.method.status.achieved": {
        "it": "l'ultimo valore ha già raggiunto il target.",
        "en": "the latest value has already reached the target.",
    },
    "pub.method.status.on_track": {
        "it": "il ritmo è almeno {on} di quello necessario.",
        "en": "the pace is at least {on} of the one needed.",
    },
    "pub.method.status.acceleration_needed": {
        "it": "il ritmo è tra {acc} e {on} di quello necessario.",
        "en": "the pace is between {acc} and {on} of the one needed.",
    },
    "pub.method.status.limited_progress": {
        "it": "il ritmo è positivo ma sotto {acc} di quello necessario.",
        "en": "the pace is positive but below {acc} of the one needed.",
    },
    "pub.method.status.deterioration": {
        "it": "l'indicatore si è allontanato dal target rispetto alla partenza.",
        "en": "the indicator has moved away from the target since the start.",
    },
    "pub.method.status.not_assessable": {
        "it": "mancano i dati per dirlo (nessun valore dopo la partenza, o misura non avviata).",
        "en": "there are not enough data to say (no value after the start, or the measure "
        "has not started).",
    },
    "pub.method.kinds": {
        "it": "Gli indicatori «nella legislatura» sommano i risultati dall'inizio; quelli "
        "«annuali» confrontano l'ultimo anno completo; quelli di «livello» l'ultimo valore. "
        "Le soglie seguono la misura di avanzamento usata da Eurostat per gli obiettivi di "
        "sviluppo sostenibile.",
        "en": "Indicators “over the legislature” add up results since the start; “annual” "
        "ones compare the latest full year; “level” ones the latest value. The thresholds "
        "follow the progress measure Eurostat uses for the Sustainable Development Goals.",
    },
    "pub.method.forecast.title": {"it": "Le previsioni", "en": "The forecasts"},
    "pub.method.forecast": {
        "it": "Per ogni indicatore con almeno tre valori pubblicati la previsione parte "
        "dall'ultimo valore e prolunga la tendenza fino alla scadenza, combinando un modello "
        "statistico (Prophet) con un trend smorzato. L'incertezza è misurata sugli errori "
        "che questo metodo ha davvero commesso su centinaia di serie regionali europee reali "
        "(Eurostat) della stessa lunghezza e allo stesso orizzonte. La probabilità di "
        "raggiungere il target si legge da questa incertezza: «probabile» da 80% in su, "
        "«improbabile» sotto 20%, «incerta» in mezzo; agli estremi si scrive «< 5%» o "
        "«> 95%», mai 0% o 100%. Il valore realistico è quello centrale, con l'intervallo "
        "in cui cade l'80% dei casi.",
        "en": "For each indicator with at least three published values the forecast starts "
        "from the latest value and extends the trend to the deadline, combining a "
        "statistical model (Prophet) with a damped trend. Its uncertainty is measured on the "
        "errors this method actually made on hundreds of real European regional series "
        "(Eurostat) of the same length and at the same horizon. The probability of reaching "
        "the target is read from that uncertainty: “likely” from 80% up, “unlikely” below "
        "20%, “uncertain” in between; near the ends it reads “< 5%” or “> 95%”, never 0% or "
        "100%. The realistic value is the middle one, with the range in which 80% of cases "
        "fall.",
    },
    "pub.method.trends": {
        "it": "Una tendenza è «da invertire» quando raggiungere il target è improbabile o "
        "quando l'ultimo valore si è mosso nella direzione sbagliata.",
        "en": "A trend is “to reverse” when reaching the target is unlikely or when the "
        "latest value moved the wrong way.",
    },
    "pub.method.funding.title": {"it": "Le risorse", "en": "The funding"},
    "pub.method.funding": {
        "it": "Le risorse sono quelle dichiarate dalle fonti per ogni bando o misura "
        "pubblicato: dotazione (stanziata) e importi concessi. Per ecosistema sommiamo i "
        "bandi che lo servono; un bando che serve più ecosistemi conta in ciascuno.",
        "en": "Funding is what the sources state for each published call or measure: budget "
        "(allocated) and amounts granted. Per ecosystem we add up the calls that serve it; "
        "a call serving several ecosystems counts in each.",
    },
    "pub.method.data.title": {"it": "Quali dati", "en": "Which data"},
    "pub.method.data": {
        "it": "Questa pagina mostra solo dati pubblicati dalla Regione: mai valori in bozza, "
        "indicatori o bandi non pubblicati, né dati dimostrativi. Ogni cifra riporta la sua "
        "fonte.",
        "en": "This page shows only data the Region has published: never draft values, "
        "unpublished indicators or calls, or demo data. Every figure states its source.",
    },
    "pub.method.nd": {
        "it": "«n.d.» significa che la fonte non fornisce il valore: non è uno zero e non "
        "entra nei calcoli.",
        "en": "“n/a” means the source does not give the value: it is not a zero and does not "
        "enter any computation.",
    },
    # accessibility statement
    "pub.a11y.title": {"it": "Dichiarazione di accessibilità", "en": "Accessibility statement"},
    "pub.a11y.lead": {
        "it": "Regione Lombardia si impegna a rendere accessibili questa pagina di "
        "monitoraggio e l'applicazione interna S3 Monitor usata dal personale regionale, "
        "come richiesto dalla direttiva (UE) 2016/2102 e dalla legge 4/2004.",
        "en": "Regione Lombardia is committed to making this monitoring page, and the "
        "internal S3 Monitor application its staff use, accessible, as required by "
        "Directive (EU) 2016/2102 and Italian Law 4/2004.",
    },
    "pub.a11y.status.title": {"it": "Stato di conformità", "en": "Compliance status"},
    "pub.a11y.status": {
        "it": "La pagina e l'applicazione interna sono progettate per essere conformi alle "
        "WCAG 2.1 livello AA (norma UNI EN 301549): navigazione da tastiera con focus "
        "visibile e collegamento per saltare al contenuto, contrasti adeguati, struttura a "
        "titoli e punti di riferimento, lingua dichiarata (anche nei comandi dei grafici), "
        "testo alternativo e tabella di dati per ogni grafico, contenuti che si adattano a "
        "uno schermo largo 320 pixel senza scorrimento orizzontale della pagina.",
        "en": "The page and the internal application are designed to conform to WCAG 2.1 "
        "level AA (EN 301 549): keyboard navigation with visible focus and a link to skip "
        "to the content, sufficient contrast, headings and landmarks, declared language "
        "(chart controls included), text alternative and data table for every chart, "
        "content that fits a screen 320 pixels wide without scrolling the page sideways.",
    },
    "pub.a11y.tested.title": {"it": "Come è verificata", "en": "How it is checked"},
    "pub.a11y.tested": {
        "it": "Ogni vista della pagina pubblica e dell'applicazione interna (per ogni "
        "ruolo), in italiano e in inglese, su schermo da computer e da telefono e con tutte "
        "le tabelle aperte, è verificata automaticamente a ogni modifica del software con "
        "axe-core (regole WCAG 2.0 A e AA e 2.1 A e AA) in un browser reale, insieme "
        "all'assenza di scorrimento orizzontale a 320 pixel e a prove di navigazione da "
        "tastiera.",
        "en": "Every view of the public page and of the internal application (for every "
        "role), in Italian and in English, at desktop and phone size and with every table "
        "open, is checked automatically at every software change with axe-core (WCAG 2.0 A "
        "and AA and 2.1 A and AA rules) in a real browser, together with the absence of "
        "sideways scrolling at 320 pixels and keyboard navigation tests.",
    },
    "pub.a11y.limits.title": {"it": "Contenuti con limiti noti", "en": "Known limitations"},
    "pub.a11y.limits": {
        "it": "La mappa interattiva dei cluster e i suggerimenti al passaggio sui grafici si "
        "usano con il mouse o il tocco; la tabella sotto ogni mappa e grafico contiene "
        "tutte le sue informazioni. Nelle tabelle interattive dell'applicazione interna il "
        "tasto Tab passa al controllo successivo e le frecce si spostano tra le celle. I "
        "nomi dei documenti fonte sono in italiano anche nella versione inglese.",
        "en": "The interactive cluster map and the hover labels of the charts are used with "
        "a mouse or touch; the table under every map and chart holds all of its "
        "information. In the internal application's interactive tables the Tab key moves "
        "on to the next control and the arrow keys move between cells. The titles of the "
        "source documents are in Italian in the English version too.",
    },
    "pub.a11y.feedback.title": {"it": "Segnalazioni", "en": "Feedback"},
    "pub.a11y.feedback": {
        "it": "Per segnalare un problema di accessibilità o chiedere i dati in un altro "
        "formato, scrivete al Responsabile per la transizione al digitale di Regione "
        "Lombardia, con i recapiti indicati sul sito istituzionale della Regione.",
        "en": "To report an accessibility problem or ask for the data in another format, "
        "write to Regione Lombardia's digital transition officer, at the contacts given on "
        "the Region's website.",
    },
    "pub.a11y.enforcement.title": {"it": "Procedura di attuazione", "en": "Enforcement procedure"},
    "pub.a11y.enforcement": {
        "it": "Se la risposta non arriva entro 30 giorni o non è soddisfacente, è possibile "
        "rivolgersi al Difensore civico per il digitale presso AgID.",
        "en": "If there is no answer within 30 days, or it is not satisfactory, you can turn "
        "to the Digital Ombudsman at AgID (the Agency for Digital Italy).",
    },
    "pub.a11y.date.title": {"it": "Redazione", "en": "Preparation"},
    "pub.a11y.date": {
        "it": "Dichiarazione redatta sulla base delle verifiche automatiche e manuali "
        "descritte sopra; è aggiornata a ogni nuova versione della pagina.",
        "en": "Statement prepared on the basis of the automatic and manual checks described "
        "above; it is updated with every new version of the page.",
    },
    "pub.a11y.agid": {
        "it": "Modulo AgID per le segnalazioni al Difensore civico per il digitale",
        "en": "AgID form for reports to the Digital Ombudsman (in Italian)",
    },
    # embedding
    "pub.embed.title": {"it": "Incorpora questa vista", "en": "Embed this view"},
    "pub.embed.lead": {
        "it": "Copia questo codice nella pagina del tuo sito: mostra questa vista in formato "
        "compatto e adatta l'altezza al contenuto.",
        "en": "Copy this code into your web page: it shows this view in compact form and "
        "fits the height to the content.",
    },
    "pub.embed.code": {"it": "Codice da incorporare", "en": "Code to embed"},
    "pub.embed.url": {
        "it": "Indirizzo della vista compatta:",
        "en": "Address of the compact view:",
    },
    "pub.embed.allowed": {
        "it": "L'incorporamento funziona solo sui siti autorizzati dalla Regione.",
        "en": "Embedding works only on the sites the Region has authorised.",
    },
    "pub.embed.full": {
        "it": "Apri la pagina completa (nuova finestra)",
        "en": "Open the full page (new window)",
    },
    # open data
    "pub.data.title": {"it": "Dati aperti", "en": "Open data"},
    "pub.data.lead": {
        "it": "Tutti i dati di questa pagina si possono scaricare e riutilizzare.",
        "en": "All the data on this page can be downloaded and reused.",
    },
    "pub.data.indicators": {
        "it": "Indicatori con stato e previsione",
        "en": "Indicators with status and forecast",
    },
    "pub.data.observations": {"it": "Valori degli indicatori", "en": "Indicator values"},
    "pub.data.calls": {"it": "Bandi e misure", "en": "Calls and measures"},
    "pub.data.clusters": {"it": "Cluster", "en": "Clusters"},
    "pub.data.ecosystems": {"it": "Ecosistemi", "en": "Ecosystems"},
    "pub.data.download": {"it": "{what} in formato {fmt}", "en": "{what} as {fmt}"},
    "pub.data.bulk": {
        "it": "Tutto in un file ZIP (CSV)",
        "en": "Everything in one ZIP file (CSV)",
    },
    "pub.data.openapi": {
        "it": "Documentazione dell'API (OpenAPI)",
        "en": "API documentation (OpenAPI)",
    },
    "pub.data.licence": {
        "it": "Licenza: dati riutilizzabili citando «Regione Lombardia — S3 Monitor»,",
        "en": "Licence: data reusable with attribution to “Regione Lombardia — S3 Monitor”,",
    },
}
