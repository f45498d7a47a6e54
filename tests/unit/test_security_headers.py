"""Security headers, embedding policy and compression (api/security.py)."""

from __future__ import annotations

import gzip
from typing import Any

import brotli
import pytest

from api.security import (
    SettingError,
    StaticCompressedCache,
    parse_origins,
    parse_proxy_count,
    parse_rate_limit,
    public_csp,
    static_endpoints,
)
from tests.conftest import make_app

REGION = "https://www.regione.lombardia.it"
PUBLIC_PATHS = ["/public/", "/public/_dash-layout", "/public/assets/s3.css"]


@pytest.fixture
def closed(seeded_url: str) -> Any:
    """The app with no embedding origin (the default)."""
    return make_app(seeded_url).test_client()


@pytest.fixture
def embeddable(seeded_url: str) -> Any:
    return make_app(
        seeded_url, S3DASH_EMBED_ORIGINS=f"{REGION} http://localhost:8124/"
    ).test_client()


def react_bundle(client: Any) -> str:
    page = client.get("/public/").get_data(as_text=True)
    start = page.index("/public/_dash-component-suites/dash/deps/react-dom")
    return page[start : page.index('"', start)]


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, "/", "/api/v1/clusters", "/healthz"])
def test_common_headers_everywhere(closed: Any, path: str) -> None:
    headers = closed.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain HTTP
    assert "Retry-After" not in headers  # only on a refusal


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_app_cannot_be_framed_by_default(closed: Any, path: str) -> None:
    headers = closed.get(path).headers
    assert headers["Content-Security-Policy"].startswith("frame-ancestors 'none';")
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_app_may_be_framed_by_the_allowed_origins(embeddable: Any, path: str) -> None:
    headers = embeddable.get(path).headers
    assert headers["Content-Security-Policy"] == (
        f"frame-ancestors {REGION} http://localhost:8124; base-uri 'self'; object-src 'none'"
    )
    assert "X-Frame-Options" not in headers  # it cannot name a list: CSP alone decides


def test_internal_app_and_api_are_never_frameable(embeddable: Any) -> None:
    for path in ("/", "/indicators", "/_dash-layout"):
        headers = embeddable.get(path).headers
        assert headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    api = embeddable.get("/api/v1/clusters").headers
    assert api["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_hsts_only_over_https(seeded_url: str) -> None:
    direct = make_app(seeded_url).test_client()
    assert direct.get("/public/", base_url="https://s3.example").headers[
        "Strict-Transport-Security"
    ] == ("max-age=31536000")
    # Behind a proxy: X-Forwarded-Proto counts only when the proxy is trusted.
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    assert "Strict-Transport-Security" not in direct.get("/public/", headers=forwarded).headers
    proxied = make_app(seeded_url, S3DASH_TRUSTED_PROXIES="1").test_client()
    assert "Strict-Transport-Security" in proxied.get("/public/", headers=forwarded).headers


# --- settings -------------------------------------------------------------------------------


def test_origins_are_parsed_and_normalised() -> None:
    assert parse_origins("") == []
    assert parse_origins(" https://A.example  http://localhost:8124/ https://a.example") == [
        "https://a.example",
        "http://localhost:8124",
    ]
    assert public_csp([]) == "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"


@pytest.mark.parametrize(
    "bad",
    [
        "*",
        "https://*.example.org",
        "example.org",
        "https://example.org/path",
        "javascript:alert(1)",
        "https://example.org?x=1",
        "'self'",
        "https://exa mple.org",
    ],
)
def test_bad_origins_stop_the_start(seeded_url: str, bad: str) -> None:
    with pytest.raises(SettingError, match="S3DASH_EMBED_ORIGINS"):
        parse_origins(bad)
    with pytest.raises(SettingError):
        make_app(seeded_url, S3DASH_EMBED_ORIGINS=bad)


def test_rate_limit_and_proxy_settings() -> None:
    assert parse_rate_limit("300/minute") == "300/minute"
    assert parse_rate_limit(" 20/second;1000/hour ") == "20/second;1000/hour"
    assert parse_rate_limit("off") is None and parse_rate_limit("") is None
    for bad in ("lots", "300 per fortnight", "-1/minute"):
        with pytest.raises(SettingError, match="S3DASH_RATE_LIMIT"):
            parse_rate_limit(bad)
    assert parse_proxy_count("") == 0 and parse_proxy_count("2") == 2
    for bad in ("-1", "x", "99"):
        with pytest.raises(SettingError, match="S3DASH_TRUSTED_PROXIES"):
            parse_proxy_count(bad)


# --- compression ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("identity", None), ("", None)],
)
def test_responses_are_compressed_as_the_client_accepts(
    closed: Any, accept: str, encoding: str | None
) -> None:
    plain_page = closed.get("/public/_dash-layout").get_data()
    plain_bundle = closed.get(react_bundle(closed)).get_data()
    for path, plain in (("/public/_dash-layout", plain_page), (react_bundle(closed), plain_bundle)):
        response = closed.get(path, headers={"Accept-Encoding": accept})
        assert response.headers.get("Content-Encoding") == encoding, path
        assert "Accept-Encoding" in response.headers["Vary"]
        body = response.get_data()
        if encoding == "br":
            body = brotli.decompress(body)
        elif encoding == "gzip":
            body = gzip.decompress(body)
        assert body == plain
        if encoding:
            assert len(response.get_data()) < len(plain) / 2


def test_api_and_csv_are_compressed(closed: Any) -> None:
    response = closed.get("/api/v1/calls?format=csv", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.get_data()).startswith(b"code,name,")


def test_static_files_are_compressed_once_dynamic_ones_never_cached() -> None:
    cache = StaticCompressedCache(max_bytes=10)
    cache.set("br;/public/_dash-component-suites/x.js?v=1", b"12345")
    assert cache.get("br;/public/_dash-component-suites/x.js?v=1") == b"12345"
    cache.set("br;", b"dynamic")  # a page, a callback, the API: empty key
    assert cache.get("br;") is None
    cache.set("br;/public/assets/big.css", b"123456789")  # over the budget: not kept
    assert cache.get("br;/public/assets/big.css") is None


@pytest.mark.parametrize("accept", ["gzip, deflate, br, zstd", "gzip", ""])
@pytest.mark.parametrize("path", ["/assets/s3.css?m=1", "/public/assets/public.css"])
def test_a_revalidation_with_the_etag_given_gets_304(closed: Any, accept: str, path: str) -> None:
    # Flask-Compress appends the encoding to the ETag ("…:br"); the browser sends that back,
    # and the asset must still be recognised, or every page load downloads it again. (Dash's
    # bundles have no ETag: their URL is versioned and they are cached for a year.)
    first = closed.get(path, headers={"Accept-Encoding": accept})
    assert first.status_code == 200 and first.headers.get("ETag")
    again = closed.get(
        path, headers={"Accept-Encoding": accept, "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304, (path, accept, first.headers["ETag"])
    assert again.get_data() == b""
    changed = closed.get(path, headers={"Accept-Encoding": accept, "If-None-Match": '"other"'})
    assert changed.status_code == 200 and changed.get_data() == first.get_data()


def test_the_conditional_endpoints_are_flask_and_both_dash_apps_assets(closed: Any) -> None:
    assert static_endpoints(closed.application) == [
        "_dash_assets.static",
        "_public_dash_assets.static",
        "static",
    ]


@pytest.mark.parametrize("path", ["/assets/s3.css", "/public/assets/public.css"])
def test_a_range_request_gets_the_uncompressed_bytes_it_asked_for(closed: Any, path: str) -> None:
    # Content-Range counts the file's own bytes: a compressed slice would not match it, and
    # a client joining ranges (a resumed download) would build a corrupt file.
    whole = closed.get(path, headers={"Accept-Encoding": "identity"}).get_data()
    assert len(whole) > 1000
    part = closed.get(path, headers={"Accept-Encoding": "br, gzip", "Range": "bytes=10-999"})
    assert part.status_code == 206
    assert "Content-Encoding" not in part.headers
    assert part.headers["Content-Range"] == f"bytes 10-999/{len(whole)}"
    assert part.get_data() == whole[10:1000]
    assert "Accept-Encoding" in part.headers["Vary"]
    # and the whole file is still compressed for the next reader
    after = closed.get(path, headers={"Accept-Encoding": "br"})
    assert after.headers["Content-Encoding"] == "br"
    assert brotli.decompress(after.get_data()) == whole
