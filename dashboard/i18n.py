"""The one string catalogue (Italian first, English complete) and locale formatting.

Every label on screen goes through `t(key, lang)`. Numbers, money and dates go through the
`format_*` helpers, so Italian reads `583.400 €` / `1,4 mld €` and English `€583,400` /
`€1.4bn`. A test checks that every key has both languages.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from flask import current_app

from dashboard.catalogue import (
    attainment,
    clusters,
    context,
    core,
    data_admin,
    forecasts,
    funding,
    public,
    revisions,
)

LANGS = ("it", "en")
DEFAULT_LANG = "it"


def _merge(*parts: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"catalogue keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


# One module per feature under dashboard/catalogue/, merged here (keys must not clash).
CATALOGUE: Mapping[str, Mapping[str, str]] = _merge(
    core.STRINGS,
    clusters.STRINGS,
    forecasts.STRINGS,
    attainment.STRINGS,
    data_admin.STRINGS,
    funding.STRINGS,
    public.STRINGS,
    context.STRINGS,
    revisions.STRINGS,
)


def normalise_lang(lang: str | None) -> str:
    """A supported language code; anything else falls back to the default."""
    return lang if lang in LANGS else DEFAULT_LANG


def configured_lang(config: Mapping[str, object] | None = None) -> str:
    """The app's default language (setting S3DASH_LANG; `config`: the running app's)."""
    value = (current_app.config if config is None else config).get("S3DASH_LANG")
    return normalise_lang(value if isinstance(value, str) else None)


ONE = "_one"  # suffix of a language's singular form: "it_one" beside "it"


def t(key: str, lang: str, count: int | None = None, **values: object) -> str:
    """The text of `key` in `lang`, with `{placeholders}` filled in.

    `count` picks the singular form ("1 progetto", not "1 progetti") when the entry has
    one (`it_one`, `en_one`) and `count` is 1.
    """
    forms, lang = CATALOGUE[key], normalise_lang(lang)
    text = forms.get(lang + ONE, forms[lang]) if count == 1 else forms[lang]
    return text.format(**values) if values else text


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_probability(p: float | None, lang: str) -> str:
    """A probability as a whole percentage, `< 5%` / `> 95%` near the ends, never 0% / 100%.

    The calibrated forecasts cannot support more precision than that (DESIGN.md).
    """
    if _is_missing(p):
        return t("nd", lang)
    assert p is not None
    if p < 0.05:
        return "< 5%"
    if p > 0.95:
        return "> 95%"
    return f"{format_number(round(p * 100), lang, 0)}%"


def format_number(value: float | int | None, lang: str, decimals: int | None = None) -> str:
    """`1234.5` → `1.234,5` (it) / `1,234.5` (en); missing → n.d. / n/a."""
    if _is_missing(value):
        return t("nd", lang)
    assert value is not None
    auto = decimals is None
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{float(value):,.{decimals}f}"
    if auto and decimals:
        text = text.rstrip("0").rstrip(".")  # 73.60 → 73.6
    if normalise_lang(lang) == "it":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def format_percent(value: float | None, lang: str) -> str:
    """A share (0.12) as "12%"; missing → n.d. / n/a, never 0%."""
    if _is_missing(value):
        return t("nd", lang)
    assert value is not None
    return f"{format_number(100 * float(value), lang, 0)}%"


def format_eur(value: float | int | None, lang: str, compact: bool = False) -> str:
    """Euros: `583.400 €` / `€583,400`; compact `1,4 mld €` / `€1.4bn`, `41,3 mln €`."""
    if _is_missing(value):
        return t("nd", lang)
    assert value is not None
    amount = float(value)
    it = normalise_lang(lang) == "it"
    if compact and abs(amount) >= 1e6:
        if abs(amount) >= 1e9:
            scaled, suffix = amount / 1e9, ("mld" if it else "bn")
        else:
            scaled, suffix = amount / 1e6, ("mln" if it else "m")
        number = format_number(round(scaled, 1), lang, 0 if scaled.is_integer() else 1)
        return f"{number} {suffix} €" if it else f"€{number}{suffix}"
    number = format_number(round(amount), lang, 0)
    return f"{number} €" if it else f"€{number}"


def format_value(value: float | None, unit: str, lang: str) -> str:
    """An indicator value with its unit, e.g. `73,6 M€`, `583.400 €`, `530`."""
    if _is_missing(value):
        return t("nd", lang)
    if unit == "€":
        return format_eur(value, lang)
    number = format_number(value, lang)
    return number if unit in ("", "n.") else f"{number} {unit}"


_MONTHS = {
    "it": ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def format_date(value: dt.date | dt.datetime | str | None, lang: str, month: bool = False) -> str:
    """`31/12/2023` (it) / `31 Dec 2023` (en); month=True gives `dic 2023` / `Dec 2023`."""
    if value is None or value == "":
        return t("nd", lang)
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    lang = normalise_lang(lang)
    name = _MONTHS[lang][value.month - 1]
    if month:
        return f"{name} {value.year}"
    if lang == "it":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {name} {value.year}"
