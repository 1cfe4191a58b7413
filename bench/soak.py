"""Soak: N queue workers on PostgreSQL ingest thousands of generated documents.

    python -m bench.soak [--documents 2000] [--workers 2] [--database-url URL]

Each document is a tiny text-layer PDF built here (no OCR), stored, queued
(one Procrastinate job each), then worked by N ``python -m pipeline.worker``
processes. Reports documents per minute, queue latency (enqueue to start,
median and p95, from Procrastinate's job events) and checks the counts: one
job per document, every document extracted once, one page each, originals
in the file store. A scratch database is created and dropped on the server
(default: the local one, trust authentication).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
REPO_ROOT = Path(__file__).resolve().parent.parent

# Made-up parts; combined at random they name nobody real in particular.
FIRST = ("ALICE", "BRUNO", "CARMEN", "DARIUS", "ELENA", "FELIX", "GRETA", "HUGO", "IRIS", "JONAS")
LAST = ("ABERNATHY", "BLACKWOOD", "CASTELLANO", "DUNMORE", "ELLSWORTH", "FAIRCLOTH",
        "GALLOWAY", "HARTWELL", "IVERSON", "JESSUP")
CREDITORS = ("NORTHWIND RECOVERY LLC", "SUMMIT CREDIT PARTNERS", "BLUE HARBOR FUNDING INC")
STREETS = ("MAPLE AVE", "OAK ST", "CEDAR LN", "ELM DR", "PINE RD")


def tiny_case_lines(index: int) -> list[str]:
    """The text of one small collection complaint, different for every index."""
    rng = random.Random(index)
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return [
        "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
        "COUNTY OF RIVERSIDE",
        f"Case No. 24-CV-{10000 + index}",
        f"Plaintiff {rng.choice(CREDITORS)}",
        f"Defendant {person}",
        f"{rng.randint(10, 9999)} {rng.choice(STREETS)}, RIVERSIDE, CA 92501",
        f"Amount Due: ${rng.randint(200, 20000)}.{rng.randint(0, 99):02d}",
        f"Filed: 0{rng.randint(1, 9)}/1{rng.randint(0, 9)}/2024",
        "The defendant owes the plaintiff the balance stated above.",
    ]


def tiny_case_pdf(index: int, *, pages: int = 1) -> bytes:
    """A small text-layer PDF (no OCR needed) whose bytes are unique to ``index``."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for page in range(pages):
        pdf.setFont("Helvetica", 12)
        y = letter[1] - 72
        for line in tiny_case_lines(index):
            pdf.drawString(72, y, line)
            y -= 22
        pdf.drawString(72, 40, f"Page {page + 1} of {pages}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def worker_command(name: str, *, once: bool = False) -> list[str]:
    return [sys.executable, "-m", "pipeline.worker", "--name", name, *(["--once"] if once else [])]


def worker_env(url: str, file_store: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, CASETRACE_DATABASE_URL=url, CASETRACE_FILE_STORE=str(file_store),
               PYTHONPATH=str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env.update(extra)
    return env


def _scratch_database(server_url: str, name: str, *, create: bool) -> str:
    import psycopg

    from pipeline.job_queue import libpq_conninfo

    with psycopg.connect(libpq_conninfo(server_url), autocommit=True) as conn:
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
        else:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


def queue_latencies(url: str) -> dict[int, float]:
    """Seconds from enqueue ('deferred') to the first start, per document id."""
    import psycopg

    from pipeline.job_queue import QUEUE_SCHEMA, libpq_conninfo

    query = f"""
        SELECT (j.args->>'document_id')::int, EXTRACT(EPOCH FROM MIN(s.at) - MIN(d.at))
          FROM {QUEUE_SCHEMA}.procrastinate_jobs j
          JOIN {QUEUE_SCHEMA}.procrastinate_events d ON d.job_id = j.id AND d.type = 'deferred'
          JOIN {QUEUE_SCHEMA}.procrastinate_events s ON s.job_id = j.id AND s.type = 'started'
         GROUP BY j.id"""
    with psycopg.connect(libpq_conninfo(url)) as conn:
        return {int(row[0]): float(row[1]) for row in conn.execute(query).fetchall()}


def _scalar(url: str, query: str) -> int:
    import psycopg

    from pipeline.job_queue import libpq_conninfo

    with psycopg.connect(libpq_conninfo(url)) as conn:
        return int(conn.execute(query).fetchone()[0])


def wait_for(url: str, query: str, target: int, timeout: float) -> float:
    """Poll until ``query`` counts ``target``; returns when it did (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if _scalar(url, query) >= target:
            return time.perf_counter()
        time.sleep(0.25)
    raise SystemExit(f"timed out after {timeout:.0f}s waiting for {target}: {query}")


def count_check(url: str, expected: int) -> dict[str, int]:
    """The numbers that must all equal ``expected`` (or 0 for the duplicates)."""
    import psycopg

    from intake.filestore import stored_path
    from pipeline.job_queue import QUEUE_SCHEMA, libpq_conninfo

    with psycopg.connect(libpq_conninfo(url)) as conn:
        one = conn.execute
        counts = {
            "documents_in_db": one("SELECT count(*) FROM document").fetchone()[0],
            "extracted": one("SELECT count(*) FROM document WHERE status = 'extracted'")
            .fetchone()[0],
            "pages": one("SELECT count(*) FROM page").fetchone()[0],
            "jobs_succeeded": one(f"SELECT count(*) FROM {QUEUE_SCHEMA}.procrastinate_jobs "
                                  "WHERE status = 'succeeded'").fetchone()[0],
            "duplicate_fields": one("SELECT count(*) FROM (SELECT 1 FROM field GROUP BY "
                                    "document_id, name, value, page HAVING count(*) > 1) d")
            .fetchone()[0],
            "duplicate_parties": one("SELECT count(*) FROM (SELECT 1 FROM party GROUP BY "
                                     "document_id, role, name HAVING count(*) > 1) d")
            .fetchone()[0],
        }
        hashes = [row[0] for row in one("SELECT sha256 FROM document").fetchall()]
    counts["originals_in_store"] = sum(1 for h in hashes if stored_path(h).is_file())
    counts["ok"] = int(all(counts[k] == expected for k in
                           ("documents_in_db", "extracted", "pages", "jobs_succeeded",
                            "originals_in_store"))
                       and counts["duplicate_fields"] == 0 and counts["duplicate_parties"] == 0)
    return counts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


DONE = "SELECT count(*) FROM document WHERE status IN ('extracted', 'failed')"
WORKERS_UP = "SELECT count(*) FROM procrastinate.procrastinate_workers"


def soak(documents: int, workers: int, server_url: str, *, probes: int = 15,
         probe_gap: float = 3.0, timeout: float = 3600.0) -> dict[str, float]:
    """Run one soak on a scratch database; returns the figures.

    Phase 1 (burst): with the workers up, store and queue ``documents`` as fast as one
    uploader can; throughput is documents over the time from the first enqueue until the
    last is done, and the latency is what a job waits behind that backlog. Phase 2
    (pickup): ``probes`` documents queued one every ``probe_gap`` seconds, below what the
    workers can do; their latency is how fast an idle worker picks up new work.
    """
    from sqlmodel import Session

    from models.db import get_engine, init_db
    from pipeline.job_queue import close_queue_connections, enqueue_document, ensure_queue_schema
    from pipeline.store_file import store_file

    name = f"casetrace_soak_{uuid.uuid4().hex[:10]}"
    url = _scratch_database(server_url, name, create=True)
    work = Path(tempfile.mkdtemp(prefix="casetrace-soak-"))
    os.environ["CASETRACE_FILE_STORE"] = str(work / "files")
    processes: list[subprocess.Popen] = []
    try:
        engine = init_db(url)
        ensure_queue_schema(url)
        env = worker_env(url, work / "files")
        processes = [subprocess.Popen(worker_command(f"soak-{i}"), env=env, cwd=REPO_ROOT)
                     for i in range(workers)]
        wait_for(url, WORKERS_UP, workers, 120)
        burst_ids, probe_ids = [], []
        started = time.perf_counter()
        with Session(engine) as session:
            for index in range(documents):
                document, _ = store_file(session, tiny_case_pdf(index), f"case-{index:05d}.pdf")
                enqueue_document(document.id, url)
                burst_ids.append(document.id)
            queued = time.perf_counter()
            burst_done = wait_for(url, DONE, documents, timeout)
            for index in range(documents, documents + probes):
                document, _ = store_file(session, tiny_case_pdf(index), f"case-{index:05d}.pdf")
                enqueue_document(document.id, url)
                probe_ids.append(document.id)
                time.sleep(probe_gap)
        wait_for(url, DONE, documents + probes, 120)
        close_queue_connections()
        for process in processes:
            process.terminate()
        codes = [process.wait(60) for process in processes]
        latencies = queue_latencies(url)
        counts = count_check(url, documents + probes)
        get_engine(url).dispose()
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
        _scratch_database(server_url, name, create=False)
        shutil.rmtree(work, ignore_errors=True)
    burst = [latencies[i] for i in burst_ids if i in latencies]
    pickup = [latencies[i] for i in probe_ids if i in latencies]
    elapsed = burst_done - started
    return {"documents": documents, "workers": workers,
            "worker_exit_codes_nonzero": sum(1 for c in codes if c),
            "enqueue_seconds": round(queued - started, 1),
            "burst_seconds": round(elapsed, 1),
            "documents_per_minute": round(documents / elapsed * 60, 1),
            "burst_latency_median_s": round(statistics.median(burst), 2),
            "burst_latency_p95_s": round(percentile(burst, 0.95), 2),
            "pickup_latency_median_s": round(statistics.median(pickup), 3),
            "pickup_latency_p95_s": round(percentile(pickup, 0.95), 3),
            **counts}


def in_process_rate(documents: int, server_url: str) -> dict[str, float]:
    """The baseline: the same documents stored and processed one by one in this process,
    on the same server, with no queue (what ``casetrace ingest`` does)."""

    from models.db import get_engine, init_db
    from pipeline.processing import process_document

    name = f"casetrace_soak_{uuid.uuid4().hex[:10]}"
    url = _scratch_database(server_url, name, create=True)
    work = Path(tempfile.mkdtemp(prefix="casetrace-soak-"))
    os.environ["CASETRACE_FILE_STORE"] = str(work / "files")
    try:
        engine = init_db(url)
        process_document(_store(engine, 10**6), url=url)  # warm up: models loaded once
        started = time.perf_counter()
        for index in range(documents):
            process_document(_store(engine, index), url=url)
        elapsed = time.perf_counter() - started
        get_engine(url).dispose()
    finally:
        _scratch_database(server_url, name, create=False)
        shutil.rmtree(work, ignore_errors=True)
    return {"documents": documents, "workers": 0, "burst_seconds": round(elapsed, 1),
            "documents_per_minute": round(documents / elapsed * 60, 1)}


def _store(engine, index: int) -> int:
    from sqlmodel import Session

    from pipeline.store_file import store_file

    with Session(engine) as session:
        document, _ = store_file(session, tiny_case_pdf(index), f"case-{index:05d}.pdf")
        return document.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", action="store_true",
                        help="first run the same documents in-process (no queue) and with "
                             "one worker, and report the ratios")
    parser.add_argument("--database-url", default=os.environ.get("CASETRACE_TEST_POSTGRES_URL",
                                                                  DEFAULT_SERVER),
                        help="a PostgreSQL server URL; a scratch database is made on it")
    args = parser.parse_args(argv)
    # SIGTERM (a CI timeout, kill) still stops the workers and drops the scratch database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.baseline:
        inline = in_process_rate(args.documents, args.database_url)
        print(f"in-process, no queue: {inline['documents_per_minute']} documents/minute")
        one = soak(args.documents, 1, args.database_url) if args.workers != 1 else None
        if one:
            _print(one)
    figures = soak(args.documents, args.workers, args.database_url)
    _print(figures)
    if args.baseline:
        rate = figures["documents_per_minute"]
        print(f"ratio {args.workers} workers / in-process: "
              f"{rate / inline['documents_per_minute']:.2f}")
        if one:
            print(f"ratio {args.workers} workers / 1 worker: "
                  f"{rate / one['documents_per_minute']:.2f}")
    runs = [figures] + ([one] if args.baseline and one else [])
    return 0 if all(r["ok"] and not r["worker_exit_codes_nonzero"] for r in runs) else 1


def _print(figures: dict[str, float]) -> None:
    for key, value in figures.items():
        print(f"{key:28} {value}")
    print()


if __name__ == "__main__":
    raise SystemExit(main())
