"""The database engine and sessions.

``CASETRACE_DATABASE_URL`` (any SQLAlchemy URL) picks the database; the
default is SQLite at ``./data/casetrace.db``. The schema is created and
upgraded by Alembic (``init_db``), never by ``create_all`` behind its back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from core.settings import StorageSettings
from models.migrate import upgrade_to_head

DATABASE_URL_ENV = "CASETRACE_DATABASE_URL"


def database_url() -> str:
    """Read on every call (``core.settings``), so a changed variable picks another database."""
    return StorageSettings.from_env().database_url


def display_url(url: str | None = None) -> str:
    """The database URL as it may be printed or logged: any password shown as ***."""
    return make_url(url or database_url()).render_as_string(hide_password=True)


def _prepare_sqlite_path(url: str) -> None:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL per process (engines pool connections).

    The URL is resolved before the cache is consulted, so a later change of
    ``CASETRACE_DATABASE_URL`` gets its own engine rather than the first one."""
    return _engine_for(url or database_url())


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    _prepare_sqlite_path(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def init_db(url: str | None = None) -> Engine:
    """Bring the schema to the newest Alembic revision and return the engine."""
    engine = get_engine(url)
    upgrade_to_head(engine)
    return engine


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(init_db(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
