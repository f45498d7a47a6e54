"""Parsing one text cell by its declared column type: the third stage of the importers.

`parse_cell` converts the text of a cell by its column in data/schemas.py (int, float,
money, date, bool, codes, str) and answers (value, None) or (None, message).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from data.schemas import MISSING_MARKERS, Column

MIN_DATE = dt.date(1950, 1, 1)  # real series (Eurostat regional R&D) start in the 1980s
MAX_DATE = dt.date(2100, 12, 31)
# Largest magnitude of a decimal number: far above any indicator, far below overflow.
MAX_FLOAT = 1e15
# Largest value of an SQL INTEGER on PostgreSQL; SQLite would accept more and hide the error.
MAX_INT = 2**31 - 1
# Numeric(16, 2): 14 digits before the decimal point.
MAX_MONEY = Decimal(10) ** 14
TRUE_WORDS = frozenset({"true", "1", "yes"})
FALSE_WORDS = frozenset({"false", "0", "no"})

_INT_RE = re.compile(r"[+-]?\d+(\.0*)?")
_FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_COMMA_DECIMAL_RE = re.compile(r"[+-]?\d{1,3}(\.\d{3})*,\d+|[+-]?\d+,\d+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


CellResult = tuple[Any, str | None]


def _is_missing(column: Column, text: str) -> bool:
    if column.type == "str":
        return text == ""
    return text.lower() in MISSING_MARKERS


def _number_hint(text: str) -> str:
    if _COMMA_DECIMAL_RE.fullmatch(text):
        return ' (use "." as the decimal point and no thousands separator)'
    return ""


def _parse_int(text: str) -> CellResult:
    if not _INT_RE.fullmatch(text):
        return None, f'"{text}" is not a whole number{_number_hint(text)}'
    value = int(Decimal(text))
    if abs(value) > MAX_INT:
        return None, f'"{text}" is too large'
    return value, None


def _parse_float(text: str) -> CellResult:
    if not _FLOAT_RE.fullmatch(text):
        return None, f'"{text}" is not a number{_number_hint(text)}'
    value = float(text)
    if not math.isfinite(value) or abs(value) > MAX_FLOAT:
        return None, f'"{text}" is too large (at most {MAX_FLOAT:g} in absolute value)'
    return value, None


def _parse_money(text: str) -> CellResult:
    if not _FLOAT_RE.fullmatch(text) or "e" in text.lower():
        return None, f'"{text}" is not an amount in euros{_number_hint(text)}'
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f'"{text}" is not an amount in euros'
    # Written decimals, not the value: "583.400" is most likely 583 400 with a thousands dot.
    if int(value.as_tuple().exponent) < -2:
        return None, (
            f'"{text}" has more than 2 decimal places '
            '(use "." as the decimal point and no thousands separator)'
        )
    if abs(value) >= MAX_MONEY:
        return None, f'"{text}" is too large'
    return value, None


def _parse_date(text: str) -> CellResult:
    try:
        value = dt.date.fromisoformat(text) if _DATE_RE.fullmatch(text) else None
    except ValueError:
        value = None
    if value is None:
        return None, f'"{text}" is not a date in the form YYYY-MM-DD'
    if not MIN_DATE <= value <= MAX_DATE:
        return None, f"{text} is outside the accepted range {MIN_DATE} to {MAX_DATE}"
    return value, None


def _parse_bool(text: str) -> CellResult:
    word = text.lower()
    if word in TRUE_WORDS:
        return True, None
    if word in FALSE_WORDS:
        return False, None
    return None, f'"{text}" is not true or false (write true, false, yes, no, 1 or 0)'


def _parse_codes(text: str) -> CellResult:
    codes = list(dict.fromkeys(c.strip() for c in text.split("|") if c.strip()))
    return codes, None


def _parse_str(text: str) -> CellResult:
    return text, None


PARSERS: dict[str, Callable[[str], CellResult]] = {
    "str": _parse_str,
    "int": _parse_int,
    "float": _parse_float,
    "money": _parse_money,
    "date": _parse_date,
    "bool": _parse_bool,
    "codes": _parse_codes,
}


def parse_cell(column: Column, text: str) -> CellResult:
    """Convert one text cell by its declared column; (value, None) or (None, message)."""
    if _is_missing(column, text):
        if column.required:
            return None, "a value is required"
        return ([] if column.type == "codes" else None), None
    value, error = PARSERS[column.type](text)
    if error:
        return None, error
    if column.type in ("int", "money") and value < 0:
        return None, f'"{text}" is negative; amounts and counts cannot be'
    if column.choices:
        match = next((c for c in column.choices if c.lower() == text.lower()), None)
        if match is None:
            return None, f'"{text}" is not one of: {", ".join(column.choices)}'
        value = match
    return value, None
