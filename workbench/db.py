"""Sessions for the workbench, on the same database as the CLI.

``init_db`` upgrades the schema once per process and URL (models.migrate
caches it), so a page rerun never pays for a migration check; pages then open
short sessions on the shared engine.
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from models.db import init_db, session_scope

db_session = session_scope


def ensure_schema(url: str | None = None) -> Engine:
    """The engine with an up-to-date schema."""
    return init_db(url)
