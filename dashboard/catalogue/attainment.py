"""Strings of target attainment: statuses, overview, indicator pages, report (`att.*`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # statuses (data.analysis.attainment.STATUSES)
    "att.status.achieved": {"it": "Raggiunto", "en": "Achieved"},
    "att.status.on_track": {"it": "In linea", "en": "On track"},
    "att.status.acceleration_needed": {"it": "Serve accelerare", "en": "Acceleration needed"},
    "att.status.limited_progress": {"it": "Progressi limitati", "en": "Limited progress"},
    "att.status.deterioration": {"it": "In peggioramento", "en": "Deterioration"},
    "att.status.not_assessable": {"it": "Non valutabile", "en": "Not assessable"},
    "att.band.on_track": {"it": "R ≥ {on}", "en": "R ≥ {on}"},
    "att.band.acceleration_needed": {"it": "{acc} ≤ R < {on}", "en": "{acc} ≤ R < {on}"},
    "att.band.limited_progress": {"it": "0 ≤ R < {acc}", "en": "0 ≤ R < {acc}"},
    "att.band.deterioration": {"it": "R < 0", "en": "R < 0"},
    "att.direction.higher": {"it": "più alto è meglio", "en": "higher is better"},
    "att.direction.lower": {"it": "più basso è meglio", "en": "lower is better"},
    # summary
    "att.summary.title": {"it": "Stato degli obiettivi", "en": "Where the targets stand"},
    "att.summary.headline": {
        "it": "Raggiunti o in linea: {good} su {assessable} indicatori valutabili",
        "en": "Achieved or on track: {good} of {assessable} assessable indicators",
    },
    "att.summary.sentence": {
        "it": "Indicatori: {n}. Raggiunti {achieved}, in linea {on_track}, serve accelerare "
        "{acceleration_needed}, progressi limitati {limited_progress}, in peggioramento "
        "{deterioration}, non valutabili {not_assessable}.",
        "en": "Indicators: {n}. Achieved {achieved}, on track {on_track}, acceleration needed "
        "{acceleration_needed}, limited progress {limited_progress}, deterioration "
        "{deterioration}, not assessable {not_assessable}.",
    },
    "att.summary.none": {
        "it": "Nessun indicatore corrisponde ai filtri scelti.",
        "en": "No indicator matches the chosen filters.",
    },
    # overview
    "att.overview.lead": {
        "it": "Dove si trova la strategia di ricerca e innovazione rispetto ai target 2027.",
        "en": "Where the research and innovation strategy stands against its 2027 targets.",
    },
    "att.updated": {
        "it": "Dati aggiornati al {date} · versione dati {version}",
        "en": "Data as of {date} · data version {version}",
    },
    "att.sources": {"it": "Fonti: {sources}", "en": "Sources: {sources}"},
    "att.report.button": {"it": "Rapporto stampabile", "en": "Printable report"},
    "att.filter.objective": {"it": "Obiettivo strategico", "en": "Strategic objective"},
    "att.filter.all_objectives": {"it": "Tutti gli obiettivi", "en": "All objectives"},
    "att.scope": {"it": "Ambito: {scope}", "en": "Scope: {scope}"},
    "att.scope.all": {
        "it": "tutti gli ecosistemi e tutti gli obiettivi",
        "en": "every ecosystem and every objective",
    },
    "att.scope.ecosystem": {"it": "ecosistema {name}", "en": "ecosystem {name}"},
    "att.scope.objective": {"it": "obiettivo «{name}»", "en": "objective “{name}”"},
    # gauges
    "att.gauges.title": {
        "it": "Avanzamento verso il target, per indicatore",
        "en": "Progress towards the target, by indicator",
    },
    "att.gauges.description": {
        "it": "Ogni quadrante mostra quanta parte del percorso dalla base al target è stata "
        "compiuta (0% = base, 100% = target). La tacca nera segna dove si dovrebbe essere oggi "
        "con un avanzamento lineare fino alla data del target. Colore, simbolo ed etichetta "
        "indicano lo stato.",
        "en": "Each gauge shows how much of the way from the base to the target has been "
        "covered (0% = base, 100% = target). The black mark is where a linear path to the "
        "target date would be by now. Colour, symbol and label give the status.",
    },
    "att.gauges.capped": {
        "it": "Sono mostrati {shown} quadranti su {total}: tutti gli indicatori sono nella "
        "tabella qui sotto.",
        "en": "{shown} of {total} gauges are shown: every indicator is in the table below.",
    },
    "att.gauges.table": {
        "it": "Avanzamento di ogni indicatore (dati dei quadranti)",
        "en": "Progress of each indicator (the gauges' data)",
    },
    "att.gauge.label": {
        "it": "{code}: avanzamento {p}, atteso ad oggi {e}, stato {status}",
        "en": "{code}: progress {p}, expected by now {e}, status {status}",
    },
    "att.gauge.values": {"it": "{value} su {target}", "en": "{value} of {target}"},
    "att.gauge.expected": {"it": "atteso ad oggi {e}", "en": "expected by now {e}"},
    "att.gauge.as_of": {"it": "ultimo dato: {date}", "en": "latest: {date}"},
    "att.gauge.how": {"it": "Come è calcolato", "en": "How it is computed"},
    # table columns
    "att.col.status": {"it": "Stato", "en": "Status"},
    "att.col.progress": {"it": "Avanzamento (p)", "en": "Progress (p)"},
    "att.col.expected": {"it": "Atteso ad oggi (e)", "en": "Expected by now (e)"},
    "att.col.pace": {"it": "Ritmo (R)", "en": "Pace (R)"},
    "att.col.base": {"it": "Base", "en": "Base"},
    "att.col.trend": {"it": "Andamento", "en": "Trend"},
    "att.table.caption": {"it": "Indicatori e loro stato", "en": "Indicators and their status"},
    # method
    "att.method.title": {"it": "Come è calcolato lo stato", "en": "How the status is computed"},
    "att.method.formula": {
        "it": "Avanzamento p = (ultimo valore − base) / (target − base); atteso ad oggi "
        "e = (data dell'ultimo valore − data della base) / (data del target − data della base); "
        "ritmo R = p / e.",
        "en": "Progress p = (latest value − base) / (target − base); expected by now "
        "e = (date of the latest value − base date) / (target date − base date); "
        "pace R = p / e.",
    },
    "att.method.bands": {
        "it": "Raggiunto: il valore ha raggiunto il target nella direzione dell'indicatore. "
        "Altrimenti: in linea se R ≥ {on}; serve accelerare se {acc} ≤ R < {on}; progressi "
        "limitati se 0 ≤ R < {acc}; in peggioramento se R < 0. Non valutabile: misura non "
        "ancora avviata, o nessun valore dopo la base.",
        "en": "Achieved: the value has reached the target in the indicator's direction. "
        "Otherwise: on track if R ≥ {on}; acceleration needed if {acc} ≤ R < {on}; limited "
        "progress if 0 ≤ R < {acc}; deterioration if R < 0. Not assessable: the measure has "
        "not started yet, or there is no value after the base.",
    },
    "att.method.kinds": {
        "it": "Indicatori cumulati: totale dalla data della base; di livello: ultimo valore; "
        "annuali: ultimo valore di un anno intero (periodo al 31/12). Una baseline di livello "
        "pari a 0 nella fonte significa «non disponibile»: la base è il primo valore osservato. "
        "I valori in bozza non contano; «n.d.» è un dato mancante, mai uno zero.",
        "en": "Cumulative indicators: running total since the base date; level indicators: "
        "latest value; annual indicators: latest full-year value (period ending 31 Dec). A "
        'level baseline printed as 0 in the source means "not available": the base is the '
        'first observed value. Draft values do not count; "n/a" is a missing value, never '
        "a zero.",
    },
    "att.method.origin": {
        "it": "Le soglie seguono la misura dei progressi del monitoraggio SDG (open-sdg, "
        "Eurostat) e sono configurabili (S3DASH_STATUS_BANDS).",
        "en": "The thresholds follow the progress measure of SDG monitoring (open-sdg, "
        "Eurostat) and are configurable (S3DASH_STATUS_BANDS).",
    },
    # per-indicator explanations (Assessment.explanation_key)
    "att.explain.achieved": {
        "it": "Raggiunto: {latest} ha raggiunto il target di {target} ({direction}).",
        "en": "Achieved: {latest} has reached the target of {target} ({direction}).",
    },
    "att.explain.pace": {
        "it": "R = {r}, cioè {band}: {status}.",
        "en": "R = {r}, that is {band}: {status}.",
    },
    "att.explain.target_equals_base": {
        "it": "Il target coincide con la base e il valore se ne è allontanato: {status}.",
        "en": "The target equals the base and the value has moved away from it: {status}.",
    },
    "att.explain.not_started": {
        "it": "Non valutabile: la misura non è ancora avviata.",
        "en": "Not assessable: the measure has not started yet.",
    },
    "att.explain.no_target": {
        "it": "Non valutabile: l'indicatore non ha un target.",
        "en": "Not assessable: the indicator has no target.",
    },
    "att.explain.no_observation": {
        "it": "Non valutabile: nessun valore disponibile.",
        "en": "Not assessable: no value available.",
    },
    "att.explain.no_observation_after_base": {
        "it": "Non valutabile: nessun valore successivo alla base.",
        "en": "Not assessable: no value after the base.",
    },
    "att.explain.target_before_base": {
        "it": "Non valutabile: la data del target non è successiva a quella della base.",
        "en": "Not assessable: the target date is not after the base date.",
    },
    "att.explain.invalid_definition": {
        "it": "Non valutabile: tipo o direzione dell'indicatore non riconosciuti.",
        "en": "Not assessable: the indicator's kind or direction is not recognised.",
    },
    "att.note.level_baseline_zero": {
        "it": "La fonte indica la baseline come 0, che per un indicatore di livello significa "
        "«non disponibile»: la base è il primo valore osservato ({value}, {date}).",
        "en": 'The source gives the baseline as 0, which for a level indicator means "not '
        'available": the base is the first observed value ({value}, {date}).',
    },
    "att.note.baseline_missing": {
        "it": "La fonte non indica la baseline: la base è il primo valore osservato "
        "({value}, {date}).",
        "en": "The source gives no baseline: the base is the first observed value "
        "({value}, {date}).",
    },
    "att.note.annual_partial_skipped": {
        "it": "Indicatore annuale: i valori di anno parziale sono esclusi, conta l'ultimo anno "
        "intero.",
        "en": "Annual indicator: part-year values are left out; the latest full year counts.",
    },
    "att.note.drafts_skipped": {
        "it": "I valori in bozza non sono considerati finché non sono pubblicati.",
        "en": "Draft values are not counted until they are published.",
    },
    "att.draft": {
        "it": "bozza non conteggiata: {value} ({date})",
        "en": "draft, not counted: {value} ({date})",
    },
    "att.base.first": {"it": "primo valore", "en": "first value"},
    # "how it was computed"
    "att.how.title": {"it": "Come è stato calcolato", "en": "How it was computed"},
    "att.how.inputs": {"it": "Dati in ingresso", "en": "Inputs"},
    "att.how.p": {
        "it": "Avanzamento p = ({yt} − {y0}) / ({yT} − {y0}) = {p}",
        "en": "Progress p = ({yt} − {y0}) / ({yT} − {y0}) = {p}",
    },
    "att.how.e": {
        "it": "Atteso ad oggi e = ({t} − {t0}) / ({T} − {t0}) = {days} / {total} giorni = {e}",
        "en": "Expected by now e = ({t} − {t0}) / ({T} − {t0}) = {days} / {total} days = {e}",
    },
    "att.how.r": {
        "it": "Ritmo R = p / e = {p} / {e} = {r}",
        "en": "Pace R = p / e = {p} / {e} = {r}",
    },
    "att.how.expected_value": {
        "it": "Valore atteso ad oggi sul percorso lineare: {value}",
        "en": "Expected value by now on the linear path: {value}",
    },
    "att.in.name": {"it": "Dato", "en": "Input"},
    "att.in.value": {"it": "Valore", "en": "Value"},
    "att.in.kind": {"it": "Tipo", "en": "Kind"},
    "att.in.direction": {"it": "Direzione", "en": "Direction"},
    "att.in.y0": {"it": "Base (y0)", "en": "Base (y0)"},
    "att.in.t0": {"it": "Data della base (t0)", "en": "Base date (t0)"},
    "att.in.yt": {"it": "Ultimo valore (yt)", "en": "Latest value (yt)"},
    "att.in.t": {"it": "Data dell'ultimo valore (t)", "en": "Date of the latest value (t)"},
    "att.in.yT": {"it": "Target (yT)", "en": "Target (yT)"},
    "att.in.T": {"it": "Data del target (T)", "en": "Target date (T)"},
    "att.in.bands": {"it": "Soglie (in linea, accelerare)", "en": "Bands (on track, accelerate)"},
    # indicators page
    "att.list.lead": {
        "it": "Ogni indicatore con andamento, stato e ultimo valore. Scegli un codice per la "
        "serie storica, il target, il percorso richiesto e il calcolo dello stato.",
        "en": "Every indicator with its trend, status and latest value. Choose a code for the "
        "time series, the target, the required trajectory and how the status was computed.",
    },
    "att.list.open": {"it": "Apri il dettaglio di {code}", "en": "Open the details of {code}"},
    "att.sparkline.alt": {
        "it": "Andamento di {code}: {values}",
        "en": "Trend of {code}: {values}",
    },
    "att.sparkline.none": {"it": "nessun valore", "en": "no values"},
    "att.detail.back": {"it": "← Tutti gli indicatori", "en": "← All indicators"},
    "att.detail.meta": {
        "it": "{kind} · {direction} · obiettivo: {objective}",
        "en": "{kind} · {direction} · objective: {objective}",
    },
    "att.detail.missing": {
        "it": "L'indicatore {code} non è tra quelli dei filtri scelti.",
        "en": "Indicator {code} is not among those of the chosen filters.",
    },
    "att.chart.title": {
        "it": "{code}: serie storica, target e percorso richiesto",
        "en": "{code}: time series, target and required trajectory",
    },
    "att.chart.description": {
        "it": "Valori osservati: {values}. Base {base}; target {target} al {target_date}. La "
        "linea tratteggiata è il percorso lineare richiesto dalla base al target; i valori "
        "«n.d.» sono interruzioni della linea.",
        "en": "Observed values: {values}. Base {base}; target {target} by {target_date}. The "
        'dashed line is the linear trajectory required from the base to the target; "n/a" '
        "values are breaks in the line.",
    },
    "att.chart.observed": {"it": "Valori osservati", "en": "Observed values"},
    "att.chart.base": {"it": "Base", "en": "Base"},
    "att.chart.target": {"it": "Target", "en": "Target"},
    "att.chart.required": {"it": "Percorso richiesto", "en": "Required trajectory"},
    "att.chart.table": {"it": "Valori di {code}", "en": "Values of {code}"},
    "att.chart.point": {"it": "Punto", "en": "Point"},
    # report
    "att.report.title": {
        "it": "Rapporto alla Giunta: stato degli obiettivi di ricerca e innovazione",
        "en": "Report to the Regional Executive: where the research and innovation targets stand",
    },
    "att.report.subtitle": {
        "it": "Regione Lombardia · Strategia S3 2021-2027 e Programma Strategico Triennale "
        "2024-2026",
        "en": "Regione Lombardia · S3 strategy 2021-2027 and Three-Year Strategic Programme "
        "2024-2026",
    },
    "att.report.generated": {
        "it": "Generato il {date} · dati al {asof} · versione dati {version}",
        "en": "Generated on {date} · data as of {asof} · data version {version}",
    },
    "att.report.print": {"it": "Stampa o salva in PDF", "en": "Print or save as PDF"},
    "att.report.back": {"it": "Torna alla panoramica", "en": "Back to the overview"},
    "att.report.funding": {"it": "Risorse: dati principali", "en": "Funding: headline figures"},
    "att.report.indicators": {"it": "Indicatori", "en": "Indicators"},
}
