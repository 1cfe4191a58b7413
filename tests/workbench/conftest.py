"""A fresh SQLite database per test, and documents built in code (no committed binaries)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlmodel import Session

from models.tables import Batch, Document, ExtractedFieldRow, Identity, Observation, Page, Party
from workbench.db import db_session, ensure_schema

LINES = [
    "SUPERIOR COURT OF THE STATE OF CALIFORNIA",
    "COUNTY OF SPRINGFIELD",
    "Case No. 24SC00891",
    "MIDLAND CREDIT MANAGEMENT INC, Plaintiff",
    "v. JOHN Q SAMPLE, Defendant",
    "Amount claimed: $1,234.56",
    "Filed: March 3, 2024",
]


def page_words(lines: list[str] = LINES) -> list[dict]:
    """Words laid out line by line in points, 10 pt high, as intake stores them."""
    words = []
    for number, line in enumerate(lines):
        x = 72.0
        top = 72.0 + number * 20.0
        for text in line.split():
            width = 6.0 * len(text)
            words.append({"text": text, "bbox": [x, top, x + width, top + 10.0],
                          "confidence": 1.0, "line": number})
            x += width + 4.0
    return words


@pytest.fixture()
def database_url(db_url) -> str:
    """The shared per-test database (SQLite, or PostgreSQL with ``--backend postgres``),
    migrated, with ``CASETRACE_DATABASE_URL`` and the file store pointing at it."""
    ensure_schema(db_url)
    return db_url


@pytest.fixture()
def session(database_url) -> Iterator[Session]:
    with db_session(database_url) as session:
        yield session


def add_document(session: Session, *, name: str = "claim.pdf", doc_type: str = "complaint",
                 fields: list[tuple[str, str, float]] | None = None,
                 status: str = "extracted", batch: Batch | None = None) -> Document:
    """A processed document with one page of words and the given (name, value, confidence)."""
    fields = fields if fields is not None else [
        ("case_number", "24SC00891", 0.97), ("amount_due", "1234.56", 0.55),
        ("filing_date", "2024-03-03", 0.80)]
    document = Document(sha256=f"{abs(hash((name, doc_type))):064d}"[:64], file_name=name,
                        media_type="application/pdf", doc_type=doc_type, page_count=1,
                        status=status, batch_id=batch.id if batch else None)
    session.add(document)
    session.flush()
    words = page_words()
    session.add(Page(document_id=document.id, number=1, width=612.0, height=792.0, words=words,
                     text="\n".join(LINES)))
    boxes = {"case_number": words[8]["bbox"], "amount_due": words[-4]["bbox"],
             "filing_date": words[-3]["bbox"]}
    for field_name, value, confidence in fields:
        session.add(ExtractedFieldRow(document_id=document.id, name=field_name, value=value,
                                      raw=value, confidence=confidence, page=1,
                                      bbox=list(boxes.get(field_name, [72, 72, 120, 82])),
                                      evidence=f"text|{field_name}|left|hi|one|alone"))
    session.flush()
    return document


def add_debtor(session: Session, document: Document, name: str = "John Q Sample", *,
               identity: Identity | None = None, address: str = "12 Oak St, Springfield, IL 62704",
               phone: str = "+12175550143", observed_on: date | None = date(2024, 3, 3)
               ) -> tuple[Identity, Party]:
    """A debtor party on ``document`` linked to an identity, with its address and phone seen."""
    if identity is None:
        identity = Identity(display_name=name)
        session.add(identity)
        session.flush()
    party = Party(document_id=document.id, role="debtor", name=name, dob="1981-04-09",
                  ssn_last4="4821", addresses=[address], phones=[phone], confidence=0.9,
                  page=1, bbox=[72.0, 152.0, 300.0, 162.0], identity_id=identity.id)
    session.add(party)
    session.flush()
    for kind, value in (("address", address), ("phone", phone)):
        session.add(Observation(identity_id=identity.id, party_id=party.id,
                                document_id=document.id, kind=kind, value=value,
                                normalized=value.lower(), observed_on=observed_on,
                                source_type=document.doc_type))
    session.flush()
    return identity, party
