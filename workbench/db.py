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
from sqlmodel import Session, SQLModel

from models.db import database_url, get_engine

_ready: set[str] = set()
_ready_lock = threading.Lock()


def ensure_schema(url: str | None = None) -> Engine:
    """Create or upgrade the schema once per process and URL; return the engine."""
    url = url or database_url()
    with _ready_lock:
        if url not in _ready:
            try:
                from models.db import init_db

                init_db(url)
            except ModuleNotFoundError:
                # Migrations not in this checkout yet: the tables as models/tables.py says.
                import models.tables  # noqa: F401  (registers the tables)

                SQLModel.metadata.create_all(get_engine(url))
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
