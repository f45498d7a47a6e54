"""The attainment status bands of the running app (a setting, parsed once per value)."""

from __future__ import annotations

from functools import lru_cache

from flask import current_app, has_app_context

from data.analysis.attainment import BANDS_SETTING, StatusBands, parse_bands
from data.settings import get_setting


@lru_cache(maxsize=8)
def _parsed_bands(text: str) -> StatusBands:
    return parse_bands(text)


def status_bands() -> StatusBands:
    """The bands of the running app's configuration (validated at start-up by `register`)."""
    text = current_app.config.get(BANDS_SETTING) if has_app_context() else None
    return _parsed_bands(str(text) if text is not None else get_setting(BANDS_SETTING))
