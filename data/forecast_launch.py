"""Start a forecast refresh in a process of its own, from an import or a publication.

Kept apart from data.forecasting, which imports pandas, numpy and the pages' queries: an
import only starts the refresh, and loading all of that just to start a process took
0.5-1.7 s of every `s3dash import` (README, "Import speed, measured").
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Collection
from pathlib import Path

from data.settings import PROJECT_ROOT, state_dir

BACKGROUND_LOG_NAME = "forecast-background.log"  # in state_dir(url): beside the database


def refresh_in_background(
    url: str, indicator_codes: Collection[str] | None = None, log_path: Path | None = None
) -> subprocess.Popen[bytes]:
    """Start `s3dash forecast` in a separate process and return at once (for importers).

    `indicator_codes` limits the refresh to those indicators; None (or empty) refreshes
    everything, e.g. after a projects import, for the funding series; unchanged series are
    skipped anyway. The database URL goes through the
    environment, not the command line, where any local user could read a password. Output
    is appended to `log_path` (default: forecast-background.log in `state_dir(url)`, beside
    the database, never in the source tree). The caller may `wait()` on the
    returned process (tests do) or forget it: it is in its own session, so it outlives a
    web worker that is recycled.
    """
    command = [sys.executable, "-m", "data.forecast_cli"]
    for code in sorted(indicator_codes or ()):
        command += ["--only", code]
    env = {**os.environ, "DATABASE_URL": url}
    log_path = log_path or state_dir(url) / BACKGROUND_LOG_NAME
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log_file:
        return subprocess.Popen(
            command,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
