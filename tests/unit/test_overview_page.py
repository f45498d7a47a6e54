"""The overview and the report over HTTP (tests/dash_client): statuses, filters, bad input.

The expected statuses of the seed are worked out by hand in tests/unit/test_attainment.py:
RI01 on track, RI02 achieved, RI03-RI05 limited progress, RI06 deterioration, RI07-RI08
not assessable (measure not started).
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote, urlencode

import pytest

from dashboard.i18n import LANGS
from tests.components import find, text_of, walk
from tests.dash_client import render, search_after, shell_response
from tests.html_tables import html_table_rows
from tests.seed_facts import (
    OBJECTIVE_RI04_06,
    SEED_STATUSES,
    add_ecosystem_indicator,
    add_test_indicators,
)

SENTENCE = {
    "it": "Indicatori: 8. Raggiunti 1, in linea 1, serve accelerare 0, progressi limitati 3, "
    "in peggioramento 1, non valutabili 2.",
    "en": "Indicators: 8. Achieved 1, on track 1, acceleration needed 0, limited progress 3, "
    "deterioration 1, not assessable 2.",
}


# --------------------------------------------------------------------------- helpers


def counts(content: Any, prefix: str = "overview") -> dict[str, int]:
    """The number shown on each status tile."""
    statuses = [
        "achieved",
        "on_track",
        "acceleration_needed",
        "limited_progress",
        "deterioration",
        "not_assessable",
    ]
    return {s: int(text_of(find(content, f"{prefix}-count-{s}")).split()[0]) for s in statuses}


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize(("lang", "search"), [("it", ""), ("en", "?lang=en")])
def test_seed_statuses_in_both_languages(client, lang, search):
    content = render(client, "/", search)
    position = LANGS.index(lang)
    for code, labels in SEED_STATUSES.items():
        assert labels[position] in text_of(find(content, f"overview-card-{code}")), code
    assert text_of(find(content, "overview-status-sentence")) == SENTENCE[lang]
    assert counts(content) == {
        "achieved": 1,
        "on_track": 1,
        "acceleration_needed": 0,
        "limited_progress": 3,
        "deterioration": 1,
        "not_assessable": 2,
    }
    headline = text_of(find(content, "overview-status-headline"))
    assert (
        headline
        == {
            "it": "Raggiunti o in linea: 2 su 6 indicatori valutabili",
            "en": "Achieved or on track: 2 of 6 assessable indicators",
        }[lang]
    )


def test_overview_numbers_follow_the_locale(client):
    italian = text_of(render(client, "/"))
    english = text_of(render(client, "/", "?lang=en"))
    assert "73,6 M€ su 300 M€" in italian and "73.6 M€ of 300 M€" in english
    assert "407.000 € su 450.000 €" in italian and "€407,000 of €450,000" in english
    assert "circa 1,4 mld €" in italian and "about €1.4bn" in english
    assert "30/04/2025" in italian and "30 Apr 2025" in english  # last data update
    # the table: progress, expected and pace with the locale's decimal mark
    table = text_of(find(render(client, "/"), "overview-indicators-table"))
    assert "1,27" in table and "-1.529%" in table


def test_gauges_are_svg_images_with_the_expected_mark_and_a_text_alternative(client):
    content = render(client, "/")
    gauge = find(content, "overview-gauge-RI05")
    assert gauge["type"] == "Img"  # drawn on the server: no plotly.js on the page
    src = gauge["props"]["src"]
    assert src.startswith("data:image/svg+xml")
    svg = unquote(src.partition(",")[2])
    assert '<path d="' in svg and 'stroke="#c2410c"' in svg  # limited progress, its colour
    assert "<line " in svg  # the mark of the share expected by now
    assert ">25%</text>" in svg  # 73.6 of 300
    # the text alternative says what the dial shows
    alt = gauge["props"]["alt"]
    assert alt == "RI05: avanzamento 25%, atteso ad oggi 47%, stato Progressi limitati"
    # not assessable: no gauge, the reason in words
    card = find(content, "overview-card-RI07")
    assert "misura non è ancora avviata" in text_of(card)
    assert not any(c["type"] in ("Graph", "Img") for c in walk(card))


def test_ecosystem_filter_changes_gauges_and_counts(app, client, seeded_url):
    add_ecosystem_indicator(seeded_url, "smart-mobility")
    everything = render(client, "/")
    assert counts(everything)["acceleration_needed"] == 1
    assert find(everything, "overview-gauge-TX01") is not None
    # Smart mobility: the cross-cutting seed plus TX01
    mobility = render(client, "/", "?ecosystem=smart-mobility")
    assert sum(counts(mobility).values()) == 9
    # Another ecosystem: TX01 is gone, from the counts and from the gauges
    other = render(client, "/", "?ecosystem=sostenibilita")
    assert counts(other)["acceleration_needed"] == 0
    assert sum(counts(other).values()) == 8
    assert "overview-gauge-TX01" not in str(other)
    assert "Sostenibilità" in text_of(find(other, "overview-scope"))


def test_objective_filter_changes_the_counts(client):
    content = render(client, "/", "?" + urlencode({"objective": OBJECTIVE_RI04_06}))
    assert counts(content) == {
        "achieved": 0,
        "on_track": 0,
        "acceleration_needed": 0,
        "limited_progress": 2,  # RI04, RI05
        "deterioration": 1,  # RI06
        "not_assessable": 0,
    }
    select = find(content, "overview-objective-filter")
    assert select["props"]["value"] == OBJECTIVE_RI04_06
    assert OBJECTIVE_RI04_06 in text_of(find(content, "overview-scope"))


def test_objective_filter_writes_the_url(client):
    control = "overview-objective-filter.value"
    search = search_after(client, control, OBJECTIVE_RI04_06, "?lang=en&ecosystem=salute")
    assert search == "?" + urlencode(
        {"lang": "en", "ecosystem": "salute", "objective": OBJECTIVE_RI04_06}
    )
    assert search_after(client, control, "all", search) == "?lang=en&ecosystem=salute"


def test_bad_objective_gets_a_message(client):
    content = render(client, "/", "?objective=Conquistare+Marte")
    assert "objective='Conquistare Marte'" in text_of(find(content, "param-errors"))
    assert sum(counts(content).values()) == 8  # the view falls back to every objective


def test_status_bands_are_read_from_the_setting(seeded_url):
    from tests.conftest import make_app

    # RI05: R = 0.53. With bands "0.50,0.20" it is on track, RI04 (R = 0.06) still limited.
    client = make_app(seeded_url, S3DASH_STATUS_BANDS="0.50,0.20").test_client()
    content = render(client, "/")
    assert "In linea" in text_of(find(content, "overview-card-RI05"))
    assert "Progressi limitati" in text_of(find(content, "overview-card-RI04"))
    assert "R ≥ 0,50" in text_of(find(content, "overview-method"))


def test_report_shows_summary_gauges_table_and_funding(client):
    content = render(client, "/report", "?lang=en")
    assert text_of(find(content, "report-status-sentence")) == SENTENCE["en"]
    assert find(content, "report-gauge-RI01") is not None
    table = text_of(find(content, "report-indicators-table"))
    assert "Deterioration" in table and "Not assessable" in table
    assert "€1.4bn" in text_of(find(content, "report-funding"))
    assert "report-print-button" in str(content)


def test_report_follows_the_filters_of_the_overview(client):
    overview = render(client, "/", "?" + urlencode({"objective": OBJECTIVE_RI04_06}))
    link = find(overview, "overview-report-link")["props"]["href"]
    assert link.startswith("/report?objective=")
    report = render(client, "/report", link.removeprefix("/report"))
    assert sum(counts(report, "report").values()) == 3


def test_status_colours_have_contrast_and_never_stand_alone():
    from dashboard.figures.attainment import STATUS_COLOURS, STATUS_SYMBOLS, contrast_ratio
    from dashboard.i18n import t
    from data.analysis.attainment import STATUSES

    for status in STATUSES:
        # white text on the badge and coloured text on white both need 4.5:1 (WCAG 1.4.3)
        assert contrast_ratio(STATUS_COLOURS[status]) >= 4.5, status
        assert t(f"att.status.{status}", "it") and t(f"att.status.{status}", "en")
    assert len(set(STATUS_SYMBOLS.values())) == len(STATUSES)  # a shape per status
    assert len(set(STATUS_COLOURS.values())) == len(STATUSES)


def test_a_newer_draft_is_shown_but_not_counted(client, seeded_url):
    from sqlalchemy import update

    from data.db import bump_data_version, session_scope
    from data.models import Observation

    with session_scope(seeded_url) as session:
        session.execute(update(Observation).where(Observation.value == 73.6).values(status="draft"))
        bump_data_version(session)
    content = render(client, "/")
    card = text_of(find(content, "overview-card-RI05"))
    # counted: 71 M€ in December 2024, p = 71 / 300 = 0.237, e = 731 / 1826 = 0.400, R = 0.59
    assert "71 M€ su 300 M€" in card and "Progressi limitati" in card
    assert "bozza non conteggiata: 73,6 M€ (apr 2025)" in card
    table = text_of(find(content, "overview-indicators-table"))
    assert "bozza non conteggiata: 73,6 M€ (apr 2025)" in table and "0,59" in table


@pytest.mark.parametrize("lang", ["it", "en"])
def test_internal_pages_cite_documents_by_title(client, lang):
    """No seed file name on screen: the title of the document (data/config/sources.csv)."""
    title = {"it": "Relazione 2025 «Ricerca e innovazione»", "en": "Report “Ricerca e"}[lang]
    brochure = {"it": "Brochure «Cluster Tecnologici", "en": "Brochure “Cluster Tecnologici"}
    pages = {
        "/": title,
        "/report": title,
        "/indicators?indicator=RI01": title,
        "/funding": title,
        "/clusters": brochure[lang],
        "/clusters?cluster=afil": brochure[lang],
    }
    for page, expected in pages.items():
        path, _, query = page.partition("?")
        tree = render(client, path, f"?{query}&lang={lang}".replace("?&", "?"))
        for grid in (c for c in walk(tree) if "data-csv" in c["props"]):
            # The provenance rides along for the grid's CSV only (dashboard/grid.py).
            assert "source_file" in json.loads(grid["props"]["data-csv"])["header"], page
        content = re.sub(r'data-csv="[^"]*"', "", str(tree))
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", content), page
        assert expected in content, page


def test_the_gauges_are_capped_and_say_how_many_indicators_there_are():
    """Only the first MAX_GAUGES indicators get a gauge card (in order); the note names the
    total and the table under the gauges has a row per gauge shown."""
    import pandas as pd
    from plotly.utils import PlotlyJSONEncoder

    from dashboard.pages.overview import MAX_GAUGES, AttainmentData, gauge_grid
    from data.analysis.attainment import StatusBands, assess_each
    from data.settings import PROJECT_ROOT

    seed = PROJECT_ROOT / "data" / "seed"
    one = pd.read_csv(seed / "indicators.csv", keep_default_na=False, na_values=[""])
    for column in ("baseline_date", "target_date"):
        one[column] = pd.to_datetime(one[column]).dt.date
    one["measure_started"] = one["measure_started"].astype(str).eq("True")
    total = MAX_GAUGES + 7
    indicators = pd.concat([one] * (total // len(one) + 1)).head(total).reset_index(drop=True)
    indicators["code"] = [f"X{i:02d}" for i in range(total)]
    observations = pd.DataFrame(columns=["indicator_code", "date", "value"])
    data = AttainmentData(
        indicators,
        assess_each(indicators, observations),
        observations,
        pd.DataFrame(),
        StatusBands(),
        1,
        None,
    )
    tree = json.loads(json.dumps(gauge_grid(data, "en", {}), cls=PlotlyJSONEncoder))
    page = json.dumps(tree)
    cards = re.findall(r"overview-card-(X\d\d)", page)
    assert cards == [f"X{i:02d}" for i in range(MAX_GAUGES)]
    assert f"{MAX_GAUGES} of {total}" in page
    table = text_of(find(tree, "overview-gauges-table"))
    assert re.findall(r"X\d\d", table) == cards


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"lang": "en"},
        {"lang": "en", "ecosystem": "salute & vita", "objective": ""},
        {"objective": "Obiettivo 1: ricerca/innovazione", "lang": ""},
        {"indicator": "RI01", "lang": "en"},
    ],
)
def test_detail_links_encoded_once_are_the_links_encoded_per_row(params):
    from dashboard.pages.overview import _detail_href, _detail_hrefs

    detail_href = _detail_hrefs(params)
    for code in ("RI05", "SYN0001", "A&B C/é", ""):
        assert detail_href(code) == _detail_href(code, params), code


# --------------------------------------------------------------------------- the table's pages

SIXTY = [f"TP{i:03d}" for i in range(1, 61)]  # after the seed's eight: 68 indicators, 2 pages


def table_codes(content: Any, table_id: str = "overview-indicators-table") -> list[str]:
    """The code (first cell) of each row of a status table, in order."""
    return [row[0] for row in html_table_rows(content, table_id)]


def test_seed_table_is_one_page_without_a_pager(client):
    content = render(client, "/")
    assert table_codes(content) == list(SEED_STATUSES)
    assert "overview-indicators-pager" not in str(content)


def test_status_table_pages_fifty_rows_the_counts_and_report_keep_all(client, seeded_url):
    add_test_indicators(seeded_url, SIXTY)
    first = render(client, "/", "?lang=en")
    assert table_codes(first) == [*SEED_STATUSES, *SIXTY[:42]]
    assert text_of(find(first, "overview-indicators-pager-range")) == "Rows 1–50 of 68"
    assert sum(counts(first).values()) == 68  # every indicator counted, not the page's
    second = render(client, "/", "?page=2&lang=en")
    assert table_codes(second) == SIXTY[42:]
    assert text_of(find(second, "overview-indicators-pager-range")) == "Rows 51–68 of 68"
    assert counts(second) == counts(first)
    report = render(client, "/report", "?page=2")
    assert table_codes(report, "report-indicators-table") == [*SEED_STATUSES, *SIXTY]


def pager_links(content: Any) -> dict[str, str]:
    """Each pager link's text → its address."""
    pager = find(content, "overview-indicators-pager")
    return {text_of(a): a["props"]["href"] for a in walk(pager) if a["type"] == "A"}


def test_pager_links_keep_the_view_and_other_links_drop_the_page(client, seeded_url):
    add_test_indicators(seeded_url, SIXTY, "salute")
    content = render(client, "/", "?ecosystem=salute&page=2&lang=en")
    links = pager_links(content)
    back = "/?ecosystem=salute&lang=en#overview-indicators-table"  # page 1: no `page`
    assert links == {"« Previous": back, "1": back}  # 2 is the current page: no link
    current = [c for c in walk(content) if c["props"].get("aria-current") == "page"]
    assert [text_of(c) for c in current if "page-link" in c["props"].get("className", "")] == ["2"]
    # The report prints every row; the detail links open an indicator: neither has a page.
    assert find(content, "overview-report-link")["props"]["href"] == (
        "/report?ecosystem=salute&lang=en"
    )
    assert "page=" not in str(find(content, "overview-indicators-table"))
    first = pager_links(render(client, "/", "?ecosystem=salute"))
    assert first["Successiva »"] == "/?ecosystem=salute&page=2#overview-indicators-table"


@pytest.mark.parametrize("value", ["0", "x", "-1", "2.5", "1e3", "²", "1234567"])
def test_a_page_that_is_not_a_number_is_refused_in_words(client, value):
    content = shell_response(client, "/", "?" + urlencode({"page": value}))["shell-content"]
    alert = text_of(find(content, "param-errors"))
    assert "page=" in alert and "a page number: 1, 2, 3" in alert
    assert table_codes(content["children"]) == list(SEED_STATUSES)  # the first page, shown


def test_a_page_beyond_the_last_says_so_and_shows_the_first(client, seeded_url):
    add_test_indicators(seeded_url, SIXTY)
    content = render(client, "/", "?page=3&lang=en")
    message = text_of(find(content, "overview-indicators-table-beyond"))
    assert message == "There is no page 3: the last is 2. Showing the first."
    assert table_codes(content)[:8] == list(SEED_STATUSES)


def test_the_seed_has_no_second_page(client):
    content = render(client, "/", "?page=2")
    message = text_of(find(content, "overview-indicators-table-beyond"))
    assert message == "La pagina 2 non c'è: l'ultima è la 1. Ecco la prima."
    assert table_codes(content) == list(SEED_STATUSES)


def test_assessments_kept_per_data_version_follow_a_new_indicator(client, seeded_url):
    """The assessments are computed once per data version: a write brings new ones."""
    assert sum(counts(render(client, "/")).values()) == 8
    add_ecosystem_indicator(seeded_url, "smart-mobility")  # bumps the data version
    after = render(client, "/")
    assert sum(counts(after).values()) == 9 and counts(after)["acceleration_needed"] == 1
    assert counts(render(client, "/", "?ecosystem=sostenibilita"))["acceleration_needed"] == 0
