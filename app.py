"""S3 Monitor entry point: `create_app(config)` builds the Flask server with both Dash apps.

- internal Dash app at `/` (staff and executive; behind a login, see auth/);
- public Dash app at `/public/` (published data only, embeddable);
- open data API at `/api/v1/`, probes at `/healthz` and `/readyz`.

`server` is what gunicorn serves (`gunicorn app:server`, see the Procfile): it is built on
first access (PEP 562), as `create_app(production=True)`, which always requires a login and
refuses to start without SECRET_KEY. Importing this module builds nothing and connects to
nothing: the engine is made on first use.
"""

from __future__ import annotations

import gc
from collections.abc import Mapping

from flask import Flask

import auth
from api.errors import install_error_pages
from api.health import bp as health_bp
from api.security import install_security
from api.v1 import bp as api_v1_bp
from callbacks import data_admin as data_admin_callbacks
from callbacks import public as public_callbacks
from callbacks import report as report_callbacks
from callbacks import revisions as revision_callbacks
from callbacks import shell as shell_callbacks
from callbacks.failures import register_alert_reset
from callbacks.guard import install_callback_guard
from dashboard.apps import PUBLIC_PREFIX, alert_id, make_internal_dash, make_public_dash
from data import db
from data.cache import init_cache
from data.settings import PROJECT_ROOT, load_settings


def create_app(config: Mapping[str, str] | None = None, *, production: bool = False) -> Flask:
    """Build the whole application; `config` overrides environment settings (tests).

    `production=True` (the gunicorn entry point) forces S3DASH_AUTH=login, requires
    SECRET_KEY (RuntimeError otherwise) and marks the session cookie Secure.
    """
    settings = load_settings(config)
    server = Flask(__name__, instance_path=str(PROJECT_ROOT / "instance"))
    server.config.update(settings)
    auth.configure(server, production)
    server.config["JSON_SORT_KEYS"] = False
    init_cache(server, settings["REDIS_URL"])
    db.init_app(server)  # the request's reading connection goes back to the pool
    server.register_blueprint(health_bp)
    server.register_blueprint(api_v1_bp)
    internal = make_internal_dash(server)
    shell_callbacks.register(internal)
    register_alert_reset(internal, "shell")
    # The public app gets only public callbacks: Dash answers any callback it knows.
    public = make_public_dash(server)
    public_callbacks.register(public)
    register_alert_reset(public, "public")
    # The login gate runs before the callback guard: an anonymous client learns nothing.
    write_outputs = (
        data_admin_callbacks.WRITE_OUTPUTS
        | revision_callbacks.WRITE_OUTPUTS
        | report_callbacks.WRITE_OUTPUTS
    )
    auth.init_auth(server, internal, write_outputs)
    install_callback_guard(internal, data_admin_callbacks.BODY_LIMITS)
    install_callback_guard(public)
    install_error_pages(server, {"/": alert_id("shell"), PUBLIC_PREFIX: alert_id("public")})
    install_security(server, settings)
    # Last: a kept page is served only after the gate, the guard and the rate limiter.
    shell_callbacks.install_router_cache(internal)
    public_callbacks.install_router_cache(public)
    return server


def settle_heap() -> None:
    """Keep Python's collector off what a built app holds for good; call once it is built.

    A full collection walked every object of the process (~177,000: plotly, pandas,
    SQLAlchemy, the app), 75-95 ms CPU, in one cold page request of five to ten. Frozen, a
    full collection walks only what requests have added since (8-10 ms). Frozen objects are
    still freed when nothing refers to them; only a cycle among them would stay, so the
    build's garbage is collected first. Memory stays flat (bench/heap_rss.py; README, "Page
    speed on the server").
    """
    gc.collect()  # what is garbage already is freed, not frozen
    gc.freeze()


_production_server: Flask | None = None


def __getattr__(name: str) -> Flask:
    """`app.server`, built once on first access: the production application."""
    global _production_server
    if name != "server":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if _production_server is None:
        # gunicorn (not preloading) builds it in each worker, after the fork.
        _production_server = create_app(production=True)
        settle_heap()
    return _production_server


if __name__ == "__main__":
    # `python app.py`: development server on loopback (the same rules as `s3dash serve`).
    development = create_app()
    settle_heap()
    development.run(host="127.0.0.1", port=int(development.config["PORT"]), debug=False)
