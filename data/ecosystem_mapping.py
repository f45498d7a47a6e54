"""The configured mapping from an OpenCoesione theme or call to an S3 ecosystem.

The rules live in data/config/ecosystem_mapping.csv (documented in data/config/README.md):
configuration reviewed like code, not literals in the importer. `load_mapping` checks the
whole file at once and raises MappingError listing every bad row; `EcosystemMapping.assign`
returns None when no rule matches, because an unmapped project keeps an empty ecosystem
rather than a guessed one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

# In order of precedence: the call that selected the project says most, the theme least.
MATCH_TYPES = ("procedure", "programme_cup_category", "programme_ateco", "theme")
COLUMNS = ("match_type", "pattern", "ecosystem", "notes")
# Pairs are written "programme+value" in the pattern column.
PAIR_TYPES = ("programme_cup_category", "programme_ateco")
PAIR_SEPARATOR = "+"
# CUP_COD_NATURA of public works (REALIZZAZIONE DI LAVORI PUBBLICI): building a theatre or
# a campus is not research and innovation, whatever its theme says; only a rule for the
# very procedure that selected it may file it under an ecosystem.
PUBLIC_WORKS = "03"


class MappingError(ValueError):
    """The mapping file is unusable; the message names the file and every bad row."""


@dataclass(frozen=True)
class Assignment:
    """The ecosystem of one project (None: none) and the rule that decided it, in words."""

    ecosystem: str | None
    rule: str


@dataclass(frozen=True)
class EcosystemMapping:
    """Rules by match type: normalised pattern → (ecosystem code, row of the file)."""

    rules: dict[str, dict[str, tuple[str, int]]]
    source: str

    def explain(
        self,
        *,
        procedure: str = "",
        programme: str = "",
        cup_category: str = "",
        ateco: str = "",
        theme: str = "",
        nature: str = "",
    ) -> Assignment:
        """The ecosystem of a project and the rule behind it (never a guess)."""
        candidates = [("procedure", procedure)]
        public_works = nature.strip() == PUBLIC_WORKS
        if not public_works:
            candidates += [
                ("programme_cup_category", _pair(programme, cup_category)),
                ("programme_ateco", _pair(programme, ateco)),
                ("theme", theme),
            ]
        for match_type, value in candidates:
            if not value:
                continue
            found = self.rules.get(match_type, {}).get(_normalise(value))
            if found is not None:
                code, row = found
                return Assignment(code, f"{match_type} {value} → {code} ({self.source}, row {row})")
        if public_works:
            return Assignment(
                None,
                f"none: public works (CUP_COD_NATURA {PUBLIC_WORKS}) take an ecosystem "
                "only from a procedure rule",
            )
        return Assignment(None, "none: no rule matched")

    def assign(self, *, procedure: str = "", theme: str = "", **other: str) -> str | None:
        """The ecosystem code of a project, or None when no rule matches (never a guess)."""
        return self.explain(procedure=procedure, theme=theme, **other).ecosystem

    @property
    def ecosystems(self) -> set[str]:
        """Every ecosystem code the rules can assign."""
        return {code for by_pattern in self.rules.values() for code, _ in by_pattern.values()}


def _pair(programme: str, value: str) -> str:
    programme, value = programme.strip(), value.strip()
    return f"{programme}{PAIR_SEPARATOR}{value}" if programme and value else ""


def _normalise(value: str) -> str:
    return " ".join(value.split()).casefold()


def default_mapping_text() -> tuple[str, str]:
    """The committed mapping file: (its text, its name for messages)."""
    path = resources.files("data") / "config" / "ecosystem_mapping.csv"
    return path.read_text(encoding="utf-8"), "data/config/ecosystem_mapping.csv"


def load_mapping(
    known_ecosystems: Collection[str] | None, path: Path | None = None
) -> EcosystemMapping:
    """Read and check a mapping file (default: the committed one) against known codes.

    `known_ecosystems` None skips the code check: only for showing a preview, never for
    writing.
    """
    if path is None:
        text, name = default_mapping_text()
    else:
        text, name = path.read_text(encoding="utf-8"), str(path)
    return parse_mapping(text, name, known_ecosystems)


def config_rows(
    text: str, name: str, columns: tuple[str, ...]
) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """The numbered non-blank rows of a configuration CSV, and the rows of the wrong width.

    MappingError when the header is not exactly `columns`.
    """
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in next(reader, [])]
    if tuple(header) != columns:
        raise MappingError(
            f"{name}: the header must be {','.join(columns)}, not {','.join(header) or 'empty'}"
        )
    rows: list[tuple[int, list[str]]] = []
    errors: list[str] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(columns):
            errors.append(f"row {number}: {len(cells)} cells, expected {len(columns)}")
        else:
            rows.append((number, cells))
    return rows, errors


def parse_mapping(
    text: str, name: str, known_ecosystems: Collection[str] | None
) -> EcosystemMapping:
    """Parse mapping CSV text; MappingError lists every problem with its row."""
    known = None if known_ecosystems is None else set(known_ecosystems)
    rules: dict[str, dict[str, tuple[str, int]]] = {t: {} for t in MATCH_TYPES}
    rows, errors = config_rows(text, name, COLUMNS)
    for number, cells in rows:
        match_type, pattern, ecosystem = (c.strip() for c in cells[:3])
        if match_type not in MATCH_TYPES:
            errors.append(
                f'row {number}: match_type "{match_type}" is not one of {", ".join(MATCH_TYPES)}'
            )
            continue
        if not pattern:
            errors.append(f"row {number}: the pattern is empty")
            continue
        if not ecosystem:
            errors.append(f"row {number}: the ecosystem is empty")
            continue
        if known is not None and ecosystem not in known:
            shown = ", ".join(sorted(known)) or "none: load the ecosystems first (s3dash seed)"
            errors.append(f'row {number}: unknown ecosystem code "{ecosystem}" (known: {shown})')
            continue
        if match_type in PAIR_TYPES and len(pattern.split(PAIR_SEPARATOR)) != 2:
            errors.append(
                f'row {number}: a {match_type} pattern is "programme{PAIR_SEPARATOR}code", '
                f'not "{pattern}"'
            )
            continue
        key = _normalise(pattern)
        if key in rules[match_type]:
            errors.append(f'row {number}: {match_type} "{pattern}" is mapped twice')
            continue
        rules[match_type][key] = (ecosystem, number)
    if errors:
        raise MappingError(f"{name}: " + "; ".join(errors))
    return EcosystemMapping(rules, name)
