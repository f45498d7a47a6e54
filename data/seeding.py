"""Load the default data, data/seed/<kind>.csv, through the ordinary importer.

The seed files are in the import format (data/schemas.py), so they go through the same
validation and upsert as any user's file, as user "seed", in dependency order
(ecosystems before clusters, indicators before observations…). Their observations say
`published` in their status column; the importer takes it from the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import func, select

from data.db import session_scope
from data.importers.dispatch import import_path
from data.importers.problems import Problem
from data.importers.writing import ImportResult
from data.models import Ecosystem, ImportBatch
from data.schemas import SEED_KINDS

SEED_DIR = Path(__file__).resolve().parent / "seed"
SEED_USER = "seed"


class SeedError(RuntimeError):
    """A seed file was refused by the importer (the seed must always be valid)."""

    def __init__(self, result: ImportResult) -> None:
        self.result = result
        self.problems: list[Problem] = result.problems
        lines = "\n".join(f"  {p}" for p in result.problems)
        super().__init__(f"seed file {result.kind}.csv refused:\n{lines}")


def seed(url: str, seed_dir: Path | None = None) -> dict[str, int]:
    """Import every seed file present, in dependency order; returns rows per KIND.

    Idempotent. A file whose sha256 equals the last one the seed committed for its KIND
    is skipped, so a second run writes nothing, not even audit rows. A changed file is
    imported again: the importer upserts and compares before writing, so only the rows
    that really changed are touched and the data version moves only then. Files are
    compared with the seed's own last batch (not anyone's): a user's later import of
    the same KIND must not make an unchanged seed overwrite the user's data.
    Raises SeedError when a file is refused (the kinds before it stay imported).
    """
    folder = seed_dir or SEED_DIR
    loaded: dict[str, int] = {}
    for kind in SEED_KINDS:
        path = folder / f"{kind}.csv"
        if not path.is_file():
            continue  # e.g. projects: the documents list no single projects
        previous = _last_seed_batch(url, kind)
        content = path.read_bytes()
        if previous is not None and previous.sha256 == _sha256(content):
            loaded[kind] = previous.rows
            continue
        result = import_path(url, kind, path, username=SEED_USER)
        if result.outcome != "committed":
            raise SeedError(result)
        loaded[kind] = result.rows
    return loaded


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _last_seed_batch(url: str, kind: str) -> ImportBatch | None:
    with session_scope(url) as session:
        return session.scalars(
            select(ImportBatch)
            .where(
                ImportBatch.kind == kind,
                ImportBatch.username == SEED_USER,
                ImportBatch.outcome == "committed",
            )
            .order_by(ImportBatch.id.desc())
            .limit(1)
        ).first()


def is_seeded(url: str) -> bool:
    """True when the database already holds data (any ecosystem): `seed --if-empty` skips."""
    with session_scope(url) as session:
        return bool(session.scalar(select(func.count()).select_from(Ecosystem)))
