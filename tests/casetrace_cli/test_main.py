"""The command line as scripts use it: JSON Lines, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from casetrace_cli.main import app
from tests.intake.builders import text_pdf_bytes, write

CONTRACT_KEYS = {"file", "sha256", "doc_type", "pages", "ocr_pages", "fields", "parties", "error"}


def test_main_extract_prints_one_contract_object_per_file(tmp_path: Path):
    good = write(tmp_path / "claim.pdf", text_pdf_bytes())
    bad = write(tmp_path / "notes.pdf", b"plain words, no PDF here\n")
    result = CliRunner().invoke(app, ["extract", str(good), str(bad)])
    assert result.exit_code == 1  # one file failed
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["file"] for r in lines] == [str(good), str(bad)]
    first, second = lines
    assert set(first) >= CONTRACT_KEYS and first["error"] is None
    assert first["pages"] == 1 and first["ocr_pages"] == []
    assert len(first["sha256"]) == 64
    for field in first["fields"]:
        assert set(field) == {"name", "value", "raw", "confidence", "page", "bbox"}
        assert 0 <= field["confidence"] <= 1 and len(field["bbox"]) == 4
    assert "not a PDF or image" in second["error"] and "Traceback" not in result.output


def test_main_extract_usage_error_exits_2():
    assert CliRunner().invoke(app, ["extract"]).exit_code == 2


def test_main_ingest_summarizes_and_is_idempotent(db_url, tmp_path: Path):
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.pdf", text_pdf_bytes())
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    assert first.exit_code == 0, first.output
    assert "1 files: 1 ingested, 0 already known, 0 failed" in first.output
    second = runner.invoke(app, ["ingest", str(tmp_path / "in")])
    assert "1 files: 0 ingested, 1 already known, 0 failed" in second.output


def test_main_trace_refuses_a_search_without_a_permissible_purpose(db_url):
    result = CliRunner().invoke(app, ["trace", "Maria Garcia", "--purpose", "curiosity"])
    assert result.exit_code == 2 and "permissible purpose" in result.output


def _search_rows():
    from sqlmodel import select

    from models.db import session_scope
    from models.tables import AccessLog, SearchLog

    with session_scope() as session:
        searches = [(r.user, r.os_user, r.purpose) for r in session.exec(select(SearchLog))]
        views = [(r.user, r.os_user, r.identity_id)
                 for r in session.exec(select(AccessLog)
                                       .where(AccessLog.action == "identity_view"))]
    return searches, views


def test_main_trace_logs_the_os_account_and_a_given_user_beside_it(db_url, monkeypatch):
    import getpass

    from models.db import session_scope
    from review.purpose_log import PERMISSIBLE_PURPOSES
    from tests.workbench.conftest import add_debtor, add_document

    monkeypatch.setattr(getpass, "getuser", lambda: "svc-batch")
    with session_scope() as session:
        identity, _ = add_debtor(session, add_document(session))
    runner = CliRunner()
    plain = runner.invoke(app, ["trace", "John Sample", "--purpose", "collection"])
    assert plain.exit_code == 0, plain.output
    named = runner.invoke(app, ["trace", "John Sample", "--purpose", "collection",
                                "--user", "ines"])
    assert named.exit_code == 0, named.output
    searches, views = _search_rows()
    assert searches == [("svc-batch", "svc-batch", PERMISSIBLE_PURPOSES[0]),
                        ("ines", "svc-batch", PERMISSIBLE_PURPOSES[0])]
    assert views == [("svc-batch", "svc-batch", identity.id), ("ines", "svc-batch", identity.id)]


def test_main_db_upgrade_hides_the_database_password(db_url, monkeypatch):
    import models.db

    shown = "postgresql+psycopg://casetrace:s3cret-pw@db.example:5432/casetrace"
    monkeypatch.setattr(models.db, "init_db", lambda url=None: None)
    monkeypatch.setenv("CASETRACE_DATABASE_URL", shown)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "s3cret-pw" not in result.output
    assert "casetrace:***@db.example:5432/casetrace" in result.output


def test_main_db_upgrade_runs_on_a_real_database(db_url):
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0 and "is up to date" in result.output


def test_main_ingest_refuses_an_oversized_file_and_stores_the_rest(db_url, tmp_path: Path,
                                                                   monkeypatch):
    monkeypatch.setenv("CASETRACE_MAX_UPLOAD_MB", "0.01")
    (tmp_path / "in").mkdir()
    write(tmp_path / "in" / "a.pdf", text_pdf_bytes())
    write(tmp_path / "in" / "big.pdf", text_pdf_bytes() + b"%" + b"x" * 20_000)
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "in")])
    assert result.exit_code == 1
    refused = [line for line in result.output.splitlines() if "big.pdf" in line]
    assert len(refused) == 1 and "CASETRACE_MAX_UPLOAD_MB" in refused[0]
    assert "2 files: 1 ingested, 0 already known, 1 failed" in result.output
