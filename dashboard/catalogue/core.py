"""Core strings: shell, navigation, common words and the foundation pages."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # shell
    "app.title": {"it": "S3 Monitor", "en": "S3 Monitor"},
    "app.subtitle": {
        "it": "Ricerca e innovazione in Lombardia: obiettivi, risorse, cluster",
        "en": "Research and innovation in Lombardy: targets, funding, clusters",
    },
    "app.skip": {"it": "Vai al contenuto", "en": "Skip to content"},
    "nav.label": {"it": "Sezioni", "en": "Sections"},
    "nav.overview": {"it": "Panoramica", "en": "Overview"},
    "nav.indicators": {"it": "Indicatori", "en": "Indicators"},
    "nav.funding": {"it": "Finanziamenti", "en": "Funding"},
    "nav.clusters": {"it": "Cluster", "en": "Clusters"},
    "nav.forecasts": {"it": "Previsioni", "en": "Forecasts"},
    "nav.data": {"it": "Dati", "en": "Data"},
    "lang.switch": {"it": "Lingua", "en": "Language"},
    "lang.it": {"it": "Italiano", "en": "Italiano"},
    "lang.en": {"it": "English", "en": "English"},
    "footer.source": {
        "it": "Fonti: Relazione 2025 Ricerca e innovazione; Cluster Tecnologici Lombardi "
        "(POR FESR 2014-2020); Strategia S3 2021-2027 di Regione Lombardia.",
        "en": "Sources: Research and innovation report 2025; Lombardy Technology Clusters "
        "(POR FESR 2014-2020); Regione Lombardia S3 strategy 2021-2027.",
    },
    "footer.licence": {
        "it": "Dati aperti CC BY 4.0 — API: /api/v1/",
        "en": "Open data CC BY 4.0 — API: /api/v1/",
    },
    "notfound.title": {"it": "Pagina non trovata", "en": "Page not found"},
    "notfound.body": {
        "it": "L'indirizzo richiesto non esiste. Usa il menu per tornare a una sezione.",
        "en": "The address you asked for does not exist. Use the menu to go back to a section.",
    },
    "error.param": {
        "it": "Parametro non valido nell'indirizzo: {detail}",
        "en": "Invalid parameter in the address: {detail}",
    },
    "error.unexpected": {
        "it": "Si è verificato un errore imprevisto. Riprova; se persiste, segnalalo.",
        "en": "Something went wrong. Please try again; if it persists, report it.",
    },
    "error.unavailable": {
        "it": "Dati temporaneamente non disponibili: la banca dati non risponde. "
        "Riprova fra qualche istante.",
        "en": "Data temporarily unavailable: the database is not answering. "
        "Please retry in a moment.",
    },
    "error.retry": {"it": "Riprova", "en": "Retry"},
    "error.bad_input": {
        "it": "Valore non valido ricevuto dalla pagina: è stato ignorato.",
        "en": "An invalid value was received from the page: it was ignored.",
    },
    "synthetic.mark": {
        "it": "DATI DIMOSTRATIVI SINTETICI: alcuni valori di questa pagina non sono reali.",
        "en": "SYNTHETIC DEMO DATA: some values on this page are not real.",
    },
    "nd": {"it": "n.d.", "en": "n/a"},
    "chart.show_table": {"it": "Mostra i dati in tabella", "en": "Show the data as a table"},
    "filter.ecosystem": {"it": "Ecosistema", "en": "Ecosystem"},
    "filter.all_ecosystems": {"it": "Tutti gli ecosistemi", "en": "All ecosystems"},
    "filter.cross_cutting_note": {
        "it": "Filtro «{name}»: sono inclusi anche gli elementi trasversali, che servono "
        "tutti gli ecosistemi.",
        "en": "Filter “{name}”: cross-cutting items, which serve every ecosystem, are "
        "included too.",
    },
    "source": {"it": "Fonte", "en": "Source"},
    "notes": {"it": "Note", "en": "Notes"},
    "total": {"it": "Totale", "en": "Total"},
    # overview
    "overview.title": {"it": "Panoramica", "en": "Overview"},
    "overview.headlines": {"it": "Cifre chiave", "en": "Key figures"},
    "overview.indicators": {"it": "Indicatori in sintesi", "en": "Indicators at a glance"},
    "overview.counts": {
        "it": "{n} indicatori monitorati, {obs} valori osservati ({nd} non disponibili).",
        "en": "{n} indicators monitored, {obs} observed values ({nd} not available).",
    },
    # indicators
    "indicators.title": {"it": "Indicatori", "en": "Indicators"},
    "indicators.table": {
        "it": "Indicatori: baseline, ultimi valori e target a dicembre 2027",
        "en": "Indicators: baseline, latest values and December 2027 target",
    },
    "indicators.observations": {"it": "Valori osservati", "en": "Observed values"},
    "col.code": {"it": "Codice", "en": "Code"},
    "col.indicator": {"it": "Indicatore", "en": "Indicator"},
    "col.unit": {"it": "Unità", "en": "Unit"},
    "col.kind": {"it": "Tipo", "en": "Kind"},
    "col.objective": {"it": "Obiettivo strategico", "en": "Strategic objective"},
    "col.baseline": {"it": "Baseline", "en": "Baseline"},
    "col.latest": {"it": "Ultimo valore", "en": "Latest value"},
    "col.latest_date": {"it": "Data ultimo valore", "en": "Latest value date"},
    "col.target": {"it": "Target", "en": "Target"},
    "col.target_date": {"it": "Data target", "en": "Target date"},
    "col.date": {"it": "Data", "en": "Date"},
    "col.value": {"it": "Valore", "en": "Value"},
    "col.status": {"it": "Stato", "en": "Status"},
    "kind.cumulative": {"it": "cumulato nella legislatura", "en": "cumulative over the term"},
    "kind.annual": {"it": "annuale", "en": "annual"},
    "kind.level": {"it": "livello", "en": "level"},
    "status.published": {"it": "pubblicato", "en": "published"},
    "status.draft": {"it": "bozza", "en": "draft"},
    # funding
    "funding.title": {"it": "Finanziamenti", "en": "Funding"},
    "funding.table": {
        "it": "Bandi, misure e accordi con le cifre della Relazione 2025",
        "en": "Calls, measures and agreements with the figures of the 2025 report",
    },
    "funding.summary": {
        "it": "{n} bandi e misure: dotazione {budget}, contributi richiesti {requested}, "
        "concessi {granted} (somme delle cifre disponibili).",
        "en": "{n} calls and measures: budget {budget}, requested {requested}, "
        "granted {granted} (sums of the available figures).",
    },
    "col.call": {"it": "Bando / misura", "en": "Call / measure"},
    "col.programme": {"it": "Programma", "en": "Programme"},
    "col.instrument": {"it": "Strumento", "en": "Instrument"},
    "col.year": {"it": "Anno", "en": "Year"},
    "col.budget": {"it": "Dotazione", "en": "Budget"},
    "col.requested": {"it": "Richiesto", "en": "Requested"},
    "col.granted": {"it": "Concesso", "en": "Granted"},
    "col.applications": {"it": "Domande", "en": "Applications"},
    "col.beneficiaries": {"it": "Beneficiari", "en": "Beneficiaries"},
    "col.partners": {"it": "Partner", "en": "Partners"},
    "col.project_value": {"it": "Valore progetti", "en": "Project value"},
    "col.ecosystems": {"it": "Ecosistemi", "en": "Ecosystems"},
    # clusters
    "clusters.title": {"it": "Cluster tecnologici", "en": "Technology clusters"},
    "clusters.table": {
        "it": "Cluster Tecnologici Lombardi: sede, associati, ecosistemi",
        "en": "Lombardy Technology Clusters: headquarters, members, ecosystems",
    },
    "clusters.summary": {
        "it": "{n} cluster, {total} associati: {firms} imprese, {research} organismi di "
        "ricerca, {other} altri enti.",
        "en": "{n} clusters, {total} members: {firms} firms, {research} research "
        "organisations, {other} other bodies.",
    },
    "col.cluster": {"it": "Cluster", "en": "Cluster"},
    "col.city": {"it": "Sede", "en": "Headquarters"},
    "col.province": {"it": "Provincia", "en": "Province"},
    "col.members": {"it": "Associati", "en": "Members"},
    "col.firms": {"it": "Imprese", "en": "Firms"},
    "col.research": {"it": "Organismi di ricerca", "en": "Research organisations"},
    "col.other": {"it": "Altri enti", "en": "Other bodies"},
    "col.reference_ecosystem": {"it": "Ecosistema di riferimento", "en": "Reference ecosystem"},
    "col.synergies": {"it": "Sinergie S3", "en": "S3 synergies"},
    "col.website": {"it": "Sito web", "en": "Website"},
    # forecasts
    "forecasts.title": {"it": "Previsioni", "en": "Forecasts"},
    "forecasts.none": {
        "it": "Nessuna previsione calcolata finora. Le previsioni si calcolano fuori dalle "
        "pagine con il comando `s3dash forecast`; qui sotto le serie disponibili.",
        "en": "No forecast has been computed yet. Forecasts are computed off the pages with "
        "`s3dash forecast`; the available series are listed below.",
    },
    "forecasts.series": {"it": "Serie disponibili", "en": "Available series"},
    "col.points": {"it": "Valori disponibili", "en": "Values available"},
    # data
    "data.title": {"it": "Gestione dati", "en": "Data management"},
    "data.exports": {"it": "Esporta i dati pubblicati", "en": "Export published data"},
    "data.history": {"it": "Storico delle importazioni", "en": "Import history"},
    "data.version": {"it": "Versione dei dati: {v}", "en": "Data version: {v}"},
    "col.when": {"it": "Quando", "en": "When"},
    "col.kind_import": {"it": "Tipo", "en": "Kind"},
    "col.file": {"it": "File", "en": "File"},
    "col.user": {"it": "Utente", "en": "User"},
    "col.rows": {"it": "Righe", "en": "Rows"},
    "col.outcome": {"it": "Esito", "en": "Outcome"},
    # public
    "public.title": {
        "it": "Ricerca e innovazione in Lombardia — dati aperti",
        "en": "Research and innovation in Lombardy — open data",
    },
    "public.intro": {
        "it": "Gli indicatori della strategia regionale per la ricerca e l'innovazione, "
        "le risorse dei bandi e i cluster tecnologici, dai documenti pubblicati da "
        "Regione Lombardia.",
        "en": "The indicators of the regional research and innovation strategy, the funding "
        "of the calls and the technology clusters, from documents published by Regione "
        "Lombardia.",
    },
    "public.downloads": {"it": "Scarica i dati (CSV)", "en": "Download the data (CSV)"},
}
