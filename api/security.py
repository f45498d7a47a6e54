"""Security headers, rate limits and compression for the whole server.

`install_security(server, settings)` is called once by `create_app`, after every blueprint
and Dash app is in place. It adds:

- **headers** on every response: `X-Content-Type-Options: nosniff`, `Referrer-Policy:
  strict-origin-when-cross-origin`, a minimal `Permissions-Policy`, `Strict-Transport-Security`
  when the request came over HTTPS, and a `Content-Security-Policy` whose `frame-ancestors`
  lets only the origins of S3DASH_EMBED_ORIGINS embed the public app (`'none'` when empty,
  then also `X-Frame-Options: DENY` for browsers that predate CSP; that header cannot name a
  list of origins, so it is left out when some are allowed). The internal app and the API can
  never be framed.
- **rate limits** (Flask-Limiter) per client address on the public app and, as a separate
  budget, on the API: S3DASH_RATE_LIMIT each; failed logins per client address
  (S3DASH_LOGIN_RATE_LIMIT) and per user name (S3DASH_LOGIN_ACCOUNT_LIMIT); counters in
  Redis when REDIS_URL is set, so all workers and machines share them (in memory while
  Redis is down: the limits fail open rather than failing the request). Static files
  (Dash bundles, assets) do not count: a page load fetches a dozen of them and they are
  cacheable. Beyond the limit: 429, JSON body,
  `Retry-After`.
- **compression** (Flask-Compress): brotli, zstd or gzip as the client accepts; compressed
  static bundles are kept per process (they are immutable and versioned by URL).
- **proxy trust**: with S3DASH_TRUSTED_PROXIES ≥ 1, werkzeug's ProxyFix reads the client
  address and the scheme from X-Forwarded-For / X-Forwarded-Proto, so that limits count real
  clients and HSTS sees HTTPS. With 0 those headers are ignored: anyone could forge them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Request, request
from flask.wrappers import Response
from flask_compress import Compress
from flask_limiter import ApplicationLimit, Limiter, RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from auth.users import MAX_USERNAME
from auth.views import LOGIN_PATH, throttled_login_page
from data.cache import redis_client_options

PUBLIC_PREFIX = "/public"
API_PREFIX = "/api/v1"
# Paths of static files inside an app: versioned bundles and assets, cheap and cacheable.
STATIC_MARKERS = ("/_dash-component-suites/", "/assets/", "/_favicon.ico")
RATE_LIMIT_OFF = "off"
LOGIN_ENDPOINT = "auth.login"
HSTS_VALUE = "max-age=31536000"  # one year; no includeSubDomains: the Region's other hosts
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
REFERRER_POLICY = "strict-origin-when-cross-origin"
# Every response may be framed by nobody unless it belongs to the public app.
CSP_NOT_FRAMEABLE = "frame-ancestors 'none'"
# JSON and CSV need no resources at all.
CSP_API = "default-src 'none'; frame-ancestors 'none'"
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/csv",
    "text/plain",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
]
# The static files of both apps compressed once: a few MB at most, bounded anyway.
STATIC_CACHE_MAX_BYTES = 32 * 1024 * 1024
PARTIAL_CONTENT = 206  # HTTP status of an answer to a Range request
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


class SettingError(RuntimeError):
    """A security setting cannot be used; the message says what to write instead."""


# --- settings -----------------------------------------------------------------------------


def parse_origins(text: str) -> list[str]:
    """S3DASH_EMBED_ORIGINS as a list of `scheme://host[:port]` origins (SettingError if bad).

    An origin carries no path, query or wildcard: a typo must not open the page to every
    site, so anything else stops the start-up.
    """
    origins = []
    for item in text.split():
        origin = item.rstrip("/")
        parts = urlsplit(origin)
        if not _ORIGIN.fullmatch(origin) or parts.path or parts.query:
            raise SettingError(
                f"S3DASH_EMBED_ORIGINS: {item!r} is not an origin; write scheme://host[:port] "
                "separated by spaces, e.g. 'https://www.regione.lombardia.it'"
            )
        origins.append(origin.lower())
    return list(dict.fromkeys(origins))


def parse_rate_limit(text: str, name: str = "S3DASH_RATE_LIMIT") -> str | None:
    """A rate limit setting checked by the `limits` parser; None when switched off."""
    value = text.strip()
    if value.lower() in (RATE_LIMIT_OFF, ""):
        return None
    try:
        parse_many(value)
    except ValueError as error:
        raise SettingError(
            f"{name}: {value!r} is not a rate limit ({error}); write e.g. "
            "'300/minute' or '20/second;1000/hour', or 'off'"
        ) from None
    return value


@dataclass(frozen=True)
class LoginLimits:
    """Failed login attempts allowed per client address and per user name (None: off)."""

    per_address: str | None
    per_account: str | None


def parse_login_limits(settings: Mapping[str, str]) -> LoginLimits:
    """S3DASH_LOGIN_RATE_LIMIT and S3DASH_LOGIN_ACCOUNT_LIMIT, checked like S3DASH_RATE_LIMIT."""
    return LoginLimits(
        parse_rate_limit(
            settings.get("S3DASH_LOGIN_RATE_LIMIT", "10/minute;50/hour"), "S3DASH_LOGIN_RATE_LIMIT"
        ),
        parse_rate_limit(
            settings.get("S3DASH_LOGIN_ACCOUNT_LIMIT", "5/minute;20/hour"),
            "S3DASH_LOGIN_ACCOUNT_LIMIT",
        ),
    )


def parse_proxy_count(text: str) -> int:
    """S3DASH_TRUSTED_PROXIES as a small non-negative integer."""
    value = text.strip() or "0"
    if not value.isdigit() or int(value) > 10:
        raise SettingError(f"S3DASH_TRUSTED_PROXIES must be a whole number 0-10, not {text!r}")
    return int(value)


# --- headers ------------------------------------------------------------------------------


def public_csp(origins: list[str]) -> str:
    """The public app's Content-Security-Policy: who may frame it, and nothing riskier."""
    ancestors = " ".join(origins) if origins else "'none'"
    return f"frame-ancestors {ancestors}; base-uri 'self'; object-src 'none'"


def in_area(path: str, prefix: str) -> bool:
    """True when `path` is `prefix` itself or below it."""
    return path == prefix or path.startswith(prefix + "/")


def is_static(path: str) -> bool:
    """True for the static files of the Dash apps (bundles, assets)."""
    return any(marker in path for marker in STATIC_MARKERS)


def _is_https(req: Request) -> bool:
    # With trusted proxies, ProxyFix has already set the scheme from X-Forwarded-Proto.
    return req.is_secure


def install_headers(server: Flask, origins: list[str]) -> None:
    """Add the security headers to every response."""
    csp_public = public_csp(origins)

    @server.after_request
    def add_security_headers(response: Response) -> Response:
        headers = response.headers
        if response.status_code not in (429, 503):
            # Flask-Limiter writes Retry-After on every limited response; it means something
            # only on a refusal.
            headers.pop("Retry-After", None)
        headers["X-Content-Type-Options"] = "nosniff"
        headers.setdefault("Referrer-Policy", REFERRER_POLICY)
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _is_https(request):
            headers["Strict-Transport-Security"] = HSTS_VALUE
        path = request.path
        if in_area(path, PUBLIC_PREFIX):
            headers["Content-Security-Policy"] = csp_public
            if origins:
                headers.pop("X-Frame-Options", None)
            else:
                headers["X-Frame-Options"] = "DENY"
        elif in_area(path, API_PREFIX):
            headers["Content-Security-Policy"] = CSP_API
        else:
            headers.setdefault("Content-Security-Policy", CSP_NOT_FRAMEABLE)
            headers.setdefault("X-Frame-Options", "DENY")
        return response


# --- rate limits --------------------------------------------------------------------------


def rate_limited_area(path: str) -> str | None:
    """`public` or `api` when `path` counts against that budget, None when it is free."""
    if in_area(path, API_PREFIX):
        return "api"
    if in_area(path, PUBLIC_PREFIX) and not is_static(path):
        return "public"
    return None


def too_many_requests(error: HTTPException) -> Response:
    """429 as JSON in the API's error shape (the login form: its page); with Retry-After."""
    if request.path == LOGIN_PATH:
        return throttled_login_page()
    limit = (
        f" (limit: {error.description} per client)" if isinstance(error, RateLimitExceeded) else ""
    )
    message = (
        f"Too many requests{limit}. Retry after the number of seconds in the Retry-After header."
    )
    body = json.dumps({"error": {"message": message}})
    return Response(body, status=429, mimetype="application/json")


def login_account_key() -> str:
    """The per-account budget's key: the user name typed in the form, case-folded."""
    name = request.form.get("username", "")
    return "account:" + name.strip().casefold()[:MAX_USERNAME]


def _login_failed(response: Response) -> bool:
    # A successful login redirects; only the attempts that fail spend the budget.
    return response.status_code != 302


def storage_options(storage_url: str) -> dict[str, object]:
    """Client options of the limiter's storage: Redis must fail fast, like the cache."""
    return redis_client_options() if storage_url.startswith(("redis:", "rediss:")) else {}


def install_rate_limits(
    server: Flask, rate: str | None, storage_url: str, login: LoginLimits | None = None
) -> Limiter | None:
    """One budget per client for /public/ and another for /api/v1/; login attempts.

    Returns None when every limit is off. Redis down: the limiter counts in memory
    meanwhile (logged by Flask-Limiter as "Rate limit storage unreachable") and goes back to
    Redis by itself: it fails open rather than taking the site down.
    """
    login = login or LoginLimits(None, None)
    if rate is None and login.per_address is None and login.per_account is None:
        return None

    def outside(area: str) -> bool:
        return rate_limited_area(request.path) != area

    application_limits: list[str | Callable[[], str] | ApplicationLimit] = (
        [
            ApplicationLimit(
                limit_provider=rate, scope="public", exempt_when=lambda: outside("public")
            ),
            ApplicationLimit(limit_provider=rate, scope="api", exempt_when=lambda: outside("api")),
        ]
        if rate is not None
        else []
    )
    limiter = Limiter(
        get_remote_address,
        app=server,
        application_limits=application_limits,
        storage_uri=storage_url or "memory://",
        # The stubs say str | int; redis-py takes floats and a Retry object as well.
        storage_options=storage_options(storage_url),  # type: ignore[arg-type]
        strategy="fixed-window",
        key_prefix="s3m-limits",
        headers_enabled=True,
        # Redis down must not take the public page down with it: count in memory meanwhile.
        in_memory_fallback_enabled=bool(storage_url),
        swallow_errors=True,
    )
    view: Callable[..., Any] | None = server.view_functions.get(LOGIN_ENDPOINT)
    if view is not None:
        # Decorating the registered view: Flask-Limiter checks a decorated limit when the
        # wrapped view runs (the innermost wrapper checks every limit of the view).
        for value, key, scope in (
            (login.per_address, get_remote_address, "login-address"),
            (login.per_account, login_account_key, "login-account"),
        ):
            if value is not None:
                view = limiter.limit(
                    value, key_func=key, methods=["POST"], scope=scope, deduct_when=_login_failed
                )(view)
        server.view_functions[LOGIN_ENDPOINT] = view
    server.register_error_handler(429, too_many_requests)
    return limiter


# --- compression --------------------------------------------------------------------------


class StaticCompressedCache:
    """Flask-Compress cache backend that keeps compressed *static* files only.

    Flask-Compress asks the backend for every response it compresses; dynamic ones (pages,
    callbacks, API) get an empty key and are never stored. Static bundles are immutable and
    versioned by their URL, so a compressed copy per URL and algorithm stays valid.
    """

    def __init__(self, max_bytes: int = STATIC_CACHE_MAX_BYTES) -> None:
        """An empty cache holding at most `max_bytes` of compressed data."""
        self.max_bytes = max_bytes
        self.size = 0
        self.data: dict[str, bytes] = {}

    @staticmethod
    def _cacheable(key: str) -> bool:
        return not key.endswith(";")

    def get(self, key: str) -> bytes | None:
        """The stored bytes of `key`, if any."""
        return self.data.get(key) if self._cacheable(key) else None

    def set(self, key: str, value: bytes) -> None:
        """Store `value` for a static file's key while there is room."""
        if not self._cacheable(key) or key in self.data:
            return
        if self.size + len(value) > self.max_bytes:
            return
        self.data[key] = value
        self.size += len(value)


def static_cache_key(req: Request) -> str:
    """The cache key part of a request: its full path for static files, else empty."""
    return req.full_path if is_static(req.path) else ""


def static_endpoints(server: Flask) -> list[str]:
    """The endpoints serving static files: Flask's and each Dash app's assets blueprint."""
    return sorted(
        {
            rule.endpoint
            for rule in server.url_map.iter_rules()
            if rule.endpoint == "static" or rule.endpoint.endswith(".static")
        }
    )


class WholeBodyCompress(Compress):
    """Flask-Compress that leaves partial content (206) as it is.

    A range request is answered with the bytes asked for and a `Content-Range` counting
    uncompressed bytes; compressing that slice would send an encoded body whose range
    no longer matches, which a client joining ranges (a resumed download) would corrupt.
    """

    def after_request(self, response: Response | None) -> Response:
        """Compress a whole response; a partial one only gets `Vary: Accept-Encoding`."""
        if response is not None and response.status_code == PARTIAL_CONTENT:
            response.vary.add("Accept-Encoding")
            return response
        return super().after_request(response)


def install_compression(server: Flask) -> Compress:
    """Brotli / zstd / gzip for text responses; static files compressed once per process.

    A static file is sent as a stream, compressed as it goes, with the encoding appended to
    its ETag (`"…:br"`); Flask-Compress answers a revalidation with 304 only on the endpoints
    it is told of. Without Dash's asset endpoints there, the `"…:br"` the browser sends back
    never matched and every page load downloaded the CSS and scripts again.
    """
    server.config.update(
        COMPRESS_STREAMING_ENDPOINT_CONDITIONAL=static_endpoints(server),
        COMPRESS_MIMETYPES=COMPRESSED_TYPES,
        # Brotli first: smallest for the big JavaScript bundles. Level 5 keeps a dynamic
        # response (a callback, an API page) to a few milliseconds.
        COMPRESS_ALGORITHM=["br", "zstd", "gzip", "deflate"],
        COMPRESS_ALGORITHM_STREAMING=["br", "zstd", "deflate"],
        COMPRESS_BR_LEVEL=5,
        COMPRESS_LEVEL=6,
        COMPRESS_MIN_SIZE=500,
        COMPRESS_CACHE_KEY=static_cache_key,
        COMPRESS_CACHE_BACKEND=StaticCompressedCache,
    )
    return WholeBodyCompress(server)


# --- all together -------------------------------------------------------------------------


def install_security(server: Flask, settings: Mapping[str, str]) -> None:
    """Headers, rate limits, compression and proxy trust; SettingError on a bad setting."""
    origins = parse_origins(settings.get("S3DASH_EMBED_ORIGINS", ""))
    rate = parse_rate_limit(settings.get("S3DASH_RATE_LIMIT", "300/minute"))
    proxies = parse_proxy_count(settings.get("S3DASH_TRUSTED_PROXIES", "0"))
    if proxies:
        # Only the client address and the scheme: host and prefix stay as the server sees them.
        # (Flask's documented way to wrap the WSGI app; mypy reads it as a method assignment.)
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            server.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0, x_prefix=0
        )
    # after_request handlers run last-registered first: the limiter writes its headers,
    # then the security headers are set (and a stray Retry-After dropped), then compression.
    install_compression(server)
    install_headers(server, origins)
    install_rate_limits(server, rate, settings.get("REDIS_URL", ""), parse_login_limits(settings))
    server.extensions["s3m_security"] = {"origins": origins, "rate_limit": rate}
