"""Every setting of S3 Monitor, declared once as data: name, default and help text.

The README lists the same names (a test keeps the two in step). Values come from the
environment; `create_app(config)` may override them for tests.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = PROJECT_ROOT / "instance"


@dataclass(frozen=True)
class Setting:
    """One environment variable the application reads."""

    name: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "DATABASE_URL",
        f"sqlite:///{INSTANCE_DIR / 's3monitor.db'}",
        "SQLAlchemy URL of the database. Default: an SQLite file under instance/. "
        "Production: postgresql+psycopg://user:pass@host/db.",
    ),
    Setting(
        "REDIS_URL",
        "",
        "Redis URL for the shared cache (redis://host:6379/0). Empty: a per-process cache, "
        "fine for one process only.",
    ),
    Setting(
        "SECRET_KEY",
        "",
        "Flask secret key that signs session cookies. Required when more than one worker runs "
        "or login is on; `make run` generates a throwaway one when empty.",
    ),
    Setting(
        "S3DASH_AUTH",
        "none",
        "Authentication of the internal app: `none` (only allowed on a loopback bind, "
        "for development; every internal page then says so) or `login` (staff accounts "
        "made with `s3dash user add`). `gunicorn app:server` always uses `login`.",
    ),
    Setting(
        "S3DASH_PROXY_USER_HEADER",
        "",
        "Single sign-on behind a reverse proxy: the name of a request header (e.g. "
        "`X-Remote-User`) holding the user name the proxy authenticated; a request carrying "
        "it is logged in as that existing, active app_user. Empty (default): off. Only safe "
        "when the proxy strips this header from every client request, or anyone could send "
        "it and be logged in as anybody.",
    ),
    Setting(
        "S3DASH_EMBED_ORIGINS",
        "",
        "Space-separated origins allowed to embed /public/ in an iframe "
        "(Content-Security-Policy frame-ancestors), each `scheme://host[:port]`, e.g. "
        "`https://www.regione.lombardia.it`; anything else stops the start-up. Empty: no "
        "embedding (frame-ancestors 'none' and X-Frame-Options DENY).",
    ),
    Setting("S3DASH_LANG", "it", "Default interface language: `it` or `en`."),
    Setting(
        "S3DASH_RATE_LIMIT",
        "300/minute",
        "Requests each client (IP address) may make to the public app (/public/) and, "
        "separately, to the open data API (/api/v1/), e.g. `300/minute` or `20/second;1000/hour`; "
        "static files do not count. Beyond it: 429 with Retry-After. Counters live in Redis "
        "when REDIS_URL is set (shared by every worker), else in the process. `off`: no limit.",
    ),
    Setting(
        "S3DASH_LOGIN_RATE_LIMIT",
        "10/minute;50/hour",
        "Failed sign-in attempts (POST /login) allowed per client address, in the same "
        'syntax as S3DASH_RATE_LIMIT; beyond it the form answers 429 "too many attempts". '
        "A successful sign-in does not count. `off`: no limit.",
    ),
    Setting(
        "S3DASH_LOGIN_ACCOUNT_LIMIT",
        "5/minute;20/hour",
        "Failed sign-in attempts allowed per user name, whatever the address they come from "
        "(against password guessing spread over many addresses). `off`: no limit.",
    ),
    Setting(
        "S3DASH_TRUSTED_PROXIES",
        "0",
        "How many reverse proxies in front of the app set X-Forwarded-For and "
        "X-Forwarded-Proto. With 1 or more, the client address (rate limits) and HTTPS "
        "(HSTS) are read from those headers; 0 (default): the headers are ignored, since any "
        "client could forge them. gunicorn (gunicorn.conf.py) follows it: "
        "`forwarded_allow_ips` is empty with 0 and `*` with 1 or more.",
    ),
    Setting(
        "S3DASH_STATUS_BANDS",
        "0.95,0.60",
        "Pace-ratio thresholds of the attainment status, `ON_TRACK,ACCELERATION`: R ≥ the "
        "first is on track, R ≥ the second acceleration needed, below it limited progress "
        "(R < 0 is deterioration). Two numbers, 0 < second < first.",
    ),
    Setting("PORT", "8050", "TCP port the development server and gunicorn listen on."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get_setting(name: str, overrides: Mapping[str, str] | None = None) -> str:
    """Value of a declared setting: override, else environment, else default."""
    if name not in _BY_NAME:
        raise KeyError(f"undeclared setting {name!r}: add it to data/settings.py")
    if overrides and name in overrides:
        return str(overrides[name])
    return os.environ.get(name, _BY_NAME[name].default)


def load_settings(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """All declared settings resolved at once (for create_app)."""
    return {s.name: get_setting(s.name, overrides) for s in SETTINGS}


def state_dir(url: str) -> Path:
    """Where files that belong with a database live (backtest results, background log).

    Beside the database file for SQLite; for a server database, a folder named after it
    under the system's temporary directory. Never the source tree, whatever the URL.
    """
    import tempfile

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        return Path(str(parsed.database)).resolve().parent
    name = "".join(c if c.isalnum() else "-" for c in f"{parsed.host}-{parsed.database}")
    return Path(tempfile.gettempdir()) / f"s3monitor-{name}"
