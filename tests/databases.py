"""Test databases built once per session and copied for each test.

Alembic (about 0.5 s) and the seed (about 0.7 s) used to run for every test. Now a SQLite
template is migrated (and another seeded) once, and each test gets a copy of the file; a
PostgreSQL template database is migrated once, and each test gets
`CREATE DATABASE … TEMPLATE …` of it under the name TEST_DATABASE_URL gives (with the
pytest-xdist worker's name appended, so that workers never share a database).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, make_url

from data.db import get_engine
from data.migrate import upgrade

Prepare = Callable[[str], Any]


class SqliteTemplates:
    """Template SQLite files in `folder`, each built on first use and then copied."""

    def __init__(self, folder: Path) -> None:
        """Nothing is built yet: a session that needs no database pays nothing."""
        self.folder = folder
        self._files: dict[str, Path] = {}

    def copy(self, path: Path, name: str = "migrated", prepare: Prepare | None = None) -> str:
        """A copy at `path` (replaced if present) of the template `name`; returns its URL.

        The template is the migrated database, which `prepare(url)` changes the first time
        `name` is asked for: one name must always come with the same `prepare`.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self._template(name, prepare), path)
        return f"sqlite:///{path}"

    def _template(self, name: str, prepare: Prepare | None) -> Path:
        if name not in self._files:
            template = self.folder / f"{name}.db"
            url = f"sqlite:///{template}"
            if name == "migrated":
                upgrade(url)
            else:
                shutil.copyfile(self._template("migrated", None), template)
                if prepare is not None:
                    prepare(url)
            # Closed connections leave a complete file (no journal) to copy as it is.
            get_engine(url).dispose()
            self._files[name] = template
        return self._files[name]

    def migrated_copy(self, path: Path) -> str:
        """An empty, migrated database at `path`; returns its URL."""
        return self.copy(path)

    def seeded_copy(self, path: Path) -> str:
        """A migrated database with the seed at `path`; returns its URL."""
        from data.seeding import seed

        return self.copy(path, "seeded", seed)

    def forecasted_copy(self, path: Path) -> str:
        """The seeded database with every forecast fitted (as `make run` fits them) at
        `path`; returns its URL. The fits take seconds: done once per session, not per module.
        """
        return self.copy(path, "forecasted", _seed_and_forecast)

    def context_copy(self, path: Path) -> str:
        """The seeded database with the shipped Eurostat context series and every forecast
        (indicators and context) fitted, at `path`; returns its URL."""
        return self.copy(path, "context", _seed_context_and_forecast)


def _forecast(url: str) -> None:
    from data.forecasting import refresh

    summary = refresh(url)
    if summary.failed:
        raise RuntimeError(f"forecast template: {summary.failed} fits failed: {summary.errors}")


def _seed_and_forecast(url: str) -> None:
    from data.seeding import seed

    seed(url)
    _forecast(url)


def _seed_context_and_forecast(url: str) -> None:
    from data.context import seed_context
    from data.seeding import seed

    seed(url)
    seed_context(url)
    _forecast(url)


class PostgresDatabases:
    """The test database named by `url`, and a migrated template database beside it.

    Under pytest-xdist each worker has its own test database and template, named after
    the worker ("test_gw0", "test_gw0_template"), created here and dropped at the end.
    """

    def __init__(self, url: str) -> None:
        """Nothing is created yet: the first `migrated()` builds the template."""
        parsed = make_url(url)
        self.worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        self.database = str(parsed.database) + (f"_{self.worker}" if self.worker else "")
        self.template = f"{self.database}_template"
        self.url = _render(parsed.set(database=self.database))
        self.template_url = _render(parsed.set(database=self.template))
        # CREATE/DROP DATABASE cannot run inside a transaction, nor while connected to it.
        self._admin_url = _render(parsed.set(database="postgres"))
        self._admin = get_engine(self._admin_url).execution_options(isolation_level="AUTOCOMMIT")
        self._built = False

    def _recreate(self, name: str, template: str = "template0") -> None:
        with self._admin.connect() as conn:
            # FORCE ends connections left open by the code under test (threads, subprocesses).
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))

    def empty(self) -> str:
        """The test database, replaced by an empty one (not migrated); its URL."""
        get_engine(self.url).dispose()  # the pool's connections are to the old database
        self._recreate(self.database)
        return self.url

    def migrated(self) -> str:
        """The test database, replaced by a copy of the migrated template; its URL."""
        if not self._built:
            self._recreate(self.template)
            upgrade(self.template_url)
            get_engine(self.template_url).dispose()
            self._built = True
        get_engine(self.url).dispose()
        self._recreate(self.database, self.template)
        return self.url

    def drop(self) -> None:
        """At the end of the session: remove the template, and a worker's own database."""
        get_engine(self.url).dispose()
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)'))
            if self.worker:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        get_engine(self._admin_url).dispose()


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)
