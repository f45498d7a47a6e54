"""The public app on PostgreSQL: no draft, unpublished or synthetic value in any view."""

from __future__ import annotations

import pytest

from data.seeding import seed
from tests.conftest import make_app
from tests.public_traps import VIEWS, add_traps, assert_no_secret, render, text_of

pytestmark = pytest.mark.integration


def test_public_views_on_postgres_show_published_data_only(pg_url: str) -> None:
    seed(pg_url)
    add_traps(pg_url)
    client = make_app(pg_url, S3DASH_RATE_LIMIT="off").test_client()
    for path in VIEWS:
        for search in ("", "?lang=en&embed=1"):
            response = render(client, path, search)
            assert_no_secret(text_of(response), f"{path}{search}")
    card = text_of(render(client, "/public/indicator/RI05")["public-content"])
    assert "73,6 M€" in card and "12%" in card  # latest published value; current forecast
