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

MATCH_TYPES = ("procedure", "theme")  # in order of precedence
COLUMNS = ("match_type", "pattern", "ecosystem", "notes")


class MappingError(ValueError):
    """The mapping file is unusable; the message names the file and every bad row."""


@dataclass(frozen=True)
class EcosystemMapping:
    """Rules by match type: normalised pattern → ecosystem code."""

    rules: dict[str, dict[str, str]]
    source: str

    def assign(self, *, procedure: str = "", theme: str = "") -> str | None:
        """The ecosystem code of a project, or None when no rule matches (never a guess)."""
        for match_type, value in (("procedure", procedure), ("theme", theme)):
            found = self.rules.get(match_type, {}).get(_normalise(value))
            if found is not None:
                return found
        return None

    @property
    def ecosystems(self) -> set[str]:
        """Every ecosystem code the rules can assign."""
        return {code for by_pattern in self.rules.values() for code in by_pattern.values()}


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


def parse_mapping(
    text: str, name: str, known_ecosystems: Collection[str] | None
) -> EcosystemMapping:
    """Parse mapping CSV text; MappingError lists every problem with its row."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in next(reader, [])]
    if tuple(header) != COLUMNS:
        raise MappingError(
            f"{name}: the header must be {','.join(COLUMNS)}, not {','.join(header) or 'empty'}"
        )
    known = None if known_ecosystems is None else set(known_ecosystems)
    rules: dict[str, dict[str, str]] = {t: {} for t in MATCH_TYPES}
    errors: list[str] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            errors.append(f"row {number}: {len(cells)} cells, expected {len(COLUMNS)}")
            continue
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
        key = _normalise(pattern)
        if key in rules[match_type]:
            errors.append(f'row {number}: {match_type} "{pattern}" is mapped twice')
            continue
        rules[match_type][key] = ecosystem
    if errors:
        raise MappingError(f"{name}: " + "; ".join(errors))
    return EcosystemMapping(rules, name)
