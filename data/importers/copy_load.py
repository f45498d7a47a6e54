"""The PostgreSQL fast path of the OpenCoesione import: COPY into staging, then set-based SQL.

data.importers.chunked reads, checks and writes an OpenCoesione file row by row in Python,
which is right for SQLite and for a file with problems (each one named with its row and
column). On PostgreSQL a clean file of a million rows does not need that: `load` streams
the file with COPY (psycopg 3 `cursor.copy`) into a temporary staging table, checks it
with a few queries, derives every project column in SQL (scope, localisation, money,
dates, warnings, call, ecosystem and its rule), and merges it into `project` with one
`INSERT … ON CONFLICT`, inside the caller's transaction.

The checks here only decide whether the fast path may be taken; they never word a problem.
When COPY fails (bytes that are not UTF-8, a cut row, a blank line) or any check finds
something to report, `load` rolls back to its savepoint and returns None: the caller then
runs the row-by-row importer, which finds and words every problem exactly as on SQLite.
So the two paths cannot disagree on what is refused, only on how fast they are.
The rules mirror data.importers.opencoesione (`_place`, `_inconsistencies`) and
data.ecosystem_mapping (`EcosystemMapping.explain`); tests/integration compares the two
paths on the real export.
"""

from __future__ import annotations

import logging
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from data.ecosystem_mapping import PUBLIC_WORKS, EcosystemMapping
from data.geo import province_names
from data.importers.cells import MAX_DATE, MIN_DATE
from data.importers.checks import SPECS
from data.importers.opencoesione import (
    ABROAD,
    END_EFFECTIVE,
    END_PLANNED,
    LOMBARDY,
    MONEY_COLUMNS,
    NATIONAL,
    SKIP_REASONS,
    SOURCE_COLUMNS,
)
from data.importers.problems import Problem
from data.importers.reading import schema_for
from data.importers.writing import NEW, UNCHANGED, UPDATED, row_state
from data.models import Project

COPY_BLOCK = 1 << 20
# Columns the fast path reads (with COD_REGIONE required: without it, localisations need
# the row-by-row rules for short province codes).
SOURCE = {
    **{key: SOURCE_COLUMNS[key] for key in ("code", "cup", "title", "theme")},
    "region": "COD_REGIONE",
    "province": SOURCE_COLUMNS["province_code"],
    "province_name": SOURCE_COLUMNS["province_name"],
    "start": SOURCE_COLUMNS["start_date"],
    "end_effective": END_EFFECTIVE,
    "end_planned": END_PLANNED,
    "procedure": SOURCE_COLUMNS["procedure_code"],
    "programme": SOURCE_COLUMNS["programme_code"],
    "nature": "CUP_COD_NATURA",
    "category": "CUP_COD_CATEGORIA",
    "ateco": "COD_ATECO",
    **{
        f"{short}_t": MONEY_COLUMNS[long]
        for short, long in zip(
            ("gross", "net", "commitments", "payments"), MONEY_COLUMNS, strict=True
        )
    },
}
AMOUNTS = ("gross_t", "net_t", "commitments_t", "payments_t")
# Text lengths the model allows (the row-by-row path reports longer ones).
LENGTHS = {"code": 100, "cup": 20, "theme": 200, "programme": 40, "procedure": 60}
# Project columns the merge writes (the projects format's, references as ids); a row is
# unchanged when all of them are.
WRITTEN = tuple(
    SPECS["projects"].attribute(column.name)
    for column in schema_for("projects").columns
    if column.name != "code"
)
NOTE_OUTSIDE = " (the project is outside Lombardy: not imported)"

Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """What an import wrote (or would write, in a dry run), as the importer reports it.

    The COPY path fills it at once; the totals of chunked.py add up to it chunk by chunk.
    """

    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    actions: dict[int, str] = field(default_factory=dict)
    inserted_ids: array[int] = field(default_factory=lambda: array("q"))
    updated_states: list[dict[str, Any]] = field(default_factory=list)
    undo_possible: bool = True
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    warnings_total: int = 0
    linked_to_call: int = 0


def available(session: Session) -> bool:
    """True on PostgreSQL through psycopg 3 (COPY from Python needs its `cursor.copy`)."""
    dialect = session.get_bind().dialect
    return dialect.name == "postgresql" and dialect.driver == "psycopg"


def load(
    session: Session,
    stream: IO[bytes],
    header: list[str],
    mapping: EcosystemMapping,
    calls: dict[str, str],
    source: str,
    batch_id: int,
    size: int,
    progress: Progress | None,
    *,
    actions_kept: int,
    undo_limit: int,
    warnings_kept: int,
) -> Loaded | None:
    """COPY, check and merge the file; None when the row-by-row importer must do it."""
    if SOURCE["region"] not in header:
        return None
    savepoint = session.begin_nested()
    connection = session.connection().connection.driver_connection
    names = [name or f"_unnamed_{i}" for i, name in enumerate(header)]
    columns = ", ".join(_quote(n) for n in names)
    try:
        with connection.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute(
                "CREATE TEMP TABLE oc_raw (n bigint GENERATED ALWAYS AS IDENTITY, "
                + ", ".join(f"{_quote(n)} text" for n in names)
                + ") ON COMMIT DROP"
            )
            sql = (
                f"COPY oc_raw ({columns}) FROM STDIN "
                "WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING 'UTF8')"
            )
            with cursor.copy(sql) as copy:
                while block := stream.read(COPY_BLOCK):
                    copy.write(block)
                    if progress is not None:
                        progress(stream.tell(), size)
        _tune_session(session)
        _derive(session, header, mapping, calls, source)
        loaded = _clean(session)
    except Exception:  # noqa: BLE001 — bad bytes, a cut row…: the row-by-row path words it
        log.info("COPY path not taken: the row-by-row importer reads the file", exc_info=True)
        savepoint.rollback()
        return None
    if loaded is None:
        savepoint.rollback()
        return None
    _report(session, loaded, warnings_kept)
    loaded.updated_states, loaded.undo_possible = _previous_states(session, undo_limit)
    _merge(session, batch_id)
    _count(session, loaded, actions_kept)
    savepoint.commit()
    return loaded


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _cell(header: list[str], key: str) -> str:
    """A trimmed source cell as SQL ('' when the column is absent or the cell empty)."""
    name = SOURCE[key]
    if name not in header:
        return "''"
    return f"coalesce(btrim(r.{_quote(name)}, E' \\t\\r\\n'), '')"


def _derive(
    session: Session,
    header: list[str],
    mapping: EcosystemMapping,
    calls: dict[str, str],
    source: str,
) -> None:
    """oc_rows: one row per staged record, every project column derived in SQL."""
    session.execute(
        text(
            "CREATE TEMP TABLE oc_rules (match_type text, key text, ecosystem text, "
            "row_n int) ON COMMIT DROP"
        )
    )
    rules = [
        {"t": t, "k": k, "e": eco, "n": n}
        for t, by_key in mapping.rules.items()
        for k, (eco, n) in by_key.items()
    ]
    if rules:
        session.execute(text("INSERT INTO oc_rules VALUES (:t, :k, :e, :n)"), rules)
    session.execute(
        text("CREATE TEMP TABLE oc_calls (procedure text, call_code text) ON COMMIT DROP")
    )
    if calls:
        session.execute(
            text("INSERT INTO oc_calls VALUES (:p, :c)"),
            [{"p": p, "c": c} for p, c in calls.items()],
        )
    provinces = province_names()
    session.execute(text("CREATE TEMP TABLE oc_provinces (code text, name text) ON COMMIT DROP"))
    session.execute(
        text("INSERT INTO oc_provinces VALUES (:c, :n)"),
        [{"c": c, "n": n} for c, n in provinces.items()],
    )
    cells = ",\n".join(f"{_cell(header, key)} AS {key}" for key in SOURCE)
    amounts = " OR ".join(f"({a} <> '' AND NOT pg_temp.oc_amount_ok({a}))" for a in AMOUNTS)
    sql = _inline(_DERIVE_SQL.format(cells=cells, amount_checks=f"({amounts})"))
    session.execute(text(sql), _derive_params(mapping, source))


def _derive_params(mapping: EcosystemMapping, source: str) -> dict[str, Any]:
    return {
        "lombardy": LOMBARDY,
        "national": NATIONAL,
        "abroad": ABROAD,
        "public_works": PUBLIC_WORKS,
        "rules_source": mapping.source,
        "source": source,
        "end_effective": END_EFFECTIVE,
        "end_planned": END_PLANNED,
        "province_codes": sorted(province_names()),
        "province_names": sorted(n.lower() for n in province_names().values()),
    }


# Localisations (opencoesione.py `_place`): the regions of a row are its COD_REGIONE parts
# and the region halves of its 6-digit COD_PROVINCIA parts; it is in scope when Lombardy is
# among them; "province" when exactly one Lombardy province and no other region, "region"
# when none and no other region, else "multi".
_DERIVE_SQL = """
CREATE TEMP TABLE oc_rows ON COMMIT DROP AS
WITH typed AS (
    -- Each LATERAL step is computed once per row (OFFSET 0 keeps the planner from
    -- inlining it, which would evaluate its expressions at every use).
    SELECT * FROM oc_raw r
    CROSS JOIN LATERAL (SELECT r.n + 1 AS row_n,

{cells}
    OFFSET 0) raw
    CROSS JOIN LATERAL (SELECT

        -- One localisation (nearly every row): plain expressions; several: unnest them.
        CASE WHEN raw.region NOT LIKE '%:::%' AND raw.province NOT LIKE '%:::%' THEN
            array_remove(ARRAY[
                CASE WHEN raw.region <> '' THEN lpad(raw.region, 3, '0') END,
                CASE WHEN raw.province <> '' THEN left(raw.province, 3) END
            ], NULL)
        ELSE ARRAY(
            SELECT DISTINCT x FROM (
                SELECT lpad(btrim(p), 3, '0') AS x
                FROM unnest(string_to_array(raw.region, ':::')) p WHERE btrim(p) <> ''
                UNION ALL
                SELECT left(btrim(p), 3)
                FROM unnest(string_to_array(raw.province, ':::')) p WHERE btrim(p) <> ''
            ) u
        ) END AS regions,
        CASE WHEN raw.province NOT LIKE '%:::%' THEN
            CASE WHEN left(raw.province, 3) = :lombardy AND right(raw.province, 3) <> '000'
                AND length(raw.province) = 6
                THEN ARRAY[right(raw.province, 3)] ELSE ARRAY[]::text[] END
        ELSE ARRAY(
            SELECT right(btrim(p), 3)
            FROM unnest(string_to_array(raw.province, ':::')) WITH ORDINALITY AS t(p, o)
            WHERE left(btrim(p), 3) = :lombardy AND right(btrim(p), 3) <> '000'
            GROUP BY right(btrim(p), 3) ORDER BY min(o)
        ) END AS lombard,
        CASE WHEN raw.region NOT LIKE '%:::%' AND raw.province NOT LIKE '%:::%' THEN
            (raw.province <> '' AND NOT pg_temp.oc_6_digits(raw.province))
            OR (raw.region <> '' AND NOT pg_temp.oc_1_to_3_digits(raw.region))
        ELSE EXISTS (
            SELECT 1 FROM unnest(string_to_array(raw.province, ':::')) p
            WHERE btrim(p) <> '' AND btrim(p) !~ '^\\d{{6}}$'
        ) OR EXISTS (
            SELECT 1 FROM unnest(string_to_array(raw.region, ':::')) p
            WHERE btrim(p) <> '' AND btrim(p) !~ '^\\d{{1,3}}$'
        ) END
        OR (raw.code = '' AND raw.title = '')  -- a row of empty cells: skipped there
        OR (raw.region = '' AND raw.province = ''
            AND lower(raw.province_name) = ANY(:province_names))  -- a name alone
        AS odd_place,
        CASE WHEN raw.end_effective <> '' THEN raw.end_effective ELSE raw.end_planned END
            AS end_t,
        CASE WHEN raw.end_effective <> '' THEN :end_effective ELSE :end_planned END
            AS end_column
    OFFSET 0) parts
    CROSS JOIN LATERAL (SELECT

        :lombardy = ANY(regions) AS in_scope,
        NOT (regions <@ ARRAY[:lombardy]::text[]) AS elsewhere,
        NOT (lombard <@ CAST(:province_codes AS text[])) AS bad_province,
        {amount_checks} AS bad_amount,
        NOT (pg_temp.oc_date_ok(start) AND pg_temp.oc_date_ok(end_t)) AS bad_date,
        NOT (pg_temp.oc_year_ok(start) AND pg_temp.oc_year_ok(end_t)) AS bad_year
    OFFSET 0) placed
    CROSS JOIN LATERAL (SELECT

        CASE
            WHEN in_scope THEN ''
            WHEN NOT (regions <@ ARRAY[:national, :abroad]::text[]) THEN 'other_region'
            WHEN :abroad = ANY(regions) THEN 'abroad'
            WHEN cardinality(regions) > 0 THEN 'national'
            ELSE 'unlocalised'
        END AS skip,
        CASE
            WHEN NOT in_scope THEN ''
            WHEN cardinality(lombard) = 1 AND NOT elsewhere THEN 'province'
            WHEN cardinality(lombard) = 0 AND NOT elsewhere THEN 'region'
            ELSE 'multi'
        END AS localisation,
        CASE WHEN NOT bad_amount AND gross_t <> ''
            THEN replace(gross_t, ',', '.')::numeric(16, 2) END AS gross,
        CASE WHEN NOT bad_amount AND net_t <> ''
            THEN replace(net_t, ',', '.')::numeric(16, 2) END AS net,
        CASE WHEN NOT bad_amount AND commitments_t <> ''
            THEN replace(commitments_t, ',', '.')::numeric(16, 2) END AS commitments,
        CASE WHEN NOT bad_amount AND payments_t <> ''
            THEN replace(payments_t, ',', '.')::numeric(16, 2) END AS payments,
        -- A checked YYYYMMDD is an ISO 8601 date: the cast reads it faster than to_date.
        CASE WHEN NOT bad_date AND start <> '' THEN start::date END AS start_date,
        CASE WHEN NOT bad_date AND end_t <> '' THEN end_t::date END AS end_date,
        nature = :public_works AS public_works,
        -- Rule keys computed once per row, so that the rule joins are hash joins.
        pg_temp.oc_norm(procedure) AS key_procedure,
        CASE WHEN programme <> '' AND category <> ''
            THEN pg_temp.oc_norm(programme || '+' || category) END AS key_category,
        CASE WHEN programme <> '' AND ateco <> ''
            THEN pg_temp.oc_norm(programme || '+' || ateco) END AS key_ateco,
        pg_temp.oc_norm(theme) AS key_theme
    OFFSET 0) typed_
), ruled AS (
    SELECT typed.*,
        r1.ecosystem AS eco_procedure, r1.row_n AS row_procedure,
        r2.ecosystem AS eco_category, r2.row_n AS row_category,
        r3.ecosystem AS eco_ateco, r3.row_n AS row_ateco,
        r4.ecosystem AS eco_theme, r4.row_n AS row_theme
    FROM typed
    LEFT JOIN oc_rules r1 ON r1.match_type = 'procedure' AND r1.key = key_procedure
    LEFT JOIN oc_rules r2 ON r2.match_type = 'programme_cup_category' AND r2.key = key_category
    LEFT JOIN oc_rules r3 ON r3.match_type = 'programme_ateco' AND r3.key = key_ateco
    LEFT JOIN oc_rules r4 ON r4.match_type = 'theme' AND r4.key = key_theme
)
SELECT ruled.row_n, ruled.code, ruled.cup, ruled.title, ruled.theme, ruled.skip,
    ruled.localisation, ruled.odd_place, ruled.bad_province, ruled.bad_amount, ruled.bad_date,
    ruled.bad_year,
    ruled.programme, ruled.procedure,
    ruled.gross, ruled.net, ruled.commitments, ruled.payments,
    ruled.start_date, ruled.end_date,
    CASE WHEN ruled.localisation = 'province'
        THEN ruled.lombard[1] ELSE '' END AS province_code,
    left(CASE
        WHEN ruled.localisation = 'province' THEN own.name
        WHEN ruled.localisation = 'multi' AND NOT ruled.elsewhere
            THEN array_to_string(ARRAY(
                SELECT p.name FROM unnest(ruled.lombard) WITH ORDINALITY AS l(c, o)
                JOIN oc_provinces p ON p.code = l.c ORDER BY l.o), ', ')
        WHEN ruled.localisation = 'multi'
            THEN array_to_string(ARRAY(
                SELECT btrim(x) FROM unnest(string_to_array(ruled.province_name, ':::'))
                    WITH ORDINALITY AS t(x, o)
                WHERE btrim(x) <> '' ORDER BY o), ', ')
        ELSE ruled.province_name
    END, 100) AS province_name,
    oc_calls.call_code, call.id AS call_id, eco.id AS ecosystem_id,
    CASE
        WHEN ruled.eco_procedure IS NOT NULL THEN ruled.eco_procedure
        WHEN ruled.public_works THEN NULL
        ELSE coalesce(ruled.eco_category, ruled.eco_ateco, ruled.eco_theme)
    END AS ecosystem,
    left(CASE
        WHEN ruled.eco_procedure IS NOT NULL THEN 'procedure ' || ruled.procedure || ' → '
            || ruled.eco_procedure || ' (' || :rules_source || ', row '
            || ruled.row_procedure || ')'
        WHEN ruled.public_works THEN 'none: public works (CUP_COD_NATURA '
            || :public_works || ') take an ecosystem only from a procedure rule'
        WHEN ruled.eco_category IS NOT NULL THEN 'programme_cup_category ' || ruled.programme
            || '+' || ruled.category || ' → ' || ruled.eco_category || ' ('
            || :rules_source || ', row ' || ruled.row_category || ')'
        WHEN ruled.eco_ateco IS NOT NULL THEN 'programme_ateco ' || ruled.programme || '+'
            || ruled.ateco || ' → ' || ruled.eco_ateco || ' (' || :rules_source
            || ', row ' || ruled.row_ateco || ')'
        WHEN ruled.eco_theme IS NOT NULL THEN 'theme ' || ruled.theme || ' → '
            || ruled.eco_theme || ' (' || :rules_source || ', row ' || ruled.row_theme || ')'
        ELSE 'none: no rule matched'
    END, 300) AS ecosystem_rule,
    concat_ws(E'\\n',
        CASE WHEN ruled.end_date < ruled.start_date THEN ruled.end_column || ': ends ('
            || ruled.end_date || ') before it starts (' || ruled.start_date || ')' END,
        CASE WHEN ruled.net > ruled.gross
            THEN 'OC_FINANZ_TOT_PUB_NETTO: the net public funding ('
            || replace(ruled.net_t, ',', '.') || ') is above the gross ('
            || replace(ruled.gross_t, ',', '.') || ')' END,
        CASE WHEN ruled.payments > coalesce(ruled.net, ruled.gross)
            THEN 'TOT_PAGAMENTI: the payments (' || replace(ruled.payments_t, ',', '.')
            || ') exceed the funding (' || replace(
                CASE WHEN ruled.net IS NOT NULL THEN ruled.net_t ELSE ruled.gross_t END,
                ',', '.') || ')' END
    ) AS warnings,
    :source AS source
FROM ruled
LEFT JOIN oc_calls ON oc_calls.procedure = ruled.procedure
LEFT JOIN oc_provinces own ON own.code = ruled.lombard[1]
LEFT JOIN funding_call call ON call.code = oc_calls.call_code
LEFT JOIN ecosystem eco ON eco.code = CASE
    WHEN ruled.eco_procedure IS NOT NULL THEN ruled.eco_procedure
    WHEN ruled.public_works THEN NULL
    ELSE coalesce(ruled.eco_category, ruled.eco_ateco, ruled.eco_theme)
END
"""

# Checks and keys written inline for each use: a call to an SQL function per cell would
# cost more than all the rest of the derivation.
# data.ecosystem_mapping._normalise: the regular expression only where there is inner
# whitespace to collapse (cells are trimmed already).
_NORM = (
    "lower(CASE WHEN strpos({v}, '  ') > 0 OR strpos({v}, chr(9)) > 0"
    " OR strpos({v}, chr(10)) > 0 OR strpos({v}, chr(13)) > 0"
    " THEN regexp_replace(btrim({v}), '\\s+', ' ', 'g') ELSE {v} END)"
)
# Digit checks without regular expressions: a bounded repetition such as `^\d{1,14}$` costs
# PostgreSQL's regex engine microseconds per cell, several seconds per million rows, where
# `translate` and `length` cost a tenth of it. `{v}` is made of ASCII digits only, and
# `length({v}) {n}`; `\d` of PostgreSQL's regular expressions matches no other digit either.
_DIGITS = "(length({v}) {n} AND translate({v}, '0123456789', '') = '')"
# ^\d{1,14}(,\d{1,2})?$ (the amounts of the source, decimal comma).
_AMOUNT_OK = (
    "(CASE WHEN strpos({v}, ',') = 0"
    " THEN length({v}) BETWEEN 1 AND 14 AND translate({v}, '0123456789', '') = ''"
    " ELSE translate({v}, '0123456789', '') = ','"
    " AND strpos({v}, ',') BETWEEN 2 AND 15 AND length({v}) - strpos({v}, ',') BETWEEN 1 AND 2"
    " END)"
)
# '' or a real day YYYYMMDD (integer arithmetic on the 8 digits read as one integer, which
# fits in int4: PostgreSQL 15 has no pg_input_is_valid, and to_date raises on 31 February).
_DATE_OK = (
    "(CASE WHEN {v} = '' THEN true WHEN NOT " + _DIGITS.format(v="{v}", n="= 8") + " THEN false"
    " WHEN {v}::int / 100 % 100 NOT BETWEEN 1 AND 12 OR {v}::int < 10000"
    " THEN false ELSE {v}::int % 100 BETWEEN 1 AND"
    " (ARRAY[31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[{v}::int / 100 % 100]"
    " AND ({v}::int % 10000 <> 229 OR ({v}::int / 10000 % 4 = 0"
    " AND ({v}::int / 10000 % 100 <> 0 OR {v}::int / 10000 % 400 = 0))) END)"
)
# Within the years the product accepts (data.importers.cells MIN_DATE, MAX_DATE).
_YEAR_OK = (
    "(NOT " + _DIGITS.format(v="{v}", n="= 8") + " OR {v} BETWEEN"
    f" '{MIN_DATE:%Y%m%d}' AND '{MAX_DATE:%Y%m%d}')"
)
_INLINE = {
    "oc_norm": _NORM,
    "oc_date_ok": _DATE_OK,
    "oc_year_ok": _YEAR_OK,
    "oc_amount_ok": _AMOUNT_OK,
    "oc_6_digits": _DIGITS.format(v="{v}", n="= 6"),
    "oc_1_to_3_digits": _DIGITS.format(v="{v}", n="BETWEEN 1 AND 3"),
}


def _inline(sql: str) -> str:
    """`pg_temp.oc_…(arg)` in `sql` replaced by the expression it stands for."""
    return re.sub(
        r"pg_temp\.(oc_\w+)\(([^()]*)\)",
        lambda m: _INLINE[m.group(1)].format(v=m.group(2)),
        sql,
    )


def _tune_session(session: Session) -> None:
    # JIT would compile the long expressions of the derivation for seconds before the
    # first row: more than the whole derivation of a million rows takes without it.
    session.execute(text("SET LOCAL jit = off"))
    # A cache per LATERAL step only costs here: every row is different.
    session.execute(text("SET LOCAL enable_memoize = off"))


def _clean(session: Session) -> Loaded | None:
    """The counts of the file when nothing in it needs the row-by-row importer to word it.

    One scan of oc_rows answers the checks and counts the rows in scope, the skipped ones
    by reason, the calls linked and the warnings.
    """
    lengths = " OR ".join(f"length({c}) > {n}" for c, n in LENGTHS.items())
    lengths += " OR bad_year"
    skipped = ", ".join(
        f"count(*) FILTER (WHERE skip = :skip_{i})" for i in range(len(SKIP_REASONS))
    )
    found = session.execute(
        text(
            "SELECT count(*) FILTER (WHERE skip = '') AS in_scope,"
            " bool_or(odd_place OR bad_province OR bad_amount OR bad_date) AS bad_format,"
            f" bool_or(skip = '' AND (code = '' OR title = '' OR {lengths})) AS bad_cell,"
            " count(*) FILTER (WHERE skip = '' AND call_code IS NOT NULL) AS linked,"
            " coalesce(sum(cardinality(string_to_array(warnings, E'\\n')))"
            "   FILTER (WHERE warnings <> ''), 0) AS warnings_total,"
            f" {skipped}"
            " FROM oc_rows"
        ),
        {f"skip_{i}": reason for i, reason in enumerate(SKIP_REASONS)},
    ).one()
    if not found.in_scope or found.bad_format or found.bad_cell:
        return None
    repeated = session.execute(
        text("SELECT 1 FROM oc_rows WHERE skip = '' GROUP BY code HAVING count(*) > 1 LIMIT 1")
    ).first()
    taken = session.execute(
        text(
            "SELECT 1 FROM oc_rows r JOIN project p ON p.code = r.code"
            " WHERE r.skip = '' AND p.is_synthetic LIMIT 1"
        )
    ).first()
    if repeated is not None or taken is not None:
        return None
    loaded = Loaded(
        rows=int(found.in_scope),
        linked_to_call=int(found.linked),
        warnings_total=int(found.warnings_total),
    )
    counts = found[5:]
    loaded.skipped = {r: int(n) for r, n in zip(SKIP_REASONS, counts, strict=True) if n}
    return loaded


def _report(session: Session, loaded: Loaded, warnings_kept: int) -> None:
    """The first warnings of the file, in row order, into `loaded`."""
    for row_n, skip, lines in session.execute(
        text(
            "SELECT row_n, skip, warnings FROM oc_rows WHERE warnings <> '' ORDER BY row_n LIMIT :n"
        ),
        {"n": warnings_kept},
    ):
        for line in str(lines).split("\n"):
            column, _, message = line.partition(": ")
            note = NOTE_OUTSIDE if skip else ""
            loaded.warnings.append(Problem(int(row_n), column, message + note))
    loaded.warnings = loaded.warnings[:warnings_kept]


def _differs(old: str, new: str) -> str:
    """SQL: a stored project differs from its new values in some written column."""
    left = ", ".join(f"{old}.{c}" for c in WRITTEN)
    right = ", ".join(f"{new}.{c}" for c in WRITTEN)
    return f"({left}) IS DISTINCT FROM ({right})"


# The new values of the rows in scope, under the project's column names.
_NEW_VALUES = """(
SELECT row_n, code, cup, title, call_id, ecosystem_id, province_code, province_name, theme,
    gross AS public_funding_eur, net AS net_funding_eur, commitments AS commitments_eur,
    payments AS payments_eur, programme AS programme_code, procedure AS procedure_code,
    localisation, ecosystem_rule, warnings, start_date, end_date, source
FROM oc_rows WHERE skip = ''
)"""


def _previous_states(session: Session, limit: int) -> tuple[list[dict[str, Any]], bool]:
    """The rows the merge will change, as undo needs them (or too many to undo)."""
    changing = text(
        f"SELECT p.id FROM project p JOIN {_NEW_VALUES} n ON n.code = p.code"
        f" WHERE {_differs('p', 'n')}"
        " LIMIT :n"
    )
    ids = [int(i) for i in session.scalars(changing, {"n": limit + 1})]
    if len(ids) > limit:
        return [], False
    states: list[dict[str, Any]] = []
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        for obj in session.scalars(select(Project).where(Project.id.in_(chunk))):
            states.append(row_state("projects", obj))
    session.expunge_all()
    return states, True


def _merge(session: Session, batch_id: int) -> None:
    names = ", ".join(("code", *WRITTEN, "import_batch_id", "is_synthetic"))
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in (*WRITTEN, "import_batch_id"))
    differs = _differs("project", "EXCLUDED")
    session.execute(
        text("CREATE TEMP TABLE oc_merged (id bigint, code text, inserted boolean) ON COMMIT DROP")
    )
    # A first import (no code of the file stored yet) needs no conflict handling, which
    # costs a speculative insertion per row.
    stored = session.execute(
        text(f"SELECT 1 FROM {_NEW_VALUES} n JOIN project p ON p.code = n.code LIMIT 1")
    ).first()
    conflict = f"ON CONFLICT (code) DO UPDATE SET {updates} WHERE {differs} " if stored else ""
    session.execute(
        text(
            f"WITH m AS (INSERT INTO project ({names}) "
            f"SELECT code, {', '.join(WRITTEN)}, :batch, false FROM {_NEW_VALUES} n "
            f"{conflict}RETURNING id, code, xmax = 0) "
            "INSERT INTO oc_merged SELECT * FROM m"
        ),
        {"batch": batch_id},
    )


def _count(session: Session, loaded: Loaded, actions_kept: int) -> None:
    # One read of oc_merged for the counts and the ids undo needs.
    inserted, updated, ids = session.execute(
        text(
            "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted),"
            " string_agg(id::text, ',' ORDER BY id) FILTER (WHERE inserted)"
            " FROM oc_merged"
        )
    ).one()
    loaded.inserted, loaded.updated = int(inserted), int(updated)
    loaded.unchanged = loaded.rows - loaded.inserted - loaded.updated
    if ids:
        loaded.inserted_ids = array("q", map(int, str(ids).split(",")))
    # The first rows only are looked up in oc_merged (not every row, then the first kept).
    rows = session.execute(
        text(
            "SELECT n.row_n, m.inserted FROM (SELECT row_n, code FROM oc_rows"
            " WHERE skip = '' ORDER BY row_n LIMIT :n) n"
            " LEFT JOIN oc_merged m ON m.code = n.code ORDER BY n.row_n"
        ),
        {"n": actions_kept},
    )
    for row_n, was_inserted in rows:
        action = UNCHANGED if was_inserted is None else (NEW if was_inserted else UPDATED)
        loaded.actions[int(row_n)] = action
