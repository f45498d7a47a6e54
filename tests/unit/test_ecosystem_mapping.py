"""The ecosystem mapping configuration: the committed file is valid, bad files are refused."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data.ecosystem_mapping import MappingError, load_mapping, parse_mapping
from data.importers.dispatch import import_file
from tests.opencoesione_files import oc_bytes, oc_row

SEED_ECOSYSTEMS = Path(__file__).resolve().parents[2] / "data" / "seed" / "ecosystems.csv"
KNOWN = ["connettivita", "sostenibilita", "salute"]
HEADER = "match_type,pattern,ecosystem,notes\n"


def seed_codes() -> list[str]:
    with SEED_ECOSYSTEMS.open(encoding="utf-8") as f:
        return [row["code"] for row in csv.DictReader(f)]


def test_committed_mapping_is_valid_against_the_seed() -> None:
    mapping = load_mapping(seed_codes())
    assert mapping.ecosystems <= set(seed_codes())
    assert mapping.assign(theme="Agenda digitale") == "connettivita"


def test_procedure_rules_win_over_theme_rules_and_nothing_is_guessed() -> None:
    mapping = parse_mapping(
        HEADER + "theme,Energia,sostenibilita,\nprocedure,4711,salute,a call\n", "m.csv", KNOWN
    )
    assert mapping.assign(procedure="4711", theme="Energia") == "salute"
    assert mapping.assign(procedure="9", theme=" energia ") == "sostenibilita"
    assert mapping.assign(procedure="9", theme="Ricerca e innovazione") is None
    assert mapping.assign() is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("theme,Energia,atlantide,\n", 'row 2: unknown ecosystem code "atlantide"'),
        ("keyword,Energia,salute,\n", 'row 2: match_type "keyword" is not one of'),
        ("theme,,salute,\n", "row 2: the pattern is empty"),
        ("theme,Energia,,\n", "row 2: the ecosystem is empty"),
        (
            "theme,Energia,salute,\ntheme,ENERGIA,salute,\n",
            'row 3: theme "ENERGIA" is mapped twice',
        ),
        ("theme,Energia,salute\n", "row 2: 3 cells, expected 4"),
    ],
)
def test_bad_mapping_files_are_refused_with_their_row(body: str, message: str) -> None:
    with pytest.raises(MappingError, match="m.csv") as error:
        parse_mapping(HEADER + body, "m.csv", KNOWN)
    assert message in str(error.value)


def test_wrong_header_is_refused() -> None:
    with pytest.raises(MappingError, match="the header must be"):
        parse_mapping("type,pattern,ecosystem\n", "m.csv", KNOWN)


def test_import_refused_when_the_mapping_names_an_unknown_ecosystem(sqlite_url: str) -> None:
    # An empty database has no ecosystems: the committed rules cannot be resolved.
    result = import_file(sqlite_url, "projects", oc_bytes([oc_row(1)]), "oc.csv")
    assert result.outcome == "refused"
    assert "the ecosystem mapping cannot be used" in str(result.problems[0])
    assert 'unknown ecosystem code "connettivita"' in str(result.problems[0])
