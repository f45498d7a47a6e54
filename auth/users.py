"""Staff accounts (table app_user) as Flask-Login users, and password checks.

Passwords are stored as werkzeug scrypt hashes (`s3dash user add`). The session keeps
`<id>:<fingerprint of the password hash>`, so changing a password or deactivating an
account ends every session of it at its next request.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass

from flask_login import UserMixin
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from data.db import session_scope
from data.models import AppUser

MAX_USERNAME = 100
MAX_PASSWORD = 1024  # scrypt copes with more, but nobody types it: refuse before hashing


@dataclass(frozen=True)
class User(UserMixin):
    """A logged-in staff member (a snapshot of the app_user row)."""

    id: int
    username: str
    name: str
    role: str
    fingerprint: str

    def get_id(self) -> str:
        """The value Flask-Login keeps in the session."""
        return f"{self.id}:{self.fingerprint}"


def _fingerprint(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def _user(row: AppUser) -> User:
    return User(row.id, row.username, row.name, row.role, _fingerprint(row.password_hash))


def load_user(url: str, session_id: str) -> User | None:
    """The active user a session value names, or None (unknown, inactive, password changed)."""
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit():
        return None
    with session_scope(url) as session:
        row = session.get(AppUser, int(user_id))
        if row is None or not row.active:
            return None
        user = _user(row)
    return user if secrets.compare_digest(user.fingerprint, fingerprint) else None


def find_active(url: str, username: str) -> User | None:
    """The active user called `username`, or None (for the reverse-proxy header)."""
    if not username or len(username) > MAX_USERNAME:
        return None
    with session_scope(url) as session:
        row = session.scalar(select(AppUser).where(AppUser.username == username))
        return _user(row) if row is not None and row.active else None


@functools.cache
def _dummy_hash() -> str:
    # Checked against when the user does not exist, so that a wrong user name costs the same
    # time as a wrong password and response times do not reveal which names exist.
    return generate_password_hash(secrets.token_hex(16), method="scrypt")


def authenticate(url: str, username: str, password: str) -> User | None:
    """The user if `password` is theirs and the account is active; else None."""
    username = username.strip()
    if not username or len(username) > MAX_USERNAME or len(password) > MAX_PASSWORD:
        check_password_hash(_dummy_hash(), "")
        return None
    with session_scope(url) as session:
        row = session.scalar(select(AppUser).where(AppUser.username == username))
        found = (row.password_hash, _user(row)) if row is not None and row.active else None
    if found is None:
        check_password_hash(_dummy_hash(), password)
        return None
    password_hash, user = found
    return user if check_password_hash(password_hash, password) else None
