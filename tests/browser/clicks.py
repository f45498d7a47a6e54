"""Clicking a button on a page that Dash is still re-rendering around it."""

from __future__ import annotations

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.browser.waits import waiting


def click_until_it_lands(browser: WebDriver, css: str) -> None:
    """Click the element at `css` once it is enabled.

    The page re-renders around the button (preview, lists): retry until the click lands.
    """

    def click(driver: WebDriver) -> bool:
        element = driver.find_element(By.CSS_SELECTOR, css)
        if not element.is_enabled():
            return False
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
        try:
            element.click()
        except ElementClickInterceptedException:
            # Under load the page may still be laying out around the button (an alert or a
            # list growing above it) when the native click lands: click the button itself.
            driver.execute_script("arguments[0].click();", element)
        return True

    waiting(
        browser,
        20,
        ignored_exceptions=(ElementClickInterceptedException, StaleElementReferenceException),
    ).until(click)
