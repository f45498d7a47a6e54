"""The malformed-file corpus (tests/hostile_files.py) is refused early, with row and column."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from data.importers.dispatch import import_file
from data.importers.problems import Problem
from tests.hostile_files import Case, corpus, zip_bomb

CASES = corpus()


def refusal(url: str, case: Case) -> list[Problem]:
    """The problems of importing `case` (which must be refused)."""
    result = import_file(url, case.kind, case.content, case.name)
    assert result.outcome == "refused", (case.name, result.outcome)
    return result.problems


def check_refusal(problems: list[Problem], case: Case) -> None:
    matching = [p for p in problems if case.message in p.message]
    assert matching, (case.name, [str(p) for p in problems])
    if case.row is not None:
        assert (matching[0].row, matching[0].column) == (case.row, case.column), str(matching[0])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_malformed_file_is_refused_with_its_place(loaded_url: str, case: Case) -> None:
    check_refusal(refusal(loaded_url, case), case)


def test_a_zip_bomb_is_refused_in_seconds_and_little_memory(loaded_url: str) -> None:
    bomb = zip_bomb()
    assert len(bomb) < 20 * 1024 * 1024  # within the upload limit: the size check alone won't do
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = import_file(loaded_url, "observations", bomb, "bomb.xlsx")
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.outcome == "refused"
    assert "the workbook expands to 1500 MB" in str(result.problems[0])
    assert elapsed < 5
    assert peak < 200 * 1024 * 1024


def test_the_valid_samples_still_pass_the_new_checks(loaded_url: str) -> None:
    # Guard against over-eager checks: the corpus's base rows are valid as they are.
    from tests.unit.conftest import SAMPLES, to_csv

    for kind in ("calls", "projects", "observations"):
        result = import_file(loaded_url, kind, to_csv(SAMPLES[kind]), f"{kind}.csv", dry_run=True)
        assert result.outcome == "dry-run", [str(p) for p in result.problems]
        assert not result.problems
