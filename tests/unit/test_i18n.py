import datetime as dt
import os
import shutil
import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from dashboard.i18n import (
    DEFAULT_LANG,
    LANGS,
    LOCALE_DIR,
    asked_lang,
    catalogue_path,
    compile_messages,
    format_date,
    format_eur,
    format_number,
    format_value,
    languages,
    localized,
    normalise_lang,
    plotly_separators,
    query_lang,
    read_catalogue,
    t,
)

ROOT = Path(__file__).resolve().parents[2]
CODE = ("api", "auth", "callbacks", "dashboard", "data")


def _po(lang: str) -> Catalog:
    with catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def _entries(catalogue: Catalog) -> dict[str, tuple[str, ...]]:
    """msgid → its text(s): one for a plain message, one per plural form."""
    entries: dict[str, tuple[str, ...]] = {}
    for message in catalogue:
        if message.id:
            key = message.id[0] if isinstance(message.id, tuple | list) else message.id
            forms = message.string if isinstance(message.string, tuple | list) else [message.string]
            entries[key] = tuple(form or "" for form in forms)  # untranslated reads as empty
    return entries


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_italian_is_first_and_english_is_there():
    assert LANGS[0] == DEFAULT_LANG == "it"
    assert "en" in LANGS


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_is_translated_in_every_catalogue(lang):
    base, catalogue = _entries(_po(DEFAULT_LANG)), _po(lang)
    entries = _entries(catalogue)
    assert entries.keys() == base.keys()
    assert not [m.id for m in catalogue if m.id and m.fuzzy]
    for key, forms in entries.items():
        assert all(form.strip() for form in forms), key
        assert len(forms) in (1, catalogue.num_plurals), key
        assert (len(forms) == 1) == (len(base[key]) == 1), f"{key}: plural in one language only"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_the_same_in_every_language_and_form(lang):
    base = _entries(_po(DEFAULT_LANG))
    for key, forms in _entries(_po(lang)).items():
        if key == "fmt.date":  # a date pattern picks the parts its language writes
            assert set().union(*map(_fields, forms)) <= {"day", "dd", "mm", "month", "year"}
            continue
        assert {frozenset(_fields(text)) for text in forms + base[key]} == {
            frozenset(_fields(base[key][0]))
        }, key


def test_the_catalogue_holds_exactly_the_messages_the_code_uses():
    """What `make messages` extracts: a message missing here, or one no code uses, fails."""
    extracted: dict[str, bool] = {}
    method_map = [("**.py", "dashboard.i18n_extract.extract")]
    for folder in CODE:
        for _, _, message, _, _ in extract_from_dir(ROOT / folder, method_map):
            extracted[message[0] if isinstance(message, tuple) else message] = isinstance(
                message, tuple
            )
    base = {k: len(v) > 1 for k, v in _entries(_po(DEFAULT_LANG)).items()}
    assert sorted(extracted.keys() - base.keys()) == [], "used in code, missing in catalogue"
    assert sorted(base.keys() - extracted.keys()) == [], "in the catalogue, used nowhere"
    assert [k for k in base if base[k] != extracted[k]] == [], "plural in code xor catalogue"


def test_plurals_follow_the_languages_rule():
    assert t("projects.summary", "it", count=1, n="1", amount="5 €").startswith("1 progetto,")
    assert t("projects.summary", "it", count=2, n="2", amount="5 €").startswith("2 progetti,")
    assert t("projects.summary", "it", count=0, n="0", amount="0 €").startswith("0 progetti,")
    assert t("projects.summary", "en", count=1, n="1", amount="€5").startswith("1 project,")
    assert t("projects.summary", "it", n="1", amount="5 €").startswith("1 progetti,")  # no count
    assert t("nav.funding", "it", count=1) == t("nav.funding", "it")  # not plural: the text


def test_an_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        t("no.such.key", "it")


@pytest.mark.parametrize(
    ("value", "lang", "compact", "expected"),
    [
        (583400, "it", False, "583.400 €"),
        (583400, "en", False, "€583,400"),
        (1.4e9, "it", True, "1,4 mld €"),
        (1.4e9, "en", True, "€1.4bn"),
        (41.3e6, "it", True, "41,3 mln €"),
        (41.3e6, "en", True, "€41.3m"),
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
    assert format_number(1234567.5, "en") == "1,234,567.5"
    assert format_value(73.6, "M€", "it") == "73,6 M€"
    assert format_value(530, "n.", "en") == "530"
    assert format_value(447360, "€", "it") == "447.360 €"
    assert plotly_separators("it") == ",." and plotly_separators("en") == ".,"


def test_format_date():
    day = dt.date(2023, 12, 31)
    assert format_date(day, "it") == "31/12/2023"
    assert format_date(day, "en") == "31 Dec 2023"
    assert format_date(dt.date(2024, 3, 5), "it") == "05/03/2024"
    assert format_date(dt.date(2024, 3, 5), "en") == "5 Mar 2024"
    assert format_date("2025-04-30", "it", month=True) == "apr 2025"
    assert format_date(None, "en") == "n/a"


def test_unknown_language_falls_back_to_italian():
    assert normalise_lang("fr") == "it"
    assert t("nav.overview", "fr") == "Panoramica"
    assert t("nav.overview", "en") == "Overview"
    assert localized("name", "en") == "name_en" and localized("name", "fr") == "name_it"


def test_the_language_of_a_query_string():
    assert query_lang("?lang=en&x=1") == "en"
    assert query_lang("?lang=fr", "en") == "en"  # not a language: the default given
    assert query_lang(None) == DEFAULT_LANG  # outside a request: the first language
    assert query_lang("?lang=en" + "&x=1" * 1000) == DEFAULT_LANG  # too long to read


def test_the_language_asked_for_else_the_configured_one():
    assert asked_lang("en") == "en"
    assert asked_lang("fr") == asked_lang(None) == DEFAULT_LANG
    assert asked_lang("fr", {"S3DASH_LANG": "en"}) == "en"
    assert asked_lang(None, {"S3DASH_LANG": "xx"}) == DEFAULT_LANG  # not a language either


def _locale_copy(tmp_path: Path, *langs: str) -> Path:
    for lang in langs:
        target = catalogue_path(lang, ".po", tmp_path)
        target.parent.mkdir(parents=True)
        shutil.copy(catalogue_path(lang), target)
    return tmp_path


def test_a_new_po_file_is_a_new_language(tmp_path):
    locale_dir = _locale_copy(tmp_path, "it", "en")
    fr = catalogue_path("fr", ".po", locale_dir)
    fr.parent.mkdir(parents=True)
    shutil.copy(catalogue_path("en"), fr)
    assert languages(locale_dir) == ("it", "en", "fr")
    assert languages(LOCALE_DIR) == LANGS


def test_the_compiled_catalogue_is_read_unless_the_po_is_newer(tmp_path):
    locale_dir = _locale_copy(tmp_path, "en")
    po, mo = catalogue_path("en", ".po", locale_dir), catalogue_path("en", ".mo", locale_dir)
    assert compile_messages(read_catalogue("en", locale_dir)).texts["nav.data"] == "Data"
    compiled = read_catalogue("en", locale_dir)
    compiled["nav.data"].string = "Data (compiled)"
    with mo.open("wb") as f:
        write_mo(f, compiled)
    os.utime(po, (1, 1))  # the .po older than its .mo
    assert compile_messages(read_catalogue("en", locale_dir)).texts["nav.data"] == (
        "Data (compiled)"
    )
    po.touch()  # edited since the build: the .po wins
    assert compile_messages(read_catalogue("en", locale_dir)).texts["nav.data"] == "Data"


def test_an_untranslated_message_keeps_the_italian_text():
    base = compile_messages(read_catalogue("it"))
    english = read_catalogue("en")
    english["nav.data"].string = ""
    assert compile_messages(english, base).texts["nav.data"] == "Dati"
