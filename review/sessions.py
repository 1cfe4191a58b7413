"""Workbench sessions that survive a reload: signed, expiring tokens and a server-side store.

A token is ``<payload>.<signature>``: the payload is base64url JSON naming a random
token id, the username and when the token was issued and expires; the signature is
HMAC-SHA256 over the payload with a per-installation secret
(``CASETRACE_SESSION_SECRET``, else a random key created on first use in the file
``session_secret``, mode 0600, in ``CASETRACE_SESSION_DIR``). A forged or altered
token fails the signature; an old one fails ``expires``.

The store (``sessions.sqlite3`` beside the secret; standard-library ``sqlite3``, no
table in the casetrace database, so no migration) holds one row per token id: who,
when it was last used, and when it was signed out. Signing out revokes the token id;
a token unused for ``CASETRACE_IDLE_MINUTES`` is ended too. The role is read from
the ``user`` table on every resume, so a changed role or a removed user takes effect
at the next reload. No Streamlit here: the workbench carries the token, these rules
decide whether it still opens the door.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, select

from core.errors import CasetraceError
from core.settings import SessionSettings, StorageSettings
from models.tables import User
from review.users import SignedIn

SECRET_FILE = "session_secret"
STORE_FILE = "sessions.sqlite3"
ENDED = "Your session has ended; please sign in again."
IDLE = "You were signed out after {minutes:g} minutes without activity."


class SessionEnded(CasetraceError, PermissionError):
    """A session token that no longer opens the workbench; the message says why."""

    code = "A003"


@dataclass(frozen=True, slots=True)
class SessionToken:
    """What a token says, once its signature is checked."""

    token_id: str
    username: str
    issued_at: datetime
    expires_at: datetime


def session_folder(settings: SessionSettings | None = None) -> Path:
    """Where the secret and the store live: CASETRACE_SESSION_DIR, else above the file store."""
    settings = settings or SessionSettings.from_env()
    if settings.folder:
        return Path(settings.folder)
    return StorageSettings.from_env().file_store.resolve().parent


def signing_key(settings: SessionSettings | None = None) -> bytes:
    """The installation's secret: the setting, else the 0600 file (created on first use)."""
    settings = settings or SessionSettings.from_env()
    if settings.secret:
        return settings.secret.encode("utf-8")
    path = session_folder(settings) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_hex(32).encode("ascii"))
    return path.read_bytes().strip()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def issue_token(username: str, key: bytes, *, hours: float,
                now: datetime | None = None) -> tuple[str, SessionToken]:
    """A new signed token for ``username`` that expires ``hours`` from ``now``."""
    now = now or datetime.now(UTC)
    token = SessionToken(secrets.token_urlsafe(16), username, now, now + timedelta(hours=hours))
    payload = _b64(json.dumps({"tid": token.token_id, "u": username,
                               "iat": int(now.timestamp()),
                               "exp": int(token.expires_at.timestamp())},
                              separators=(",", ":")).encode("utf-8"))
    return f"{payload}.{_sign(key, payload)}", token


def read_token(text: str, key: bytes, *, now: datetime | None = None) -> SessionToken:
    """The token's content; SessionEnded when it is forged, malformed or expired."""
    now = now or datetime.now(UTC)
    payload, _, signature = (text or "").strip().partition(".")
    if not payload or not signature or not hmac.compare_digest(
            signature.encode("ascii", "replace"), _sign(key, payload).encode("ascii")):
        raise SessionEnded("the session token is not valid")
    try:
        data = json.loads(_unb64(payload))
        token = SessionToken(str(data["tid"]), str(data["u"]),
                             datetime.fromtimestamp(int(data["iat"]), UTC),
                             datetime.fromtimestamp(int(data["exp"]), UTC))
    except (ValueError, KeyError, TypeError):
        raise SessionEnded("the session token is not valid") from None
    if token.expires_at <= now:
        raise SessionEnded("the session has expired")
    return token


class SessionStore:
    """One row per token id in a small SQLite file: last use and sign-out (revocation)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS session (token_id TEXT PRIMARY KEY, "
                       "username TEXT NOT NULL, expires_at REAL NOT NULL, "
                       "last_seen REAL NOT NULL, revoked_at REAL)")
        os.chmod(path, 0o600)

    @classmethod
    def default(cls, settings: SessionSettings | None = None) -> SessionStore:
        return cls(session_folder(settings) / STORE_FILE)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def open(self, token: SessionToken, now: datetime) -> None:
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO session VALUES (?, ?, ?, ?, NULL)",
                       (token.token_id, token.username, token.expires_at.timestamp(),
                        now.timestamp()))
            # Rows of tokens long expired are of no use any more.
            db.execute("DELETE FROM session WHERE expires_at < ?",
                       ((now - timedelta(days=1)).timestamp(),))

    def row(self, token_id: str) -> tuple[str, float, float | None] | None:
        """(username, last_seen, revoked_at) of a token id, or None when never opened here."""
        with closing(self._connect()) as db:
            found = db.execute("SELECT username, last_seen, revoked_at FROM session "
                               "WHERE token_id = ?", (token_id,)).fetchone()
        return tuple(found) if found else None  # type: ignore[return-value]

    def touch(self, token_id: str, now: datetime) -> None:
        with closing(self._connect()) as db, db:
            db.execute("UPDATE session SET last_seen = ? WHERE token_id = ? "
                       "AND revoked_at IS NULL", (now.timestamp(), token_id))

    def revoke(self, token_id: str, now: datetime) -> None:
        with closing(self._connect()) as db, db:
            db.execute("UPDATE session SET revoked_at = ? WHERE token_id = ? "
                       "AND revoked_at IS NULL", (now.timestamp(), token_id))


@dataclass(frozen=True, slots=True)
class Resumed:
    user: SignedIn
    token: SessionToken


def start_session(store: SessionStore, username: str, *, key: bytes,
                  settings: SessionSettings, now: datetime | None = None) -> str:
    """Issue a token for a user who just signed in and record it in the store."""
    now = now or datetime.now(UTC)
    text, token = issue_token(username, key, hours=settings.session_hours, now=now)
    store.open(token, now)
    return text


def resume(session: Session, store: SessionStore, text: str, *, key: bytes,
           settings: SessionSettings, now: datetime | None = None) -> Resumed:
    """The user a token still stands for, its last use moved to ``now``.

    SessionEnded when the token is forged or expired, unknown to the store, signed out,
    unused for longer than the idle timeout (then it is revoked), or its user is gone."""
    now = now or datetime.now(UTC)
    token = read_token(text, key, now=now)
    row = store.row(token.token_id)
    if row is None or row[0] != token.username:
        raise SessionEnded("the session is not known to this workbench")
    _, last_seen, revoked_at = row
    if revoked_at is not None:
        raise SessionEnded("the session was signed out")
    idle = timedelta(minutes=settings.idle_minutes)
    if now - datetime.fromtimestamp(last_seen, UTC) > idle:
        store.revoke(token.token_id, now)
        raise SessionEnded(IDLE.format(minutes=settings.idle_minutes))
    user = session.exec(select(User).where(User.username == token.username)).first()
    if user is None:
        store.revoke(token.token_id, now)
        raise SessionEnded("the user no longer exists")
    store.touch(token.token_id, now)
    return Resumed(SignedIn(user.username, user.role), token)


def end_session(store: SessionStore, text: str | None, *, key: bytes,
                now: datetime | None = None) -> None:
    """Revoke a token (sign-out); a token that is already invalid needs nothing."""
    if not text:
        return
    now = now or datetime.now(UTC)
    payload = (text or "").partition(".")[0]
    try:
        token = read_token(text, key, now=now)
    except SessionEnded:
        # An expired token is revoked all the same; a forged one names nothing of ours.
        try:
            data = json.loads(_unb64(payload))
            if hmac.compare_digest(text.partition(".")[2].encode("ascii", "replace"),
                                   _sign(key, payload).encode("ascii")):
                store.revoke(str(data["tid"]), now)
        except (ValueError, KeyError, TypeError):
            pass
        return
    store.revoke(token.token_id, now)
