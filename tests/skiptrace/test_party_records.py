from datetime import date, datetime

from models.tables import Document, Party
from skiptrace.party_records import observed_on, party_to_record


def _document(document_date: date | None) -> Document:
    return Document(sha256="a" * 64, file_name="placement.pdf", doc_type="placement",
                    document_date=document_date, created_at=datetime(2026, 12, 1, 9, 30))


def test_observed_on_is_the_document_date():
    assert observed_on(_document(date(2019, 3, 1))) == date(2019, 3, 1)


def test_observed_on_an_undated_document_stays_undated_not_its_intake_day():
    assert observed_on(_document(None)) is None
    assert observed_on(None) is None


def test_party_record_of_an_undated_document_is_undated():
    party = Party(id=7, document_id=3, role="debtor", name="Maria Gonzalez",
                  addresses=["12 Elm St, Springfield, IL 62704"], phones=[], emails=[])
    record = party_to_record(party, _document(None))
    assert record.observed_on is None
    assert record.surname == "gonzalez"
