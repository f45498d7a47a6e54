import datetime as dt

import pytest

from dashboard.i18n import (
    CATALOGUE,
    LANGS,
    format_date,
    format_eur,
    format_number,
    format_value,
    normalise_lang,
    t,
)

SINGULAR = {lang + "_one" for lang in LANGS}


def test_every_key_has_every_language_and_no_empty_text():
    for key, texts in CATALOGUE.items():
        # the singular forms are optional, but then in every language
        assert set(texts) in (set(LANGS), set(LANGS) | SINGULAR), key
        assert all(text.strip() for text in texts.values()), key


def test_placeholders_are_the_same_in_both_languages_and_forms():
    import string

    fmt = string.Formatter()
    for key, texts in CATALOGUE.items():
        fields = {form: {f for _, f, _, _ in fmt.parse(text) if f} for form, text in texts.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, key


def test_count_of_one_takes_the_singular_where_there_is_one():
    assert t("projects.summary", "it", count=1, n="1", amount="5 €").startswith("1 progetto,")
    assert t("projects.summary", "it", count=2, n="2", amount="5 €").startswith("2 progetti,")
    assert t("projects.summary", "en", count=1, n="1", amount="€5").startswith("1 project,")
    assert t("projects.summary", "it", n="1", amount="5 €").startswith("1 progetti,")  # no count
    assert t("nav.funding", "it", count=1) == t("nav.funding", "it")  # no singular: the text


@pytest.mark.parametrize(
    ("value", "lang", "compact", "expected"),
    [
        (583400, "it", False, "583.400 €"),
        (583400, "en", False, "€583,400"),
        (1.4e9, "it", True, "1,4 mld €"),
        (1.4e9, "en", True, "€1.4bn"),
        (41.3e6, "it", True, "41,3 mln €"),
        (100e6, "it", True, "100 mln €"),
        (None, "it", False, "n.d."),
        (float("nan"), "en", False, "n/a"),
    ],
)
def test_format_eur(value, lang, compact, expected):
    assert format_eur(value, lang, compact=compact) == expected


def test_format_number_and_value():
    assert format_number(1.05, "it") == "1,05"
    assert format_number(73.6, "en") == "73.6"
    assert format_number(1234567, "it") == "1.234.567"
    assert format_value(73.6, "M€", "it") == "73,6 M€"
    assert format_value(530, "n.", "en") == "530"
    assert format_value(447360, "€", "it") == "447.360 €"


def test_format_date():
    day = dt.date(2023, 12, 31)
    assert format_date(day, "it") == "31/12/2023"
    assert format_date(day, "en") == "31 Dec 2023"
    assert format_date("2025-04-30", "it", month=True) == "apr 2025"
    assert format_date(None, "en") == "n/a"


def test_unknown_language_falls_back_to_italian():
    assert normalise_lang("fr") == "it"
    assert t("nav.overview", "fr") == "Panoramica"
    assert t("nav.overview", "en") == "Overview"
