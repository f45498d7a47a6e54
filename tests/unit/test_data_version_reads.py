"""The data version (the cache keys' suffix) is read once per request, and anew after a write."""

from __future__ import annotations

from sqlalchemy import event

from data.db import bump_data_version, get_engine, request_data_version, session_scope
from tests.dash_client import call_callback


def _count_version_reads(url: str) -> list[str]:
    reads: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM data_version" in statement:
            reads.append(statement)

    event.listen(get_engine(url), "before_cursor_execute", seen)
    return reads


def test_a_page_render_reads_the_data_version_once(client, seeded_url):
    reads = _count_version_reads(seeded_url)
    for search in ("", "?ecosystem=sostenibilita"):
        reads.clear()
        status, _ = call_callback(
            client, "/", {"shell-url.pathname": "/funding", "shell-url.search": search}
        )
        assert status == 200
        assert len(reads) == 1, search


def test_a_write_in_the_request_is_seen_by_its_next_read(app, seeded_url):
    with app.test_request_context("/"):
        before = request_data_version()
        assert request_data_version() == before  # kept for the request
        with session_scope(seeded_url) as session:
            bump_data_version(session)
        assert request_data_version() == before + 1
    with app.app_context():  # outside a request: read every time
        with session_scope(seeded_url) as session:
            bump_data_version(session)
        assert request_data_version() == before + 2
