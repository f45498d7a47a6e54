"""The two Dash apps on the Flask server: their shells (layout frames) and page tables.

The page content is rendered from the URL by each app's router, so the layout is the
frame (location, header, main landmark, footer) that callbacks/first_paint.py fills with
the asking page when the browser fetches it. Routing is a plain table built from the
pages' records (callbacks/shell.py; no Dash Pages, whose process-wide registry would be
shared by both apps and by every test app).
"""

from __future__ import annotations

from dash import Dash, dcc, html
from flask import Flask

from dashboard import answer_json
from data.settings import PROJECT_ROOT

ASSETS_DIR = PROJECT_ROOT / "assets"
PUBLIC_PREFIX = "/public/"

# `lang` on <html> is set from the URL by a clientside callback; Italian is the default.
# The scripts stand bare at the end of <body>: a <footer> around them was a second
# contentinfo landmark next to the shell's own footer.
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="it">
    <head>
        {%metas%}
        <title>{%title%}</title>
        <link rel="icon" type="image/svg+xml" href="{base}assets/favicon.svg">
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


def alert_id(prefix: str) -> str:
    """The id of an app's service-message area (`shell` or `public` prefix)."""
    return f"{prefix}-alert"


def rendered_id(prefix: str) -> str:
    """The id of the store naming the address the layout came rendered for (first paint)."""
    return f"{prefix}-rendered"


def shell(prefix: str) -> html.Div:
    """Location, skip link, header, main landmark and footer, ids prefixed per app."""
    return html.Div(
        [
            dcc.Location(id=f"{prefix}-url", refresh=False),
            dcc.Store(id=rendered_id(prefix)),
            html.A(id=f"{prefix}-skip", href="#main", className="visually-hidden-focusable"),
            html.Div(id=f"{prefix}-lang-sink", hidden=True),
            html.Header(id=f"{prefix}-header"),
            html.Main(
                id="main",
                tabIndex="-1",
                className="container-fluid s3-main",
                children=[
                    # Messages about the service itself (database unavailable), written by
                    # the server in place of a callback's answer; empty otherwise.
                    html.Div(id=alert_id(prefix)),
                    html.Div(id=f"{prefix}-content"),
                ],
            ),
            html.Footer(id=f"{prefix}-footer", className="container-fluid"),
        ]
    )


PUBLIC_ONLY_ASSETS = r"public\.css|public-embed\.js"
# The HTML legends drive plotly charts, which the public app's views do not draw.
INTERNAL_ONLY_ASSETS = r"chart-legends\.js"


def _dash(server: Flask, name: str, base: str, title: str, assets_ignore: str = "") -> Dash:
    answer_json.install()  # the same JSON as plotly's, without its Python walk (many ms a page)
    app = Dash(
        name,
        # Dash's annotations omit two documented values: a Flask instance as the server,
        # and update_title=None (keep the title while a callback runs).
        server=server,  # type: ignore[arg-type]
        url_base_pathname=base,
        assets_folder=str(ASSETS_DIR),
        assets_ignore=assets_ignore,
        title=title,
        update_title=None,  # type: ignore[arg-type]
        suppress_callback_exceptions=True,
        serve_locally=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.index_string = INDEX_TEMPLATE.replace("{base}", base)
    return app


def make_internal_dash(server: Flask) -> Dash:
    """The staff and executive app at `/`."""
    # The public page's styles and its iframe-height script have nothing to do here: two
    # requests fewer before the first paint.
    app = _dash(server, "s3monitor_internal", "/", "S3 Monitor", PUBLIC_ONLY_ASSETS)
    app.layout = shell("shell")
    return app


def make_public_dash(server: Flask) -> Dash:
    """The public, embeddable app at `/public/` (only public callbacks are registered on it)."""
    app = _dash(
        server,
        "s3monitor_public",
        PUBLIC_PREFIX,
        "S3 Monitor — Regione Lombardia",
        INTERNAL_ONLY_ASSETS,
    )
    app.layout = shell("public")
    return app
