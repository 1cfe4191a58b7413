"""Bad input at scale: a batch with 10 % broken files processes every good file and
records each broken one with a one-line reason."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlmodel import Session, select

from bench.soak import tiny_case_pdf
from casetrace_cli.worker_cmd import ingest_to_queue
from models.db import get_engine
from models.tables import Document, Job
from pipeline.batches import ingest_paths


def _pdf(pagesize=(612, 792), encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=pagesize, invariant=1, encrypt=encrypt)
    pdf.drawString(72, 72, "Amount Due: $10.00")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def broken_files() -> dict[str, bytes]:
    """Ten kinds of file a batch upload really gets, none of them a readable document."""
    whole = tiny_case_pdf(99_999)
    return {
        "empty.pdf": b"",
        "truncated.pdf": whole[: len(whole) // 2],
        "garbage-after-header.pdf": b"%PDF-1.7\n" + os.urandom(3000),
        "random.pdf": bytes(range(256)) * 8,
        "webpage.pdf": b"<!DOCTYPE html><html><body>Session expired</body></html>",
        "archive.pdf": b"PK\x03\x04" + bytes(200),
        "locked.pdf": _pdf(encrypt="secret"),
        "broken-scan.png": b"\x89PNG\r\n\x1a\n" + bytes(500),
        "notes.txt": b"call the debtor back on monday\n",
        "billboard.pdf": _pdf(pagesize=(200 * 72, 200 * 72)),
    }


def write_batch(folder: Path, good: int) -> tuple[set[str], set[str]]:
    """``good`` generated documents and the ten broken files; (good names, bad names)."""
    folder.mkdir()
    good_names = set()
    for index in range(good):
        name = f"case-{index:03d}.pdf"
        (folder / name).write_bytes(tiny_case_pdf(index))
        good_names.add(name)
    bad = broken_files()
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    return good_names, set(bad)


def assert_every_file_accounted_for(url: str, good: set[str], bad: set[str]) -> None:
    with Session(get_engine(url)) as session:
        documents = {d.file_name: d for d in session.exec(select(Document)).all()}
    assert set(documents) == good | bad
    assert {documents[name].status for name in good} == {"extracted"}
    for name in bad:
        document = documents[name]
        assert document.status == "failed", f"{name}: {document.status}"
        reason = document.error or ""
        assert reason and "\n" not in reason and "Traceback" not in reason, f"{name}: {reason!r}"


@pytest.mark.postgres
def test_bad_input_queued_batch_processes_every_good_file(pg_url, start_worker, tmp_path):
    good, bad = write_batch(tmp_path / "batch", good=90)
    outcomes = ingest_to_queue([tmp_path / "batch"])
    assert len(outcomes) == 100 and {o.status for o in outcomes} == {"queued"}

    worker = start_worker("batch", once=True)
    assert worker.wait(180) == 0

    assert_every_file_accounted_for(pg_url, good, bad)
    with Session(get_engine(pg_url)) as session:
        jobs = session.exec(select(Job)).all()
    assert sorted(j.status for j in jobs) == ["done"] * 90 + ["failed"] * 10
    assert {j.attempts for j in jobs} == {1}


def test_bad_input_in_process_batch_processes_every_good_file(db_url, tmp_path):
    good, bad = write_batch(tmp_path / "batch", good=40)
    outcomes = ingest_paths([tmp_path / "batch"], url=db_url)
    by_name = {Path(o.path).name: o for o in outcomes}
    assert {by_name[name].status for name in good} == {"extracted"}
    assert {by_name[name].status for name in bad} == {"failed"}
    assert_every_file_accounted_for(db_url, good, bad)
