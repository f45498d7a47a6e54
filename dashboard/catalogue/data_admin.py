"""Strings of login (keys `auth.*`), the Data page (`dm.*`) and chart downloads."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # login page and account bar
    "auth.title": {"it": "Accesso", "en": "Sign in"},
    "auth.lead": {
        "it": "Area riservata al personale di Regione Lombardia.",
        "en": "Staff area of Regione Lombardia.",
    },
    "auth.username": {"it": "Nome utente", "en": "User name"},
    "auth.password": {"it": "Password", "en": "Password"},
    "auth.submit": {"it": "Accedi", "en": "Sign in"},
    "auth.wrong": {
        "it": "Nome utente o password errati.",
        "en": "Wrong username or password.",
    },
    "auth.expired": {
        "it": "Il modulo è scaduto o non è valido: riprova.",
        "en": "The form has expired or is not valid: please try again.",
    },
    "auth.public": {
        "it": "Cerchi i dati pubblici? Vai a S3 Monitor — dati aperti.",
        "en": "Looking for the public data? Go to S3 Monitor — open data.",
    },
    "auth.signed_in": {"it": "{name} ({role})", "en": "{name} ({role})"},
    "auth.signed_in_label": {"it": "Utente connesso", "en": "Signed in user"},
    "auth.logout": {"it": "Esci", "en": "Log out"},
    "auth.dev_banner": {
        "it": "Accesso disattivato (sviluppo, solo loopback): chiunque usi questo computer "
        "può modificare i dati.",
        "en": "Login disabled (development, loopback only): anyone using this computer can "
        "change the data.",
    },
    "auth.unknown_proxy_user": {
        "it": "L'utente «{name}» non è registrato in S3 Monitor: chiedi a un amministratore.",
        "en": "User “{name}” is not registered in S3 Monitor: ask an administrator.",
    },
    "auth.role.viewer": {"it": "consultazione", "en": "viewer"},
    "auth.role.editor": {"it": "redazione", "en": "editor"},
    "auth.role.admin": {"it": "amministrazione", "en": "admin"},
    # data page
    "dm.lead": {
        "it": "Carica nuovi dati, controllali in anteprima, importali e pubblicali. Ogni "
        "modifica è registrata nello storico e si può annullare.",
        "en": "Load new data, check it in a preview, import and publish it. Every change is "
        "recorded in the history and can be undone.",
    },
    "dm.viewer_note": {
        "it": "Il tuo ruolo ({role}) permette di consultare ed esportare i dati, non di "
        "modificarli.",
        "en": "Your role ({role}) lets you read and export the data, not change it.",
    },
    "dm.denied": {
        "it": "Il tuo ruolo non permette di modificare i dati.",
        "en": "Your role does not allow changing the data.",
    },
    "dm.load.title": {"it": "Carica dati", "en": "Load data"},
    "dm.kind": {"it": "Tipo di dati", "en": "Kind of data"},
    "dm.kind.ecosystems": {"it": "Ecosistemi", "en": "Ecosystems"},
    "dm.kind.clusters": {"it": "Cluster", "en": "Clusters"},
    "dm.kind.indicators": {"it": "Indicatori", "en": "Indicators"},
    "dm.kind.observations": {"it": "Valori degli indicatori", "en": "Indicator values"},
    "dm.kind.calls": {"it": "Bandi e misure", "en": "Calls and measures"},
    "dm.kind.projects": {"it": "Progetti finanziati", "en": "Funded projects"},
    "dm.upload.prompt": {
        "it": "Trascina qui un file CSV o XLSX, oppure fai clic per sceglierlo",
        "en": "Drop a CSV or XLSX file here, or click to choose one",
    },
    "dm.upload.help": {
        "it": "CSV UTF-8 separato da virgole, o XLSX con la stessa intestazione (vedi "
        "un'esportazione qui sotto); al massimo {mb} MB: il browser ignora i file più "
        "grandi, che si importano con `s3dash import`. I nuovi valori degli indicatori "
        "arrivano in bozza.",
        "en": "UTF-8 CSV separated by commas, or XLSX with the same header (see an export "
        "below); at most {mb} MB: the browser ignores larger files, which are imported with "
        "`s3dash import`. New indicator values arrive as drafts.",
    },
    "dm.preview.title": {"it": "Anteprima: {file}", "en": "Preview: {file}"},
    "dm.preview.problems": {
        "it": "{n} problemi: non è stato scritto nulla. Correggi il file e caricalo di nuovo.",
        "en": "{n} problems: nothing was written. Fix the file and upload it again.",
    },
    "dm.preview.ok": {
        "it": "{rows} righe valide: {new} nuove, {updated} modificate, {unchanged} invariate. "
        "Non è ancora stato scritto nulla: conferma con «Importa».",
        "en": "{rows} valid rows: {new} new, {updated} updated, {unchanged} unchanged. "
        "Nothing has been written yet: confirm with “Import”.",
    },
    "dm.preview.shown": {
        "it": "Sono mostrate le prime {shown} righe su {total}.",
        "en": "The first {shown} of {total} rows are shown.",
    },
    "dm.preview.problems_table": {"it": "Problemi del file", "en": "Problems in the file"},
    "dm.preview.rows_table": {"it": "Righe da importare", "en": "Rows to import"},
    "dm.preview.too_large": {
        "it": "Il file supera {mb} MB: usa `s3dash import`.",
        "en": "The file is larger than {mb} MB: use `s3dash import`.",
    },
    "dm.preview.unreadable": {
        "it": "Il file caricato non si può leggere: riprova.",
        "en": "The uploaded file cannot be read: please try again.",
    },
    "dm.problems.download": {
        "it": "Scarica l'elenco dei problemi (CSV)",
        "en": "Download the list of problems (CSV)",
    },
    "dm.commit": {"it": "Importa", "en": "Import"},
    "dm.commit.done": {
        "it": "Importazione n. {batch} completata: {new} nuove, {updated} modificate, "
        "{unchanged} invariate.",
        "en": "Import no. {batch} done: {new} new, {updated} updated, {unchanged} unchanged.",
    },
    "dm.commit.drafts": {
        "it": "I nuovi valori sono in bozza: pubblicali qui sotto perché il pubblico li veda.",
        "en": "The new values are drafts: publish them below for the public to see them.",
    },
    "dm.commit.refused": {
        "it": "Importazione rifiutata ({n} problemi): non è stato scritto nulla.",
        "en": "Import refused ({n} problems): nothing was written.",
    },
    "dm.commit.stale": {
        "it": "Il file o il tipo non corrispondono all'anteprima: caricalo di nuovo.",
        "en": "The file or the kind no longer match the preview: upload it again.",
    },
    "dm.drafts.title": {"it": "Bozze da pubblicare", "en": "Drafts to publish"},
    "dm.drafts.none": {
        "it": "Nessuna bozza: tutti i valori sono pubblicati.",
        "en": "No drafts: every value is published.",
    },
    "dm.drafts.lead": {
        "it": "{n} valori in bozza: non compaiono nella pagina pubblica né nell'API.",
        "en": "{n} draft values: they appear neither on the public page nor in the API.",
    },
    "dm.drafts.table": {"it": "Bozze per importazione", "en": "Drafts by import"},
    "dm.drafts.no_batch": {"it": "senza importazione", "en": "no import"},
    "dm.publish": {"it": "Pubblica", "en": "Publish"},
    "dm.publish_all": {"it": "Pubblica tutte le bozze", "en": "Publish every draft"},
    "dm.publish.done": {"it": "{n} valori pubblicati.", "en": "{n} values published."},
    "dm.publish.none": {"it": "Nessuna bozza da pubblicare.", "en": "No draft to publish."},
    "dm.history.lead": {
        "it": "Ogni tentativo di importazione, pubblicazione e annullamento, con chi, quando, "
        "il file e la sua impronta SHA-256.",
        "en": "Every import attempt, publication and undo: who, when, the file and its "
        "SHA-256 fingerprint.",
    },
    "dm.undo": {"it": "Annulla", "en": "Undo"},
    "dm.undo.label": {"it": "Annulla l'importazione n. {batch}", "en": "Undo import no. {batch}"},
    "dm.undo.confirm": {
        "it": "Annullare l'importazione n. {batch} ({file})? I dati che ha modificato "
        "tornano com'erano prima.",
        "en": "Undo import no. {batch} ({file})? The data it changed go back to what they "
        "were before.",
    },
    "dm.undo.done": {
        "it": "Importazione n. {batch} annullata: {rows} righe ripristinate.",
        "en": "Import no. {batch} undone: {rows} rows restored.",
    },
    "dm.undo.missing": {
        "it": "l'importazione n. {batch} non esiste.",
        "en": "import no. {batch} does not exist.",
    },
    "dm.undo.not_committed": {
        "it": "l'importazione n. {batch} non è un'importazione eseguita ({outcome}).",
        "en": "import no. {batch} is not a committed import ({outcome}).",
    },
    "dm.undo.no_snapshot": {
        "it": "l'importazione n. {batch} non si può annullare: lo stato precedente non è "
        "stato registrato (è anteriore alla funzione di annullamento, oppure ha modificato "
        "troppe righe per conservarlo).",
        "en": "import no. {batch} cannot be undone: what it replaced was not recorded (it "
        "predates undo, or it changed too many rows to keep their previous state).",
    },
    "dm.undo.later": {
        "it": "righe di questa importazione sono state modificate dopo dalle importazioni "
        "n. {later}: annulla prima quelle.",
        "en": "rows of this import were changed later by imports no. {later}: undo those first.",
    },
    "dm.undo.gone": {
        "it": "{n} righe modificate da questa importazione non esistono più.",
        "en": "{n} rows this import updated no longer exist.",
    },
    "dm.undo.dependents": {
        "it": "altri dati ({table}: {n} righe) usano righe create da questa importazione.",
        "en": "other data ({table}: {n} rows) use rows this import created.",
    },
    "dm.undo.refused": {"it": "Annullamento rifiutato: {reason}", "en": "Undo refused: {reason}"},
    "dm.exports.title": {"it": "Esporta", "en": "Export"},
    "dm.exports.lead": {
        "it": "Tutti i dati, bozze comprese, nel formato di importazione; le celle che un "
        "foglio di calcolo eseguirebbe come formule sono neutralizzate. L'API pubblica "
        "(/api/v1/) dà solo i dati pubblicati.",
        "en": "All the data, drafts included, in the import format; cells a spreadsheet "
        "would run as formulas are neutralised. The public API (/api/v1/) gives published "
        "data only.",
    },
    "dm.exports.table": {"it": "Esportazioni", "en": "Exports"},
    "dm.export.too_large": {
        "it": "La tabella ha {rows} righe, oltre le {limit} che la pagina esporta: usare "
        "`s3dash export {kind} --format {fmt} --output FILE` dalla riga di comando.",
        "en": "The table has {rows} rows, more than the {limit} the page exports: use "
        "`s3dash export {kind} --format {fmt} --output FILE` on the command line.",
    },
    "dm.outcome.committed": {"it": "importato", "en": "committed"},
    "dm.outcome.refused": {"it": "rifiutato", "en": "refused"},
    "dm.outcome.dry-run": {"it": "anteprima", "en": "preview"},
    "dm.outcome.undone": {"it": "annullato", "en": "undone"},
    "dm.outcome.undo": {"it": "annullamento", "en": "undo"},
    "dm.outcome.published": {"it": "pubblicazione", "en": "publication"},
    "dm.outcome.removed": {"it": "dati dimostrativi rimossi", "en": "demo data removed"},
    "dm.action.new": {"it": "nuova", "en": "new"},
    "dm.action.updated": {"it": "modificata", "en": "updated"},
    "dm.action.unchanged": {"it": "invariata", "en": "unchanged"},
    "dm.all_drafts": {"it": "tutte le bozze", "en": "every draft"},
    "col.row": {"it": "Riga", "en": "Row"},
    "col.column": {"it": "Colonna", "en": "Column"},
    "col.problem": {"it": "Problema", "en": "Problem"},
    "col.row_action": {"it": "Esito", "en": "Result"},
    "col.batch": {"it": "N.", "en": "No."},
    "col.sha256": {"it": "SHA-256", "en": "SHA-256"},
    "col.actions": {"it": "Azioni", "en": "Actions"},
    "col.drafts": {"it": "Bozze", "en": "Drafts"},
    "col.table": {"it": "Tabella", "en": "Table"},
    "col.download": {"it": "Scarica", "en": "Download"},
    # chart data downloads (dashboard.components.chart_block)
    "chart.download": {"it": "Dati del grafico:", "en": "Chart data:"},
    "chart.download.csv": {"it": "CSV", "en": "CSV"},
    "chart.download.xlsx": {"it": "XLSX", "en": "XLSX"},
}
