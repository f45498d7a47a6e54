"""Funding page: every call with its figures and ratios, breakdowns, flow, funded projects.

Layout only: frames in, components out; no data access and no callbacks (those live in
`callbacks/funding.py`). The calls and projects are interactive tables (dashboard/grid.py:
sort, filter, pages, CSV, as one HTML block each);
every chart goes through `chart_block` with a sentence stating its key numbers and a table
carrying all of them, and is drawn when the reader reaches it (below the calls grid, every
chart is below the fold: drawing them all at once made the page 2.5× a bare Dash page).
Project figures come from SQL aggregates (`data.project_queries`), never from the project
rows themselves, except the capped list of one call's projects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html
from dash.development.base_component import Component

from dashboard.citations import citation_fields
from dashboard.components import chart_block, data_table, href, page_header, place_names
from dashboard.figures import funding as figures
from dashboard.grid import Column, citation_columns, grid
from dashboard.i18n import format_date, format_eur, format_number, format_percent, t
from data.analysis import funding as analysis
from data.analysis.missing import is_missing, number_or_none
from data.analysis.records import records as frame_records
from data.schemas import SOURCE_TITLE

PAGE_PATH = "/funding"
TABLE_ID = "funding-calls-table"  # the calls grid (kept from the plain table it replaced)
SUMMARY_ID = "funding-summary"
PROJECTS_ID = "funding-projects"
PICKER_ID = "funding-call-picker"
CALL_PROBLEM_ID = "funding-call-problem"
FILTER_NOTE_ID = "filter-note"
PROJECTS_SUMMARY_ID = "funding-projects-summary"
PROJECTS_GRID_ID = "funding-projects-grid"
PROJECTS_BY_CALL_ID = "funding-projects-by-call"
PROVINCE_ID = "funding-projects-province"
PROGRAMME_ID = "funding-projects-programme"
MONTH_ID = "funding-projects-month"
FLOW_ID = "funding-flow"
RANKED_BUDGET_ID = "funding-ranked-budget"
RANKED_OVERSUBSCRIPTION_ID = "funding-ranked-oversubscription"
BREAKDOWN_PREFIX = "funding-breakdown-"
MONEY_MEASURES = ("budget_eur", "requested_eur", "granted_eur")
SYNTHETIC_ROW = "s3-synthetic-row"
ALL_CALLS = "all"  # the picker's "every call" option (absent from the URL)


@dataclass(frozen=True)
class PageData:
    """Everything the page is drawn from, already filtered by the view's ecosystem."""

    calls: pd.DataFrame  # the view's calls, with data.analysis.funding.with_ratios columns
    ecosystem_names: dict[str, str]  # code → name in the view's language
    # The function that gives the view's project aggregates (data.project_queries.
    # funding_cube): read when a block needs them, which the layout draws last, so that the
    # database sums while the calls' blocks are drawn (data.read_ahead).
    project_cube: Callable[[], pd.DataFrame]
    province_names: dict[str, str]  # ISTAT code → name
    lang: str
    ecosystem: str | None = None
    call: str | None = None  # the drill-down call (validated: it exists and is listed)
    call_problem: str | None = None  # why `?call=` was not shown, in words
    call_projects: pd.DataFrame | None = None  # the call's largest projects (capped)
    params: dict[str, str] = field(default_factory=dict)  # shared URL parameters

    @cached_property
    def cube(self) -> pd.DataFrame:
        """The view's project aggregates (`project_cube`, read once)."""
        return self.project_cube()

    @cached_property
    def by_call(self) -> pd.DataFrame:
        """The cube summed by call (the calls grid and the projects-by-call table both read it)."""
        return analysis.cube_sum(self.cube, ["call_code"])

    @cached_property
    def breakdowns(self) -> dict[str, pd.DataFrame]:
        """The calls' four breakdowns (their figure columns read once for the four)."""
        return analysis.breakdowns(self.calls)


# --- formatting helpers -------------------------------------------------------------------


def _ratio_text(value: float | None, lang: str) -> str:
    return t("nd", lang) if is_missing(value) else f"{format_number(value, lang, 1)}×"


def _key_label(by: str, key: str | None, names: Mapping[str, str], lang: str) -> str:
    if key is None:
        return t(f"no_{by}", lang)
    return names.get(key, key) if by == "ecosystem" else key


def _call_names(calls: pd.DataFrame) -> dict[str, str]:
    return dict(zip(calls["code"], calls["name"], strict=True))


def _and(items: Sequence[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + t("word.and", lang) + items[-1]


# --- calls grid ---------------------------------------------------------------------------


def _call_link(code: str, params: Mapping[str, str]) -> str:
    return href(PAGE_PATH, {**params, "call": code})


def _calls_records(data: PageData) -> list[dict[str, Any]]:
    lang = data.lang
    by_call = data.by_call.set_index("call_code")
    records = []
    for c in frame_records(data.calls):
        record: dict[str, Any] = {
            "name": c["name"],
            "code": c["code"],
            **citation_fields(c["source"], lang),
            "programme": c["programme"] or t("no_programme", lang),
            "instrument": c["instrument"] or t("no_instrument", lang),
            "year": None if is_missing(c["year"]) else int(c["year"]),
            "status": c["status"],
            "ecosystems": ", ".join(data.ecosystem_names.get(e, e) for e in c["ecosystems"])
            or t("no_ecosystem", lang),
        }
        record["year_fmt"] = t("nd", lang) if record["year"] is None else str(record["year"])
        for column in (*MONEY_MEASURES, "average_grant_eur"):
            record[column] = number_or_none(c[column])
            record[f"{column}_fmt"] = format_eur(c[column], lang)
        for column in ("applications", "admitted", "beneficiaries", "partners"):
            record[column] = number_or_none(c[column])
            record[f"{column}_fmt"] = format_number(c[column], lang)
        record["oversubscription"] = number_or_none(c["oversubscription"])
        record["oversubscription_fmt"] = _ratio_text(c["oversubscription"], lang)
        record["admission_rate"] = number_or_none(c["admission_rate"])
        record["admission_rate_fmt"] = format_percent(c["admission_rate"], lang)
        projects = by_call.loc[c["code"]] if c["code"] in by_call.index else None
        count = 0 if projects is None else int(projects["projects"])
        record["projects"] = count
        record["projects_fmt"] = format_number(count, lang)
        record["project_funding_eur"] = (
            None if projects is None or not count else number_or_none(projects["funding_eur"])
        )
        record["project_funding_eur_fmt"] = format_eur(record["project_funding_eur"], lang)
        progress = None if projects is None else number_or_none(projects["spending_progress"])
        record["spending_progress"] = progress
        record["spending_progress_fmt"] = format_percent(progress, lang)
        # How many of those projects are synthetic demo data: the count travels with the
        # figures into the CSV, where the page's banner cannot.
        synthetic = 0 if projects is None else int(projects["synthetic"])
        record["synthetic_projects"] = synthetic
        record["synthetic_projects_fmt"] = format_number(synthetic, lang)
        record["link"] = _call_link(c["code"], data.params) if count else ""
        record["link_text"] = f"{t('projects.title', lang)} →"
        records.append(record)
    return records


def _calls_columns(lang: str) -> list[Column]:
    return [
        Column(
            "name", t("col.call", lang), width=240, pinned=True, tooltip=SOURCE_TITLE, wrap=True
        ),
        Column("programme", t("col.programme", lang), width=150),
        Column("instrument", t("col.instrument", lang), width=130),
        Column("year", t("col.year", lang), "number", width=90),
        Column("ecosystems", t("col.ecosystems", lang), width=150),
        Column("budget_eur", t("col.budget", lang), "number", width=130),
        Column("requested_eur", t("col.requested", lang), "number", width=130),
        Column("granted_eur", t("col.granted", lang), "number", width=130),
        Column("applications", t("col.applications", lang), "number"),
        Column("admitted", t("col.admitted", lang), "number"),
        Column("beneficiaries", t("col.beneficiaries", lang), "number"),
        Column("partners", t("col.partners", lang), "number"),
        Column("oversubscription", t("col.oversubscription", lang), "number", width=130),
        Column("admission_rate", t("col.admission_rate", lang), "number", width=120),
        Column("average_grant_eur", t("col.average_grant", lang), "number", width=130),
        Column("status", t("col.status_call", lang), width=140),
        Column("projects", t("col.projects", lang), "number"),
        Column("project_funding_eur", t("col.project_funding", lang), "number", width=130),
        Column("spending_progress", t("col.spending_progress", lang), "number", width=120),
        Column("synthetic_projects", t("col.synthetic_projects", lang), "number", width=130),
        Column("link", t("projects.title", lang), "link", width=140, export=False),
        *citation_columns(lang),
    ]


def calls_grid(data: PageData) -> html.Section:
    """The calls grid: every figure of the documents and the derived ratios."""
    lang = data.lang
    section = grid(
        TABLE_ID,
        t("funding.calls.title", lang),
        _calls_columns(lang),
        _calls_records(data),
        lang,
        file_name=t("funding.calls.file", lang),
        level=2,  # straight under the page's h1
        key="code",
    )
    section.children.extend(
        [
            html.P(t("funding.calls.help", lang), className="small text-muted mt-2 mb-1"),
            html.P(t("funding.ratios.help", lang), className="small text-muted"),
        ]
    )
    return section


# --- breakdowns, flow, ranked bars --------------------------------------------------------


def _money_table(
    table_id: str, caption: str, labels: Sequence[str], summary: pd.DataFrame, lang: str
) -> html.Div:
    rows = [
        [
            label,
            format_number(s["calls"], lang),
            format_number(s["budget_known"], lang),
            *(format_eur(s[m], lang) for m in MONEY_MEASURES),
            format_number(s["applications"], lang),
            format_number(s["beneficiaries"], lang),
        ]
        for label, s in zip(labels, frame_records(summary), strict=True)
    ]
    headers = [
        "",
        t("col.calls_n", lang),
        t("col.budget_known", lang),
        t("col.budget", lang),
        t("col.requested", lang),
        t("col.granted", lang),
        t("col.applications", lang),
        t("col.beneficiaries", lang),
    ]
    return data_table(table_id, caption, headers, rows, numeric=(1, 2, 3, 4, 5, 6, 7))


def breakdown_block(data: PageData, by: str) -> html.Section:
    """One breakdown (programme, year, ecosystem or instrument) as grouped bars and a table."""
    lang = data.lang
    summary = data.breakdowns[by]
    labels = [_key_label(by, k, data.ecosystem_names, lang) for k in summary["key"]]
    title = t(f"funding.breakdown.{by}", lang)
    with_budget = summary[summary["budget_eur"].notna()]
    if with_budget.empty:
        description = t("funding.breakdown.none", lang)
    else:
        top = with_budget.iloc[with_budget["budget_eur"].argmax()]  # years are in time order
        description = t(
            "funding.breakdown.description",
            lang,
            groups=format_number(len(summary), lang),
            top=_key_label(by, top["key"], data.ecosystem_names, lang),
            budget=format_eur(top["budget_eur"], lang, compact=True),
            n=format_number(top["calls"], lang),
        )
    if by == "ecosystem":
        description += " " + t("funding.breakdown.multi", lang)
    measures = {m: t(f"col.{m.removesuffix('_eur')}", lang) for m in MONEY_MEASURES}
    figure = figures.breakdown_figure(summary, labels, measures, lang)
    chart_id = BREAKDOWN_PREFIX + by
    return chart_block(
        chart_id,
        title,
        description,
        figure,
        _money_table(f"{chart_id}-table", title, labels, summary, lang),
        lang,
        lazy=True,
    )


def _flow_labels(data: PageData) -> dict[tuple[str, str | None], str]:
    lang = data.lang
    labels: dict[tuple[str, str | None], str] = {
        ("programme", None): t("no_programme", lang),
        ("ecosystem", None): t("no_ecosystem", lang),
    }
    labels.update({("ecosystem", c): n for c, n in data.ecosystem_names.items()})
    labels.update({("call", c): n for c, n in _call_names(data.calls).items()})
    labels.update({("programme", p): p for p in data.calls["programme"] if p})
    return labels


def flow_block(data: PageData) -> html.Section:
    """The Sankey of budgets: programme → ecosystem → call, with its links as a table."""
    lang = data.lang
    links = analysis.flow_links(data.calls)
    labels = _flow_labels(data)
    figure = figures.flow_figure(links, labels, lang)
    if links.empty:
        description = t("funding.flow.empty", lang)
        rows: list[list[str]] = []
    else:
        first = links[links["source_kind"] == "programme"]
        calls = links.loc[links["target_kind"] == "call", "target"].unique()
        description = t(
            "funding.flow.description",
            lang,
            total=format_eur(first["value"].sum(), lang, compact=True),
            n=format_number(len(calls), lang),
            programmes=format_number(first["source"].fillna("").nunique(), lang),
            ecosystems=format_number(first["target"].fillna("").nunique(), lang),
            missing=format_number(len(data.calls) - len(calls), lang),
        )
        rows = [
            [
                labels.get((sk, s if isinstance(s, str) else None), s or ""),
                labels.get((tk, g if isinstance(g, str) else None), g or ""),
                format_eur(v, lang),
            ]
            for sk, s, tk, g, v in links.itertuples(index=False)
        ]
    table = data_table(
        f"{FLOW_ID}-table",
        t("funding.flow.title", lang),
        [t("col.from", lang), t("col.to", lang), t("col.amount", lang)],
        rows,
        numeric=(2,),
    )
    return chart_block(
        FLOW_ID, t("funding.flow.title", lang), description, figure, table, lang, lazy=True
    )


def ranked_block(data: PageData, measure: str, chart_id: str, title_key: str) -> html.Section:
    """Calls ranked by `measure` (a money column or the oversubscription ratio)."""
    lang = data.lang
    is_ratio = measure == "oversubscription"
    frame = analysis.ranked(data.calls, measure)
    label = t("col.oversubscription" if is_ratio else "col.budget", lang)
    figure = figures.ranked_bars(frame, "name", measure, lang, label, ratio=is_ratio)

    def shown(value: float) -> str:
        return _ratio_text(value, lang) if is_ratio else format_eur(value, lang, compact=True)

    if frame.empty:
        description = t("funding.ranked.empty", lang)
    else:
        description = t(
            "funding.ranked.description",
            lang,
            n=format_number(len(frame), lang),
            top=frame.iloc[0]["name"],
            value=shown(frame.iloc[0][measure]),
        )
    rows = [[c["name"], shown(c[measure])] for c in frame_records(frame[["name", measure]])]
    table = data_table(
        f"{chart_id}-table", t(title_key, lang), [t("col.call", lang), label], rows, numeric=(1,)
    )
    return chart_block(chart_id, t(title_key, lang), description, figure, table, lang, lazy=True)


# --- funded projects ----------------------------------------------------------------------


def _province_frame(data: PageData, cube: pd.DataFrame) -> pd.DataFrame:
    frame = analysis.cube_sum(cube, ["province_code", "localisation"])
    frame["province_name"] = place_names(frame, data.province_names, data.lang)
    return frame


def _month_frame(cube: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, int]:
    """Projects by start month (dated ones) and how many projects have no start date."""
    dated = cube[cube["month"] > 0]
    undated = int(cube.loc[cube["month"] == 0, "projects"].sum())
    summed = analysis.cube_sum(dated, ["year", "month"])
    months = list(zip(summed["year"].tolist(), summed["month"].tolist(), strict=True))
    frame = summed.take(sorted(range(len(months)), key=months.__getitem__))  # in time order
    frame["period"] = [
        dt.date(int(y), int(m), 1) for y, m in zip(frame["year"], frame["month"], strict=True)
    ]
    frame["label"] = [format_date(p, lang, month=True) for p in frame["period"]]
    return frame.reset_index(drop=True), undated


def _projects_table(
    table_id: str, caption: str, first: str, labels: Sequence[str], frame: pd.DataFrame, lang: str
) -> html.Div:
    # Read column by column: a row Series each (iterrows) cost more than the formatting.
    columns = ("projects", "funding_eur", "payments_eur", "spending_progress", "synthetic")
    rows = [
        [
            label,
            format_number(projects, lang),
            format_eur(funding, lang),
            format_eur(payments, lang),
            format_percent(progress, lang),
            format_number(synthetic, lang),
        ]
        for label, projects, funding, payments, progress, synthetic in zip(
            labels, *(frame[c].tolist() for c in columns), strict=True
        )
    ]
    headers = [
        first,
        t("col.projects", lang),
        t("col.net_funding", lang),
        t("col.payments", lang),
        t("col.spending_progress", lang),
        t("col.synthetic", lang),
    ]
    return data_table(table_id, caption, headers, rows, numeric=(1, 2, 3, 4, 5))


def province_block(data: PageData, cube: pd.DataFrame) -> html.Section:
    """Project funding by province: bars, a sentence and the table."""
    lang = data.lang
    frame = _province_frame(data, cube)
    figure = figures.province_bars(frame, lang)
    total = frame["funding_eur"].sum()
    top = frame.iloc[0]
    share = (
        f"{format_number(100 * top['funding_eur'] / total, lang, 0)}%" if total else t("nd", lang)
    )
    description = t(
        "projects.province.description",
        lang,
        n=format_number(len(frame), lang),
        top=top["province_name"],
        amount=format_eur(top["funding_eur"], lang, compact=True),
        share=share,
    )
    title = t("projects.province.title", lang)
    table = _projects_table(
        f"{PROVINCE_ID}-table",
        title,
        t("col.province", lang),
        frame["province_name"].tolist(),
        frame,
        lang,
    )
    return chart_block(PROVINCE_ID, title, description, figure, table, lang, lazy=True)


def programme_block(data: PageData, cube: pd.DataFrame) -> html.Section:
    """Project funding, payments and spending progress by programme (OC_CODICE_PROGRAMMA)."""
    lang = data.lang
    frame = analysis.cube_sum(cube, ["programme_code"])
    labels = [code or t("projects.no_programme", lang) for code in frame["programme_code"]]
    title = t("projects.programme.title", lang)
    table = _projects_table(
        f"{PROGRAMME_ID}-table", title, t("col.programme", lang), labels, frame, lang
    )
    return html.Section([html.H3(title, className="h5"), table], id=PROGRAMME_ID)


def month_block(data: PageData, cube: pd.DataFrame) -> html.Section:
    """Project funding by start month: bars, a sentence and the table."""
    lang = data.lang
    frame, undated = _month_frame(cube, lang)
    figure = figures.monthly_figure(frame, lang)
    title = t("projects.month.title", lang)
    if frame.empty:
        description = t("projects.none", lang)
    elif frame["funding_eur"].isna().all():
        description = t("projects.month.no_amounts", lang, undated=format_number(undated, lang))
    else:
        top = frame.iloc[frame["funding_eur"].argmax()]
        description = t(
            "projects.month.description",
            lang,
            first=frame.iloc[0]["label"],
            last=frame.iloc[-1]["label"],
            top=top["label"],
            amount=format_eur(top["funding_eur"], lang, compact=True),
            undated=format_number(undated, lang),
        )
    table = _projects_table(
        f"{MONTH_ID}-table", title, t("col.month", lang), frame["label"].tolist(), frame, lang
    )
    return chart_block(MONTH_ID, title, description, figure, table, lang, lazy=True)


def _money_lines(cube: pd.DataFrame, lang: str) -> list[Component]:
    """Which money the page shows (net by default), the gross, payments and warnings."""
    gross = cube["gross_eur"].sum(min_count=1)
    lines: list[Component] = [
        html.Span(" " + t("projects.measure_note", lang, gross=format_eur(gross, lang)))
    ]
    fallback = int(cube["net_missing"].sum())
    if fallback:
        lines.append(
            html.Span(
                " "
                + t(
                    "projects.gross_fallback", lang, count=fallback, n=format_number(fallback, lang)
                )
            )
        )
    progress = analysis.spending_progress(cube.sum(numeric_only=True).to_frame().T).iloc[0]
    payments = cube["payments_eur"].sum(min_count=1)
    lines.append(
        html.Span(
            " "
            + t(
                "projects.payments",
                lang,
                payments=format_eur(payments, lang),
                progress=format_percent(progress, lang),
            )
        )
    )
    warned = int(cube["warned"].sum())
    if warned:
        lines.append(
            html.Span(
                " " + t("projects.warned", lang, count=warned, n=format_number(warned, lang)),
                className="text-warning-emphasis",
            )
        )
    return lines


def _summary_lines(cube: pd.DataFrame, lang: str, filtered: bool) -> list[Component]:
    n, amount = int(cube["projects"].sum()), cube["funding_eur"].sum(min_count=1)
    lines: list[Component] = [
        html.Span(
            t(
                "projects.summary",
                lang,
                count=n,
                n=format_number(n, lang),
                amount=format_eur(amount, lang),
            )
        )
    ]
    lines += _money_lines(cube, lang)
    unknown = n - int(cube["funded"].sum())
    if unknown:
        lines.append(
            html.Span(
                " "
                + t(
                    "projects.unknown_amounts",
                    lang,
                    count=unknown,
                    n=format_number(unknown, lang),
                )
            )
        )
    if filtered:
        lines.append(html.Span(" " + t("projects.filtered_note", lang)))
    count = int(cube["synthetic"].sum())
    if count:
        lines.append(
            html.Strong(
                " "
                + t(
                    "projects.summary_synthetic",
                    lang,
                    count=count,
                    n=format_number(count, lang),
                    amount=format_eur(cube["synthetic_eur"].sum(), lang),
                ),
                className="s3-synthetic-tag ms-1",
            )
        )
    return lines


def _project_records(frame: pd.DataFrame, data: PageData) -> list[dict[str, Any]]:
    lang = data.lang
    records = []
    for _, p in frame.iterrows():
        amount = number_or_none(p["public_funding_eur"])
        records.append(
            {
                "synthetic": t("synthetic.tag", lang) if p["is_synthetic"] else "",
                "is_synthetic": bool(p["is_synthetic"]),
                "code": p["code"],
                "cup": p["cup"],
                "title": p["title"],
                "ecosystem": data.ecosystem_names.get(p["ecosystem"], t("no_ecosystem", lang))
                if p["ecosystem"]
                else t("no_ecosystem", lang),
                "province": p["province_name"] or t("projects.unknown_province", lang),
                "theme": p["theme"],
                "public_funding_eur": amount,
                "public_funding_eur_fmt": format_eur(amount, lang),
                "net_funding_eur": number_or_none(p["net_funding_eur"]),
                "net_funding_eur_fmt": format_eur(p["net_funding_eur"], lang),
                "payments_eur": number_or_none(p["payments_eur"]),
                "payments_eur_fmt": format_eur(p["payments_eur"], lang),
                "spending_progress_fmt": format_percent(
                    analysis.ratio(p["payments_eur"], p["net_funding_eur"]), lang
                ),
                "programme": p["programme_code"],
                "ecosystem_rule": p["ecosystem_rule"],
                "warnings": p["warnings"],
                "start": None if is_missing(p["start_date"]) else str(p["start_date"]),
                "start_fmt": format_date(
                    None if is_missing(p["start_date"]) else p["start_date"], lang
                ),
                "end": None if is_missing(p["end_date"]) else str(p["end_date"]),
                "end_fmt": format_date(None if is_missing(p["end_date"]) else p["end_date"], lang),
                **citation_fields(p["source"], lang),
            }
        )
    return records


def _date_column(field_name: str, header: str) -> Column:
    # ISO dates sort as text; the cell shows the localized date.
    return Column(field_name, header, "date")


def projects_grid(data: PageData, name: str, total: int) -> html.Section:
    """The call's projects (largest first), synthetic rows tagged and shaded."""
    lang = data.lang
    frame = data.call_projects if data.call_projects is not None else pd.DataFrame()
    columns = [
        Column("synthetic", t("col.synthetic", lang), width=135),
        Column("code", "COD_LOCALE_PROGETTO", width=150),
        Column("cup", t("col.cup", lang), width=140),
        Column("title", t("col.title", lang), width=260, wrap=True),
        Column("ecosystem", t("col.ecosystems", lang), width=140),
        Column("province", t("col.province", lang), width=120),
        Column("theme", t("col.theme", lang), width=140),
        Column("net_funding_eur", t("col.net_funding", lang), "number", width=140),
        Column("public_funding_eur", t("col.gross_funding", lang), "number", width=140),
        Column("payments_eur", t("col.payments", lang), "number", width=130),
        Column("spending_progress_fmt", t("col.spending_progress", lang), width=120),
        Column("programme", t("col.programme", lang), width=150),
        _date_column("start", t("col.start", lang)),
        _date_column("end", t("col.end", lang)),
        Column("ecosystem_rule", t("col.ecosystem_rule", lang), width=260, wrap=True),
        Column("warnings", t("col.warnings", lang), width=260, wrap=True),
        *citation_columns(lang),
    ]
    section = grid(
        PROJECTS_GRID_ID,
        t("projects.list", lang, name=name),
        columns,
        _project_records(frame, data),
        lang,
        file_name=t("funding.projects.file", lang, call=data.call),
        page_size=20,
        row_classes={SYNTHETIC_ROW: "is_synthetic"},
        key="code",
    )
    if total > len(frame):
        section.children.append(
            html.P(
                t(
                    "projects.list_capped",
                    lang,
                    shown=format_number(len(frame), lang),
                    n=format_number(total, lang),
                ),
                className="small text-muted mt-2",
            )
        )
    return section


def _picker(data: PageData) -> html.Div:
    lang = data.lang
    # by_call is summed anyway (the calls grid): a scan of the cube's call column cost more.
    by_call = data.by_call
    counts = zip(by_call["call_code"], by_call["projects"], strict=True)
    with_projects = {code for code, n in counts if code and n > 0}  # "": no call
    options = [{"label": t("projects.pick_all", lang), "value": ALL_CALLS}]
    options += [
        {
            "label": f"{name} ({t('col.projects', lang).lower()})"
            if code in with_projects
            else name,
            "value": code,
        }
        for code, name in _call_names(data.calls).items()
    ]
    return html.Div(
        [
            html.Label(t("projects.pick", lang), htmlFor=PICKER_ID, className="me-2 mb-0"),
            dbc.Select(
                id=PICKER_ID,
                options=options,
                value=data.call or ALL_CALLS,
                className="s3-filter-select s3-call-select",
            ),
        ],
        className="d-flex align-items-center mb-3 d-print-none",
    )


def _by_call_table(data: PageData) -> html.Div:
    lang = data.lang
    frame = data.by_call
    names = _call_names(data.calls)
    labels = [names.get(c, c) if c else t("projects.no_call", lang) for c in frame["call_code"]]
    return _projects_table(
        PROJECTS_BY_CALL_ID, t("projects.by_call", lang), t("col.call", lang), labels, frame, lang
    )


def projects_section(data: PageData) -> html.Section:
    """Funded projects of the view, or of the drill-down call: grid, provinces, months."""
    lang = data.lang
    children: list[Component] = [
        html.H2(t("projects.title", lang), className="h4 mt-4"),
        _picker(data),
    ]
    if data.call_problem:
        children.append(
            html.Div(
                data.call_problem, id=CALL_PROBLEM_ID, className="alert alert-warning", role="alert"
            )
        )
    cube = data.cube
    name = ""
    if data.call:
        cube = cube[cube["call_code"] == data.call]
        name = _call_names(data.calls).get(data.call, data.call)
    if cube.empty or int(cube["projects"].sum()) == 0:
        message = (
            t("projects.none_call", lang, name=name) if data.call else t("projects.none", lang)
        )
        children.append(html.P(message, id=PROJECTS_SUMMARY_ID, className="text-muted"))
        return html.Section(children, id=PROJECTS_ID, className="mb-4")
    summary = _summary_lines(cube, lang, filtered=bool(data.ecosystem))
    children.append(html.P(summary, id=PROJECTS_SUMMARY_ID))
    if data.call:
        children.append(projects_grid(data, name, int(cube["projects"].sum())))
    else:
        children.append(_by_call_table(data))
    children.append(
        dbc.Row(
            [
                dbc.Col(province_block(data, cube), lg=6),
                dbc.Col(month_block(data, cube), lg=6),
            ]
        )
    )
    children.append(programme_block(data, cube))
    return html.Section(children, id=PROJECTS_ID, className="mb-4")


# --- the page -----------------------------------------------------------------------------


def summary_text(calls: pd.DataFrame, lang: str) -> str:
    """`15 bandi e misure: dotazione …, richiesti …, concessi …` (sums of given figures)."""
    return t(
        "funding.summary",
        lang,
        n=len(calls),
        budget=format_eur(calls["budget_eur"].sum(min_count=1), lang, compact=True),
        requested=format_eur(calls["requested_eur"].sum(min_count=1), lang, compact=True),
        granted=format_eur(calls["granted_eur"].sum(min_count=1), lang, compact=True),
    )


def filter_note(data: PageData) -> list[html.P]:
    """Under a filtered view, a note: the calls open to every ecosystem are counted too."""
    if not data.ecosystem:
        return []
    name = data.ecosystem_names.get(data.ecosystem, data.ecosystem)
    note = t("filter.cross_cutting_note", data.lang, name=name)
    return [html.P(note, className="text-muted", id=FILTER_NOTE_ID)]


def layout(data: PageData) -> html.Div:
    """The funding page for one view."""
    lang = data.lang
    # The calls' blocks first, the two that read the project aggregates (PageData.cube)
    # last, so that the database sums meanwhile.
    breakdowns = [breakdown_block(data, by) for by in analysis.BREAKDOWNS]
    flow = flow_block(data)
    by_budget = ranked_block(data, "budget_eur", RANKED_BUDGET_ID, "funding.ranked.budget")
    by_oversubscription = ranked_block(
        data, "oversubscription", RANKED_OVERSUBSCRIPTION_ID, "funding.ranked.oversubscription"
    )
    return html.Div(
        [
            page_header(t("funding.title", lang), t("funding.lead", lang)),
            *filter_note(data),
            html.P(summary_text(data.calls, lang), id=SUMMARY_ID),
            calls_grid(data),
            projects_section(data),
            html.H2(t("funding.breakdowns", lang), className="h4 mt-4"),
            dbc.Row([dbc.Col(block, lg=6) for block in breakdowns]),
            flow,
            dbc.Row([dbc.Col(by_budget, lg=6), dbc.Col(by_oversubscription, lg=6)]),
        ]
    )
