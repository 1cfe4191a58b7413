"""The intake page through AppTest: an upload is stored and queued at once."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Document
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
