"""`casetrace ingest --queue` and `casetrace worker` as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bench.soak import REPO_ROOT, tiny_case_pdf, worker_env
from models.db import get_engine
from models.tables import Document


def casetrace(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casetrace_cli.main", *args], env=env,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=240)


@pytest.mark.postgres
def test_worker_cmd_ingest_queue_then_two_workers_once(pg_url, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for index in range(12):
        (folder / f"case-{index}.pdf").write_bytes(tiny_case_pdf(index))
    env = worker_env(pg_url, Path(os.environ["CASETRACE_FILE_STORE"]))

    queued = casetrace(env, "ingest", "--queue", str(folder))
    assert queued.returncode == 0, queued.stderr
    assert "12 files: 12 queued" in queued.stderr
    with Session(get_engine(pg_url)) as session:
        assert {d.status for d in session.exec(select(Document)).all()} == {"queued"}

    worked = casetrace(env, "worker", "--concurrency", "2", "--once")
    assert worked.returncode == 0, worked.stderr
    with Session(get_engine(pg_url)) as session:
        documents = session.exec(select(Document)).all()
    assert len(documents) == 12 and {d.status for d in documents} == {"extracted"}

    again = casetrace(env, "ingest", "--queue", str(folder))
    assert again.returncode == 0 and "12 already known" in again.stderr


def test_worker_cmd_without_postgres_says_so_in_one_line(tmp_path):
    env = dict(os.environ, CASETRACE_DATABASE_URL=f"sqlite:///{tmp_path / 'c.db'}",
               CASETRACE_FILE_STORE=str(tmp_path / "files"))
    for args in (("worker", "--once"), ("ingest", "--queue", str(tmp_path))):
        result = casetrace(env, *args)
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            "error the background queue needs PostgreSQL: set "
            "CASETRACE_DATABASE_URL=postgresql+psycopg://user@host/db"]


def test_worker_cmd_unreachable_database_one_line(tmp_path):
    env = dict(os.environ, CASETRACE_DATABASE_URL="postgresql+psycopg://postgres@127.0.0.1:1/x",
               CASETRACE_FILE_STORE=str(tmp_path / "files"))
    result = casetrace(env, "worker", "--once")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error cannot reach the database:")
