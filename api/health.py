"""Liveness (/healthz) and readiness (/readyz: the database answers) probes."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from data.db import get_engine

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    """The process is alive; touches nothing else."""
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz() -> ResponseReturnValue:
    """The database is reachable: 200, else 503 with the reason."""
    try:
        with get_engine(current_app.config["DATABASE_URL"]).connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        current_app.logger.warning("readiness check failed: %s", exc)
        return jsonify(status="unavailable", reason="database unreachable"), 503
    return jsonify(status="ok")
