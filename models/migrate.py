"""Apply Alembic migrations from code (``init_db``) and from the CLI.

The migration scripts live in the ``migrations`` package; no alembic.ini is
needed, so an installed casetrace can upgrade any database it is pointed at.
"""

from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

_MIGRATED: set[str] = set()
_LOCK = threading.Lock()


def alembic_config(url: str | None = None) -> Config:
    import migrations

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest revision (once per process per database)."""
    key = engine.url.render_as_string(hide_password=False)
    with _LOCK:
        if key in _MIGRATED:
            return
        config = alembic_config(key)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
        _MIGRATED.add(key)


def make_revision(message: str, url: str) -> None:
    """Autogenerate a migration from the difference between the tables and a database."""
    command.revision(alembic_config(url), message=message, autogenerate=True)
