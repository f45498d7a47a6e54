"""Strings of the context page, its overview strip and its public view (`ctx.*`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "nav.context": {"it": "Contesto", "en": "Context"},
    "ctx.title": {
        "it": "Contesto: la Lombardia e le regioni simili",
        "en": "Context: Lombardy and its peer regions",
    },
    "ctx.lead": {
        "it": "Indicatori di contesto Eurostat (R&S e risorse umane in scienza e tecnologia): "
        "la Lombardia accanto all'Italia, all'UE-27 e alle regioni simili (i Quattro Motori "
        "per l'Europa e le grandi regioni italiane).",
        "en": "Eurostat context indicators (R&D and human resources in science and "
        "technology): Lombardy beside Italy, the EU-27 and its peers (the Four Motors for "
        "Europe and the large Italian regions).",
    },
    "ctx.source": {
        "it": "Fonte: Eurostat ({table}), estrazione {extracted}; dati elaborati da "
        "Nesta/EURITO (licenza MIT). Riutilizzo autorizzato citando la fonte (Decisione "
        "2011/833/UE).",
        "en": "Source: Eurostat ({table}), extracted {extracted}; data processed by "
        "Nesta/EURITO (MIT licence). Reuse authorised with acknowledgement of the source "
        "(Decision 2011/833/EU).",
    },
    "ctx.empty": {
        "it": "Nessun indicatore di contesto caricato: eseguire «s3dash seed».",
        "en": "No context indicator loaded: run “s3dash seed”.",
    },
    # measures
    "ctx.m.rd_e_gerdreg_total_pc_gdp": {
        "it": "Spesa in R&S (GERD), % del PIL",
        "en": "R&D expenditure (GERD), % of GDP",
    },
    "ctx.m.rd_e_gerdreg_bes_pc_gdp": {
        "it": "Spesa in R&S delle imprese, % del PIL",
        "en": "Business R&D expenditure, % of GDP",
    },
    "ctx.m.rd_e_gerdreg_total_eur_hab": {
        "it": "Spesa in R&S (GERD), € per abitante",
        "en": "R&D expenditure (GERD), € per inhabitant",
    },
    "ctx.m.rd_e_gerdreg_total_mio_eur": {
        "it": "Spesa in R&S (GERD), milioni di €",
        "en": "R&D expenditure (GERD), million €",
    },
    "ctx.m.hrst_st_rcat_hrst_pc_act": {
        "it": "Risorse umane in scienza e tecnologia (HRST), % della popolazione attiva",
        "en": "Human resources in science and technology (HRST), % of the active population",
    },
    "ctx.m.hrst_st_rcat_hrstc_pc_act": {
        "it": "Nucleo HRST (laurea e occupazione S&T), % della popolazione attiva",
        "en": "HRST core (tertiary education and S&T occupation), % of the active population",
    },
    # controls
    "ctx.measure.label": {"it": "Indicatore", "en": "Measure"},
    "ctx.peers.label": {"it": "Regioni a confronto", "en": "Regions compared"},
    "ctx.peers.current": {"it": "Regioni simili: {names}", "en": "Peer regions: {names}"},
    "ctx.add.label": {
        "it": "Aggiungi una regione (codice NUTS o nome)",
        "en": "Add a region (NUTS code or name)",
    },
    "ctx.add.button": {"it": "Aggiungi", "en": "Add"},
    "ctx.add.unknown": {
        "it": "Nessuna regione corrisponde a «{text}».",
        "en": "No region matches “{text}”.",
    },
    "ctx.pub.remove": {"it": "Togli {name}", "en": "Remove {name}"},
    "ctx.reset": {"it": "Regioni simili predefinite", "en": "Default peer regions"},
    "ctx.peers.unknown": {
        "it": "Codici regione sconosciuti ignorati: {codes}",
        "en": "Unknown region codes ignored: {codes}",
    },
    # comparison chart
    "ctx.compare.title": {"it": "{measure}: confronto", "en": "{measure}: comparison"},
    "ctx.compare.description": {
        "it": "Andamento annuo di {measure} per {names}. Ultimo valore della Lombardia: "
        "{value} ({year}); UE-27: {eu}. Gli anni senza dato restano vuoti.",
        "en": "Yearly {measure} for {names}. Lombardy's latest value: {value} ({year}); "
        "EU-27: {eu}. Years without data are left blank.",
    },
    "ctx.compare.caption": {
        "it": "{measure} per anno e regione",
        "en": "{measure} by year and region",
    },
    "ctx.goal": {"it": "Obiettivo UE 3%", "en": "EU 3% goal"},
    # rank
    "ctx.rank.title": {
        "it": "Posizione della Lombardia tra le regioni NUTS-2 dell'UE",
        "en": "Lombardy's rank among the EU's NUTS-2 regions",
    },
    "ctx.rank.description": {
        "it": "Posizione ogni anno (1 = valore più alto). Ultimo anno, {year}: {rank}ª su "
        "{regions} regioni con il dato.",
        "en": "Rank each year (1 = highest value). Latest year, {year}: {rank} of {regions} "
        "regions with data.",
    },
    "ctx.rank.none": {
        "it": "Posizione non calcolabile: nessun dato della Lombardia.",
        "en": "No rank: Lombardy has no value.",
    },
    "ctx.rank.hover": {"it": "%{y}ª su %{customdata}", "en": "%{y} of %{customdata}"},
    "ctx.rank.series": {"it": "Posizione", "en": "Rank"},
    "ctx.rank.axis": {"it": "Posizione (1 = prima)", "en": "Rank (1 = first)"},
    "ctx.rank.caption": {
        "it": "Posizione della Lombardia per anno",
        "en": "Lombardy's rank by year",
    },
    "ctx.col.rank": {"it": "Posizione", "en": "Rank"},
    "ctx.col.regions": {"it": "Regioni con il dato", "en": "Regions with data"},
    "ctx.col.region": {"it": "Regione", "en": "Region"},
    "ctx.col.measure": {"it": "Indicatore", "en": "Measure"},
    "ctx.col.lombardy": {"it": "Lombardia", "en": "Lombardy"},
    "ctx.col.eu": {"it": "UE-27", "en": "EU-27"},
    "ctx.col.pace": {"it": "Ritmo annuo", "en": "Pace per year"},
    "ctx.col.peers_pace": {"it": "Ritmo mediano delle regioni simili", "en": "Peers' median pace"},
    "ctx.col.trend": {"it": "Tendenza", "en": "Trend"},
    # goal
    "ctx.goal.title": {
        "it": "Distanza dall'obiettivo UE del 3% del PIL in R&S",
        "en": "Distance to the EU goal of 3% of GDP in R&D",
    },
    "ctx.goal.text": {
        "it": "Nel {year} la Lombardia investe in R&S il {value} del PIL: mancano {gap} "
        "punti percentuali all'obiettivo UE del 3% (UE-27: {eu}).",
        "en": "In {year} Lombardy invests {value} of GDP in R&D: {gap} percentage points "
        "short of the EU 3% goal (EU-27: {eu}).",
    },
    "ctx.goal.reached": {
        "it": "Nel {year} la Lombardia ha raggiunto l'obiettivo UE del 3% ({value}).",
        "en": "In {year} Lombardy reached the EU 3% goal ({value}).",
    },
    # forecast
    "ctx.forecast.title": {
        "it": "{measure}: previsione per la Lombardia al 2027",
        "en": "{measure}: Lombardy's forecast to 2027",
    },
    "ctx.forecast.description": {
        "it": "Valori osservati e previsione con banda all'80% calibrata sugli errori di "
        "serie reali comparabili (lo stesso metodo degli indicatori). Fine 2027: {median} "
        "(tra {low} e {high}).",
        "en": "Observed values and forecast with its 80% band calibrated on the errors of "
        "comparable real series (the same method as the indicators). End of 2027: {median} "
        "(between {low} and {high}).",
    },
    "ctx.forecast.goal": {
        "it": "Probabilità di raggiungere il 3% entro il 2027: {p}.",
        "en": "Probability of reaching 3% by 2027: {p}.",
    },
    "ctx.forecast.caption": {
        "it": "Previsione della Lombardia (mediana e banda all'80%)",
        "en": "Lombardy's forecast (median and 80% band)",
    },
    "ctx.forecast.none": {
        "it": "Previsione non ancora calcolata: eseguire «s3dash forecast».",
        "en": "No forecast computed yet: run “s3dash forecast”.",
    },
    # trend
    "ctx.trend.title": {"it": "Tendenza da invertire?", "en": "A trend to reverse?"},
    "ctx.trend.behind": {
        "it": "Tendenza da invertire: la Lombardia cresce di {pace} l'anno, meno del "
        "ritmo mediano delle regioni simili ({median} l'anno, {n} regioni).",
        "en": "Trend to reverse: Lombardy grows by {pace} a year, slower than its peers' "
        "median pace ({median} a year, {n} regions).",
    },
    "ctx.trend.ahead": {
        "it": "La Lombardia cresce di {pace} l'anno, non meno del ritmo mediano delle "
        "regioni simili ({median} l'anno, {n} regioni).",
        "en": "Lombardy grows by {pace} a year, no slower than its peers' median pace "
        "({median} a year, {n} regions).",
    },
    "ctx.trend.none": {
        "it": "Tendenza non valutabile: servono almeno 3 valori negli ultimi 10 anni per la "
        "Lombardia e per almeno 2 regioni simili.",
        "en": "Trend not assessable: it needs at least 3 values in the last 10 years for "
        "Lombardy and for at least 2 peers.",
    },
    "ctx.trend.method": {
        "it": "Ritmo = pendenza (minimi quadrati) degli ultimi 10 anni con dato.",
        "en": "Pace = least-squares slope over the last 10 years with data.",
    },
    "ctx.trend.flag": {"it": "Da invertire", "en": "To reverse"},
    "ctx.trend.ok": {"it": "In linea", "en": "Keeping pace"},
    # summary and strip
    "ctx.summary.title": {"it": "Tutti gli indicatori di contesto", "en": "Every context measure"},
    "ctx.summary.caption": {
        "it": "Ultimo valore della Lombardia e dell'UE-27, posizione e tendenza",
        "en": "Latest value of Lombardy and the EU-27, rank and trend",
    },
    "ctx.strip.title": {"it": "Contesto europeo", "en": "European context"},
    "ctx.strip.item": {
        "it": "{measure}: Lombardia {value} ({year}), UE-27 {eu}; {rank}",
        "en": "{measure}: Lombardy {value} ({year}), EU-27 {eu}; {rank}",
    },
    "ctx.strip.rank": {
        "it": "{rank}ª su {regions} regioni UE",
        "en": "rank {rank} of {regions} EU regions",
    },
    "ctx.strip.link": {"it": "Vai al contesto", "en": "See the context"},
    "pub.nav.context": {"it": "Contesto europeo", "en": "European context"},
    "pub.view.context": {"it": "Contesto europeo", "en": "European context"},
    "ctx.pub.standing": {
        "it": "Lombardia: {value} nel {year}; UE-27 nello stesso anno: {eu}; {rank}.",
        "en": "Lombardy: {value} in {year}; EU-27 the same year: {eu}; {rank}.",
    },
    "ctx.pub.forecast": {
        "it": "Previsione a fine 2027: {median} (intervallo all'80% tra {low} e {high}).",
        "en": "Forecast for the end of 2027: {median} (80% interval {low} to {high}).",
    },
    "ctx.csv": {"it": "Scarica in CSV", "en": "Download as CSV"},
    "ctx.short.rd_e_gerdreg_total_pc_gdp": {"it": "R&S % PIL", "en": "R&D % GDP"},
    "ctx.short.hrst_st_rcat_hrst_pc_act": {"it": "HRST % attivi", "en": "HRST % active"},
}
