"""The `s3dash` command line: database, seed, import/export, users and the dev server.

Every command reads DATABASE_URL through data.settings. Expected failures (a file that
cannot be read, a database that cannot be reached, a refused import) end with a plain
message and exit status 1, never with a traceback.
"""

from __future__ import annotations

import functools
import getpass
import ipaddress
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from data.schemas import IMPORT_KINDS
from data.settings import get_setting

ROLES = ("viewer", "editor", "admin")
PASSWORD_ENV = "S3DASH_NEW_PASSWORD"

P = ParamSpec("P")
R = TypeVar("R")


def _database_url() -> str:
    return get_setting("DATABASE_URL")


def _shown_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _database_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn database failures into a one-line message and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ArgumentError as exc:
            raise click.ClickException(f"DATABASE_URL is not a valid database URL: {exc}") from exc
        except SQLAlchemyError as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            raise click.ClickException(
                f"database error at {_shown_url(_database_url())}: {detail}\n"
                "Check DATABASE_URL and that `s3dash db upgrade` has been run."
            ) from exc

    return wrapper


@click.group()
def main() -> None:
    """S3 Monitor: Regione Lombardia's R&I indicators, funding and clusters."""


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@_database_errors
def db_upgrade() -> None:
    """Create or migrate the database schema to the latest version."""
    from alembic.util.exc import CommandError

    from data.migrate import upgrade

    url = _database_url()
    try:
        upgrade(url)
    except CommandError as exc:
        raise click.ClickException(f"migration failed: {exc}") from exc
    click.echo(f"database schema up to date: {_shown_url(url)}")


@main.command("seed")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has data.")
@_database_errors
def seed_cmd(if_empty: bool) -> None:
    """Load the default data from data/seed/*.csv and data/context/*.csv (idempotent)."""
    from data.context import seed_context
    from data.seeding import SeedError, is_seeded, seed

    url = _database_url()
    loaded: dict[str, int] = {}
    if if_empty and is_seeded(url):
        click.echo("database already has data: seed skipped")
    else:
        try:
            loaded = seed(url)
        except SeedError as exc:
            raise click.ClickException(str(exc)) from exc
    # The context series are loaded even into a seeded database that predates them; a file
    # the seed already loaded unchanged is skipped, so this costs nothing the second time.
    try:
        context = seed_context(url)
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    loaded["eurostat"] = sum(context.values())
    counts = ", ".join(f"{kind} {rows}" for kind, rows in loaded.items())
    click.echo(f"seed loaded: {counts}")


@main.command("import")
@click.argument("kind", type=click.Choice([*IMPORT_KINDS, "eurostat"]), metavar="KIND")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate only; write no data.")
@click.option(
    "--extracted",
    default="",
    help="eurostat only: when the source was extracted (YYYY-MM or YYYY-MM-DD).",
)
@_database_errors
def import_cmd(kind: str, file: Path, dry_run: bool, extracted: str) -> None:
    """Validate FILE (CSV UTF-8 or XLSX) and import it as KIND if all of it is valid.

    KIND `eurostat` reads an Eurostat regional file (data/context/README.md) and replaces
    the rows of its measure.
    """
    from data.importers.dispatch import import_path

    if kind == "eurostat":
        _import_eurostat(file, dry_run, extracted)
        return

    # A large OpenCoesione file is streamed in chunks; its progress goes to stderr, so that
    # stdout keeps only the problems and the summary.
    with _ProgressBar(f"{kind}: importing {file.name}") as progress:
        try:
            result = import_path(
                _database_url(),
                kind,
                file,
                dry_run=dry_run,
                username=_os_user(),
                progress=progress,
            )
        except OSError as exc:
            raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from exc
    for problem in result.problems:  # on stdout, in file order, before the summary
        click.echo(str(problem))
    click.echo(result.summary())
    # What was skipped and flagged: the same lines as the Data page's upload report.
    from dashboard.import_report import report_lines

    for line in report_lines(result, get_setting("S3DASH_LANG")):
        click.echo(line)
    if not result.ok:
        sys.exit(1)
    if not dry_run:
        from data.publishing import refresh_after_import

        # Refit the forecasts this import changed, in a process of its own (the import is
        # committed already; a forecast that fails keeps the previous one, marked stale).
        if refresh_after_import(_database_url(), result):
            click.echo("forecasts of the changed series are being refreshed in the background")


def _import_eurostat(file: Path, dry_run: bool, extracted: str) -> None:
    from data.context import import_eurostat

    if extracted and not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", extracted):
        raise click.BadParameter("YYYY-MM or YYYY-MM-DD", param_hint="--extracted")
    try:
        content = file.read_bytes()
    except OSError as exc:
        raise click.ClickException(f"cannot read {file}: {exc.strerror or exc}") from exc
    result = import_eurostat(
        _database_url(),
        content,
        file.name,
        dry_run=dry_run,
        username=_os_user(),
        extracted=extracted,
    )
    for problem in result.problems:
        click.echo(str(problem))
    click.echo(result.summary())
    if not result.ok:
        sys.exit(1)


class _ProgressBar:
    """A click progress bar on stderr, shown only once there is progress to show."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None
        self._done = 0

    def __enter__(self) -> _ProgressBar:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(
                length=max(total, 1), label=self._label, file=sys.stderr
            ).__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _os_user() -> str:
    # Recorded in import_batch as who ran the import; containers may have no user name.
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


@main.command("export")
@click.argument("kind", type=click.Choice(list(IMPORT_KINDS)), metavar="KIND")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv", show_default=True
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.option("--public", is_flag=True, help="Only what the public may see.")
@_database_errors
def export_cmd(kind: str, fmt: str, output: Path | None, public: bool) -> None:
    """Write KIND in the import layout to --output or to standard output."""
    from data.exporting import export

    stdout = sys.stdout.buffer
    if output is None and fmt == "xlsx" and stdout.isatty():
        raise click.ClickException(
            "refusing to write a binary XLSX file to the terminal: "
            "use --output FILE or redirect standard output"
        )
    content = export(_database_url(), kind, fmt, public=public)
    if output is None:
        stdout.write(content)
        stdout.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"{kind}: {len(content)} bytes written to {output}", err=True)


@main.group()
def user() -> None:
    """Accounts of the internal app."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--name", default="", help="Full name shown in the app.")
@_database_errors
def user_add(username: str, role: str, name: str) -> None:
    """Create an account; the password is asked twice (or read from S3DASH_NEW_PASSWORD)."""
    from werkzeug.security import generate_password_hash

    from data.db import session_scope
    from data.models import AppUser

    url = _database_url()
    username = username.strip()
    if not username:
        raise click.ClickException("the username cannot be empty")
    with session_scope(url) as session:
        taken = session.scalar(
            select(func.count()).select_from(AppUser).where(AppUser.username == username)
        )
    if taken:
        raise click.ClickException(f"user {username!r} already exists")
    password = os.environ.get(PASSWORD_ENV) or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    if len(password) < 8:
        raise click.ClickException("the password must be at least 8 characters long")
    with session_scope(url) as session:
        session.add(
            AppUser(
                username=username,
                name=name,
                role=role,
                password_hash=generate_password_hash(password, method="scrypt"),
            )
        )
    click.echo(f"user {username!r} added with role {role}")


@main.command("demo")
@click.option(
    "--projects",
    "n_projects",
    type=click.IntRange(min=1),
    default=None,
    help="Generate N synthetic funded projects (replacing earlier ones).",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Random seed: the same seed gives the same projects.",
)
@click.option("--remove", is_flag=True, help="Delete every synthetic project, and nothing else.")
@_database_errors
def demo_cmd(n_projects: int | None, seed: int, remove: bool) -> None:
    """Load or remove synthetic demo projects (marked synthetic, never public)."""
    from data import demo

    if remove == (n_projects is not None):
        raise click.UsageError("give either --projects N or --remove")
    url = _database_url()
    if remove:
        removed = demo.remove(url)
        click.echo(f"synthetic demo projects removed: {removed.rows}")
        return
    assert n_projects is not None
    try:
        with _ProgressBar("demo: generating projects") as progress:
            result = demo.generate(url, n_projects, seed=seed, progress=progress)
    except demo.DemoError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"synthetic demo projects loaded: {result.rows} (seed {seed}, import batch "
        f"{result.batch_id}); pages show them with a 'synthetic demo data' mark, "
        "the public app and the API never show them"
    )


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=None, help="Default: the PORT setting (8050).")
def serve(host: str, port: int | None) -> None:
    """Run the Flask development server (production: gunicorn app:server).

    With S3DASH_AUTH=none (no login) it only binds a loopback address.
    """
    from app import create_app, settle_heap

    auth = get_setting("S3DASH_AUTH")
    if auth != "login" and not is_loopback(host):
        raise click.ClickException(
            f"refusing to serve on {host} with S3DASH_AUTH={auth}: without a login the "
            "internal app may only listen on loopback (127.0.0.1). Set S3DASH_AUTH=login "
            "(and SECRET_KEY), or use --host 127.0.0.1."
        )
    try:
        server = create_app()
    except RuntimeError as exc:
        raise click.ClickException(str(exc)) from exc
    settle_heap()
    if auth != "login":
        click.echo("login disabled (development, loopback only): S3DASH_AUTH=none", err=True)
    server.run(host=host, port=port or int(get_setting("PORT")), debug=False)


def _attach_forecast() -> None:
    # `s3dash forecast` lives with the forecasting code, which owns its options.
    from data.forecast_cli import forecast

    main.add_command(forecast)


_attach_forecast()


if __name__ == "__main__":
    main()
