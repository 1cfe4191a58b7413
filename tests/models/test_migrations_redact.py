"""The data migration masks full SSNs in databases ingested before intake masked them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import text

from models.db import get_engine
from models.migrate import alembic_config, upgrade_to_head

REVISION = "c4a9e1f0d2b7"
LINES = ["ACCOUNT PLACEMENT", "Debtor: Maria L. Gonzalez", "SSN: 472-91-3856",
         "Social Security No. 538 27 6194", "Phone (217) 555-0143 ZIP 62704-1234"]
FULL = [b"472-91-3856", b"472913856", b"538 27 6194", b"538276194"]


def _words(lines: list[str]) -> list[dict]:
    words = []
    for number, line in enumerate(lines):
        x = 72.0
        for token in line.split():
            words.append({"text": token, "bbox": [x, 72.0 + 20 * number, x + 6 * len(token),
                                                   82.0 + 20 * number],
                          "confidence": 0.93, "line": number})
            x += 6 * len(token) + 4
    return words


def _old_database(url: str) -> None:
    """A database at the revision before this migration, holding a page as intake stored
    it then (full SSNs in words and text) and a page without any."""
    config = alembic_config(url)
    script = ScriptDirectory.from_config(config)
    previous = script.get_revision(REVISION).down_revision
    assert isinstance(previous, str)
    engine = get_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, previous)
    with engine.begin() as connection:
        for number, (name, lines) in enumerate([("old.pdf", LINES),
                                                ("plain.pdf", LINES[:2])], start=1):
            connection.execute(text(
                "INSERT INTO document (sha256, file_name, media_type, stored_path, size_bytes, "
                "doc_type, page_count, status, progress, review_status, version, created_at, "
                "updated_at) VALUES (:sha, :name, 'application/pdf', '', 0, 'placement', 1, "
                "'extracted', '', 'pending', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
                {"sha": f"{number:064d}", "name": name})
            connection.execute(text(
                "INSERT INTO page (document_id, number, source, width, height, words, text, "
                "status) VALUES (:doc, 1, 'ocr', 612, 792, :words, :text, 'ok')"),
                {"doc": number, "words": json.dumps(_words(lines)), "text": "\n".join(lines)})


def test_the_migrations_have_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1, f"migrations have branched: {script.get_heads()}"


def test_upgrade_masks_full_ssns_in_stored_words_and_text(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    try:
        _old_database(url)
    except Exception as exc:  # a column the old schema lacks or requires: say which
        pytest.fail(f"could not build the old database: {exc}")
    engine = get_engine(url)
    with engine.connect() as connection:
        before = connection.execute(text("SELECT words, text FROM page ORDER BY id")).all()
    assert "472-91-3856" in before[0][1]  # the test really starts from full numbers

    upgrade_to_head(engine)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT words, text FROM page ORDER BY id")).all()
    words = json.loads(rows[0][0]) if isinstance(rows[0][0], str) else rows[0][0]
    page_text = rows[0][1]
    assert page_text.splitlines() == [
        "ACCOUNT PLACEMENT", "Debtor: Maria L. Gonzalez", "SSN: ***-**-3856",
        "Social Security No. *** ** 6194", "Phone (217) 555-0143 ZIP 62704-1234"]
    masked = [w for w in words if w.get("redacted")]
    assert [w["text"] for w in masked] == ["***-**-3856", "***", "**"]
    old_boxes = [w["bbox"] for w in _words(LINES)]
    assert [w["bbox"] for w in words] == old_boxes  # every word keeps its box
    assert all("redacted" not in w for w in words if w not in masked)
    # the page without an SSN is untouched, byte for byte
    assert rows[1] == before[1]
    engine.dispose()
    blob = (tmp_path / "old.db").read_bytes()
    wal = tmp_path / "old.db-wal"
    blob += wal.read_bytes() if wal.exists() else b""
    for full in FULL:
        assert full not in blob, f"{full!r} still in the database file"
    assert b"***-**-3856" in blob
