"""The order in which the COPY path's staging table stores a file's columns."""

from __future__ import annotations

from data.importers.copy_load import READ_COLUMNS, _staged_type, _stored_order


def test_read_columns_are_stored_first_each_group_in_the_file_order() -> None:
    # A real export interleaves the columns the COPY path reads with about 180 it does not:
    # stored first, the read ones are taken apart without walking through the others.
    header = ["DEN_REGIONE", "COD_LOCALE_PROGETTO", "X_1", "COD_REGIONE", "X_2", "CUP"]
    stored = _stored_order(header)
    assert stored == ["COD_LOCALE_PROGETTO", "COD_REGIONE", "CUP", "DEN_REGIONE", "X_1", "X_2"]
    assert [name in READ_COLUMNS for name in stored] == [True] * 3 + [False] * 3
    assert [_staged_type(name) for name in stored] == ["text"] * 3 + ['"char"'] * 3
