"""Two editors correcting one observation at the same moment (SQLite and PostgreSQL tests).

Both read the same row version, then write together: optimistic locking must save one and
refuse the other with Conflict, so that no update is lost.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from data.db import session_scope
from data.revisions import Conflict, correct_observation, observation_rows

# Who writes what: the value each editor types over the same observation.
EDITS = {"ann": "70", "bob": "71"}


def observation_row(url: str, code: str, day: str) -> dict[str, Any]:
    """The observation of `code` at `day` as the corrections table shows it."""
    with session_scope(url) as session:
        rows = observation_rows(session, code)
    return next(r for r in rows if r["date"] == dt.date.fromisoformat(day))


def race_two_editors(url: str, row: dict[str, Any]) -> str:
    """Both editors correct `row` at once; asserts that one saved and one was refused, and
    returns the name of the one who saved."""
    outcomes: dict[str, str] = {}
    start = threading.Barrier(len(EDITS))

    def edit(name: str, value: str) -> None:
        start.wait()
        try:
            correct_observation(url, row["id"], row["version"], value, "", "race", name)
            outcomes[name] = "saved"
        except Conflict:
            outcomes[name] = "conflict"

    threads = [threading.Thread(target=edit, args=item) for item in EDITS.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
    return next(name for name, outcome in outcomes.items() if outcome == "saved")
