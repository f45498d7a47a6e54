"""Strings of the forecasts page and of the "trends to reverse" panel (keys `fc.*`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "fc.lead": {
        "it": "Dove porta l'andamento attuale di ogni indicatore entro la data del target: "
        "che cosa è realisticamente raggiungibile e quali andamenti vanno invertiti.",
        "en": "Where each indicator's current trend leads by its target date: what is "
        "realistically achievable, and which trends must be reversed.",
    },
    "fc.computed": {
        "it": "Previsioni calcolate il {when} (UTC) con {model}, fuori dalle pagine, dal "
        "comando `s3dash forecast`; questa pagina le legge soltanto.",
        "en": "Forecasts computed on {when} (UTC) with {model}, off the pages, by the "
        "`s3dash forecast` command; this page only reads them.",
    },
    "fc.method.title": {"it": "Come sono calcolate", "en": "How they are computed"},
    "fc.method.model": {
        "it": "Per ogni serie la previsione parte dall'ultimo valore osservato e vi aggiunge, "
        "in parti uguali, l'andamento stimato da Prophet (crescita lineare, nessuna "
        "stagionalità, al massimo {changepoints} punti di svolta, perché pochi valori annuali "
        "non reggono di più) e un trend smorzato (la variazione media passata, ridotta del "
        "{damping_pct} ogni anno). La combinazione è stata scelta con un backtest su serie "
        "regionali reali Eurostat: in mediana sbaglia meno della semplice prosecuzione della "
        "variazione media (drift). La serie è la baseline più i valori osservati pubblicati; "
        "«n.d.» è escluso, mai contato come zero. Con meno di {min_points} valori non si fa "
        "alcuna previsione.",
        "en": "For each series the forecast starts from the last observed value and adds, in "
        "equal parts, the trend estimated by Prophet (linear growth, no seasonality, at most "
        "{changepoints} changepoints, because a few yearly values support no more) and a "
        "damped trend (the average past change, reduced by {damping_pct} each year). The "
        "combination was chosen by backtest on real Eurostat regional series: its median "
        "error is below that of simply carrying on the average change (drift). The series "
        'is the baseline plus the published observed values; "n/a" is left out, never '
        "counted as zero. With fewer than {min_points} values no forecast is made.",
    },
    "fc.method.uncertainty": {
        "it": "L'incertezza non è quella di Prophet, troppo stretta per pochi valori annuali: "
        "è calibrata sugli errori che previsioni dello stesso tipo hanno davvero commesso su "
        "serie regionali reali (Eurostat: spesa in R&S, R&S delle imprese, risorse umane in "
        "S&T), per orizzonte e per numero di valori disponibili, in unità della variazione "
        "annua media della serie. L'intervallo all'80% va dal 10° al 90° percentile di questa "
        "distribuzione; P(target raggiunto) si legge dalla stessa distribuzione e agli "
        "estremi si mostra come «< 5%» o «> 95%», mai 0% o 100%. Prospettiva «probabile» se "
        "P ≥ {likely}, «improbabile» se P < {unlikely}, altrimenti «incerta»; l'obiettivo "
        "realistico è la mediana con l'intervallo all'80%. Un indicatore cumulato non scende "
        "mai sotto l'ultimo valore; uno mai negativo non va sotto zero. Nessuna simulazione "
        "casuale: stessi dati, stessi numeri.",
        "en": "The uncertainty is not Prophet's, which is far too narrow for a few yearly "
        "values: it is calibrated on the errors that forecasts of the same kind actually "
        "made on real regional series (Eurostat: R&D expenditure, business R&D, human "
        "resources in S&T), by horizon and by number of values available, in units of the "
        "series' average yearly change. The 80% band runs from the 10th to the 90th "
        "percentile of that distribution; P(target met) is read from the same distribution "
        'and shown as "< 5%" or "> 95%" near the ends, never 0% or 100%. Outlook "likely" '
        'if P ≥ {likely}, "unlikely" if P < {unlikely}, otherwise "uncertain"; the '
        "realistic target is the median with its 80% interval. A cumulative indicator never "
        "falls below its last value; one never negative stays at or above zero. No random "
        "simulation: same data, same numbers.",
    },
    "fc.method.pace": {
        "it": "Ritmo richiesto = (target − ultimo valore) / anni mancanti; ritmo proiettato = "
        "(mediana al target − ultimo valore) / anni mancanti. Andamento da invertire: "
        "prospettiva improbabile, oppure ultimo valore mosso nella direzione sbagliata.",
        "en": "Required pace = (target − last value) / years left; projected pace = (median "
        "at the target date − last value) / years left. Trend to reverse: outlook unlikely, "
        "or the last value moved the wrong way.",
    },
    "fc.method.caveat": {
        "it": "Con 3-4 valori una previsione resta fragile: l'intervallo è largo perché così "
        "sono stati gli errori su serie reali di quella lunghezza. La verifica a posteriori "
        "sui dati caricati si esegue con `s3dash forecast --backtest`.",
        "en": "With 3-4 values a forecast stays fragile: the band is wide because that is how "
        "large the errors were on real series of that length. The backtest on the loaded "
        "data runs with `s3dash forecast --backtest`.",
    },
    "fc.rel.title": {
        "it": "Quanto sono affidabili queste previsioni",
        "en": "How reliable are these forecasts",
    },
    "fc.rel.summary": {
        "it": "Verificato a posteriori su serie regionali reali Eurostat ({cases} previsioni, "
        "con la taratura appresa su regioni diverse da quelle verificate): l'intervallo "
        "all'80% ha contenuto il valore effettivo nel {cover1} dei casi a un anno e nel "
        "{cover3} a tre anni; l'errore mediano è {rel1} quello del drift (prosecuzione della "
        "variazione media) a un anno e {rel3} a tre anni, dove il metodo batte il drift sul "
        "{beat} delle serie. Le probabilità vanno lette come tali: su 10 target dati al 70%, "
        "circa 3 non vengono raggiunti.",
        "en": "Checked after the fact on real Eurostat regional series ({cases} forecasts, "
        "with the calibration learned on regions other than those checked): the 80% band "
        "held the actual value in {cover1} of cases one year ahead and {cover3} three years "
        "ahead; the median error is {rel1} that of drift (carrying on the average change) "
        "one year ahead and {rel3} three years ahead, where the method beats drift on "
        "{beat} of series. Read probabilities as such: of 10 targets given 70%, about 3 are "
        "missed.",
    },
    "fc.rel.series": {
        "it": "Affidabilità: previsione da {n} valori. Su serie reali con {points} valori, a "
        "{years} anni l'intervallo all'80% ha contenuto il valore effettivo nel {cover} dei "
        "casi, con un errore {rel} quello del drift.{beyond}",
        "en": "Reliability: forecast from {n} values. On real series with {points} values, "
        "{years} years ahead the 80% band held the actual value in {cover} of cases, with "
        "an error {rel} that of drift.{beyond}",
    },
    "fc.rel.beyond": {
        "it": " Oltre tre anni la verifica è meno ampia e l'intervallo è allargato in "
        "proporzione all'orizzonte.",
        "en": " Beyond three years the check is thinner and the band is widened in "
        "proportion to the horizon.",
    },
    "fc.rel.chart.title": {
        "it": "Taratura: quante volte l'intervallo all'80% ha contenuto il valore effettivo",
        "en": "Calibration: how often the 80% band held the actual value",
    },
    "fc.rel.chart.describe": {
        "it": "Barre per numero di valori della serie e orizzonte (1-3 anni); la linea "
        "tratteggiata è l'80% atteso. Barre vicine alla linea: intervalli tarati.",
        "en": "Bars by number of values in the series and horizon (1-3 years); the dashed "
        "line is the expected 80%. Bars close to the line: calibrated bands.",
    },
    "fc.rel.table.caption": {
        "it": "Verifica a posteriori su serie reali, per numero di valori e orizzonte",
        "en": "Backtest on real series, by number of values and horizon",
    },
    "fc.rel.col.points": {"it": "Valori della serie", "en": "Values in the series"},
    "fc.rel.col.horizon": {"it": "Orizzonte (anni)", "en": "Horizon (years)"},
    "fc.rel.col.cases": {"it": "Previsioni verificate", "en": "Forecasts checked"},
    "fc.rel.col.coverage": {
        "it": "Valori nell'intervallo all'80% (IC 95%)",
        "en": "Values inside the 80% band (95% CI)",
    },
    "fc.rel.col.p_mid": {"it": "P tra 10% e 90%", "en": "P between 10% and 90%"},
    "fc.rel.col.rel_drift": {
        "it": "MAE relativo al drift (mediana)",
        "en": "MAE relative to drift (median)",
    },
    "fc.rel.col.mase": {"it": "MASE (Hyndman)", "en": "MASE (Hyndman)"},
    "fc.rel.all": {"it": "tutte", "en": "all"},
    "fc.rel.horizon": {"it": "{years} anni", "en": "{years} years"},
    "fc.rel.nominal": {"it": "80% atteso", "en": "80% expected"},
    "fc.summary.caption": {
        "it": "Prospettiva di ogni indicatore alla data del target",
        "en": "Outlook of every indicator at its target date",
    },
    "fc.col.outlook": {"it": "Prospettiva", "en": "Outlook"},
    "fc.col.p": {"it": "P(target raggiunto)", "en": "P(target met)"},
    "fc.col.realistic": {
        "it": "Obiettivo realistico (mediana, intervallo 80%)",
        "en": "Realistic target (median, 80% interval)",
    },
    "fc.col.pace": {"it": "Ritmo: proiettato / richiesto", "en": "Pace: projected / required"},
    "fc.col.note": {"it": "Nota", "en": "Note"},
    "fc.col.type": {"it": "Tipo di valore", "en": "Value type"},
    "fc.col.median": {"it": "Valore (mediana se previsto)", "en": "Value (median if forecast)"},
    "fc.col.low": {"it": "Limite inferiore 80%", "en": "80% lower bound"},
    "fc.col.high": {"it": "Limite superiore 80%", "en": "80% upper bound"},
    "fc.col.series": {"it": "Serie", "en": "Series"},
    "fc.type.observed": {"it": "osservato", "en": "observed"},
    "fc.type.forecast": {"it": "previsto", "en": "forecast"},
    "fc.outlook.likely": {"it": "probabile", "en": "likely"},
    "fc.outlook.uncertain": {"it": "incerta", "en": "uncertain"},
    "fc.outlook.unlikely": {"it": "improbabile", "en": "unlikely"},
    "fc.realistic": {"it": "{median} ({low} – {high})", "en": "{median} ({low} – {high})"},
    "fc.reason.insufficient": {
        "it": "Nessuna previsione: {n} valori disponibili, ne servono almeno {min}.",
        "en": "No forecast: {n} values available, at least {min} needed.",
    },
    "fc.reason.not_started": {
        "it": "Nessuna previsione: secondo la fonte la misura non è ancora partita, quindi non "
        "c'è un andamento da proiettare.",
        "en": "No forecast: according to the source the measure has not started yet, so there "
        "is no trend to project.",
    },
    "fc.reason.target_passed": {
        "it": "Nessuna previsione: l'ultimo valore è già alla data del target o oltre.",
        "en": "No forecast: the last value is already at or past the target date.",
    },
    "fc.reason.failed": {
        "it": "Previsione non riuscita all'ultimo calcolo (il dettaglio è nel registro del "
        "server). Sarà ritentata al prossimo ricalcolo.",
        "en": "The last forecast run failed (the detail is in the server log). It will be "
        "tried again at the next refresh.",
    },
    "fc.reason.missing": {
        "it": "Non ancora calcolata: esegui `s3dash forecast`.",
        "en": "Not computed yet: run `s3dash forecast`.",
    },
    "fc.stale": {
        "it": "Non aggiornata: l'ultimo ricalcolo è fallito; resta la previsione precedente, "
        "del {date}.",
        "en": "Stale: the last refresh failed; the previous forecast, of {date}, is kept.",
    },
    "fc.outdated": {
        "it": "I dati sono cambiati dopo questa previsione: sarà aggiornata al prossimo "
        "`s3dash forecast`.",
        "en": "The data changed after this forecast: the next `s3dash forecast` updates it.",
    },
    "fc.pace.needs": {
        "it": "serve {ratio}× il ritmo attuale",
        "en": "needs {ratio}× the current pace",
    },
    "fc.pace.enough": {
        "it": "il ritmo proiettato basta",
        "en": "the projected pace is enough",
    },
    "fc.pace.away": {
        "it": "la proiezione è ferma o si allontana dal target",
        "en": "the projection stands still or moves away from the target",
    },
    "fc.pace.reached": {"it": "target già raggiunto", "en": "target already reached"},
    "fc.pace.values": {
        "it": "{projected} / {required} all'anno",
        "en": "{projected} / {required} per year",
    },
    "fc.reverse.title": {"it": "Andamenti da invertire", "en": "Trends to reverse"},
    "fc.reverse.lead": {
        "it": "Indicatori con prospettiva improbabile o con l'ultimo valore mosso nella "
        "direzione sbagliata, dal divario maggiore tra ritmo richiesto e proiettato. Con "
        "3-4 valori annuali sono segnali da verificare, non verdetti: le probabilità sono "
        "tarate su serie reali e vanno lette come tali.",
        "en": "Indicators whose outlook is unlikely or whose last value moved the wrong way, "
        "largest gap between required and projected pace first. With 3-4 yearly values these "
        "are signals to check, not verdicts: the probabilities are calibrated on real series "
        "and should be read as such.",
    },
    "fc.reverse.none": {
        "it": "Nessun andamento da invertire secondo le previsioni memorizzate.",
        "en": "No trend to reverse according to the stored forecasts.",
    },
    "fc.reverse.unlikely": {
        "it": "prospettiva improbabile (P: {p})",
        "en": "outlook unlikely (P: {p})",
    },
    "fc.reverse.recent": {
        "it": "ultimo valore nella direzione sbagliata: {previous} → {last}",
        "en": "last value moved the wrong way: {previous} → {last}",
    },
    "fc.reverse.item": {
        "it": "{code} — {name}: {why}; {pace}.",
        "en": "{code} — {name}: {why}; {pace}.",
    },
    "fc.flag.reverse": {"it": "da invertire", "en": "to reverse"},
    "fc.section.indicators": {
        "it": "Indicatori: valori osservati, previsione e target",
        "en": "Indicators: observed values, forecast and target",
    },
    "fc.chart.title": {
        "it": "{code} — {name}: previsione al {date}",
        "en": "{code} — {name}: forecast to {date}",
    },
    "fc.chart.history": {"it": "Valori osservati", "en": "Observed values"},
    "fc.chart.forecast": {"it": "Previsione (mediana)", "en": "Forecast (median)"},
    "fc.chart.band": {"it": "Intervallo 80%", "en": "80% interval"},
    "fc.chart.target": {"it": "Target", "en": "Target"},
    "fc.chart.required": {"it": "Traiettoria richiesta", "en": "Required trajectory"},
    "fc.describe": {
        "it": "Ultimo valore {last} ({last_date}). Al {date} la previsione è {median} "
        "(intervallo 80%: {low} – {high}).",
        "en": "Last value {last} ({last_date}). By {date} the forecast is {median} "
        "(80% interval: {low} – {high}).",
    },
    "fc.describe.target": {
        "it": "Target {target}: P(target raggiunto) {p}, prospettiva {outlook}; {pace}.",
        "en": "Target {target}: P(target met) {p}, outlook {outlook}; {pace}.",
    },
    "fc.table.caption": {
        "it": "{code}: valori osservati e previsti (i dati del grafico)",
        "en": "{code}: observed and forecast values (the chart's data)",
    },
    "fc.history.caption": {
        "it": "{code}: valori osservati usati dal modello",
        "en": "{code}: observed values the model would use",
    },
    "fc.note.level_baseline_zero": {
        "it": "La fonte dà baseline 0, che per un indicatore di livello vale «non "
        "disponibile»: la serie parte dal primo valore osservato.",
        "en": 'The source gives a baseline of 0, which for a level indicator means "not '
        'available": the series starts at the first observed value.',
    },
    "fc.note.annual_partial_skipped": {
        "it": "Indicatore annuale: i valori di anni parziali sono esclusi.",
        "en": "Annual indicator: part-year values are left out.",
    },
    "fc.funding.title": {
        "it": "Finanziamenti pubblici mensili per ecosistema e provincia",
        "en": "Monthly public funding by ecosystem and province",
    },
    "fc.funding.lead": {
        "it": "Somma mensile del finanziamento pubblico dei progetti, per mese di avvio; "
        "nessun target, solo la proiezione al {date}.",
        "en": "Monthly sum of the projects' public funding, by start month; no target, only "
        "the projection to {date}.",
    },
    "fc.funding.ecosystem": {"it": "Ecosistema: {name}", "en": "Ecosystem: {name}"},
    "fc.funding.province": {"it": "Provincia: {name}", "en": "Province: {name}"},
    "fc.funding.filtered": {
        "it": "Con il filtro per ecosistema le serie per provincia non sono mostrate: non "
        "sono suddivise per ecosistema.",
        "en": "With the ecosystem filter on, the province series are not shown: they are not "
        "split by ecosystem.",
    },
    "fc.funding.none": {
        "it": "Nessuna serie di finanziamento: non sono caricati progetti.",
        "en": "No funding series: no projects are loaded.",
    },
    "fc.funding.describe": {
        "it": "Ultimo mese {last_date}: {last}. Al {date} la previsione mensile è {median} "
        "(intervallo 80%: {low} – {high}).",
        "en": "Last month {last_date}: {last}. By {date} the monthly forecast is {median} "
        "(80% interval: {low} – {high}).",
    },
    "fc.per_year": {"it": "all'anno", "en": "per year"},
}
