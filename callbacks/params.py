"""Parsing and validation of the query string every page is rendered from.

A view is fully described by its URL (language, ecosystem filter, the cluster whose card is
open), so it can be bookmarked and shared. Unknown parameters and bad values are reported
back to the page, never raised.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode

from dashboard.i18n import DEFAULT_LANG, LANGS, normalise_lang
from data.analysis.scope import EcosystemScope
from data.context import MEASURES as CONTEXT_MEASURES

MAX_QUERY_LENGTH = 2000
LANG = "lang"
ECOSYSTEM = "ecosystem"
CLUSTER = "cluster"
OBJECTIVE = "objective"  # a strategic objective, as written in the indicators
INDICATOR = "indicator"  # an indicator code (the indicators page's detail view)
CALL = "call"  # a funding call code (the funding page's drill-down to its projects)
MEASURE = "measure"  # a context measure (the context page)
PEERS = "peers"  # comma-separated NUTS codes (the context page checks them)
SERIES = "series"  # a funding series (the forecasts page checks it exists)
SINCE = "since"  # start of "what changed" (YYYY-MM-DD; checked by callbacks/revisions.py)
PAGE = "page"  # a long table's page (1, 2, …; dashboard/pager.py checks the table has it)
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")
# The parameters every page shares; links to another page carry only these.
SHARED = (LANG, ECOSYSTEM)
MAX_LISTED = 12  # allowed values quoted in a message: a longer list would bury it
MAX_CODE_LENGTH = 100


@dataclass
class ViewParams:
    """The validated parameters of a view, and what was wrong with the URL."""

    lang: str = DEFAULT_LANG
    values: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ecosystem(self) -> str | None:
        """The ecosystem code the view is filtered by, or None for all."""
        return self.values.get(ECOSYSTEM)

    @property
    def scope(self) -> EcosystemScope:
        """What the view's ecosystem filter keeps (every page filters through it)."""
        return EcosystemScope(self.ecosystem)

    @property
    def cluster(self) -> str | None:
        """The code of the cluster whose card the view opens, or None."""
        return self.values.get(CLUSTER)

    @property
    def call(self) -> str | None:
        """The code of the call whose projects the funding page shows, or None."""
        return self.values.get(CALL)


def query_text(search: object) -> str:
    """The URL's query string as text: anything else (a forged request) counts as empty."""
    return search if isinstance(search, str) else ""


def search_with(search: object, name: str, value: str | None) -> str:
    """`search` with parameter `name` set to `value` (removed when empty)."""
    params = {k: v[-1] for k, v in parse_qs(query_text(search).lstrip("?")).items()}
    if name != PAGE:  # another filter, another table: it starts on its first page
        params.pop(PAGE, None)
    if value:
        params[name] = value
    else:
        params.pop(name, None)
    query = urlencode(params)
    return f"?{query}" if query else ""


def filter_search(
    value: object, search: object, name: str, all_value: str, max_length: int = MAX_CODE_LENGTH
) -> str | None:
    """The query string once a filter's `value` is written into `name`; None: unchanged.

    `all_value` (the "all" entry of the filter) removes the parameter. A value that is not
    a short string (a forged request) changes nothing.
    """
    if not isinstance(value, str) or len(value) > max_length:
        return None
    new_search = search_with(search, name, "" if value == all_value else value)
    return None if new_search == query_text(search) else new_search


def parse_view_params(
    search: object,
    default_lang: str = DEFAULT_LANG,
    ecosystem_codes: Collection[str] = (),
    cluster_codes: Collection[str] | None = None,
    objectives: Collection[str] | None = None,
    indicator_codes: Collection[str] | None = None,
) -> ViewParams:
    """Validate `?lang=…&ecosystem=…&cluster=…`; keep the good values, describe the bad ones.

    `search` comes from the browser, or from anyone posting to the callback endpoint: a
    value that is not text is treated as an empty query string.

    Without `cluster_codes` a cluster code is only checked for shape here, and the
    clusters page, which has the codes at hand, checks that it exists; a call code
    (`?call=`) likewise, by the funding page.
    """
    allowed: dict[str, Collection[str] | None] = {
        LANG: LANGS,
        ECOSYSTEM: ecosystem_codes,
        CLUSTER: cluster_codes,
        OBJECTIVE: objectives,
        INDICATOR: indicator_codes,
        CALL: None,
        MEASURE: CONTEXT_MEASURES,
        PEERS: None,
        SERIES: None,
        SINCE: None,
        PAGE: None,
    }
    view = ViewParams(lang=normalise_lang(default_lang))
    if not isinstance(search, str) or not search:  # anything but text: no parameters
        return view
    if len(search) > MAX_QUERY_LENGTH:
        view.problems.append(f"query string longer than {MAX_QUERY_LENGTH} characters")
        return view
    for name, values in parse_qs(search.lstrip("?"), keep_blank_values=True).items():
        if name not in allowed:
            view.problems.append(f"unknown parameter {name!r}")
            continue
        value = values[-1]
        if value == "" and name != LANG:  # an empty filter or selection: "all", "none"
            continue
        codes = allowed[name]
        if name == PAGE:
            if not PAGE_NUMBER.fullmatch(value):
                view.problems.append(f"{name}={value[:40]!r} (a page number: 1, 2, 3, …)")
                continue
        elif codes is None:
            if len(value) > MAX_CODE_LENGTH or not value.isprintable():
                view.problems.append(f"{name}: not a valid code")
                continue
        elif value not in codes:
            listed = sorted(codes)
            shown = ", ".join(listed[:MAX_LISTED]) or "none loaded"
            if len(listed) > MAX_LISTED:
                shown += f", … ({len(listed)} in all)"
            view.problems.append(f"{name}={value!r} (allowed: {shown})")
            continue
        view.values[name] = value
    view.lang = view.values.get(LANG, view.lang)
    return view


def view_query(view: ViewParams, default_lang: str) -> dict[str, str]:
    """The parameters links must carry to keep this view (default language left out)."""
    params = {k: v for k, v in view.values.items() if k != LANG}
    if view.lang != default_lang:
        params[LANG] = view.lang
    return params


def shared_query(view: ViewParams, default_lang: str) -> dict[str, str]:
    """The parameters a link to another page carries: the language and the filter."""
    return {k: v for k, v in view_query(view, default_lang).items() if k in SHARED}
