"""Roles of the internal app and who may do what.

viewer reads everything; editor and admin also change data (upload, commit, publish,
undo); admin manages accounts too (`s3dash user add`, command line only for now).
"""

from __future__ import annotations

from dataclasses import dataclass

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)
WRITER_ROLES = frozenset({EDITOR, ADMIN})

# S3DASH_AUTH values.
AUTH_NONE, AUTH_LOGIN = "none", "login"
AUTH_MODES = (AUTH_NONE, AUTH_LOGIN)

# Who acts when login is off (development on loopback only): recorded in the audit log.
LOCAL_USERNAME = "local (login disabled)"


def can_write(role: str) -> bool:
    """True for the roles that may change data."""
    return role in WRITER_ROLES


@dataclass(frozen=True)
class Actor:
    """Who is making the current request: name for the audit log, role for permissions."""

    username: str
    role: str
    name: str = ""

    @property
    def can_write(self) -> bool:
        """May upload, commit, publish and undo."""
        return can_write(self.role)
