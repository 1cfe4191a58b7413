"""Workbench users: bcrypt-hashed passwords and the roles that open each page.

``casetrace user add`` and ``make run`` call these functions; the sign-in form
calls ``sign_in`` (``verify`` behind a throttle). Only the bcrypt hash is stored,
never the password.

The throttle counts failed sign-ins per typed username, known or not, so a
lockout says nothing about whether a name exists: ``CASETRACE_MAX_FAILED_SIGN_INS``
failures within ``CASETRACE_SIGN_IN_WINDOW_MINUTES`` lock the name for
``CASETRACE_LOCKOUT_MINUTES`` (even the right password is refused meanwhile); a
successful sign-in clears the count. Every failure and lockout is an audit row.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

import bcrypt
from sqlmodel import Session, select

from core.errors import CasetraceError
from core.settings import AccessSettings
from models.tables import SignInThrottle, User
from review.purpose_log import Action, log_event

ROLES = ("intake", "reviewer", "investigator", "compliance", "admin")
WRONG_SIGN_IN = "Wrong username or password."
# Logged usernames are cut to this length (a password typed into the name box stays short).
LOGGED_NAME_CHARS = 64
DEFAULT_ADMIN = "admin"
MIN_PASSWORD_LENGTH = 8
# bcrypt reads at most 72 bytes of a password; longer ones are refused, not silently cut.
MAX_PASSWORD_BYTES = 72


class AuthError(CasetraceError, ValueError):
    """A user could not be created (bad name, role or password); the message says why."""

    code = "A001"


class SignInLocked(CasetraceError, PermissionError):
    """Too many failed sign-ins for this username; it is locked for a while."""

    code = "A002"


@dataclass(frozen=True, slots=True)
class SignInOutcome:
    """What the sign-in door answered: the user, or the one line to show instead."""

    user: SignedIn | None
    message: str = ""
    locked: bool = False


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


def sign_in(session: Session, username: str, password: str, *,
            settings: AccessSettings | None = None, now: datetime | None = None) -> SignInOutcome:
    """``verify`` behind the throttle; records failures, lockouts and the sign-in itself.

    The answer never tells a known name from an unknown one: both get the same
    message, count the same way and lock the same way."""
    settings = settings or AccessSettings.from_env()
    now = now or datetime.now(UTC)
    name = username.strip()
    logged = name[:LOGGED_NAME_CHARS]
    throttle = session.exec(select(SignInThrottle)
                            .where(SignInThrottle.username == name)).first()
    locked_until = _aware(throttle.locked_until) if throttle else None
    if locked_until is not None and locked_until > now:
        bcrypt.checkpw(b"x", _dummy_hash())  # the same time as any other answer
        log_event(session, user=logged, action=Action.SIGN_IN_FAILED,
                  detail=f"refused: locked until {locked_until:%Y-%m-%d %H:%M} UTC")
        return SignInOutcome(None, _locked_message(locked_until, now), locked=True)
    user = verify(session, name, password)
    if user is not None:
        if throttle is not None:
            session.delete(throttle)
        log_event(session, user=user.username, action=Action.SIGN_IN)
        session.flush()
        return SignInOutcome(user)
    if throttle is None:
        throttle = SignInThrottle(username=name)
        session.add(throttle)
    window = timedelta(minutes=settings.sign_in_window_minutes)
    first = _aware(throttle.first_failed_at)
    if first is None or now - first > window or locked_until is not None:
        throttle.failed_attempts, throttle.first_failed_at, throttle.locked_until = 0, now, None
    throttle.failed_attempts += 1
    log_event(session, user=logged, action=Action.SIGN_IN_FAILED,
              detail=f"failure {throttle.failed_attempts} of "
                     f"{settings.max_failed_sign_ins} allowed")
    if throttle.failed_attempts >= settings.max_failed_sign_ins:
        until = now + timedelta(minutes=settings.lockout_minutes)
        throttle.locked_until = until
        log_event(session, user=logged, action=Action.ACCOUNT_LOCKED,
                  detail=f"{throttle.failed_attempts} failed sign-ins; locked until "
                         f"{until:%Y-%m-%d %H:%M} UTC")
        session.flush()
        return SignInOutcome(None, _locked_message(until, now), locked=True)
    session.flush()
    return SignInOutcome(None, WRONG_SIGN_IN)


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() // 60) + 1)
    return (f"Too many failed sign-ins for this username: try again in {minutes} minute"
            f"{'s' if minutes != 1 else ''}.")


def _aware(moment: datetime | None) -> datetime | None:
    """A stored time as UTC (SQLite hands back naive datetimes)."""
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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
