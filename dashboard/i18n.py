"""The one string catalogue (Italian first, English complete) and locale formatting.

Every label on screen goes through `t(key, lang)`. The texts are gettext catalogues, one per
language, in `dashboard/locale/<lang>/LC_MESSAGES/messages.po`; message ids are the keys
(`nav.overview`) and Italian is the base a translator works from (README, Translations).
Numbers, money and dates go through the `format_*` helpers, whose conventions are messages
too (`fmt.*`), so Italian reads `583.400 €` / `1,4 mld €` and English `€583,400` / `€1.4bn`.
A test checks that both catalogues translate every message with the same placeholders.
"""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from data.analysis.missing import is_missing

if TYPE_CHECKING:
    import pandas as pd

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "messages"
DEFAULT_LANG = "it"  # the first language: the source documents and the base catalogue


def languages(locale_dir: Path) -> tuple[str, ...]:
    """The languages with a catalogue under `locale_dir`, the default first."""
    found = {p.parent.parent.name for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return (DEFAULT_LANG, *sorted(found - {DEFAULT_LANG}))


LANGS = languages(LOCALE_DIR)  # a new .po file is a new language
# Languages the data itself carries (`name_it` / `name_en` columns); others read the default.
DATA_LANGS = ("it", "en")


@dataclass(frozen=True)
class Messages:
    """One language's compiled catalogue: plain texts, plural forms and the plural rule."""

    texts: Mapping[str, str]
    plurals: Mapping[str, tuple[str, ...]]
    plural: Callable[[int], int]


def catalogue_path(lang: str, suffix: str = ".po", locale_dir: Path = LOCALE_DIR) -> Path:
    """`dashboard/locale/<lang>/LC_MESSAGES/messages.po` (or `.mo`)."""
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def read_catalogue(lang: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The compiled `.mo` built by `make`, else the `.po` itself.

    The `.po` is read when the `.mo` is missing or older: a fresh clone installed with pip
    alone, or a catalogue edited since the last build.
    """
    po, mo = catalogue_path(lang, ".po", locale_dir), catalogue_path(lang, ".mo", locale_dir)
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as f:
            return read_mo(f)
    with po.open("rb") as f:
        return read_po(f, locale=lang)


def compile_messages(catalogue: Catalog, base: Messages | None = None) -> Messages:
    """The lookup tables `t()` reads, from a catalogue.

    A message the catalogue leaves untranslated keeps the `base` language's text, as gettext
    would keep the source text: a new message shows in Italian until it is translated.
    """
    texts: dict[str, str] = dict(base.texts) if base else {}
    plurals: dict[str, tuple[str, ...]] = dict(base.plurals) if base else {}
    for message in catalogue:
        if not message.id or not message.string or message.fuzzy:
            continue  # the header, or not (yet) translated
        if isinstance(message.id, tuple | list):
            forms = tuple(str(form) for form in message.string)
            if all(forms):
                plurals[message.id[0]] = forms
        else:
            texts[message.id] = str(message.string)
    return Messages(texts, plurals, gettext.c2py(catalogue.plural_expr))


def _load() -> dict[str, Messages]:
    base = compile_messages(read_catalogue(DEFAULT_LANG))
    return {lang: compile_messages(read_catalogue(lang), base) for lang in LANGS}


MESSAGES: Mapping[str, Messages] = _load()


def normalise_lang(lang: str | None) -> str:
    """A supported language code; anything else falls back to the default."""
    return lang if lang in LANGS else DEFAULT_LANG


def configured_lang(config: Mapping[str, Any] | None = None) -> str:
    """The instance's default language (the `S3DASH_LANG` setting), normalised.

    `config` is the Flask app's config; without it, the current app's (if any).
    """
    # Flask is loaded here, not on import: `s3dash import` prints its report through this
    # module and has no app.
    from flask import current_app, has_app_context

    if config is None and has_app_context():
        config = current_app.config
    value = config.get("S3DASH_LANG") if config is not None else None
    return normalise_lang(value if isinstance(value, str) else None)


def asked_lang(asked: object, config: Mapping[str, Any] | None = None) -> str:
    """The language asked for (`?lang=`, a form field), else the configured default.

    `config` is the Flask app's config; without it, the current app's.
    """
    return asked if isinstance(asked, str) and asked in LANGS else configured_lang(config)


def query_lang(search: object, default: str | None = None) -> str:
    """The language `?lang=` of a query string asks for, else `default` (else the configured)."""
    fallback = normalise_lang(default) if default is not None else configured_lang()
    if not isinstance(search, str) or len(search) > 2000:
        return fallback
    asked = parse_qs(search.lstrip("?")).get("lang", [""])[-1]
    return asked if asked in LANGS else fallback


def known(key: str) -> bool:
    """Whether `key` is a message of the catalogue."""
    messages = MESSAGES[DEFAULT_LANG]
    return key in messages.texts or key in messages.plurals


def t(key: str, lang: str | None, count: int | None = None, **values: object) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled in.

    A plural message (ngettext: `msgid_plural` in the catalogue) takes the form the
    language's rule gives for `count` ("1 progetto", "2 progetti"); without a count, the
    plural. A key missing from the catalogue raises KeyError, as a typo should.
    """
    messages = MESSAGES.get(lang or "") or MESSAGES[DEFAULT_LANG]
    text = messages.texts.get(key)
    if text is None:
        forms = messages.plurals[key]
        text = forms[min(messages.plural(2 if count is None else count), len(forms) - 1)]
    return text.format(**values) if values else text


def localized(column: str, lang: str | None) -> str:
    """The data column of `lang`: `name` → `name_it` / `name_en` (the default's otherwise)."""
    lang = normalise_lang(lang)
    return f"{column}_{lang if lang in DATA_LANGS else DEFAULT_LANG}"


def names_by_code(frame: pd.DataFrame, lang: str | None) -> dict[str, str]:
    """Code → name in `lang`, for a frame with `code` and `name_it`/`name_en` columns."""
    return dict(zip(frame["code"], frame[localized("name", lang)], strict=True))


def foreign(text_lang: str, lang: str | None) -> str | None:
    """The `lang` attribute of a text written in `text_lang` on a `lang` page (None: same)."""
    return None if normalise_lang(lang) == text_lang else text_lang


def plotly_separators(lang: str | None) -> str:
    """Plotly's `separators`: the decimal mark, then the thousands mark."""
    return t("fmt.decimal", lang) + t("fmt.thousands", lang)


def format_probability(p: float | None, lang: str) -> str:
    """A probability as a whole percentage, `< 5%` / `> 95%` near the ends, never 0% / 100%.

    The calibrated forecasts cannot support more precision than that (DESIGN.md).
    """
    if is_missing(p):
        return t("nd", lang)
    assert p is not None
    if p < 0.05:
        return "< 5%"
    if p > 0.95:
        return "> 95%"
    return f"{format_number(round(p * 100), lang, 0)}%"


def format_share(share: float | None, lang: str) -> str:
    """A share as a percentage: `0.245` → `24,5%` / `24.5%` (one decimal under 10%)."""
    if share is None:
        return t("nd", lang)
    percent = share * 100
    return f"{format_number(percent, lang, 1 if abs(percent) < 10 else 0)}%"


def format_number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """`1234.5` → `1.234,5` (it) / `1,234.5` (en); missing → n.d. / n/a."""
    if is_missing(value):
        return t("nd", lang)
    assert value is not None
    auto = decimals is None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{float(value):,.{decimals}f}"
    if auto and decimals:
        text = text.rstrip("0").rstrip(".")  # 73.60 → 73.6
    return text.translate(_marks(normalise_lang(lang)))


@cache
def _marks(lang: str) -> dict[int, str]:
    """Python's `,` and `.` → the language's thousands and decimal marks."""
    return str.maketrans({",": t("fmt.thousands", lang), ".": t("fmt.decimal", lang)})


def format_percent(value: float | None, lang: str) -> str:
    """A share (0.12) as "12%"; missing → n.d. / n/a, never 0%."""
    if is_missing(value):
        return t("nd", lang)
    assert value is not None
    return f"{format_number(100 * float(value), lang, 0)}%"


def format_eur(value: float | int | None, lang: str, compact: bool = False) -> str:
    """Euros: `583.400 €` / `€583,400`; compact `1,4 mld €` / `€1.4bn`, `41,3 mln €`."""
    if is_missing(value):
        return t("nd", lang)
    assert value is not None
    amount = float(value)
    if compact and abs(amount) >= 1e6:
        scaled, form = (
            (amount / 1e9, "fmt.eur.bn") if abs(amount) >= 1e9 else (amount / 1e6, "fmt.eur.m")
        )
        number = format_number(round(scaled, 1), lang, 0 if scaled.is_integer() else 1)
        return t(form, lang, n=number)
    return t("fmt.eur", lang, n=format_number(round(amount), lang, 0))


def format_value(value: float | None, unit: str, lang: str) -> str:
    """An indicator value with its unit, e.g. `73,6 M€`, `583.400 €`, `530`."""
    if is_missing(value):
        return t("nd", lang)
    if unit == "€":
        return format_eur(value, lang)
    number = format_number(value, lang)
    return number if unit in ("", "n.") else f"{number} {unit}"


def format_date(value: dt.date | dt.datetime | str | None, lang: str, month: bool = False) -> str:
    """`31/12/2023` (it) / `31 Dec 2023` (en); month=True gives `dic 2023` / `Dec 2023`."""
    if value is None or value == "":
        return t("nd", lang)
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    parts: dict[str, str | int] = {
        "day": value.day,
        "dd": f"{value.day:02d}",
        "mm": f"{value.month:02d}",
        "month": t(f"fmt.month.{value.month}", lang),
        "year": value.year,
    }
    return t("fmt.month" if month else "fmt.date", lang).format(**parts)
