"""What the internal app's header shows about the session: who is logged in, or a warning.

With login on: the user's name and role and a logout button (a real form POSTing the
session's CSRF token to /logout). With login off: a banner on every internal page, so
nobody mistakes a development server for a protected one.
"""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from auth import current_actor, login_enabled
from auth.roles import ROLES
from auth.views import CSRF_FIELD, LOGOUT_PATH, csrf_token
from dashboard.i18n import t

DEV_BANNER_ID = "auth-dev-banner"
USER_BAR_ID = "auth-user-bar"


def role_label(role: str, lang: str) -> str:
    """A role as people read it (an unknown role, as stored)."""
    return t(f"auth.role.{role}", lang) if role in ROLES else role


def header_notices(lang: str) -> list[Component]:
    """Components for the top of every internal page (call inside a request)."""
    if not login_enabled():
        return [
            html.Div(
                t("auth.dev_banner", lang),
                id=DEV_BANNER_ID,
                className="alert alert-warning rounded-0 mb-0 py-1 px-3 small",
                role="status",
            )
        ]
    actor = current_actor()
    if actor is None:  # the gate lets no anonymous request this far
        return []
    role = role_label(actor.role, lang)
    # The submit button carries the CSRF token as its name=value pair: no hidden field.
    logout = html.Form(
        html.Button(
            t("auth.logout", lang),
            type="submit",
            name=CSRF_FIELD,
            value=csrf_token(),
            id="auth-logout",
            className="btn btn-link btn-sm p-0 ms-2 align-baseline",
        ),
        action=f"{LOGOUT_PATH}?lang={lang}",
        method="POST",
        className="d-inline",
    )
    return [
        html.Div(
            [
                html.Span(t("auth.signed_in_label", lang) + ": ", className="visually-hidden"),
                html.Span(t("auth.signed_in", lang, name=actor.name or actor.username, role=role)),
                logout,
            ],
            id=USER_BAR_ID,
            className="s3-userbar text-end small px-3 py-1 d-print-none",
        )
    ]
