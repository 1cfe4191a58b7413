"""Workbench users: bcrypt-hashed passwords and the roles that open each page.

``casetrace user add`` and ``make run`` call these functions; the sign-in form
calls ``verify``. Only the bcrypt hash is stored, never the password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import cache

import bcrypt
from sqlmodel import Session, select

from core.errors import CasetraceError
from models.tables import User

ROLES = ("intake", "reviewer", "investigator", "admin")
DEFAULT_ADMIN = "admin"
MIN_PASSWORD_LENGTH = 8
# bcrypt reads at most 72 bytes of a password; longer ones are refused, not silently cut.
MAX_PASSWORD_BYTES = 72


class AuthError(CasetraceError, ValueError):
    """A user could not be created (bad name, role or password); the message says why."""

    code = "A001"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is using the workbench; kept in the Streamlit session after sign-in."""

    username: str
    role: str

    def may(self, *roles: str) -> bool:
        """Admins may do everything; everyone else only what their role names."""
        return self.role == "admin" or self.role in roles


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def add_user(session: Session, username: str, password: str, role: str) -> User:
    """Create a user; raise AuthError naming the problem (name taken, bad role or password)."""
    username = username.strip()
    if not username:
        raise AuthError("username is empty")
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(f"password too short: at least {MIN_PASSWORD_LENGTH} characters")
    if len(password.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise AuthError(f"password too long: at most {MAX_PASSWORD_BYTES} bytes")
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise AuthError(f"user {username!r} already exists")
    user = User(username=username, password_hash=hash_password(password), role=role)
    session.add(user)
    session.flush()
    return user


def verify(session: Session, username: str, password: str) -> SignedIn | None:
    """The signed-in user when the password matches, else None (no hint which part was wrong)."""
    user = session.exec(select(User).where(User.username == username.strip())).first()
    encoded = password.encode("utf-8")
    if user is None or len(encoded) > MAX_PASSWORD_BYTES:
        # Spend the same time as a real check, so a probe cannot tell names apart.
        bcrypt.checkpw(b"x", _dummy_hash())
        return None
    if not bcrypt.checkpw(encoded, user.password_hash.encode("ascii")):
        return None
    return SignedIn(username=user.username, role=user.role)


def ensure_default_admin(session: Session, username: str = DEFAULT_ADMIN) -> str | None:
    """Create a local admin with a random password when there is no user; return that password.

    Returns None when any user exists already, so a second ``make run`` changes nothing.
    """
    if session.exec(select(User)).first() is not None:
        return None
    password = secrets.token_urlsafe(12)
    add_user(session, username, password, "admin")
    return password


@cache
def _dummy_hash() -> bytes:
    return bcrypt.hashpw(b"not a password", bcrypt.gensalt())
