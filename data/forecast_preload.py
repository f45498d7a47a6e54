"""Imported by the forecast forkserver only: the worker module and Prophet, ready to fork.

Each worker of `data.forecasting.refresh` is forked from that server, so these imports are
paid once per refresh instead of once per worker. Prophet imports matplotlib (~0.6 s of
CPU) only for its plots, which no worker draws: it is blocked here, in the server's own
process, and Prophet's error about it muted. Never import this module anywhere else.
"""

from __future__ import annotations

import logging
import sys

sys.modules.setdefault("matplotlib", None)  # type: ignore[arg-type]  # a None entry: ImportError
logging.getLogger("prophet.plot").setLevel(logging.CRITICAL)

from data.forecast_worker import start_worker  # noqa: E402

start_worker()
