"""SQLAlchemy 2 typed ORM models: every table of the data model in DESIGN.md.

The same models run on SQLite (embedded default) and PostgreSQL. Money is stored as
Numeric(16, 2) euros; indicator values as Float because units vary (counts, M€, €).
Every row taken from a document carries `source` (file name and section).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

Money = Numeric(16, 2)


class Base(DeclarativeBase):
    """Declarative base shared by every model (and by Alembic's autogenerate)."""


class Ecosystem(Base):
    """One of the 8 S3 innovation ecosystems, or the cross-cutting bucket."""

    __tablename__ = "ecosystem"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_it: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    cross_cutting: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(Text, default="")


class ClusterEcosystem(Base):
    """Link cluster ↔ ecosystem: its reference ecosystem and/or an S3 synergy."""

    __tablename__ = "cluster_ecosystem"

    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("cluster.id", ondelete="CASCADE"), primary_key=True
    )
    ecosystem_id: Mapped[int] = mapped_column(
        ForeignKey("ecosystem.id", ondelete="CASCADE"), primary_key=True
    )
    is_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    is_synergy: Mapped[bool] = mapped_column(Boolean, default=False)

    ecosystem: Mapped[Ecosystem] = relationship()


class Cluster(Base):
    """One of the 9 Cluster Tecnologici Lombardi."""

    __tablename__ = "cluster"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    legal_form: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(300))
    postcode: Mapped[str] = mapped_column(String(10))
    city: Mapped[str] = mapped_column(String(100))
    province_code: Mapped[str] = mapped_column(String(3))  # ISTAT code, e.g. "016"
    province_name: Mapped[str] = mapped_column(String(100))
    other_offices: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    coords_approximate: Mapped[bool] = mapped_column(Boolean, default=True)
    website: Mapped[str] = mapped_column(String(300), default="")
    members_total: Mapped[int] = mapped_column(Integer)
    members_firms: Mapped[int] = mapped_column(Integer)
    members_research: Mapped[int] = mapped_column(Integer)
    members_other: Mapped[int] = mapped_column(Integer)
    technology_areas: Mapped[str] = mapped_column(Text, default="")
    eu_projects: Mapped[str] = mapped_column(Text, default="")
    success_stories: Mapped[str] = mapped_column(Text, default="")
    projects: Mapped[str] = mapped_column(Text, default="")
    pnrr_synergies: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")

    ecosystem_links: Mapped[list[ClusterEcosystem]] = relationship(
        cascade="all, delete-orphan", order_by=ClusterEcosystem.ecosystem_id
    )


class Indicator(Base):
    """A monitored indicator with its baseline and 2027 target."""

    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_it: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(40))  # e.g. "M€", "€", "n."
    kind: Mapped[str] = mapped_column(String(20))  # cumulative | annual | level
    direction: Mapped[str] = mapped_column(String(10), default="higher")  # higher | lower
    objective: Mapped[str] = mapped_column(String(200), default="")
    ecosystem_id: Mapped[int | None] = mapped_column(ForeignKey("ecosystem.id"))
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[dt.date] = mapped_column(Date)
    target_value: Mapped[float] = mapped_column(Float)
    target_date: Mapped[dt.date] = mapped_column(Date)
    # False when the source says the measure behind the indicator has not started yet.
    measure_started: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # Optimistic concurrency for revisions made in the app (data/revisions.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    ecosystem: Mapped[Ecosystem | None] = relationship()
    observations: Mapped[list[Observation]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="Observation.date"
    )


class Observation(Base):
    """A dated value of an indicator. `value` None is "n.d." (not available), never zero."""

    __tablename__ = "observation"
    __table_args__ = (UniqueConstraint("indicator_id", "date", name="uq_observation_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(20), default="published")  # draft | published
    source: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    # Optimistic concurrency: a correction names the version it was made on (data/revisions.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    indicator: Mapped[Indicator] = relationship(back_populates="observations")


class CallEcosystem(Base):
    """Link funding call ↔ ecosystem it serves."""

    __tablename__ = "call_ecosystem"

    call_id: Mapped[int] = mapped_column(
        ForeignKey("funding_call.id", ondelete="CASCADE"), primary_key=True
    )
    ecosystem_id: Mapped[int] = mapped_column(
        ForeignKey("ecosystem.id", ondelete="CASCADE"), primary_key=True
    )


class FundingCall(Base):
    """A call for proposals, measure, agreement or prize with its figures."""

    __tablename__ = "funding_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    programme: Mapped[str] = mapped_column(String(200), default="")
    instrument: Mapped[str] = mapped_column(String(60), default="")
    year: Mapped[int | None] = mapped_column(Integer)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    budget_eur: Mapped[Decimal | None] = mapped_column(Money)
    requested_eur: Mapped[Decimal | None] = mapped_column(Money)
    granted_eur: Mapped[Decimal | None] = mapped_column(Money)
    project_value_eur: Mapped[Decimal | None] = mapped_column(Money)
    applications: Mapped[int | None] = mapped_column(Integer)
    admitted: Mapped[int | None] = mapped_column(Integer)
    beneficiaries: Mapped[int | None] = mapped_column(Integer)
    partners: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(60), default="")
    manager: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[bool] = mapped_column(Boolean, default=True)

    ecosystems: Mapped[list[Ecosystem]] = relationship(
        secondary="call_ecosystem", order_by=Ecosystem.sort_order
    )


class Project(Base):
    """A funded project, compatible with OpenCoesione open-data columns."""

    __tablename__ = "project"
    # Partial indexes (migration 0008): a bulk import of a million projects updates every
    # index on every row, so each one holds only the rows its lookups look for — a call's
    # or an ecosystem's projects, the synthetic ones. province_code has none: it is only
    # grouped by, over the whole table.
    __table_args__ = (
        *(
            Index(
                f"ix_project_{column}",
                column,
                postgresql_where=text(f"{column} IS NOT NULL"),
                sqlite_where=text(f"{column} IS NOT NULL"),
            )
            for column in ("call_id", "ecosystem_id")
        ),
        Index(
            "ix_project_is_synthetic",
            "is_synthetic",
            # The form the queries use (`.is_(True)`), so that the planner proves it.
            postgresql_where=text("is_synthetic IS true"),
            sqlite_where=text("is_synthetic IS 1"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), unique=True)  # COD_LOCALE_PROGETTO
    cup: Mapped[str] = mapped_column(String(20), default="")
    title: Mapped[str] = mapped_column(Text)  # OC_TITOLO_PROGETTO
    # call_id, ecosystem_id and import_batch_id reference funding_call, ecosystem and
    # import_batch, checked per statement by triggers (migration 0008), not by foreign
    # keys: their row-by-row checks would double the time of a bulk import.
    call_id: Mapped[int | None] = mapped_column(Integer)
    ecosystem_id: Mapped[int | None] = mapped_column(Integer)
    province_code: Mapped[str] = mapped_column(String(3), default="")
    province_name: Mapped[str] = mapped_column(String(100), default="")
    theme: Mapped[str] = mapped_column(String(200), default="")  # OC_TEMA_SINTETICO
    public_funding_eur: Mapped[Decimal | None] = mapped_column(Money)  # gross
    # OC_FINANZ_TOT_PUB_NETTO: public funding net of savings; the pages' default measure.
    net_funding_eur: Mapped[Decimal | None] = mapped_column(Money)
    commitments_eur: Mapped[Decimal | None] = mapped_column(Money)  # IMPEGNI
    payments_eur: Mapped[Decimal | None] = mapped_column(Money)  # TOT_PAGAMENTI
    programme_code: Mapped[str] = mapped_column(String(40), default="", server_default="")
    procedure_code: Mapped[str] = mapped_column(String(60), default="", server_default="")
    # "province" (one Lombardy province), "region" (Lombardy-wide), "multi" (several
    # provinces, or Lombardy and elsewhere: never counted in one province), "" not said.
    localisation: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # Which mapping rule gave the ecosystem (or why none did), for the drill-down.
    ecosystem_rule: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # Inconsistencies of the source, one per line ("" when none): imported and flagged.
    warnings: Mapped[str] = mapped_column(Text, default="", server_default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(Text, default="")
    import_batch_id: Mapped[int | None] = mapped_column(Integer)


class HeadlineFigure(Base):
    """A headline figure stated by a document (PST resources, 2024 granted total…)."""

    __tablename__ = "headline_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    label_it: Mapped[str] = mapped_column(Text)
    label_en: Mapped[str] = mapped_column(Text)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40))
    qualifier: Mapped[str] = mapped_column(String(20), default="")  # circa | oltre | quasi
    period: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ForecastRun(Base):
    """One Prophet fit of one series, keyed by the hash of its data and settings."""

    __tablename__ = "forecast_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    series_key: Mapped[str] = mapped_column(String(200), index=True)
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    model: Mapped[str] = mapped_column(String(60), default="prophet")
    model_version: Mapped[str] = mapped_column(String(40), default="")
    data_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    # ok | insufficient | not_started | target_passed | failed (data/analysis/forecast.py)
    status: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text, default="")
    n_points: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # A refresh that fails keeps this run as the series' forecast, marked stale with the error.
    stale: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    error: Mapped[str] = mapped_column(Text, default="", server_default="")
    p_target_met: Mapped[float | None] = mapped_column(Float)
    outlook: Mapped[str | None] = mapped_column(String(20))  # likely | uncertain | unlikely
    realistic_median: Mapped[float | None] = mapped_column(Float)
    realistic_low: Mapped[float | None] = mapped_column(Float)
    realistic_high: Mapped[float | None] = mapped_column(Float)
    projected_pace: Mapped[float | None] = mapped_column(Float)
    required_pace: Mapped[float | None] = mapped_column(Float)
    trend_to_reverse: Mapped[bool] = mapped_column(Boolean, default=False)

    points: Mapped[list[ForecastPoint]] = relationship(
        cascade="all, delete-orphan", order_by="ForecastPoint.date"
    )


class ForecastPoint(Base):
    """A forecast value with its 80% interval."""

    __tablename__ = "forecast_point"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        ForeignKey("forecast_run.id", ondelete="CASCADE"), index=True
    )
    date: Mapped[dt.date] = mapped_column(Date)
    yhat: Mapped[float] = mapped_column(Float)
    yhat_lower: Mapped[float] = mapped_column(Float)
    yhat_upper: Mapped[float] = mapped_column(Float)


class ImportBatch(Base):
    """Audit record of an import attempt, committed or refused."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    username: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    rows: Mapped[int] = mapped_column(Integer, default=0)
    # committed | refused | dry-run | undone (a committed batch later undone) | undo | published
    outcome: Mapped[str] = mapped_column(String(20))
    errors: Mapped[str] = mapped_column(Text, default="")  # JSON list of problems
    is_synthetic: Mapped[bool] = mapped_column(Boolean, default=False)
    # What a committed batch replaced, so it can be undone (data/publishing.py): JSON with
    # the ids of the rows it inserted and the previous values of the rows it updated.
    replaced: Mapped[str] = mapped_column(Text, default="", server_default="")
    # For an "undo" or "published" entry: the batch it acted on (None: every draft).
    target_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    # JSON: what an import skipped (by reason), the source warnings it imported, and how
    # many projects found their call ("" for kinds and batches without such a report).
    report: Mapped[str] = mapped_column(Text, default="", server_default="")


class AppUser(Base):
    """A staff account of the internal app."""

    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20), default="viewer")  # viewer | editor | admin
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class DataVersion(Base):
    """Single row whose counter every data-changing write bumps (cache keys carry it)."""

    __tablename__ = "data_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )


class ContextSeries(Base):
    """One yearly value of a context indicator (Eurostat regional series) for one region.

    `measure` is the Eurostat file's value column (e.g. `rd_e_gerdreg_total_pc_gdp`); a
    missing year has no row (a gap is missing data, never zero). `region_name` is taken from
    the shipped names table (data/context/regions.csv), else it is the code. `extracted` is
    when the source was extracted (as the source states it, e.g. "2022-03"), "" if unknown.
    """

    __tablename__ = "context_series"
    __table_args__ = (
        UniqueConstraint("measure", "region_code", "year", name="uq_context_series_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    measure: Mapped[str] = mapped_column(String(60), index=True)
    region_code: Mapped[str] = mapped_column(String(20), index=True)
    region_name: Mapped[str] = mapped_column(String(200), default="")
    nuts_level: Mapped[int] = mapped_column(Integer)  # 0 country … 3; 7 = EU aggregate
    unit: Mapped[str] = mapped_column(String(30))
    year: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(Text, default="")
    extracted: Mapped[str] = mapped_column(String(10), default="")
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ObservationRevision(Base):
    """One change to an observation made in the app: the old value is never lost.

    `action` is entered | corrected | withdrawn | restored. The indicator code and date are
    copied so the history survives an undo that deletes the observation itself.
    """

    __tablename__ = "observation_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observation.id", ondelete="SET NULL"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(40), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(20))
    old_value: Mapped[float | None] = mapped_column(Float)
    new_value: Mapped[float | None] = mapped_column(Float)
    old_status: Mapped[str] = mapped_column(String(20), default="")
    new_status: Mapped[str] = mapped_column(String(20), default="")
    old_source: Mapped[str] = mapped_column(Text, default="")
    new_source: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer)  # the observation's version after it
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class IndicatorRevision(Base):
    """One revision of an indicator's baseline, target, dates or published flag.

    Values are stored as text (ISO dates, repr of floats, "true"/"false"); "" is empty.
    """

    __tablename__ = "indicator_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicator.id", ondelete="SET NULL"), index=True
    )
    indicator_code: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    version: Mapped[int] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))


class ReportGeneration(Base):
    """A report issued from the report page ("Generate and print"): data/report_log.py.

    "What changed" starts by default at the latest of these (the previous report).
    `covers_since` is the start of the "what changed" the issued copy carried and `basis`
    how it was chosen (previous_report | no_report | chosen); `scope` the report's filters.
    """

    __tablename__ = "report_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now(), index=True)
    username: Mapped[str] = mapped_column(String(100))
    covers_since: Mapped[dt.datetime] = mapped_column(DateTime)
    basis: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str] = mapped_column(String(300), default="")
    lang: Mapped[str] = mapped_column(String(5), default="it")
    data_version: Mapped[int] = mapped_column(Integer)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
