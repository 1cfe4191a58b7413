"""A real SQLite database per test, with a helper that files a document and its parties."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, SQLModel, create_engine

from models.tables import Document, Party


@pytest.fixture
def session(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'casetrace.db'}")
    SQLModel.metadata.create_all(engine)
    with Session(engine, expire_on_commit=False) as db:
        yield db
    engine.dispose()


@pytest.fixture
def file_document(session):
    """file_document(doc_type, day, *parties) -> (Document, [Party]); parties are dicts."""
    counter = {"n": 0}

    def _file(doc_type: str, day: date | None, *parties: dict) -> tuple[Document, list[Party]]:
        counter["n"] += 1
        document = Document(sha256=f"{counter['n']:064d}", file_name=f"doc{counter['n']}.pdf",
                            doc_type=doc_type, document_date=day, status="extracted")
        session.add(document)
        session.flush()
        rows = []
        for spec in parties:
            row = Party(document_id=document.id, role=spec.get("role", "debtor"),
                        name=spec["name"], dob=spec.get("dob"),
                        ssn_last4=spec.get("ssn_last4"),
                        addresses=list(spec.get("addresses", [])),
                        phones=list(spec.get("phones", [])), emails=list(spec.get("emails", [])))
            session.add(row)
            rows.append(row)
        session.flush()
        return document, rows

    return _file
