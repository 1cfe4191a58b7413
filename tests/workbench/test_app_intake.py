"""The intake page through AppTest: an upload is stored and queued at once; refused and
failed files keep their reasons; failed ones are retried or removed."""

from __future__ import annotations

from sqlmodel import select

from intake.filestore import stored_path
from models.tables import AccessLog, Document
from tests.intake.builders import text_pdf_bytes
from tests.workbench.test_app_review import signed_in_app
from workbench.db import db_session


def test_intake_page_upload_stores_and_queues_without_waiting(database_url, monkeypatch):
    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")  # processing is tested on its own
    app = signed_in_app("ivan", "intake")
    assert not app.exception
    app.file_uploader[0].set_value([("claim.pdf", text_pdf_bytes(), "application/pdf"),
                                    ("scan.pdf", text_pdf_bytes(["ANOTHER FILE"]),
                                     "application/pdf")])
    app.run()
    assert not app.exception
    assert any("2 file(s) stored and queued" in s.value for s in app.success)
    with db_session() as session:
        documents = session.exec(select(Document)).all()
    assert sorted((d.file_name, d.status) for d in documents) == [
        ("claim.pdf", "queued"), ("scan.pdf", "queued")]
    assert len({d.batch_id for d in documents}) == 1


def _intake(app):
    app.switch_page("workbench/pages/intake.py")
    app.run()
    assert not app.exception, app.exception
    return app


def _page_text(app) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "success", "warning")
             for e in getattr(app, kind)]
    parts += [e.label for e in app.expander]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    return "\n".join(map(str, parts))


def _fail(document_id: int, reason: str = "not a PDF or image this reader knows") -> None:
    with db_session() as session:
        document = session.get(Document, document_id)
        document.status, document.error, document.progress = "failed", reason, "failed"
        session.add(document)


def test_a_refused_file_and_a_failed_one_keep_their_reasons_after_leaving_the_page(
        database_url, monkeypatch):
    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
    app = signed_in_app("ivan", "intake")
    app.file_uploader[0].set_value([("claim.pdf", text_pdf_bytes(), "application/pdf"),
                                    ("bad.pdf", b"%PDF-1.4 broken", "application/pdf"),
                                    ("empty.pdf", b"", "application/pdf")])
    app.run()
    with db_session() as session:
        bad = session.exec(select(Document).where(Document.file_name == "bad.pdf")).one()
        good = session.exec(select(Document).where(Document.file_name == "claim.pdf")).one()
        good.status, good.page_count, good.doc_type = "extracted", 1, "complaint"
        session.add(good)
    _fail(bad.id, "cannot read the PDF")
    app.switch_page("workbench/pages/overview.py")  # leave the page: the receipt is gone
    app.run()
    _intake(app)
    text = _page_text(app)
    assert "empty.pdf: the file is empty" in text  # refused before storing, still shown
    assert "cannot read the PDF" in text  # the failed file's reason, in table and list
    batch_label = app.selectbox(key="intake_batch").format_func(
        app.selectbox(key="intake_batch").value)
    assert "2 document(s) · 1 refused at upload" in batch_label
    table = app.dataframe[0].value
    assert len(table) == 2
    assert table["pages"].tolist()[0] == 1 and "int" in str(table["pages"].dtype).lower()
    assert table["open"].tolist() == [f"/review?document={good.id}", None]
    recent = app.dataframe[1].value
    assert recent["refused at upload"].tolist() == [1]
    assert "empty.pdf" in recent["why refused"].tolist()[0]


def test_a_failed_document_is_retried_from_the_stored_original_then_removed(
        database_url, monkeypatch):
    monkeypatch.setenv("CASETRACE_WORKBENCH_WORKER", "0")
    app = signed_in_app("ivan", "intake")
    app.file_uploader[0].set_value([("bad.pdf", b"%PDF-1.4 broken", "application/pdf")])
    app.run()
    with db_session() as session:
        bad = session.exec(select(Document)).one()
    _fail(bad.id)
    _intake(app)
    app.button(key=f"intake_retry_{bad.id}").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        again = session.get(Document, bad.id)
    assert (again.status, again.error) == ("queued", None)
    assert any("queued again" in s.value for s in app.success)

    _fail(bad.id)
    app.run()
    app.button(key=f"intake_remove_{bad.id}").click()
    app.run()
    assert not app.exception, app.exception
    with db_session() as session:
        assert session.get(Document, bad.id) is None
        [row] = session.exec(select(AccessLog).where(
            AccessLog.action == "document_removed")).all()
    assert row.user == "ivan" and f"#{bad.id} bad.pdf" in row.detail
    assert stored_path(bad.sha256).exists()  # the original stays stored
    label = app.selectbox(key="intake_batch").format_func(app.selectbox(key="intake_batch").value)
    assert "0 document(s) · 1 removed" in label
