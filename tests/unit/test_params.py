from callbacks.params import MAX_QUERY_LENGTH, parse_view_params
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
