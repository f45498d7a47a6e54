"""Strings of value entry (`entry.*`), corrections (`rev.*`) and what changed (`chg.*`)."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "status.withdrawn": {"it": "ritirato", "en": "withdrawn"},
    "dm.outcome.corrected": {"it": "correzione", "en": "correction"},
    "dm.outcome.withdrawn": {"it": "ritiro", "en": "withdrawal"},
    "dm.outcome.restored": {"it": "ripristino", "en": "restored"},
    "dm.outcome.revised": {"it": "revisione indicatore", "en": "indicator revised"},
    # entering a value on the Data page
    "entry.title": {"it": "Inserisci un valore", "en": "Enter a value"},
    "entry.lead": {
        "it": "Il valore è controllato come una riga importata da file e arriva come bozza: "
        "pubblicalo qui sotto come per le importazioni.",
        "en": "The value is checked like a row imported from a file and arrives as a draft: "
        "publish it below as for imports.",
    },
    "entry.indicator": {
        "it": "Indicatore (cerca per codice o nome)",
        "en": "Indicator (search by code or name)",
    },
    "entry.date": {"it": "Data di fine periodo (AAAA-MM-GG)", "en": "Period end date (YYYY-MM-DD)"},
    "entry.value": {
        "it": "Valore (n.d. se non disponibile)",
        "en": "Value (n.d. if not available)",
    },
    "entry.source": {"it": "Fonte", "en": "Source"},
    "entry.note": {"it": "Nota", "en": "Note"},
    "entry.save": {"it": "Salva come bozza", "en": "Save as draft"},
    "entry.done": {
        "it": "Valore salvato come bozza (registro n. {batch}). Pubblicalo nella sezione Bozze.",
        "en": "Value saved as a draft (log no. {batch}). Publish it in the Drafts section.",
    },
    "entry.refused": {
        "it": "Valore non salvato, {n} problemi:",
        "en": "Value not saved, {n} problems:",
    },
    # correcting on the indicator page
    "rev.title": {"it": "Correggi o ritira un valore", "en": "Correct or withdraw a value"},
    "rev.lead": {
        "it": "Il valore precedente resta nello storico. Il motivo è obbligatorio.",
        "en": "The previous value stays in the history. A reason is required.",
    },
    "rev.observation": {"it": "Valore", "en": "Value"},
    "rev.new_value": {
        "it": "Nuovo valore (n.d. se non disponibile)",
        "en": "New value (n.d. if not available)",
    },
    "rev.new_source": {"it": "Fonte (vuoto: invariata)", "en": "Source (empty: unchanged)"},
    "rev.reason": {"it": "Motivo", "en": "Reason"},
    "rev.correct": {"it": "Salva la correzione", "en": "Save correction"},
    "rev.withdraw": {"it": "Ritira", "en": "Withdraw"},
    "rev.restore": {"it": "Ripristina", "en": "Restore"},
    "rev.none": {"it": "Nessun valore da correggere.", "en": "No value to correct."},
    "rev.done.corrected": {"it": "Correzione salvata.", "en": "Correction saved."},
    "rev.done.withdrawn": {
        "it": "Valore ritirato: non è più pubblico. Si può ripristinare.",
        "en": "Value withdrawn: it is no longer public. It can be restored.",
    },
    "rev.done.restored": {"it": "Valore ripristinato.", "en": "Value restored."},
    "rev.done.revised": {"it": "Indicatore aggiornato.", "en": "Indicator updated."},
    "rev.reload": {
        "it": "Ricarica la pagina per vedere stato e grafico aggiornati.",
        "en": "Reload the page to see the updated status and chart.",
    },
    "rev.refused.conflict": {
        "it": "Non salvato: nel frattempo {who} ha modificato questo dato (ora {value}). "
        "La sua modifica è stata mantenuta; il modulo mostra ora il dato aggiornato.",
        "en": "Not saved: meanwhile {who} changed this item (now {value}). Their change "
        "was kept; the form now shows the current data.",
    },
    "rev.someone": {"it": "un altro utente", "en": "another user"},
    "rev.refused.reason": {"it": "Il motivo è obbligatorio.", "en": "A reason is required."},
    "rev.refused.reason_long": {
        "it": "Il motivo è troppo lungo (massimo {n} caratteri).",
        "en": "The reason is too long (at most {n} characters).",
    },
    "rev.refused.missing": {"it": "Il dato non esiste più.", "en": "The item no longer exists."},
    "rev.refused.unchanged": {"it": "Nulla da cambiare.", "en": "Nothing to change."},
    "rev.refused.already_withdrawn": {
        "it": "Il valore è già ritirato.",
        "en": "The value is already withdrawn.",
    },
    "rev.refused.not_withdrawn": {
        "it": "Il valore non è ritirato.",
        "en": "The value is not withdrawn.",
    },
    "rev.refused.field": {"it": "Campo non modificabile.", "en": "Field cannot be changed."},
    "rev.refused.select": {"it": "Scegli un valore.", "en": "Choose a value."},
    "rev.problems": {"it": "Non salvato:", "en": "Not saved:"},
    "rev.history": {"it": "Storico delle revisioni", "en": "Revision history"},
    "rev.history.table": {
        "it": "Storico delle revisioni di {code}",
        "en": "Revision history of {code}",
    },
    "rev.history.empty": {"it": "Nessuna revisione finora.", "en": "No revision so far."},
    "rev.action.entered": {"it": "inserito", "en": "entered"},
    "rev.action.corrected": {"it": "corretto", "en": "corrected"},
    "rev.action.withdrawn": {"it": "ritirato", "en": "withdrawn"},
    "rev.action.restored": {"it": "ripristinato", "en": "restored"},
    "rev.col.when": {"it": "Quando", "en": "When"},
    "rev.col.period": {"it": "Periodo", "en": "Period"},
    "rev.col.action": {"it": "Azione", "en": "Action"},
    "rev.col.change": {"it": "Da → a", "en": "From → to"},
    "rev.col.field": {"it": "Campo", "en": "Field"},
    "rev.col.who": {"it": "Chi", "en": "Who"},
    # revising an indicator (admins)
    "rev.ind.title": {"it": "Rivedi l'indicatore", "en": "Revise the indicator"},
    "rev.ind.lead": {
        "it": "Solo amministratori. Stato e previsioni usano i valori correnti.",
        "en": "Admins only. Status and forecasts use the current values.",
    },
    "rev.ind.save": {"it": "Salva la revisione", "en": "Save revision"},
    "rev.ind.history": {"it": "Revisioni dell'indicatore", "en": "Indicator revisions"},
    "rev.field.baseline_value": {"it": "Valore base", "en": "Baseline value"},
    "rev.field.baseline_date": {"it": "Data base (AAAA-MM-GG)", "en": "Baseline date (YYYY-MM-DD)"},
    "rev.field.target_value": {"it": "Obiettivo", "en": "Target"},
    "rev.field.target_date": {
        "it": "Data obiettivo (AAAA-MM-GG)",
        "en": "Target date (YYYY-MM-DD)",
    },
    "rev.field.published": {"it": "Pubblicato", "en": "Published"},
    "rev.yes": {"it": "sì", "en": "yes"},
    "rev.no": {"it": "no", "en": "no"},
    "rev.target_revised": {"it": "obiettivo rivisto il {date}", "en": "target revised on {date}"},
    # what changed
    "chg.title": {"it": "Cosa è cambiato", "en": "What changed"},
    "chg.since": {"it": "Dal", "en": "Since"},
    "chg.lead.previous_report": {
        "it": "Dati pubblicati cambiati dal report precedente, generato il {date} alle {time} "
        "(n. {n}).",
        "en": "Published data changed since the previous report, generated on {date} at "
        "{time} (no. {n}).",
    },
    "chg.lead.no_report": {
        "it": "Dati pubblicati cambiati dal {date}: nessun report precedente registrato, "
        "quindi gli ultimi sei mesi.",
        "en": "Published data changed since {date}: no earlier report recorded, so the last "
        "six months.",
    },
    "chg.lead.chosen": {
        "it": "Dati pubblicati cambiati dal {date} (data scelta).",
        "en": "Published data changed since {date} (date chosen).",
    },
    "chg.how": {
        "it": "Un report è registrato quando un editor o un amministratore usa «Genera e "
        "stampa» nella pagina del report; i valori caricati con i dati iniziali non "
        "contano come novità.",
        "en": "A report is recorded when an editor or an admin uses “Generate and print” on "
        "the report page; values loaded with the initial data do not count as news.",
    },
    # issuing a report (data/report_log.py)
    "att.report.generate": {
        "it": "Genera e stampa il report",
        "en": "Generate and print the report",
    },
    "att.report.generate.help": {
        "it": "Registra questo report come emesso (la prossima sezione «Cosa è cambiato» "
        "partirà da qui), poi apre la stampa.",
        "en": "Records this report as issued (the next “What changed” will start from "
        "here), then opens printing.",
    },
    "att.report.recorded": {
        "it": "Report n. {n}, generato il {date} alle {time} da {who}.",
        "en": "Report no. {n}, generated on {date} at {time} by {who}.",
    },
    "import.warnings.kept": {
        "it": "{n} avvertenze (valori ritirati nell'app: restano ritirati, le altre colonne "
        "sono importate):",
        "it_one": "{n} avvertenza (valore ritirato nell'app: resta ritirato, le altre colonne "
        "sono importate):",
        "en": "{n} warnings (values withdrawn in the app stay withdrawn, the other columns "
        "are imported):",
        "en_one": "{n} warning (a value withdrawn in the app stays withdrawn, the other columns "
        "are imported):",
    },
    "dm.outcome.generated": {"it": "report generato", "en": "report generated"},
    "chg.none": {"it": "Nessun cambiamento dal {date}.", "en": "No change since {date}."},
    "chg.new": {
        "it": "{code}: nuovo valore {value} al {date}",
        "en": "{code}: new value {value} at {date}",
    },
    "chg.corrected": {
        "it": "{code}: valore al {date} corretto {old} → {new} ({reason})",
        "en": "{code}: value at {date} corrected {old} → {new} ({reason})",
    },
    "chg.withdrawn": {
        "it": "{code}: valore al {date} ritirato ({reason})",
        "en": "{code}: value at {date} withdrawn ({reason})",
    },
    "chg.restored": {
        "it": "{code}: valore al {date} ripristinato ({reason})",
        "en": "{code}: value at {date} restored ({reason})",
    },
    "chg.revised": {
        "it": "{code}: {field} rivisto {old} → {new} ({reason})",
        "en": "{code}: {field} revised {old} → {new} ({reason})",
    },
    "chg.status": {"it": "{code}: {old} → {new}", "en": "{code}: {old} → {new}"},
    "chg.group.status": {"it": "Stati cambiati", "en": "Statuses that moved"},
    "chg.group.values": {"it": "Valori e obiettivi", "en": "Values and targets"},
    "chg.bad_date": {
        "it": "Data non valida: usa AAAA-MM-GG. Mostro il periodo predefinito.",
        "en": "Invalid date: use YYYY-MM-DD. Showing the default period.",
    },
}
