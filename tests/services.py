"""Throwaway Redis and PostgreSQL servers that a test may kill, hang and restart.

Never the shared services of the machine: each server here runs on a free port, in a
temporary directory, and is stopped when the test ends. Absent binaries skip the test (or
fail it under S3DASH_REQUIRE_SERVICES, see tests.conftest.skip_or_fail).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.conftest import skip_or_fail


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


class OwnRedis:
    """A `redis-server` of the test's own: `kill()`, `pause()`, `resume()`, `start()`."""

    def __init__(self, binary: str) -> None:
        """Not started yet; `start()` starts it on a free port."""
        self.binary = binary
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """Its redis:// URL."""
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start (or restart) the server on the same port, empty."""
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port)

    def kill(self) -> None:
        """SIGKILL: connections are reset, the port refuses."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def pause(self) -> None:
        """SIGSTOP: the port still accepts connections, nothing answers (a hung server)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """SIGCONT after `pause()`."""
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Whatever state it is in, end it."""
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)
            self.kill()


def own_redis() -> OwnRedis:
    """A started throwaway Redis (skips the test when redis-server is absent)."""
    binary = shutil.which("redis-server")
    if binary is None:
        skip_or_fail("redis-server not found: no throwaway Redis for the outage test")
    server = OwnRedis(str(binary))
    server.start()
    return server


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class OwnPostgres:
    """A throwaway PostgreSQL cluster (initdb in a temporary folder): `stop()`, `start()`."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        """Initialise the cluster in `root` (as the `postgres` user when run as root)."""
        self.bin_dir = bin_dir
        self.root = root
        self.data = root / "data"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            shutil.chown(root, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    @property
    def url(self) -> str:
        """Its SQLAlchemy URL."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin_dir / tool), *args]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        """Start the cluster on its port (loopback only, no Unix socket)."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        """Stop it now (fast shutdown: clients are disconnected)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def destroy(self) -> None:
        """Stop it if running and remove its files."""
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def own_postgres(root: Path) -> OwnPostgres:
    """A started throwaway PostgreSQL cluster under `root` (skips without the binaries)."""
    bin_dir = _pg_bin()
    if bin_dir is None or (os.geteuid() == 0 and shutil.which("runuser") is None):
        skip_or_fail("initdb/pg_ctl not found: no throwaway PostgreSQL for the outage test")
    server = OwnPostgres(bin_dir, root)
    server.start()
    return server
