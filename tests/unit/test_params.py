from urllib.parse import urlencode

from callbacks.params import MAX_QUERY_LENGTH, parse_view_params, search_with
from dashboard.i18n import DEFAULT_LANG


def test_defaults_without_query():
    view = parse_view_params("")
    assert view.lang == DEFAULT_LANG and view.problems == [] and view.values == {}


def test_language_from_url():
    assert parse_view_params("?lang=en").lang == "en"


def test_bad_values_are_reported_not_raised():
    view = parse_view_params("?lang=xx&foo=1")
    assert view.lang == DEFAULT_LANG
    assert any("lang='xx'" in p for p in view.problems)
    assert any("'foo'" in p for p in view.problems)


def test_oversized_query_is_refused():
    view = parse_view_params("?lang=" + "e" * (MAX_QUERY_LENGTH + 1))
    assert view.problems and view.lang == DEFAULT_LANG


def test_a_page_is_a_whole_number_from_one():
    assert parse_view_params("?page=12").values == {"page": "12"}
    assert parse_view_params("?page=").values == {}  # empty: the first page
    for bad in ("0", "01", "x", "-2", "1.5", "²", "9999999", " 3"):
        view = parse_view_params("?" + urlencode({"page": bad}))
        assert view.values == {}, bad
        assert view.problems == [f"page={bad!r} (a page number: 1, 2, 3, …)"], bad


def test_a_changed_filter_starts_the_table_on_its_first_page():
    assert search_with("?page=3&lang=en", "ecosystem", "salute") == "?lang=en&ecosystem=salute"
    assert search_with("?page=3&objective=A", "objective", "") == ""
    assert search_with("?page=3&lang=en", "page", "4") == "?page=4&lang=en"
