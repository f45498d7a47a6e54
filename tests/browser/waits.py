"""Waiting in the browser tests: on an exact condition, checked often.

Selenium's WebDriverWait looks every half second by default, which adds a quarter of a
second on average to every wait; a page load waits several times. Checking every tenth of
a second costs a script call (milliseconds) and gives that time back.
"""

from __future__ import annotations

from collections.abc import Iterable

from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

POLL_S = 0.1


def waiting(
    driver: WebDriver, timeout: float, ignored_exceptions: Iterable[type[Exception]] | None = None
) -> WebDriverWait[WebDriver]:
    """A WebDriverWait of `timeout` seconds (a liveness bound) that checks every POLL_S."""
    return WebDriverWait(
        driver, timeout, poll_frequency=POLL_S, ignored_exceptions=ignored_exceptions
    )
