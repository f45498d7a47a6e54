"""The documents the data cites, declared as data in data/config/sources.csv.

A row's `source` is `<file name> — <section>` (data/seed and the import files): the file
name is the provenance, kept in the database and in the exports' `source_file` column.
Readers see the document's title instead (`cite`), on every page and export.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SOURCES_FILE = Path(__file__).parent / "config" / "sources.csv"
COLUMNS = ("file_name", "title_it", "title_en", "issuer", "date", "notes")
REQUIRED = ("file_name", "title_it", "title_en", "issuer")
SEPARATOR = " — "  # between the file name and the section in a row's `source`
_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class SourceDocument:
    """One cited document: its file name, title (Italian, English), issuer and date."""

    file_name: str
    title_it: str
    title_en: str
    issuer: str
    date: str  # `2025`, `2025-04-30` or empty when the document gives none

    def title(self, lang: str) -> str:
        """The title in `lang`: the English column, else the Italian one (the first)."""
        return {"en": self.title_en}.get(lang, self.title_it)


@dataclass(frozen=True)
class Citation:
    """A row's `source` read against the sources table."""

    source: str  # as stored: `<file name> — <section>`
    document: SourceDocument | None  # None: not a known document (the source is shown as is)
    section: str  # the part after the file name (empty when none)

    @property
    def file_name(self) -> str:
        """The cited file (empty when the document is not a known one)."""
        return self.document.file_name if self.document else ""


def _valid_date(text: str) -> bool:
    if not text or _YEAR.fullmatch(text):
        return True
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def read_sources(path: Path = SOURCES_FILE) -> dict[str, SourceDocument]:
    """The sources table by file name; a malformed table raises ValueError naming the line."""
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.DictReader(stream)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: the header must be {','.join(COLUMNS)}")
        documents: dict[str, SourceDocument] = {}
        for line, row in enumerate(reader, start=2):
            values = {k: (row.get(k) or "").strip() for k in COLUMNS}
            empty = [k for k in REQUIRED if not values[k]]
            if empty:
                raise ValueError(f"{path}: line {line}: empty {', '.join(empty)}")
            if values["file_name"] in documents:
                raise ValueError(f"{path}: line {line}: {values['file_name']} listed twice")
            if not _valid_date(values["date"]):
                raise ValueError(
                    f"{path}: line {line}: date {values['date']!r} is not YYYY or YYYY-MM-DD"
                )
            documents[values["file_name"]] = SourceDocument(
                *(values[k] for k in COLUMNS if k != "notes")
            )
    return documents


@cache
def source_documents() -> dict[str, SourceDocument]:
    """The shipped sources table (read once)."""
    return read_sources()


def cite(source: object, documents: dict[str, SourceDocument] | None = None) -> Citation:
    """`002_….txt — Indicatori` → the document it names and the section `Indicatori`."""
    text = source.strip() if isinstance(source, str) else ""  # None, NaN: no source
    known = source_documents() if documents is None else documents
    for file_name, document in known.items():
        if text.startswith(file_name):
            return Citation(text, document, text[len(file_name) :].strip(" —-"))
    return Citation(text, None, "")
