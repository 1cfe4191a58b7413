"""Shared fixtures: every test gets its own database and file store."""

from __future__ import annotations

import pytest

from models.db import get_engine


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    """A fresh SQLite database (migrated on first use) and file store for one test."""
    url = f"sqlite:///{tmp_path / 'casetrace.db'}"
    monkeypatch.setenv("CASETRACE_DATABASE_URL", url)
    monkeypatch.setenv("CASETRACE_FILE_STORE", str(tmp_path / "files"))
    yield url
    get_engine(url).dispose()
