"""The login and logout views: a small server-rendered form, Italian and English.

The form carries a CSRF token kept in the (signed) session; logout is a POST with the same
token, so another site can neither log a user in nor out. A wrong user name and a wrong
password get the same message, in about the same time (auth.users.authenticate).
"""

from __future__ import annotations

import hmac
import secrets
from urllib.parse import urlencode, urlsplit

from flask import Blueprint, Response, current_app, redirect, render_template_string, request
from flask import session as flask_session
from flask.typing import ResponseReturnValue
from flask_login import login_user, logout_user
from sqlalchemy.exc import DBAPIError

from auth.roles import AUTH_LOGIN
from auth.users import MAX_PASSWORD, MAX_USERNAME, authenticate
from dashboard.i18n import LANGS, configured_lang, normalise_lang, t
from data.db import database_unavailable

bp = Blueprint("auth", __name__)

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
CSRF_KEY = "csrf_token"
CSRF_FIELD = "csrf_token"

# Stylesheets of the public app: the internal app's /assets/ need a login themselves.
_PAGE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{ title }} — S3 Monitor</title>
  <link rel="icon" type="image/svg+xml" href="/public/assets/favicon.svg">
  <link rel="stylesheet" href="/public/assets/00-bootstrap-5.3.9.min.css">
  <link rel="stylesheet" href="/public/assets/s3.css">
</head>
<body class="bg-light s3-login">
<main class="container" style="max-width: 28rem">
  <nav class="text-end small mt-3" aria-label="{{ lang_label }}">
    {% for code, label, url in languages %}
      {% if code == lang %}<span class="fw-bold" aria-current="true">{{ label }}</span>
      {% else %}<a href="{{ url }}" hreflang="{{ code }}" lang="{{ code }}">{{ label }}</a>
      {% endif %}
    {% endfor %}
  </nav>
  <h1 class="h3 mt-4">S3 Monitor — {{ title }}</h1>
  <p class="text-muted">{{ lead }}</p>
  {% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>
  {% endif %}
  <form method="post" action="{{ action }}" class="card card-body" id="login-form">
    <input type="hidden" name="{{ csrf_field }}" value="{{ csrf }}">
    <input type="hidden" name="next" value="{{ next }}">
    <input type="hidden" name="lang" value="{{ lang }}">
    <label class="form-label" for="login-username">{{ username_label }}</label>
    <input class="form-control mb-3" id="login-username" name="username" required
           autocomplete="username" maxlength="{{ max_username }}" value="{{ username }}"
           autofocus>
    <label class="form-label" for="login-password">{{ password_label }}</label>
    <input class="form-control mb-3" id="login-password" name="password" type="password"
           required autocomplete="current-password" maxlength="{{ max_password }}">
    <button class="btn btn-primary" type="submit" id="login-submit">{{ submit }}</button>
  </form>
  <p class="mt-3 small"><a href="/public/?lang={{ lang }}">{{ public }}</a></p>
</main>
</body>
</html>"""


def csrf_token() -> str:
    """The session's CSRF token, made on first use."""
    token = flask_session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        flask_session[CSRF_KEY] = token
    return token


def csrf_valid() -> bool:
    """True when the form's token is the session's token."""
    sent = request.form.get(CSRF_FIELD, "")
    stored = flask_session.get(CSRF_KEY)
    return isinstance(stored, str) and bool(stored) and hmac.compare_digest(sent, stored)


def safe_next(target: str | None) -> str:
    """A local path to go to after login; anything else (another site, `//x`) → `/`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return "/"
    return target


def login_url(next_path: str, lang: str | None = None) -> str:
    """`/login?next=…` for a page that needs a login."""
    params = {"next": next_path}
    if lang in LANGS:
        params["lang"] = str(lang)
    return f"{LOGIN_PATH}?{urlencode(params)}"


def _login_enabled() -> bool:
    return current_app.config.get("S3DASH_AUTH") == AUTH_LOGIN


def _lang() -> str:
    default = configured_lang()
    return normalise_lang(request.values.get("lang") or default)


def _render(lang: str, next_path: str, error: str = "", username: str = "") -> str:
    languages = [(code, code.upper(), login_url(next_path, code)) for code in LANGS]
    return render_template_string(
        _PAGE,
        lang=lang,
        title=t("auth.title", lang),
        lead=t("auth.lead", lang),
        lang_label=t("lang.switch", lang),
        languages=languages,
        error=error,
        action=LOGIN_PATH,
        csrf_field=CSRF_FIELD,
        csrf=csrf_token(),
        next=next_path,
        username=username[:MAX_USERNAME],
        username_label=t("auth.username", lang),
        password_label=t("auth.password", lang),
        max_username=MAX_USERNAME,
        max_password=MAX_PASSWORD,
        submit=t("auth.submit", lang),
        public=t("auth.public", lang),
    )


def _page(html: str, status: int = 200) -> Response:
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def throttled_login_page() -> Response:
    """429: the form again, saying that there were too many attempts."""
    lang = _lang()
    next_path = safe_next(request.values.get("next"))
    username = request.form.get("username", "")
    return _page(_render(lang, next_path, t("auth.throttled", lang), username), 429)


@bp.route(LOGIN_PATH, methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    """GET: the form. POST: check the token and the password, then go to `next`."""
    if not _login_enabled():
        return redirect("/")
    lang = _lang()
    next_path = safe_next(request.values.get("next"))
    if request.method == "GET":
        return _page(_render(lang, next_path))
    username = request.form.get("username", "")
    if not csrf_valid():
        return _page(_render(lang, next_path, t("auth.expired", lang), username), 400)
    try:
        user = authenticate(
            current_app.config["DATABASE_URL"], username, request.form.get("password", "")
        )
    except DBAPIError as error:
        if not database_unavailable(error):
            raise
        current_app.logger.warning("login unavailable: the database does not answer")
        return _page(_render(lang, next_path, t("error.unavailable", lang), username), 503)
    if user is None:
        current_app.logger.info(
            "failed login for %r from %s", username[:MAX_USERNAME], request.remote_addr
        )
        return _page(_render(lang, next_path, t("auth.wrong", lang), username), 401)
    # A fresh session on login: nothing set before it (by anyone) survives into it.
    flask_session.clear()
    flask_session.permanent = True
    login_user(user)
    csrf_token()
    current_app.logger.info("login of %r", user.username)
    return redirect(next_path)


@bp.route(LOGOUT_PATH, methods=["POST"])
def logout() -> ResponseReturnValue:
    """End the session (POST with the session's CSRF token) and go back to the form."""
    lang = _lang()
    if not _login_enabled():
        return redirect("/")
    if not csrf_valid():
        return _page(_render(lang, "/", t("auth.expired", lang)), 400)
    logout_user()
    flask_session.clear()
    return redirect(login_url("/", lang))
