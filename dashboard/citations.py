"""A row's source as readers see it: the document's title and section, not its file name.

Both apps cite through here; the table of documents is data/config/sources.csv.
"""

from __future__ import annotations

from dashboard.i18n import t
from data.schemas import SOURCE_FILE, SOURCE_TITLE
from data.sources import cite


def source_text(source: object, lang: str) -> str:
    """`Relazione 2025 «Ricerca e innovazione», sezione «Indicatori»` for `002_….txt — Indicatori`.

    A source that names no known document is shown as it is.
    """
    citation = cite(source)
    if citation.document is None:
        return citation.source
    title = citation.document.title(lang)
    if not citation.section:
        return title
    return t("source.section", lang, doc=title, section=citation.section)


def document_title(source: object, lang: str) -> str:
    """The title of a row's source document (the whole source when it is not a known one)."""
    citation = cite(source)
    return citation.document.title(lang) if citation.document else citation.source


def citation_fields(source: object, lang: str) -> dict[str, str]:
    """What every export writes beside a row's source: its title and its file name.

    `source_title` is what the reader sees; `source_file` is the provenance.
    """
    return {SOURCE_TITLE: source_text(source, lang), SOURCE_FILE: cite(source).file_name}
