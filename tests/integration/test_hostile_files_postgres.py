"""The malformed-file corpus gets the same refusals on PostgreSQL as on SQLite.

A NUL byte used to be stored by SQLite and refused by PostgreSQL at file level, with no
row or column: every check now runs before the database sees a value.
"""

from __future__ import annotations

import pytest

from data.importers.dispatch import import_file
from tests.hostile_files import corpus
from tests.unit.conftest import load_samples

pytestmark = pytest.mark.integration


def test_every_malformed_file_gets_the_same_answer_on_both(pg_url: str, sqlite_url: str) -> None:
    databases = [pg_url, sqlite_url]
    for url in databases:
        load_samples(url)
    for case in corpus():
        answers = []
        for url in databases:
            result = import_file(url, case.kind, case.content, case.name)
            assert result.outcome == "refused", (case.name, url)
            answers.append([(p.row, p.column, p.message) for p in result.problems])
        assert answers[0] == answers[1], case.name
        assert any(case.message in message for _, _, message in answers[0]), case.name
