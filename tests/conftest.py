"""Shared fixtures: every test gets its own database and file store.

``pytest --backend postgres`` runs the same tests against a real PostgreSQL
server (``CASETRACE_TEST_POSTGRES_URL``, default the local server with trust
authentication); each test gets a fresh database that is dropped afterwards.
When no server answers, that run fails loudly instead of skipping.
"""

from __future__ import annotations

import os
import uuid

import pytest

from models.db import get_engine

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def pytest_addoption(parser) -> None:
    parser.addoption("--backend", choices=("sqlite", "postgres"), default="sqlite",
                     help="database the tests run against")


@pytest.fixture(scope="session")
def backend(request) -> str:
    return request.config.getoption("--backend")


def _admin_url() -> str:
    return os.environ.get("CASETRACE_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def _postgres_database(name: str, create: bool) -> None:
    import psycopg

    plain = _admin_url().replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(plain, autocommit=True, connect_timeout=5) as conn:
            if create:
                conn.execute(f'CREATE DATABASE "{name}"')
            else:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.OperationalError as exc:
        pytest.fail(f"--backend postgres: no PostgreSQL server at {_admin_url()} ({exc})",
                    pytrace=False)


@pytest.fixture
def db_url(tmp_path, monkeypatch, backend) -> str:
    """A fresh, migrated-on-first-use database and file store for one test."""
    monkeypatch.setenv("CASETRACE_FILE_STORE", str(tmp_path / "files"))
    if backend == "postgres":
        name = f"casetrace_test_{uuid.uuid4().hex[:12]}"
        _postgres_database(name, create=True)
        url = _admin_url().rsplit("/", 1)[0] + f"/{name}"
    else:
        url = f"sqlite:///{tmp_path / 'casetrace.db'}"
    monkeypatch.setenv("CASETRACE_DATABASE_URL", url)
    yield url
    get_engine(url).dispose()
    if backend == "postgres":
        _postgres_database(url.rsplit("/", 1)[1], create=False)
