"""The view of a URL: its parameters checked against what the database holds.

One reading for the router (callbacks/shell.py) and for every callback that needs the view
again (the report's Generate button, a cluster's card), so that a parameter means the same,
and is refused the same way, wherever it is read.
"""

from __future__ import annotations

from callbacks import loaders
from callbacks.failures import log_failure
from callbacks.page_cache import spoil
from callbacks.params import ViewParams, parse_view_params


def read_view(search: object, default_lang: str, public: bool = False) -> ViewParams:
    """The validated view of `search`; never raises.

    `public` confirms published indicators (and their objectives) only. With the database
    down nothing can be confirmed: the values are reported as not allowed, in the reader's
    language, and the page says why.
    """
    try:
        ecosystems, objectives, indicator_codes = loaders.view_values(public)
    except Exception as error:  # database down: still a view, in the right language
        log_failure(error, "loading the values a URL may hold")
        spoil()  # a view read without the database is never kept
        ecosystems, objectives, indicator_codes = [], [], []
    return parse_view_params(
        search, default_lang, ecosystems, objectives=objectives, indicator_codes=indicator_codes
    )
