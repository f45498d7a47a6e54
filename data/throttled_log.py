"""A warning logged at most once per interval, for failures that repeat on every request.

While Redis or the database is down, every request meets the same failure: one line a
minute says so without drowning the log.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

LOG_EVERY_S = 60.0


class ThrottledWarning:
    """`warn(...)` logs through `logger` at most once per `every` seconds (per process)."""

    def __init__(
        self,
        logger: logging.Logger,
        every: float = LOG_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """A throttle that has not logged yet."""
        self.logger = logger
        self.every = every
        self.clock = clock
        self.last = -every
        self.suppressed = 0
        self._lock = threading.Lock()

    def warn(self, message: str, *args: object) -> bool:
        """Log `message % args` unless logged within the interval; True when logged."""
        with self._lock:
            now = self.clock()
            if now - self.last < self.every:
                self.suppressed += 1
                return False
            suppressed, self.suppressed, self.last = self.suppressed, 0, now
        suffix = f" ({suppressed} more since the last message)" if suppressed else ""
        self.logger.warning(message + suffix, *args)
        return True
