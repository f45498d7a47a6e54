"""The data version (the cache keys' suffix) is read once per request, and anew after a write."""

from __future__ import annotations

from sqlalchemy import event, update

from callbacks import loaders
from data.db import bump_data_version, get_engine, request_data_version, session_scope
from data.models import Ecosystem
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


def test_a_cold_page_reads_through_one_connection(app, client, seeded_url):
    # Every frame of the page and the data version come through the request's reading
    # connection: one pool checkout, instead of one per read.
    checkouts: list[object] = []
    event.listen(get_engine(seeded_url), "checkout", lambda *args: checkouts.append(args))
    for path in ("/funding", "/ecosystems", "/clusters", "/forecasts"):
        app.extensions["s3m_cache"].clear()
        checkouts.clear()
        status, _ = call_callback(client, "/", {"shell-url.pathname": path, "shell-url.search": ""})
        assert status == 200
        assert len(checkouts) == 1, path


def test_a_write_after_reads_in_the_same_request_neither_waits_nor_is_missed(app, seeded_url):
    # The reads hold no transaction open: the request's own write commits at once, and the
    # next read of the same request sees it.
    with app.test_request_context("/"):
        before = loaders.ecosystems()
        with session_scope(seeded_url) as session:
            session.execute(update(Ecosystem).values(name_it=Ecosystem.name_it + " (nuovo)"))
            bump_data_version(session)
        after = loaders.ecosystems()
        assert list(after["name_it"]) == [f"{name} (nuovo)" for name in before["name_it"]]


def test_the_kept_names_and_view_values_follow_a_write(app, seeded_url):
    # ecosystem_names and view_values are kept apart from the frames they come from: a
    # write (which bumps the data version) renews them too.
    with app.test_request_context("/"):
        frame = loaders.ecosystems()
        names = loaders.ecosystem_names("it")
        codes, objectives, indicator_codes = loaders.view_values(False)
        assert names == dict(zip(frame["code"], frame["name_it"], strict=True))
        assert codes == frame["code"].tolist()
        assert indicator_codes == loaders.indicators(False)["code"].tolist()
        assert objectives == loaders.objectives(loaders.indicators(False))
        first = codes[0]
        with session_scope(seeded_url) as session:
            session.execute(
                update(Ecosystem).where(Ecosystem.code == first).values(name_it="Rinominato")
            )
            bump_data_version(session)
        assert loaders.ecosystem_names("it")[first] == "Rinominato"
        assert loaders.ecosystem_names("en") == dict(
            zip(frame["code"], frame["name_en"], strict=True)
        )
