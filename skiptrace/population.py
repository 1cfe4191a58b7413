"""Person parties read from the database as one normalized table, the input to scoring.

Incremental linking, relinks and observation refreshes all start here: a list of
``Party`` rows becomes a ``PersonTable`` with each document's case and account
numbers, so filings that name only the debtor still tie to earlier paperwork.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlmodel import Session, col, select

from models.row_ids import stored_id
from models.tables import Document, ExtractedFieldRow, Party
from skiptrace.fellegi_sunter import FellegiSunterModel
from skiptrace.linker import committed_model
from skiptrace.normalize import PersonTable, normalize_records
from skiptrace.party_records import party_to_record

CASE_FIELDS = ("case_number", "account_number")
DISCARDED_FIELD_STATUSES = ("rejected", "not_in_document")


@dataclass(slots=True)
class Population:
    parties: list[Party]
    documents: dict[int, Document]
    table: PersonTable

    def index_of(self) -> dict[int, int]:
        return {stored_id(party): k for k, party in enumerate(self.parties)}


def documents_by_id(session: Session, document_ids: Iterable[int]) -> dict[int, Document]:
    ids = sorted(set(document_ids))
    if not ids:
        return {}
    rows = session.exec(select(Document).where(col(Document.id).in_(ids))).all()
    return {stored_id(row): row for row in rows}


def _case_fields(session: Session, document_ids: list[int]) -> dict[int, dict[str, str]]:
    """Per document, its most confident case_number and account_number still standing."""
    if not document_ids:
        return {}
    rows = session.exec(select(ExtractedFieldRow).where(
        col(ExtractedFieldRow.document_id).in_(document_ids),
        col(ExtractedFieldRow.name).in_(CASE_FIELDS),
        col(ExtractedFieldRow.status).not_in(DISCARDED_FIELD_STATUSES))).all()
    best: dict[int, dict[str, tuple[float, str]]] = defaultdict(dict)
    for row in rows:
        held = best[row.document_id].get(row.name)
        if held is None or row.confidence > held[0]:
            best[row.document_id][row.name] = (row.confidence, row.value)
    return {doc: {name: value for name, (_c, value) in fields.items()}
            for doc, fields in best.items()}


def load_population(session: Session, parties: list[Party]) -> Population:
    documents = documents_by_id(session, (p.document_id for p in parties))
    fields = _case_fields(session, sorted(documents))
    records = [party_to_record(p, documents.get(p.document_id),
                               case_number=fields.get(p.document_id, {}).get("case_number", ""),
                               account_number=fields.get(p.document_id, {}).get(
                                   "account_number", ""))
               for p in parties]
    return Population(parties=parties, documents=documents, table=normalize_records(records))


def model_for(n: int) -> FellegiSunterModel:
    return committed_model().for_population(max(n, 2))

