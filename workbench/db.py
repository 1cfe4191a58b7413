"""Sessions for the workbench, on the same database as the CLI.

The schema is brought up to date once per process (``ensure_schema``); after
that every page opens short sessions on the shared engine, so a page rerun never
pays for a migration check.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session

from models.db import database_url, get_engine, init_db

_ready: set[str] = set()
_ready_lock = threading.Lock()


def ensure_schema(url: str | None = None) -> Engine:
    """Upgrade the schema (Alembic, ``init_db``) once per process and URL; return the engine."""
    url = url or database_url()
    with _ready_lock:
        if url not in _ready:
            init_db(url)
            _ready.add(url)
    return get_engine(url)


@contextmanager
def db_session(url: str | None = None) -> Iterator[Session]:
    """A short session that commits on success and rolls back on error."""
    with Session(ensure_schema(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
