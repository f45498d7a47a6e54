"""The `s3dash` CLI through click's CliRunner, on a temporary SQLite file via DATABASE_URL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from data.cli import main
from data.db import session_scope
from data.models import AppUser, Ecosystem, ImportBatch
from tests.databases import SqliteTemplates

Rows = dict[str, list[dict[str, str]]]


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture
def run(url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("S3DASH_NEW_PASSWORD", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(
            main, list(args), env={"DATABASE_URL": url, **(env or {})}, input=input
        )

    return invoke


@pytest.fixture
def ready(url: str, database_templates: SqliteTemplates) -> None:
    """The database seeded (test_db_upgrade_and_seed runs the commands that do it)."""
    database_templates.seeded_copy(Path(url.removeprefix("sqlite:///")))


def test_db_upgrade_and_seed(run, url: str) -> None:
    result = run("db", "upgrade")
    assert result.exit_code == 0 and "database schema up to date" in result.output
    result = run("seed")
    assert result.exit_code == 0 and "seed loaded: ecosystems" in result.output
    with session_scope(url) as session:
        assert session.scalar(select(func.count()).select_from(Ecosystem))
    result = run("seed", "--if-empty")
    assert result.exit_code == 0 and "seed skipped" in result.output


@pytest.mark.usefixtures("ready")
def test_refused_import_exits_1_with_row_and_column(run, tmp_path: Path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(
        "indicator_code,date,value,source\nRI01,2024-12-31,abc,x\nNOPE,2024-12-31,1,x\n",
        encoding="utf-8",
    )
    result = run("import", "observations", str(path))
    assert result.exit_code == 1
    assert 'row 2, column value: "abc" is not a number' in result.output
    assert 'row 3, column indicator_code: unknown indicator code "NOPE"' in result.output
    assert "observations: refused, 2 problems, nothing written" in result.output
    assert "Traceback" not in result.output


@pytest.mark.usefixtures("ready")
def test_import_and_dry_run_exit_0(run, tmp_path: Path, url: str) -> None:
    path = tmp_path / "obs.csv"
    path.write_text("indicator_code,date,value,source\nRI01,2025-06-30,3.5,x\n", encoding="utf-8")
    result = run("import", "observations", str(path), "--dry-run")
    assert result.exit_code == 0 and "dry run, 1 rows valid, nothing written" in result.output
    result = run("import", "observations", str(path))
    assert result.exit_code == 0 and "1 rows imported — 1 new" in result.output
    with session_scope(url) as session:
        outcomes = list(session.scalars(select(ImportBatch.outcome).order_by(ImportBatch.id)))
    assert outcomes[-2:] == ["dry-run", "committed"]


@pytest.mark.usefixtures("ready")
def test_unreadable_file_is_a_clear_error(run, tmp_path: Path) -> None:
    result = run("import", "observations", str(tmp_path / "missing.csv"))
    assert result.exit_code == 1
    assert "cannot read" in result.output and "Traceback" not in result.output


@pytest.mark.usefixtures("ready")
def test_export_to_stdout_and_file(run, tmp_path: Path) -> None:
    result = run("export", "ecosystems", "--format", "csv")
    assert result.exit_code == 0
    table = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert table[0] == [
        *("code", "name_it", "name_en", "cross_cutting", "sort_order", "source"),
        *("source_title", "source_file"),  # the document's title, its file as provenance
    ]
    assert len(table) > 1
    result = run("export", "calls", "--format", "xlsx")  # stdout is not a terminal here
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"
    out = tmp_path / "ind.json"
    result = run("export", "indicators", "--format", "json", "--output", str(out))
    assert result.exit_code == 0 and out.read_bytes().startswith(b"[{")


@pytest.mark.usefixtures("ready")
def test_user_add(run, url: str) -> None:
    env = {"S3DASH_NEW_PASSWORD": "correct horse battery"}
    result = run("user", "add", "anna", "--role", "editor", "--name", "Anna B.", env=env)
    assert result.exit_code == 0, result.output
    with session_scope(url) as session:
        user = session.scalars(select(AppUser)).one()
    assert (user.username, user.role, user.name) == ("anna", "editor", "Anna B.")
    assert user.password_hash.startswith("scrypt:")
    assert "correct horse" not in user.password_hash
    again = run("user", "add", "anna", "--role", "admin", env=env)
    assert again.exit_code == 1 and "already exists" in again.output


@pytest.mark.usefixtures("ready")
def test_user_add_prompts_twice(run, url: str) -> None:
    result = run("user", "add", "bea", "--role", "viewer", input="s3cret-pass\ns3cret-pass\n")
    assert result.exit_code == 0, result.output
    with session_scope(url) as session:
        assert session.scalar(select(AppUser.role).where(AppUser.username == "bea")) == "viewer"


def test_unreachable_database_is_a_clear_error(run) -> None:
    env = {"DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"}
    result = run("seed", env=env)
    assert result.exit_code == 1
    assert "database error at postgresql+psycopg://nobody@127.0.0.1:1/none" in result.output
    assert "Traceback" not in result.output


def test_missing_tables_is_a_clear_error(run) -> None:
    result = run("export", "calls")
    assert result.exit_code == 1 and "s3dash db upgrade" in result.output


def test_import_eurostat(run, tmp_path: Path, url: str) -> None:
    from data.models import ContextSeries

    assert run("db", "upgrade").exit_code == 0
    header = "year,region_type,region_year_spec,region_id,region_level,rd_e_gerdreg_total_pc_gdp"
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}\n2019,NUTS,2010,ITC4,2,abc\n", encoding="utf-8")
    result = run("import", "eurostat", str(bad))
    assert result.exit_code == 1
    assert "row 2, column rd_e_gerdreg_total_pc_gdp: 'abc' is not a number" in result.output
    good = tmp_path / "good.csv"
    good.write_text(f"{header}\n2019,NUTS,2010,ITC4,2,1.34\n2019,NUTS,2010,DE1,1,5.74\n")
    result = run("import", "eurostat", str(good), "--extracted", "2022-03")
    assert result.exit_code == 0 and "eurostat: 2 rows imported" in result.output
    assert run("import", "eurostat", str(good), "--extracted", "March").exit_code == 2
    with session_scope(url) as session:
        rows = session.execute(select(ContextSeries.region_code, ContextSeries.value)).all()
    assert sorted(rows) == [("DE1", 5.74), ("ITC4", 1.34)]
