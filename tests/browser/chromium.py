"""Starting Debian's headless Chromium the same way for every browser test and benchmark."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chromium.webdriver import ChromiumDriver
from selenium.webdriver.remote.webdriver import WebDriver

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

# Quiet and reproducible: no first-run pages, no background traffic, a fixed window.
BASE_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,1024",
)


def installed() -> bool:
    """True when both the browser and its driver are on this machine."""
    return Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()


def headless_chromium(
    profile_dir: Path, extra_flags: Iterable[str] = (), logs: Iterable[str] = ("browser",)
) -> WebDriver:
    """A new headless Chromium with its own profile, recording the named logs."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*BASE_FLAGS, *extra_flags, f"--user-data-dir={profile_dir}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {name: "ALL" for name in logs})
    return webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))


def browser_log(driver: WebDriver, kind: str = "browser") -> list[dict[str, Any]]:
    """The entries of a log `headless_chromium` records, emptied by reading it.

    Reading logs is Chromium's extension, not WebDriver's: any other driver is a test error.
    """
    assert isinstance(driver, ChromiumDriver), f"{type(driver).__name__} keeps no {kind} log"
    entries: list[dict[str, Any]] = driver.get_log(kind)
    return entries
