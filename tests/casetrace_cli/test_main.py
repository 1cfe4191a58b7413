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
