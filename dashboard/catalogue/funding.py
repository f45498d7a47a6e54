"""Strings of the funding page (calls, ratios, flow, projects) and the ecosystems page."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # navigation
    "nav.ecosystems": {"it": "Ecosistemi", "en": "Ecosystems"},
    # funding: calls grid
    "funding.lead": {
        "it": "Bandi, misure e accordi con le cifre dei documenti, i rapporti che se ne "
        "ricavano e, dove caricati, i progetti finanziati.",
        "en": "Calls, measures and agreements with the figures of the documents, the ratios "
        "derived from them and, where loaded, the funded projects.",
    },
    "funding.calls.title": {"it": "Bandi e misure", "en": "Calls and measures"},
    "funding.calls.help": {
        "it": "Ordina con un clic sull'intestazione, filtra dal menu della colonna; con la "
        "tastiera: frecce per spostarsi, Invio per ordinare. «n.d.»: cifra non indicata "
        "dalla fonte.",
        "en": "Sort by clicking a header, filter from the column menu; with the keyboard: "
        "arrow keys to move, Enter to sort. “n/a”: figure not given by the source.",
    },
    "funding.ratios.help": {
        "it": "Rapporti: sovrascrizione = richiesto / dotazione; tasso di ammissione = "
        "ammessi (o beneficiari) / domande; contributo medio = concesso / beneficiari. "
        "Un rapporto compare solo quando la fonte dà entrambe le cifre.",
        "en": "Ratios: oversubscription = requested / budget; admission rate = admitted "
        "(or beneficiaries) / applications; average grant = granted / beneficiaries. "
        "A ratio is shown only when the source gives both figures.",
    },
    "grid.export": {"it": "Scarica la tabella (CSV)", "en": "Download the table (CSV)"},
    "col.admitted": {"it": "Ammessi", "en": "Admitted"},
    "col.oversubscription": {"it": "Sovrascrizione", "en": "Oversubscription"},
    "col.admission_rate": {"it": "Tasso di ammissione", "en": "Admission rate"},
    "col.average_grant": {"it": "Contributo medio", "en": "Average grant"},
    "col.status_call": {"it": "Stato", "en": "Status"},
    "col.projects": {"it": "Progetti", "en": "Projects"},
    "col.project_funding": {"it": "Finanziamento progetti", "en": "Project funding"},
    "col.synthetic": {"it": "Sintetico", "en": "Synthetic"},
    "col.synthetic_projects": {
        "it": "di cui progetti SINTETICI (demo)",
        "en": "of which SYNTHETIC projects (demo)",
    },
    "col.title": {"it": "Titolo", "en": "Title"},
    "col.cup": {"it": "CUP", "en": "CUP"},
    "col.theme": {"it": "Tema", "en": "Theme"},
    "col.public_funding": {"it": "Finanziamento pubblico", "en": "Public funding"},
    "col.start": {"it": "Inizio", "en": "Start"},
    "col.end": {"it": "Fine", "en": "End"},
    "col.month": {"it": "Mese", "en": "Month"},
    "col.calls_n": {"it": "Bandi", "en": "Calls"},
    "col.budget_known": {"it": "Bandi con dotazione", "en": "Calls with a budget"},
    "col.clusters_n": {"it": "Cluster", "en": "Clusters"},
    "col.indicators_n": {"it": "Indicatori", "en": "Indicators"},
    "col.share": {"it": "Quota", "en": "Share"},
    "synthetic.tag": {"it": "SINTETICO", "en": "SYNTHETIC"},
    "no_programme": {"it": "Programma non indicato", "en": "Programme not given"},
    "no_instrument": {"it": "Strumento non indicato", "en": "Instrument not given"},
    "no_year": {"it": "Anno non indicato", "en": "Year not given"},
    "no_ecosystem": {"it": "Ecosistema non assegnato", "en": "No ecosystem assigned"},
    # funding: breakdowns
    "funding.breakdowns": {"it": "Ripartizioni", "en": "Breakdowns"},
    "funding.breakdown.programme": {"it": "Per programma", "en": "By programme"},
    "funding.breakdown.year": {"it": "Per anno", "en": "By year"},
    "funding.breakdown.ecosystem": {"it": "Per ecosistema", "en": "By ecosystem"},
    "funding.breakdown.instrument": {"it": "Per strumento", "en": "By instrument"},
    "funding.breakdown.description": {
        "it": "{groups} gruppi. Il più dotato è «{top}» con {budget} di dotazione su {n} "
        "bandi. Somme delle cifre disponibili: un gruppo senza alcuna cifra resta «n.d.».",
        "en": "{groups} groups. The largest budget is “{top}”, {budget} over {n} calls. "
        "Sums of the available figures: a group with no figure at all stays “n/a”.",
    },
    "funding.breakdown.none": {
        "it": "Nessun bando dà una dotazione: il grafico mostra le cifre disponibili.",
        "en": "No call gives a budget: the chart shows the figures available.",
    },
    "funding.breakdown.multi": {
        "it": "Un bando che serve più ecosistemi conta per intero in ciascuno: la somma "
        "delle righe può superare il totale.",
        "en": "A call serving several ecosystems counts in full in each: the rows may add "
        "up to more than the total.",
    },
    # funding: flow and ranked bars
    "funding.flow.title": {
        "it": "Flusso delle dotazioni: programma → ecosistema → bando",
        "en": "Budget flow: programme → ecosystem → call",
    },
    "funding.flow.description": {
        "it": "{total} di dotazione di {n} bandi, da {programmes} programmi verso "
        "{ecosystems} ecosistemi. Esclusi {missing} bandi senza dotazione nella fonte. Un "
        "bando che serve più ecosistemi è diviso in parti uguali, solo in questo grafico.",
        "en": "{total} of budget of {n} calls, from {programmes} programmes to {ecosystems} "
        "ecosystems. Left out: {missing} calls whose budget the source does not give. A "
        "call serving several ecosystems is split equally, in this chart only.",
    },
    "funding.flow.empty": {
        "it": "Nessun bando con dotazione da mostrare.",
        "en": "No call with a budget to show.",
    },
    "col.from": {"it": "Da", "en": "From"},
    "col.to": {"it": "A", "en": "To"},
    "col.amount": {"it": "Importo", "en": "Amount"},
    "funding.ranked.budget": {"it": "Bandi per dotazione", "en": "Calls by budget"},
    "funding.ranked.granted": {"it": "Bandi per contributi concessi", "en": "Calls by grants"},
    "funding.ranked.oversubscription": {
        "it": "Bandi per sovrascrizione (richiesto / dotazione)",
        "en": "Calls by oversubscription (requested / budget)",
    },
    "funding.ranked.description": {
        "it": "{n} bandi con la cifra nella fonte, dal maggiore: primo «{top}» con {value}.",
        "en": "{n} calls with the figure in the source, largest first: “{top}” leads with {value}.",
    },
    "funding.ranked.empty": {
        "it": "Nessun bando ha questa cifra nella fonte.",
        "en": "No call has this figure in the source.",
    },
    # funding: projects
    "projects.title": {"it": "Progetti finanziati", "en": "Funded projects"},
    "projects.pick": {"it": "Progetti del bando", "en": "Projects of the call"},
    "projects.pick_all": {"it": "Tutti i bandi", "en": "Every call"},
    "projects.summary": {
        "it": "{n} progetti, {amount} di finanziamento pubblico netto.",
        "en": "{n} projects, {amount} of net public funding.",
        "it_one": "{n} progetto, {amount} di finanziamento pubblico netto.",
        "en_one": "{n} project, {amount} of net public funding.",
    },
    "projects.measure_note": {
        "it": "Gli importi sono il finanziamento pubblico netto delle economie "
        "(OpenCoesione OC_FINANZ_TOT_PUB_NETTO); il lordo (FINANZ_TOTALE_PUBBLICO) è {gross}.",
        "en": "Amounts are public funding net of savings (OpenCoesione "
        "OC_FINANZ_TOT_PUB_NETTO); the gross (FINANZ_TOTALE_PUBBLICO) is {gross}.",
    },
    "projects.gross_fallback": {
        "it": "Per {n} progetti la fonte non dà il netto: vale il lordo.",
        "en": "For {n} projects the source gives no net figure: the gross is used.",
        "it_one": "Per {n} progetto la fonte non dà il netto: vale il lordo.",
        "en_one": "For {n} project the source gives no net figure: the gross is used.",
    },
    "projects.payments": {
        "it": "Pagamenti: {payments}; avanzamento della spesa (pagamenti ÷ finanziamento, "
        "sui progetti con pagamenti noti): {progress}.",
        "en": "Payments: {payments}; spending progress (payments ÷ funding, over the "
        "projects whose payments are known): {progress}.",
    },
    "projects.warned": {
        "it": "{n} progetti hanno avvertenze della fonte (incongruenze importate e segnalate: "
        "vedi la pagina Dati).",
        "en": "{n} projects carry warnings of the source (inconsistencies imported and "
        "flagged: see the Data page).",
        "it_one": "{n} progetto ha avvertenze della fonte (incongruenze importate e "
        "segnalate: vedi la pagina Dati).",
        "en_one": "{n} project carries warnings of the source (inconsistencies imported and "
        "flagged: see the Data page).",
    },
    "projects.programme.title": {
        "it": "Progetti per programma: finanziamento, pagamenti, avanzamento della spesa",
        "en": "Projects by programme: funding, payments, spending progress",
    },
    "projects.no_programme": {"it": "Programma non indicato", "en": "Programme not given"},
    "projects.place.region": {
        "it": "Tutta la Lombardia (nessuna provincia)",
        "en": "All of Lombardy (no single province)",
    },
    "projects.place.multi": {
        "it": "Più province, o anche fuori Lombardia",
        "en": "Several provinces, or also outside Lombardy",
    },
    "col.net_funding": {"it": "Finanziamento pubblico netto", "en": "Net public funding"},
    "col.gross_funding": {"it": "Finanziamento pubblico lordo", "en": "Gross public funding"},
    "col.payments": {"it": "Pagamenti", "en": "Payments"},
    "col.commitments": {"it": "Impegni", "en": "Commitments"},
    "col.spending_progress": {"it": "Avanzamento spesa", "en": "Spending progress"},
    "col.ecosystem_rule": {"it": "Regola dell'ecosistema", "en": "Ecosystem rule"},
    "col.warnings": {"it": "Avvertenze della fonte", "en": "Warnings of the source"},
    "projects.unknown_amounts": {
        "it": "Per {n} progetti la fonte non dà l'importo: il totale somma quelli noti.",
        "en": "For {n} projects the source gives no amount: the total adds the known ones.",
        "it_one": "Per {n} progetto la fonte non dà l'importo: il totale somma quelli noti.",
        "en_one": "For {n} project the source gives no amount: the total adds the known ones.",
    },
    "projects.filtered_note": {
        "it": "Con il filtro per ecosistema si contano i progetti collegati all'ecosistema o "
        "trasversali; quelli senza ecosistema assegnato restano fuori.",
        "en": "With the ecosystem filter, the projects linked to the ecosystem or "
        "cross-cutting are counted; those with no ecosystem assigned are left out.",
    },
    "projects.summary_synthetic": {
        "it": "Di cui SINTETICI (dati dimostrativi, non reali): {n} progetti, {amount}.",
        "en": "Of which SYNTHETIC (demo data, not real): {n} projects, {amount}.",
        "it_one": "Di cui SINTETICO (dato dimostrativo, non reale): {n} progetto, {amount}.",
        "en_one": "Of which SYNTHETIC (demo data, not real): {n} project, {amount}.",
    },
    "projects.none": {
        "it": "Nessun progetto finanziato caricato per questa selezione.",
        "en": "No funded project is loaded for this selection.",
    },
    "projects.none_call": {
        "it": "Nessun progetto finanziato caricato per «{name}». I progetti si importano "
        "dalla pagina Dati o con `s3dash import projects` (formato OpenCoesione).",
        "en": "No funded project is loaded for “{name}”. Projects are imported from the "
        "Data page or with `s3dash import projects` (OpenCoesione format).",
    },
    "projects.unknown_call": {
        "it": "Bando «{code}» non trovato: scegli un bando dall'elenco.",
        "en": "Call “{code}” not found: choose a call from the list.",
    },
    "projects.call_filtered": {
        "it": "Il bando «{name}» non serve l'ecosistema «{ecosystem}»: togli il filtro per "
        "vederne i progetti.",
        "en": "The call “{name}” does not serve the ecosystem “{ecosystem}”: remove the "
        "filter to see its projects.",
    },
    "projects.by_call": {"it": "Progetti per bando", "en": "Projects by call"},
    "projects.no_call": {"it": "Senza bando", "en": "No call"},
    "projects.list": {
        "it": "Progetti del bando «{name}»",
        "en": "Projects of the call “{name}”",
    },
    "projects.list_capped": {
        "it": "Mostrati i {shown} progetti con il finanziamento maggiore su {n}; i totali "
        "e i grafici contano tutti i progetti.",
        "en": "Showing the {shown} projects with the largest funding of {n}; totals and "
        "charts count every project.",
    },
    "projects.province.title": {
        "it": "Finanziamento dei progetti per provincia",
        "en": "Project funding by province",
    },
    "projects.province.description": {
        "it": "{n} province. In testa {top} con {amount} ({share} del totale).",
        "en": "{n} provinces. {top} leads with {amount} ({share} of the total).",
    },
    "projects.month.title": {
        "it": "Finanziamento dei progetti per mese di avvio",
        "en": "Project funding by start month",
    },
    "projects.month.description": {
        "it": "Da {first} a {last}: il mese con più finanziamento è {top} con {amount}. "
        "{undated} progetti senza data di avvio non compaiono nel grafico.",
        "en": "From {first} to {last}: the month with the most funding is {top}, with "
        "{amount}. {undated} projects without a start date are not in the chart.",
    },
    "projects.month.no_amounts": {
        "it": "La fonte non dà l'importo di nessuno di questi progetti. {undated} progetti "
        "senza data di avvio non compaiono nel grafico.",
        "en": "The source gives the amount of none of these projects. {undated} projects "
        "without a start date are not in the chart.",
    },
    "projects.hover": {
        "it": "{name}: {amount}, {n} progetti (di cui sintetici: {synthetic})",
        "en": "{name}: {amount}, {n} projects (synthetic: {synthetic})",
        "it_one": "{name}: {amount}, {n} progetto (di cui sintetici: {synthetic})",
        "en_one": "{name}: {amount}, {n} project (synthetic: {synthetic})",
    },
    "projects.unknown_province": {"it": "Provincia non indicata", "en": "Province not given"},
    # ecosystems page
    "ecosystems.title": {"it": "Ecosistemi dell'innovazione", "en": "Innovation ecosystems"},
    "ecosystems.lead": {
        "it": "Gli 8 ecosistemi della Strategia S3 e le misure trasversali: cluster e "
        "associati che li servono, bandi e risorse, indicatori, progetti per provincia.",
        "en": "The 8 ecosystems of the S3 strategy and the cross-cutting measures: the "
        "clusters and members serving them, calls and money, indicators, projects by "
        "province.",
    },
    "ecosystems.focus": {
        "it": "Vista su «{name}». Il confronto qui sotto mostra tutti gli ecosistemi.",
        "en": "Focused on “{name}”. The comparison below shows every ecosystem.",
    },
    "ecosystems.compare.title": {"it": "Ecosistemi a confronto", "en": "Ecosystems side by side"},
    "ecosystems.compare.table": {
        "it": "Ecosistemi a confronto: cluster, bandi dedicati, indicatori, progetti",
        "en": "Ecosystems side by side: clusters, dedicated calls, indicators, projects",
    },
    "ecosystems.compare.note": {
        "it": "Bandi e progetti dedicati: collegati a quell'ecosistema soltanto; le misure "
        "trasversali, che servono tutti, sono nella riga «Trasversale». Un bando che serve "
        "più ecosistemi conta per intero in ciascuno.",
        "en": "Dedicated calls and projects: linked to that ecosystem only; cross-cutting "
        "measures, which serve all, are in the “Cross-cutting” row. A call serving several "
        "ecosystems counts in full in each.",
    },
    "ecosystems.money.title": {
        "it": "Risorse per ecosistema: bandi dedicati e progetti",
        "en": "Money by ecosystem: dedicated calls and projects",
    },
    "ecosystems.money.description": {
        "it": "Dotazione dei bandi dedicati: in testa {top} con {amount}. {nd} ecosistemi "
        "non hanno bandi dedicati con dotazione nella fonte (barra assente, non zero).",
        "en": "Budget of the dedicated calls: {top} leads with {amount}. {nd} ecosystems "
        "have no dedicated call with a budget in the source (no bar, not zero).",
    },
    "ecosystems.clusters.title": {
        "it": "Cluster che servono ciascun ecosistema",
        "en": "Clusters serving each ecosystem",
    },
    "ecosystems.clusters.description": {
        "it": "Ogni cluster ha uno o più ecosistemi di riferimento e altri in sinergia S3. "
        "In testa {top} con {n} cluster.",
        "en": "Each cluster has one or more reference ecosystems and others as S3 "
        "synergies. {top} leads with {n} clusters.",
    },
    "ecosystems.clusters.reference": {"it": "di riferimento", "en": "reference"},
    "ecosystems.clusters.synergy": {"it": "sinergia S3", "en": "S3 synergy"},
    "ecosystems.card.clusters": {"it": "Cluster e associati", "en": "Clusters and members"},
    "ecosystems.card.no_clusters": {
        "it": "Nessun cluster lo indica.",
        "en": "No cluster names it.",
    },
    "ecosystems.card.cluster_line": {
        "it": "{name} ({role}): {members} associati — {firms} imprese, {research} "
        "organismi di ricerca, {other} altri enti",
        "en": "{name} ({role}): {members} members — {firms} firms, {research} research "
        "organisations, {other} other bodies",
    },
    "ecosystems.card.calls": {"it": "Bandi e risorse", "en": "Calls and money"},
    "ecosystems.card.calls_summary": {
        "it": "{n} bandi dedicati (dotazione {budget}, concessi {granted}); inoltre lo "
        "servono {cross} bandi trasversali.",
        "en": "{n} dedicated calls (budget {budget}, granted {granted}); {cross} "
        "cross-cutting calls serve it too.",
    },
    "ecosystems.card.calls_cross": {
        "it": "{n} misure trasversali, aperte a tutti gli ecosistemi (dotazione {budget}, "
        "concessi {granted}).",
        "en": "{n} cross-cutting measures, open to every ecosystem (budget {budget}, "
        "granted {granted}).",
    },
    "ecosystems.card.indicators_cross": {
        "it": "{n} indicatori valgono per tutti gli ecosistemi.",
        "en": "{n} indicators apply to every ecosystem.",
    },
    "ecosystems.card.no_projects": {
        "it": "Nessun progetto finanziato collegato a questo ecosistema.",
        "en": "No funded project is linked to this ecosystem.",
    },
    "ecosystems.card.indicator_line": {
        "it": "{name}: {value} ({date}); target {target}",
        "en": "{name}: {value} ({date}); target {target}",
    },
    "ecosystems.card.call_line": {
        "it": "{name}: dotazione {budget}, concessi {granted}",
        "en": "{name}: budget {budget}, granted {granted}",
    },
    "ecosystems.province.title": {
        "it": "Progetti di «{name}» per provincia",
        "en": "Projects of “{name}” by province",
    },
    "ecosystems.card.indicators": {"it": "Indicatori", "en": "Indicators"},
    "ecosystems.card.indicators_summary": {
        "it": "{n} indicatori propri; altri {all} valgono per tutti gli ecosistemi.",
        "en": "{n} indicators of its own; {all} more apply to every ecosystem.",
    },
    "ecosystems.card.projects": {"it": "Progetti per provincia", "en": "Projects by province"},
    "ecosystems.card.projects_table": {
        "it": "Progetti di «{name}» per provincia",
        "en": "Projects of “{name}” by province",
    },
    "ecosystems.card.links": {"it": "Vai a", "en": "Go to"},
    "ecosystems.card.focus": {"it": "Solo questo ecosistema", "en": "This ecosystem only"},
    "col.reference_clusters": {"it": "Cluster di riferimento", "en": "Reference clusters"},
    "col.synergy_clusters": {"it": "Cluster in sinergia", "en": "Synergy clusters"},
    "col.reference_members": {
        "it": "Associati dei cluster di riferimento",
        "en": "Members of reference clusters",
    },
    "col.dedicated_calls": {"it": "Bandi dedicati", "en": "Dedicated calls"},
    "col.dedicated_budget": {"it": "Dotazione bandi dedicati", "en": "Dedicated budget"},
    "col.dedicated_granted": {"it": "Concesso bandi dedicati", "en": "Dedicated grants"},
    # AG Grid's own interface text (dashboard/grid.py)
    "grid.locale.contains": {"it": "Contiene", "en": "Contains"},
    "grid.locale.notContains": {"it": "Non contiene", "en": "Does not contain"},
    "grid.locale.equals": {"it": "Uguale a", "en": "Equals"},
    "grid.locale.notEqual": {"it": "Diverso da", "en": "Does not equal"},
    "grid.locale.startsWith": {"it": "Inizia con", "en": "Begins with"},
    "grid.locale.endsWith": {"it": "Finisce con", "en": "Ends with"},
    "grid.locale.blank": {"it": "Vuoto", "en": "Blank"},
    "grid.locale.notBlank": {"it": "Non vuoto", "en": "Not blank"},
    "grid.locale.lessThan": {"it": "Minore di", "en": "Less than"},
    "grid.locale.greaterThan": {"it": "Maggiore di", "en": "Greater than"},
    "grid.locale.lessThanOrEqual": {"it": "Minore o uguale a", "en": "Less than or equal to"},
    "grid.locale.greaterThanOrEqual": {
        "it": "Maggiore o uguale a",
        "en": "Greater than or equal to",
    },
    "grid.locale.inRange": {"it": "Tra", "en": "Between"},
    "grid.locale.filterOoo": {"it": "Filtra…", "en": "Filter..."},
    "grid.locale.andCondition": {"it": "E", "en": "AND"},
    "grid.locale.orCondition": {"it": "O", "en": "OR"},
    "grid.locale.noRowsToShow": {"it": "Nessuna riga", "en": "No rows to show"},
    "grid.locale.page": {"it": "Pagina", "en": "Page"},
    "grid.locale.of": {"it": "di", "en": "of"},
    "grid.locale.to": {"it": "a", "en": "to"},
    "grid.locale.firstPage": {"it": "Prima pagina", "en": "First page"},
    "grid.locale.lastPage": {"it": "Ultima pagina", "en": "Last page"},
    "grid.locale.nextPage": {"it": "Pagina successiva", "en": "Next page"},
    "grid.locale.previousPage": {"it": "Pagina precedente", "en": "Previous page"},
    "grid.locale.pageSizeSelectorLabel": {"it": "Righe per pagina:", "en": "Page size:"},
}
