"""A failing later stage keeps the extraction, marks the document and is retried."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

import skiptrace.incremental_link as incremental_link
from core.vocabulary import DocumentFlag, DocumentStatus, error_flags, with_flag
from models.db import get_engine
from models.tables import Document, Party
from pipeline import processing
from pipeline.batches import ingest_paths
from skiptrace.party_records import is_person_party
from workbench.intake_jobs import status_line

PLACEMENT = Path("samples/corpus/d0013-placement.pdf")


def _explode(*_args, **_kwargs):
    raise RuntimeError("blocking index unavailable")


def _document(url: str, document_id: int) -> tuple[Document, list[Party]]:
    with Session(get_engine(url), expire_on_commit=False) as session:
        document = session.get(Document, document_id)
        assert document is not None
        parties = [p for p in session.exec(select(Party).where(
            Party.document_id == document_id)).all() if is_person_party(p)]
        return document, parties


def _ingest(url: str, tmp_path: Path, name: str = "placement.pdf") -> int:
    path = tmp_path / name
    shutil.copy(PLACEMENT, path)
    (outcome,) = ingest_paths([path], url=url)
    assert outcome.document_id is not None
    return outcome.document_id


def test_error_text_keeps_other_parts_when_a_flag_is_set_and_cleared():
    text = with_flag("pages failed: 2", DocumentFlag.LINK_FAILED, "RuntimeError: boom")
    assert text == "pages failed: 2; link_failed: RuntimeError: boom"
    assert error_flags(text) == {DocumentFlag.LINK_FAILED}
    assert with_flag(text, DocumentFlag.LINK_FAILED, None) == "pages failed: 2"
    assert with_flag("link_failed: x", DocumentFlag.LINK_FAILED, None) is None


def test_linking_failure_marks_document_and_relink_links_it(db_url, tmp_path):
    with pytest.MonkeyPatch.context() as patch:  # a fault in the linker, not in the database
        patch.setattr(incremental_link, "candidate_pairs", _explode)
        document_id = _ingest(db_url, tmp_path)
    document, people = _document(db_url, document_id)
    assert document.status == DocumentStatus.EXTRACTED  # the extraction is kept
    assert error_flags(document.error) == {DocumentFlag.LINK_FAILED}
    assert "blocking index unavailable" in (document.error or "")
    assert people and all(p.identity_id is None for p in people)
    assert status_line(document).startswith("extracted (link_failed: RuntimeError")
    assert processing.flagged_documents(Session(get_engine(db_url))) == [document_id]

    (outcome,) = processing.retry_later_stages([document_id], url=db_url)
    assert outcome.ok and outcome.unlinked == 0 and outcome.linked == len(people)
    document, people = _document(db_url, document_id)
    assert not error_flags(document.error)
    assert all(p.identity_id is not None for p in people)


def test_retry_that_fails_again_keeps_the_mark_with_the_new_reason(db_url, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(incremental_link, "candidate_pairs", _explode)
    document_id = _ingest(db_url, tmp_path)
    (outcome,) = processing.retry_later_stages([document_id], url=db_url)
    assert not outcome.ok and outcome.unlinked > 0
    assert "link_failed: RuntimeError: blocking index unavailable" in (outcome.error or "")


def test_review_policy_failure_is_recorded_and_linking_still_runs(db_url, tmp_path):
    def broken_policy(*_args, **_kwargs):
        raise ValueError("threshold table missing")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processing, "apply_review_policy", broken_policy)
        document_id = _ingest(db_url, tmp_path)
    document, people = _document(db_url, document_id)
    assert error_flags(document.error) == {DocumentFlag.REVIEW_POLICY_FAILED}
    assert "review_policy_failed: ValueError: threshold table missing" in (document.error or "")
    assert all(p.identity_id is not None for p in people)  # linking ran regardless
    (outcome,) = processing.retry_later_stages(None, url=db_url)
    assert outcome.ok and outcome.document_id == document_id
    document, _ = _document(db_url, document_id)
    assert document.error is None


@pytest.mark.parametrize("status", [DocumentStatus.FAILED])
def test_retry_refuses_a_document_that_was_not_extracted(db_url, tmp_path, status):
    document_id = _ingest(db_url, tmp_path)
    with Session(get_engine(db_url)) as session:
        document = session.get(Document, document_id)
        assert document is not None
        document.status = status
        session.add(document)
        session.commit()
    (outcome,) = processing.retry_later_stages([document_id], url=db_url)
    assert not outcome.ok and "not extracted" in (outcome.error or "")
