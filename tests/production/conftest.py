"""Fixtures for the production tests: a PostgreSQL database and real worker processes.

The tests that need PostgreSQL (marked ``postgres``) run with ``pytest --backend
postgres`` (``make test-postgres``); with the default SQLite backend they are
skipped, and with ``--backend postgres`` and no server the run fails (conftest.py).
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bench.soak import worker_command, worker_env
from pipeline.job_queue import close_queue_connections, libpq_conninfo

# Fast heartbeats so a killed worker's job moves within seconds, not half a minute (with
# room for a busy machine: a live worker silent for 6 s would have its job handed out).
FAST_WORKERS = {"CASETRACE_WORKER_HEARTBEAT_SECONDS": "1",
                "CASETRACE_WORKER_STALLED_SECONDS": "6",
                "CASETRACE_WORKER_POLL_SECONDS": "0.5"}


@pytest.fixture
def pg_url(db_url: str, backend: str) -> Iterator[str]:
    """A fresh PostgreSQL database (``--backend postgres``), with the queue's connections
    closed afterwards so the database can be dropped."""
    if backend != "postgres":
        pytest.skip("needs PostgreSQL: run with --backend postgres (make test-postgres)")
    # Commits need not wait for the disk here: these tests kill workers, not the server.
    with psycopg.connect(libpq_conninfo(db_url), autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{make_url(db_url).database}" '
                     "SET synchronous_commit TO off")
    yield db_url
    close_queue_connections()


@pytest.fixture
def start_worker(pg_url: str, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen]]:
    """Start ``python -m pipeline.worker`` processes on the test database (output in
    tmp_path/<name>.log); all are stopped (SIGTERM, then SIGKILL) at the end of the test."""
    started: list[subprocess.Popen] = []
    env = worker_env(pg_url, Path(os.environ["CASETRACE_FILE_STORE"]), **FAST_WORKERS)

    def start(name: str, once: bool = False) -> subprocess.Popen:
        with open(tmp_path / f"{name}.log", "ab") as log:
            process = subprocess.Popen(worker_command(name, once=once), env=env,
                                       stdout=log, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 20
    for process in started:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
