"""Publishing starts a background forecast refresh: tests that publish replace it by this."""

from __future__ import annotations


class Done:
    """A finished background refresh, as `refresh_in_background` returns it."""

    def wait(self) -> int:
        """Exit code 0 at once."""
        return 0


def no_refresh(url: str, codes: object = None) -> Done:
    """Stands for data.forecast_launch.refresh_in_background: starts nothing."""
    return Done()
