"""gunicorn itself (the Procfile's command) trusts X-Forwarded-Proto only per the setting.

gunicorn's default `forwarded_allow_ips` is 127.0.0.1: a loopback client sending
`X-Forwarded-Proto: https` made the request HTTPS, and HSTS was sent, even with
S3DASH_TRUSTED_PROXIES=0.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.services import free_port

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def _start(seeded_url: str, proxies: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": seeded_url,
        "REDIS_URL": "",
        "SECRET_KEY": "test-secret",
        "S3DASH_TRUSTED_PROXIES": proxies,
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    command = [str(gunicorn), "app:server", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return server, port


def _hsts_over_forged_https(server: subprocess.Popen[bytes], port: int) -> str | None:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.headers.get("Strict-Transport-Security")
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.3)


def test_forged_https_from_loopback_gets_no_hsts(seeded_url: str) -> None:
    # Both servers start at once: each spends seconds importing the app.
    servers = {proxies: _start(seeded_url, proxies) for proxies in ("0", "1")}
    try:
        assert _hsts_over_forged_https(*servers["0"]) is None
        assert _hsts_over_forged_https(*servers["1"]) is not None
    finally:
        for server, _ in servers.values():
            server.terminate()
        for server, _ in servers.values():
            server.wait(timeout=30)
